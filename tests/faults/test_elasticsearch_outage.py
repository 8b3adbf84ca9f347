"""Elasticsearch goes away mid-stream: nothing is committed, lost or dead-lettered, all arrives."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk import topics
from newsdesk.events import EnrichedArticle
from newsdesk.kafka import ensure_topics, stream_stats
from newsdesk.search import count_documents, ensure_indices, make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import LocalStack
from tests.helpers import ROOT, eventually, publish

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def outage_stack() -> Iterator[LocalStack]:
    with LocalStack.on_free_ports() as stack:
        yield stack


async def test_indexer_holds_its_offsets_while_elasticsearch_is_down(
    outage_stack: LocalStack, tmp_path: Path
) -> None:
    kafka = KafkaSettings(bootstrap_servers=outage_stack.kafka_bootstrap)
    es_settings = ElasticsearchSettings(url=outage_stack.es_url, request_timeout=2)
    await ensure_topics(kafka)
    es = make_client(es_settings)
    await ensure_indices(es, ROOT / "deploy" / "elasticsearch")
    env = {**os.environ, **outage_stack.env(), "INDEXER_RETRIES": "1", "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "indexer.log").open("wb")
    indexer = subprocess.Popen(  # noqa: ASYNC220  # started once, before the loop matters
        [sys.executable, "-m", "indexer"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        await _publish(kafka, 0)
        await eventually(lambda: _indexed(es, 1), within=60)
        await asyncio.to_thread(outage_stack.stop_server, "elasticsearch")
        for number in range(1, 6):
            await _publish(kafka, number)
        await asyncio.sleep(8)  # the indexer consumes, fails, nacks, retries
        stats = await stream_stats(kafka)
        assert stats.lag[topics.ARTICLES_ENRICHED] == 5
        assert stats.dead_letters == 0

        await asyncio.to_thread(outage_stack.start_server, "elasticsearch")
        await es.close()
        es = make_client(es_settings)
        await eventually(lambda: _indexed(es, 6), within=90)
        await eventually(lambda: _drained(kafka), within=30)
        assert (await stream_stats(kafka)).dead_letters == 0
    finally:
        await es.close()
        os.killpg(indexer.pid, signal.SIGTERM)
        try:
            indexer.wait(timeout=8)
        except subprocess.TimeoutExpired:
            os.killpg(indexer.pid, signal.SIGKILL)
            indexer.wait()
        log.close()


async def _publish(kafka: KafkaSettings, number: int) -> None:
    article = EnrichedArticle(
        article_id=f"outage-{number}",
        url=f"https://example.org/{number}",
        canonical_url=f"https://example.org/{number}",
        source="test",
        fetched_at=datetime(2022, 2, 3, tzinfo=UTC),
        title=f"story {number}",
    )
    await publish(
        kafka,
        topics.ARTICLES_ENRICHED,
        article.model_dump_json().encode(),
        article.article_id.encode(),
    )


async def _indexed(es: object, count: int) -> bool:
    await es.indices.refresh(index="newsdesk-articles")  # type: ignore[attr-defined]
    return await count_documents(es, "newsdesk-articles") >= count  # type: ignore[arg-type]


async def _drained(kafka: KafkaSettings) -> bool:
    return (await stream_stats(kafka)).lag[topics.ARTICLES_ENRICHED] == 0
