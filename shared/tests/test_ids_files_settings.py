"""Stable ids, local files as raw articles, and settings from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import REASONS, Rejected
from newsdesk.files import iter_article_files, raw_article_from_file
from newsdesk.ids import article_id, canonical_url, host_of
from newsdesk.settings import NewsdeskSettings


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        pytest.param(
            "https://Example.ORG/a?utm_source=x&id=3#top",
            "https://example.org/a?id=3",
            id="tracking-fragment-case",
        ),
        pytest.param("https://example.org/a", "https://example.org/a", id="already-canonical"),
        pytest.param("file:///tmp/a.txt", "file:///tmp/a.txt", id="file-url-kept"),
    ],
)
def test_canonical_url_drops_noise(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_same_canonical_url_gives_the_same_article_id() -> None:
    first = article_id(canonical_url("https://example.org/a?utm_campaign=z"))
    assert first == article_id(canonical_url("https://EXAMPLE.org/a#comments"))
    assert first != article_id(canonical_url("https://example.org/b"))
    assert host_of("https://News.Example.org:8443/x") == "news.example.org"


def test_local_file_becomes_a_raw_article_keyed_by_its_resolved_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    page = tmp_path / "sub" / "a.html"
    page.write_bytes(b"<html><body><p>hi</p></body></html>")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / "b.txt").write_text("date 2022-02-03 text")

    found = list(iter_article_files(tmp_path))
    assert found == sorted([page, tmp_path / "b.txt"])

    raw = raw_article_from_file(tmp_path / "sub" / ".." / "sub" / "a.html")
    assert raw.url == page.resolve().as_uri()
    assert raw.article_id == article_id(page.resolve().as_uri())
    assert raw.content_type == "text/html"
    assert raw.content == page.read_bytes()


@pytest.mark.parametrize(
    ("limit", "reason"),
    [pytest.param(4, "too_large", id="too-large"), pytest.param(None, "file_error", id="missing")],
)
def test_unreadable_files_are_rejected_with_a_reason(
    tmp_path: Path, limit: int | None, reason: str
) -> None:
    path = tmp_path / "a.txt"
    if limit is not None:
        path.write_text("longer than four bytes")
    with pytest.raises(Rejected) as caught:
        raw_article_from_file(path, max_bytes=limit or 100)
    assert caught.value.reason == reason
    assert str(path.name) in caught.value.message
    assert reason in REASONS


def test_settings_default_to_the_local_stack_and_read_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    defaults = NewsdeskSettings()
    assert defaults.kafka.bootstrap_servers == "127.0.0.1:9092"
    assert defaults.elasticsearch.url == "http://127.0.0.1:9200"
    assert (defaults.templates_dir / "newsdesk-articles.json").is_file()

    monkeypatch.setenv("NEWSDESK_KAFKA__BOOTSTRAP_SERVERS", "kafka:29092")
    monkeypatch.setenv("NEWSDESK_ELASTICSEARCH__PASSWORD", "s3cret")
    changed = NewsdeskSettings()
    assert changed.kafka.bootstrap_servers == "kafka:29092"
    assert "s3cret" not in repr(changed)
    assert changed.elasticsearch.password is not None
    assert changed.elasticsearch.password.get_secret_value() == "s3cret"


def test_rejected_refuses_unknown_reason_codes() -> None:
    with pytest.raises(ValueError, match="unknown reason"):
        Rejected("x", reason="no_such_reason")
