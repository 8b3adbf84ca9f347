"""Days a story carries from one sentence to the next: an undated event happened on the day
told just before it, on the day of the wire lead, or on the day of the occasion a visitor flew
in for."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from extractor.nlp import datelines
from extractor.nlp.counted import (
    bounds_a_span,
    counted_clause,
    counts_a_day,
    from_the_occasion,
    heads,
    shifted,
    tells_the_same_day,
)
from extractor.nlp.days import ResolvedDate, resolve_date, shifted_day, this_week
from extractor.nlp.found import FoundEvent
from extractor.nlp.journeys import ARRIVALS
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.when import dates_another_clause

# How many sentences after a dated reported event an undated one still takes its day.
CARRY_SENTENCES = 2
# An arrival's day told as its evening: "late on Monday", "Wednesday evening", "Sunday night".
EVENING = re.compile(r"\b(?:late|evening|night)\b")
# What a journey is made for that the story tells as an event of its own.
OCCASIONS = {"signing", "ceremony", "summit", "talks", "meeting", "handover"}
# Journeys, besides arrivals, that are made for an occasion ("made the trip for the ceremony").
JOURNEYS = {"travel", "come", "trip", "journey"}


def carry_dates(
    events: list[FoundEvent],
    dates: SpanIndex,
    published: datetime | None,
    to_come: Callable[[Token], bool],
) -> None:
    """A story tells its happening over several sentences: a reported event its sentence does
    not date ("Trump received Netanyahu shortly before the ceremony", "the two leaders held
    talks") happened on the day of the reported event dated just before it, when that is at
    most ``CARRY_SENTENCES`` sentences back or is the day of the story's news, and its own
    sentence names no day at all ("an MOU signed with Morocco in November" is no undated
    event). A cancelled event takes that day too, but passes no day on; planned or denied
    events keep no date."""
    if not events:
        return
    doc = events[0].sentence.doc
    number = {sent.start: n for n, sent in enumerate(doc.sents)}
    carried = _lead_day(doc, dates, published, number)  # (sentence, day, precision) told last
    occasion = carried  # the last dated event no journey: what one "flew in for"
    day = carried  # the last day told: what "earlier in the day" is
    for event in events:
        if event.status not in ("reported", "cancelled"):
            continue
        if event.status == "cancelled":
            # ("Trump then called off retaliatory strikes": called off when the story was)
            if (
                event.date is None
                and carried is not None
                and not _names_a_day(event, dates, published, to_come)
                and number[event.sentence.start] - carried[0] <= CARRY_SENTENCES
            ):
                event.date, event.date_precision = carried[1], carried[2]
            continue
        if event.date is not None:
            carried, day, occasion = _passed_on(event, number, carried, day, occasion)
        elif (
            occasion is not None
            and occasion[2] == "day"
            and (apart := from_the_occasion(event.trigger, OCCASIONS)) is not None
        ):
            # "who arrived in Tokyo a day before the signing"
            event.date, event.date_precision = shifted_day(occasion[1], apart), "day"
        elif day is not None and tells_the_same_day(event.sentence):
            # ("Moscow and Bishkek sealed the deal in September. … Earlier in the day Putin and
            # Akayev held talks": the day of the lead, not the month told between)
            event.date, event.date_precision = day[1], day[2]
        elif (
            occasion is not None
            and for_the_occasion(event.trigger)
            and not _names_a_day(event, dates, published, to_come)
        ):
            # "Nazarbayev, Akayev and Rakhmonov flew in for the signing": its day, however
            # far back the story told it
            event.date, event.date_precision = occasion[1], occasion[2]
        elif (
            carried is not None
            # (a day its sentence names may be the one it carries: "landed in Caracas on
            # Wednesday, and within hours he and Chavez had signed an agreement")
            and (
                not _names_a_day(event, dates, published, to_come)
                or carried[0] == number[event.sentence.start]
            )
            and _carries(carried, number[event.sentence.start], published)
        ):
            event.date, event.date_precision = _counted_from(event, carried)


Told = tuple[int, str, str]  # (sentence, day, precision)


def _passed_on(
    event: FoundEvent,
    number: dict[int, int],
    carried: Told | None,
    day: Told | None,
    occasion: Told | None,
) -> tuple[Told | None, Told | None, Told | None]:
    """The days a dated event passes on: the one to carry, the last day, the last occasion."""
    # (a year is history told in passing, "the 1998 bombing": no day to carry)
    told = (number[event.sentence.start], event.date or "", event.date_precision or "")
    # (a month told beside the day its sentence is about is background: "flew into New Delhi
    # on Wednesday ... to track down those behind last month's attacks")
    beside_a_day = carried is not None and carried[0] == told[0] and carried[2] == "day"
    if not (beside_a_day and told[2] != "day"):
        carried = told if event.date_precision != "year" else None
    if event.date_precision == "day":
        day = told
        occasion = told if event.type != "visit" else occasion
    return carried, day, occasion


def _counted_from(event: FoundEvent, carried: Told) -> tuple[str, str]:
    """The carried day, moved when the event is in a clause "a day after" opens ("held talks
    …, a day after Netanyahu arrived": the arrival the day before)."""
    counted = counted_clause(event.trigger, heads(event.trigger))
    moved = shifted(ResolvedDate(carried[1], carried[2]), *counted[1:]) if counted else None
    return (moved.value, moved.precision) if moved else (carried[1], carried[2])


def _carries(carried: tuple[int, str, str], sentence: int, published: datetime | None) -> bool:
    """A day told a few sentences back dates what follows undated; the day of the story's own
    news (this week's) dates it however far on, until the story tells another date ("The two
    leaders also sealed agreements ...", four sentences after "on Thursday")."""
    if sentence - carried[0] <= CARRY_SENTENCES:
        return True
    return carried[2] == "day" and this_week(ResolvedDate(carried[1], "day"), published)


def for_the_occasion(trigger: Token) -> bool:
    """ "flew in for the signing", "who travelled to Moscow for the ceremony", "made the trip
    to Ottawa for the ceremony"."""
    if trigger.lemma_ not in ARRIVALS | JOURNEYS:
        return False
    heads = [trigger, trigger.head] if trigger.pos_ == "NOUN" else [trigger]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in OCCASIONS for g in c.children)
        for head in heads
        for c in head.children
    )


def _lead_day(
    doc: Doc, dates: SpanIndex, published: datetime | None, number: dict[int, int]
) -> tuple[int, str, str] | None:
    """The day a wire story's lead names ("KHARKIV, April 21 - Ukraine agreed on Wednesday …"),
    which the events told next happened on when they name none."""
    dash = datelines.end(doc)
    if datelines.place(doc) is None or dash + 1 >= len(doc):
        return None
    lead = doc[dash + 1].sent
    for ent in dates.starting(lead.start, lead.end - 1):
        # (a day "on" names is this week's news even under "since": "opened its first base
        # abroad since the collapse of the Soviet Union on Thursday")
        bound = bounds_a_span(ent) and ent.root.head.lower_ != "on"
        resolved = None if bound else resolve_date(ent.text, published)
        if resolved is not None and resolved.precision == "day" and this_week(resolved, published):
            return (number[lead.start], resolved.value, resolved.precision)
    return None


def evening_of(
    trigger: Token, value: str | None, published: datetime | None, dates: SpanIndex
) -> Span | None:
    """The day mention of an arrival late in its day, the one that dated it (``value``):
    "who landed in Ulaanbaatar late on Monday", "arrived on Wednesday evening"; else None."""
    if trigger.lemma_ not in ARRIVALS or value is None:
        return None
    doc = trigger.doc
    for ent in dates.starting(trigger.left_edge.i, trigger.right_edge.i):
        words = doc[max(ent.start - 2, 0) : ent.end + 1].text.lower()  # ("late on Monday")
        resolved = resolve_date(ent.text, published)
        if EVENING.search(words) and resolved is not None and resolved.value == value:
            return ent
    return None


def after_arrivals(
    events: list[FoundEvent], dates: SpanIndex, published: datetime | None = None
) -> None:
    """What a visitor does after arriving, told without a day of its own ("Putin, who landed
    late on Monday, was greeted … before the two held talks"), happened on the day of the
    story's lead when that is a day or two after the arrival, else on the next day when the
    arrival was late in its day: talks and signings the arrival's day dated move on. The
    story stops telling them so once a sentence counts a day ("held talks the same
    evening"), and what the journey was for ("flew on to Egypt on Tuesday for talks") shares
    its day."""
    if not events:
        return
    doc = events[0].sentence.doc
    number = {sent.start: n for n, sent in enumerate(doc.sents)}
    lead = _lead_day(doc, dates, published, number)
    for visit in events:
        if visit.type != "visit" or visit.date_precision != "day" or visit.date is None:
            continue
        later = lead is not None and visit.date < lead[1] <= shifted_day(visit.date, 2)
        if visit.trigger.lemma_ not in ARRIVALS or (visit.evening is None and not later):
            continue
        day = lead[1] if later and lead is not None else shifted_day(visit.date, 1)
        trip = visit.trigger
        own = {ent.start for ent in dates.starting(trip.left_edge.i, trip.right_edge.i)}
        for event in events:
            # (after the arrival, or in its sentence: "concluded during the summit between
            # Modi and Putin, who arrived in New Delhi on Thursday evening")
            told_after = event.trigger.i > trip.i or event.sentence == visit.sentence
            if not told_after or event.type == visit.type:
                continue
            if counts_a_day(event.sentence):
                break
            if (
                event.status == "reported"
                and event.date == visit.date
                and event.countries & visit.countries
                and not _purpose_of(event.trigger, trip)
                and all(
                    ent.start in own or resolve_date(ent.text, published) is None
                    for ent in dates.starting(event.sentence.start, event.sentence.end - 1)
                )  # (no day of its own; "the annual summit" names none)
            ):
                event.date = day


def _purpose_of(trigger: Token, trip: Token) -> bool:
    """The trigger is in the journey's own phrase, not in a clause joined to it: "flew to
    Egypt for talks", but not "arrived late on Tuesday and held talks"."""
    for head in (trigger, *trigger.ancestors):
        if head.i == trip.i:
            return True
        if head.dep_ == "conj" and head.head.i == trip.i:
            return False
    return False


def date_together(events: list[FoundEvent], held_with: dict[str, frozenset[str]]) -> None:
    """An undated reported event takes the day of the reported event it is held together with
    (``held_with``: talks during a visit) that names the same states and is dated, the nearest
    one before it in the text, else the nearest after it."""
    for event in events:
        if event.date is not None or event.status != "reported":
            continue
        together = [
            other
            for other in events
            if other.type in held_with[event.type]
            and other.status == "reported"
            and other.date is not None
            and other.countries == event.countries
        ]
        if together:
            here = event.trigger.i
            nearest = min(together, key=lambda o: (o.trigger.i > here, abs(o.trigger.i - here)))
            event.date, event.date_precision = nearest.date, nearest.date_precision


def _names_a_day(
    event: FoundEvent,
    dates: SpanIndex,
    published: datetime | None,
    to_come: Callable[[Token], bool],
) -> bool:
    """The event's sentence names a date, other than a span's bound ("a council that had not
    met since 2016"), a length ("a one-day visit") or the day of another clause ("talks with
    Zaev, whose government took office at the end of May")."""
    sentence = event.sentence
    return any(
        not bounds_a_span(ent)
        and not dates_another_clause(ent, event.trigger)
        and (resolve_date(ent.text, published) is not None or _relative_to_another(ent, to_come))
        for ent in dates.starting(sentence.start, sentence.end - 1)
    )


def _relative_to_another(ent: Span, to_come: Callable[[Token], bool]) -> bool:
    """ "a year after the most serious clash": a day told by its distance from another (not
    one still to come, as ``to_come`` tells of what "before" measures from: "ten days before a
    German general election that the chancellor will lose" is the story's day)."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is None or following.lower_ not in ("after", "before", "later", "earlier"):
        return False
    anchor = next((c for c in following.children if c.dep_ == "pobj"), None)
    return not (following.lower_ == "before" and anchor is not None and to_come(anchor))
