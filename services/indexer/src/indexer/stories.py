"""Story grouping against the index: provisional labels at the write, reconciliation after it.

The rule itself (:mod:`indexer.grouping`) is a function of the set of articles. Applying it
incrementally needs the stored articles a batch is linked to, which the index finds by band
key; but a search sees only what the last refresh made visible, and another indexer may be
writing a copy at the same moment. So a batch is written first with provisional labels (those
it had, if its bands did not change; its own story otherwise), then the index is refreshed and
asked which stored articles share a band with it: every document whose labels differ from the
rule's, in the batch or not, is written again with its own version. A copy written meanwhile (a
batch of this process within the refresh interval, or another indexer's) shows after the
refresh. Of two indexers writing copies at once, each refreshes after its own write before it
asks, so at least one sees the other's copy and links them. Linking a late copy can change the
labels of stored articles (a copy fetched earlier than the story's first article arrives last):
those are rewritten whole, at their stored version, so the versioning rules still hold for them.

Per batch that is one real-time read of the batch's own ids, one refresh and one search (the
search leaves out the batch, which is known); linked copies add one search for the members of
their stories and the rewrites.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from elasticsearch import ApiError, AsyncElasticsearch, TransportError
from elasticsearch import ConnectionError as ESConnectionError

from indexer.documents import index_action
from indexer.grouping import Labels, Member, Order, label
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle, utcnow
from newsdesk.search import RETRYABLE_STATUSES

log = logging.getLogger(__name__)

#: How many indexed articles one lookup returns; copies of a story are few, not thousands.
MAX_CANDIDATES = 1000
#: Band keys per lookup, well under Elasticsearch's ``index.max_terms_count`` (65,536).
MAX_TERMS = 4096
#: How far links are followed from a batch (copies of copies of ...) before grouping stops.
MAX_ROUNDS = 6
_FIELDS = ["article_id", "story_id", "duplicate_of", "minhash_bands", "fetched_at"]


@dataclass
class Relabelling:
    """The labels a reconciliation found wrong, what it knew, and which may rise (splits)."""

    labels: dict[str, Labels]
    members: dict[str, Member]
    free: set[str]


class StoryGrouper:
    """Sets ``story_id`` and ``duplicate_of`` by the story rule, whatever the arrival order."""

    def __init__(self, es: AsyncElasticsearch, alias: str) -> None:
        self.es = es
        self.alias = alias

    async def stored(self, ids: Iterable[str]) -> dict[str, Member]:
        """What the index holds of these articles now (a real-time read by id)."""
        response = await self._call(
            self.es.mget(index=self.alias, ids=sorted(set(ids)), source_includes=_FIELDS),
            "story read",
        )
        return {doc["_id"]: _member(doc) for doc in response.get("docs", []) if doc.get("found")}

    def provisional(self, articles: Sequence[EnrichedArticle], stored: dict[str, Member]) -> None:
        """Labels to write the batch with: the stored ones while the bands are the same."""
        for article in articles:
            before = stored.get(article.article_id)
            if before is not None and before.bands == frozenset(article.minhash_bands):
                article.story_id, article.duplicate_of = before.story_id, before.duplicate_of
            else:
                article.story_id, article.duplicate_of = article.article_id, None

    async def reconcile(
        self, ids: Iterable[str], changed: Iterable[str] = (), left: Iterable[str] = ()
    ) -> Relabelling:
        """After a write: what the rule says every linked article's labels are.

        ``ids`` is the batch; ``changed`` the articles written with other bands than they had,
        ``left`` the stories those were in (they may have left them). :meth:`actions` then
        turns the plan into writes, as many times as it takes for them to hold.
        """
        await self._call(self.es.indices.refresh(index=self.alias), "refresh")
        members = await self.stored(ids)  # as stored now: another indexer may have relabelled
        left = set(left)
        await self._linked(members, left)
        labels = label(members.values())
        wrong = {i: found for i, found in labels.items() if members[i].labels != found}
        # A split (an article leaving its story) may raise labels; anything else only lowers
        # them, so a relabel computed from an older view never undoes a newer one.
        free = set(changed) | {i for i, m in members.items() if m.story_id in left}
        return Relabelling(wrong, members, free)

    async def actions(self, plan: Relabelling) -> list[dict[str, Any]]:
        """The writes the plan still needs, read afresh (empty once every label holds)."""
        if not plan.labels:
            return []
        actions = await self._relabel(plan.labels, plan.members, plan.free)
        plan.free = set()  # a raising relabel is done once; after it, only lowering
        return actions

    async def _linked(self, members: dict[str, Member], left: set[str]) -> None:
        """Add every stored article linked to ``members``, directly or through others."""
        queried: set[str] = set()
        extra = [{"terms": {"story_id": sorted(left)}}] if left else []
        frontier = {band for member in members.values() for band in member.bands}
        for _ in range(MAX_ROUNDS):
            bands = sorted(frontier - queried)
            if not bands and not extra:
                return
            queried |= set(bands)
            should = [*extra]
            for start in range(0, len(bands), MAX_TERMS):
                should.append({"terms": {"minhash_bands": bands[start : start + MAX_TERMS]}})
            extra = []
            hits = await self._search(should, leave_out=members)
            for hit in hits:
                members[hit.article_id] = hit
            frontier = {band for hit in hits for band in hit.bands}
        log.warning("stories: links followed %d rounds deep; grouped by those", MAX_ROUNDS)

    async def _search(
        self, should: list[dict[str, Any]], leave_out: dict[str, Member]
    ) -> list[Member]:
        """Stored articles matching any of ``should`` but those already known.

        A refused query only skips the grouping.
        """
        linked = {"bool": {"should": should, "minimum_should_match": 1}}
        query = {"bool": {"filter": [linked], "must_not": [{"ids": {"values": sorted(leave_out)}}]}}
        try:
            response = await self.es.options(ignore_status=404).search(
                index=self.alias, query=query, size=MAX_CANDIDATES, source_includes=_FIELDS
            )
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch story lookup failed: {exc}") from exc
        except ApiError as exc:
            if exc.status_code in RETRYABLE_STATUSES:
                raise BackendUnavailable(f"Elasticsearch story lookup: {exc}") from exc
            # Grouping is an enrichment: without it the articles are still indexed, each its
            # own story, rather than the batch being refused forever.
            log.warning("story lookup refused (%s); these articles are not grouped", exc)
            return []
        hits: list[dict[str, Any]] = response.get("hits", {}).get("hits", [])
        if len(hits) >= MAX_CANDIDATES:
            log.warning("story lookup found %d or more articles; grouped by those", len(hits))
        return [_member(hit) for hit in hits]

    async def _relabel(
        self, wrong: dict[str, Labels], members: dict[str, Member], free: set[str]
    ) -> list[dict[str, Any]]:
        """Index actions that rewrite each document with its right labels, at its own version.

        Each document is read again first: one whose labels another indexer lowered meanwhile
        (or set from articles this view does not have) is left to that one, unless ``free``.
        """
        response = await self._call(
            self.es.mget(index=self.alias, ids=sorted(wrong)), "reading stories to relabel"
        )
        actions = []
        for doc in response.get("docs", []):
            if not doc.get("found"):
                continue
            source = dict(doc["_source"])
            labels, now = (
                wrong[doc["_id"]],
                Labels(source.get("story_id"), source.get("duplicate_of")),
            )
            if now == labels or (doc["_id"] not in free and not _lower(labels, now, members)):
                continue
            source |= {
                "story_id": labels.story_id,
                "duplicate_of": labels.duplicate_of,
                "indexed_at": utcnow().isoformat(),
            }
            # One more than the version read, "external": refused if anything wrote it since.
            version = int(doc["_version"]) + 1
            actions.append(index_action(self.alias, doc["_id"], version, source, "external"))
        return actions

    async def _call(self, request: Any, what: str) -> Any:
        try:
            return await request
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch {what} failed: {exc}") from exc
        except ApiError as exc:
            if exc.status_code in RETRYABLE_STATUSES:
                raise BackendUnavailable(f"Elasticsearch {what}: {exc}") from exc
            raise


def _lower(new: Labels, old: Labels, members: dict[str, Member]) -> bool:
    """Whether ``new`` comes before ``old`` in the order of the articles they name.

    A missing ``duplicate_of`` comes last (an earlier copy may still arrive); a label naming an
    article this view does not have is another indexer's wider view: never lower.
    """

    def rank(article_id: str | None, *, none_last: bool) -> tuple[int, Order] | None:
        if article_id is None:
            return (1, (datetime.max.replace(tzinfo=UTC), "")) if none_last else None
        member = members.get(article_id)
        return None if member is None else (0, member.order)

    new_key = (rank(new.story_id, none_last=True), rank(new.duplicate_of, none_last=True))
    old_key = (rank(old.story_id, none_last=True), rank(old.duplicate_of, none_last=True))
    if None in new_key or None in old_key:
        return False
    return new_key < old_key  # type: ignore[operator]


def _member(hit: dict[str, Any]) -> Member:
    source = hit.get("_source", {})
    return Member(
        article_id=hit["_id"],
        fetched_at=_parse(source.get("fetched_at")),
        bands=frozenset(source.get("minhash_bands") or ()),
        story_id=source.get("story_id"),
        duplicate_of=source.get("duplicate_of"),
    )


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _parse(value: object) -> datetime:
    try:
        return datetime.fromisoformat(str(value)).astimezone(UTC)
    except ValueError:
        return datetime.max.replace(tzinfo=UTC)
