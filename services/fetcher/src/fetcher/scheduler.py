"""The scheduler role: walks the sources and emits work for the fetcher workers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fetcher.sources import Source
from newsdesk.errors import Rejected
from newsdesk.events import FetchRequest, RawArticle
from newsdesk.files import iter_article_files, raw_article_from_file

log = logging.getLogger(__name__)


@dataclass
class Emitters:
    """Where the scheduler's output goes (the app wires these to Kafka publishers)."""

    request: Callable[[FetchRequest], Awaitable[None]]
    article: Callable[[RawArticle], Awaitable[None]]
    rejected: Callable[[Source, str, Rejected], Awaitable[None]]


class Scheduler:
    """Emits one pass of work for every source."""

    def __init__(self, sources: list[Source], emit: Emitters) -> None:
        self.sources = sources
        self.emit = emit
        self._seen_files: set[tuple[str, int]] = set()

    async def run_once(self) -> int:
        """One pass over all sources; returns how many items were emitted."""
        emitted = 0
        for source in self.sources:
            emitted += await self._poll(source)
        return emitted

    async def _poll(self, source: Source) -> int:
        if source.kind == "directory" and source.path is not None:
            return await self._poll_directory(source)
        if source.kind == "url" and source.url is not None:
            await self.emit.request(
                FetchRequest(url=source.url, source=source.id, source_name=source.name,
                             discovered_via="url")
            )
            return 1
        log.warning("source %s: kind %s is not supported yet", source.id, source.kind)
        return 0

    async def _poll_directory(self, source: Source) -> int:
        assert source.path is not None
        count = 0
        for path in iter_article_files(source.path):
            stamp = (str(path), path.stat().st_mtime_ns)
            if stamp in self._seen_files:
                continue
            self._seen_files.add(stamp)
            try:
                article = raw_article_from_file(path, source=source.id, source_name=source.name)
            except Rejected as exc:
                await self.emit.rejected(source, path.as_uri(), exc)
                continue
            await self.emit.article(article)
            count += 1
        return count
