"""Operator files: the shipped ones load; a wrong one names the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.vocab import Vocab

from extractor.nlp.events import EventFinder
from extractor.nlp.operator_files import read_event_rules, read_taxonomy, read_vocabulary
from extractor.nlp.topics import TopicMatcher
from extractor.nlp.vocabulary import Vocabulary, default_path
from newsdesk.errors import ConfigError

GOOD_TERM = '{"label": "ORG", "pattern": "Shin Bet", "kind": "agency", "country": "IL"}'


def test_shipped_files_are_valid() -> None:
    assert len(read_vocabulary(default_path("vocabulary.jsonl"))) > 100
    assert "drones" in read_taxonomy(default_path("taxonomy.yaml"))
    rules = read_event_rules(default_path("events.yaml"))
    assert "refuse" in rules.negators
    assert {"normalise", "normalize"} <= set(rules.types["normalization"].strong_verbs)
    assert rules.followers["follow"] == ["suit", "lead", "example"]
    assert rules.types["meeting"].guests
    assert not rules.types["attack"].guests


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [GOOD_TERM, '{"label": "PEOPLE", "pattern": "Benny Gantz"}'],
            ("line 2 (pattern 'Benny Gantz')", "label", "'PERSON'"),
            id="unknown-label",
        ),
        pytest.param(
            ["# comment", "", '{"label": "ORG"}'],
            ("line 3", "pattern", "Field required"),
            id="missing-pattern",
        ),
        pytest.param(
            ['{"label": "ORG", "pattern": ""}'],
            ("line 1", "pattern", "at least 1 character"),
            id="empty-pattern",
        ),
        pytest.param(
            ['{"label": "ORG", "pattern": "Mossad", "country": "il"}'],
            ("line 1 (pattern 'Mossad')", "country", "should match pattern"),
            id="lowercase-country",
        ),
        pytest.param(
            ['{"label": "ORG", "pattern": "Mossad", "contry": "IL"}'],
            ("line 1 (pattern 'Mossad')", "contry", "unknown field"),
            id="misspelt-field",
        ),
        pytest.param(
            [GOOD_TERM, '{"label": "ORG", "pattern": "Mossad",}'],
            ("line 2", "not a JSON object"),
            id="not-json",
        ),
        pytest.param(
            ['["ORG", "Mossad"]'],
            ("line 1", "entry", "valid dictionary"),
            id="json-list",
        ),
    ],
)
def test_a_wrong_vocabulary_line_is_named(
    tmp_path: Path, lines: list[str], expected: tuple[str, ...]
) -> None:
    path = tmp_path / "vocabulary.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Vocabulary.load(path)
    _assert_names(str(caught.value), path, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "drones:\n  min_hits: 2\n", ("topic 'drones'", "terms", "Field required"), id="no-terms"
        ),
        pytest.param(
            "drones:\n  terms: []\n",
            ("topic 'drones'", "terms", "at least 1 item"),
            id="empty-terms",
        ),
        pytest.param(
            "drones:\n  terms: [drone]\n  min_hits: 0\n",
            ("topic 'drones'", "min_hits", "greater than or equal to 1"),
            id="zero-min-hits",
        ),
        pytest.param(
            "drones:\n  terms: [drone, {uav: 1}]\n",
            ("topic 'drones'", "terms[1]", "valid string"),
            id="term-not-text",
        ),
        pytest.param(
            "drones:\n  term: [drone]\n",
            ("topic 'drones'", "term", "unknown field"),
            id="misspelt-field",
        ),
        pytest.param("- drones\n- cyber\n", ("top level", "valid dictionary"), id="a-list"),
        pytest.param("drones: [drone\n", ("not valid YAML",), id="not-yaml"),
    ],
)
def test_a_wrong_topic_is_named(tmp_path: Path, text: str, expected: tuple[str, ...]) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        TopicMatcher.load(path, spacy.blank("en"))
    _assert_names(str(caught.value), path, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "visit:\n  objects: [capital]\n",
            ("event type 'visit'", "entry", "needs `verbs:` or `nouns:`"),
            id="no-trigger",
        ),
        pytest.param(
            "visit:\n  verb: [visit]\n",
            ("event type 'visit'", "verb", "unknown field"),
            id="misspelt-field",
        ),
        pytest.param(
            "normalization:\n  verbs: [restore]\n  strong_verbs: [normalise]\n",
            ("event type 'normalization'", "strong_verbs ['normalise'] are not in `verbs:`"),
            id="strong-verb-not-a-verb",
        ),
        pytest.param(
            "attack:\n  verbs: [strike]\n  targets:\n    fire: [at]\n",
            (
                "event type 'attack'",
                "senses, targets, agents or particles ['fire'] are not in `verbs:`",
            ),
            id="target-verb-not-a-verb",
        ),
        pytest.param(
            "attack:\n  verbs: [strike]\n  agents:\n    hit: [missile]\n",
            (
                "event type 'attack'",
                "senses, targets, agents or particles ['hit'] are not in `verbs:`",
            ),
            id="agent-verb-not-a-verb",
        ),
        pytest.param(
            "meeting:\n  verbs: [meet]\n  particles:\n    sit: [down]\n",
            (
                "event type 'meeting'",
                "senses, targets, agents or particles ['sit'] are not in `verbs:`",
            ),
            id="particle-verb-not-a-verb",
        ),
        pytest.param(
            "exercise:\n  nouns: [drill]\n  leaves:\n    manoeuvre: [near]\n",
            ("event type 'exercise'", "leaves ['manoeuvre'] are not in `verbs:` or `nouns:`"),
            id="left-by-no-trigger",
        ),
        pytest.param(
            "arms_transfer:\n  verbs: [sell]\n  arrivals: [arrive]\n  subtree: [tank]\n",
            ("event type 'arms_transfer'", "arrivals ['arrive'] are not in `verbs:`"),
            id="arrival-not-a-verb",
        ),
        pytest.param(
            "attack:\n  verbs: [strike]\n  words_of_a_person: [attack]\n",
            ("event type 'attack'", "words_of_a_person ['attack'] are not in `verbs:`"),
            id="words-of-a-person-not-a-verb",
        ),
        pytest.param(
            "arms_transfer:\n  verbs: [arrive]\n  arrivals: [arrive]\n",
            ("event type 'arms_transfer'", "arrivals need `subtree:`"),
            id="arrival-of-nothing-named",
        ),
        pytest.param(
            "arms_transfer:\n  verbs: [sell]\n  papers: [invoice]\n",
            ("event type 'arms_transfer'", "papers ['invoice'] are no type's objects"),
            id="a-paper-no-verb-signs",
        ),
        pytest.param(
            "meeting:\n  verbs: [meet]\n  held_with: [visti]\n",
            ("event type 'meeting'", "held_with ['visti'] are no event types"),
            id="held-with-an-unknown-type",
        ),
        pytest.param(
            "agreement:\n  verbs: sign\n",
            ("event type 'agreement'", "verbs", "valid list"),
            id="verbs-not-a-list",
        ),
        pytest.param(
            "Arms Transfer:\n  verbs: [sell]\n",
            ("event type 'Arms Transfer'", "name", "should match pattern"),
            id="type-name",
        ),
        pytest.param(
            "visit:\n  verbs: [visit]\nnegators: refuse\n",
            ("top level", "negators", "valid list"),
            id="negators-not-a-list",
        ),
        pytest.param("[visit]\n", ("top level", "must map event types"), id="a-list"),
        pytest.param(
            "visit:\n  verbs: [visit]\nexclude_patterns: ['by (four runs']\n",
            ("top level", "exclude_patterns", "not a regular expression"),
            id="pattern-not-a-regex",
        ),
    ],
)
def test_a_wrong_event_type_is_named(tmp_path: Path, text: str, expected: tuple[str, ...]) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        EventFinder.load(path, Vocab())
    _assert_names(str(caught.value), path, expected)


def test_numbers_are_words_and_yaml_booleans_need_quotes(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text("votes:\n  terms: [1990, '1991', 'no']\n", encoding="utf-8")
    assert read_taxonomy(path)["votes"].terms == ["1990", "1991", "no"]
    path.write_text("votes:\n  terms: [yes, no]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"topic 'votes': terms\[0\]: Input should be a valid"):
        read_taxonomy(path)


def _assert_names(message: str, path: Path, expected: tuple[str, ...]) -> None:
    assert message.startswith(f"{path}: "), message
    for part in expected:
        assert part in message, message
