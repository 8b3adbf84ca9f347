"""The queries behind ``newsdesk search``."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.search import SearchFilters, build_query


def test_no_filters_match_everything() -> None:
    assert build_query(SearchFilters()) == {"match_all": {}}


def test_text_query_searches_title_and_body() -> None:
    query = build_query(SearchFilters(query="drones"))
    match = query["bool"]["must"][0]["multi_match"]
    assert match["query"] == "drones"
    assert any(f.startswith("title") for f in match["fields"])
    assert "text" in match["fields"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(
            SearchFilters(country="bh"), {"term": {"countries": "BH"}}, id="country-upper"
        ),
        pytest.param(
            SearchFilters(since=date(2022, 1, 1), until=date(2022, 12, 31)),
            {"range": {"published_at": {"gte": "2022-01-01", "lte": "2022-12-31"}}},
            id="date-range",
        ),
    ],
)
def test_filters_are_exact(filters: SearchFilters, expected: dict[str, object]) -> None:
    assert expected in build_query(filters)["bool"]["filter"]


def test_person_filter_also_matches_aliases_of_merged_entities() -> None:
    clause = build_query(SearchFilters(person="Gantz"))["bool"]["filter"][0]
    text = repr(clause)
    assert "'persons': 'Gantz'" in text
    assert "entities.aliases" in text
    assert clause["bool"]["minimum_should_match"] == 1
