"""The one decode path: whatever the bytes, a model or a dead letter with the right reason."""

from __future__ import annotations

import base64
import gzip
import json
import tracemalloc
from datetime import UTC, datetime
from typing import Any

import pytest

from newsdesk.events import (
    DeadLetter,
    EnrichedArticle,
    FetchRequest,
    RawArticle,
)
from newsdesk.kafka import ATTEMPT_HEADER, Codec

CODEC = Codec("extractor", max_message_bytes=1024 * 1024, max_content_bytes=5_000_000)
FETCHED = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)


def raw_json(**changes: Any) -> dict[str, Any]:
    article = RawArticle(
        article_id="a1",
        url="https://example.org/a",
        canonical_url="https://example.org/a",
        source="s",
        fetched_at=FETCHED,
        content=b"<p>Hello</p>",
        content_type="text/html",
    )
    return json.loads(article.model_dump_json()) | changes


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize(
    ("content", "reason", "words"),
    [
        pytest.param(
            b64(b"plain bytes, not gzip"), "invalid_payload", "not valid gzip", id="not-gzip"
        ),
        pytest.param(
            b64(gzip.compress(b"x" * 1000)[:-12]),
            "invalid_payload",
            "truncated",
            id="truncated-gzip",
        ),
        pytest.param("%%% not base64 %%%", "invalid_payload", "base64", id="not-base64"),
        pytest.param(12345, "invalid_payload", "base64 string", id="not-a-string"),
    ],
)
def test_broken_content_is_a_dead_letter_not_an_exception(
    make_record: Any, content: object, reason: str, words: str
) -> None:
    record = make_record(json.dumps(raw_json(content=content)).encode())
    letter = CODEC.decode(record, RawArticle)
    assert isinstance(letter, DeadLetter)
    assert letter.reason == reason
    assert words in letter.message
    assert letter.payload == record.value
    assert (letter.topic, letter.offset, letter.key) == ("newsdesk.articles.raw", 7, "k")


def test_a_compression_bomb_stops_inflating_at_the_limit(make_record: Any) -> None:
    bomb = gzip.compress(b"\0" * 200_000_000, compresslevel=9)  # 200 MB from ~200 kB
    record = make_record(json.dumps(raw_json(content=b64(bomb))).encode())
    tracemalloc.start()
    try:
        letter = CODEC.decode(record, RawArticle)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(letter, DeadLetter)
    assert letter.reason == "too_large"
    assert "5000000" in letter.message
    assert peak < 4 * 5_000_000 + 10 * len(record.value)


def test_content_up_to_the_limit_is_read_whole(make_record: Any) -> None:
    page = b"<p>" + b"news " * 999_000 + b"</p>"
    record = make_record(json.dumps(raw_json(content=b64(gzip.compress(page)))).encode())
    article = CODEC.decode(record, RawArticle)
    assert isinstance(article, RawArticle)
    assert article.content == page


def test_concatenated_gzip_members_are_read_as_one(make_record: Any) -> None:
    content = b64(gzip.compress(b"<p>first ") + gzip.compress(b"second</p>"))
    article = CODEC.decode(make_record(json.dumps(raw_json(content=content)).encode()), RawArticle)
    assert isinstance(article, RawArticle)
    assert article.content == b"<p>first second</p>"


@pytest.mark.parametrize(
    "event",
    [
        pytest.param(FetchRequest(url="https://example.org/", source="s"), id="urls"),
        pytest.param(RawArticle.model_validate(raw_json()), id="articles-raw"),
        pytest.param(
            EnrichedArticle(
                article_id="a", url="u", canonical_url="u", source="s", fetched_at=FETCHED
            ),
            id="articles-enriched",
        ),
        pytest.param(DeadLetter(stage="fetcher", reason="timeout", message="m"), id="dlq"),
    ],
)
def test_a_schema_version_from_the_future_is_refused_on_every_topic(
    make_record: Any, event: Any
) -> None:
    record = make_record(
        json.dumps(json.loads(event.model_dump_json()) | {"schema_version": 99}).encode()
    )
    letter = CODEC.decode(record, type(event))
    assert isinstance(letter, DeadLetter)
    assert letter.reason == "unknown_schema"
    assert "99" in letter.message


@pytest.mark.parametrize(
    "fetched_at",
    [
        pytest.param("1900-01-01T00:00:00Z", id="1900"),
        pytest.param("1969-12-31T23:59:59Z", id="before-1970"),
        pytest.param("2999-01-01T00:00:00Z", id="far-future"),
    ],
)
def test_a_timestamp_the_pipeline_cannot_have_stamped_is_an_invalid_payload(
    make_record: Any, fetched_at: str
) -> None:
    letter = CODEC.decode(
        make_record(json.dumps(raw_json(fetched_at=fetched_at)).encode()), RawArticle
    )
    assert isinstance(letter, DeadLetter)
    assert letter.reason == "invalid_payload"
    assert "fetched_at" in letter.message


def test_a_naive_timestamp_is_read_as_utc(make_record: Any) -> None:
    record = make_record(json.dumps(raw_json(fetched_at="2024-05-06T07:08:00")).encode())
    article = CODEC.decode(record, RawArticle)
    assert isinstance(article, RawArticle)
    assert article.fetched_at == FETCHED


def test_seventy_thousand_band_keys_are_refused_with_a_short_message(make_record: Any) -> None:
    article = EnrichedArticle(
        article_id="a", url="u", canonical_url="u", source="s", fetched_at=FETCHED
    )
    body = json.loads(article.model_dump_json()) | {
        "minhash_bands": [f"{n:05d}" for n in range(70_000)]
    }
    letter = CODEC.decode(make_record(json.dumps(body).encode()), EnrichedArticle)
    assert isinstance(letter, DeadLetter)
    assert letter.reason == "invalid_payload"
    assert "minhash_bands" in letter.message
    assert len(letter.message) < 500


def test_a_record_with_hundreds_of_errors_gets_a_short_message(make_record: Any) -> None:
    body = {"schema_version": 1, "parties": [{"name": n} for n in range(5000)], "fetched_at": []}
    letter = CODEC.decode(
        make_record(json.dumps({f"f{n}": n for n in range(3000)} | body).encode()), RawArticle
    )
    assert isinstance(letter, DeadLetter)
    assert "more errors" in letter.message
    assert len(letter.message) < 1000


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(None, "invalid_payload", id="tombstone"),
        pytest.param(b"", "invalid_payload", id="empty"),
        pytest.param(b"\xff\xfe\x00garbage", "invalid_payload", id="not-utf8"),
        pytest.param(b"[" * 100_000, "invalid_payload", id="deep-nesting"),
        pytest.param(b'{"url": 1e999999}', "invalid_payload", id="huge-number"),
    ],
)
def test_bytes_that_are_no_event_are_dead_letters(
    make_record: Any, value: bytes | None, reason: str
) -> None:
    letter = CODEC.decode(make_record(value), FetchRequest)
    assert isinstance(letter, DeadLetter)
    assert letter.reason == reason


def test_a_replayed_record_counts_its_earlier_attempts(make_record: Any) -> None:
    record = make_record(b"not json", headers=[(ATTEMPT_HEADER, b"2")])
    letter = CODEC.decode(record, FetchRequest)
    assert isinstance(letter, DeadLetter)
    assert letter.attempts == 3


def test_an_article_id_longer_than_a_document_id_may_be_is_refused(make_record: Any) -> None:
    letter = CODEC.decode(
        make_record(json.dumps(raw_json(article_id="x" * 513)).encode()), RawArticle
    )
    assert isinstance(letter, DeadLetter)
    assert letter.reason == "invalid_payload"
    assert "article_id" in letter.message
