"""``on_articles_raw`` with the in-memory broker and the real pipeline: results and dead letters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from faststream.kafka import TestKafkaBroker

from extractor import handlers
from extractor.app import broker
from extractor.nlp.enrich import Enricher, EnrichOptions
from extractor.pipeline import Pipeline
from extractor.settings import ExtractorSettings
from extractor.text.extract import TextOptions, TextStage
from newsdesk import topics
from newsdesk.events import DeadLetter, EnrichedArticle
from newsdesk.files import raw_article_from_file

SEEDS = Path(__file__).resolve().parents[4] / "seeds"


@pytest.fixture(scope="module")
def pipeline() -> Iterator[Pipeline]:
    stage = TextStage(TextOptions(isolation="inline"))
    yield Pipeline(stage, Enricher.load(EnrichOptions()))
    stage.close()


async def test_valid_article_is_published_enriched_and_poison_is_dead_lettered(
    pipeline: Pipeline,
) -> None:
    raw = raw_article_from_file(next(SEEDS.glob("002_*.txt")), source="test")
    async with TestKafkaBroker(broker) as test_broker:
        test_broker.context.set_global("pipeline", pipeline)
        test_broker.context.set_global("codec", ExtractorSettings().codec())
        await test_broker.publish(
            raw.model_dump_json(), topic=topics.ARTICLES_RAW, key=raw.article_id.encode()
        )
        await test_broker.publish(b"\x00garbage", topic=topics.ARTICLES_RAW, key=b"poison")

        enriched = EnrichedArticle.model_validate(
            _body(handlers.to_articles_enriched.mock.call_args_list[0])
        )
        letter = DeadLetter.model_validate(_body(handlers.to_dlq.mock.call_args_list[0]))

    assert enriched.article_id == raw.article_id
    assert enriched.source_name == "Eurasia Review"
    assert "Alejandro Mayorkas" in enriched.persons
    assert letter.reason == "invalid_payload"
    assert letter.key == "poison"
    assert letter.payload == b"\x00garbage"


def _body(call: object) -> dict[str, object]:
    value = call.args[0]  # type: ignore[attr-defined]
    return json.loads(value) if isinstance(value, (str, bytes)) else value
