"""Fixtures of the text-stage tests: a guarded stage per session, raw articles from bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractor.text.extract import TextOptions, TextStage
from newsdesk.events import FeedMetadata, RawArticle

RESOURCES = Path(__file__).parents[1] / "resources"
SEEDS = Path(__file__).parents[4] / "seeds"
FETCHED_AT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)

MakeRaw = Callable[..., RawArticle]


@pytest.fixture(scope="session")
def stage() -> Iterator[TextStage]:
    """The text stage as the pipeline runs it: in a guarded worker process."""
    with TextStage(TextOptions(timeout_seconds=20)) as text_stage:
        yield text_stage


@pytest.fixture(scope="session")
def inline_stage() -> Iterator[TextStage]:
    """The same extraction in the test process, for fast checks of the parsing rules."""
    with TextStage(TextOptions(isolation="inline")) as text_stage:
        yield text_stage


def raw_article(
    content: bytes | str,
    *,
    content_type: str = "text/html; charset=utf-8",
    url: str = "https://news.example.com/world/story",
    fetched_at: datetime = FETCHED_AT,
    feed: FeedMetadata | None = None,
    source_name: str | None = None,
) -> RawArticle:
    """A RawArticle as the fetcher would publish it."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawArticle(
        article_id="test",
        url=url,
        canonical_url=url,
        source="test",
        source_name=source_name,
        fetched_at=fetched_at,
        content=data,
        content_type=content_type,
        feed=feed,
    )
