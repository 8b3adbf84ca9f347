"""Days counted from another day: a clause "two days after" or "a week before" opens lies that
far from the day of the clause above it, and "hours later", "the next day" or "later that
year" count from the date the story told last."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from itertools import islice

from spacy.tokens import Span, Token

from extractor.nlp.days import MONTHS, NUMBER_WORDS, ResolvedDate, resolve_date, shifted_day
from extractor.nlp.lookup import SpanIndex

# Words before a date that make it a span's bound ("since 2016", "until Aug 22"); before an
# event's own phrase, a time it is measured against ("since the start of the invasion").
SPAN_BOUNDS = {"since", "until", "till"}
# A year counted in days, to tell counted years apart ("three years after").
YEAR_DAYS = 365
# How far up the parse a date or a trigger is followed.
DEPTH = 12


# "two days after", "a week before": the clause they open happened that long from its head's day.
_COUNTED_UNITS = {"day": 1, "week": 7, "year": YEAR_DAYS}
# "days after", "months before": uncounted, they leave only the month or the year of that day.
_UNCOUNTED_UNITS = {"day": "month", "week": "month", "month": "year", "year": "year"}


def counted_clause(trigger: Token, verbs: list[Token]) -> tuple[Token, int, str | None] | None:
    """The clause on the way up from the trigger that "two days after" or "a week before" opens
    ("broke off relations on Monday, two days after warplanes struck a camp"), with the days
    its day lies from the day of the clause above (-2); uncounted ("days after Kristersson flew
    to Budapest", on Feb. 26), with the precision left of that day (the month)."""
    for verb in (trigger, *verbs):
        # (or a clause the parser joins with "and": "shot down a jet on Wednesday and captured
        # its pilot, a day after Indian warplanes bombed a camp", or takes for a complement:
        # "warned France on Thursday …, a day after Taipei signed a contract")
        misjoined = verb.dep_ in ("conj", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ in ("after", "before") for c in verb.children
        )
        if verb.dep_ != "advcl" and not misjoined:
            continue
        marks = [c for c in verb.children if c.dep_ in ("mark", "prep")]
        # ("two days" on the verb, or on its "after": the parser hangs it either way)
        units = [*verb.children, *(g for m in marks for g in m.children)]
        # (years only before a clause: "came in 1973, three years after Brandt's government
        # signed the treaty"; not "signed on Friday to normalise relations, five years after
        # the war", which the parser hangs on the purpose)
        clause_marks = {m.lower_ for m in marks if m.dep_ == "mark"}
        marks = [m.lower_ for m in marks]
        for unit in units:
            if (
                unit.dep_ == "npadvmod"
                and unit.tag_ == "NNS"
                and unit.lemma_ in _UNCOUNTED_UNITS
                and not any(c.dep_ in ("nummod", "det") for c in unit.children)
                and ("after" in marks or "before" in marks)
            ):
                return verb, 0, _UNCOUNTED_UNITS[unit.lemma_]
            if unit.dep_ != "npadvmod" or unit.lemma_ not in _COUNTED_UNITS:
                continue
            if unit.lemma_ == "year" and not clause_marks & {"after", "before"}:
                continue
            count = next((c for c in unit.children if c.dep_ in ("nummod", "det")), None)
            days = NUMBER_WORDS.get(count.lower_) if count is not None else None
            if days is None and count is not None and count.text.isdigit():
                days = int(count.text)
            if days and ("after" in marks or "before" in marks):
                days *= _COUNTED_UNITS[unit.lemma_]
                return verb, (-days if "after" in marks else days), None
    return None


def from_the_occasion(trigger: Token, occasions: set[str]) -> int | None:
    """The days between the trigger's event and an occasion the story tells ("arrived in Tokyo
    a day before the signing": -1; "flew in two days after the summit": 2), or None."""
    for child in trigger.children:
        # ("a day before the signing": the parser hangs "before" on the unit, or the unit on it)
        if child.dep_ == "npadvmod" and child.lemma_ in _COUNTED_UNITS:
            pairs = [(child, p) for p in child.children if p.dep_ == "prep"]
        elif child.dep_ == "prep":
            pairs = [(u, child) for u in child.children if u.dep_ == "npadvmod"]
        else:
            continue
        for unit, prep in pairs:
            count = next((c for c in unit.children if c.dep_ in ("nummod", "det")), None)
            days = NUMBER_WORDS.get(count.lower_) if count is not None else None
            if (
                days
                and unit.lemma_ in _COUNTED_UNITS
                and prep.lower_ in ("before", "after")
                and any(g.dep_ == "pobj" and g.lemma_.lower() in occasions for g in prep.children)
            ):
                days *= _COUNTED_UNITS[unit.lemma_]
                return -days if prep.lower_ == "before" else days
    return None


def within(ent: Span, clause: Token) -> bool:
    return clause.left_edge.i <= ent.start <= clause.right_edge.i


def shifted(resolved: ResolvedDate, days: int, left: str | None = None) -> ResolvedDate | None:
    """A day moved by ``days``; a month or a year stays as it is (too coarse to move); whole
    years move the year ("came in 1973, three years after Brandt's government signed the
    Moscow treaty": 1970); ``left``: only that precision of it is known ("days after")."""
    if left is not None:
        if left == "month" and resolved.precision == "day":
            return ResolvedDate(resolved.value[:7], "month")
        if left == "year" and resolved.precision in ("day", "month"):
            return ResolvedDate(resolved.value[:4], "year")
        return resolved
    if days and days % YEAR_DAYS == 0:
        return ResolvedDate(str(int(resolved.value[:4]) + days // YEAR_DAYS), "year")
    if resolved.precision != "day":
        return resolved
    return ResolvedDate(shifted_day(resolved.value, days), "day")


def heads(token: Token) -> list[Token]:
    """``token``'s heads, nearest first, at most ``DEPTH`` of them: a date's tie to its event
    is never deeper, and walking a run-on sentence to its root for every date of every
    trigger grew with the fourth power of its length."""
    return list(islice(token.ancestors, DEPTH))


def bounds_a_span(ent: Span) -> bool:
    """ "since 2016", "since the return of democracy in 1983", "until Aug 22": when a span
    began or ends, no day an event happened."""
    return any(t.lower_ in SPAN_BOUNDS for t in heads(ent.root))


# "Hours later", "later that day", "earlier in the day", "that night", "three days earlier": a
# day counted from the date the story last named, not from publication.
_LATER = re.compile(
    r"\b(?:(?:hours|minutes) later|(?:later|earlier) (?:that|the same|in the) day|"
    r"(?:that|the same) (?:day|night|evening|morning|afternoon)|"
    r"the (?P<next>next|following) day|"
    r"(?P<count>an?|one|two|three|four|five|six|seven|\d{1,2}) (?P<unit>days?|weeks?) "
    r"(?P<way>later|earlier))\b"
    r"(?! than)",
    re.IGNORECASE,
)
# "Three years later", "a month earlier", "the following year": a month or a year counted from
# the date the story last named ("addressed parliament in 2007. Ties collapsed three years
# later": 2010).
_LATER_COARSE = re.compile(
    r"\b(?:the (?P<next>next|following) (?P<next_unit>month|year)|"
    r"(?P<count>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) "
    r"(?P<unit>months?|years?) (?P<way>later|earlier))\b"
    r"(?! than)",
    re.IGNORECASE,
)
# How far back (in tokens) the date a relative day counts from may be.
ANCHOR_TOKENS = 120


def _days(match: re.Match[str]) -> int:
    """How many days "two days later", "a week earlier", "the next day" count."""
    if match.group("next"):
        return 1
    if not match.group("count"):
        return 0  # "hours later", "the same day"
    count = match.group("count").lower()
    days = NUMBER_WORDS.get(count) or int(count)
    days *= 7 if match.group("unit").lower().startswith("week") else 1
    return -days if match.group("way").lower() == "earlier" else days


def tells_the_same_day(sentence: Span) -> bool:
    """ "Earlier in the day", "that evening", "hours later": the day the story told last."""
    match = _LATER.search(sentence.text)
    return match is not None and _days(match) == 0


def counts_a_day(sentence: Span) -> bool:
    """ "the same evening", "two days later": the sentence counts its day from another."""
    return _LATER.search(sentence.text) is not None


def of_that_time(
    ent: Span, resolved: ResolvedDate | None, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """ "in 1994 under an agreement signed in Moscow that July", "later that year": the time of
    the year (or month) told last before, not of publication."""
    own = [t.lower_.rstrip(".") for t in ent]
    if "that" not in own and (ent.start == 0 or ent.doc[ent.start - 1].lower_ != "that"):
        return resolved
    month = next((MONTHS[w] for w in own if w in MONTHS), None)
    unit = "of" if month else own[-1]  # ("that July", "in May that year": its month)
    if unit not in ("year", "month", "of"):
        return resolved
    for earlier in reversed(list(dates.starting(max(0, ent.start - ANCHOR_TOKENS), ent.start - 1))):
        if earlier.end > ent.start - 1 or bounds_a_span(earlier):
            continue
        told = resolve_date(earlier.text, published)
        if told is None or (unit == "month" and told.precision == "year"):
            continue
        if unit == "year":
            return ResolvedDate(told.value[:4], "year")
        if unit == "month":
            return ResolvedDate(told.value[:7], "month")
        return ResolvedDate(f"{told.value[:4]}-{month:02d}", "month")
    return resolved


def relative_to_earlier(
    sentence: Span, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """The day "hours later", "three days earlier", "a week later" or "the next day" names in
    ``sentence``: counted from the last full date named before it (in this sentence or the
    ones before), else None."""
    match = _LATER.search(sentence.text)
    if match is None:
        return _relative_month_or_year(sentence, published, dates)
    for anchor in _anchors(sentence, match, published, dates):
        if anchor.precision == "day":
            return ResolvedDate(shifted_day(anchor.value, _days(match)), "day")
    return None


def _relative_month_or_year(
    sentence: Span, published: datetime | None, dates: SpanIndex
) -> ResolvedDate | None:
    """The month "a month later" or the year "three years later", "the following year" names
    in ``sentence``, counted from the last date named before it that tells that much (a year
    told alone gives no month to count from)."""
    match = _LATER_COARSE.search(sentence.text)
    if match is None:
        return None
    if match.group("next"):
        unit, count = match.group("next_unit").lower(), 1
    else:
        unit = match.group("unit").lower().rstrip("s")
        written = match.group("count").lower()
        count = NUMBER_WORDS.get(written) or int(written)
        count = -count if match.group("way").lower() == "earlier" else count
    for anchor in _anchors(sentence, match, published, dates):
        year = int(anchor.value[:4]) + (count if unit == "year" else 0)
        if unit == "year":
            return ResolvedDate(f"{year:04d}", "year")
        if anchor.precision == "year":
            return None
        months = year * 12 + int(anchor.value[5:7]) - 1 + count
        return ResolvedDate(f"{months // 12:04d}-{months % 12 + 1:02d}", "month")
    return None


def _anchors(
    sentence: Span, match: re.Match[str], published: datetime | None, dates: SpanIndex
) -> Iterator[ResolvedDate]:
    """The dates told before ``match`` (in this sentence or the ones before), nearest first;
    not a span's bound ("the ship is to stay until Aug 22")."""
    start = sentence.start_char + match.start()
    before = [
        ent
        for ent in dates.starting(max(0, sentence.start - ANCHOR_TOKENS), sentence.end - 1)
        if ent.end_char <= start
    ]
    for ent in reversed(before):
        anchor = resolve_date(ent.text, published)
        if anchor is not None and not bounds_a_span(ent):
            yield anchor


# Verbs and nouns that end a stay: "wrapped up a two-day visit", "at the end of a three-day
# visit", "concluded a four-day tour".
STAY_ENDINGS = {"wrap", "end", "conclude", "finish", "close", "complete", "conclusion"}
# Journeys through several places, whose last day is told as that of the last stop ("talks in
# Ouagadougou on Monday, closing a three-day tour of the Sahel juntas").
TOURS = {"tour"}


def stay_ended(trigger: Token) -> int:
    """How many days before the day told a stay of counted days began, when the day told is
    its last ("Xi wrapped up a two-day state visit to North Korea on Friday": it began on the
    Thursday, -1); 0 otherwise."""
    if trigger.pos_ != "NOUN" or trigger.lemma_ in TOURS:
        return 0
    ended = (trigger.dep_ == "dobj" and trigger.head.lemma_ in STAY_ENDINGS) or (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_ in STAY_ENDINGS
    )
    if not ended:
        return 0
    for length in trigger.children:
        if length.dep_ in ("compound", "amod", "nmod") and length.lemma_ == "day":
            for count in length.children:
                number = NUMBER_WORDS.get(count.lower_) or (
                    int(count.text) if count.text.isdigit() else 0
                )
                if count.dep_ == "nummod" and number > 1:
                    return 1 - number
    return 0
