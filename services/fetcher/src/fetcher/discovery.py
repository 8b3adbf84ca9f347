"""What a source lists right now: feed entries, sitemap pages, URL-list lines, local files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fetcher.client import XML_TYPES, SafeClient, Validators
from fetcher.feeds import Entry, parse_feed
from fetcher.sitemaps import parse_sitemap
from fetcher.sources import Source
from fetcher.state import SchedulerState
from newsdesk.errors import FetchRejected
from newsdesk.files import DEFAULT_PATTERNS, iter_article_files

MAX_LIST_BYTES = 16 * 1024 * 1024


@dataclass
class Found:
    """One poll's findings; ``validators`` are saved only once the entries were emitted."""

    entries: list[Entry] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    rejected: list[tuple[str, FetchRejected]] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)
    not_modified: int = 0
    wire_bytes: int = 0


class Discovery:
    """Lists what each source offers, fetching feeds and sitemaps with conditional GETs."""

    def __init__(
        self, client: SafeClient | None, state: SchedulerState, *, max_sitemaps: int = 50
    ) -> None:
        self.client = client
        self.state = state
        self.max_sitemaps = max_sitemaps

    async def discover(self, source: Source) -> Found:
        """Everything ``source`` lists now; raises ``FetchRejected`` if the source itself fails."""
        found = Found()
        if source.kind == "feed":
            await self._feed(source, found)
        elif source.kind == "sitemap":
            await self._sitemaps(source, found)
        elif source.kind == "url":
            found.entries.append(Entry(url=str(source.url)))
        elif source.kind == "urls":
            self._url_list(source, found)
        else:
            self._directory(source, found)
        return found

    async def _get(self, url: str, found: Found) -> bytes | None:
        if self.client is None:
            raise FetchRejected(f"{url}: no HTTP client configured", reason="fetch_error")
        fetched = await self.client.fetch(
            url, accept=XML_TYPES, validators=self.state.validators(url)
        )
        found.wire_bytes += fetched.wire_bytes
        if fetched.not_modified:
            found.not_modified += 1
            return None
        if fetched.validators.headers():
            found.validators[url] = fetched.validators
        return fetched.content

    async def _feed(self, source: Source, found: Found) -> None:
        url = str(source.url)
        content = await self._get(url, found)
        if content is not None:
            found.entries.extend(parse_feed(content, url))

    async def _sitemaps(self, source: Source, found: Found) -> None:
        queue, done = [str(source.url)], 0
        while queue and done < self.max_sitemaps:
            url = queue.pop(0)
            done += 1
            try:
                content = await self._get(url, found)
                if content is None:
                    continue
                sitemap = parse_sitemap(content, url)
            except FetchRejected as exc:
                if url == source.url:
                    raise
                found.rejected.append((url, exc))
                continue
            found.entries.extend(sitemap.entries)
            queue.extend(sitemap.sitemaps)
        for url in queue:
            message = f"{url}: sitemap index lists more than {self.max_sitemaps} sitemaps"
            found.rejected.append((url, FetchRejected(message, reason="too_large")))

    @staticmethod
    def _url_list(source: Source, found: Found) -> None:
        path = Path(str(source.path))
        try:
            if path.stat().st_size > MAX_LIST_BYTES:
                raise FetchRejected(f"{path}: URL list over 16 MiB", reason="too_large")
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise FetchRejected(f"cannot read {path}: {exc}", reason="file_error") from None
        for line in (raw.strip() for raw in lines):
            if line and not line.startswith("#"):
                found.entries.append(Entry(url=line))

    @staticmethod
    def _directory(source: Source, found: Found) -> None:
        root = Path(str(source.path))
        if not root.exists():
            raise FetchRejected(f"{root} does not exist", reason="file_error")
        found.files.extend(iter_article_files(root, source.glob or DEFAULT_PATTERNS))
