"""The events timeline's query: exact filters; undated events placed by their article."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.errors import InvalidQuery
from newsdesk.explore import EventFilters, events_query


def test_no_filter_is_every_event() -> None:
    assert events_query(EventFilters()) == {"match_all": {}}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(EventFilters(type="visit"), {"term": {"type": "visit"}}, id="type"),
        pytest.param(EventFilters(country="ma"), {"term": {"countries": "MA"}}, id="country"),
        pytest.param(
            EventFilters(party="Morocco"), {"term": {"parties.name": "Morocco"}}, id="party"
        ),
    ],
)
def test_exact_filters(filters: EventFilters, expected: dict[str, object]) -> None:
    assert events_query(filters)["bool"]["filter"] == [expected]


def test_dates_apply_to_the_event_or_to_its_article_when_it_has_none() -> None:
    [span] = events_query(EventFilters(since=date(2021, 1, 1), until=date(2021, 12, 31)))["bool"][
        "filter"
    ]
    dated, undated = span["bool"]["should"]
    assert dated == {"range": {"date": {"gte": "2021-01-01", "lt": "2022-01-01"}}}
    assert undated["bool"]["must_not"] == [{"exists": {"field": "date"}}]
    assert undated["bool"]["filter"] == [
        {"range": {"published_at": {"gte": "2021-01-01", "lt": "2022-01-01"}}}
    ]


def test_an_oversized_party_is_refused_before_any_request() -> None:
    with pytest.raises(InvalidQuery, match="--party"):
        events_query(EventFilters(party="P" * 5000))
