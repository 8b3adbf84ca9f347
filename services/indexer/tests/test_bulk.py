"""The bulk writer on an in-memory stand-in: versions, events, retries and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.bulk import BulkWriter
from indexer.documents import country_pairs, event_actions
from newsdesk.errors import BackendUnavailable
from newsdesk.events import Event, EventParty, GeoPoint, Location

from .fakes import ARTICLES, EVENTS, FakeElasticsearch, api_error, enriched, writer


def agreement(*countries: str, place: str | None = None) -> Event:
    return Event(
        type="agreement",
        trigger="signed",
        countries=list(countries),
        place=place,
        parties=[EventParty(name=c, country=c) for c in countries],
    )


@pytest.fixture
def es() -> FakeElasticsearch:
    return FakeElasticsearch()


@pytest.mark.parametrize(
    ("minutes", "title", "expected", "stored_title"),
    [
        pytest.param(0, "again", "indexed", "again", id="same-fetch-replaces"),
        pytest.param(5, "newer", "indexed", "newer", id="newer-fetch-replaces"),
        pytest.param(-5, "older", "stale", "first", id="older-fetch-is-stale"),
    ],
)
async def test_a_second_write_of_an_article_follows_its_fetch_time(
    es: FakeElasticsearch, minutes: int, title: str, expected: str, stored_title: str
) -> None:
    bulk = writer(es)
    first = await bulk.write([enriched("a", title="first")])
    assert first.indexed == ["a"]
    assert first.replaced == []
    second = await bulk.write([enriched("a", minutes=minutes, title=title)])
    assert second.result_of("a") == expected
    assert es.sources(ARTICLES)["a"]["title"] == stored_title


async def test_re_extraction_replaces_the_record_and_all_its_events(es: FakeElasticsearch) -> None:
    bulk = writer(es)
    three = [agreement("IL", "BH"), agreement("IL", "AE"), agreement("US", "IL")]
    await bulk.write([enriched("a", events=three, extractor_version="1")])
    assert sorted(es.sources(EVENTS)) == ["a:0", "a:1", "a:2"]

    outcome = await bulk.write([enriched("a", events=[three[2]], extractor_version="2")])
    assert outcome.replaced == ["a"]
    assert es.sources(ARTICLES)["a"]["extractor_version"] == "2"
    events = es.sources(EVENTS)
    assert list(events) == ["a:0"]
    assert events["a:0"]["countries"] == ["US", "IL"]


async def test_only_a_replaced_article_looks_for_events_of_before(es: FakeElasticsearch) -> None:
    bulk = writer(es)
    await bulk.write([enriched("new-1"), enriched("new-2")])
    assert ("delete_by_query", EVENTS) not in es.calls
    await bulk.write([enriched("new-1", events=[])])
    assert ("delete_by_query", EVENTS) in es.calls
    assert es.sources(EVENTS).keys() == {"new-2:0"}


async def test_a_stale_article_writes_no_events(es: FakeElasticsearch) -> None:
    bulk = writer(es)
    await bulk.write([enriched("a", events=[])])
    outcome = await bulk.write([enriched("a", minutes=-1)])
    assert outcome.stale == ["a"]
    assert es.sources(EVENTS) == {}


async def test_the_last_copy_of_an_article_in_a_batch_wins(es: FakeElasticsearch) -> None:
    outcome = await writer(es).write([enriched("a", title="one"), enriched("a", title="two")])
    assert outcome.indexed == ["a"]
    assert es.sources(ARTICLES)["a"]["title"] == "two"


async def test_retryable_item_statuses_are_written_on_a_later_try(es: FakeElasticsearch) -> None:
    answers = iter([429, 503])

    def overloaded_twice(doc_id: str, _source: dict[str, Any]) -> int | None:
        return next(answers, None) if doc_id == "busy" else None

    es.item_fault = overloaded_twice
    outcome = await writer(es).write([enriched("busy"), enriched("calm")])
    assert sorted(outcome.indexed) == ["busy", "calm"]
    assert set(es.sources(ARTICLES)) == {"busy", "calm"}


async def test_a_write_to_an_index_blocked_by_a_migration_is_retried(
    es: FakeElasticsearch,
) -> None:
    """``index migrate`` blocks the old index after moving its alias: a write that was on its
    way there is refused with a cluster block, and its retry goes through the alias anew."""
    blocked = iter([(403, "cluster_block_exception")])
    es.item_fault = lambda _id, _source: next(blocked, None)
    outcome = await writer(es).write([enriched("in-flight")])
    assert outcome.indexed == ["in-flight"]
    assert outcome.failed == []


async def test_a_cluster_that_stays_overloaded_raises_after_the_retries(
    es: FakeElasticsearch,
) -> None:
    es.item_fault = lambda _id, _source: 503
    with pytest.raises(BackendUnavailable):
        await writer(es, retries=1).write([enriched("a")])


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        pytest.param(400, "mapping_error", id="400-is-a-mapping-error"),
        pytest.param(403, "index_error", id="403-forbidden-is-an-index-error"),
    ],
)
async def test_a_refused_document_is_reported_and_its_neighbours_written(
    es: FakeElasticsearch, status: int, reason: str
) -> None:
    es.item_fault = lambda doc_id, _source: status if doc_id == "bad" else None
    outcome = await writer(es).write([enriched("bad"), enriched("good")])
    assert outcome.indexed == ["good"]
    assert [(f.article_id, f.reason) for f in outcome.failed] == [("bad", reason)]
    assert f"HTTP {status}" in outcome.failed[0].message


async def test_a_request_refused_whole_is_halved_down_to_its_culprit(es: FakeElasticsearch) -> None:
    def too_large(ids: list[str]) -> Exception | None:
        return api_error(413, "request too large") if "huge" in ids else None

    es.request_fault = too_large
    batch = [enriched("a"), enriched("huge", events=[]), enriched("b"), enriched("c")]
    outcome = await writer(es).write(batch)
    assert sorted(outcome.indexed) == ["a", "b", "c"]
    assert [(f.article_id, f.reason) for f in outcome.failed] == [("huge", "index_error")]
    assert "413" in outcome.failed[0].message


async def test_a_request_refused_as_overloaded_is_retried_whole(es: FakeElasticsearch) -> None:
    refusals = iter([api_error(503), api_error(429)])
    es.request_fault = lambda _ids: next(refusals, None)
    outcome = await writer(es).write([enriched("a")])
    assert outcome.indexed == ["a"]


def test_an_event_document_carries_its_article_and_only_its_own_places() -> None:
    bahrain = Location(name="Bahrain", kind="country", country="BH", point=GeoPoint(lat=26, lon=50))
    paris = Location(name="Paris", kind="city", country="FR", point=GeoPoint(lat=48, lon=2))
    article = enriched(
        "a",
        events=[agreement("BH", "IL", "AE", place="Manama")],
        locations=[bahrain, paris],
        published_at="2022-02-03T00:00:00Z",
    )
    [action] = event_actions(EVENTS, article)
    source = action["_source"]
    assert action["_id"] == source["event_id"] == "a:0"
    assert action["version"] == int(article.fetched_at.timestamp() * 1000)
    assert source["article_id"] == "a"
    assert source["title"] == "Article a"
    assert source["published_at"].startswith("2022-02-03")
    assert [loc["name"] for loc in source["locations"]] == ["Bahrain"]
    assert source["country_pairs"] == ["AE-BH", "AE-IL", "BH-IL"]
    assert source["indexed_at"]


@pytest.mark.parametrize(
    ("countries", "pairs"),
    [
        pytest.param([], [], id="none"),
        pytest.param(["IL"], [], id="one-country-no-pair"),
        pytest.param(["IL", "IL"], [], id="the-same-country-twice-no-pair"),
        pytest.param(["IL", "BH"], ["BH-IL"], id="sorted-within-the-pair"),
    ],
)
def test_country_pairs(countries: list[str], pairs: list[str]) -> None:
    assert country_pairs(Event(type="meeting", trigger="met", countries=countries)) == pairs


async def test_without_story_grouping_a_batch_costs_no_lookup(es: FakeElasticsearch) -> None:
    bulk = BulkWriter(es, articles_alias=ARTICLES, events_alias=EVENTS, group_stories=False)  # type: ignore[arg-type]
    await bulk.write(
        [enriched("a", minhash_bands=["00:aa"]), enriched("b", minhash_bands=["00:aa"])]
    )
    assert [call for call, _ in es.calls] == ["bulk", "bulk"]
    assert es.sources(ARTICLES)["b"]["story_id"] is None
