"""Whether a trigger verb means an event of a type: the objects, doers, targets and particles
its sense needs, what it sells, and what two sides agreed together (the rules of
``resources/events.yaml`` applied to one token; nouns are judged in ``senses``)."""

from __future__ import annotations

from spacy.tokens import Token

from extractor.nlp.arguments import (
    PAIR_WORDS,
    agents_of,
    has_particle,
    objects_of,
    of_what,
    subjects_of,
    takes_object,
)
from extractor.nlp.journeys import arriving, weapons_arrive
from extractor.nlp.rules import EventRule
from extractor.nlp.senses import JOINT, PARTNERS, names_what, noun_accepted, partners_with

# Whom a host receives: a person, a state, a nationality ("the Saudi crown prince").
GUESTS = {"PERSON", "GPE", "NORP"}
# Auxiliaries of a clause that commits who agreed to it: "agreed that neither would use force".
COMMITMENTS = {"will", "would", "shall", "should", "must", "wo", "'ll"}
# Pronouns that stand for people.
PERSONAL = {"he", "she", "him", "her", "they", "them"}


def excluded_object(rule: EventRule, verb: Token) -> bool:
    """A verb whose object gives it another sense ("struck a deal", "meet the demand")."""
    objects = [o for o in objects_of(verb) if o.dep_ != "pobj" or o.i == verb.head.i]
    objects += [c for c in verb.children if c.dep_ == "nsubjpass"]  # ("deals could be struck")
    if verb.dep_ in ("acl", "relcl"):  # "a handful of deals struck by ...": of the head
        objects += [g for c in verb.head.children if c.lower_ == "of" for g in c.children]
    if not takes_object(verb):  # ("a deal for Su-35 fighters, struck in 2018", parsed active)
        objects += [c for c in verb.children if c.dep_ == "nsubj"]
    return any({o.lemma_.lower(), o.lower_} & rule.exclude_objects for o in objects)


def sense_accepted(rule: EventRule, verb: Token) -> bool:
    """A verb with several senses ("host talks", not "host the drills") in this type's: one of
    the objects its sense needs, or a named entity as object."""
    aims = rule.targets.get(verb.lemma_)
    if aims and not any(
        (
            c.dep_ == "prep"
            and (c.lower_ in aims or _into_a_state(c))
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # ("on Tuesday")
        )
        or c.dep_ == "dative"  # ("sent Ukraine 31 tanks")
        for c in verb.children
    ):
        return False  # "fired a missile into the sea" is a test, "fired missiles at" an attack
    doers = rule.agents.get(verb.lemma_)
    if doers is not None and not _done_by(verb, doers):
        return False  # "the decision hits exporters", "fuel shortages hit the city"
    if aims and not takes_object(verb):
        # "Rwandan forces fired on a Congolese fighter jet": no object, a target (but "China
        # fired back at the United States" in words)
        return not any(c.lower_ == "back" for c in verb.children)
    if (
        verb.lemma_ in rule.particles and not has_particle(verb, rule.particles)
    ) or _a_body_sitting(rule, verb):
        return False  # "sat down with the president", not "sat in parliament"; "the council met"
    needed = rule.senses.get(verb.lemma_)
    if needed is None:
        return True
    objects = [o for o in objects_of(verb) if o.dep_ != "pobj" or verb.dep_ == "relcl"]
    if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
        # "Austin arrived on Thursday and was received by President Duterte": the guest is
        # the subject the two verbs share
        objects += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(
        (c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that"))
        or (c.dep_ == "advmod" and c.lower_ == "where")  # ("Britain, where Liverpool is hosting")
        for c in verb.children
    ):
        objects = [o for o in objects if o.i != verb.head.i]  # "Armenia, which hosts a base"
    guests = rule.guests  # (not "fired him at a meeting", "shot him at a checkpoint")
    # (an object that is this type's noun in another sense: "launched a verbal attack")
    objects = [o for o in objects if o.lemma_ not in rule.nouns or noun_accepted(rule, o)]
    # (a ship named after its kind: "sank the corvette Cheonan")
    kinds = [c for o in objects for c in o.children if c.dep_ == "compound"]
    return any(k.lemma_.lower() in needed for k in kinds) or any(
        o.lemma_.lower() in needed
        or o.lower_ in needed
        or (guests and o.lower_ in PERSONAL)  # "he was received by President Erdogan"
        or (guests and o.ent_type_ in GUESTS)  # (not "hosts a Russian military base")
        or o.ent_type_ in needed  # (a label: "shot down a Yugoslav MiG-29", a PRODUCT)
        for o in objects
    )


def _a_body_sitting(rule: EventRule, verb: Token) -> bool:
    """A body that sits on its own, naming no partner: "The Radical Party's leadership met in
    Belgrade on Thursday", "the council met in emergency session at Moscow's request" (not "the
    two cabinets met", "the council met Iran's envoy")."""
    subjects = [s for s in subjects_of(verb) if s.dep_ == "nsubj"]
    return (
        bool(rule.sitting_bodies)
        and len(subjects) == 1
        and subjects[0].lemma_.lower() in rule.sitting_bodies
        and not subjects[0].conjuncts
        and not _of_two(subjects[0])
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
        and not any(c.dep_ == "prep" and c.lower_ in PARTNERS for c in verb.children)
    )


def _of_two(body: Token) -> bool:
    """A body of two or more states: "the two cabinets", "a joint border committee", "a council
    made up of ministers from both countries"."""
    words = [t for t in body.subtree if t.i != body.i]
    states = {t.ent_kb_id_ or t.text for t in words if t.ent_type_ in ("GPE", "NORP")}
    return (
        len(states) > 1
        or any(t.lower_ in PAIR_WORDS or t.lower_ in JOINT for t in words)
        or any(c.dep_ == "nummod" for c in body.children)
    )


def _into_a_state(prep: Token) -> bool:
    """ "fired a single round into Rwanda": a state named as where it went is a target (not
    "into the sea", "into Japan's economic zone")."""
    return prep.lower_ == "into" and any(
        g.dep_ == "pobj" and g.ent_type_ == "GPE" for g in prep.children
    )


def _done_by(verb: Token, doers: frozenset[str]) -> bool:
    """The verb's doer is one of ``doers``: its subject ("cruise missiles hit air defence
    sites"), the agent of a passive ("was sunk by a torpedo"), the noun a participle hangs on
    ("a base destroyed by jets" is the agent's; "jets destroyed" is the subject's)."""
    subjects = subjects_of(verb)
    if verb.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in subjects):
        subjects = [verb.head]  # "missiles, which hit a radar station"
    agents = agents_of(verb)
    # (a participle on a noun is passive too: "a base destroyed by jets"; "have hit" is not)
    participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")
    passive = participle or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive and not agents and "passive" in doers:
        return True  # ("Sarkozy was welcomed with full honours": by his host)
    heads = agents if agents or passive else subjects
    heads += [g for h in heads for g in h.conjuncts]
    # (a doer may also be named by its entity label: "PERSON" for "Obama welcomed Essebsi")
    return any(
        h.lemma_.lower() in doers or h.lower_ in doers or (h.ent_type_ and h.ent_type_ in doers)
        for h in heads
    )


def verb_accepted(rule: EventRule, verb: Token) -> bool:
    """A verb trigger with the object its type needs, and what is sold in its phrase."""
    if verb.lemma_ in rule.joint_verbs and _together(verb):
        return True
    if rule.objects:
        candidates = [*objects_of(verb), *(g for o in objects_of(verb) for g in of_what(o))]
        if not candidates:  # (the parser's "trained [troops guarding the border … are active]")
            candidates = [s for c in verb.children if c.dep_ == "ccomp" for s in subjects_of(c)]
        objects = [o for o in candidates if {o.lemma_.lower(), o.lower_} & rule.objects]
        if not objects and not _object_as_subject(rule, verb):
            return False
        kinds = {c.lower_ for o in objects for c in o.children if c.dep_ in ("amod", "compound")}
        if kinds and kinds <= rule.exclude_modifiers:
            return False  # "Energean signed sales agreements": the object names another kind
        if rule.modifiers and verb.lemma_ not in rule.strong_verbs:
            modifiers = {child.lower_ for obj in objects for child in obj.children}
            return bool(rule.modifiers & modifiers) or _bare_with_a_state(verb, objects)
    if rule.subtree and verb.lemma_ in rule.arrivals:
        # (what arrives takes no object: "landed a deal for 26 Rafale jets"; but an object
        # that names this type's event is the arrival told again: "aircraft carrying weapons
        # landed in Mogadishu, the first such delivery")
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ not in rule.nouns]
        return not objects and weapons_arrive(rule.subtree, arriving(verb))
    return not rule.subtree or names_what(rule.subtree, _what_is_sold(verb))


def _what_is_sold(verb: Token) -> list[Token]:
    """The verb's phrase without its subject (the seller) and without what its relative
    clauses tell of other things ("pledged to rebuild the ties that collapsed after Turkey
    shot down a Russian jet": no jet pledged)."""
    left = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    left |= {t.i for t in verb.subtree if t.dep_ == "relcl" and t.i != verb.i for t in t.subtree}
    phrase = [t for t in verb.subtree if t.i not in left]
    if verb.dep_ in ("relcl", "acl"):  # "the equipment Poland had given to Ukraine"
        phrase.append(verb.head)
    return phrase


def _bare_with_a_state(verb: Token, objects: list[Token]) -> bool:
    """ "Panama established ties with Beijing": an object without any modifier, with a state as
    the other side, needs none ("restored trade ties with China" names another kind)."""
    if any(c.dep_ in ("amod", "compound", "nmod") for o in objects for c in o.children):
        return False
    return any(
        t.ent_type_ == "GPE"
        for head in (verb, *objects)
        for g in partners_with(head)
        for t in g.subtree
    )


def what_was_agreed(verb: Token) -> list[Token]:
    """The clauses a joint verb says the sides agreed to do: "agreed to restore ties", and the
    purpose of a plan agreed on ("agreed on a plan to halt the war"); the parser may hang it on
    "time" ("agreed for the first time to coordinate their deterrents")."""
    clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    for prep in verb.children:
        if prep.dep_ == "prep" and (
            prep.lower_ == "on"
            or (prep.lower_ == "for" and any(n.lemma_ == "time" for n in prep.children))
        ):
            clauses += [
                a
                for noun in prep.children
                if noun.dep_ == "pobj"
                for a in noun.children
                if a.dep_ in ("acl", "relcl")
                and any(t.dep_ == "aux" and t.lower_ == "to" for t in a.children)
            ]
    return clauses


def _together(verb: Token) -> bool:
    """Two sides act together: "Iran and Saudi Arabia agreed to …", "agreed with China to …"."""
    if not what_was_agreed(verb) and not any(_commits(c) for c in verb.children):
        return False  # (what they agreed: "to restore ties", "that neither would use force")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # (a list the parser hangs as an apposition: "Russia, [Ukraine, the United States and
    # the European Union] agreed on first steps")
    subjects += [a for s in subjects for a in s.children if a.dep_ == "appos"]
    # (and the states a subject is "of": "the presidents of Russia, Kazakhstan and Turkmenistan")
    subjects += [g for s in subjects for g in of_what(s)]
    joined = any(g.dep_ == "conj" for s in subjects for g in s.children)
    return joined or any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _commits(clause: Token) -> bool:
    """A "that" clause agreed on that commits the sides ("that neither would use force"), not
    a shared opinion ("agreed that tensions were too high")."""
    return clause.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ in COMMITMENTS for c in clause.children
    )


def _object_as_subject(rule: EventRule, verb: Token) -> bool:
    """An intransitive trigger whose subject is what it needs ("Ukrainian crews trained"),
    also the subject of the verb it completes ("Ukrainian pilots began training")."""
    if any(child.dep_ in ("dobj", "nsubjpass") for child in verb.children):
        return False
    subjects = [*verb.children, *(verb.head.children if verb.dep_ == "xcomp" else ())]
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in rule.objects for c in subjects)
