"""The queries behind ``newsdesk search``."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from tests.helpers import SilentServer

from newsdesk.errors import BackendTimeout, InvalidQuery
from newsdesk.search import (
    INTERACTIVE_CLIENT,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    SERVICE_CLIENT,
    ClientOptions,
    SearchFilters,
    build_query,
    check_filters,
    make_client,
    search_articles,
)
from newsdesk.settings import ElasticsearchSettings


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
            {"range": {"published_at": {"gte": "2022-01-01", "lt": "2023-01-01"}}},
            id="until-a-day-takes-the-whole-day",
        ),
        pytest.param(
            SearchFilters(until=datetime(2022, 12, 31, 12, 30)),
            {"range": {"published_at": {"lte": "2022-12-31T12:30:00"}}},
            id="until-a-time-takes-up-to-it",
        ),
        pytest.param(
            SearchFilters(until=datetime(2022, 12, 31)),
            {"range": {"published_at": {"lt": "2023-01-01"}}},
            id="until-midnight-is-a-day",
        ),
        pytest.param(
            SearchFilters(topic="drones"), {"term": {"topics.name": "drones"}}, id="topic"
        ),
        pytest.param(SearchFilters(source="seed"), {"term": {"source": "seed"}}, id="source"),
        pytest.param(SearchFilters(language="EN"), {"term": {"language": "en"}}, id="language"),
        pytest.param(
            SearchFilters(event_type="visit"),
            {"nested": {"path": "events", "query": {"term": {"events.type": "visit"}}}},
            id="event-type-nested",
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


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        pytest.param(SearchFilters(query="drone " * 2100), "characters", id="10500-chars"),
        pytest.param(
            SearchFilters(query="x" * (MAX_QUERY_CHARS + 1)), "characters", id="one-long-word"
        ),
        pytest.param(
            SearchFilters(query=" ".join(["a"] * (MAX_QUERY_TERMS + 1))),
            "terms",
            id="too-many-terms",
        ),
        pytest.param(SearchFilters(person="G" * 5000), "--person", id="long-person"),
        pytest.param(SearchFilters(org="O" * 5000), "--org", id="long-org"),
    ],
)
def test_oversized_queries_are_refused_before_any_request(
    filters: SearchFilters, words: str
) -> None:
    with pytest.raises(InvalidQuery, match=words):
        check_filters(filters)


def test_a_query_at_the_limits_is_accepted() -> None:
    words = " ".join(["drones"] * MAX_QUERY_TERMS)
    check_filters(SearchFilters(query=words[:MAX_QUERY_CHARS], person="Benny Gantz"))


@pytest.mark.parametrize(
    ("options", "requests"),
    [
        pytest.param(INTERACTIVE_CLIENT, 1, id="interactive-once"),
        pytest.param(SERVICE_CLIENT, 3, id="service-three-times"),
    ],
)
async def test_a_server_that_never_answers_times_out_readably(
    options: ClientOptions, requests: int
) -> None:
    with SilentServer() as silent:
        es = make_client(ElasticsearchSettings(url=silent.url, request_timeout=0.5), options)
        started = time.monotonic()
        try:
            with pytest.raises(BackendTimeout, match=r"timed out after \d") as caught:
                await search_articles(es, "newsdesk-articles", SearchFilters(query="drones"))
        finally:
            await es.close()
        assert time.monotonic() - started < 0.5 * requests + 1.5
        assert len(silent.connections) == requests
    assert "cannot reach" not in str(caught.value)
