"""The story rule: which articles are copies of one story, as a function of the set alone.

Two articles are *linked* when they share a near-duplicate band key (``minhash_bands``: the
same band number with the same hash). A *story* is a connected group of linked articles, so
copies that each share a band with a third one are one story even when they share none with
each other. Articles are ordered by ``(fetched_at, article_id)``: the id breaks ties, so every
process agrees on the order. Then:

- ``story_id`` is the ``article_id`` of the story's first article;
- ``duplicate_of`` is the first of the earlier articles it is linked to directly, ``None`` when
  no earlier article is linked to it (the story's first article, always).

Both depend on which articles exist, never on the order they arrived in, the batches they came
in or the indexer process that wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

Order = tuple[datetime, str]


@dataclass(frozen=True)
class Member:
    """What the rule needs of an article, and the labels it has now (None: not stored yet)."""

    article_id: str
    fetched_at: datetime
    bands: frozenset[str]
    story_id: str | None = None
    duplicate_of: str | None = None

    @property
    def order(self) -> Order:
        """Earliest fetched first; the id breaks ties."""
        return (self.fetched_at, self.article_id)

    @property
    def labels(self) -> Labels:
        """The labels it has now."""
        return Labels(self.story_id, self.duplicate_of)


@dataclass(frozen=True)
class Labels:
    """The story an article belongs to and the earlier copy it duplicates."""

    story_id: str | None
    duplicate_of: str | None


def label(members: Iterable[Member]) -> dict[str, Labels]:
    """The labels of every member under the story rule (see the module docstring)."""
    by_id = {member.article_id: member for member in members}
    parent = {article_id: article_id for article_id in by_id}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    by_band: dict[str, list[Member]] = defaultdict(list)
    for member in by_id.values():
        for band in member.bands:
            by_band[band].append(member)
    for linked in by_band.values():
        first = root(linked[0].article_id)
        for other in linked[1:]:
            parent[root(other.article_id)] = first

    first_of: dict[str, Member] = {}
    for member in by_id.values():
        top = root(member.article_id)
        if top not in first_of or member.order < first_of[top].order:
            first_of[top] = member

    labels = {}
    for member in by_id.values():
        earlier = [
            other for band in member.bands for other in by_band[band] if other.order < member.order
        ]
        duplicate_of = min(earlier, key=lambda m: m.order).article_id if earlier else None
        labels[member.article_id] = Labels(
            first_of[root(member.article_id)].article_id, duplicate_of
        )
    return labels
