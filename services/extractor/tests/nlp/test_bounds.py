"""What NLP reads of a document is bounded, says when it was cut, and costs linear time."""

from __future__ import annotations

import random
import time

from extractor.nlp.enrich import MAX_HEAD_CHARS, TRUNCATED, Enricher, nlp_input
from extractor.text.document import ExtractedDocument
from newsdesk.events import MAX_EVENTS

SYLLABLES = "ka ro mi tan del va si lor ben ta ri no mas fel dor quin zu pe lan gor".split()  # noqa: SIM905
# Parties of events are states: distinct pairs of these keep the events from merging.
COUNTRIES = "France Germany Italy Spain Portugal Poland Sweden Norway Finland Denmark Greece Turkey Egypt Morocco Nigeria Kenya Ghana Brazil Argentina Chile Peru Colombia Mexico Canada Japan India Pakistan Indonesia Vietnam Thailand Malaysia Australia Iran Iraq Jordan Qatar Kuwait Oman Bahrain Israel Ukraine Romania Hungary Austria Belgium Ireland".split()  # noqa: E501, SIM905  # one readable line of names


def name_heavy_text(chars: int, seed: int = 0) -> str:
    """Paragraphs of distinct names, events and quotes: the worst case of the custom steps."""
    rng = random.Random(seed)  # noqa: S311  # varied test data, not secrets

    def name() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(3)).title()

    paragraphs, size = [], 0
    while size < chars:
        a, b, place = f"{name()} {name()}", f"{name()} {name()}", name()
        seller, buyer = rng.sample(COUNTRIES, 2)
        paragraphs.append(
            f"{a}, the minister of {place}, met {b} on Tuesday. {seller} agreed to sell drones "
            f'to {buyer}. "We will sign the agreement soon," {a} said. {b.split()[1]} visited '
            f"{place}."
        )
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:chars]


def test_a_long_body_is_cut_at_a_paragraph_break_within_the_bound() -> None:
    text = "\n\n".join(["Israel and Bahrain signed a defense agreement in Manama."] * 400)
    cut = nlp_input(ExtractedDocument(text=text, title="Accord"), 5_000)
    assert cut.truncated
    assert len(cut.text) <= 5_000
    assert cut.text.endswith("Manama.")
    assert cut.text[: cut.body_start] == "Accord.\n\n"  # closed for the parser


def test_an_oversized_title_or_standfirst_is_cut_too_and_says_so() -> None:
    for fields in ({"title": "Headline " * 500}, {"description": "Standfirst words " * 500}):
        document = ExtractedDocument(text="A short body about Bahrain.", **fields)  # type: ignore[arg-type]
        cut = nlp_input(document, 100_000)
        assert cut.truncated, fields
        assert cut.body_start <= MAX_HEAD_CHARS + 2
        assert cut.text.endswith("A short body about Bahrain.")


def test_a_document_within_the_bound_is_read_whole() -> None:
    document = ExtractedDocument(text="Body " * 100, title="Title", description="Other words")
    cut = nlp_input(document, 10_000)
    assert not cut.truncated
    assert cut.text == "Title.\n\nOther words.\n\n" + document.text


def test_a_headline_is_closed_so_the_lead_stays_one_sentence(enricher: Enricher) -> None:
    document = ExtractedDocument(
        title="Israel and Turkey restore full diplomatic relations after four-year freeze",
        text="Israel and Turkey agreed on Wednesday to restore full diplomatic relations and send"
        " ambassadors back to each other's capitals.",
    )
    (result,) = enricher.enrich([document])
    assert [(e.type, sorted(e.countries)) for e in result.events] == [
        ("normalization", ["IL", "TR"])
    ]


def test_a_wire_dateline_is_a_sentence_and_leaves_the_lead_its_subject(
    enricher: Enricher,
) -> None:
    document = ExtractedDocument(
        title="Leaders clinch a ceasefire in Minsk",
        text="MINSK, Feb. 12 (Wire) - Russia, Ukraine, Germany and France agreed on Thursday on a"
        " plan to halt the war in eastern Ukraine, after 16 hours of talks. Fighting went on.",
    )
    doc = enricher.nlp(enricher.make_doc(document))
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[1:3] == [
        "MINSK, Feb. 12 (Wire) -",
        "Russia, Ukraine, Germany and France agreed on Thursday on a plan to halt the war in"
        " eastern Ukraine, after 16 hours of talks.",
    ]
    lead = list(doc.sents)[2]
    assert [c.text for c in lead.root.children if c.dep_ == "nsubj"] == ["Russia"]


def test_the_record_says_when_the_title_was_cut(enricher: Enricher) -> None:
    document = ExtractedDocument(text="Israel and Bahrain signed an agreement.", title="T " * 900)
    (result,) = enricher.enrich([document])
    assert TRUNCATED in result.skipped_steps


def test_nlp_time_grows_linearly_with_the_text(enricher: Enricher) -> None:
    """Eight times the text costs about eight times the CPU, not sixty-four (four times cost 9x
    before the events, quotes and name merging stopped comparing every pair). The bound leaves
    room for the model's own slightly superlinear parse and a noisy machine."""
    short, long = (ExtractedDocument(text=name_heavy_text(n)) for n in (8_000, 64_000))
    # Warm up on other names: the name caches would favour the short text otherwise.
    enricher.enrich([ExtractedDocument(text=name_heavy_text(8_000, seed=99))])
    costs = []
    for document in (short, long):
        started = time.process_time()
        (result,) = enricher.enrich([document])
        costs.append(time.process_time() - started)
    assert costs[1] / costs[0] < 14.0, costs
    # More events than a record holds: the lists are cut and say so, the document is not lost.
    assert "record:lists_capped" in result.skipped_steps
    assert len(result.events) == MAX_EVENTS
