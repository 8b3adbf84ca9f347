"""One event per happening: the mentions a story makes of the same event fold into one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractor.nlp.found import ANAPHORA_TOKENS, FoundEvent
from extractor.nlp.journeys import ARRIVALS  # (a visit begins on the day the visitor arrives)
from extractor.nlp.lookup import CountryIndex
from extractor.nlp.modality import Status


def merge_events(events: list[FoundEvent]) -> list[FoundEvent]:
    """One event per happening: "the visit" joins the last visit; same-party repeats fold in;
    a visit told on a later day than the arrival that began it takes the arrival's day."""
    merged: list[FoundEvent] = []
    kinds: dict[str, _Kept] = {}
    for event in events:
        kept = kinds.setdefault(event.type, _Kept())
        target = _same_happening(event, kept)
        if target is not None and _no_side(target, event):
            target = None
        if target is None:
            merged.append(event)
            kept.add(event)
            continue
        target.parties += [party for party in event.parties if party not in target.parties]
        target.place = target.place or event.place
        target.made_by = target.made_by or event.made_by
        if target.status == "planned" and event.status == "cancelled":
            target.status = "cancelled"  # "…, who was due to travel to Turkey, called off the trip"
            _cancel_purposes(target, merged)
        target.subjects += [s for s in event.subjects if s not in target.subjects]
        if _arrival_first(event, target):  # (the visit began then: told by its arrival)
            target.trigger, target.sentence, target.evening = (
                event.trigger,
                event.sentence,
                event.evening,
            )
            target.date = event.date
        if target.date is None:
            target.date, target.date_precision = event.date, event.date_precision
        kept.by_country.update(target, target.countries)
    # An event needs a party that acts: a state, its people or its organs.
    return [event for event in merged if event.parties]


def _no_side(mention: FoundEvent, event: FoundEvent) -> bool:
    """An attack with no side at all is not what a later one with sides tells: "the Aug. 21
    gas attack on Damascus suburbs" (Syria's own), then the strikes on Syria a plan is for
    (talks and visits told first without sides are the ones told next: "the summit")."""
    return mention.type == "attack" and not mention.parties and bool(event.parties)


# How many days a visit told on a later day may last after the arrival that began it.
VISIT_DAYS = 3


def _arrival_first(arrival: FoundEvent, stay: FoundEvent) -> bool:
    """ "The French leader had arrived in Rio on Monday" and "talks on Tuesday, at the end of
    Sarkozy's two-day visit": one visit, which began on the day of the arrival."""
    if not (
        arrival.type == stay.type == "visit"
        and arrival.trigger.lemma_ in ARRIVALS
        and stay.trigger.lemma_ not in ARRIVALS
        and arrival.status == stay.status == "reported"
        and arrival.date_precision == stay.date_precision == "day"
        and arrival.date
        and stay.date
    ):
        return False
    days = (date.fromisoformat(stay.date) - date.fromisoformat(arrival.date)).days
    return 0 < days <= VISIT_DAYS


def _other_day(event: FoundEvent, other: FoundEvent) -> bool:
    """Dated on different days, and not as an arrival and the visit it began."""
    return bool(
        event.date
        and other.date
        and event.date != other.date
        and not (_arrival_first(event, other) or _arrival_first(other, event))
    )


def _beyond_denial(mention: FoundEvent, denied: FoundEvent) -> bool:
    """A denied event is not what a reported mention naming more sides tells: "held no bilateral
    talks" (India's), then "the meeting brought together Li, Mishustin and delegations from
    Belarus, Iran …" (the summit itself)."""
    return (
        denied.status == "denied"
        and mention.status == "reported"
        and bool(mention.countries - denied.countries)
    )


def _cancel_purposes(trip: FoundEvent, events: list[FoundEvent]) -> None:
    """What a called-off plan was for is called off with it: "due to travel to Turkey for talks
    with his counterpart" (the talks in the plan's own phrase)."""
    head = trip.trigger
    for event in events:
        inside = head.left_edge.i <= event.trigger.i <= head.right_edge.i
        if event is not trip and inside and event.status == "planned":
            event.status = "cancelled"


@dataclass
class _Kept:
    """The events of one type kept so far: by the countries they name, and the latest of each
    status. Scanning every kept event for each new one was quadratic on long pages."""

    by_country: CountryIndex[FoundEvent] = field(default_factory=CountryIndex)
    latest: dict[Status, FoundEvent] = field(default_factory=dict)

    def add(self, event: FoundEvent) -> None:
        self.by_country.add(event, event.countries)
        self.latest[event.status] = event


def _same_happening(event: FoundEvent, kept: _Kept) -> FoundEvent | None:
    """The earlier event this one describes again: the same type and status in the same
    sentence or with the same countries; "the attack" refers to the last attack, whatever its
    status ("they suspended the exercise ... the exercise involves 20,000 troops").

    Only a kept event naming a country can match on countries, and when this one names any,
    only one sharing a country with it (a subset or superset does): the index yields just
    those, latest first.
    """
    same_status = kept.latest.get(event.status)
    if (
        same_status is not None
        and event.sentence == same_status.sentence
        and not event.follows
        and not (event.date and same_status.date and event.date != same_status.date)
    ):
        return same_status
    mine = event.countries
    if mine or event.anaphoric:
        for other in kept.by_country.latest_naming(mine or None):
            theirs = other.countries
            if _other_day(event, other):
                continue
            if event.anaphoric and (not mine or mine & theirs) and not _beyond_denial(event, other):
                return other
            if other.status == event.status and mine and (mine <= theirs or theirs <= mine):
                return other
    items = kept.by_country.items
    last = items[-1] if items else None
    near = last is not None and event.sentence.start - last.sentence.end < ANAPHORA_TOKENS
    if event.anaphoric and not event.date and near and not _beyond_denial(event, last):
        return last
    return None
