"""Dates of events: DATE mentions resolved against the article's publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
_MONTH_ONLY = re.compile(rf"^(in |on |early |late |mid-?)?{_MONTH}$")
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class ResolvedDate:
    """An ISO date string cut to its precision: "2022-02-03", "2021-11" or "2020"."""

    value: str
    precision: str


def resolve_date(text: str, published: datetime | date | None) -> ResolvedDate | None:
    """The date a DATE mention names; relative ones need ``published``, else None (unknown)."""
    text = " ".join(text.lower().split())
    absolute = _absolute(text)
    if absolute or published is None:
        return absolute
    anchor = published.date() if isinstance(published, datetime) else published
    return _relative(text, anchor)


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


def _relative(text: str, anchor: date) -> ResolvedDate | None:
    return _relative_day(text, anchor) or _relative_period(text, anchor)


def _relative_day(text: str, anchor: date) -> ResolvedDate | None:
    if text in ("today", "this morning", "this evening", "tonight") or text.endswith(" today"):
        return _from_date(anchor)
    if text == "yesterday":
        return _from_date(anchor - timedelta(days=1))
    if match := _WEEKDAY.search(text):
        back = (anchor.weekday() - WEEKDAYS.index(match["weekday"])) % 7
        return _from_date(anchor - timedelta(days=back))
    return None


def _relative_period(text: str, anchor: date) -> ResolvedDate | None:
    if match := _MONTH_ONLY.match(text):
        month = MONTHS[match["month"]]
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    if text in ("last month", "earlier this month", "this month"):
        months_back = 0 if "this" in text else 1
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - months_back, 12)
        return ResolvedDate(f"{year:04d}-{month + 1:02d}", "month")
    years_back = {"this year": 0, "earlier this year": 0, "last year": 1}.get(text)
    return None if years_back is None else ResolvedDate(f"{anchor.year - years_back:04d}", "year")


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value]


def _day(year: int, month: int, day: int) -> ResolvedDate | None:
    try:
        return _from_date(date(year, month, day))
    except ValueError:
        return None


def _from_date(value: date) -> ResolvedDate:
    return ResolvedDate(value.isoformat(), "day")
