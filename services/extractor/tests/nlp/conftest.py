"""Session fixtures of the NLP tests: one loaded Enricher and the enriched seeds."""

from __future__ import annotations

import pytest

from extractor.nlp.enrich import Enricher, Enrichment

from .seeds import seed_document, seed_names


@pytest.fixture(scope="session")
def enricher() -> Enricher:
    """The enrichment pipeline, loaded once for the whole session."""
    return Enricher.load()


@pytest.fixture(scope="session")
def enriched(enricher: Enricher) -> dict[str, Enrichment]:
    """Every seed article enriched in one batch, by file name."""
    names = seed_names()
    results = enricher.enrich([seed_document(name) for name in names])
    return dict(zip(names, results, strict=True))
