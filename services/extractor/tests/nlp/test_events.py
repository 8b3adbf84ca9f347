"""Each event type from one sentence: type, countries, date against the publication date, place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday

CASES = [
    ("Egypt and Greece held a joint naval exercise in the Red Sea on Monday.",
     ("exercise", ["EG", "GR"], "2023-03-06", "Red Sea", "positive")),
    ("French instructors trained Malian soldiers in Bamako last year.",
     ("training", ["FR", "ML"], "2022", "Bamako", "positive")),
    ("Turkey supplied Bayraktar TB2 drones to Ukraine.",
     ("arms_transfer", ["TR", "UA"], None, None, "positive")),
    ("Germany declined to deliver Taurus missiles to Ukraine.",
     ("arms_transfer", ["DE", "UA"], None, None, "negative")),
    ("Russian missiles struck Kyiv on Sunday.",
     ("attack", ["RU", "UA"], "2023-03-05", None, "positive")),
    ("Qatar's emir hosted the Saudi crown prince in Doha.",
     ("meeting", ["QA", "SA"], None, "Doha", "positive")),
    ("President Emmanuel Macron visited Algeria in August.",
     ("visit", ["DZ"], "2022-08", None, "positive")),
    ("Sudan and Israel agreed to normalize relations in October 2020.",
     ("normalization", ["IL", "SD"], "2020-10", None, "positive")),
    ("Japan and Australia signed a reciprocal access agreement in Tokyo.",
     ("agreement", ["AU", "JP"], None, "Tokyo", "positive")),
    ("Israel did not sign the treaty.",
     ("agreement", ["IL"], None, None, "negative")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expected"), CASES, ids=[c[1][0] + "-" + c[1][4] for c in CASES]
)
def test_sentence_gives_its_event(enricher: Enricher, sentence: str, expected: tuple) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=sentence, published=PUBLISHED)])
    found = [(e.type, e.countries, e.date, e.place, e.polarity) for e in result.events]
    assert found == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said cooperation against cyber-attacks was vital.",
        "The ministry will provide the necessary support to farmers.",
        "Officials discussed the signing ceremony's dress code.",
    ],
)
def test_trigger_word_alone_is_no_event(enricher: Enricher, sentence: str) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=sentence, published=PUBLISHED)])
    assert result.events == []
