"""Whether a trigger noun means an event of a type: its modifiers, its owner, its partners,
and the paper a signing is for (the rules of ``resources/events.yaml`` applied to one token;
verbs are judged in ``verb_senses``)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from extractor.nlp.arguments import (
    PAIR_WORDS,
    definite,
    paper_noun,
    subjects_of,
)
from extractor.nlp.days import MONTHS
from extractor.nlp.journeys import names_an_office
from extractor.nlp.rules import EventRule

NAMED = {"PROPN"}
# Armed forces named as a partner ("an exercise with Russian warships").
FORCES = {"warship", "ship", "vessel", "navy", "force", "troop", "army", "soldier", "marine",
          "military", "fleet", "jet", "aircraft", "unit", "counterpart"}  # fmt: skip


def noun_accepted(rule: EventRule, noun: Token) -> bool:
    """A noun trigger with the modifiers its type needs and none it excludes; a named one
    ("the Malabar exercise") needs none when its type allows proper names."""
    children = [child for child in noun.children if child.dep_ in ("amod", "compound")]
    modifiers = {child.lower_ for child in children}
    if (
        rule.exclude_modifiers & modifiers
        or _the_whole(rule, noun)
        or _a_kind_of_craft(noun)
        or _aimed_at(rule, noun)  # ("launched a fresh attack on U.S. policy")
        or (rule.type == "attack" and _named_by_its_day(noun))
    ):
        return False
    if rule.subtree and not names_what(rule.subtree, list(noun.subtree)):
        return False  # "soybean sales", "banned from sale": no weapon, no arms sale
    if rule.objects and not names_what(rule.objects, _trainees(noun)):
        return False  # "training" of whom: pilots, troops, officers
    if rule.proper_names and any(child.pos_ in NAMED for child in children):
        return True
    # one state's own: "the huge Indian army exercise in the Rajasthan desert", "an emergency
    # meeting of his National Security Council"
    if (rule.joint and _one_states(noun, children, modifiers)) or _of_own_body(rule, noun):
        return False
    return not rule.modifiers or bool(rule.modifiers & modifiers) or _with_forces(noun)


def _aimed_at(rule: EventRule, noun: Token) -> bool:
    """What the noun is "on" gives it another sense, as an object does a verb's."""
    return any(
        g.lemma_.lower() in rule.exclude_objects or g.lower_ in rule.exclude_objects
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "on"
        for g in c.children
        if g.dep_ == "pobj"
    )


# A day written as digits: "the 9/11 attacks", "the 7/7 bombings".
_DIGIT_DAY = re.compile(r"\d{1,2}/\d{1,2}")


def _named_by_its_day(noun: Token) -> bool:
    """ "since the Sept. 11 attacks", "the 9/11 attacks": an attack named by its day, with no
    state in its own phrase, is a past happening the story refers to, told by a group, not a
    state ("Iran launched the April 13 attack on Israel" names its target and stays)."""
    named = any(
        (
            c.dep_ in ("nmod", "compound")
            and c.ent_type_ == "DATE"
            and c.lower_.rstrip(".") in MONTHS
        )
        or (c.dep_ in ("nummod", "compound") and _DIGIT_DAY.fullmatch(c.text) is not None)
        for c in noun.children
        if c.i < noun.i
    )
    # (its own phrase, not what is joined to it: "the Sept. 11 attacks and his backing for the
    # U.S. air campaign in Afghanistan")
    return named and not any(
        t.ent_type_ in ("GPE", "NORP")
        for c in noun.children
        if c.dep_ not in ("conj", "cc")
        for t in c.subtree
    )


# Craft a noun before it names the kind of: "Mi-35 attack helicopters", "training jets".
CRAFT = {"helicopter", "aircraft", "jet", "fighter", "submarine", "drone", "plane", "boat", "ship",
         "craft", "vessel", "bomber", "missile", "aeroplane", "airplane", "warplane"}  # fmt: skip


def _a_kind_of_craft(noun: Token) -> bool:
    """ "Iraq ordered Mi-28 and Mi-35 attack helicopters": the trigger word right before a craft
    names its kind (however the parser hangs it), no event."""
    following = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    return following is not None and following.lemma_.lower() in CRAFT


def _the_whole(rule: EventRule, noun: Token) -> bool:
    """ "Rumsfeld flies on to Lima, the second stop of his trip": the trip is the whole journey,
    whose stops are visits of their own."""
    preposition = noun.head
    return (
        bool(rule.parts)
        and noun.dep_ == "pobj"
        and preposition.lower_ in ("of", "on")
        and preposition.head.lemma_.lower() in rule.parts
    )


# Possessive pronouns that make a body one person's or one state's own.
OWNERS = {"his", "her", "its", "their"}


# Verbs by which a leader gathers a body, or speaks to it: "called an emergency meeting of
# security ministers", "told a meeting of top military commanders".
CONVENES = {"call", "convene", "chair", "tell", "address"}


def _called_by_a_leader(noun: Token, body: Token) -> bool:
    """A meeting a leader calls of a body no state or nationality describes is of his own
    (where it sits says nothing of whose it is: "commanders at the Defence Ministry")."""
    if noun.dep_ != "dobj" or noun.head.lemma_ not in CONVENES:
        return False
    seat = {
        t.i
        for c in body.children
        if c.dep_ == "prep" and c.lower_ in ("at", "in")
        for t in c.subtree
    }
    return not any(
        t.ent_type_ or t.dep_ == "prep" for t in body.subtree if t.i != body.i and t.i not in seat
    )


def _of_own_body(rule: EventRule, noun: Token) -> bool:
    """A meeting of a body one leader or state owns ("of his National Security Council", "of
    its cabinet") is inside that state: no meeting between states."""
    return bool(rule.own_bodies) and any(
        {body.lemma_.lower(), body.lower_} & rule.own_bodies
        and (
            any(
                c.dep_ == "poss" and (c.lower_ in OWNERS or c.lemma_.lower() in rule.own_bodies)
                for c in body.children
            )  # (also a body's own: "a meeting of the party's executive committee")
            or _called_by_a_leader(noun, body)
            # ("an emergency meeting of the national security council")
            or any(c.lower_ == "national" for c in body.children)
        )
        and not any(c.lower_ in PAIR_WORDS for c in body.children)  # ("their two governments")
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for body in prep.children
        if body.dep_ == "pobj"
    )


# Words of an exercise held together ("joint", "combined"), or its partners ("with", "between").
JOINT = {"joint", "combined", "bilateral", "trilateral", "multinational", "international"}
PARTNERS = {"with", "between", "alongside", "involving"}


def _one_states(noun: Token, children: list[Token], modifiers: set[str]) -> bool:
    """An exercise one nationality describes or one state owns, with no word of a partner ("an
    Indian army exercise", "India's military exercise"; not "a joint Indian exercise", "an
    Indian exercise with Japan")."""
    if JOINT & modifiers or any(c.lower_ in PARTNERS for c in noun.children):
        return False
    if any(c.lower_ == "own" for c in noun.children):
        return True  # "Iran's army and navy staged their own war games"
    # (also a state that owns it: "India's biggest-ever military exercise")
    owners = [c for c in noun.children if c.dep_ == "poss"]
    states = [c for c in [*children, *owners] if c.ent_type_ in ("NORP", "GPE")]
    if not states:  # "China began live-fire exercises in the Taiwan Strait": its subject's
        return _held_by_one(noun)
    return len(states) == 1 and not any(c.dep_ == "conj" for c in states[0].children)


def _held_by_one(noun: Token) -> bool:
    """An exercise its verb's subject holds alone: one state named there, and no partner with
    the verb ("China began exercises"; not "China began exercises with Russia", "China and
    Russia began exercises"), also one it sends forces into ("Venezuela ordered 5,600 troops
    into military exercises")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "into" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return False
    if any(c.lower_ in PARTNERS for c in verb.children):
        return False
    subjects = subjects_of(verb)
    return _states_among(subjects) == 1 and all(s.ent_type_ == "GPE" for s in subjects)


def _with_forces(noun: Token) -> bool:
    """ "A 10-day exercise with Russian and Chinese warships", "drills with India": a partner
    state, or its forces, makes it joint; so do doers from two states or more ("ships and
    aircraft from France, Italy, Greece and Cyprus began a further exercise")."""
    if noun.dep_ == "dobj" and _states_among(subjects_of(noun.head)) >= 2:
        return True
    # (or its verb's: "began the exercise on Monday, with Moroccan and American forces")
    for partner in [
        *partners_with(noun),
        *(partners_with(noun.head) if noun.dep_ == "dobj" else ()),
    ]:
        if partner.ent_type_ in ("GPE", "NORP"):
            return True
        named = any(t.ent_type_ in ("GPE", "NORP") for t in partner.subtree)
        if named and partner.lemma_.lower() in FORCES:
            return True
    return False


def _states_among(heads: list[Token]) -> int:
    """How many states the phrases of ``heads`` name (a GPE or a nationality each)."""
    starts = {
        t.i
        for h in heads
        for t in h.subtree
        if t.ent_type_ in ("GPE", "NORP") and t.ent_iob_ == "B"
    }
    return len(starts)


def partners_with(head: Token) -> list[Token]:
    """What ``head`` is with: the objects of its "with" ("drills with India", "ties with
    Beijing")."""
    return [
        g
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for g in prep.children
        if g.dep_ == "pobj"
    ]


# Words of what a sale is of that also name a kind of pact: "a defence deal".
KINDS_OF_PACTS = frozenset({"defence", "defense", "security"})


def concluded_by_paper(rule: EventRule, trigger: Token) -> bool:
    """A signed paper ("signed a contract", "the deal") whose purpose is an event of ``rule``'s
    type: "a contract to buy 24 jets", "a deal for the purchase of tanks", "a contract for 36
    howitzers" tell the sale itself, not a pact between states."""
    paper = paper_noun(trigger)
    if paper is None or paper.lemma_.lower() not in rule.papers:
        return False
    # "a contract worth $375m to buy": the purpose may hang on the paper's modifier, or on
    # the signing ("signed a contract on Tuesday to buy")
    holders = {paper.i, trigger.i} | {c.i for c in paper.children if c.dep_ == "amod"}
    # ("an arms deal", "the Rafale contract": a modifier that names the weapon; not "a defence
    # deal", a pact)
    named = rule.subtree - KINDS_OF_PACTS
    if named and any(
        c.dep_ in ("compound", "nmod") and names_what(named, list(c.subtree))
        for c in paper.children
    ):
        return True
    for token in (*paper.subtree, *trigger.children):
        if token.head.i not in holders:
            continue
        # what it is for must be what the type needs: "a deal to buy LNG" is no arms sale
        what = not rule.subtree or names_what(rule.subtree, list(token.subtree))
        if token.dep_ in ("acl", "xcomp", "advcl") and token.lemma_ in rule.verbs:
            return what
        if token.dep_ == "prep" and token.lower_ == "for":
            objects = [g for g in token.children if g.dep_ == "pobj"]
            if what and (any(g.lemma_ in rule.nouns for g in objects) or rule.subtree):
                return True
    return False


def _trainees(noun: Token) -> list[Token]:
    """The noun's phrase and the subject of the verb it depends on ("pilots began training")."""
    subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [*noun.subtree, *(t for s in subjects if noun.head.i != noun.i for t in s.subtree)]


def names_what(words: frozenset[str], phrase: list[Token]) -> bool:
    """The phrase holds one of ``words`` (as lemma or as written) or a named product; a word
    naming an office is none ("sent its defence minister to Ukraine")."""
    phrase = [t for t in phrase if not names_an_office(t)]
    found = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
    return bool(words & found) or any(t.ent_type_ == "PRODUCT" for t in phrase)


def the_paper(rule: EventRule, trigger: Token) -> bool:
    """ "The contract was signed", "the deal": a paper named before, with the definite article."""
    noun = paper_noun(trigger)
    return noun is not None and noun.lemma_.lower() in rule.papers and definite(noun)
