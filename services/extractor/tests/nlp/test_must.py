"""The gold file's ``must`` items: each one asserted on the enriched seed articles."""

from __future__ import annotations

import pytest

from extractor.enrich import Enrichment

from .seeds import gold, seed_names


def _must_items(field: str) -> list[tuple[str, object]]:
    return [
        (name, item)
        for name in seed_names()
        for item in gold()["articles"][name]["must"].get(field, [])
    ]


def _names(enrichment: Enrichment) -> set[str]:
    return {name for e in enrichment.entities for name in (e.name, *e.aliases)}


@pytest.mark.parametrize(("seed", "person"), _must_items("persons"), ids=str)
def test_must_person_is_found(enriched: dict[str, Enrichment], seed: str, person: str) -> None:
    assert person in enriched[seed].persons


@pytest.mark.parametrize(("seed", "country"), _must_items("countries"), ids=str)
def test_must_country_is_found(enriched: dict[str, Enrichment], seed: str, country: str) -> None:
    assert country in enriched[seed].countries
