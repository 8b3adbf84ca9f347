"""Event dates: mentions resolved against the publication date, precision kept."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.nlp.days import resolve_date, wholly_after

PUBLISHED = date(2022, 2, 3)  # a Thursday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Thursday", "2022-02-03", "day"),
        ("last Thursday", "2022-01-27", "day"),  # (on a Thursday: a week ago)
        ("last Tuesday", "2022-02-01", "day"),
        ("Earlier on Thursday", "2022-02-03", "day"),
        ("Tuesday", "2022-02-01", "day"),
        ("today", "2022-02-03", "day"),
        ("yesterday", "2022-02-02", "day"),
        ("November", "2021-11", "month"),
        ("in February", "2022-02", "month"),
        ("last month", "2022-01", "month"),
        ("Sept. 2020", "2020-09", "month"),
        ("13 July, 2022", "2022-07-13", "day"),
        ("July 13, 2022", "2022-07-13", "day"),
        ("2020", "2020", "year"),
        ("earlier this year", "2022", "year"),
        ("last year", "2021", "year"),
        ("December last year", "2021-12", "month"),
        ("Sept. 4 last year", "2021-09-04", "day"),
        ("last December", "2021-12", "month"),
        ("last February", "2021-02", "month"),  # (in February: a year back)
        ("next March", "2022-03", "month"),
        ("this May", "2022-05", "month"),
        ("on Christmas Day", "2021-12-25", "day"),
        ("New Year's Day", "2022-01-01", "day"),
        ("Christmas Day last year", "2021-12-25", "day"),
        ("4 March this year", "2022-03-04", "day"),  # (the day named, even after publication)
        ("in March of next year", "2023-03", "month"),
        ("May this year", "2022-05", "month"),  # (the month named, even after publication)
        ("last week", "2022-01", "month"),  # 24-30 January
        ("next week", "2022-02", "month"),  # 7-13 February
        ("Jan. 9, days", "2022-01-09", "day"),  # (the NER glued "days after ..." to the day)
        ("two years ago", "2020", "year"),
        ("seven months ago", "2021-07", "month"),
        ("Three weeks ago", "2022-01", "month"),  # 10-16 January
        ("eight days ago", "2022-01-26", "day"),
        ("33 years ago", "1989", "year"),
        ("early next year", "2023", "year"),  # (a part of a year or month names it)
        ("late last month", "2022-01", "month"),
        ("the end of this year", "2022", "year"),
        ("mid-next month", "2022-03", "month"),
        ("the end of the year", "2022", "year"),
        ("later this summer", "2022", "year"),
        # (a part of a month names the month)
        ("in mid-May", "2021-05", "month"),
        ("the start of September", "2021-09", "month"),
        ("at the end of January", "2022-01", "month"),
        ("the first week of December", "2021-12", "month"),
        ("last month's", "2022-01", "month"),  # ("last month's attacks")
        ("last summer", "2021", "year"),  # (in February: last year's)
        ("last spring", "2021", "year"),
    ],
    ids=str,
)
def test_date_mention_is_resolved(text: str, value: str, precision: str) -> None:
    resolved = resolve_date(text, PUBLISHED)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "two-day",
        "last winter",
        "recent years",
        "the last few years",
        "a year ago",
        "decades ago",
    ],
)
def test_vague_mention_stays_unknown(text: str) -> None:
    assert resolve_date(text, PUBLISHED) is None


@pytest.mark.parametrize("text", ["Thursday", "last month", "November"])
def test_relative_mention_without_publication_date_stays_unknown(text: str) -> None:
    assert resolve_date(text, None) is None


@pytest.mark.parametrize(
    "text", ["this week", "earlier this week", "later this week", "Earlier in the week"]
)
def test_this_week_is_its_month(text: str) -> None:
    """The week of publication (Monday 14 to Sunday 20 February) names its month."""
    resolved = resolve_date(text, date(2022, 2, 17))
    assert resolved is not None
    assert (resolved.value, resolved.precision) == ("2022-02", "month")


@pytest.mark.parametrize(
    ("published", "text"),
    [
        (date(2022, 2, 9), "last week"),
        (date(2022, 1, 26), "next week"),
        (date(2022, 2, 3), "this week"),
    ],
    ids=["last-week-31-jan-to-6-feb", "next-week-31-jan-to-6-feb", "this-week-31-jan-to-6-feb"],
)
def test_week_across_two_months_is_the_month_of_its_thursday(published: date, text: str) -> None:
    # (31 January to 6 February: five of its days, and its Thursday, are February's)
    resolved = resolve_date(text, published)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == ("2022-02", "month")


@pytest.mark.parametrize(
    ("published", "text", "future", "value", "precision"),
    [
        (date(2024, 3, 7), "the weekend", True, "2024-03", "month"),
        (date(2022, 1, 27), "this weekend", True, "2022-01", "month"),
        (date(2022, 1, 27), "the weekend", False, "2022-01", "month"),
        (date(2022, 1, 28), "the weekend", True, "2022-01", "month"),
        (date(2022, 1, 31), "the weekend", True, "2022-02", "month"),
        (date(2022, 1, 31), "last weekend", True, "2022-01", "month"),
        (date(2022, 2, 1), "the weekend", False, "2022-01", "month"),
        (date(2022, 1, 24), "next weekend", False, "2022-02", "month"),
        (date(1971, 8, 9), "in the autumn", True, "1971", "year"),
        (date(1971, 12, 9), "the autumn", True, "1972", "year"),
        (date(2015, 2, 24), "the spring", True, "2015", "year"),
        (date(2015, 7, 1), "the spring", True, "2016", "year"),
        (date(2015, 7, 1), "the spring", False, "2015", "year"),
        (date(2015, 2, 1), "the summer", False, "2014", "year"),
        (date(1975, 8, 3), "later in the year", True, "1975", "year"),
        (date(2022, 6, 9), "the second half of the year", True, "2022", "year"),
    ],
    ids=[
        "thursday-the-coming-one",
        "this-weekend-to-come",
        "past-the-last-one",
        "friday-tomorrow-is-saturday",
        "monday-the-coming-one-is-next-month",
        "last-weekend-is-past-whatever-the-event",
        "tuesday-the-last-one-is-last-month",
        "next-weekend-a-week-on",
        "autumn-to-come-in-august",
        "autumn-to-come-in-december-is-next-years",
        "spring-to-come-in-february",
        "spring-to-come-in-july-is-next-years",
        "spring-past-in-july",
        "summer-past-in-february-is-last-years",
        "later-in-the-year",
        "second-half-of-the-year",
    ],
)
def test_a_weekend_season_or_part_of_the_year_names_its_month_or_year(
    published: date, text: str, future: bool, value: str, precision: str
) -> None:
    # (a weekend: the month of its Saturday, the coming one for what is to come; a season: the
    # year of the next one for what is to come, of the last one begun for what happened)
    resolved = resolve_date(text, published, future=future)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)


def test_a_part_of_the_year_untold_in_the_past_stays_unknown() -> None:
    # ("Later in the year, Indonesia and Japan signed the deal": the year told before)
    assert resolve_date("later in the year", date(2023, 3, 10), future=False) is None


def test_the_winter_untold_stays_unknown() -> None:
    # (a winter spans two years)
    assert resolve_date("in the winter", date(2015, 2, 1), future=True) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("Saturday", "2022-02-05"), ("Monday", "2022-01-31"), ("February 10", "2022-02-10")],
    ids=["two-days-ahead", "three-days-back", "a-week-ahead"],
)
def test_a_called_off_event_takes_the_nearer_day(text: str, value: str) -> None:
    """A called-off event may have been due before or after publication: the nearer one."""
    resolved = resolve_date(text, PUBLISHED, future=None)
    assert resolved is not None
    assert resolved.value == value


def test_absolute_mention_needs_no_publication_date() -> None:
    assert resolve_date("Sept. 2020", None) is not None


@pytest.mark.parametrize(
    ("text", "value"),
    [("Thursday", "2022-02-03"), ("next Thursday", "2022-02-10"), ("Saturday", "2022-02-05")],
    ids=str,
)
def test_a_planned_weekday_is_the_next_one(text: str, value: str) -> None:
    resolved = resolve_date(text, PUBLISHED, future=True)
    assert resolved is not None
    assert resolved.value == value


@pytest.mark.parametrize(
    ("text", "future", "value"),
    [
        ("next Thursday", None, "2022-02-10"),
        ("next Thursday", False, "2022-02-10"),
        ("last Thursday", True, "2022-01-27"),
    ],
    ids=str,
)
def test_next_is_ahead_and_last_behind_whatever_the_event(
    text: str, future: bool | None, value: str
) -> None:
    resolved = resolve_date(text, PUBLISHED, future=future)
    assert resolved is not None
    assert resolved.value == value


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("next month", True),
        ("this month", False),
        ("Thursday", False),
        ("Friday", True),
        ("next year", True),
    ],
    ids=str,
)
def test_a_date_wholly_after_publication(text: str, after: bool) -> None:
    resolved = resolve_date(text, PUBLISHED, future=True)
    assert resolved is not None
    assert wholly_after(resolved, PUBLISHED) is after
