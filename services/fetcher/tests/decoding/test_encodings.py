"""Decoding non-UTF-8 pages: HTTP charset, then BOM/meta, then detection."""

from __future__ import annotations

import pytest

from fetcher.client import SafeClient
from fetcher.decoding import detect_encoding
from fetcher.testing import LoopbackServer
from newsdesk.errors import FetchRejected

FRENCH = "<p>« L’accord » signé à Genève — coût : 5 €.</p>" * 20
JAPANESE = "<p>防衛協力に関する日本とフィリピンの協定が署名された。</p>" * 20


def page(text: str, encoding: str, meta: bool) -> bytes:
    head = f'<meta charset="{encoding}">' if meta else ""
    return f"<html><head>{head}</head><body>{text}</body></html>".encode(encoding)


@pytest.mark.parametrize(
    ("text", "encoding", "header", "meta"),
    [
        pytest.param(FRENCH, "windows-1252", "windows-1252", False, id="cp1252-http-header"),
        pytest.param(FRENCH, "windows-1252", None, True, id="cp1252-meta"),
        pytest.param(FRENCH, "windows-1252", None, False, id="cp1252-detected"),
        pytest.param(JAPANESE, "shift_jis", "Shift_JIS", False, id="sjis-http-header"),
        pytest.param(JAPANESE, "shift_jis", None, True, id="sjis-meta"),
        pytest.param(JAPANESE, "shift_jis", None, False, id="sjis-detected"),
        pytest.param(FRENCH, "utf-8", "iso-8859-1", False, id="utf8-mislabelled-latin1"),
    ],
)
async def test_pages_decode_to_the_original_text(
    client: SafeClient,
    server: LoopbackServer,
    *,
    text: str,
    encoding: str,
    header: str | None,
    meta: bool,
) -> None:
    content_type = f"text/html; charset={header}" if header else "text/html"
    server.route("/page", headers={"Content-Type": content_type}, body=page(text, encoding, meta))
    fetched = await client.fetch(server.url("/page"))
    codec = detect_encoding(fetched.content, content_type)
    assert text in fetched.content.decode(codec)


def test_latin1_label_means_windows_1252() -> None:
    assert detect_encoding("“quoted”".encode("cp1252"), "text/html; charset=ISO-8859-1") == "cp1252"


def test_bom_wins_over_a_wrong_header() -> None:
    content = "\ufeffcafé".encode("utf-8-sig")
    assert detect_encoding(content, "text/plain; charset=shift_jis") == "utf-8"


def test_undecodable_bytes_are_rejected() -> None:
    noise = bytes(range(256)) * 4
    with pytest.raises(FetchRejected) as caught:
        detect_encoding(noise + b"\xff\xfe\x00\xd8" * 64, "text/html; charset=utf-8")
    assert caught.value.reason == "decode_error"


FRENCH_UTF8 = "<p>Les ministres des deux pays ont signé l’accord de coopération à Manama.</p>"


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        pytest.param("text/html; charset=utf-8", False, id="http-header"),
        pytest.param("text/html", True, id="meta"),
    ],
)
def test_declared_utf8_with_a_few_foreign_bytes_is_utf8(content_type: str, meta: bool) -> None:
    """Issue 8, finding 11: such a page was recorded as cp1251 (or refused) and indexed garbled."""
    stray = " «Новости»".encode("cp1251")
    content = page(FRENCH_UTF8, "utf-8", meta).replace(b"Manama", b"Manama" + stray)
    assert detect_encoding(content, content_type) == "utf-8"


@pytest.mark.parametrize(
    ("text", "encoding", "label", "codec"),
    [
        pytest.param("<p>協定①が署名された。</p>" * 10, "cp932", "Shift_JIS", "cp932", id="sjis"),
        pytest.param("<p>价格为 5 的协议ḿ。</p>" * 10, "gb18030", "GBK", "gb18030", id="gbk"),
    ],
)
def test_legacy_labels_mean_their_supersets(
    text: str, encoding: str, label: str, codec: str
) -> None:
    content = page(text, encoding, meta=False)
    assert detect_encoding(content, f"text/html; charset={label}") == codec
