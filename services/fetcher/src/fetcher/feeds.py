"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: bytes in, entries out; nothing fetched or opened."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from fetcher.safexml import is_well_formed_and_safe
from newsdesk.errors import FetchRejected
from newsdesk.events import FeedMetadata


@dataclass(frozen=True)
class Entry:
    """A URL a feed or sitemap listed, with what it said about it."""

    url: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    summary: str | None = None
    language: str | None = None

    def metadata(self) -> FeedMetadata | None:
        """The entry's metadata for a FetchRequest (None when the listing said nothing)."""
        fields = {
            "title": self.title,
            "published": self.published,
            "author": self.author,
            "summary": self.summary,
            "language": self.language,
        }
        return FeedMetadata(**fields) if any(fields.values()) else None


def _datetime(parsed: time.struct_time | None) -> datetime | None:
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _entry(item: Any, base_url: str, language: str | None) -> Entry | None:
    link = item.get("link") or ""
    if not link:
        guid = item.get("id") or ""
        link = guid if guid.startswith(("http://", "https://")) else ""
    if not link:
        return None
    return Entry(
        url=urljoin(base_url, link.strip()),
        title=item.get("title") or None,
        published=_datetime(item.get("published_parsed") or item.get("updated_parsed")),
        author=item.get("author") or None,
        summary=item.get("summary") or None,
        language=language,
    )


def parse_feed(content: bytes, url: str) -> list[Entry]:
    """The entries of an RSS/RDF/Atom document, in document order.

    The bytes go to feedparser as a stream: given a ``str`` or ``bytes`` it would fetch a URL or
    open a file path by that name. The document first passes the defusedxml gate, so entity
    expansion (billion laughs) and external entities (XXE) never reach feedparser.
    Raises ``FetchRejected`` with reason ``unsafe_xml`` or ``feed_error``.
    """
    well_formed = is_well_formed_and_safe(content, url)
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers={"content-location": url},
        sanitize_html=True,
    )
    language = parsed.feed.get("language") or None
    entries = [entry for item in parsed.entries if (entry := _entry(item, url, language))]
    if not parsed.get("version") or (not well_formed and not entries):
        why = parsed.get("bozo_exception") if not well_formed else "no RSS, RDF or Atom root"
        raise FetchRejected(f"{url}: not a usable feed ({why})", reason="feed_error")
    return entries
