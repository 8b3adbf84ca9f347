"""The seed articles meet the ``must`` text and metadata fields of the gold annotations."""

from __future__ import annotations

import json

import pytest

from extractor.text.extract import TextStage
from extractor.text.plain import parse_plain_text

from .conftest import RESOURCES, SEEDS, raw_article

GOLD = json.loads((RESOURCES / "gold" / "seeds.json").read_text(encoding="utf-8"))["articles"]
SEED_NAMES = sorted(GOLD)


def _extract(stage: TextStage, name: str):
    path = SEEDS / name
    return stage.extract(
        raw_article(path.read_bytes(), content_type="text/plain", url=path.resolve().as_uri())
    )


@pytest.mark.parametrize("name", [pytest.param(n, id=n[:3]) for n in SEED_NAMES])
def test_seed_published_date_matches_gold(stage: TextStage, name: str) -> None:
    document = _extract(stage, name)
    expected = GOLD[name]["must"]["published"]
    actual = document.published.value.date().isoformat() if document.published.value else None
    assert actual == expected
    assert (document.published.source == "none") == (expected is None)


@pytest.mark.parametrize("name", [pytest.param(n, id=n[:3]) for n in SEED_NAMES])
def test_seed_text_has_no_header_or_noise(stage: TextStage, name: str) -> None:
    document = _extract(stage, name)
    for fragment in GOLD[name]["must"].get("text_must_not_contain", []):
        assert fragment not in document.text


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, id=n[:3]) for n in SEED_NAMES if "title" in GOLD[n]["must"]],
)
def test_seed_title_matches_gold_and_is_not_repeated(stage: TextStage, name: str) -> None:
    must = GOLD[name]["must"]
    document = _extract(stage, name)
    assert document.title == must["title"]
    assert document.text.count(must["title"]) <= must.get("title_occurs_in_text_at_most", 0)


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, id=n[:3]) for n in SEED_NAMES if "source" in GOLD[n]["must"]],
)
def test_seed_outlet_byline_becomes_source_not_author(stage: TextStage, name: str) -> None:
    document = _extract(stage, name)
    assert document.source_name == GOLD[name]["must"]["source"]
    assert document.source_name not in document.authors


def test_seed_without_title_line_has_no_title(stage: TextStage) -> None:
    document = _extract(stage, "000_6cce5774386b01a2.txt")
    assert document.title is None
    assert document.text.startswith("Israel’s defense minister Benny Gantz")


def test_seed_standfirst_becomes_description_and_leaves_body() -> None:
    parsed = parse_plain_text((SEEDS / "001_b938eb37ed4c5be8.txt").read_text(encoding="utf-8"))
    assert parsed.description is not None
    assert parsed.description.startswith("Israel is training Bahraini intelligence officers")
    assert parsed.description not in parsed.body
    assert parsed.body.startswith("Israel's Mossad and Shin Bet")


@pytest.mark.parametrize("name", [pytest.param(n, id=n[:3]) for n in SEED_NAMES])
def test_seed_language_is_english_with_confidence(stage: TextStage, name: str) -> None:
    document = _extract(stage, name)
    assert document.language == "en"
    assert document.language_confidence is not None
    assert document.language_confidence > 0.9
