"""Quotations in the shapes news uses, each attributed to its canonical speaker."""

from __future__ import annotations

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument

CASES = [
    (
        'Israeli Defense Minister Benny Gantz arrived in Rabat. Gantz said: "We will continue '
        'to work together with our partners."',
        ("Benny Gantz", "direct", "We will continue"),
    ),
    (
        "“The talks were frank and useful,” said Foreign Minister Sergey Lavrov.",
        ("Sergey Lavrov", "direct", "The talks were frank"),
    ),
    (
        'The accord is "a historic step toward lasting peace in the region," according to '
        "Egypt's foreign ministry.",
        ("Egypt Ministry of Foreign Affairs", "partial", "a historic step"),
    ),
    (
        'Prime Minister Naftali Bennett met the king. He said the visit "opens a new chapter '
        'for both of our nations".',
        ("Naftali Bennett", "partial", "opens a new chapter"),
    ),
    (
        '"We reject any foreign interference in our internal affairs," Iranian Foreign Minister '
        "Hossein Amir-Abdollahian told reporters.",
        ("Hossein Amir-Abdollahian", "direct", "We reject any"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0] for c in CASES])
def test_quote_has_its_speaker(enricher: Enricher, text: str, expected: tuple) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    (quote,) = result.quotes
    speaker, kind, opening = expected
    assert (quote.speaker, quote.kind) == (speaker, kind)
    assert quote.text.startswith(opening)


def test_scare_quotes_are_not_quotations(enricher: Enricher) -> None:
    text = "Gantz signed a “historic” memorandum under the so-called “Abraham Accords,” he said."
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert result.quotes == []


def test_quote_without_its_own_verb_continues_the_previous_speaker(enricher: Enricher) -> None:
    text = (
        "“We have reached new heights today in our relations,” Benny Gantz said. “Only one "
        "year after the accords, we have achieved an important agreement.”"
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert [q.speaker for q in result.quotes] == ["Benny Gantz", "Benny Gantz"]
