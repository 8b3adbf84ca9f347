"""Story grouping against the index: labels before a write, reconciliation after it.

The rule itself (:mod:`indexer.grouping`) is a function of the set of articles. Applying it
incrementally needs the articles a batch is linked to, which the index finds by band key; but
a search sees only what the last refresh made visible, and another indexer may be writing a
copy at the same moment. So a batch is labelled twice:

1. before it is written, from what the index shows (usually right: the labels are written once);
2. after it is written, the index is refreshed and asked again: a copy written meanwhile (a
   batch of this process within the refresh interval, or another indexer's) now shows, and every
   document whose labels differ from the rule's is written again with its own version.

Of two indexers writing copies at once, each refreshes after its own write before it asks, so
at least one sees the other's copy and links them. Linking a late copy can change the labels
of stored articles (a copy fetched earlier than the story's first article arrives last): those
are rewritten whole, at their stored version, so the versioning rules still hold for them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from elasticsearch import ApiError, AsyncElasticsearch, TransportError
from elasticsearch import ConnectionError as ESConnectionError

from indexer.documents import index_action
from indexer.grouping import Labels, Member, label
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle, utcnow
from newsdesk.search import RETRYABLE_STATUSES

log = logging.getLogger(__name__)

#: How many indexed articles one lookup returns; copies of a story are few, not thousands.
MAX_CANDIDATES = 1000
#: Band keys per lookup, well under Elasticsearch's ``index.max_terms_count`` (65,536).
MAX_TERMS = 4096
_FIELDS = ["article_id", "story_id", "duplicate_of", "minhash_bands", "fetched_at"]


class StoryGrouper:
    """Sets ``story_id`` and ``duplicate_of`` by the story rule, whatever the arrival order."""

    def __init__(self, es: AsyncElasticsearch, alias: str) -> None:
        self.es = es
        self.alias = alias

    async def label(self, articles: Sequence[EnrichedArticle]) -> set[str]:
        """Fill in the labels of a batch about to be written, in place.

        An article whose stored version is a later fetch keeps its labels: its write is stale.
        Returns the stored articles whose labels the batch changes (for :meth:`reconcile`).
        """
        members = await self._members(articles, batch=articles)
        labels = label(members.values())
        for article in articles:
            if members[article.article_id].fetched_at == _utc(article.fetched_at):
                found = labels[article.article_id]
                article.story_id, article.duplicate_of = found.story_id, found.duplicate_of
        batch = {article.article_id for article in articles}
        return {
            article_id
            for article_id, found in labels.items()
            if article_id not in batch and members[article_id].labels != found
        }

    async def reconcile(
        self, articles: Sequence[EnrichedArticle], also: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        """After a write: the actions that correct every stored label the rule now disagrees with.

        The index is refreshed first, so copies written since the batch was labelled are seen.
        ``also`` names stored articles to look at besides the batch's links (what
        :meth:`label` found changing: a story the batch left or joined).
        """
        also = set(also)
        if not also and not any(article.minhash_bands for article in articles):
            return []
        await self._call(self.es.indices.refresh(index=self.alias), "refresh")
        members = await self._members(articles, batch=(), also=also)
        labels = label(members.values())
        wrong = {
            article_id: found
            for article_id, found in labels.items()
            if members[article_id].labels != found
        }
        return await self._relabel(wrong) if wrong else []

    async def _members(
        self,
        articles: Sequence[EnrichedArticle],
        batch: Sequence[EnrichedArticle],
        also: Iterable[str] = (),
    ) -> dict[str, Member]:
        """The stored articles linked to these, the members of their stories, and ``batch``.

        Articles of ``batch`` (about to be written) replace their stored version unless that
        one is a later fetch.
        """
        ids = sorted({article.article_id for article in articles} | set(also))
        bands = sorted({band for article in articles for band in article.minhash_bands})
        members: dict[str, Member] = {}
        for start in range(0, max(len(bands), 1), MAX_TERMS):
            linked = {"terms": {"minhash_bands": bands[start : start + MAX_TERMS]}}
            for hit in await self._search({"bool": {"should": [linked, {"ids": {"values": ids}}]}}):
                members[hit.article_id] = hit
        for article in batch:
            stored = members.get(article.article_id)
            if stored is None or stored.fetched_at <= _utc(article.fetched_at):
                members[article.article_id] = Member(
                    article.article_id,
                    _utc(article.fetched_at),
                    frozenset(article.minhash_bands),
                    stored.story_id if stored else None,
                    stored.duplicate_of if stored else None,
                )
        if _alone(members.values(), set(ids)):
            return members
        # Linked to stored articles: their stories' other members may change labels too.
        stories = sorted({m.story_id for m in members.values() if m.story_id} | set(ids))
        for hit in await self._search({"terms": {"story_id": stories}}):
            members.setdefault(hit.article_id, hit)
        return members

    async def _search(self, query: dict[str, Any]) -> list[Member]:
        """Stored articles matching ``query``; a refused query only skips the grouping."""
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

    async def _relabel(self, wrong: dict[str, Labels]) -> list[dict[str, Any]]:
        """Index actions that rewrite each document with its right labels, at its own version."""
        response = await self._call(
            self.es.mget(index=self.alias, ids=sorted(wrong)), "reading stories to relabel"
        )
        actions = []
        for doc in response.get("docs", []):
            if not doc.get("found"):
                continue
            source = dict(doc["_source"])
            labels = wrong[doc["_id"]]
            source |= {
                "story_id": labels.story_id,
                "duplicate_of": labels.duplicate_of,
                "indexed_at": utcnow().isoformat(),
            }
            actions.append(index_action(self.alias, doc["_id"], int(doc["_version"]), source))
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


def _alone(members: Iterable[Member], ids: set[str]) -> bool:
    """True when the batch is linked to no stored article and stored as its own stories."""
    return all(
        member.article_id in ids and member.story_id in (None, member.article_id)
        for member in members
    )


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
