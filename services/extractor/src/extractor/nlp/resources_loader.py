"""Shared, lazily built NLP resources (vocabulary, countries, gazetteer, taxonomy) per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.nlp.countries import CountryResolver
from extractor.nlp.entities import EntityContext
from extractor.nlp.leaders import Leaders
from extractor.nlp.places import Gazetteer
from extractor.nlp.vocabulary import Vocabulary, default_path


@dataclass(frozen=True)
class ResourcePaths:
    """Where the operator-editable data files are; None means the packaged default."""

    vocabulary: str | None = None
    taxonomy: str | None = None
    demonyms: str | None = None
    regions: str | None = None
    leaders: str | None = None

    def path(self, name: str, default: str) -> Path:
        """The configured file for ``name`` or the packaged ``default``."""
        value = getattr(self, name)
        return Path(value) if value else default_path(default)


@dataclass(frozen=True)
class Resources:
    """Everything the custom components read, built once per process and shared."""

    vocabulary: Vocabulary
    countries: CountryResolver
    gazetteer: Gazetteer
    entity_context: EntityContext


@lru_cache(maxsize=4)
def load_resources(paths: ResourcePaths) -> Resources:
    """Read the data files; cached so several components and pipelines share one copy."""
    vocabulary = Vocabulary.load(paths.path("vocabulary", "vocabulary.jsonl"))
    countries = CountryResolver.load(paths.path("demonyms", "demonyms.tsv"))
    gazetteer = Gazetteer.load(countries, paths.path("regions", "regions.tsv"))
    context = EntityContext(
        terms=vocabulary.lookup(),
        ignored=vocabulary.ignored(),
        title_words=vocabulary.title_words() | {"his", "her", "majesty", "highness", "royal"},
        gazetteer=gazetteer,
        leaders=Leaders.load(paths.path("leaders", "leaders.tsv")),
    )
    return Resources(vocabulary, countries, gazetteer, context)
