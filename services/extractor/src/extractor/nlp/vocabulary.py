"""The operator-editable vocabulary: EntityRuler patterns plus what each term means."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from extractor.nlp.operator_files import read_vocabulary


@dataclass(frozen=True)
class Term:
    """One vocabulary line: a pattern, its label and what the pipeline should know about it."""

    pattern: str
    label: str
    canonical: str
    kind: str | None = None
    country: str | None = None
    org: str | None = None


@dataclass
class Vocabulary:
    """All terms of the vocabulary file, indexed by surface form (case-insensitive)."""

    terms: list[Term] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Read a JSON-lines file: one {"label", "pattern", optional canonical/kind/country/org}.

        Raises ``ConfigError`` naming the file, the line and the field of a wrong entry.
        """
        path = path or default_path("vocabulary.jsonl")
        terms = [
            Term(
                pattern=entry.pattern,
                label=entry.label,
                canonical=entry.canonical or entry.pattern,
                kind=entry.kind,
                country=entry.country,
                org=entry.org,
            )
            for entry in read_vocabulary(path)
        ]
        return cls(terms)

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Patterns for spaCy's EntityRuler; the id is the canonical name (becomes ent_id_)."""
        return [
            {"label": term.label, "pattern": term.pattern, "id": term.canonical}
            for term in self.terms
            if term.label != "IGNORE"
        ]

    def lookup(self) -> dict[str, Term]:
        """Terms by lower-cased pattern and canonical name."""
        table = {term.canonical.lower(): term for term in self.terms}
        table.update({term.pattern.lower(): term for term in self.terms})
        return table

    def ignored(self) -> set[str]:
        """Lower-cased names that are never entities."""
        return {term.pattern.lower() for term in self.terms if term.label == "IGNORE"}

    def title_words(self) -> set[str]:
        """Lower-cased words of all titles and honorifics, for stripping them off names."""
        return {
            word.lower()
            for term in self.terms
            if term.label == "TITLE"
            for word in term.pattern.split()
        }


def default_path(name: str) -> Path:
    """A file shipped in ``extractor/nlp/resources``."""
    return Path(str(resources.files("extractor.nlp.resources") / name))
