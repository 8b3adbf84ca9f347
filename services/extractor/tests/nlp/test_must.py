"""The gold file's ``must`` items: each one asserted on the enriched seed articles."""

from __future__ import annotations

import pytest

from extractor.nlp.enrich import Enrichment

from .scoring import event_matches, names_of, quote_matches
from .seeds import gold, seed_names


def _must(field: str) -> list:
    return [
        pytest.param(name, item, id=f"{name[:3]}-{_label(item)}")
        for name in seed_names()
        for item in gold()["articles"][name]["must"].get(field, [])
    ]


def _label(item: object) -> str:
    if isinstance(item, dict):
        return (
            "-".join(str(v)[:24] for v in item.values() if not isinstance(v, list))
            + "-"
            + ("+".join(item.get("parties", [])))
        )
    if isinstance(item, list):
        return "=".join(item)
    return str(item)


@pytest.mark.parametrize(("seed", "person"), _must("persons"))
def test_must_person_is_found(enriched: dict[str, Enrichment], seed: str, person: str) -> None:
    assert person in enriched[seed].persons


@pytest.mark.parametrize(("seed", "organization"), _must("organizations"))
def test_must_organization_is_found(
    enriched: dict[str, Enrichment], seed: str, organization: str
) -> None:
    assert organization in enriched[seed].organizations


@pytest.mark.parametrize(("seed", "country"), _must("countries"))
def test_must_country_is_found(enriched: dict[str, Enrichment], seed: str, country: str) -> None:
    assert country in enriched[seed].countries


@pytest.mark.parametrize(("seed", "name"), _must("not_persons"))
def test_must_not_be_a_person(enriched: dict[str, Enrichment], seed: str, name: str) -> None:
    assert name not in names_of(enriched[seed], "PERSON")


@pytest.mark.parametrize(("seed", "names"), _must("same_entity"))
def test_must_be_one_entity(enriched: dict[str, Enrichment], seed: str, names: list[str]) -> None:
    holders = [e.name for e in enriched[seed].entities if set(names) <= {e.name, *e.aliases}]
    assert len(holders) == 1, f"{names} are not merged into one entity"


@pytest.mark.parametrize(("seed", "event"), _must("events"))
def test_must_event_is_found(enriched: dict[str, Enrichment], seed: str, event: dict) -> None:
    found = [e for e in enriched[seed].events if event_matches(e, event)]
    summary = [(e.type, e.countries, e.date, e.place) for e in enriched[seed].events]
    assert found, f"no {event} among {summary}"


@pytest.mark.parametrize(("seed", "quote"), _must("quotes"))
def test_must_quote_is_attributed(enriched: dict[str, Enrichment], seed: str, quote: dict) -> None:
    found = [q for q in enriched[seed].quotes if quote_matches(q, quote)]
    assert found, f"no {quote} among {[(q.speaker, q.text[:30]) for q in enriched[seed].quotes]}"
