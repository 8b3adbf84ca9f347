"""Rules of the plain-text parser: headers, titles, bylines, datelines, noise, date sanity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.text.extract import TextStage
from extractor.text.plain import parse_plain_text
from newsdesk.events import FeedMetadata

from .conftest import raw_article

LEAD = "Officials from both countries met in the capital on Tuesday to sign the agreement."
MORE = "The accord covers intelligence sharing, joint training and the sale of drones."


def _text(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("noise", "wire"),
    [
        pytest.param("Advertisement", f"{LEAD}\n\nAdvertisement\n\n{MORE}", id="advertisement"),
        pytest.param(
            "3 min read", f"Title of the story\n3 min read\n\n{LEAD}\n{MORE}", id="read-time"
        ),
        pytest.param(
            "Share this article", f"{LEAD}\nShare this article\n{MORE}", id="share-prompt"
        ),
        pytest.param(
            "[Reuters/File]",
            f"{LEAD}\nSoldiers at the ceremony in Manama [Reuters/File]\n{MORE}",
            id="caption-credit",
        ),
        pytest.param("Photo:", f"{LEAD}\nPhoto: the signing ceremony\n{MORE}", id="photo-prefix"),
        pytest.param(
            "Read more:", f"{LEAD}\nRead more: Gulf states and Israel\n{MORE}", id="read-more"
        ),
        pytest.param("Copyright", f"{LEAD}\n{MORE}\nCopyright 2022 Example News", id="copyright"),
    ],
)
def test_noise_lines_are_removed_from_the_body(noise: str, wire: str) -> None:
    parsed = parse_plain_text(wire)
    assert noise not in parsed.body
    assert LEAD in parsed.body
    assert MORE in parsed.body


@pytest.mark.parametrize(
    ("byline", "authors", "source"),
    [
        pytest.param("By Jane Doe", ["Jane Doe"], None, id="person"),
        pytest.param("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None, id="two-people"),
        pytest.param("By Jane Doe, Reuters", ["Jane Doe"], "Reuters", id="person-and-agency"),
        pytest.param("By Eurasia Review", [], "Eurasia Review", id="outlet"),
        pytest.param("BY STAFF REPORTER", [], None, id="generic-credit"),
        pytest.param(
            "By Jane Doe, Senior Defence Correspondent", ["Jane Doe"], None, id="job-title"
        ),
    ],
)
def test_byline_names_people_and_outlets_apart(
    byline: str, authors: list[str], source: str | None
) -> None:
    parsed = parse_plain_text(_text(byline, "", LEAD, MORE))
    assert parsed.authors == authors
    assert parsed.source_name == source
    assert byline not in parsed.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("13 July, 2022", "2022-07-13", id="day-month-year"),
        pytest.param("July 13, 2022", "2022-07-13", id="month-day-year"),
        pytest.param("Published: 2022-07-13", "2022-07-13", id="published-iso"),
        pytest.param("Wednesday 13 July 2022 10:42", "2022-07-13", id="weekday-and-time"),
    ],
)
def test_dateline_gives_published_date(inline_stage: TextStage, line: str, expected: str) -> None:
    raw = raw_article(_text("A headline here", line, "", LEAD, MORE), content_type="text/plain")
    document = inline_stage.extract(raw)
    assert document.published.value is not None
    assert document.published.value.date().isoformat() == expected
    assert document.published.source == "dateline"
    assert line not in document.text


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("July 2022", id="month-only"),
        pytest.param("2 hours ago", id="relative"),
        pytest.param("13 July", id="no-year"),
    ],
)
def test_incomplete_dateline_gives_no_date(inline_stage: TextStage, line: str) -> None:
    raw = raw_article(_text(line, "", LEAD, MORE), content_type="text/plain")
    document = inline_stage.extract(raw)
    assert document.published.value is None
    assert document.published.source == "none"


def test_header_date_later_than_fetch_is_rejected(inline_stage: TextStage) -> None:
    raw = raw_article(_text("date 2030-01-01", LEAD, MORE), content_type="text/plain")
    document = inline_stage.extract(raw)
    assert document.published.value is None
    assert "date 2030" not in document.text


def test_feed_date_is_the_fallback_when_text_has_none(inline_stage: TextStage) -> None:
    published = datetime(2022, 3, 1, 8, 30, tzinfo=UTC)
    feed = FeedMetadata(title="Feed title", published=published, author="Jane Doe")
    raw = raw_article(_text(LEAD, MORE), content_type="text/plain", feed=feed)
    document = inline_stage.extract(raw)
    assert document.published.value == published
    assert document.published.source == "feed"
    assert document.title == "Feed title"
    assert document.authors == ["Jane Doe"]


def test_text_header_beats_feed_date(inline_stage: TextStage) -> None:
    feed = FeedMetadata(published=datetime(2022, 3, 5, tzinfo=UTC))
    raw = raw_article(_text("date 2022-03-01", LEAD, MORE), content_type="text/plain", feed=feed)
    document = inline_stage.extract(raw)
    assert document.published.source == "text-header"
    assert document.published.value is not None
    assert document.published.value.date().isoformat() == "2022-03-01"


def test_updated_line_is_a_modified_date_not_published() -> None:
    parsed = parse_plain_text(_text("Published 1 March 2022", "Updated 2 March 2022", LEAD, MORE))
    kinds = {(c.kind, c.value.date().isoformat()) for c in parsed.dates}
    assert kinds == {("published", "2022-03-01"), ("modified", "2022-03-02")}


def test_hard_wrapped_sentence_is_joined_into_one_paragraph() -> None:
    parsed = parse_plain_text(
        _text("Officials from both countries met in the", "capital on Tuesday.", "", MORE)
    )
    assert parsed.body.split("\n\n") == [
        "Officials from both countries met in the capital on Tuesday.",
        MORE,
    ]


def test_repeated_title_lines_are_removed_everywhere_in_the_head() -> None:
    title = "Gulf states sign a drone deal"
    parsed = parse_plain_text(_text(title, "", title, title, LEAD, MORE))
    assert parsed.title == title
    assert title not in parsed.body


def test_key_value_header_lines_are_read() -> None:
    parsed = parse_plain_text(
        _text("title: A deal", "author: Jane Doe", "source: Example Wire", LEAD, MORE)
    )
    assert (parsed.title, parsed.authors, parsed.source_name) == (
        "A deal",
        ["Jane Doe"],
        "Example Wire",
    )
    assert parsed.body == f"{LEAD}\n\n{MORE}"


def test_wire_credits_after_the_story_name_the_authors_and_leave_the_body() -> None:
    parsed = parse_plain_text(
        _text(LEAD, "", MORE, "", "(Reporting by Jane Doe in Manama; Editing by John Roe)")
    )
    assert parsed.authors == ["Jane Doe"]
    assert parsed.body == f"{LEAD}\n\n{MORE}"


def test_tip_line_after_the_story_is_dropped() -> None:
    parsed = parse_plain_text(_text(LEAD, MORE, "Got a tip? Email tips@example.com"))
    assert "tips@example.com" not in parsed.body
