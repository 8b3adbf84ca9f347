"""Replaying the enriched topic and reprocessing raw articles leave the index as it was.

Digests compare every stored field but ``indexed_at`` (the time of the write itself, which a
replay renews) and, for a re-extraction, ``timings_ms`` (how long each extraction stage took
this time). Story labels are in the digests: they depend on the set of articles, not on the
order a replay brings them in.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from elasticsearch import AsyncElasticsearch
from faststream.kafka import TestKafkaBroker
from typer.testing import CliRunner

from indexer.app import broker
from indexer.bulk import BulkWriter
from indexer.documents import WRITE_TIME_FIELDS
from newsdesk import topics
from newsdesk.events import RawArticle
from newsdesk.files import raw_article_from_file
from newsdesk.kafka import Codec, read_topic, stream_stats
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.main import app
from tests.helpers import SEEDS, digests, eventually, get_document, publish

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("services")]
ARTICLES, EVENTS = "newsdesk-articles", "newsdesk-events"
SOURCE = "reprocess-seeds"
IDS = [f"rp-{n:03d}" for n in range(3)]
#: A re-extraction also measures its stages again.
EXTRACTION_TIME_FIELDS = WRITE_TIME_FIELDS | {"timings_ms"}


@pytest.fixture(scope="module")
async def es(es_settings: ElasticsearchSettings) -> AsyncIterator[AsyncElasticsearch]:
    client = make_client(es_settings)
    yield client
    await client.close()


@pytest.fixture(scope="module")
async def seeds_indexed(kafka_settings: KafkaSettings, es: AsyncElasticsearch) -> list[str]:
    """The three seeds, through the real extractor and indexer, under ids of their own."""
    for n, article_id in enumerate(IDS):
        path = next(SEEDS.glob(f"{n:03d}_*.txt"))
        raw = raw_article_from_file(path, source=SOURCE).model_copy(
            update={"article_id": article_id}
        )
        await send(kafka_settings, raw)
    for article_id in IDS:
        await eventually(lambda i=article_id: get_document(es, ARTICLES, i), within=120)
    await eventually(lambda: drained(kafka_settings), within=120)
    return IDS


async def send(kafka: KafkaSettings, raw: RawArticle) -> None:
    value = raw.model_dump_json().encode()
    await publish(kafka, topics.ARTICLES_RAW, value, raw.article_id.encode())


async def drained(kafka: KafkaSettings) -> bool:
    return not any((await stream_stats(kafka)).lag.values())


async def indexed_at(es: AsyncElasticsearch, ids: list[str]) -> dict[str, str]:
    found = await es.mget(index=ARTICLES, ids=ids, source_includes=["indexed_at"])
    return {doc["_id"]: doc["_source"]["indexed_at"] for doc in found["docs"]}


async def everything(es: AsyncElasticsearch, leave_out: frozenset[str]) -> dict[str, str]:
    articles = await digests(es, ARTICLES, leave_out)
    events = await digests(es, EVENTS, leave_out)
    return {f"article {k}": v for k, v in articles.items()} | {
        f"event {k}": v for k, v in events.items()
    }


async def test_replaying_the_enriched_topic_from_its_start_leaves_the_index_identical(
    seeds_indexed: list[str],
    kafka_settings: KafkaSettings,
    es_settings: ElasticsearchSettings,
    es: AsyncElasticsearch,
) -> None:
    before = await everything(es, WRITE_TIME_FIELDS)
    written_at = await indexed_at(es, seeds_indexed)

    # The indexer's own handler, fed the whole topic again in its batch size, as a consumer
    # group reset to the earliest offsets would; dead letters stay in the in-memory broker.
    records = [
        record.value async for record in read_topic(kafka_settings, topics.ARTICLES_ENRICHED)
    ]
    assert len(records) >= len(seeds_indexed)
    client = make_client(es_settings)
    try:
        writer = BulkWriter(client, articles_alias=ARTICLES, events_alias=EVENTS)
        async with TestKafkaBroker(broker) as replaying:
            replaying.context.set_global("writer", writer)
            replaying.context.set_global(
                "codec", Codec("indexer", kafka_settings.max_message_bytes)
            )
            for start in range(0, len(records), 200):
                await replaying.publish_batch(
                    *records[start : start + 200], topic=topics.ARTICLES_ENRICHED
                )
    finally:
        await client.close()

    rewritten = await indexed_at(es, seeds_indexed)
    assert all(rewritten[i] > written_at[i] for i in seeds_indexed), "the replay wrote nothing"
    after = await everything(es, WRITE_TIME_FIELDS)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == []
    assert len(after) > len(seeds_indexed)


async def test_reprocess_re_extracts_the_selected_articles_and_replaces_them(
    seeds_indexed: list[str],
    kafka_settings: KafkaSettings,
    stack_env: dict[str, str],
    es: AsyncElasticsearch,
) -> None:
    def cli(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, list(args), env=stack_env)
        return result.exit_code, result.output

    code, output = await asyncio.to_thread(cli, "reprocess")
    assert code == 2
    assert "--all" in output
    code, output = await asyncio.to_thread(
        cli, "reprocess", "--since", "2999-01-01", "--dry-run", "--json"
    )
    assert code == 0, output
    assert json.loads(output)["selected"] == 0

    before = await everything(es, EXTRACTION_TIME_FIELDS)
    written_at = await indexed_at(es, seeds_indexed)
    code, output = await asyncio.to_thread(cli, "reprocess", "--source", SOURCE, "--json")
    assert code == 0, output
    report = json.loads(output)
    assert (report["selected"], report["published"]) == (3, 3)
    assert report["by_source"] == {SOURCE: 3}

    async def all_rewritten() -> bool:
        now = await indexed_at(es, seeds_indexed)
        return all(now[i] > written_at[i] for i in seeds_indexed) and await drained(kafka_settings)

    await eventually(all_rewritten, within=120)
    after = await everything(es, EXTRACTION_TIME_FIELDS)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == []
