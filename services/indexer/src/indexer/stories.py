"""Story grouping: articles that share a near-duplicate band key are copies of one story."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from elasticsearch import ApiError, AsyncElasticsearch, TransportError
from elasticsearch import ConnectionError as ESConnectionError

from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle
from newsdesk.search import RETRYABLE_STATUSES

log = logging.getLogger(__name__)

#: How many indexed candidates one batch looks at; copies of a story are few, not thousands.
MAX_CANDIDATES = 1000
#: Band keys per lookup, well under Elasticsearch's ``index.max_terms_count`` (65,536).
MAX_TERMS = 4096


@dataclass(frozen=True)
class _Known:
    article_id: str
    story_id: str
    bands: frozenset[str]
    order: tuple[datetime, str]


class StoryGrouper:
    """Sets ``story_id`` and ``duplicate_of`` on a batch before it is written.

    The first article of a story (earliest fetched) keeps its own id as ``story_id``; a later
    copy takes the story of the earliest earlier article it shares a band key with, and names
    that article in ``duplicate_of``. One search per batch finds the indexed candidates.
    """

    def __init__(self, es: AsyncElasticsearch, alias: str) -> None:
        self.es = es
        self.alias = alias

    async def assign(self, articles: Sequence[EnrichedArticle]) -> None:
        """Fill in ``story_id`` / ``duplicate_of`` of each article, in place."""
        known = await self._indexed_candidates(articles)
        for article in sorted(articles, key=_order):
            bands = frozenset(article.minhash_bands)
            earlier = [
                k
                for k in known
                if k.article_id != article.article_id
                and k.bands & bands
                and k.order < _order(article)
            ]
            if earlier:
                first = min(earlier, key=lambda k: k.order)
                article.story_id, article.duplicate_of = first.story_id, first.article_id
            else:
                article.story_id, article.duplicate_of = article.article_id, None
            known.append(_Known(article.article_id, article.story_id, bands, _order(article)))

    async def _indexed_candidates(self, articles: Sequence[EnrichedArticle]) -> list[_Known]:
        bands = sorted({band for article in articles for band in article.minhash_bands})
        hits: dict[str, dict[str, Any]] = {}
        for start in range(0, len(bands), MAX_TERMS):
            for hit in await self._search(bands[start : start + MAX_TERMS]):
                hits[hit["_id"]] = hit
        return [
            _Known(
                article_id=hit["_id"],
                story_id=hit["_source"].get("story_id") or hit["_id"],
                bands=frozenset(hit["_source"].get("minhash_bands", [])),
                order=(_parse(hit["_source"].get("fetched_at")), hit["_id"]),
            )
            for hit in hits.values()
        ]

    async def _search(self, bands: list[str]) -> list[dict[str, Any]]:
        """Indexed articles with any of ``bands``; a refused query only skips the grouping."""
        try:
            response = await self.es.options(ignore_status=404).search(
                index=self.alias,
                query={"terms": {"minhash_bands": bands}},
                size=MAX_CANDIDATES,
                source_includes=["article_id", "story_id", "minhash_bands", "fetched_at"],
            )
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch story lookup failed: {exc}") from exc
        except ApiError as exc:
            if exc.status_code in RETRYABLE_STATUSES:
                raise BackendUnavailable(f"Elasticsearch story lookup: {exc}") from exc
            # Grouping is an enrichment: without it the articles are still indexed, each its
            # own story, rather than the batch being refused forever.
            log.warning("story lookup refused (%s); %d bands not grouped", exc, len(bands))
            return []
        hits: list[dict[str, Any]] = response.get("hits", {}).get("hits", [])
        return hits


def _order(article: EnrichedArticle) -> tuple[datetime, str]:
    """Earliest fetched first; the id breaks ties so every worker agrees on the order."""
    return (article.fetched_at.astimezone(UTC), article.article_id)


def _parse(value: object) -> datetime:
    try:
        return datetime.fromisoformat(str(value)).astimezone(UTC)
    except ValueError:
        return datetime.max.replace(tzinfo=UTC)
