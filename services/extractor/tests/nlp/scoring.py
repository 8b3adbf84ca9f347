"""Matching enrichment output against gold annotations, and recall/precision scores."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.nlp.enrich import Enrichment
from newsdesk.events import Event, Quote


def names_of(enrichment: Enrichment, label: str | None = None) -> set[str]:
    """Canonical names and aliases of the entities (of one label, if given)."""
    return {
        name
        for entity in enrichment.entities
        if label is None or entity.label == label
        for name in (entity.name, *entity.aliases)
    }


def event_matches(event: Event, gold: dict, *, strict: bool = True) -> bool:
    """Same type and the gold parties among the event's countries; strict adds date, place,
    polarity when the gold states them."""
    if event.type != gold["type"] or not set(gold.get("parties", [])) <= set(event.countries):
        return False
    if not strict:
        return True
    return all(
        gold[key] == getattr(event, key) for key in ("date", "place", "polarity") if key in gold
    )


def quote_matches(quote: Quote, gold: dict) -> bool:
    """Same speaker, and the quotation starts with the gold opening."""
    return quote.speaker == gold["speaker"] and quote.text.startswith(gold["starts_with"])


@dataclass
class Score:
    """Counts for recall (gold found) and precision (output confirmed by the gold)."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    confirmed: int = 0

    @property
    def recall(self) -> float:
        """Share of gold items found; 1.0 when there is no gold."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Share of output items the gold confirms; 1.0 when there is no output."""
        return self.confirmed / self.predicted if self.predicted else 1.0


def score_sets(score: Score, gold: set[str], predicted: set[str], names: set[str]) -> None:
    """Add one article's set comparison; ``names`` are all predicted names with aliases."""
    score.gold += len(gold)
    score.found += len(gold & names)
    score.predicted += len(predicted)
    score.confirmed += len(predicted & gold)
