"""One trace per article from the scheduler to the indexer, exported to a loopback OTLP receiver.

The services run as real processes on a stack of their own (the session's services would
consume these messages without exporting), the fetcher fetches from a loopback site, and the
spans arrive at an OTLP/HTTP receiver started here, decoded with opentelemetry-proto.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fetcher.testing import LoopbackServer
from newsdesk import topics
from newsdesk.ids import article_id, canonical_url
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import LocalStack
from tests.helpers import get_document, prepared_stack, stop_groups, topic_records
from tests.otlp import OtlpReceiver, ReceivedSpan

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SERVICES = {"newsdesk-scheduler", "newsdesk-fetcher", "newsdesk-extractor", "newsdesk-indexer"}
TITLE = "Japan and the Philippines sign a reciprocal access agreement"
PARAGRAPH = (
    "<p>The defence ministers met in Manila on Tuesday and signed the agreement after months "
    "of negotiations, officials said. The accord lets troops train together.</p>"
)
PAGE = (
    f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
    f"{PARAGRAPH * 6}</article></body></html>"
).encode()


@pytest.fixture(scope="module")
def own_stack() -> Iterator[LocalStack]:
    """tansu and noida-db of this module only, with topics and index templates."""
    with prepared_stack() as stack:
        yield stack


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def trace_of(spans: list[ReceivedSpan], key: str) -> set[str]:
    """The services with a span in the trace of the indexer's span for ``key``."""
    indexed = [
        span
        for span in spans
        if span.service == "newsdesk-indexer"
        and span.name == f"{topics.ARTICLES_ENRICHED} process"
        and span.attributes.get("messaging.kafka.message.key") == key
    ]
    if not indexed:
        return set()
    return {span.service for span in spans if span.trace_id == indexed[0].trace_id}


async def enriched_traceparent(settings: KafkaSettings, key: str) -> str | None:
    """The ``traceparent`` header of the enriched record of ``key``."""
    for record in await topic_records(settings, topics.ARTICLES_ENRICHED, timeout_ms=3000):
        if record.key == key.encode():
            return dict(record.headers).get("traceparent", b"").decode() or None
    return None


def test_an_article_keeps_one_trace_from_scheduler_to_indexer(
    own_stack: LocalStack, tmp_path: Path
) -> None:
    with LoopbackServer("127.0.0.1") as site, OtlpReceiver() as receiver:
        url = site.route("/news/1", headers={"Content-Type": "text/html"}, body=PAGE)
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - {{id: loopback, kind: url, url: '{url}'}}\n")
        base = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        env = {
            **base,
            **own_stack.env(),
            "PYTHONUNBUFFERED": "1",
            "NEWSDESK_OTEL__ENABLED": "true",
            "NEWSDESK_OTEL__ENDPOINT": receiver.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "200",
            "FETCHER_ALLOW_NETWORKS": '["127.0.0.1/32"]',
            "FETCHER_PER_HOST_DELAY_S": "0.01",
        }
        # The indexer finds the receiver through the standard OpenTelemetry variable instead.
        indexer_env = {k: v for k, v in env.items() if k != "NEWSDESK_OTEL__ENDPOINT"}
        indexer_env["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.endpoint
        scheduler_env = {**env, "FETCHER_SOURCES_FILE": str(sources), "FETCHER_ONCE": "true"}
        processes = [
            start(["indexer"], indexer_env, tmp_path / "indexer.log"),
            start(["extractor"], env, tmp_path / "extractor.log"),
            start(["fetcher", "worker"], env, tmp_path / "fetcher.log"),
            start(["fetcher", "scheduler"], scheduler_env, tmp_path / "scheduler.log"),
        ]
        key = article_id(canonical_url(url))
        try:
            deadline = time.monotonic() + 240
            while trace_of(receiver.spans, key) != SERVICES and time.monotonic() < deadline:
                crashed = [p.args for p in processes[:3] if p.poll() is not None]
                assert not crashed, f"{crashed} exited; logs in {tmp_path}"
                time.sleep(0.5)
            in_trace = trace_of(receiver.spans, key)
            assert in_trace == SERVICES, f"services in the article's trace: {in_trace}"
        finally:
            stop_groups(processes)

        kafka = KafkaSettings(bootstrap_servers=own_stack.kafka_bootstrap)
        header = asyncio.run(enriched_traceparent(kafka, key))
        assert header is not None, "the enriched record has no traceparent header"
        trace_id = header.split("-")[1]
        indexer_spans = [s for s in receiver.spans if s.service == "newsdesk-indexer"]
        assert trace_id in {s.trace_id for s in indexer_spans}
        scheduler_spans = [s for s in receiver.spans if s.trace_id == trace_id]
        roots = [s for s in scheduler_spans if not s.parent_span_id]
        assert [(s.service, s.name) for s in roots] == [
            ("newsdesk-scheduler", f"{topics.URLS} publish")
        ]

        async def document() -> object:
            es = make_client(ElasticsearchSettings(url=own_stack.es_url))
            try:
                return await get_document(es, "newsdesk-articles", key)
            finally:
                await es.close()

        doc = asyncio.run(document())
        assert isinstance(doc, dict)
        assert doc["title"] == TITLE
        # The record names its trace too: from a document in Kibana to its trace.
        assert doc["trace_id"] == trace_id
