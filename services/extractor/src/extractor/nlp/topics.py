"""Topics from the operator-editable taxonomy: term matches counted per topic and scored."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.nlp.operator_files import read_taxonomy

TITLE_WEIGHT = 2
# hits / (hits + SATURATION): one hit scores 0.33, three 0.6, six 0.75.
SATURATION = 2


@dataclass(frozen=True)
class TopicMatch:
    """A topic of a document, its score in [0, 1] and the terms that matched."""

    name: str
    score: float
    terms: list[str]


class TopicMatcher:
    """A PhraseMatcher over the lower-cased terms of every taxonomy topic."""

    def __init__(self, matcher: PhraseMatcher, min_hits: dict[str, int]):
        self.matcher = matcher
        self.min_hits = min_hits

    @classmethod
    def load(cls, path: Path, nlp: Language) -> TopicMatcher:
        """Read the taxonomy YAML ({topic: {terms: [...], min_hits: n}}).

        Raises ``ConfigError`` naming the file, the topic and the field of a wrong entry.
        """
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        min_hits = {}
        for name, topic in read_taxonomy(path).items():
            matcher.add(name, [nlp.make_doc(term) for term in topic.terms])
            min_hits[name] = topic.min_hits
        return cls(matcher, min_hits)

    def term_spans(self, doc: Doc) -> list[Span]:
        """Matched terms; where they overlap the longest wins ("terrorism financing")."""
        return filter_spans(self.matcher(doc, as_spans=True))

    def topics(self, doc: Doc, spans: list[Span]) -> list[TopicMatch]:
        """Topics with enough hits, best first; a hit in the title counts double."""
        body_start = doc._.body_start or 0
        hits: dict[str, float] = defaultdict(float)
        terms: dict[str, set[str]] = defaultdict(set)
        counts: dict[str, int] = defaultdict(int)
        for span in spans:
            hits[span.label_] += TITLE_WEIGHT if span.start_char < body_start else 1
            counts[span.label_] += 1
            terms[span.label_].add(span.text.lower())
        found = [
            TopicMatch(name, round(score / (score + SATURATION), 3), sorted(terms[name]))
            for name, score in hits.items()
            if counts[name] >= self.min_hits.get(name, 1)
        ]
        return sorted(found, key=lambda topic: (-topic.score, topic.name))
