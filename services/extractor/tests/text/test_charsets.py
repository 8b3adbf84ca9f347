"""Charsets through the text stage: the shared policy of ``newsdesk.charset`` as the stage sees it.

The policy itself is tested in ``shared/tests/test_charset.py``; these tests check what ends up
in the extracted text, from the labels the fetcher passes on (``RawArticle.encoding``), the
HTTP header and the page's ``<meta>``.
"""

from __future__ import annotations

import pytest

from extractor.text.extract import TextStage
from newsdesk.events import RawArticle

from .conftest import raw_article

FRENCH = "".join(
    f"<p>Les ministres des deux pays ont signé l’accord n° {n} de coopération à Manama mardi,"
    " après trois ans de négociations.</p>"
    for n in range(3)
)
STRAY = " «Новости»".encode("cp1251")  # a windows-1251 word, as an ad inserts it


def _page(body: str, meta: str | None = None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>Accord</title></head><body><article>{body}</article></body>"


def _declared(content: bytes, where: str) -> RawArticle:
    if where == "fetcher":
        raw = raw_article(content, content_type="text/html")
        return raw.model_copy(update={"encoding": "utf-8"})
    return raw_article(content, content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("where", ["http-header", "fetcher", "meta"])
def test_declared_utf8_with_a_few_foreign_bytes_keeps_its_text(
    inline_stage: TextStage, where: str
) -> None:
    """Issue 8, finding 11: the page was decoded wholly as another charset (mojibake)."""
    html = _page(FRENCH, meta="utf-8" if where == "meta" else None)
    content = html.encode().replace(b"Manama", b"Manama" + STRAY, 3)
    raw = (
        _declared(content, where)
        if where != "meta"
        else raw_article(content, content_type="text/html")
    )
    document = inline_stage.extract(raw)
    assert document.text.count("ont signé l’accord n° ") == 3
    assert document.text.count(" de coopération à Manama") == 3
    assert "\ufffd" in document.text


def test_undeclared_legacy_pages_are_still_detected(inline_stage: TextStage) -> None:
    russian = "<p>Министры обороны двух стран подписали соглашение о сотрудничестве.</p>" * 4
    content = _page(russian).encode("cp1251")
    document = inline_stage.extract(raw_article(content, content_type="text/html"))
    assert "Министры обороны двух стран подписали соглашение" in document.text


@pytest.mark.parametrize(
    ("text", "content", "label"),
    [
        pytest.param(
            "防衛協定①が東京で署名された。両国の国防相が出席した。",
            "防衛協定①が東京で署名された。両国の国防相が出席した。".encode("cp932"),
            "Shift_JIS",
            id="shift_jis-means-cp932",
        ),
        pytest.param(
            "两国国防部长签署了价值 €5 亿的防务合作协议ḿ。",
            "两国国防部长签署了价值 €5 亿的防务合作协议ḿ。".encode("gb18030").replace(
                b"\xa2\xe3", b"\x80"
            ),
            "GBK",
            id="gbk-means-gb18030",
        ),
    ],
)
@pytest.mark.parametrize("where", ["http-header", "meta"])
def test_legacy_labels_mean_their_supersets(
    inline_stage: TextStage, text: str, content: bytes, label: str, where: str
) -> None:
    meta = f'<meta charset="{label}">'.encode() if where == "meta" else b""
    html = (
        b"<html><head>"
        + meta
        + b"</head><body><article><p>"
        + content * 3
        + b"</p></article></body></html>"
    )
    content_type = f"text/html; charset={label}" if where == "http-header" else "text/html"
    document = inline_stage.extract(raw_article(html, content_type=content_type))
    assert text in document.text
