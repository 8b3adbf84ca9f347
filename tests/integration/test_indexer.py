"""The indexer's bulk writer against the real Elasticsearch-API server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from elasticsearch import AsyncElasticsearch

from indexer.bulk import BulkWriter
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle, Event, EventParty
from newsdesk.local import free_port
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings

pytestmark = pytest.mark.integration
NOW = datetime(2022, 2, 3, 12, tzinfo=UTC)


@pytest.fixture
async def es(es_settings: ElasticsearchSettings) -> AsyncIterator[AsyncElasticsearch]:
    client = make_client(es_settings)
    yield client
    await client.close()


def writer_for(es: AsyncElasticsearch, retries: int = 2) -> BulkWriter:
    return BulkWriter(
        es,
        articles_alias="newsdesk-articles",
        events_alias="newsdesk-events",
        retries=retries,
        backoff_max_s=0.2,
    )


def article(article_id: str, **changes: object) -> EnrichedArticle:
    base = EnrichedArticle(
        article_id=article_id,
        url=f"https://example.org/{article_id}",
        canonical_url=f"https://example.org/{article_id}",
        source="test",
        fetched_at=NOW,
        title="Israel and Bahrain sign a defence memorandum",
        text="Gantz signed it.",
        events=[
            Event(
                type="agreement",
                trigger="signed",
                date="2022-02-03",
                date_precision="day",
                parties=[
                    EventParty(name="Israel", country="IL"),
                    EventParty(name="Bahrain", country="BH"),
                ],
            )
        ],
    )
    return base.model_copy(update=changes)


async def test_batch_is_indexed_with_events_one_per_document(es: AsyncElasticsearch) -> None:
    outcome = await writer_for(es).write([article("bulk-1"), article("bulk-2", events=[])])
    assert sorted(outcome.indexed) == ["bulk-1", "bulk-2"]
    assert outcome.failed == []
    await es.indices.refresh(index="newsdesk-events")
    events = await es.search(index="newsdesk-events", query={"term": {"article_id": "bulk-1"}})
    hits = events["hits"]["hits"]
    assert len(hits) == 1
    assert hits[0]["_source"]["title"] == "Israel and Bahrain sign a defence memorandum"
    assert {p["country"] for p in hits[0]["_source"]["parties"]} == {"IL", "BH"}


async def test_older_version_is_stale_and_does_not_overwrite(es: AsyncElasticsearch) -> None:
    writer = writer_for(es)
    await writer.write([article("bulk-versions", title="newer")])
    outcome = await writer.write(
        [article("bulk-versions", title="older", fetched_at=NOW - timedelta(hours=1))]
    )
    assert outcome.stale == ["bulk-versions"]
    doc = await es.get(index="newsdesk-articles", id="bulk-versions")
    assert doc["_source"]["title"] == "newer"


async def test_document_the_mapping_refuses_is_reported_not_retried(
    es: AsyncElasticsearch,
) -> None:
    bad_event = Event(type="agreement", trigger="signed", date="the day after tomorrow")
    outcome = await writer_for(es).write(
        [
            article("bulk-bad", events=[], published_at=None).model_copy(
                update={"events": [bad_event]}
            ),
            article("bulk-good-neighbour"),
        ]
    )
    assert outcome.indexed == ["bulk-good-neighbour"]
    assert [f.article_id for f in outcome.failed] == ["bulk-bad"]
    assert outcome.failed[0].reason == "mapping_error"
    assert "HTTP 400" in outcome.failed[0].message


async def test_unreachable_elasticsearch_raises_transient_after_retries() -> None:
    dead = make_client(
        ElasticsearchSettings(url=f"http://127.0.0.1:{free_port()}", request_timeout=1)
    )
    try:
        with pytest.raises(BackendUnavailable):
            await writer_for(dead, retries=1).write([article("bulk-nowhere")])
    finally:
        await dead.close()
