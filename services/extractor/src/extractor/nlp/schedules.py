"""What a story tells as still to come by its tense and timetable: the simple present of a
trip with a day ("flies to Kazakhstan on Wednesday"), the next leg of a tour ("travels on to
Uzbekistan"), a past progressive for later that day ("was flying on to Milan later on
Thursday"), and what such a trip is for; and what "be to" arranges, "was to have" left
undone and the past perfect overtook ("had planned to visit")."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from spacy.tokens import Token

from extractor.nlp.arguments import first_of_list, infinitive
from extractor.nlp.days import WEEKDAYS, resolve_date

PRESENT = {"VBZ", "VBP"}
PLACES = {"GPE", "LOC", "FAC"}
# Words of a tour's next leg: "travels on to", "then heads to".
ONWARD = {"on", "then", "next", "later"}


def timetabled(trigger: Token) -> bool:
    """The trigger is scheduled or the next leg of a tour, or what such a trip is for ("flies
    to Buenos Aires on Saturday for talks")."""
    if _scheduled(trigger) or _leaving_later(trigger):
        return True
    purpose = first_of_list(trigger)  # ("for a state visit and talks with Hu")
    trip = purpose.head.head
    return _purpose_of_a_trip(purpose) and (_scheduled(trip) or _leaving_later(trip))


# Journeys a story tells in the past progressive as the next leg ("was flying on to Milan
# later on Thursday", "was leaving on Thursday for Senegal").
LEAVING = {"leave", "fly", "travel", "head", "go", "depart"}


def _leaving_later(trigger: Token) -> bool:
    """ "Putin was flying on to Milan later on Thursday": still to come when the story was
    filed, later that day or on the day of publication."""
    if (
        trigger.tag_ != "VBG"
        or trigger.lemma_ not in LEAVING
        or not any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in trigger.children)
    ):
        return False
    if any(t.lower_ == "later" for t in trigger.subtree):
        return True
    published = trigger.doc._.published
    if published is None:
        return False
    today = (published.date() if isinstance(published, datetime) else published).isoformat()
    return any(
        (day := resolve_date(t.text, published)) is not None and day.value == today
        for t in trigger.subtree
        if t.ent_type_ == "DATE" and t.lower_ in WEEKDAYS
    )


def _scheduled(trigger: Token) -> bool:
    """ "The Israeli leader flies to Kazakhstan on Wednesday": the simple present of a trigger
    with a day of its own tells what is scheduled, and one that goes on ("travels on to
    Uzbekistan", "then heads to Seoul") the next leg of a tour."""
    if trigger.tag_ not in PRESENT or any(c.dep_ in ("aux", "auxpass") for c in trigger.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("after", "since") for c in trigger.children):
        return False  # "four months after Indian missile strikes on May 7": a noun taken for a verb
    if any(
        c.lower_ in ONWARD
        and (c.dep_ in ("prt", "advmod") or (c.dep_ == "prep" and not _has_object(c)))
        for c in trigger.children
    ):
        return True  # "From Astana, Xi travels on to Uzbekistan": the tour's next leg
    if any(
        c.dep_ == "prep" and c.lower_ == "from" and any(g.ent_type_ == "GPE" for g in c.children)
        for c in trigger.children
    ):
        return True  # ("From Mexico, Tillerson travels to Argentina": from the stop before)
    return any(
        (t.ent_type_ == "DATE" or (t.ent_type_ == "TIME" and t.lower_ in WEEKDAYS))
        and t.i != trigger.i  # (a day, or a time on one: "on Wednesday evening")
        for c in trigger.children
        if c.dep_ in ("prep", "npadvmod")
        for t in c.subtree
    )


def _has_object(prep: Token) -> bool:
    return any(c.dep_ == "pobj" for c in prep.children)


def _purpose_of_a_trip(noun: Token) -> bool:
    """ "Putin flies to Buenos Aires on Saturday for talks": what a trip is for."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ == "VERB"


# Plans another makes, which the past perfect tells as made, not overtaken: "Xi had invited Lee
# to pay a visit to China", "had asked him to come".
ASKED = {"invite", "ask", "urge"}


def overtaken(token: Token) -> bool:
    """ "had planned", "had been due": a plan told in the past perfect was overtaken (not a
    noun's verb: "had accepted an invitation to visit" still holds; nor one asked of another:
    "had invited Lee to visit")."""
    return (
        token.pos_ != "NOUN"
        and token.lemma_ not in ASKED
        and any(
            c.dep_ == "aux" and c.lower_ == "had"
            for word in (token, token.head)
            for c in word.children
        )
    )


def arranged(chain: list[Token]) -> bool:
    """ "The ministers are to meet", "pilots are to be trained": "be to" is what is arranged
    (but "Barak was in Moscow to sign an agreement" tells where he was and what for)."""
    return any(
        token.lemma_ == "be"
        and below.dep_ == "xcomp"
        and infinitive(below)
        and not _somewhere(token, below)
        for below, token in pairwise(chain)
    )


def arranged_undone(chain: list[Token]) -> bool:
    """ "Was to have flown", "were to have signed": what was arranged and did not happen."""
    return any(
        token.lemma_ == "be"
        and below.dep_ == "xcomp"
        and below.tag_ == "VBN"
        and infinitive(below)
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in below.children)
        for below, token in pairwise(chain)
    )


def _somewhere(be: Token, below: Token) -> bool:
    """ "Was in Moscow to sign": a place said before the infinitive, which is then a purpose
    (not "Clinton, on a tour of the region, was to fly on to Amman")."""
    return any(
        c.dep_ == "prep" and be.i < c.i < below.i and any(t.ent_type_ in PLACES for t in c.subtree)
        for c in be.children
    )
