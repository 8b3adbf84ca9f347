"""Fuzzing the decode path: arbitrary bytes and mutated valid events never raise.

Each input gives exactly one outcome (a model of the topic, or a dead letter) and every dead
letter fits the topic's maximum message size.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.strategies import mutated

from newsdesk.events import DeadLetter, EnrichedArticle, FetchRequest, RawArticle
from newsdesk.kafka import Codec

MAX = 64 * 1024
CODEC = Codec("extractor", max_message_bytes=MAX, max_content_bytes=100_000)
MODELS = [FetchRequest, RawArticle, EnrichedArticle, DeadLetter]
NOW = datetime(2024, 1, 2, tzinfo=UTC)
VALID: list[dict[str, Any]] = [
    json.loads(model.model_dump_json())
    for model in (
        FetchRequest(url="https://example.org/a", source="s"),
        RawArticle(
            article_id="a", url="u", canonical_url="u", source="s", fetched_at=NOW, content=b"<p>x"
        ),
        EnrichedArticle(article_id="a", url="u", canonical_url="u", source="s", fetched_at=NOW),
        DeadLetter(stage="fetcher", reason="timeout", message="m", payload=b"\x00\xff"),
    )
]


@st.composite
def mutated_events(draw: st.DrawFn) -> bytes:
    """A valid event of some topic with fields replaced, removed or bloated."""
    return draw(mutated(draw(st.sampled_from(VALID)), ("content", "payload", "fetched_at")))


def _check(value: bytes, model: type) -> None:
    outcome = CODEC.decode(_Record(value), model)
    assert isinstance(outcome, (model, DeadLetter))
    if isinstance(outcome, DeadLetter):
        assert outcome.reason
        assert len(CODEC.encode_letter(outcome)) <= MAX
        if model is not DeadLetter:  # a letter of the decode path: it says why
            assert outcome.message
            assert outcome.payload == value


class _Record:
    topic = "t"
    partition = 0
    offset = 1
    key = b"k"
    headers = ()

    def __init__(self, value: bytes) -> None:
        self.value = value


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=st.binary(max_size=4096), model=st.sampled_from(MODELS))
def test_arbitrary_bytes_never_raise(value: bytes, model: type) -> None:
    _check(value, model)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=mutated_events(), model=st.sampled_from(MODELS))
def test_mutated_events_never_raise(value: bytes, model: type) -> None:
    _check(value, model)
