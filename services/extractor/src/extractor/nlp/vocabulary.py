"""The operator-editable vocabulary: EntityRuler patterns plus what each term means."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

# Labels the vocabulary may use besides spaCy's: TITLE spans guide the NER and are stripped
# from names; IGNORE names are dropped as entities (e.g. "MOU", a bare "Kingdom").
ALLOWED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "LAW", "PRODUCT", "EVENT"}
ALLOWED_LABELS |= {"TITLE", "IGNORE"}


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
        """Read a JSON-lines file: one {"label", "pattern", optional canonical/kind/country/org}."""
        path = path or default_path("vocabulary.jsonl")
        terms = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            row = json.loads(line)
            if row.get("label") not in ALLOWED_LABELS or not row.get("pattern"):
                raise ValueError(
                    f"{path}:{number}: needs a pattern and a label in {ALLOWED_LABELS}"
                )
            terms.append(
                Term(
                    pattern=row["pattern"],
                    label=row["label"],
                    canonical=row.get("canonical") or row["pattern"],
                    kind=row.get("kind"),
                    country=row.get("country"),
                    org=row.get("org"),
                )
            )
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
    """A file shipped in ``extractor/resources``."""
    return Path(str(resources.files("extractor.nlp.resources") / name))
