"""A raw article published to Kafka ends as an Elasticsearch document; bad input ends in the DLQ."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from elasticsearch import AsyncElasticsearch

from newsdesk import topics
from newsdesk.events import RawArticle
from newsdesk.files import raw_article_from_file
from newsdesk.kafka import stream_stats
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from tests.helpers import SEEDS, dead_letters, eventually, get_document, publish

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("services")]
ARTICLES = "newsdesk-articles"


@pytest.fixture
async def es(es_settings: ElasticsearchSettings) -> AsyncIterator[AsyncElasticsearch]:
    client = make_client(es_settings)
    yield client
    await client.close()


def seed(name: str, **changes: object) -> RawArticle:
    raw = raw_article_from_file(next(SEEDS.glob(f"{name}_*.txt")), source="test")
    return raw.model_copy(update=changes)


async def send(kafka: KafkaSettings, raw: RawArticle) -> None:
    await publish(
        kafka, topics.ARTICLES_RAW, raw.model_dump_json().encode(), raw.article_id.encode()
    )


async def test_raw_article_ends_as_an_enriched_document(
    kafka_settings: KafkaSettings, es: AsyncElasticsearch
) -> None:
    raw = seed("001", article_id="it-raw-to-doc")
    await send(kafka_settings, raw)
    doc = await eventually(lambda: get_document(es, ARTICLES, "it-raw-to-doc"), within=90)
    assert doc["title"] == (
        "Israel training Bahraini intelligence, agrees drone sales, official tells WSJ"
    )
    assert doc["published_at"].startswith("2022-07-13")
    assert {"Joe Biden", "Benny Gantz"} <= set(doc["persons"])
    assert {"IL", "BH", "US"} <= set(doc["countries"])
    assert doc["url"].startswith("file://")


async def test_poison_message_is_dead_lettered_and_does_not_block_the_partition(
    kafka_settings: KafkaSettings, es: AsyncElasticsearch
) -> None:
    poison_key = b"it-poison"
    await publish(kafka_settings, topics.ARTICLES_RAW, b"{not json at all", poison_key)
    await send(kafka_settings, seed("000", article_id="it-after-poison"))

    letters = await eventually(
        lambda: _letters_with_key(kafka_settings, poison_key.decode()), within=90
    )
    assert letters[0].stage == "extractor"
    assert letters[0].reason == "invalid_payload"
    assert letters[0].topic == topics.ARTICLES_RAW
    assert letters[0].payload == b"{not json at all"
    assert await eventually(lambda: get_document(es, ARTICLES, "it-after-poison"), within=90)


async def test_binary_content_is_dead_lettered_with_its_reason(
    kafka_settings: KafkaSettings,
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    raw = seed("002", article_id="it-binary", content=png, content_type="image/png")
    await send(kafka_settings, raw)
    letters = await eventually(lambda: _letters_with_key(kafka_settings, "it-binary"), within=90)
    assert letters[0].reason in {"binary_content", "bad_content_type"}
    assert letters[0].article_id == "it-binary"
    assert letters[0].message


async def test_redelivered_and_older_versions_do_not_duplicate_or_overwrite(
    kafka_settings: KafkaSettings, es: AsyncElasticsearch
) -> None:
    newer = seed("002", article_id="it-versions")
    older = newer.model_copy(
        update={
            "fetched_at": newer.fetched_at - timedelta(days=1),
            "content": b"By Someone Else\n\nAn older, different text.",
        }
    )
    await send(kafka_settings, newer)
    await eventually(lambda: get_document(es, ARTICLES, "it-versions"), within=90)
    await send(kafka_settings, older)
    await send(kafka_settings, newer)
    await eventually(lambda: _drained(kafka_settings), within=90)

    await es.indices.refresh(index=ARTICLES)
    doc = await get_document(es, ARTICLES, "it-versions")
    assert doc is not None
    assert doc["source_name"] == "Eurasia Review"
    count = await es.count(index=ARTICLES, query={"term": {"article_id": "it-versions"}})
    assert count["count"] == 1


async def _drained(kafka: KafkaSettings) -> bool:
    stats = await stream_stats(kafka)
    return not any(stats.lag.values())


async def _letters_with_key(kafka: KafkaSettings, key: str) -> list[object]:
    return [letter for letter in await dead_letters(kafka) if letter.key == key]
