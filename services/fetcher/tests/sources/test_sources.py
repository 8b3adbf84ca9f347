"""sources.yaml: the documented shape loads; an invalid file names the file, entry and problem."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from fetcher.sources import load_sources, parse_interval
from newsdesk.errors import ConfigError

REPO = Path(__file__).resolve().parents[4]

VALID = """
sources:
  - id: example-feed
    kind: feed
    url: https://example.org/rss.xml
    name: Example News
    interval: 15m
    max_items: 20
    include: ['/world/']
    exclude: ['/video/']
    language: en
  - id: local
    kind: directory
    path: articles
    glob: ['*.txt']
  - id: list
    kind: urls
    path: urls.txt
    interval: 1h30m
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_documented_shape_loads(tmp_path: Path) -> None:
    feed, local, listing = load_sources(write(tmp_path, VALID))
    assert feed.interval == timedelta(minutes=15)
    assert feed.max_items == 20
    assert feed.wants("https://example.org/world/1")
    assert not feed.wants("https://example.org/world/video/1")
    assert not feed.wants("https://example.org/sport/1")
    assert local.path == tmp_path / "articles"
    assert listing.interval == timedelta(hours=1, minutes=30)


def test_shipped_example_is_valid() -> None:
    sources = load_sources(REPO / "seeds" / "sources.yaml")
    assert [source.kind for source in sources] == ["directory"]
    assert sources[0].path == REPO / "seeds"


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        pytest.param(
            "{id: x, kind: feed}",
            "entry 1 (id 'x'): entry: a feed source needs `url:`",
            id="feed-without-url",
        ),
        pytest.param(
            "{id: x, kind: directory, url: 'http://a'}", "needs `path:`", id="directory-with-url"
        ),
        pytest.param("{id: x, kind: feed, url: 'ftp://a'}", "http(s) URL", id="non-http-url"),
        pytest.param(
            "{id: x, kind: rss, url: 'http://a'}", "entry 1 (id 'x'): kind:", id="unknown-kind"
        ),
        pytest.param(
            "{id: x, kind: url, url: 'http://a', interval: soon}",
            "interval: 'soon' is not a duration",
            id="bad-interval",
        ),
        pytest.param(
            "{id: x, kind: url, url: 'http://a', max_items: 0}", "max_items:", id="zero-max-items"
        ),
        pytest.param(
            "{id: x, kind: url, url: 'http://a', include: ['(']}",
            "include: not a regular expression",
            id="bad-pattern",
        ),
        pytest.param(
            "{id: x, kind: url, url: 'http://a', colour: red}",
            "colour: Extra inputs",
            id="unknown-field",
        ),
        pytest.param(
            "{kind: url, url: 'http://a'}", "entry 1: id: Field required", id="missing-id"
        ),
    ],
)
def test_invalid_entries_are_explained(tmp_path: Path, entry: str, complaint: str) -> None:
    path = write(tmp_path, f"sources:\n  - {entry}\n")
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    assert str(path) in str(caught.value)
    assert complaint in str(caught.value)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    text = "sources:\n  - {id: a, kind: url, url: 'http://x'}\n  - {id: a, kind: url, url: 'http://y'}\n"
    with pytest.raises(ConfigError, match="entry 2: id 'a' is used twice"):
        load_sources(write(tmp_path, text))


def test_yaml_syntax_errors_name_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sources: [\n")
    with pytest.raises(ConfigError, match=str(path)):
        load_sources(path)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        pytest.param("15m", 900, id="minutes"),
        pytest.param("1h30m", 5400, id="hours-minutes"),
        pytest.param("45s", 45, id="seconds"),
        pytest.param("1d", 86400, id="day"),
        pytest.param(30, 30, id="number"),
    ],
)
def test_intervals(value: object, seconds: int) -> None:
    assert parse_interval(value).total_seconds() == seconds
