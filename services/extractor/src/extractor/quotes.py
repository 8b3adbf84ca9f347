"""Quotations and their speakers, resolved to the article's canonical entities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

SPEECH_VERBS = [
    "say", "tell", "add", "claim", "state", "note", "emphasize", "emphasise", "stress", "warn",
    "announce", "declare", "write", "insist", "explain", "argue", "comment", "affirm", "assert",
]  # fmt: skip
# A quotation never spans paragraphs: an unbalanced mark must not pair with the next one.
_QUOTE = re.compile(r"“(?P<curly>[^”\n]+)”|\"(?P<straight>[^\"\n]+)\"")
MIN_QUOTE_WORDS = 4
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True)
class FoundQuote:
    """A quotation with its speaker's canonical name (None when unknown) and label."""

    text: str
    speaker: str | None
    speaker_label: str | None
    kind: str
    start_char: int


class QuoteFinder:
    """Finds quotations and attributes them through speech verbs and their subjects."""

    def __init__(self, vocab: Vocab):
        self.matcher = Matcher(vocab)
        self.matcher.add("SPEECH", [[{"LEMMA": {"IN": SPEECH_VERBS}, "POS": "VERB"}]])
        self.matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])

    def find(self, doc: Doc) -> list[FoundQuote]:
        """Every quotation of the body with at least four words, in order."""
        if "“" not in doc.text and '"' not in doc.text:
            return []
        cues = [(doc.vocab.strings[m], doc[s:e]) for m, s, e in self.matcher(doc)]
        body_start = doc._.body_start or 0
        found: list[FoundQuote] = []
        for match in _QUOTE.finditer(doc.text):
            text = (match["curly"] or match["straight"]).strip(" ,.;:")
            quote = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if match.start() < body_start or quote is None or len(text.split()) < MIN_QUOTE_WORDS:
                continue
            speaker, label = self._speaker(doc, quote, cues, found)
            found.append(FoundQuote(text, speaker, label, _kind(quote), match.start()))
        return found

    def _speaker(
        self,
        doc: Doc,
        quote: Span,
        cues: list[tuple[str, Span]],
        earlier: list[FoundQuote],
    ) -> tuple[str | None, str | None]:
        region = _region(quote)
        for kind, cue in sorted(cues, key=lambda c: abs(c[1].start - quote.end)):
            if not (region.start <= cue.start < region.end) or quote.start <= cue.start < quote.end:
                continue
            who = cue[-1] if kind == "ACCORDING" else cue.root
            speaker = _named_speaker(doc, who, kind, earlier, quote)
            if speaker is not None:
                return speaker
        # A quote with no speech verb of its own continues the previous quote of the paragraph.
        previous = earlier[-1] if earlier else None
        if previous and "\n" not in doc.text[previous.start_char : quote.start_char]:
            return previous.speaker, previous.speaker_label
        return None, None


def _region(quote: Span) -> Span:
    """The sentences around a quote, where its speech verb can be."""
    doc = quote.doc
    start = quote[0].sent.start
    end = quote[-1].sent.end
    # "…,” Gantz said." may be split off as a sentence of its own, but never across paragraphs.
    if end < len(doc) and end - quote.end <= 2 and "\n" not in doc[quote.end - 1 : end + 1].text:
        end = doc[end].sent.end
    return doc[start:end]


def _named_speaker(
    doc: Doc, verb: Token, kind: str, earlier: list[FoundQuote], quote: Span
) -> tuple[str | None, str | None] | None:
    if kind == "ACCORDING":
        subjects = [verb] + [child for child in verb.children if child.dep_ == "pobj"]
    else:
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        if subject.lower_ in PRONOUNS:
            return _previous_person(doc, quote, earlier)
        entity = _entity_in(doc, subject)
        if entity is not None:
            holder = (doc._.office_holders or {}).get(entity.start)
            if holder:
                return holder, "PERSON"
            return entity.kb_id_ or entity.text, entity.label_
    return None


def _entity_in(doc: Doc, subject: Token) -> Span | None:
    """The head entity of a subject phrase: the one containing its root, else the first."""
    spans = [e for e in doc.ents if subject.left_edge.i <= e.start <= subject.right_edge.i]
    spans = [e for e in spans if e.label_ in SPEAKER_LABELS]
    for ent in spans:
        if ent.start <= subject.i < ent.end:
            return ent
    return spans[-1] if spans else None


def _previous_person(
    doc: Doc, quote: Span, earlier: list[FoundQuote]
) -> tuple[str | None, str | None]:
    persons = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= quote.start]
    if persons:
        return persons[-1].kb_id_ or persons[-1].text, "PERSON"
    if earlier:
        return earlier[-1].speaker, earlier[-1].speaker_label
    return None, None


def _kind(quote: Span) -> str:
    """Direct when the quotation opens its sentence or follows a colon, else partial."""
    doc = quote.doc
    before = [t for t in doc[quote[0].sent.start : quote.start] if not t.is_space]
    opening = all(t.is_punct for t in before) or before[-1].text == ":"
    return "direct" if opening else "partial"
