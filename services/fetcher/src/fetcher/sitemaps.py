"""Sitemaps: index, plain (XML or text), gzip and Google News; bytes in, entries out."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from fetcher.feeds import Entry
from fetcher.safexml import parse_xml
from newsdesk.errors import FetchRejected

GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Sitemap:
    """What one sitemap document lists: pages, and (for an index) more sitemaps."""

    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def gunzip_capped(content: bytes, url: str, max_bytes: int) -> bytes:
    """Inflate a gzip file, refusing one that inflates past ``max_bytes`` (a bomb)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(content, max_bytes + 1)
    except zlib.error as exc:
        raise FetchRejected(f"{url}: corrupt gzip ({exc})", reason="decode_error") from None
    if len(out) > max_bytes:
        message = f"{url}: gzip inflates past {max_bytes} bytes (a compression bomb?)"
        raise FetchRejected(message, reason="too_large")
    return out


def _page(url_element: Element, base_url: str) -> Entry | None:
    loc = _child_text(url_element, "loc")
    if not loc:
        return None
    news = _child(url_element, "news")
    if news is None:
        return Entry(url=urljoin(base_url, loc))
    publication = _child(news, "publication")
    return Entry(
        url=urljoin(base_url, loc),
        title=_child_text(news, "title"),
        published=_date(_child_text(news, "publication_date")),
        language=_child_text(publication, "language") if publication is not None else None,
    )


def _text_sitemap(content: bytes) -> Sitemap:
    lines = content.decode("utf-8", errors="replace").splitlines()
    urls = [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
    return Sitemap(entries=[Entry(url=url) for url in urls])


def parse_sitemap(content: bytes, url: str, *, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    """Parse a sitemap, a sitemap index or a text sitemap, gzip-compressed or not.

    Raises ``FetchRejected`` with reason ``unsafe_xml``, ``feed_error`` or ``too_large``.
    """
    if content.startswith(GZIP_MAGIC):
        content = gunzip_capped(content, url, max_bytes)
    if not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return _text_sitemap(content)
    root = parse_xml(content, url)
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = (_child_text(element, "loc") for element in root if _local(element.tag) == "sitemap")
        return Sitemap(sitemaps=[urljoin(url, loc) for loc in locs if loc])
    if kind == "urlset":
        pages = (_page(element, url) for element in root if _local(element.tag) == "url")
        return Sitemap(entries=[page for page in pages if page is not None])
    raise FetchRejected(f"{url}: <{kind}> is not a sitemap root", reason="feed_error")
