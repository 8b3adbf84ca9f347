"""Who takes part: a group the story counts instead of naming (nlp/counts.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday


def _events(enricher: Enricher, text: str) -> list[tuple[str, list[str]]]:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    return [(event.type, sorted(event.countries)) for event in result.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Soldiers from the United States and five East African countries began ten days of"
            " joint exercises in northern Uganda on Friday. About 550 American personnel and"
            " some 130 troops each from Uganda, Kenya, Tanzania, Rwanda and Burundi lined up for"
            " an opening parade.",
            ("exercise", ["BI", "KE", "RW", "TZ", "UG", "US"]),
            id="a-state-and-five-countries-the-next-sentence-lists",
        ),
        pytest.param(
            "AGADIR, Morocco, March 7 - More than 7,000 troops from nine countries began the"
            " U.S. military's largest annual exercise in Africa on Monday, with Moroccan and"
            " American forces at its core. It stretches from the Kenitra air base in Morocco"
            " to Tunisia and Senegal. Alongside the United States and the three hosts, units"
            " from Britain, Brazil, Canada, Italy and the Netherlands are taking part.",
            ("exercise", ["BR", "CA", "GB", "IT", "MA", "NL", "SN", "TN", "US"]),
            id="nine-countries-two-sentences-list",
        ),
        pytest.param(
            "President George W. Bush, flanked by the prime ministers of Britain and Spain, spoke"
            " on Sunday. The three leaders met at Lajes, an air base on the Portuguese island of"
            " Terceira, at a summit hosted by Portugal's prime minister.",
            ("meeting", ["ES", "GB", "PT", "US"]),
            id="the-three-leaders-the-sentence-before-named",
        ),
        pytest.param(
            "Belgium, the Netherlands, Denmark and Norway chose the F-16 on Saturday. Washington"
            " welcomed the choice. The four governments are expected to sign a memorandum of"
            " understanding with the United States within weeks. West Germany, Britain and"
            " Italy are building the Tornado.",
            ("agreement", ["BE", "DK", "NL", "NO", "US"]),
            id="the-four-governments-named-before-not-three-named-after",
        ),
    ],
)
def test_a_counted_group_takes_the_states_a_near_sentence_lists(
    enricher: Enricher, text: str, expected: tuple
) -> None:
    assert expected in _events(enricher, text)


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        pytest.param(
            "Soldiers from the United States and five East African countries began ten days of"
            " joint exercises in northern Uganda on Friday. Officials from Kenya and Tanzania"
            " watched.",
            "KE",
            id="a-list-of-another-size-is-another-group",
        ),
        pytest.param(
            "Mali, Burkina Faso and Niger signed a charter on Saturday. It is named after the"
            " border region where the three countries meet.",
            "meeting",
            id="where-three-countries-meet-is-no-meeting",
        ),
    ],
)
def test_a_count_that_matches_no_list_adds_no_one(
    enricher: Enricher, text: str, unexpected: str
) -> None:
    found = _events(enricher, text)
    assert all(unexpected != kind and unexpected not in states for kind, states in found), found
