"""The gold file's ``should`` items, scored: recall and precision may not fall below the floors.

Floors live in ``floors.json`` and only go up: after an improvement, run the suite with
``NEWSDESK_RAISE_FLOORS=1`` and commit the file (each floor becomes max(old, new)).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor.nlp.enrich import Enrichment

from .scoring import Score, event_matches, names_of, quote_matches, score_sets
from .seeds import gold, seed_names

FLOORS = Path(__file__).with_name("floors.json")
# Scores are deterministic on one machine; the tolerance absorbs model/BLAS noise elsewhere.
TOLERANCE = 0.02
ENTITY_FIELDS = {
    "persons": ("persons", "persons"),
    "organizations": ("organizations", "organizations"),
    "places": ("places", "places"),
    "countries": ("countries", "countries"),
}


def _gold_items(article: dict, field: str) -> list:
    return [*article["must"].get(field, []), *article["should"].get(field, [])]


def _entity_scores(enriched: dict[str, Enrichment]) -> dict[str, Score]:
    scores = {field: Score() for field in ENTITY_FIELDS}
    scores["entities"] = Score()
    for name in seed_names():
        article, result = gold()["articles"][name], enriched[name]
        names = names_of(result) | set(result.countries)
        for field in ENTITY_FIELDS:
            expected = set(_gold_items(article, field))
            predicted = set(getattr(result, field))
            score_sets(scores[field], expected, predicted, names)
            score_sets(scores["entities"], expected, predicted, names)
        special = set(
            article["should"].get("agreements", []) + article["should"].get("products", [])
        )
        score_sets(scores["entities"], special, set(), names)
    return scores


def _event_score(enriched: dict[str, Enrichment]) -> Score:
    score = Score()
    for name in seed_names():
        expected, events = _gold_items(gold()["articles"][name], "events"), enriched[name].events
        score.gold += len(expected)
        score.found += sum(any(event_matches(e, g) for e in events) for g in expected)
        score.predicted += len(events)
        score.confirmed += sum(
            any(event_matches(e, g, strict=False) for g in expected) for e in events
        )
    return score


def _quote_score(enriched: dict[str, Enrichment]) -> Score:
    score = Score()
    for name in seed_names():
        expected, quotes = _gold_items(gold()["articles"][name], "quotes"), enriched[name].quotes
        if not expected:
            continue  # an article without gold quotes cannot confirm or refute any
        score.gold += len(expected)
        score.found += sum(any(quote_matches(q, g) for q in quotes) for g in expected)
        score.predicted += len(quotes)
        score.confirmed += sum(any(quote_matches(q, g) for g in expected) for q in quotes)
    return score


def _subject_score(enriched: dict[str, Enrichment]) -> Score:
    score = Score()
    for name in seed_names():
        expected = set(gold()["articles"][name]["should"].get("agreement_subjects", []))
        if not expected:
            continue
        agreements = [e for e in enriched[name].events if e.type == "agreement"]
        predicted = {subject for event in agreements for subject in event.subjects}
        score_sets(score, expected, predicted, predicted)
    return score


def _topic_score(enriched: dict[str, Enrichment]) -> Score:
    score = Score()
    for name in seed_names():
        expected = set(gold()["articles"][name]["should"].get("topics", []))
        predicted = {topic.name for topic in enriched[name].topics}
        score_sets(score, expected, predicted, predicted)
    return score


def measure(enriched: dict[str, Enrichment]) -> dict[str, float]:
    """Every pinned figure: ``<kind>.recall`` and ``<kind>.precision``."""
    scores = {
        **_entity_scores(enriched),
        "events": _event_score(enriched),
        "quotes": _quote_score(enriched),
        "topics": _topic_score(enriched),
        "agreement_subjects": _subject_score(enriched),
    }
    figures = {}
    for kind, score in scores.items():
        figures[f"{kind}.recall"] = round(score.recall, 3)
        figures[f"{kind}.precision"] = round(score.precision, 3)
    return figures


@pytest.fixture(scope="module")
def figures(enriched: dict[str, Enrichment]) -> dict[str, float]:
    """The measured figures; raises the committed floors when asked to."""
    measured = measure(enriched)
    if os.environ.get("NEWSDESK_RAISE_FLOORS") == "1":
        floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
        raised = {key: max(value, floors.get(key, 0.0)) for key, value in measured.items()}
        FLOORS.write_text(json.dumps(raised, indent=2, sort_keys=True) + "\n")
    return measured


def _floors() -> list:
    floors = json.loads(FLOORS.read_text())
    return [pytest.param(key, value, id=key) for key, value in sorted(floors.items())]


@pytest.mark.parametrize(("figure", "floor"), _floors())
def test_score_stays_above_its_floor(figures: dict[str, float], figure: str, floor: float) -> None:
    assert figures[figure] >= floor - TOLERANCE, (
        f"{figure} fell to {figures[figure]} (floor {floor})"
    )


def test_every_figure_has_a_floor(figures: dict[str, float]) -> None:
    assert set(figures) == set(json.loads(FLOORS.read_text()))
