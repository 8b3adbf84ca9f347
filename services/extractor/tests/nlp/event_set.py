"""The unseen event set (resources/events/, gold/events.json): documents and event scores."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from extractor.nlp.enrich import Enrichment
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo, Event

from .scoring import Score

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ARTICLES = RESOURCES / "events"
GOLD = RESOURCES / "gold" / "events.json"


@cache
def event_gold() -> dict:
    """The hand annotations of the event set."""
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def event_names() -> list[str]:
    """File names of the annotated articles."""
    return sorted(event_gold())


def event_document(name: str) -> ExtractedDocument:
    """An article as the text stage hands it over: title line, body, published date."""
    title, _, body = (ARTICLES / name).read_text(encoding="utf-8").partition("\n\n")
    published = datetime.fromisoformat(event_gold()[name]["published"]).replace(tzinfo=UTC)
    return ExtractedDocument(
        text=body.strip(),
        title=title.strip(),
        published=DateInfo(value=published, source="text-header"),
        language="en",
    )


def status_of(event: Event) -> str:
    """The event's status; output without the field (before it existed) counts as reported."""
    return str(getattr(event, "status", "reported"))


def matches(event: Event, gold: dict, *, loose: bool = False) -> bool:
    """Same type, the gold parties among the event's countries, and (unless ``loose``) the
    same status and the same date when the gold states one."""
    if event.type != gold["type"] or not set(gold["parties"]) <= set(event.countries):
        return False
    if loose:
        return True
    return status_of(event) == gold["status"] and gold.get("date", event.date) == event.date


@dataclass
class EventScore(Score):
    """Gold events found and output events confirmed, strictly (type, parties, date, status)."""

    loose_found: int = 0
    dated: int = 0
    dated_right: int = 0
    exact: int = 0  # confirmed events whose countries are exactly a matched gold's parties

    @property
    def exact_parties(self) -> float:
        """Of the confirmed events, the share naming no state beyond the gold's parties (a
        match only needs the gold's parties among the event's countries)."""
        return self.exact / self.confirmed if self.confirmed else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score_events(enriched: dict[str, Enrichment]) -> EventScore:
    """Scores of every article's events against its gold."""
    score = EventScore()
    for name, article in event_gold().items():
        events, expected = enriched[name].events, article["events"]
        score.gold += len(expected)
        score.found += sum(any(matches(e, g) for e in events) for g in expected)
        score.loose_found += sum(any(matches(e, g, loose=True) for e in events) for g in expected)
        score.predicted += len(events)
        for event in events:
            hits = [g for g in expected if matches(event, g)]
            score.confirmed += bool(hits)
            score.exact += any(set(g["parties"]) == set(event.countries) for g in hits)
        for item in expected:
            if "date" in item and (hit := [e for e in events if matches(e, item, loose=True)]):
                score.dated += 1
                score.dated_right += any(e.date == item["date"] for e in hit)
    return score


def distractor_events(enriched: dict[str, Enrichment]) -> list[tuple[str, str, Event]]:
    """(article, phrase, event) for every event a distractor phrase tells: its sentence holds
    the phrase and its trigger word is in the phrase (a real event of the same sentence told
    by other words is no distractor's: "they fired missiles at positions in Idlib, in
    retaliation for two suicide bombings that killed nearly 100 people in Kerman")."""
    return [
        (name, phrase, event)
        for name, article in event_gold().items()
        for phrase in article["distractors"]
        for event in enriched[name].events
        if phrase in event.sentence and re.search(rf"\b{re.escape(event.trigger)}\b", phrase)
    ]
