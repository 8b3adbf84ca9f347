"""The seeds through the real text stage, then enrichment: the must entities still come out."""

from __future__ import annotations

import pytest

from extractor.nlp.enrich import Enricher, Enrichment
from extractor.text.extract import TextOptions, TextStage
from newsdesk.events import RawArticle

from .scoring import event_matches, names_of, quote_matches
from .seeds import SEEDS, gold, seed_names


@pytest.fixture(scope="module")
def staged(enricher: Enricher) -> dict[str, Enrichment]:
    """Each seed file read by the text stage (inline) and enriched in one batch."""
    stage = TextStage(TextOptions(isolation="inline"))
    names = seed_names()
    docs = [
        stage.extract(
            RawArticle(
                article_id=name,
                url=(SEEDS / name).as_uri(),
                canonical_url=(SEEDS / name).as_uri(),
                source="seeds",
                content=(SEEDS / name).read_bytes(),
            )
        )
        for name in names
    ]
    return dict(zip(names, enricher.enrich(docs), strict=True))


@pytest.mark.parametrize("seed", seed_names())
def test_must_entities_survive_the_text_stage(staged: dict[str, Enrichment], seed: str) -> None:
    must = gold()["articles"][seed]["must"]
    result = staged[seed]
    assert set(must["persons"]) <= set(result.persons)
    assert set(must["countries"]) <= set(result.countries)
    for names in must.get("same_entity", []):
        assert any(set(names) <= {e.name, *e.aliases} for e in result.entities), names
    assert not set(must.get("not_persons", [])) & names_of(result, "PERSON")


@pytest.mark.parametrize("seed", seed_names())
def test_must_events_and_quotes_survive_the_text_stage(
    staged: dict[str, Enrichment], seed: str
) -> None:
    must = gold()["articles"][seed]["must"]
    result = staged[seed]
    for event in must.get("events", []):
        assert any(event_matches(e, event) for e in result.events), event
    for quote in must.get("quotes", []):
        assert any(quote_matches(q, quote) for q in result.quotes), quote
