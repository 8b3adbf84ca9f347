"""Fuzzing ``on_articles_raw`` with the in-memory broker and the real pipeline.

Whatever the batch holds, the handler never raises, every input gives exactly one outcome (an
enriched record or a dead letter) and every dead letter fits the topic's maximum message size.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from faststream.kafka import TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.app import broker
from extractor.nlp.enrich import Enricher, EnrichOptions
from extractor.pipeline import Pipeline
from extractor.text.extract import TextOptions, TextStage
from newsdesk import topics
from newsdesk.events import DeadLetter, EnrichedArticle
from newsdesk.files import raw_article_from_file
from newsdesk.kafka import Codec
from tests.fuzz.strategies import hostile
from tests.helpers import SEEDS

MAX_MESSAGE = 512 * 1024
CODEC = Codec("extractor", max_message_bytes=MAX_MESSAGE, max_content_bytes=1_000_000)
SEED = raw_article_from_file(next(SEEDS.glob("002_*.txt")), source="fuzz")
VALID: dict[str, Any] = json.loads(SEED.model_dump_json())


@pytest.fixture(scope="module")
def pipeline() -> Iterator[Pipeline]:
    stage = TextStage(TextOptions(isolation="inline", max_bytes=1_000_000))
    yield Pipeline(stage, Enricher.load(EnrichOptions()))
    stage.close()


# The service's broker, with sinks that keep the bytes the handler publishes.
published: dict[str, list[bytes]] = {topics.ARTICLES_ENRICHED: [], topics.DLQ: []}


@broker.subscriber(topics.ARTICLES_ENRICHED)
async def sink_enriched(message: KafkaMessage) -> None:
    published[topics.ARTICLES_ENRICHED].append(message.body)


@broker.subscriber(topics.DLQ)
async def sink_dlq(message: KafkaMessage) -> None:
    published[topics.DLQ].append(message.body)


async def run_batch(
    pipeline: Pipeline, batch: list[bytes], codec: Codec = CODEC
) -> tuple[list[bytes], list[bytes]]:
    for sink in published.values():
        sink.clear()
    async with TestKafkaBroker(broker) as test_broker:
        test_broker.context.set_global("pipeline", pipeline)
        test_broker.context.set_global("codec", codec)
        await test_broker.publish_batch(*batch, topic=topics.ARTICLES_RAW)
    return list(published[topics.ARTICLES_ENRICHED]), list(published[topics.DLQ])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(batch=st.lists(hostile(VALID), min_size=1, max_size=4))
def test_any_batch_gives_one_outcome_per_input(pipeline: Pipeline, batch: list[bytes]) -> None:
    enriched, letters = asyncio.run(run_batch(pipeline, batch))
    assert len(enriched) + len(letters) == len(batch)
    for value in enriched:
        assert len(value) <= MAX_MESSAGE
        EnrichedArticle.model_validate_json(value)
    for value in letters:
        assert len(value) <= MAX_MESSAGE
        letter = DeadLetter.model_validate_json(value)
        assert letter.reason
        assert letter.message
        assert letter.stage == "extractor"


def test_content_that_is_not_gzip_is_dead_lettered_and_good_neighbours_pass(
    pipeline: Pipeline,
) -> None:
    """Finding 1: base64 of non-gzip or truncated gzip raised inside validation, jamming all."""
    bad = [json.dumps(VALID | {"content": c}).encode() for c in ("cGxhaW4=", VALID["content"][:40])]
    enriched, letters = asyncio.run(
        run_batch(pipeline, [bad[0], json.dumps(VALID).encode(), bad[1]])
    )
    assert len(enriched) == 1
    assert [DeadLetter.model_validate_json(v).reason for v in letters] == ["invalid_payload"] * 2


def test_an_enriched_record_too_large_for_the_topic_becomes_a_too_large_letter(
    pipeline: Pipeline,
) -> None:
    """An output that cannot be published must not fail the batch forever."""
    text = next(SEEDS.glob("000_*.txt")).read_bytes() * 8  # 21 kB of text
    big = SEED.model_copy(update={"content": text})
    small_topic = Codec("extractor", max_message_bytes=16 * 1024, max_content_bytes=1_000_000)
    enriched, letters = asyncio.run(
        run_batch(pipeline, [big.model_dump_json().encode()], small_topic)
    )
    assert enriched == []
    assert DeadLetter.model_validate_json(letters[0]).reason == "too_large"
