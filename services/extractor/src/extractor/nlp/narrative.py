"""How a story tells its events over several sentences: "the two leaders" are the pair it
named, and an undated event happened on the day told just before."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extractor.nlp import datelines
from extractor.nlp.actors import governing_verb
from extractor.nlp.arguments import PAIR_WORDS, RELATIVES, subjects_of
from extractor.nlp.counted import bounds_a_span, counts_a_day, tells_the_same_day
from extractor.nlp.dating import clause_date
from extractor.nlp.days import ResolvedDate, resolve_date, shifted_day
from extractor.nlp.found import FoundEvent
from extractor.nlp.journeys import ARRIVALS, stop_before
from extractor.nlp.lookup import SpanIndex
from extractor.nlp.when import dates_another_clause

if TYPE_CHECKING:
    from extractor.nlp.entities import EntityCluster

# Words of "the two leaders", "both sides": the pair the story has named.
PAIRS = {"leader", "side", "country", "man", "government", "president", "minister", "nation",
         "delegation", "state", "neighbour", "neighbor", "capital", "ally", "rival",
         "army", "navy", "military", "force"}  # fmt: skip
# What a denial may deny: "a charge Moscow rejected", "denied the accusation", "an account
# Moscow flatly rejected".
CHARGES = {"charge", "claim", "accusation", "allegation", "account", "version", "assertion"}
# How many sentences after a dated reported event an undated one still takes its day.
CARRY_SENTENCES = 2
# How many days before publication a wire lead's day may lie to date what follows it.
LEAD_DAYS = 7
# An arrival's day told as its evening: "late on Monday", "Wednesday evening", "Sunday night".
EVENING = re.compile(r"\b(?:late|evening|night)\b")
# What a journey is made for that the story tells as an event of its own.
OCCASIONS = {"signing", "ceremony", "summit", "talks", "meeting", "handover"}
# Journeys, besides arrivals, that are made for an occasion ("made the trip for the ceremony").
JOURNEYS = {"travel", "come", "trip", "journey"}


def pair_subject(trigger: Token) -> bool:
    """ "The two leaders met", "commanders from both sides held talks": the pair the story
    has just named."""
    subjects = subjects_up(trigger)
    if trigger.pos_ == "NOUN":  # "talks between the two countries' ministers"
        subjects += [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "between"]
    return pair_alone(trigger) or any(
        t.lemma_.lower() in PAIRS and any(c.lower_ in PAIR_WORDS for c in t.children)
        for s in subjects
        for t in s.subtree
    )


def pair_alone(trigger: Token) -> bool:
    """ "Both had flown to Washington", "the two then flew on": the pair of the sentences
    before is the subject itself (not "X raised it with Y when the two met": the two its own
    sentence names)."""
    return any(
        s.lower_ in PAIR_WORDS and not any(t.ent_type_ for t in s.sent[: s.i - s.sent.start])
        for s in subjects_up(trigger)
        if s.dep_ != "agent"
    )


def subjects_up(trigger: Token) -> list[Token]:
    """Subjects (and the agent) of the trigger's verb and of the verbs it completes ("the two
    governments are expected to sign")."""
    # (a noun's: "the two men watched the signing of an order for 80 Rafale fighters")
    verb = (
        trigger
        if trigger.pos_ == "VERB"
        else (governing_verb(trigger, any_chain=True) or trigger.head)
    )
    verbs = [verb]
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        verbs.append(verb)
    # (and of the verb a subjectless one is joined to: "the two leaders attended a ceremony
    # … and signed a joint statement")
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verbs.append(verb.head)
    # (and the agent: "a ceasefire was agreed by the heads of the two countries' committees")
    return [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]


def join_the_pair(event: FoundEvent, found: list[FoundEvent], *, near: bool = False) -> None:
    """The parties of the last event told before that named two states or more join
    ``event``'s ("Hasina is due to visit New Delhi, and the two governments are expected to
    sign an agreement"); ``near``: only an event of the same sentence or the one before
    ("Israel and Qatar held talks. Two American women were freed. The two flew to Germany":
    the women)."""
    pair = next(
        (
            other
            for other in reversed(found)
            if len(other.countries) >= 2 and other.trigger.i < event.trigger.i
        ),
        None,
    )
    if pair is not None and near:
        doc = event.trigger.doc
        start = event.sentence.start
        before = doc[start - 1].sent.start if start > 0 else start
        if pair.trigger.i < before:
            return
    if pair is not None:
        event.parties += [party for party in pair.parties if party not in event.parties]


def followed_event(
    verb: Token, found: list[FoundEvent], objects: frozenset[str]
) -> FoundEvent | None:
    """The event a state's "followed" (``objects``: "followed suit") repeats: the last one told
    before the verb, in its sentence or the one before, when the verb takes no other object."""
    if any(c.dep_ == "prt" for c in verb.children):
        return None  # "followed up with"
    if any(c.dep_ == "dobj" and c.lower_ not in objects for c in verb.children):
        return None  # "China followed the talks closely"
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if clause.dep_ == "relcl" and subjects and all(s.lower_ not in RELATIVES for s in subjects):
        return None  # ("a tour ... that U.S. officials are following with concern")
    sentence = verb.sent
    since = verb.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
    before = [event for event in found if since <= event.trigger.i < verb.i]
    return before[-1] if before else None


def subject_mentions(trigger: Token, ents: SpanIndex) -> list[Span]:
    """Mentions in the subject of the trigger's verb ("Panama established ties", "Panama's
    decision to establish ties"); a form of "be" is a verb of its own ("Macri is due in
    Washington next week, his aides said": Macri, not the aides)."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return [m for s in subjects_of(verb) for m in ents.starting(s.left_edge.i, s.right_edge.i)]


def carry_dates(events: list[FoundEvent], dates: SpanIndex, published: datetime | None) -> None:
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
                and not _names_a_day(event, dates, published)
                and number[event.sentence.start] - carried[0] <= CARRY_SENTENCES
            ):
                event.date, event.date_precision = carried[1], carried[2]
            continue
        if event.date is not None:
            # (a year is history told in passing, "the 1998 bombing": no day to carry)
            told = (number[event.sentence.start], event.date, event.date_precision)
            # (a month told beside the day its sentence is about is background: "flew into New
            # Delhi on Wednesday ... to track down those behind last month's attacks")
            beside_a_day = carried is not None and carried[0] == told[0] and carried[2] == "day"
            if not (beside_a_day and told[2] != "day"):
                carried = told if event.date_precision != "year" else None
            if event.date_precision == "day":
                day = told
            if event.type != "visit" and event.date_precision == "day":
                occasion = told
        elif day is not None and tells_the_same_day(event.sentence):
            # ("Moscow and Bishkek sealed the deal in September. … Earlier in the day Putin and
            # Akayev held talks": the day of the lead, not the month told between)
            event.date, event.date_precision = day[1], day[2]
        elif (
            occasion is not None
            and for_the_occasion(event.trigger)
            and not _names_a_day(event, dates, published)
        ):
            # "Nazarbayev, Akayev and Rakhmonov flew in for the signing": its day, however
            # far back the story told it
            event.date, event.date_precision = occasion[1], occasion[2]
        elif (
            carried is not None
            # (a day its sentence names may be the one it carries: "landed in Caracas on
            # Wednesday, and within hours he and Chavez had signed an agreement")
            and (
                not _names_a_day(event, dates, published)
                or carried[0] == number[event.sentence.start]
            )
            and _carries(carried, number[event.sentence.start], published)
        ):
            event.date, event.date_precision = carried[1], carried[2]


def _carries(carried: tuple[int, str, str], sentence: int, published: datetime | None) -> bool:
    """A day told a few sentences back dates what follows undated; the day of the story's own
    news (this week's) dates it however far on, until the story tells another date ("The two
    leaders also sealed agreements ...", four sentences after "on Thursday")."""
    if sentence - carried[0] <= CARRY_SENTENCES:
        return True
    return carried[2] == "day" and _this_week(ResolvedDate(carried[1], "day"), published)


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


def occasion_place(found: list[FoundEvent], trigger: Token) -> EntityCluster | None:
    """The place of the event the story told last, in the traveller's sentence or the two
    before it: where one who "flew in for the signing" came to."""
    sentences = list(trigger.doc.sents)
    here = next(i for i, sent in enumerate(sentences) if sent.start <= trigger.i < sent.end)
    for event in reversed(found):
        told = next(i for i, sent in enumerate(sentences) if sent.start == event.sentence.start)
        if here - told > CARRY_SENTENCES:
            return None
        if event.place is not None and event.place.country:
            return event.place
    return None


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
        if resolved is not None and resolved.precision == "day" and _this_week(resolved, published):
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


def deny_later(
    events: list[FoundEvent],
    denied: frozenset[str],
    accused: frozenset[str],
    ents: SpanIndex,
    by_name: dict[str, EntityCluster],
) -> None:
    """A reported event that a later verb of its sentence denies: "Chirchir said the French
    navy had shelled al Shabaab positions, but Paris denied any involvement", "… a rocket
    attack on villages in the Kodori Gorge, a charge Moscow also rejected". The denial is of
    the last event told before it, of a type a state is ``accused`` of (an attack, a sale), and
    its subject is one of that event's states, or what it denies a charge ("a claim the
    Israeli military denied")."""
    for event in events:
        if event.status != "reported" or event.type not in accused:
            continue
        trigger = event.trigger
        after = [e.trigger.i for e in events if e.sentence == event.sentence]
        end = min([i for i in after if i > trigger.i], default=event.sentence.end)
        for token in event.sentence.doc[trigger.i + 1 : end]:
            if (
                token.pos_ == "VERB"
                and token.lemma_ in denied
                and _denies(token, event, ents, by_name)
            ):
                event.status = "denied"
                break


def _denies(
    verb: Token, event: FoundEvent, ents: SpanIndex, by_name: dict[str, EntityCluster]
) -> bool:
    # (the denier is one of the event's states: not "the army rejected reports of casualties")
    charged = verb.dep_ == "relcl" and verb.head.lemma_.lower() in CHARGES  # "a charge … rejected"
    if event.trigger.is_ancestor(verb) and not charged:
        return False  # (a clause of the event's own: "attacked posts that Pakistan denies …")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    said_by = {
        cluster.country
        for s in subjects
        for m in ents.starting(s.left_edge.i, s.right_edge.i)
        if (cluster := by_name.get(m.kb_id_)) is not None and cluster.country
    }
    return bool(said_by & event.countries)


def _names_a_day(event: FoundEvent, dates: SpanIndex, published: datetime | None) -> bool:
    """The event's sentence names a date, other than a span's bound ("a council that had not
    met since 2016"), a length ("a one-day visit") or the day of another clause ("talks with
    Zaev, whose government took office at the end of May")."""
    sentence = event.sentence
    return any(
        not bounds_a_span(ent)
        and not dates_another_clause(ent, event.trigger)
        and (resolve_date(ent.text, published) is not None or _relative_to_another(ent))
        for ent in dates.starting(sentence.start, sentence.end - 1)
    )


def _relative_to_another(ent: Span) -> bool:
    """ "a year after the most serious clash": a day told by its distance from another."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return following is not None and following.lower_ in ("after", "before", "later", "earlier")


def _this_week(resolved: ResolvedDate, published: datetime | None) -> bool:
    """A lead's day of news: the week before publication ("on Tuesday"), not a date to come
    ("will host a summit on March 29") nor one of history."""
    if published is None:
        return False
    day = datetime.fromisoformat(resolved.value).date()
    return 0 <= (published.date() - day).days <= LEAD_DAYS


def stop_before_event(
    event: FoundEvent, by_name: dict[str, EntityCluster], dates: SpanIndex
) -> FoundEvent | None:
    """ "Bush flew into Tirana from Rome, where he had an audience with the Pope on Saturday":
    the travellers' visit to where they came from, on the day done there."""
    found = stop_before(event.trigger)
    if found is None or event.status != "reported":
        return None
    place_token, done = found
    named = [e for e in event.sentence.doc.ents if e.start <= place_token.i < e.end]
    place = by_name.get(named[0].kb_id_) if named else None
    if place is None or place.country is None:
        return None
    hosts = {place.country, event.place.country if event.place else None}
    travellers = [p for p in event.parties if p.country and p.country not in hosts]
    if not travellers:
        return None
    resolved = clause_date(done, dates)
    return FoundEvent(
        type=event.type,
        trigger=done,
        parties=travellers,
        place=place,
        date=resolved.value if resolved else None,
        date_precision=resolved.precision if resolved else None,
        status="reported",
        sentence=event.sentence,
        follows=True,
    )
