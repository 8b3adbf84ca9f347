"""Fuzzing ``on_articles_enriched`` with the in-memory broker and the real Elasticsearch API.

Whatever the batch holds, the handler never raises; every input is indexed (by id, or a newer
version of it is) or dead-lettered with a reason; every dead letter fits the topic.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from faststream.kafka import TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.app import broker
from indexer.bulk import BulkWriter
from newsdesk import topics
from newsdesk.events import DeadLetter, EnrichedArticle, Event, EventParty
from newsdesk.kafka import Codec
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings
from tests.fuzz.strategies import hostile

pytestmark = pytest.mark.integration
MAX_MESSAGE = 512 * 1024
CODEC = Codec("indexer", max_message_bytes=MAX_MESSAGE)
published: list[bytes] = []


@broker.subscriber(topics.DLQ)
async def sink_dlq(message: KafkaMessage) -> None:
    published.append(message.body)


class _Record:
    topic, partition, offset, key, headers = topics.ARTICLES_ENRICHED, 0, 0, None, ()

    def __init__(self, value: bytes) -> None:
        self.value = value


def valid_article(article_id: str) -> dict[str, Any]:
    article = EnrichedArticle(
        article_id=article_id,
        url=f"https://example.org/{article_id}",
        canonical_url=f"https://example.org/{article_id}",
        source="fuzz",
        fetched_at=datetime(2024, 3, 4, tzinfo=UTC),
        title="Kenya and the United States renew a defence pact",
        minhash_bands=["00:aa", "01:bb"],
        events=[Event(type="agreement", trigger="renew", parties=[EventParty(name="Kenya")])],
    )
    return json.loads(article.model_dump_json())


async def run_batch(es_settings: ElasticsearchSettings, batch: list[bytes]) -> list[bytes]:
    published.clear()
    es = make_client(es_settings)
    try:
        writer = BulkWriter(
            es, articles_alias="newsdesk-articles", events_alias="newsdesk-events", retries=1
        )
        async with TestKafkaBroker(broker) as test_broker:
            test_broker.context.set_global("writer", writer)
            test_broker.context.set_global("codec", CODEC)
            await test_broker.publish_batch(*batch, topic=topics.ARTICLES_ENRICHED)
    finally:
        await es.close()
    return list(published)


async def stored(es_settings: ElasticsearchSettings, ids: list[str]) -> dict[str, Any]:
    es = make_client(es_settings)
    try:
        await es.indices.refresh(index="newsdesk-articles")
        docs = await es.mget(index="newsdesk-articles", ids=ids)
    finally:
        await es.close()
    return {doc["_id"]: doc["_source"] for doc in docs["docs"] if doc.get("found")}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_batch_is_indexed_or_dead_lettered(
    data: st.DataObject, es_settings: ElasticsearchSettings
) -> None:
    ids = [f"fuzz-{data.draw(st.uuids()).hex[:12]}" for _ in range(3)]
    batch = [
        data.draw(hostile(valid_article(article_id), ("events", "fetched_at")))
        for article_id in data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=5))
    ]
    letters = [
        DeadLetter.model_validate_json(v) for v in asyncio.run(run_batch(es_settings, batch))
    ]
    for value in map(json.dumps, (letter.model_dump(mode="json") for letter in letters)):
        assert len(CODEC.encode_letter(DeadLetter.model_validate_json(value))) <= MAX_MESSAGE
    decoded = [CODEC.decode(_Record(value), EnrichedArticle) for value in batch]
    articles = {a.article_id: a for a in decoded if isinstance(a, EnrichedArticle)}
    not_decoded = sum(isinstance(d, DeadLetter) for d in decoded)
    refused = {letter.article_id for letter in letters if letter.article_id}
    assert len(letters) == not_decoded + len(refused)
    docs = asyncio.run(stored(es_settings, list(articles))) if articles else {}
    for article_id, article in articles.items():
        if article_id in refused:
            continue
        assert article_id in docs, f"{article_id} neither indexed nor dead-lettered"
        indexed_at = datetime.fromisoformat(docs[article_id]["fetched_at"])
        assert indexed_at >= article.fetched_at


def test_seventy_thousand_band_keys_never_block_the_batch(
    es_settings: ElasticsearchSettings,
) -> None:
    """Finding 3: a story lookup refused with HTTP 400 nacked the batch forever."""
    poison = valid_article("fuzz-bands-poison") | {"minhash_bands": [str(n) for n in range(70_000)]}
    good = valid_article("fuzz-bands-good")
    letters = asyncio.run(
        run_batch(es_settings, [json.dumps(poison).encode(), json.dumps(good).encode()])
    )
    assert [DeadLetter.model_validate_json(v).reason for v in letters] == ["invalid_payload"]
    assert "fuzz-bands-good" in asyncio.run(stored(es_settings, ["fuzz-bands-good"]))
