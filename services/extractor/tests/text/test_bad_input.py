"""Hostile and broken input ends as a clear reason code or a record, never another exception."""

from __future__ import annotations

import time

import pytest

from extractor.text.extract import TextOptions, TextStage
from newsdesk.errors import ExtractionFailed

from .conftest import raw_article

PARAGRAPH = "<p>Officials from both countries met in the capital on Tuesday to sign the accord.</p>"
PARAGRAPHS = "".join(
    f"<p>In round {n}, officials from both countries met in the capital to discuss the accord.</p>"
    for n in range(6)
)
ARTICLE = (
    f"<html><head><title>A pact</title></head><body><article>{PARAGRAPHS}</article></body></html>"
)


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        pytest.param(b"", "text/html", "empty_content", id="empty"),
        pytest.param(b"  \n\t \r\n ", "text/plain", "empty_content", id="whitespace-only"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
            "text/html",
            "binary_content",
            id="png-as-html",
        ),
        pytest.param(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", "binary_content", id="pdf"
        ),
        pytest.param(
            bytes(range(256)) * 100, "application/octet-stream", "binary_content", id="random-bytes"
        ),
        pytest.param(b"GIF89a" + b"\x00" * 100, "image/gif", "binary_content", id="gif"),
        pytest.param(b"plain words", "image/png", "bad_content_type", id="image-content-type"),
        pytest.param(
            b'{"title": "a", "body": "b"}', "text/html", "bad_content_type", id="json-as-html"
        ),
        pytest.param(
            b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
            "text/xml",
            "bad_content_type",
            id="rss-feed",
        ),
        pytest.param(
            b'<?xml version="1.0"?><!-- generated --><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>x</title></feed>",
            "text/xml",
            "bad_content_type",
            id="atom-feed-after-a-comment",
        ),
        pytest.param(
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "text/html",
            "empty_content",
            id="html-without-text",
        ),
        pytest.param(
            b"<html><body>" + b"x" * 10_500_000 + b"</body></html>",
            "text/html",
            "too_large",
            id="10MB-page",
        ),
    ],
)
def test_unusable_input_is_rejected_with_its_reason(
    stage: TextStage, content: bytes, content_type: str, reason: str
) -> None:
    with pytest.raises(ExtractionFailed) as failure:
        stage.extract(raw_article(content, content_type=content_type))
    assert failure.value.reason == reason
    assert failure.value.message


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<div>" * 100_000 + PARAGRAPH * 6 + "</div>" * 100_000, id="100k-nested-divs"),
        pytest.param("<div><span><b><i>" * 50_000 + PARAGRAPH * 6, id="200k-unclosed-inline-tags"),
        pytest.param("<table><tr><td>" * 20_000 + PARAGRAPH * 6, id="20k-nested-tables"),
        pytest.param(PARAGRAPH * 6 + "<noscript>x " * 20_000, id="20k-unclosed-noscripts"),
    ],
)
def test_pathologically_nested_markup_still_gives_its_text(stage: TextStage, markup: str) -> None:
    document = stage.extract(raw_article(f"<html><body>{markup}</body></html>"))
    assert document.text.count("Officials from both countries met") == 6


def test_a_few_invalid_utf8_bytes_keep_the_rest_of_the_text(stage: TextStage) -> None:
    content = ARTICLE.encode().replace(b"capital", b"capit\xff\xfel", 1)
    document = stage.extract(raw_article(content))
    assert document.text.count("officials from both countries met in the capital") == 5
    assert "\ufffd" in document.text


def test_wrongly_declared_charset_falls_back_to_detection(stage: TextStage) -> None:
    content = ARTICLE.replace("accord", "accord sign\u00e9 \u00e0 Manama").encode("cp1252")
    document = stage.extract(raw_article(content, content_type="text/html; charset=utf-8"))
    assert "sign\u00e9 \u00e0 Manama" in document.text


def test_plain_prose_served_as_html_is_read_as_text(stage: TextStage) -> None:
    prose = "Officials from both countries met on Tuesday.\n\nThey signed the accord in Manama."
    document = stage.extract(raw_article(prose, content_type="text/html"))
    assert document.text == prose


@pytest.mark.parametrize(
    "early",
    [
        pytest.param("<feedback-form></feedback-form>", id="custom-element-named-feed"),
        pytest.param("<!-- our <rss> feed moved -->", id="comment-quoting-rss"),
    ],
)
def test_a_page_mentioning_feed_tags_early_is_still_a_page(stage: TextStage, early: str) -> None:
    html = f"<!doctype html><html><head>{early}</head><body><article>{PARAGRAPHS}</article></body>"
    document = stage.extract(raw_article(html, content_type="text/html"))
    assert "In round 5, officials" in document.text


def test_size_limit_is_an_option() -> None:
    small = TextStage(TextOptions(isolation="inline", max_bytes=1000))
    with pytest.raises(ExtractionFailed) as failure:
        small.extract(raw_article(ARTICLE * 3))
    assert failure.value.reason == "too_large"


def test_millions_of_blank_lines_take_linear_time(stage: TextStage) -> None:
    content = b"\n" * 3_000_000 + b"Officials met in the capital on Tuesday to sign the agreement."
    started = time.monotonic()
    document = stage.extract(raw_article(content, content_type="text/plain"))
    assert time.monotonic() - started < 5
    assert document.text.startswith("Officials met")
