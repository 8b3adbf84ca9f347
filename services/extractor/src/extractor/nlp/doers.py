"""Doers that make a trigger no event between states: companies, and armed men of no state
(what a trigger's subject, agent or modifiers name)."""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from spacy.tokens import Token

from extractor.nlp.arguments import agents_of, entity_of, of_what, subjects_of
from extractor.nlp.nonparties import COMPANY_WORDS

if TYPE_CHECKING:
    from extractor.nlp.rules import EventRule

# Who a "business" compound makes company people: "business leaders", "business people".
BUSINESS_PEOPLE = {"leader", "people", "figure", "delegation", "executive"}
# Words of a number whose "of" names who acts: "Dozens of American companies".
NUMBERS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "some", "many",
           "most", "several", "few", "number", "handful", "all"}  # fmt: skip


def done_by_companies(verb: Token) -> bool:
    """A verb done by companies: a passive's agent ("deals struck by American companies") or
    a subject named as one ("State energy company Sonatrach signed a deal")."""
    doers = agents_of(verb)
    subjects = subjects_of(verb)
    if verb.dep_ == "acl":  # "business leaders travelling with Duterte": the leaders travel
        subjects.append(verb.head)
        # ... and those a paper was signed between: "a private trade accord signed in February
        # between Japanese business leaders and Chinese trading corporations"
        subjects += [
            g
            for head in (verb, verb.head)
            for prep in head.children
            if prep.dep_ in ("prep", "agent") and prep.lower_ == "between"
            for g in prep.children
            if g.dep_ == "pobj"
        ]
        # ... and a paper signed under which the clause's subject acts: "Noble Energy holds a
        # licence under an agreement signed with Nicosia"
        noun = verb.head
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and not doers:
            subjects += subjects_of(noun.head.head)
    # (and each of joined subjects: "Gazprom and Algeria's state energy company Sonatrach")
    subjects += [g for s in subjects for g in s.conjuncts]
    # (and what a number of them is of: "Dozens of American companies have signed agreements")
    subjects += [g for s in subjects if _a_number(s) for g in of_what(s)]
    doers += subjects
    doers += [g for s in subjects for g in s.children if g.dep_ in ("compound", "appos")]
    # ("business leaders travelling with Duterte"; not "the business secretary")
    business = any(
        s.lemma_.lower() in BUSINESS_PEOPLE
        and any(c.lower_ == "business" and c.dep_ == "compound" for c in s.children)
        for s in subjects
    )
    # (and a maker the story says made the weapon: "Lockheed Martin, which built the aircraft,
    # hopes to sell new F-16s", whatever the model took the name for)
    makers = any(
        c.dep_ == "relcl"
        and c.lemma_ in MAKING
        and any(r.dep_ == "nsubj" and r.lower_ in ("which", "that") for r in c.children)
        for s in subjects
        for c in s.children
    )
    return business or makers or any(g.lemma_.lower() in COMPANY_WORDS for g in doers)


# Verbs of a maker's relative clause: "which built the aircraft", "which makes the Gripen".
MAKING = {"build", "make", "manufacture", "produce", "design", "develop"}


def done_by_factions(verb: Token) -> bool:
    """A verb whose subject is one country's own politicians or factions ("Lebanon's feuding
    political leaders clinched a deal in Doha", "rival factions signed"), or a noun between
    or among them ("the 1989 Taif accord among Lebanese deputies"): no event between states,
    wherever it is done."""
    if verb.pos_ == "NOUN":
        subjects = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("between", "among")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    else:
        subjects = subjects_of(verb)
    subjects += [g for s in subjects for g in s.conjuncts]
    return any(
        s.lemma_.lower() in FACTIONS
        or any(c.dep_ == "amod" and c.lower_ in FACTIONAL for c in s.children)
        for s in subjects
    )


# Doers inside one state, and the words that make leaders its factions (not "party", "rival",
# "warring": "the parties signed the accord", "the rival neighbours' leaders met").
FACTIONS = {"faction", "opposition", "politician", "lawmaker", "legislator", "warlord", "deputy"}
FACTIONAL = {"political", "feuding", "opposition"}


def owned_by_a_company(noun: Token) -> bool:
    """A noun trigger a company owns: "Qatar Airways' order for up to 210 Boeing jets"."""
    return any(c.dep_ == "poss" and c.lemma_.lower() in COMPANY_WORDS for c in noun.children)


def _a_number(noun: Token) -> bool:
    """ "Dozens", "two", "some", "many": a number of what its "of" names."""
    return noun.pos_ == "NUM" or noun.lemma_.lower() in NUMBERS


def done_by_outlaws(rule: EventRule, trigger: Token, organ: re.Pattern[str] | None = None) -> bool:
    """An attack by armed men of no state (``outlaws``): "Islamist gun attacks", "attacks by
    militants", "gunmen stormed the hospital", "militants launched attacks"; crime or terror,
    no event between states. A noun by its modifiers, its "by" or the subject of its verb; a
    verb by its subject or the agent of its passive. With ``organ`` (the pattern of state
    organs), a named organisation that is none does no state's attack either ("the Islamic
    Movement of Uzbekistan, whose fighters launched armed incursions")."""
    if not rule.outlaws:
        return False
    if trigger.pos_ == "NOUN":
        doers = [c for c in trigger.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        # (and a side of talks: "talks between Kinshasa and the M23 rebels"; a "by" the
        # parser hung on the target: "attacks on shipping by Yemen's Houthi rebels")
        doers += [g for c in trigger.children if c.lower_ in ("by", "between") for g in c.children]
        doers += [
            g
            for c in trigger.children
            if c.lower_ in ("on", "against")
            for target in c.children
            for by in target.children
            if by.lower_ == "by"
            for g in by.children
        ]
        if trigger.dep_ in ("dobj", "pobj") and trigger.head.pos_ == "VERB":
            doers += subjects_of(trigger.head)
        doers += _accused(trigger)
    else:
        doers = subjects_of(trigger) + agents_of(trigger)
        if not doers and trigger.dep_ == "conj":  # ("gunmen disguised as staff stormed …")
            doers = subjects_of(trigger.head)
        if trigger.dep_ in ("acl", "relcl"):
            doers.append(trigger.head)  # ("the gunmen who stormed", "militants, who attacked")
    doers += [g for d in doers for g in d.conjuncts]
    # ("dozens of armed groups": what the number counts)
    doers += [
        g for d in doers if _a_number(d) for c in d.children if c.lower_ == "of" for g in c.children
    ]
    # ("the Islamic Movement of Uzbekistan, whose fighters launched …": the movement's)
    doers += [
        d.head.head
        for d in doers
        if d.head.dep_ == "relcl" and any(c.lower_ == "whose" for c in d.children)
    ]
    # (of a type states are accused of: an attack; a named group is no traveller's sign)
    if organ is not None and rule.accused and any(_a_group(d, organ) for d in doers):
        return True
    # ("churches struck by Islamist suicide bombers": a word of the doer's own, too)
    doers += [m for d in doers for m in d.children if m.dep_ in ("amod", "compound")]
    return any(d.lemma_.lower() in rule.outlaws or d.lower_ in rule.outlaws for d in doers)


def fired_on_victims(rule: EventRule, trigger: Token) -> bool:
    """Fire at unarmed people (``victims``): "Indonesian troops opened fire on mourners at a
    cemetery in Dili" tells a massacre, no attack between states."""
    if not rule.victims or trigger.pos_ != "VERB":
        return False
    targets = [
        g
        for c in trigger.children
        if c.dep_ == "prep"
        and (c.lower_ == "on" or (c.lower_ == "at" and trigger.lemma_ != "open"))
        for g in c.children
        if g.dep_ == "pobj"
    ]
    targets += [c for c in trigger.children if c.dep_ == "dobj" and c.lemma_ != "fire"]
    # (not people of a state named: "fired on Ukrainian civilians" attacks Ukraine)
    named = any(c.ent_type_ in ("GPE", "NORP") for t in targets for c in t.subtree if c.i != t.i)
    return not named and any(t.lemma_.lower() in rule.victims for t in targets)


# Verbs whose object is accused of the event their "of" or "for" names.
ACCUSING = {"accuse", "blame", "suspect"}
# How far above the noun the accusing verb may be ("accused them of a string of bombings").
ACCUSED_DEPTH = 4


def _accused(noun: Token) -> list[Token]:
    """Who a verb of accusing says did the event: its object, or the subject of a passive
    ("Tashkent has accused them of a string of bombings"; "them", after "guerrillas raided …
    and", is the subject of the clause it is joined to)."""
    for head in islice(noun.ancestors, ACCUSED_DEPTH):
        if head.lemma_ in ACCUSING and head.pos_ == "VERB":
            accused = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            pronouns = [a for a in accused if a.pos_ == "PRON"]
            if pronouns and head.dep_ == "conj":
                accused += subjects_of(head.head)
            return accused
    return []


def _a_group(token: Token, organ: re.Pattern[str]) -> bool:
    """A named organisation that is no state organ (not an army, a ministry, Hezbollah)."""
    if token.ent_type_ != "ORG" or token.pos_ != "PROPN":
        return False  # (not an office the vocabulary tags: "Burkina Faso's foreign minister")
    return not organ.search(entity_of(token).text)
