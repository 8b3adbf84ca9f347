"""Feeds: RSS 2.0, RDF and Atom parsed from bytes; malformed and hostile XML refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fetcher.feeds import parse_feed
from newsdesk.errors import FetchRejected

BASE = "http://news.test/feed.xml"

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example</title><language>en</language>
<item><title>Pact signed</title><link>http://news.test/a/1</link>
<pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate><author>ed@news.test (Ed)</author>
<description>Two states agreed.</description></item>
<item><title>Relative</title><link>/a/2</link></item>
<item><title>No link</title></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://news.test/"><title>RDF</title><link>http://news.test/</link></channel>
<item rdf:about="http://news.test/r/1"><title>First</title><link>http://news.test/r/1</link>
<dc:date>2025-06-03T10:00:00Z</dc:date></item>
<item rdf:about="http://news.test/r/2"><title>Second</title><link>http://news.test/r/2</link></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Atom</title>
<entry><title>Eins</title><link href="http://news.test/x/1"/><id>urn:uuid:1</id>
<updated>2025-06-03T10:00:00Z</updated><author><name>Anna</name></author></entry>
<entry><title>Zwei</title><link rel="alternate" href="/x/2"/><id>urn:uuid:2</id>
<updated>2025-06-04T10:00:00Z</updated></entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><item><title>&lol3;</title><link>http://news.test/l</link></item>
</channel></rss>"""


def xxe(path: Path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{path}">]>
<rss version="2.0"><channel><item><title>&secret;</title><link>http://news.test/x</link>
</item></channel></rss>""".encode()


def test_rss2() -> None:
    entries = parse_feed(RSS2, BASE)
    assert [entry.url for entry in entries] == ["http://news.test/a/1", "http://news.test/a/2"]
    first = entries[0]
    assert first.title == "Pact signed"
    assert first.published == datetime(2025, 6, 3, 10, tzinfo=UTC)
    assert first.summary == "Two states agreed."
    assert first.language == "en"
    assert first.metadata() is not None


def test_rdf() -> None:
    entries = parse_feed(RDF, BASE)
    assert [entry.url for entry in entries] == ["http://news.test/r/1", "http://news.test/r/2"]
    assert entries[0].published == datetime(2025, 6, 3, 10, tzinfo=UTC)


def test_atom() -> None:
    entries = parse_feed(ATOM, BASE)
    assert [entry.url for entry in entries] == ["http://news.test/x/1", "http://news.test/x/2"]
    assert entries[0].author == "Anna"
    assert entries[1].published == datetime(2025, 6, 4, 10, tzinfo=UTC)


def test_billion_laughs_is_refused_unparsed() -> None:
    with pytest.raises(FetchRejected) as caught:
        parse_feed(BILLION_LAUGHS, BASE)
    assert caught.value.reason == "unsafe_xml"


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    with pytest.raises(FetchRejected) as caught:
        parse_feed(xxe(secret), BASE)
    assert caught.value.reason == "unsafe_xml"
    assert "TOP-SECRET" not in caught.value.message


def test_entities_in_malformed_xml_are_refused_too() -> None:
    broken = BILLION_LAUGHS.replace(b"</channel>", b"<channel>")
    with pytest.raises(FetchRejected) as caught:
        parse_feed(broken, BASE)
    assert caught.value.reason == "unsafe_xml"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"<rss><channel><item><title>cut off", id="truncated"),
        pytest.param(b"<html><body>not a feed</body></html>", id="html-page"),
        pytest.param(b"\x00\x01\x02 binary", id="binary"),
        pytest.param(b"", id="empty"),
    ],
)
def test_malformed_documents_are_feed_errors(content: bytes) -> None:
    with pytest.raises(FetchRejected) as caught:
        parse_feed(content, BASE)
    assert caught.value.reason == "feed_error"


def test_slightly_broken_feed_still_yields_its_items() -> None:
    sloppy = RSS2.replace(b"<title>Pact signed</title>", b"<title>Pact & treaty</title>")
    assert len(parse_feed(sloppy, BASE)) == 2


def test_a_path_is_never_opened_as_a_file(tmp_path: Path) -> None:
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes(RSS2)
    with pytest.raises(FetchRejected):
        parse_feed(str(feed_file).encode(), BASE)
