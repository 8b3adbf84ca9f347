"""The scheduler role: polls every source on its interval and emits work for the workers."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from fetcher.discovery import Discovery, Found
from fetcher.feeds import Entry
from fetcher.metrics import FetcherMetrics
from fetcher.sources import Source
from fetcher.state import SchedulerState
from newsdesk.errors import FetchRejected, Rejected
from newsdesk.events import DiscoveredVia, FetchRequest, RawArticle
from newsdesk.files import raw_article_from_file
from newsdesk.ids import canonical_url

log = logging.getLogger(__name__)

VIA: dict[str, DiscoveredVia] = {"feed": "feed", "sitemap": "sitemap", "urls": "list", "url": "url"}


@dataclass
class Emitters:
    """Where the scheduler's output goes (the app wires these to Kafka publishers)."""

    request: Callable[[FetchRequest], Awaitable[None]]
    article: Callable[[RawArticle], Awaitable[None]]
    rejected: Callable[[Source, str, Rejected], Awaitable[None]]


class Scheduler:
    """Polls sources, keeps what was already emitted in a seen-set, emits only what is new.

    An item is marked seen right after it was handed to its emitter, so a crash re-emits at most
    the item in flight, and a restart with the same state emits nothing twice.
    """

    def __init__(
        self,
        sources: list[Source],
        emit: Emitters,
        *,
        discovery: Discovery | None = None,
        state: SchedulerState | None = None,
        jitter: float = 0.1,
        concurrency: int = 8,
        metrics: FetcherMetrics | None = None,
    ) -> None:
        self.sources = sources
        self.emit = emit
        self.state = state or (discovery.state if discovery else SchedulerState())
        self.discovery = discovery or Discovery(None, self.state)
        self.jitter = jitter
        self.concurrency = concurrency
        self.metrics = metrics or FetcherMetrics()

    async def run_once(self) -> int:
        """One pass over all sources; returns how many items were emitted."""
        return sum([await self.poll(source) for source in self.sources])

    async def run_forever(self) -> None:
        """Poll each source whenever it is due (interval ± jitter), ``concurrency`` at a time.

        A slow or timing-out source delays only itself. Runs until cancelled.
        """
        due = dict.fromkeys((source.id for source in self.sources), time.monotonic())
        polling: dict[asyncio.Task[None], Source] = {}
        try:
            while self.sources:
                self._start_due(due, polling)
                await self._wait_for_next(due, polling)
        finally:
            for task in polling:
                task.cancel()
            await asyncio.gather(*polling, return_exceptions=True)

    def _start_due(self, due: dict[str, float], polling: dict[asyncio.Task[None], Source]) -> None:
        busy = {source.id for source in polling.values()}
        now = time.monotonic()
        ready = [s for s in self.sources if s.id not in busy and due[s.id] <= now]
        for source in sorted(ready, key=lambda s: due[s.id])[: self.concurrency - len(polling)]:
            polling[asyncio.create_task(self._poll_logged(source))] = source

    async def _wait_for_next(
        self, due: dict[str, float], polling: dict[asyncio.Task[None], Source]
    ) -> None:
        busy = {source.id for source in polling.values()}
        waiting = [due[s.id] for s in self.sources if s.id not in busy]
        timeout = None
        if waiting and len(polling) < self.concurrency:
            timeout = max(min(waiting) - time.monotonic(), 0.0)
        if not polling:
            await asyncio.sleep(timeout or 0.0)
            return
        done, _ = await asyncio.wait(polling, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            source = polling.pop(task)
            spread = 1 + random.uniform(-self.jitter, self.jitter)  # noqa: S311 - not crypto
            due[source.id] = time.monotonic() + source.interval.total_seconds() * spread

    async def _poll_logged(self, source: Source) -> None:
        try:
            await self.poll(source)
        except Exception:  # e.g. Kafka away: what was not emitted stays unseen, so retried
            log.exception("source %s: poll failed", source.id)

    async def poll(self, source: Source) -> int:
        """Poll one source; every failure becomes a rejection, never an exception."""
        try:
            found = await self.discovery.discover(source)
        except FetchRejected as exc:
            log.warning("source %s: %s", source.id, exc.message)
            await self.emit.rejected(source, source.url or str(source.path), exc)
            return 0
        for url, rejection in found.rejected:
            await self.emit.rejected(source, url, rejection)
        self.metrics.bytes.labels("scheduler").inc(found.wire_bytes)
        self.metrics.not_modified.labels(source.id).inc(found.not_modified)
        emitted = await self._emit_entries(source, found)
        emitted += await self._emit_files(source, found.files)
        for url, validators in found.validators.items():
            self.state.save_validators(url, validators)
        return emitted

    def _count(self, source: Source, outcome: str, amount: int = 1) -> None:
        if amount:
            self.metrics.discovered.labels(source.id, outcome).inc(amount)

    async def _wanted(self, source: Source, entries: list[Entry]) -> dict[str, Entry]:
        wanted: dict[str, Entry] = {}
        for entry in entries:
            if not entry.url.lower().startswith(("http://", "https://")):
                rejection = FetchRejected(
                    f"not an http(s) URL: {entry.url!r}", reason="invalid_url"
                )
                await self.emit.rejected(source, entry.url, rejection)
            elif source.wants(entry.url):
                wanted.setdefault(canonical_url(entry.url), entry)
            else:
                self._count(source, "excluded")
        return wanted

    async def _emit_entries(self, source: Source, found: Found) -> int:
        wanted = await self._wanted(source, found.entries)
        fresh = self.state.unseen(wanted)
        self._count(source, "seen", len(wanted) - len(fresh))
        if len(fresh) > source.max_items:
            self._count(source, "over_max_items", len(fresh) - source.max_items)
            # Keep the listing unvalidated so the next poll re-reads it and emits the rest.
            found.validators.clear()
        for key in fresh[: source.max_items]:
            entry = wanted[key]
            await self.emit.request(
                FetchRequest(
                    url=entry.url,
                    source=source.id,
                    source_name=source.name,
                    discovered_via=VIA[source.kind],
                    feed=entry.metadata(),
                    language_hint=source.language or entry.language,
                )
            )
            self.state.mark_seen([key], source.id)
            self._count(source, "emitted")
        return min(len(fresh), source.max_items)

    async def _emit_files(self, source: Source, files: list[Path]) -> int:
        stamps = {}
        for path in files:
            stat = path.stat()
            stamps[f"file:{path.resolve()}:{stat.st_mtime_ns}:{stat.st_size}"] = path
        emitted = 0
        for key in self.state.unseen(stamps):
            path = stamps[key]
            try:
                article = raw_article_from_file(path, source=source.id, source_name=source.name)
                article.language_hint = source.language
                await self.emit.article(article)  # Rejected(too_large) when it cannot be sent
            except Rejected as exc:
                await self.emit.rejected(source, path.resolve().as_uri(), exc)
            else:
                emitted += 1
            self.state.mark_seen([key], source.id)
        self._count(source, "emitted", emitted)
        return emitted
