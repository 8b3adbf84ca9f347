"""Sitemaps: index, plain, gzip, text and Google News; bombs and hostile XML refused."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from fetcher.sitemaps import parse_sitemap
from newsdesk.errors import FetchRejected

BASE = "http://news.test/sitemap.xml"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def urlset(*locs: str) -> bytes:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>2025-06-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset {NS}>{urls}</urlset>'.encode()


INDEX = f"""<?xml version="1.0"?><sitemapindex {NS}>
<sitemap><loc>http://news.test/pages.xml.gz</loc></sitemap>
<sitemap><loc>/news.xml</loc></sitemap></sitemapindex>""".encode()

NEWS = f"""<?xml version="1.0"?><urlset {NS} {NEWS_NS}><url><loc>http://news.test/n/1</loc>
<news:news><news:publication><news:name>Example</news:name><news:language>fr</news:language>
</news:publication><news:publication_date>2025-06-03T10:00:00Z</news:publication_date>
<news:title>Accord signé</news:title></news:news></url></urlset>""".encode()


def test_index_lists_sitemaps() -> None:
    parsed = parse_sitemap(INDEX, BASE)
    assert parsed.sitemaps == ["http://news.test/pages.xml.gz", "http://news.test/news.xml"]
    assert parsed.entries == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(urlset("http://news.test/p/1", "/p/2"), id="plain"),
        pytest.param(gzip.compress(urlset("http://news.test/p/1", "/p/2")), id="gzip"),
        pytest.param(b"http://news.test/p/1\n\nhttp://news.test/p/2\n", id="text"),
    ],
)
def test_urlsets(content: bytes) -> None:
    parsed = parse_sitemap(content, BASE)
    assert [entry.url for entry in parsed.entries] == [
        "http://news.test/p/1",
        "http://news.test/p/2",
    ]


def test_google_news_sitemap() -> None:
    (entry,) = parse_sitemap(NEWS, BASE).entries
    assert entry.title == "Accord signé"
    assert entry.language == "fr"
    assert entry.published == datetime(2025, 6, 3, 10, tzinfo=UTC)


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b" " * (8 * 1024 * 1024))
    with pytest.raises(FetchRejected) as caught:
        parse_sitemap(bomb, BASE, max_bytes=1024 * 1024)
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b'<!DOCTYPE u [<!ENTITY a "aaaa">]><urlset/>', "unsafe_xml", id="entities"),
        pytest.param(b"<urlset><url><loc>http://x", "feed_error", id="truncated"),
        pytest.param(b"<rss version='2.0'/>", "feed_error", id="wrong-root"),
    ],
)
def test_bad_documents(content: bytes, reason: str) -> None:
    with pytest.raises(FetchRejected) as caught:
        parse_sitemap(content, BASE)
    assert caught.value.reason == reason
