"""Quotations and their speakers, resolved to the article's canonical entities."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import VERB
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
        strings = vocab.strings
        self.speech = np.array([strings.add(verb) for verb in SPEECH_VERBS], dtype=np.uint64)
        self.according = (strings.add("according"), strings.add("to"))

    def find(self, doc: Doc) -> list[FoundQuote]:
        """Every quotation of the body with at least four words, in order."""
        text = doc.text  # built from the tokens on every access: read once
        if "“" not in text and '"' not in text:
            return []
        attribution = _Attribution(doc, text, self._cues(doc))
        body_start = doc._.body_start or 0
        for match in _QUOTE.finditer(text):
            text = (match["curly"] or match["straight"]).strip(" ,.;:")
            quote = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if match.start() < body_start or quote is None or len(text.split()) < MIN_QUOTE_WORDS:
                continue
            speaker, label = attribution.speaker(quote)
            attribution.found.append(FoundQuote(text, speaker, label, _kind(quote), match.start()))
        return attribution.found

    def _cues(self, doc: Doc) -> list[tuple[str, Span]]:
        """Speech verbs and "according to", found with numpy over the lemma and word columns."""
        columns = doc.to_array([LEMMA, POS, LOWER])
        speech = np.flatnonzero(np.isin(columns[:, 0], self.speech) & (columns[:, 1] == VERB))
        lower = columns[:, 2]
        according = np.flatnonzero(
            (lower[:-1] == self.according[0]) & (lower[1:] == self.according[1])
        )
        cues = [("SPEECH", doc[i : i + 1]) for i in speech.tolist()]
        cues += [("ACCORDING", doc[i : i + 2]) for i in according.tolist()]
        return cues


@dataclass
class _Attribution:
    """One document's speech cues, entities and the quotes attributed so far.

    Cues and entities are sorted by position once, and each quote looks up the ones of its
    own region with a binary search: scanning them all for every quote was quadratic.
    """

    doc: Doc
    text: str
    cues: list[tuple[str, Span]]
    found: list[FoundQuote] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ents = tuple(self.doc.ents)  # built anew on every access: read once
        self.starts = [ent.start for ent in self.ents]
        self.persons = [ent for ent in self.ents if ent.label_ == "PERSON"]
        self.person_ends = [ent.end for ent in self.persons]
        # (start, rank in the cue list, kind, cue): ties in distance keep the cue list's order.
        self.by_start = sorted(
            (cue.start, rank, kind, cue) for rank, (kind, cue) in enumerate(self.cues)
        )
        self.cue_starts = [start for start, *_ in self.by_start]
        self.holders: dict[int, str] = self.doc._.office_holders or {}

    def speaker(self, quote: Span) -> tuple[str | None, str | None]:
        """The nearest speech cue of the quote's sentences names the speaker; a quote with no
        cue of its own continues the previous quote of its paragraph."""
        region = _region(quote)
        near = self.by_start[
            bisect_left(self.cue_starts, region.start) : bisect_left(self.cue_starts, region.end)
        ]
        for _, _, kind, cue in sorted(near, key=lambda c: (abs(c[0] - quote.end), c[1])):
            if quote.start <= cue.start < quote.end:
                continue
            speaker = self._named(cue[-1] if kind == "ACCORDING" else cue.root, kind, quote)
            if speaker is not None:
                return speaker
        previous = self.found[-1] if self.found else None
        if previous and "\n" not in self.text[previous.start_char : quote.start_char]:
            return previous.speaker, previous.speaker_label
        return None, None

    def _named(self, cue: Token, kind: str, quote: Span) -> tuple[str | None, str | None] | None:
        if kind == "ACCORDING":
            subjects = [cue] + [child for child in cue.children if child.dep_ == "pobj"]
        else:
            subjects = [child for child in cue.children if child.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            if subject.lower_ in PRONOUNS:
                return self._previous_person(quote)
            entity = self._entity_in(subject)
            if entity is not None:
                holder = self.holders.get(entity.start)
                if holder:
                    return holder, "PERSON"
                return entity.kb_id_ or entity.text, entity.label_
        return None

    def _entity_in(self, subject: Token) -> Span | None:
        """The head entity of a subject phrase: the one containing its root, else the last."""
        first = bisect_left(self.starts, subject.left_edge.i)
        last = bisect_right(self.starts, subject.right_edge.i)
        spans = [e for e in self.ents[first:last] if e.label_ in SPEAKER_LABELS]
        for ent in spans:
            if ent.start <= subject.i < ent.end:
                return ent
        return spans[-1] if spans else None

    def _previous_person(self, quote: Span) -> tuple[str | None, str | None]:
        before = bisect_right(self.person_ends, quote.start)
        if before:
            person = self.persons[before - 1]
            return person.kb_id_ or person.text, "PERSON"
        if self.found:
            return self.found[-1].speaker, self.found[-1].speaker_label
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


def _kind(quote: Span) -> str:
    """Direct when the quotation opens its sentence or follows a colon, else partial."""
    doc = quote.doc
    before = [t for t in doc[quote[0].sent.start : quote.start] if not t.is_space]
    opening = all(t.is_punct for t in before) or before[-1].text == ":"
    return "direct" if opening else "partial"
