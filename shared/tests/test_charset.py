"""newsdesk.charset: the one bytes-to-text policy of the fetcher and the extractor."""

from __future__ import annotations

import pytest

from newsdesk.charset import codec_for, decode, header_charset

# charset-normalizer tells windows-1252 from its neighbours by characters such as « » € —.
LEGACY_FRENCH = "<p>« L’accord » signé à Genève — coût : 5 €.</p>\n"
FRENCH = "<p>Les ministres des deux pays ont signé l’accord de coopération à Manama mardi.</p>\n"
RUSSIAN = "<p>Министры обороны двух стран подписали соглашение о сотрудничестве в Манаме.</p>\n"
JAPANESE = "<p>防衛協力に関する日本とフィリピンの協定が署名された。</p>\n"
ENGLISH = "<p>Officials from both countries met in the capital on Tuesday to sign the accord.</p>\n"
# Foreign bytes as they get into UTF-8 pages: a windows-1251 word from an ad, a latin-1 no-break
# space, windows-1252 curly quotes pasted from a word processor.
STRAY = {
    "cp1251-word": " «Новости»".encode("cp1251"),
    "latin1-nbsp": b"\xa0",
    "cp1252-quotes": " “Pact”".encode("cp1252"),
}


def page(body: str, *, meta: str | None = None, repeat: int = 1) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>News</title></head><body>{body * repeat}</body></html>"


def with_stray(html: str, anchor: str, stray: bytes, times: int) -> bytes:
    return html.encode().replace(anchor.encode(), anchor.encode() + stray, times)


@pytest.mark.parametrize("stray", [pytest.param(v, id=k) for k, v in STRAY.items()])
@pytest.mark.parametrize(
    ("body", "anchor", "repeat"),
    [
        pytest.param(FRENCH, "Manama", 1, id="french-1-paragraph"),
        pytest.param(FRENCH, "Manama", 4, id="french-4-paragraphs"),
        pytest.param(RUSSIAN, "в Манаме", 2, id="russian-2-paragraphs"),
    ],
)
@pytest.mark.parametrize("where", ["http-header", "meta"])
def test_declared_utf8_with_a_few_foreign_bytes_stays_utf8(
    body: str, anchor: str, repeat: int, stray: bytes, where: str
) -> None:
    """Issue 8, finding 11: a few foreign bytes never switch a declared UTF-8 page's charset."""
    html = page(body, meta="utf-8" if where == "meta" else None, repeat=repeat)
    content = with_stray(html, anchor, stray, times=3)
    decoded = decode(content, declared="utf-8" if where == "http-header" else None)
    assert decoded is not None
    assert (decoded.encoding, decoded.method) == ("utf-8", "declared")
    assert decoded.text.count(body.split(anchor, maxsplit=1)[0]) == repeat
    assert "\ufffd" in decoded.text


def test_undeclared_utf8_with_a_few_foreign_bytes_stays_utf8() -> None:
    content = with_stray(page(RUSSIAN, repeat=2), "в Манаме", STRAY["cp1251-word"], times=3)
    decoded = decode(content)
    assert decoded is not None
    assert decoded.encoding == "utf-8"
    assert decoded.text.count(RUSSIAN.split("в Манаме", maxsplit=1)[0]) == 2


@pytest.mark.parametrize(
    ("body", "encoding", "expected"),
    [
        pytest.param(LEGACY_FRENCH, "cp1252", "cp1252", id="french-windows-1252"),
        pytest.param(RUSSIAN, "cp1251", "cp1251", id="russian-windows-1251"),
        pytest.param(JAPANESE, "shift_jis", "cp932", id="japanese-shift-jis"),
    ],
)
def test_undeclared_legacy_pages_are_detected(body: str, encoding: str, expected: str) -> None:
    decoded = decode(page(body, repeat=6).encode(encoding))
    assert decoded is not None
    assert (decoded.encoding, decoded.method) == (expected, "detected")
    assert body in decoded.text


def test_a_wrong_utf8_label_on_a_legacy_page_falls_back_to_detection() -> None:
    text = page(ENGLISH.replace("accord", "accord signé à Manama"), repeat=6)
    decoded = decode(text.encode("cp1252"), declared="utf-8")
    assert decoded is not None
    assert decoded.encoding == "cp1252"
    assert decoded.text == text


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        pytest.param("Shift_JIS", "cp932", id="shift_jis"),
        pytest.param("x-sjis", "cp932", id="x-sjis"),
        pytest.param("GBK", "gb18030", id="gbk"),
        pytest.param("gb2312", "gb18030", id="gb2312"),
        pytest.param("euc-kr", "cp949", id="euc-kr"),
        pytest.param("ISO-8859-1", "cp1252", id="latin-1"),
        pytest.param("us-ascii", "cp1252", id="ascii"),
        pytest.param(" UTF-8 ", "utf-8", id="utf-8"),
        pytest.param("utf-7", None, id="utf-7-refused"),
        pytest.param("no-such-charset", None, id="unknown"),
        pytest.param("", None, id="empty"),
    ],
)
def test_labels_map_to_the_codecs_browsers_use(label: str, codec: str | None) -> None:
    assert codec_for(label) == codec


@pytest.mark.parametrize(
    ("text", "encoding", "label"),
    [
        # ① exists in Windows' Shift_JIS (cp932), not in Python's shift_jis codec.
        pytest.param("<p>協定①が署名された。</p>" * 10, "cp932", "shift_jis", id="shift_jis-nec"),
        # ḿ exists in GB18030 only; GBK pages write the euro sign as the single byte 0x80.
        pytest.param("<p>价格为 €5 的协议ḿ。</p>" * 10, "gb18030", "gbk", id="gbk-gb18030"),
    ],
)
@pytest.mark.parametrize("where", ["http-header", "meta"])
def test_superset_characters_of_legacy_labels_decode(
    text: str, encoding: str, label: str, where: str
) -> None:
    html = page(text, meta=label if where == "meta" else None)
    content = html.encode(encoding)
    if encoding == "gb18030":  # the euro sign as GBK pages write it
        content = content.replace("€".encode(encoding), b"\x80")
    decoded = decode(content, declared=label if where == "http-header" else None)
    assert decoded is not None
    assert decoded.text == html


def test_a_byte_order_mark_wins_over_a_wrong_header() -> None:
    decoded = decode("café".encode("utf-8-sig"), declared="shift_jis")
    assert decoded is not None
    assert (decoded.text, decoded.encoding, decoded.method) == ("café", "utf-8", "bom")


def test_valid_utf8_wins_over_a_latin1_label() -> None:
    decoded = decode(page(FRENCH).encode(), declared="iso-8859-1")
    assert decoded is not None
    assert decoded.encoding == "utf-8"


def test_a_declared_legacy_charset_is_used() -> None:
    decoded = decode("“quoted”".encode("cp1252"), declared="ISO-8859-1")
    assert decoded is not None
    assert (decoded.text, decoded.encoding) == ("“quoted”", "cp1252")


def test_bytes_that_are_no_text_are_refused() -> None:
    assert decode(bytes(range(256)) * 4 + b"\xff\xfe\x00\xd8" * 64, declared="utf-8") is None


def test_header_charset_reads_the_content_type() -> None:
    assert header_charset("text/html; charset=Shift_JIS") == "cp932"
    assert header_charset('text/html; charset="utf-8"') == "utf-8"
    assert header_charset("text/html") is None
    assert header_charset(None) is None
