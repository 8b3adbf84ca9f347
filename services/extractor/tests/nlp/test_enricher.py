"""The Enricher's contract: batching, languages, the record fields, operator-edited files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractor.nlp.enrich import NLP_STEPS, Enricher, Enrichment, EnrichOptions
from extractor.nlp.vocabulary import default_path
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo, EnrichedArticle

from .seeds import seed_document

SEED = "000_6cce5774386b01a2.txt"


def test_enrichment_fields_are_those_of_the_enriched_record() -> None:
    assert set(Enrichment.model_fields) <= set(EnrichedArticle.model_fields)


def test_non_english_document_skips_the_nlp_steps(enricher: Enricher) -> None:
    doc = ExtractedDocument(text="Der Minister traf am Montag in Berlin ein. " * 5, language="de")
    (result,) = enricher.enrich([doc])
    assert result.skipped_steps == list(NLP_STEPS)
    assert result.entities == []
    assert result.summary
    assert len(result.minhash_bands) == 16


def test_results_keep_the_input_order(enricher: Enricher) -> None:
    english = seed_document(SEED)
    german = ExtractedDocument(text="Ein kurzer deutscher Text über nichts.", language="de")
    results = enricher.enrich([german, english, german])
    assert [bool(r.entities) for r in results] == [False, True, False]


def test_near_duplicates_share_band_keys_and_other_articles_do_not(enricher: Enricher) -> None:
    original = seed_document(SEED)
    copy = ExtractedDocument(text=original.text.replace("historic", "landmark") + " (AFP)")
    other = seed_document("002_6e8c31e95e5fad60.txt")
    first, second, third = (set(r.minhash_bands) for r in enricher.enrich([original, copy, other]))
    assert len(first & second) >= 8
    assert not first & third


def test_locations_carry_points_for_maps(enriched: dict[str, Enrichment]) -> None:
    locations = {loc.name: loc for loc in enriched[SEED].locations}
    assert locations["Manama"].country == "BH"
    assert locations["Manama"].point is not None
    assert locations["Gulf"].kind == "region"


def test_most_salient_entity_is_the_protagonist(enriched: dict[str, Enrichment]) -> None:
    people = [e for e in enriched[SEED].entities if e.label == "PERSON"]
    assert people[0].name == "Benny Gantz"
    assert people[0].country == "IL"


def test_relative_event_date_uses_the_publication_date(enricher: Enricher) -> None:
    doc = ExtractedDocument(
        text="Israel and Morocco signed a defense agreement in Rabat on Tuesday.",
        published=DateInfo(value=datetime(2022, 2, 3, tzinfo=UTC), source="meta"),
    )
    (result,) = enricher.enrich([doc])
    (event,) = result.events
    assert (event.type, event.date, event.place) == ("agreement", "2022-02-01", "Rabat")
    assert event.countries == ["IL", "MA"]


def test_refusal_makes_an_event_negative(enricher: Enricher) -> None:
    doc = ExtractedDocument(text="Israel refused to sell the UAE its Iron Dome air defence system.")
    (result,) = enricher.enrich([doc])
    assert [(e.type, e.polarity) for e in result.events] == [("arms_transfer", "negative")]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Enricher:
    """An Enricher loaded with a vocabulary and a taxonomy an operator extended."""
    folder: Path = tmp_path_factory.mktemp("operator")
    vocabulary = folder / "vocabulary.jsonl"
    extra = {"label": "ORG", "pattern": "Unit 8200", "kind": "agency", "country": "IL"}
    vocabulary.write_text(default_path("vocabulary.jsonl").read_text() + json.dumps(extra) + "\n")
    taxonomy = folder / "taxonomy.yaml"
    taxonomy.write_text("space:\n  terms: [satellite, satellites, launch vehicle]\n")
    return Enricher.load(
        EnrichOptions(vocabulary_path=str(vocabulary), taxonomy_path=str(taxonomy))
    )


def test_operator_vocabulary_adds_an_agency(edited: Enricher) -> None:
    doc = ExtractedDocument(text="Officers of Unit 8200 briefed the cabinet on Sunday.")
    (result,) = edited.enrich([doc])
    unit = next(e for e in result.entities if e.name == "Unit 8200")
    assert (unit.label, unit.country) == ("ORG", "IL")


def test_operator_taxonomy_defines_the_topics(edited: Enricher) -> None:
    doc = ExtractedDocument(text="The two satellites were put in orbit by a new launch vehicle.")
    (result,) = edited.enrich([doc])
    assert [(t.name, t.terms) for t in result.topics] == [
        ("space", ["launch vehicle", "satellites"])
    ]


def test_overlong_body_is_cut_for_nlp_and_says_so() -> None:
    enricher = Enricher.load(EnrichOptions(max_chars=300))
    text = "\n\n".join(["Israel and Bahrain signed a defense agreement in Manama."] * 20)
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert result.skipped_steps == ["nlp:text_truncated"]
    assert {"BH", "IL"} <= set(result.countries)


def test_keywords_are_specific_phrases_not_names_or_generic_nouns(enricher: Enricher) -> None:
    text = (
        "Israel agreed to sell anti-drone systems to Bahrain. Officials said the anti-drone "
        "systems would protect the country's oil terminals. The oil terminals were attacked."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert result.keywords[:2] == ["drone systems", "oil terminals"]
    assert not {"israel", "bahrain", "officials", "country"} & set(result.keywords)
