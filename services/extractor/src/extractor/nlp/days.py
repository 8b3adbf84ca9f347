"""Days named: DATE mentions resolved against the article's publication date ("on Tuesday",
"last December", "Sept. 4 last year"), whatever event they date (``when.py`` decides that)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?P<year>\d{{4}})\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_YEAR = re.compile(r"\b(?P<year>(19|20)\d{2})\b")
_SEASON = re.compile(r"^(?:earlier |later )?this (?:spring|summer|autumn|fall|winter)$")
_LAST_SEASON = re.compile(r"^(?:in |during )?last (spring|summer|autumn|fall)$")
# The month a season ends in (winter spans two years: left unknown).
SEASON_ENDS = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
_PART_OF = re.compile(r"^(?:early |late |mid-|the (?:end|beginning|start|middle) of )")
# (a part of a month names the month: "in mid-May", "at the start of September", "the first
# week of May")
_MONTH_ONLY = re.compile(
    r"^(?:in |on |at |by |until )?(?:early |late |mid-?|the (?:end|beginning|start|middle|"
    rf"(?:first|second|third|fourth|last|final) week) of )?{_MONTH}$"
)
_MONTH_OF_YEAR = re.compile(
    rf"^(in |on |early |late |mid-?)?{_MONTH},?\s+(of\s+)?(?P<which>this|last|next) year$"
)
_MONTH2 = _MONTH.replace("month", "month2")
_LAST_MONTH = re.compile(rf"^(in |on |early |late |mid-?)?(?P<which>last|this|next)\s+{_MONTH}$")
# Days named by their feast: a month-day without a year ("on Christmas Day").
HOLIDAYS = {"christmas day": "december 25", "christmas eve": "december 24",
            "new year's day": "january 1", "new year's eve": "december 31"}  # fmt: skip
_MONTH_DAY = re.compile(
    rf"^(on )?(?:{_MONTH}\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+{_MONTH2})"
    r"(,?\s+(?P<which>this|last|next) year)?$"
)
# Numbers as words, for counted periods ("two years ago") and counted groups (counts.py).
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12}  # fmt: skip
# "two years ago", "seven months ago", "eight days ago" (not "a few years ago", "decades ago")
_AGO = re.compile(r"^(?P<count>[a-z]+|\d{1,3}) (?P<unit>year|month|week|day)s? ago$")
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")


# Nights that name their day: the one ending on the day a story is filed, the one before.
NIGHTS = {"overnight", "last night", "tonight"}


def is_day(ent: Span) -> bool:
    """A DATE mention, a TIME one that names its day ("Monday night", "late on Saturday",
    "overnight", "last night"), or a feast the model took for an EVENT ("New Year's Day")."""
    if ent.label_ == "DATE":
        return True
    if ent.label_ == "EVENT":
        return _plain(ent.text) in HOLIDAYS
    text = _plain(ent.text)
    if ent.label_ != "TIME":
        return False
    if text in NIGHTS:  # (not "overnight into Saturday": the day named after tells it)
        after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
        return after not in ("into", "to", "on", "from", "of")
    return bool(_WEEKDAY.search(text)) or text in YEAR_PARTS


def untagged_seasons(doc: Doc) -> list[Span]:
    """ "In the autumn", "by the spring": seasons the model leaves untagged, as DATE spans."""
    found = []
    for token in doc[1:]:
        if (
            token.lower_ in SEASON_ENDS
            and not token.ent_type_
            and doc[token.i - 1].lower_ == "the"
            and doc[token.i - 1].head.i == token.i
            and token.head.lower_ in ("in", "by", "until", "during", "as")
        ):
            found.append(Span(doc, token.i - 1, token.i + 1, label="DATE"))
    return found


def _plain(text: str) -> str:
    """Lower case, single spaces, straight apostrophes."""
    return " ".join(text.lower().replace("\u2019", "'").split())


@dataclass(frozen=True)
class ResolvedDate:
    """An ISO date string cut to its precision: "2022-02-03", "2021-11" or "2020"."""

    value: str
    precision: str


def resolve_date(
    text: str, published: datetime | date | None, *, future: bool | None = False
) -> ResolvedDate | None:
    """The date a DATE mention names; relative ones need ``published``, else None (unknown).

    A month or weekday without a year is the last one before publication, or with ``future``
    (a planned event: "the summit in May") the next one after it; with ``future=None`` (a
    called-off event, to come or past) whichever of the two lies nearer publication.
    """
    text = _plain(text)
    resolved = _resolve(text, published, future)
    head, comma, _ = text.partition(",")
    if resolved is None and comma and head:
        # the NER glues what follows a day to it: "on Oct. 9, days after Washington pulled …"
        resolved = _resolve(head.strip(), published, future)
    return resolved


def _resolve(
    text: str, published: datetime | date | None, future: bool | None
) -> ResolvedDate | None:
    text = text.removesuffix("'s")  # ("last month's talks")
    absolute = _absolute(text)
    if absolute or published is None:
        return absolute
    anchor = published.date() if isinstance(published, datetime) else published
    if future is not None:
        return _relative(text, anchor, future)
    found = [r for r in (_relative(text, anchor, False), _relative(text, anchor, True)) if r]
    return min(found, key=lambda r: abs((_start(r) - anchor).days), default=None)


def wholly_after(resolved: ResolvedDate, published: datetime | date) -> bool:
    """The resolved day, month or year lies wholly after the day of publication: "next month"
    in a story of January 6 is February."""
    day = published.date() if isinstance(published, datetime) else published
    return _start(resolved) > day  # (a period's first day: this month is not after today)


def _start(resolved: ResolvedDate) -> date:
    """The first day a resolved date covers."""
    parts = [int(part) for part in resolved.value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _absolute(text: str) -> ResolvedDate | None:
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if match := pattern.search(text):
            month = _month(match["month"])
            return _day(int(match["year"]), month, int(match["day"]))
    if match := _MONTH_YEAR.search(text):
        return ResolvedDate(f"{int(match['year']):04d}-{MONTHS[match['month']]:02d}", "month")
    if (match := _YEAR.search(text)) and not re.search(r"\byears?\b", text):
        return ResolvedDate(match["year"], "year")
    return None


def _relative(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    return (
        _relative_day(text, anchor, future)
        or _month_day(text, anchor, future)
        or _relative_period(text, anchor, future)
        or _ago(text, anchor)
        or _last_season(text, anchor)
        or _weekend(text, anchor, future)
        or _the_season(text, anchor, future)
    )


_THE_SEASON = re.compile(r"^(?:in |by |until |during )?the (spring|summer|autumn|fall)$")
# Parts of a year a story tells without naming it ("later in the year"): this year's, for
# what is to come.
YEAR_PARTS = {"later in the year", "earlier in the year", "the second half of the year",
              "the first half of the year", "the rest of the year"}  # fmt: skip


def _the_season(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    """ "In the autumn": the year of the next such season not over for what is to come ("is
    expected to travel to Moscow in the autumn", in August: this year's), of the last one
    begun for what happened; winter, across two years, is left unknown."""
    if (season := _THE_SEASON.match(text)) is None:
        return None
    ends = SEASON_ENDS[season[1]]
    if future:
        return ResolvedDate(f"{anchor.year + (anchor.month > ends):04d}", "year")
    begins = ends - 2
    return ResolvedDate(f"{anchor.year - (anchor.month < begins):04d}", "year")


def _last_season(text: str, anchor: date) -> ResolvedDate | None:
    """The year of the last such season over before this day ("last summer" in October is this
    year's, in March last year's)."""
    if (season := _LAST_SEASON.match(text)) is None:
        return None
    return ResolvedDate(f"{anchor.year - (anchor.month <= SEASON_ENDS[season[1]]):04d}", "year")


def _relative_day(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    # ("overnight" in a wire story is the night that ends on the day it is filed)
    if text in ("today", "this morning", "this evening", "tonight", "overnight") or text.endswith(
        " today"
    ):
        return from_date(anchor)
    if text in ("yesterday", "last night"):
        return from_date(anchor - timedelta(days=1))
    if match := _WEEKDAY.search(text):
        weekday = WEEKDAYS.index(match["weekday"])
        # "last Friday" on a Friday is a week ago, "next Friday" a week ahead; "on Friday" today
        other = 7 if text.startswith(("last ", "next ")) else 0
        if text.startswith("next "):
            future = True  # ("next Friday" is ahead, "last Friday" behind, whatever the event)
        elif text.startswith("last "):
            future = False
        if future:
            return from_date(anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or other))
        return from_date(anchor - timedelta(days=(anchor.weekday() - weekday) % 7 or other))
    return None


def _month_day(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    """ "August 4" without a year: the last one before publication (the next one if planned);
    "Sept. 4 last year", "March 3 this year" in the year they name."""
    for feast, day in HOLIDAYS.items():  # "on Christmas Day last year"
        text = re.sub(rf"^(on )?{feast}\b", day, text)
    if not (match := _MONTH_DAY.match(text)):
        return None
    month, day = MONTHS[match["month"] or match["month2"]], int(match["day"] or match["day2"])
    if match["which"]:  # "Sept. 4 last year"
        year = anchor.year - {"this": 0, "last": 1, "next": -1}[match["which"]]
        return _day(year, month, day)
    for year in (anchor.year, anchor.year + (1 if future else -1)):
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        if (value >= anchor) == future or value == anchor:
            return from_date(value)
    return None


def _relative_period(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    if match := _MONTH_OF_YEAR.match(text):  # "December last year", "in March this year"
        years_back = {"this": 0, "last": 1, "next": -1}[match["which"]]
        return ResolvedDate(f"{anchor.year - years_back:04d}-{MONTHS[match['month']]:02d}", "month")
    if match := _LAST_MONTH.match(text):  # "last December": the one before this month's
        month, which = MONTHS[match["month"]], match["which"]
        year = anchor.year
        if which == "last" and month >= anchor.month:
            year -= 1
        elif which == "next" and month <= anchor.month:
            year += 1
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    if match := _MONTH_ONLY.match(text):
        month = MONTHS[match["month"]]
        if future:
            year = anchor.year if month >= anchor.month else anchor.year + 1
        else:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    # (a part of the month or year names that month or year: "early next year", "late last
    # month", "the end of this year")
    part, text = _PART_OF.match(text), _PART_OF.sub("", text)
    if part and text in ("the month", "the year"):
        text = f"this {text[4:]}"  # ("by the end of the year": this one)
    text = _SEASON.sub("this year", text)  # ("this summer": this year)
    months_back = {"last month": 1, "earlier this month": 0, "this month": 0,
                   "later this month": 0, "next month": -1}.get(text)  # fmt: skip
    if months_back is not None:
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - months_back, 12)
        return ResolvedDate(f"{year:04d}-{month + 1:02d}", "month")
    weeks_back = {
        "last week": 1,
        "this week": 0,
        "earlier this week": 0,
        "later this week": 0,
        "earlier in the week": 0,
        "later in the week": 0,
        "next week": -1,
    }.get(text)
    if weeks_back is not None:
        return _week(anchor - timedelta(weeks=weeks_back))
    if text in YEAR_PARTS:
        # (what is to come "later in the year" comes this year; what happened "later in the
        # year" happened in the year the story told last, which a phrase cannot know)
        text = "this year" if future else ""
    years_back = {"this year": 0, "earlier this year": 0, "later this year": 0, "last year": 1,
                  "next year": -1}.get(text)  # fmt: skip
    return None if years_back is None else ResolvedDate(f"{anchor.year - years_back:04d}", "year")


def _ago(text: str, anchor: date) -> ResolvedDate | None:
    """ "Two years ago" is that year, "seven months ago" that month, "eight days ago" that day;
    "three weeks ago" the month of that week, when the week lies in one; "a year ago" is left
    unknown, as often a comparison as a date."""
    if not (match := _AGO.match(text)):
        return None
    count = match["count"]
    n = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
    if n is None or count in ("a", "an"):
        return None  # ("a trip that would have been unthinkable a year ago": a comparison)
    unit = match["unit"]
    if unit == "year":
        return ResolvedDate(f"{anchor.year - n:04d}", "year")
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return ResolvedDate(f"{year:04d}-{month + 1:02d}", "month")
    if unit == "week":
        return _week(anchor - timedelta(weeks=n))
    return from_date(anchor - timedelta(days=n))


def _week(day: date) -> ResolvedDate:
    """The month of the calendar week (Monday to Sunday) holding ``day``: the month of its
    Thursday, which holds most of the week ("next week" on Friday 28 March 2025: 31 March to
    6 April, April), as ISO 8601 counts a week to the year of its Thursday."""
    thursday = day - timedelta(days=day.weekday()) + timedelta(days=3)
    return ResolvedDate(f"{thursday.year:04d}-{thursday.month:02d}", "month")


_WEEKEND = re.compile(r"^(?:at |over |during |on |for )?(?P<which>this |the |last |next )weekend$")


def _weekend(text: str, anchor: date, future: bool) -> ResolvedDate | None:
    """ "At the weekend", "this weekend", "last weekend": the month of that weekend's Saturday,
    the coming one for what is to come, the last one for what happened."""
    if not (match := _WEEKEND.match(text)):
        return None
    which = match["which"].strip()
    if which == "last":
        future = False
    elif which == "next":
        future = True
    to_saturday = (5 - anchor.weekday()) % 7
    if future:
        saturday = anchor + timedelta(days=to_saturday + (7 if which == "next" else 0))
    else:
        saturday = anchor - timedelta(
            days=(anchor.weekday() - 5) % 7 or (7 if which == "last" else 0)
        )
    return ResolvedDate(f"{saturday.year:04d}-{saturday.month:02d}", "month")


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value]


def _day(year: int, month: int, day: int) -> ResolvedDate | None:
    try:
        return from_date(date(year, month, day))
    except ValueError:
        return None


def shifted_day(day: str, days: int) -> str:
    """An ISO day moved by ``days``."""
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def from_date(value: date) -> ResolvedDate:
    return ResolvedDate(value.isoformat(), "day")


# How many days before publication the story's news may lie: a wire lead's day, a meeting
# told as news.
LEAD_DAYS = 7


def this_week(resolved: ResolvedDate, published: datetime | None) -> bool:
    """A day of the story's news: the week before publication ("on Tuesday"), not a date to come
    ("will host a summit on March 29") nor one of history."""
    if published is None:
        return False
    day = datetime.fromisoformat(resolved.value).date()
    return 0 <= (published.date() - day).days <= LEAD_DAYS
