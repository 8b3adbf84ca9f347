"""The worker role's fetch path: robots.txt, politeness, the safe client, decoding."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

from fetcher.client import PAGE_TYPES, SafeClient
from fetcher.decoding import detect_encoding
from fetcher.metrics import FetcherMetrics
from fetcher.politeness import Politeness
from fetcher.robots import RobotsCache
from newsdesk.errors import FetchRejected
from newsdesk.events import FetchRequest, RawArticle
from newsdesk.ids import article_id, canonical_url, host_of


@dataclass
class _Waits:
    """Seconds one fetch spent waiting for politeness turns (kept out of its latency)."""

    total: float = 0.0


class Worker:
    """Turns a FetchRequest into a RawArticle, or raises ``FetchRejected`` with a reason."""

    def __init__(
        self,
        client: SafeClient,
        robots: RobotsCache,
        politeness: Politeness,
        metrics: FetcherMetrics | None = None,
    ) -> None:
        self.client = client
        self.robots = robots
        self.politeness = politeness
        self.metrics = metrics or FetcherMetrics()

    async def fetch(self, request: FetchRequest) -> RawArticle:
        """Fetch ``request.url`` within the guard, robots.txt and politeness rules."""
        host = host_of(request.url)
        started, waits = time.monotonic(), _Waits()

        def turn(url: str) -> AbstractAsyncContextManager[None]:
            return self._turn(url, waits)

        try:
            self.client.guard.check_url(request.url)
            await self.robots.check(request.url)
            fetched = await self.client.fetch(
                request.url, accept=PAGE_TYPES, hop_check=self.robots.check, pace=turn
            )
            content_type = fetched.headers.get("content-type", "")
            encoding = detect_encoding(fetched.content, content_type, url=request.url)
        except FetchRejected as exc:
            self.metrics.rejected(host, exc.reason, time.monotonic() - started - waits.total)
            raise
        self.metrics.fetched(host, fetched.wire_bytes, time.monotonic() - started - waits.total)
        canonical = canonical_url(fetched.final_url)
        return RawArticle(
            article_id=article_id(canonical),
            url=fetched.final_url,
            canonical_url=canonical,
            source=request.source,
            source_name=request.source_name,
            status=fetched.status,
            headers=fetched.headers,
            content=fetched.content,
            content_type=fetched.content_type,
            encoding=encoding,
            feed=request.feed,
            language_hint=request.language_hint,
            trace_id=request.trace_id,
        )

    @asynccontextmanager
    async def _turn(self, url: str, waits: _Waits) -> AsyncIterator[None]:
        """Every request of a fetch (hops and retries too) waits for its host's turn."""
        began = time.monotonic()
        delay = await self.robots.check(url)  # cached: the crawl delay of the URL's host
        async with self.politeness.slot(host_of(url), delay):
            waits.total += time.monotonic() - began
            yield
