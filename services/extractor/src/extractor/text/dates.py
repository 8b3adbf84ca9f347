"""Date candidates with provenance, their parsing, the sanity rules, and the choice among them."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import dateparser
from dateutil import parser as dateutil_parser

from newsdesk.events import DateInfo, DateSource

DateKind = Literal["published", "modified"]

# How much each kind of evidence is trusted when it is the only one.
CONFIDENCE: dict[str, float] = {
    "json-ld": 0.95,
    "meta": 0.9,
    "meta-weak": 0.75,
    "text-header": 0.9,
    "time": 0.8,
    "feed": 0.7,
    "dateline": 0.7,
    "url": 0.6,
    "http-header": 0.4,
}
# Two independent sources naming the same day make the date surer.
_AGREEMENT_BONUS = 0.04
_CONFLICT_PENALTY = 0.15
# Clocks of publishers and of our fetchers disagree by a few minutes.
_CLOCK_SKEW = timedelta(minutes=10)
# A date without a time may be "tomorrow" in UTC+14 when it is still today in UTC.
_DATE_ONLY_SKEW = timedelta(days=1)
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_MAX_DATE_LINE_CHARS = 60

_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|$)"
)
_RELATIVE = re.compile(r"\b(ago|yesterday|today|hours?|minutes?|mins?)\b", re.IGNORECASE)
_DATE_LINE_PREFIX = re.compile(
    r"^\s*(?:published|posted|updated|last updated|first published|date|dated|on)\b"
    r"\s*(?:on|at)?\s*[:\-–|]?\s*",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_HAS_MONTH = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DAY_NUMBER = re.compile(r"(?<!\d)(?:[1-9]|[12]\d|3[01])(?!\d)")
# Languages dateparser tries for month names; a fixed list keeps it fast.
_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "pt",
    "it",
    "nl",
    "sv",
    "da",
    "nb",
    "pl",
    "ru",
    "uk",
    "tr",
    "ar",
    "he",
    "fa",
)
_UPDATED = re.compile(r"\s*(?:last\s+)?updated", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b(.*)$")
# "10:00 Uhr", "10h30", "18.00 ore": the word for o'clock after a time.
_CLOCK_WORD = re.compile(r"(?<=\d)\s*(?:uhr|horas|hrs|ore|h)\.?$", re.IGNORECASE)
_FOREIGN_PREFIX = re.compile(r"^(?:[^\W\d]+[:,]?\s+){1,3}(?=\d)")
_MAX_FOREIGN_WORDS = 5
# Zone abbreviations dateutil does not know; ambiguous ones (ET, IST) are left out on purpose.
_ZONES = {
    "GMT": 0,
    "UTC": 0,
    "BST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "EST": -18000,
    "EDT": -14400,
    "CST": -21600,
    "CDT": -18000,
    "MST": -25200,
    "MDT": -21600,
    "PST": -28800,
    "PDT": -25200,
    "JST": 32400,
    "AEST": 36000,
    "AEDT": 39600,
}
_SENTINELS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


@dataclass(frozen=True)
class DateCandidate:
    """One date seen in a document: its value, what it dates, and where it was seen."""

    value: datetime
    kind: DateKind
    source: DateSource
    confidence: float
    date_only: bool = False


def parse_date_string(value: str) -> tuple[datetime, bool] | None:
    """A timezone-aware datetime (UTC when none given) and whether only a day was given.

    Accepts ISO 8601 and the usual textual forms. A value missing its day, month or year, or a
    relative one ("2 hours ago"), gives None: a missing part is never filled in.
    """
    text = value.strip()
    if not text or len(text) > 80 or _RELATIVE.search(text):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return as_utc(parsed), _is_day_only(text)
    except ValueError:
        pass
    iso_text = _numeric_to_iso(text)
    if iso_text is None:
        return None
    text = iso_text
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for default in _SENTINELS:
            try:
                results.append(
                    dateutil_parser.parse(text, default=default, fuzzy=False, tzinfos=_ZONES)
                )
            except (ValueError, OverflowError, TypeError):
                return None
    if results[0] != results[1]:
        return None
    return as_utc(results[0]), results[0].hour == results[0].minute == 0 and ":" not in text


def _numeric_to_iso(text: str) -> str | None:
    """ "13.07.2022" → "2022-07-13"; "03/07/2022" is July or March by locale, so it is no date.

    Dotted dates are day-first everywhere they are used; slashed and dashed ones only say which
    is the day when one number is above 12.
    """
    match = _NUMERIC_DATE.match(text)
    if not match:
        return text
    first, separator, second, year, rest = match.groups()
    a, b = int(first), int(second)
    if separator == "." or a > 12 or a == b:
        day, month = a, b
    elif b > 12:
        day, month = b, a
    else:
        return None
    return f"{year}-{month:02d}-{day:02d}{rest}"


def _is_day_only(text: str) -> bool:
    return len(text) <= 10


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive value is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_date_line(line: str) -> tuple[datetime, bool] | None:
    """The date of a line holding only a date: "13 July, 2022", "Published: 2022-07-13"."""
    text = _DATE_LINE_PREFIX.sub("", line.strip()).strip(" .|·•")
    text = _CLOCK_WORD.sub("", text)
    if not text or len(text) > _MAX_DATE_LINE_CHARS or not any(c.isdigit() for c in text):
        return None
    if _HAS_MONTH.search(text) or _ISO_DAY.search(text) or re.search(r"\d[./]\d", text):
        return parse_date_string(text)
    return _parse_foreign_date(text)


def _parse_foreign_date(text: str) -> tuple[datetime, bool] | None:
    """Month names in other languages ("13. Juli 2022", "13 يوليو 2022"), via dateparser.

    Only for short strings with a year and a day number: dateparser is slow on other input.
    """
    if not (_YEAR.search(text) and _DAY_NUMBER.search(text)):
        return None
    # "Publicado em 6 de março de 2023", "Veröffentlicht am 13. Juli 2022": words before the day.
    prefix = _FOREIGN_PREFIX.match(text)
    text = text[prefix.end() :] if prefix else text
    if len(text.split()) > _MAX_FOREIGN_WORDS:
        return None
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=list(_LANGUAGES), settings=settings)
    if parsed is None:
        return None
    return as_utc(parsed), parsed.hour == parsed.minute == 0 and ":" not in text


def warm_up() -> None:
    """Load dateparser's language data now: the first foreign date otherwise takes a second."""
    _parse_foreign_date("13. Juli 2022")


def dateline(line: str) -> DateCandidate | None:
    """A line holding only a date, as a candidate: "Updated …" dates the last change."""
    parsed = parse_date_line(line)
    if parsed is None:
        return None
    kind: DateKind = "modified" if _UPDATED.match(line) else "published"
    return DateCandidate(parsed[0], kind, "dateline", CONFIDENCE["dateline"], parsed[1])


def url_date(url: str | None) -> datetime | None:
    """The day in a URL path such as ``/2022/07/13/`` or ``/20220713-``; a year or month alone is
    not a day, so it gives None."""
    if not url:
        return None
    match = _URL_DAY.search(url)
    if not match:
        return None
    try:
        year, month, day = (int(g) for g in match.groups())
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def is_plausible(candidate: DateCandidate, fetched_at: datetime) -> bool:
    """Not before the web's news era and not after the fetch (allowing clock and zone skew)."""
    fetched = as_utc(fetched_at)
    limit = fetched + (_DATE_ONLY_SKEW if candidate.date_only else _CLOCK_SKEW)
    return _EARLIEST <= candidate.value <= limit


def choose_dates(
    candidates: list[DateCandidate], fetched_at: datetime
) -> tuple[DateInfo, DateInfo]:
    """The published and modified dates: the most trusted plausible candidate of each kind.

    Agreement between sources raises the confidence, disagreement with another trusted source
    lowers it; a modified date earlier than the published one is dropped.
    """
    plausible = [c for c in candidates if is_plausible(c, fetched_at)]
    published = _best([c for c in plausible if c.kind == "published"])
    modified = _best([c for c in plausible if c.kind == "modified"])
    if published.value and modified.value and modified.value < published.value:
        if modified.value.date() == published.value.date():
            modified = DateInfo(
                value=published.value, source=modified.source, confidence=modified.confidence
            )
        else:
            modified = DateInfo()
    return published, modified


def _best(candidates: list[DateCandidate]) -> DateInfo:
    if not candidates:
        return DateInfo()
    ranked = sorted(candidates, key=lambda c: c.confidence, reverse=True)
    best = ranked[0]
    confidence = best.confidence
    others = {c.source: c for c in ranked[1:] if c.source != best.source}
    for other in others.values():
        if abs(other.value - best.value) <= timedelta(days=1) or _same_day(other, best):
            confidence += _AGREEMENT_BONUS
        elif other.confidence >= CONFIDENCE["time"]:
            confidence -= _CONFLICT_PENALTY
    value = best.value
    if best.date_only:
        # A richer candidate for the same day carries the time of day the day-only one lacks.
        timed = [c for c in ranked if not c.date_only and _same_day(c, best)]
        value = timed[0].value if timed else value
    return DateInfo(value=value, source=best.source, confidence=round(min(confidence, 0.99), 2))


def _same_day(a: DateCandidate, b: DateCandidate) -> bool:
    return a.value.date() == b.value.date()
