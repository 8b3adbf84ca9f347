"""A batch has a deadline: what it cannot reach in time is handed back, never lost or doubled."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from faststream.kafka import TestKafkaBroker

from extractor import handlers
from extractor.app import broker
from extractor.nlp.enrich import Enricher, EnrichOptions
from extractor.pipeline import POSTPONED, Chunking, Pipeline
from extractor.settings import ExtractorSettings
from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextOptions, TextStage
from newsdesk import topics
from newsdesk.events import EnrichedArticle, Enrichment, RawArticle
from newsdesk.files import raw_article_from_file

SEEDS = Path(__file__).resolve().parents[4] / "seeds"


def _seed_raws() -> list[RawArticle]:
    return [raw_article_from_file(path) for path in sorted(SEEDS.glob("*.txt"))]


def _slow_raw() -> RawArticle:
    """A long page of distinct names, events and quotes: seconds of NLP."""
    sentence = "{0} Varo met {0} Delsi in Manama and agreed to sell drones to Bahrain."
    text = "\n\n".join(sentence.format(f"Kamil{i}") for i in range(400))
    return RawArticle(
        article_id="slow-page",
        url="https://example.org/slow",
        canonical_url="https://example.org/slow",
        source="test",
        content=text.encode(),
        content_type="text/plain",
    )


@pytest.fixture(scope="module")
def pipeline() -> Iterator[Pipeline]:
    stage = TextStage(TextOptions(isolation="inline"))
    pipeline = Pipeline(stage, Enricher.load(EnrichOptions()), Chunking(docs=1))
    yield pipeline
    pipeline.close()
    stage.close()


async def test_a_slow_document_hands_the_rest_of_its_batch_back_each_input_ends_once(
    pipeline: Pipeline,
) -> None:
    raws = [_slow_raw(), *_seed_raws()]
    async with TestKafkaBroker(broker) as test_broker:
        test_broker.context.set_global("pipeline", pipeline)
        test_broker.context.set_global("codec", ExtractorSettings().codec())
        test_broker.context.set_global("batch_deadline_s", 0.5)
        try:
            await test_broker.publish_batch(
                *(raw.model_dump_json() for raw in raws), topic=topics.ARTICLES_RAW
            )
            enriched = [
                EnrichedArticle.model_validate(_body(call))
                for call in handlers.to_articles_enriched.mock.call_args_list
            ]
            handed_back = [
                RawArticle.model_validate(_body(value))
                # The first batch on the topic is the test's own; then the handed-back ones.
                for call in handlers.to_articles_raw.mock.call_args_list[1:]
                for value in call.args[0]
            ]
            letters = handlers.to_dlq.mock.call_args_list
        finally:
            test_broker.context.set_global("batch_deadline_s", None)

    # The slow page came first, so it was processed; the deadline passed during its NLP and
    # the seeds were handed back to the topic, then consumed again and enriched there.
    assert [raw.article_id for raw in handed_back] == [raw.article_id for raw in raws[1:]]
    assert Counter(record.article_id for record in enriched) == Counter(
        raw.article_id for raw in raws
    )
    assert enriched[0].article_id == "slow-page"
    assert not letters


class SlowTextStage:
    """A text stage that takes ``seconds`` per document."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def extract(self, raw: RawArticle) -> ExtractedDocument:
        time.sleep(self.seconds)
        return ExtractedDocument(text=f"Text of {raw.article_id} about Bahrain and Israel.")


class CountingEnricher:
    """Records the chunks it is given."""

    def __init__(self) -> None:
        self.chunks: list[int] = []

    def enrich(self, docs: Sequence[ExtractedDocument]) -> list[Enrichment]:
        self.chunks.append(len(docs))
        return [Enrichment() for _ in docs]


def test_the_text_stage_counts_against_the_deadline() -> None:
    raws = _seed_raws()
    pipeline = Pipeline(SlowTextStage(0.4), CountingEnricher())  # type: ignore[arg-type]
    results = pipeline.process(raws, deadline=time.monotonic() + 0.6)
    pipeline.close()
    assert isinstance(results[0], EnrichedArticle)
    assert results[1:] == [POSTPONED, POSTPONED]


def test_the_first_document_is_processed_even_past_the_deadline() -> None:
    raws = _seed_raws()
    pipeline = Pipeline(SlowTextStage(0), CountingEnricher())  # type: ignore[arg-type]
    results = pipeline.process(raws, deadline=time.monotonic() - 1)
    pipeline.close()
    assert isinstance(results[0], EnrichedArticle)
    assert results[1:] == [POSTPONED, POSTPONED]


def test_a_stop_request_hands_back_what_has_not_started_without_waiting_for_the_deadline() -> None:
    # SIGTERM sets the stop event while the batch works: the document under way finishes, the
    # rest is postponed (handed back) long before the batch's own deadline.
    raws = _seed_raws()
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    pipeline = Pipeline(SlowTextStage(0.5), CountingEnricher())  # type: ignore[arg-type]
    started = time.monotonic()
    results = pipeline.process(raws, deadline=time.monotonic() + 60, stop=stop)
    took = time.monotonic() - started
    pipeline.close()
    assert isinstance(results[0], EnrichedArticle)
    assert results[1:] == [POSTPONED, POSTPONED]
    assert took < 2.0


def test_nlp_runs_in_small_chunks_and_without_deadline_everything_is_processed() -> None:
    raws = _seed_raws() * 4
    enricher = CountingEnricher()
    pipeline = Pipeline(SlowTextStage(0), enricher, Chunking(docs=5))  # type: ignore[arg-type]
    results = pipeline.process(raws)
    pipeline.close()
    assert all(isinstance(result, EnrichedArticle) for result in results)
    assert enricher.chunks == [5, 5, 2]


def test_settings_keep_the_deadline_well_under_the_poll_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = ExtractorSettings()
    assert settings.batch_deadline_s * 2 <= settings.max_poll_interval_ms / 1000
    assert settings.doc_timeout_s < settings.batch_deadline_s
    monkeypatch.setenv("EXTRACTOR_BATCH_DEADLINE_S", "400")
    with pytest.raises(ValueError, match="at most half"):
        ExtractorSettings()
    monkeypatch.setenv("EXTRACTOR_BATCH_DEADLINE_S", "10")
    with pytest.raises(ValueError, match="DOC_TIMEOUT_S"):
        ExtractorSettings()
    monkeypatch.setenv("EXTRACTOR_NLP_MAX_CHARS", "5000")
    monkeypatch.setenv("EXTRACTOR_DOC_TIMEOUT_S", "5")
    assert ExtractorSettings().enrich_options().max_chars == 5000


def test_the_subscriber_sets_its_poll_interval() -> None:
    # Other tests add subscribers of their own to this broker: only the raw topic's are the app's.
    raw = [s for s in broker.subscribers if topics.ARTICLES_RAW in s.topic_names]  # type: ignore[attr-defined]
    assert raw
    for subscriber in raw:
        options = subscriber._connection_args  # type: ignore[attr-defined]
        assert options["max_poll_interval_ms"] == ExtractorSettings().max_poll_interval_ms


def _body(call: object) -> dict[str, object]:
    value = call.args[0] if hasattr(call, "args") else call
    return json.loads(value) if isinstance(value, (str, bytes)) else value  # type: ignore[return-value]
