"""A dead letter always fits its topic: a payload too large keeps a prefix, its size and hash."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest

from newsdesk.events import DeadLetter
from newsdesk.kafka import Codec, fit

MAX = 1024 * 1024


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(os.urandom(6_500_000), id="6.5MB-random-bytes"),
        pytest.param(b"a" * 20_000_000, id="20MB-compressible"),
        pytest.param(os.urandom(MAX - 100), id="just-under-the-limit-random"),
    ],
)
def test_a_letter_of_a_huge_message_fits_and_says_it_was_cut(
    make_record: Any, payload: bytes
) -> None:
    codec = Codec("fetcher", max_message_bytes=MAX)
    letter = codec.letter(make_record(payload, topic="newsdesk.urls"), ValueError("x" * 50_000))
    encoded = codec.encode_letter(letter)
    assert len(encoded) <= MAX
    back = DeadLetter.model_validate_json(encoded)
    assert back.payload == payload[: len(back.payload)]
    if back.payload_truncated:
        assert back.payload_size == len(payload)
        assert back.payload_sha256 == hashlib.sha256(payload).hexdigest()
    else:
        assert back.payload == payload
    assert len(back.message) <= 2000


def test_a_letter_that_fits_is_kept_whole(make_record: Any) -> None:
    letter = Codec("indexer", MAX).letter(make_record(b'{"half": "an event"'), ValueError("bad"))
    assert fit(letter, MAX) == letter
    assert letter.payload_truncated is False
    assert letter.payload_size is None


def test_even_a_tiny_limit_gets_a_letter_that_fits(make_record: Any) -> None:
    letter = Codec("indexer", MAX).letter(make_record(os.urandom(100_000)), ValueError("bad"))
    fitted = fit(letter, 20_000)
    assert len(fitted.model_dump_json()) <= 20_000
    assert fitted.payload_truncated


def test_an_output_too_large_for_the_topic_is_refused_as_too_large() -> None:
    codec = Codec("extractor", max_message_bytes=2048)
    with pytest.raises(Exception, match="more than the 2,048") as caught:
        codec.encode(DeadLetter(stage="cli", reason="timeout", message="m" * 5000))
    assert getattr(caught.value, "reason", None) == "too_large"


@pytest.mark.parametrize("field", ["topic", "article_id", "url", "key", "reason"])
def test_a_letter_read_from_the_dlq_with_a_huge_field_still_fits(field: str) -> None:
    # Found by test_fuzz: a letter on the DLQ is poison too, and its text fields came back whole.
    letter = DeadLetter(stage="fetcher", reason="timeout", message="m").model_copy(
        update={field: "y" * 200_000}
    )
    assert len(Codec("cli", max_message_bytes=65_536).encode_letter(letter)) <= 65_536
