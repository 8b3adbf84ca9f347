"""Dates of HTML pages: provenance, confidence, and the sanity rules (never invented)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.text.dates import parse_date_string
from extractor.text.extract import TextStage
from newsdesk.events import FeedMetadata

from .conftest import FETCHED_AT, raw_article

BODY = "".join(
    f"<p>Paragraph {n}: officials from both countries met in the capital to discuss the accord"
    " on intelligence sharing, training and the sale of drones.</p>"
    for n in range(5)
)


def page(head: str = "", header: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>Drone pact signed</title>{head}</head><body>"
        f"<article><h1>Drone pact signed</h1>{header}{BODY}</article>{after}</body></html>"
    )


def jsonld(**fields: str) -> str:
    pairs = ", ".join(f'"{k}": "{v}"' for k, v in fields.items())
    return f'<script type="application/ld+json">{{"@type": "NewsArticle", {pairs}}}</script>'


def meta(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


@pytest.mark.parametrize(
    ("html", "url", "day", "source"),
    [
        pytest.param(
            page(jsonld(datePublished="2022-07-13T08:00:00Z")),
            None,
            "2022-07-13",
            "json-ld",
            id="json-ld-only",
        ),
        pytest.param(
            page(meta("article:published_time", "2022-07-13T08:00:00+02:00")),
            None,
            "2022-07-13",
            "meta",
            id="meta-tag",
        ),
        pytest.param(
            page(header='<time datetime="2022-07-12" class="published">12 July</time>'),
            None,
            "2022-07-12",
            "time",
            id="time-element",
        ),
        pytest.param(
            page(header='<p class="byline">By Jane Doe | 11 July 2022</p>'),
            None,
            "2022-07-11",
            "dateline",
            id="byline-dateline",
        ),
        pytest.param(
            page(),
            "https://news.example.com/2022/07/10/drone-pact",
            "2022-07-10",
            "url",
            id="url-path",
        ),
        pytest.param(
            page(
                jsonld(datePublished="2022-07-13T08:00:00Z"),
                header='<time datetime="2021-01-01">old</time>',
            ),
            None,
            "2022-07-13",
            "json-ld",
            id="json-ld-beats-time",
        ),
    ],
)
def test_date_comes_with_its_provenance(
    inline_stage: TextStage, html: str, url: str | None, day: str, source: str
) -> None:
    raw = raw_article(html, url=url) if url else raw_article(html)
    published = inline_stage.extract(raw).published
    assert published.value is not None
    assert published.value.date().isoformat() == day
    assert published.source == source
    assert 0 < published.confidence < 1


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            page('<script>var publishDate = "2022-07-13T08:00:00Z";</script>'), id="only-in-script"
        ),
        pytest.param(
            page(after='<section id="comments"><time datetime="2022-07-13">x</time></section>'),
            id="only-in-comments",
        ),
        pytest.param(
            page(after='<aside><time datetime="2022-07-13">x</time></aside>'), id="only-in-sidebar"
        ),
        pytest.param(
            page(meta("article:published_time", "2031-01-01T00:00:00Z")), id="later-than-fetch"
        ),
        pytest.param(page(meta("article:published_time", "next Tuesday")), id="unparseable"),
        pytest.param(page(header="<p>Published 3 hours ago</p>"), id="relative"),
        pytest.param(page(), id="none-at-all"),
    ],
)
def test_no_trustworthy_date_means_none(inline_stage: TextStage, html: str) -> None:
    published = inline_stage.extract(raw_article(html)).published
    assert (published.value, published.source, published.confidence) == (None, "none", 0.0)


def test_feed_date_is_used_when_the_page_has_none(inline_stage: TextStage) -> None:
    feed = FeedMetadata(published=datetime(2022, 7, 9, 6, 0, tzinfo=UTC))
    published = inline_stage.extract(raw_article(page(), feed=feed)).published
    assert (published.value, published.source) == (feed.published, "feed")


def test_page_date_beats_feed_date(inline_stage: TextStage) -> None:
    feed = FeedMetadata(published=datetime(2022, 7, 9, 6, 0, tzinfo=UTC))
    html = page(meta("article:published_time", "2022-07-13T08:00:00Z"))
    published = inline_stage.extract(raw_article(html, feed=feed)).published
    assert published.source == "meta"


def test_future_date_falls_back_to_the_next_plausible_one(inline_stage: TextStage) -> None:
    html = page(
        jsonld(datePublished="2031-05-01T00:00:00Z")
        + meta("article:published_time", "2022-07-13T08:00:00Z")
    )
    published = inline_stage.extract(raw_article(html)).published
    assert published.value is not None
    assert published.value <= FETCHED_AT
    assert published.source == "meta"


def test_modified_before_published_is_dropped(inline_stage: TextStage) -> None:
    html = page(jsonld(datePublished="2022-07-13T08:00:00Z", dateModified="2022-07-01T08:00:00Z"))
    document = inline_stage.extract(raw_article(html))
    assert document.published.value is not None
    assert document.modified.value is None
    assert document.modified.source == "none"


def test_modified_is_kept_when_later(inline_stage: TextStage) -> None:
    html = page(jsonld(datePublished="2022-07-13T08:00:00Z", dateModified="2022-07-14T09:00:00Z"))
    document = inline_stage.extract(raw_article(html))
    assert document.modified.value == datetime(2022, 7, 14, 9, 0, tzinfo=UTC)
    assert document.modified.source == "json-ld"


def test_agreeing_sources_raise_confidence_and_disagreeing_lower_it(
    inline_stage: TextStage,
) -> None:
    alone = page(jsonld(datePublished="2022-07-13T08:00:00Z"))
    agree = page(
        jsonld(datePublished="2022-07-13T08:00:00Z")
        + meta("article:published_time", "2022-07-13T08:00:00Z")
    )
    disagree = page(
        jsonld(datePublished="2022-07-13T08:00:00Z")
        + meta("article:published_time", "2022-03-01T08:00:00Z")
    )
    confidence = {
        name: inline_stage.extract(raw_article(html)).published.confidence
        for name, html in (("alone", alone), ("agree", agree), ("disagree", disagree))
    }
    assert confidence["disagree"] < confidence["alone"] < confidence["agree"]


def test_timezone_offsets_are_normalised_to_utc(inline_stage: TextStage) -> None:
    html = page(meta("article:published_time", "2022-07-13T01:30:00+03:00"))
    value = inline_stage.extract(raw_article(html)).published.value
    assert value == datetime(2022, 7, 12, 22, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        pytest.param("13.07.2022", "2022-07-13", id="dotted-day-first"),
        pytest.param("03.07.2022", "2022-07-03", id="dotted-low-day"),
        pytest.param("13/07/2022", "2022-07-13", id="slashed-day-above-12"),
        pytest.param("07/13/2022", "2022-07-13", id="slashed-us-order"),
        pytest.param("03/07/2022", None, id="slashed-ambiguous"),
        pytest.param("07-03-2022", None, id="dashed-ambiguous"),
        pytest.param("05/05/2022", "2022-05-05", id="slashed-same-numbers"),
    ],
)
def test_numeric_dates_are_read_only_when_unambiguous(value: str, day: str | None) -> None:
    parsed = parse_date_string(value)
    assert (parsed[0].date().isoformat() if parsed else None) == day
