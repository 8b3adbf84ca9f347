"""Indexes that keep the per-document NLP steps linear in the length of the text.

Events, quotes and entity merging used to compare each item with every other of the document
(every mention, every date, every earlier name or event): fine for a news story, but a
200,000-character page took minutes. Each index here narrows a lookup to the items that can
match; the exact tests of the callers then decide as before, so the output is unchanged.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from rapidfuzz import fuzz, process

from extractor.nlp.leaders import family_first, name_words

if TYPE_CHECKING:
    from spacy.tokens import Span

    from extractor.nlp.entities import EntityCluster

T = TypeVar("T")

#: fuzz.ratio at or above which two names of one label and length are spelling variants.
FUZZY_MIN_SCORE = 90


class VariantIndex:
    """The clusters kept so far, by the keys a shorter form can match: surname suffixes of
    persons, initials, and (label, word count) groups for fuzzy spelling variants.

    Comparing every new cluster with every kept one was quadratic in the number of distinct
    names; the index narrows each lookup to the clusters that could match, and the exact tests
    then decide as before.
    """

    def __init__(self) -> None:
        self.keyed: dict[tuple[str, ...], list[EntityCluster]] = {}
        self.groups: dict[tuple[str, int], tuple[list[str], list[EntityCluster]]] = {}

    def add(self, cluster: EntityCluster) -> None:
        words = cluster.name.split()
        for key in _keys(cluster.label, words):
            self.keyed.setdefault(key, []).append(cluster)
        names, members = self.groups.setdefault((cluster.label, len(words)), ([], []))
        names.append(cluster.name)
        members.append(cluster)

    def rename(self, cluster: EntityCluster, name: str) -> None:
        for key in _keys(cluster.label, cluster.name.split()):
            self.keyed[key].remove(cluster)
        names, members = self.groups[(cluster.label, len(cluster.name.split()))]
        del names[members.index(cluster)]
        members.remove(cluster)
        cluster.name = name
        self.add(cluster)

    def candidates(self, short: EntityCluster) -> list[EntityCluster]:
        words = short.name.split()
        found = self.keyed.get(("suffix", *words), []) + self.keyed.get(
            ("initials", short.label, short.name), []
        )
        if len(short.name) >= 8 and (group := self.groups.get((short.label, len(words)))):
            hits = process.extract(
                short.name, group[0], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=None
            )
            found += [group[1][position] for _, _, position in hits]
        return list({id(cluster): cluster for cluster in found}.values())


def _keys(label: str, words: list[str]) -> list[tuple[str, ...]]:
    initials = "".join(word[0] for word in words if word[0].isupper())
    bare = name_words(" ".join(words)) if label == "PERSON" else words  # (without "Jr.")
    suffixes = [("suffix", *bare[-k:]) for k in range(1, len(bare))] if label == "PERSON" else []
    if label == "PERSON" and (family := family_first(" ".join(words))) is not None:
        suffixes.append(("suffix", family))  # "Kim" of "Kim Jong Il"
    if label == "PERSON" and len(bare) > 1 and ("suffix", bare[0]) not in suffixes:
        suffixes.append(("suffix", bare[0]))  # "Abiy" of "Abiy Ahmed" (a given name alone)
    return [*suffixes, ("initials", label, initials)]


class SpanIndex:
    """Spans sorted by start, found by token range with a binary search."""

    def __init__(self, spans: Sequence[Span]):
        self.spans = sorted(spans, key=lambda span: span.start)
        self.starts = [span.start for span in self.spans]

    def starting(self, first: int, last: int) -> list[Span]:
        """Spans whose first token lies in ``first..last`` (both included), in order."""
        return self.spans[bisect_left(self.starts, first) : bisect_right(self.starts, last)]

    def within(self, span: Span) -> list[Span]:
        """What ``span.ents`` gives: the spans starting in it, up to the first that runs past
        its end."""
        found = []
        for ent in self.spans[bisect_left(self.starts, span.start) :]:
            if ent.end > span.end:
                break
            found.append(ent)
        return found


class CountryIndex(Generic[T]):
    """Items in the order they were kept, found by the countries they name (which may grow)."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self.named: list[set[str]] = []
        self.by_country: dict[str, list[int]] = {}
        self.naming: list[int] = []  # positions of the items that name any country
        self.positions: dict[int, int] = {}

    def add(self, item: T, countries: set[str]) -> None:
        """Keep ``item``, naming ``countries``."""
        self.positions[id(item)] = len(self.items)
        self.items.append(item)
        self.named.append(set())
        self.update(item, countries)

    def update(self, item: T, countries: set[str]) -> None:
        """``item`` now names ``countries`` too."""
        position = self.positions[id(item)]
        named = self.named[position]
        if countries and not named:
            insort(self.naming, position)
        for country in countries - named:
            insort(self.by_country.setdefault(country, []), position)
        named |= countries

    def latest_naming(self, countries: set[str] | None = None) -> Iterator[T]:
        """Items naming one of ``countries`` (None: any country), latest first, lazily."""
        if countries is None:
            positions: Iterator[int] = reversed(self.naming)
        else:
            lists = [reversed(self.by_country.get(country, [])) for country in sorted(countries)]
            positions = heapq.merge(*lists, reverse=True)
        seen = -1
        for position in positions:
            if position != seen:
                seen = position
                yield self.items[position]
