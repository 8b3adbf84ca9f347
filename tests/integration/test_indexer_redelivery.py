"""Redelivery never loses events: an article written before its events failed gets them later.

Finding 15: when the event bulk failed after the articles were written, the redelivered batch
found its articles "stale" (HTTP 409 for the same version) and never wrote their events.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from indexer.bulk import BulkWriter
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle, Event, EventParty
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings

pytestmark = pytest.mark.integration


class _Proxy(ThreadingHTTPServer):
    """Forwards to the real server, but answers 503 to the next ``fail_events`` event bulks."""

    upstream: str
    fail_events: int = 0


class _Forward(BaseHTTPRequestHandler):
    server: _Proxy

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)

        body = self.rfile.read(length) if length else b""
        if "_bulk" in self.path and b'"newsdesk-events"' in body and self.server.fail_events:
            self.server.fail_events -= 1
            self._reply(503, b'{"error": {"type": "unavailable"}, "status": 503}', {})
            return
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
        }
        answer = httpx.request(
            self.command,
            self.server.upstream + self.path,
            content=body,
            headers=headers,
            timeout=30,
        )
        keep = {
            k: v
            for k, v in answer.headers.items()
            if k.lower() in ("content-type", "x-elastic-product")
        }
        self._reply(answer.status_code, answer.content, keep)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

    def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        headers.setdefault("Content-Type", "application/json")
        headers.setdefault("X-Elastic-Product", "Elasticsearch")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def proxy(es_settings: ElasticsearchSettings) -> Iterator[_Proxy]:
    server = _Proxy(("127.0.0.1", 0), _Forward)
    server.upstream = es_settings.url
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


async def test_events_that_failed_after_their_article_are_written_on_redelivery(
    proxy: _Proxy, es_settings: ElasticsearchSettings
) -> None:
    article = EnrichedArticle(
        article_id="redelivered-events",
        url="https://example.org/r",
        canonical_url="https://example.org/r",
        source="test",
        fetched_at=datetime(2023, 5, 6, tzinfo=UTC),
        title="Kenya and the United States renew a defence pact",
        events=[Event(type="agreement", trigger="renew", parties=[EventParty(name="Kenya")])],
    )
    es = make_client(ElasticsearchSettings(url=f"http://127.0.0.1:{proxy.server_port}"))
    writer = BulkWriter(
        es, articles_alias="newsdesk-articles", events_alias="newsdesk-events", retries=0
    )
    try:
        proxy.fail_events = 3  # the client itself tries a 503 three times
        with pytest.raises(BackendUnavailable):
            await writer.write([article])  # the article is written, its events are not: nack
        outcome = await writer.write([article])  # the batch, consumed again
        assert outcome.indexed == ["redelivered-events"]
        await es.indices.refresh(index="newsdesk-events")
        found = await es.count(
            index="newsdesk-events", query={"term": {"article_id": "redelivered-events"}}
        )
        assert found["count"] == 1
    finally:
        await es.close()
