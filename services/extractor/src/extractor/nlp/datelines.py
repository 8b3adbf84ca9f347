"""Wire datelines ("KYIV, Nov 21 (Reuters) -"): their city, where they end, and the dates the
model runs on past their dash."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extractor.nlp.countries import clean_name
from extractor.nlp.places import Gazetteer

MAX_DATELINE_TOKENS = 3
MAX_DATELINE_LENGTH = 12
DASHES = {"-", "–", "—", "--"}
# Where the parser may end a sentence inside a dateline: after its city or its agency.
DATELINE_BREAKS = {",", ")"}
# How many more mentions than the next country the story's own country needs.
STORY_LEAD = 2


def city(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """The city of a wire dateline ("KYIV, Nov 21 (Reuters) -"), which the NER skips in capitals."""
    start = body(doc)
    if start is None or not len(start):
        return []
    first = last = start.start
    while last < len(doc) and last - first < MAX_DATELINE_TOKENS and doc[last].is_upper:
        last += 1
    if last == first or last >= len(doc) or doc[last].text != ",":
        return []
    place = gazetteer.resolve(doc[first:last].text.title())
    return [Span(doc, first, last, label="GPE")] if place and place.kind == "city" else []


def country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    """The country of the dateline's city ("ULAANBAATAR, Sept 3 -" → MN), if there is one: the
    story's host."""
    found = city(doc, gazetteer)
    place = gazetteer.resolve(found[0].text.title()) if found else None
    return place.country if place else None


def story_country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    """The country a story is about: its dateline's; else the one the lead's subject names
    ("Argentina signed …", "Yerevan's decision to buy …"); else the one its places and
    nationalities name most often, if it leads by ``STORY_LEAD`` mentions."""
    own = country(doc, gazetteer) or _lead_subject_country(doc, gazetteer)
    if own:
        return own
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if code := _country_of(ent, gazetteer):
            counts[code] = counts.get(code, 0) + 1
    ranked = [*sorted(counts.values(), reverse=True), 0]
    if not counts or ranked[0] - ranked[1] < STORY_LEAD:
        return None
    return max(counts, key=counts.__getitem__)


def _lead_subject_country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    text = body(doc)
    if text is None or not len(text):
        return None
    lead = text[0].sent
    named = {
        code
        for subject in lead.root.children
        if subject.dep_ in ("nsubj", "nsubjpass")
        for ent in doc.ents
        if subject.left_edge.i <= ent.start
        and ent.end <= subject.right_edge.i + 1
        and (code := _country_of(ent, gazetteer))
    }
    # "Israel and Morocco signed …": a story about two, no one home
    return named.pop() if len(named) == 1 else None


def _country_of(ent: Span, gazetteer: Gazetteer) -> str | None:
    place = gazetteer.resolve(ent.text) if ent.label_ in ("GPE", "NORP") else None
    return place.country if place else None


def end(doc: Doc) -> int:
    """Index of the dash that ends a wire dateline opening the body ("MANILA, July 8 -",
    "KYIV, Nov 21 (Reuters) -"), or the body's first token when there is none."""
    start = body(doc)
    if start is None or not len(start) or not start[0].is_upper:
        return 0
    for token in doc[start.start : start.start + MAX_DATELINE_LENGTH]:
        if token.text in DASHES:
            return token.i
        if token.is_sent_end and token.i > start.start and token.text not in DATELINE_BREAKS:
            return 0  # (the parser may end a sentence inside it: "BOGOTA ," "Feb 25 (Wire) -")
    return 0


def place(doc: Doc) -> Span | None:
    """The place mention of a wire dateline ("KYIV, Nov 21 (Reuters) -"), if the story has one."""
    dash = end(doc)
    start = body(doc)
    if not dash or start is None:
        return None  # (and not a place the headline names)
    return next(
        (e for e in doc.ents if start.start <= e.start and e.end <= dash and e.label_ == "GPE"),
        None,
    )


def body(doc: Doc) -> Span | None:
    """The body of the document (the title before ``doc._.body_start`` left out)."""
    return doc.char_span(doc._.body_start or 0, _text_end(doc), alignment_mode="expand")


def _text_end(doc: Doc) -> int:
    """``len(doc.text)`` without building the text from every token."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def split_date(ent: Span, gazetteer: Gazetteer) -> list[Span]:
    """A date the NER ran on past a dateline's dash ("July 8 - Japan and the Philippines ...")
    ends at the dash; a place right after it is a place."""
    dash = next((t.i for t in ent if t.text in DASHES and t.i > ent.start), None)
    if dash is None or dash + 1 >= ent.end:
        return [ent]
    spans = [Span(ent.doc, ent.start, dash, label=ent.label_)]
    rest = ent.doc[dash + 1 : ent.end]
    if gazetteer.resolve(clean_name(rest.text)):
        spans.append(Span(ent.doc, rest.start, rest.end, label="GPE"))
    return spans
