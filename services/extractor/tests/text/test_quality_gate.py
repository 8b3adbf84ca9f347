"""The quality gate: extraction on the golden corpus must not fall below the pinned floors."""

from __future__ import annotations

import json

import pytest
import trafilatura

from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextStage
from newsdesk.errors import ExtractionFailed
from newsdesk.events import RawArticle

from .conftest import RESOURCES
from bench.golden import METRICS, CorpusScore, load_corpus, score_corpus, token_f1

CORPUS = load_corpus(RESOURCES / "html")
FLOORS = json.loads((RESOURCES / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_score(stage: TextStage) -> CorpusScore:
    def extract(raw: RawArticle) -> ExtractedDocument | None:
        try:
            return stage.extract(raw)
        except ExtractionFailed:
            return None

    return score_corpus(CORPUS, extract)


def test_corpus_has_the_required_shapes() -> None:
    assert len(CORPUS) >= 30
    assert all(page.body and page.shape for page in CORPUS)


@pytest.mark.parametrize("metric", [pytest.param(m, id=m) for m in METRICS])
def test_metric_stays_above_its_floor(corpus_score: CorpusScore, metric: str) -> None:
    value = corpus_score.summary()[metric]
    floor = FLOORS["floors"][metric] - FLOORS["noise_tolerance"]
    failing = [p.name for p in corpus_score.pages if p.body_f1 < 0.9] if metric == "body_f1" else []
    assert value >= floor, (
        f"{metric} fell to {value:.4f} (floor {floor:.4f}); weak pages: {failing}"
    )


def test_body_f1_beats_raw_trafilatura(corpus_score: CorpusScore) -> None:
    baseline = [
        token_f1(trafilatura.extract(page.raw.content, url=page.raw.url) or "", page.body)
        for page in CORPUS
    ]
    assert corpus_score.summary()["body_f1"] > sum(baseline) / len(baseline)


def test_floors_are_valid_shares() -> None:
    assert set(FLOORS["floors"]) == set(METRICS)
    assert all(0 < value <= 1 for value in FLOORS["floors"].values())
    assert 0 <= FLOORS["noise_tolerance"] <= 0.02
