"""Bulk writes of enriched articles and their events: idempotent, versioned, classified."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from elasticsearch import ApiError, AsyncElasticsearch, TransportError, helpers
from elasticsearch import ConnectionError as ESConnectionError
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from indexer.stories import StoryGrouper
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle, Event, Location, utcnow
from newsdesk.search import RETRYABLE_STATUSES

log = logging.getLogger(__name__)

#: Bulk item statuses worth another try: Elasticsearch is overloaded or failing, not the doc.
RETRYABLE = RETRYABLE_STATUSES


@dataclass
class ItemFailure:
    """A document Elasticsearch refused for good."""

    article_id: str
    reason: str
    message: str


Written = Literal["indexed", "stale"] | ItemFailure


@dataclass
class BulkOutcome:
    """What happened to each article of a batch."""

    indexed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    failed: list[ItemFailure] = field(default_factory=list)

    def result_of(self, article_id: str) -> Written:
        """``indexed``, ``stale`` (a newer fetch is in the index) or the refusal."""
        if article_id in self.indexed:
            return "indexed"
        if article_id in self.stale:
            return "stale"
        failure = next((f for f in self.failed if f.article_id == article_id), None)
        if failure is None:
            raise KeyError(f"{article_id} was not in the batch")
        return failure


class _RetryableItems(BackendUnavailable):
    """Some bulk items failed with a retryable status."""


#: Versions are the fetch time: an older fetch never overwrites a newer one, while the same fetch
#: (a redelivery, or a re-extraction after a model or rules change) replaces the document.
VERSION_TYPE = "external_gte"


def version_of(article: EnrichedArticle) -> int:
    """External version: the fetch time in milliseconds."""
    return int(article.fetched_at.timestamp() * 1000)


def article_action(alias: str, article: EnrichedArticle) -> dict[str, Any]:
    """The bulk action that writes one article document."""
    source = article.model_dump(mode="json")
    source["indexed_at"] = utcnow().isoformat()
    return {
        "_op_type": "index",
        "_index": alias,
        "_id": article.article_id,
        "version": version_of(article),
        "version_type": VERSION_TYPE,
        "_source": source,
    }


def event_id(article: EnrichedArticle, position: int) -> str:
    """The id of an article's ``position``-th event document."""
    return f"{article.article_id}:{position}"


#: Locations an event document carries at most (its place and its parties' countries).
MAX_EVENT_LOCATIONS = 10


def event_locations(article: EnrichedArticle, event: Event) -> list[Location]:
    """The article's locations that place this event: its place, its parties' countries.

    Not every location of the article: an article with hundreds of places and events would
    multiply into event documents Elasticsearch needs minutes to index.
    """
    wanted = [
        location
        for location in article.locations
        if location.name == event.place
        or (location.kind == "country" and location.country in event.countries)
    ]
    return wanted[:MAX_EVENT_LOCATIONS]


def event_actions(alias: str, article: EnrichedArticle) -> Iterable[dict[str, Any]]:
    """One document per event, with the article's title, url, source and dates copied in."""
    for position, event in enumerate(article.events):
        source = event.model_dump(mode="json")
        source |= {
            "event_id": event_id(article, position),
            "article_id": article.article_id,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "source_name": article.source_name,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "fetched_at": article.fetched_at.isoformat(),
            "locations": [loc.model_dump(mode="json") for loc in event_locations(article, event)],
        }
        yield {
            "_op_type": "index",
            "_index": alias,
            "_id": event_id(article, position),
            "version": version_of(article),
            "version_type": VERSION_TYPE,
            "_source": source,
        }


class BulkWriter:
    """Writes batches of enriched articles; retries what is transient, reports the rest."""

    def __init__(
        self,
        es: AsyncElasticsearch,
        *,
        articles_alias: str,
        events_alias: str,
        retries: int = 5,
        backoff_max_s: float = 10.0,
        group_stories: bool = True,
    ) -> None:
        self.es = es
        self.stories = StoryGrouper(es, articles_alias) if group_stories else None
        self.articles_alias = articles_alias
        self.events_alias = events_alias
        self.retries = retries
        self.backoff_max_s = backoff_max_s

    async def write(self, articles: Sequence[EnrichedArticle]) -> BulkOutcome:
        """Index a batch; raises BackendUnavailable when Elasticsearch stays unavailable."""
        outcome = BulkOutcome()
        if not articles:
            return outcome
        if self.stories is not None:
            await self.stories.assign(articles)
        pending = {a.article_id: a for a in articles}
        async for attempt in self._retrying():
            with attempt:
                await self._attempt(pending, outcome)
        written = set(outcome.indexed)
        # Events follow their article only when the article was written: a stale fetch's events
        # are stale too. A redelivered batch writes its articles again (same version), so events
        # that failed the first time are never lost.
        events = [a for a in articles if a.article_id in written]
        async for attempt in self._retrying():
            with attempt:
                await self._write_events(events)
        return outcome

    def _retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            retry=retry_if_exception_type(BackendUnavailable),
            stop=stop_after_attempt(self.retries + 1),
            wait=wait_exponential_jitter(multiplier=0.2, max=self.backoff_max_s),
            reraise=True,
        )

    async def _attempt(self, pending: dict[str, EnrichedArticle], outcome: BulkOutcome) -> None:
        actions = [article_action(self.articles_alias, a) for a in pending.values()]
        results = await self._bulk(actions)
        retry_later = {}
        for article_id, status, error in results:
            if status < 300:
                outcome.indexed.append(article_id)
            elif status == 409:
                outcome.stale.append(article_id)
            elif status in RETRYABLE:
                retry_later[article_id] = pending[article_id]
            else:
                reason = "mapping_error" if status == 400 else "index_error"
                outcome.failed.append(ItemFailure(article_id, reason, _describe(status, error)))
        pending.clear()
        pending.update(retry_later)
        if retry_later:
            raise _RetryableItems(f"{len(retry_later)} documents got a retryable status")

    async def _bulk(self, actions: list[dict[str, Any]]) -> list[tuple[str, int, Any]]:
        try:
            _, items = await helpers.async_bulk(
                self.es, actions, raise_on_error=False, raise_on_exception=True, refresh=False
            )
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch bulk failed: {exc}") from exc
        except ApiError as exc:
            return await self._refused_request(actions, exc)
        failed = {item["index"]["_id"]: item["index"] for item in items}  # type: ignore[index]
        return [
            (str(a["_id"]), int(failed[a["_id"]]["status"]), failed[a["_id"]].get("error"))
            if a["_id"] in failed
            else (str(a["_id"]), 201, None)
            for a in actions
        ]

    async def _refused_request(
        self, actions: list[dict[str, Any]], exc: ApiError
    ) -> list[tuple[str, int, Any]]:
        """The whole request was refused: retry later, or halve it to find the document at fault.

        A 413 (request too large) or a 400 for the request as a whole must not nack the batch
        forever: halving isolates the one document that causes it, which is then reported.
        """
        if exc.status_code in RETRYABLE:
            raise BackendUnavailable(f"Elasticsearch refused the bulk request: {exc}") from exc
        if len(actions) == 1:
            return [
                (
                    str(actions[0]["_id"]),
                    exc.status_code,
                    {"type": "request_refused", "reason": str(exc)[:500]},
                )
            ]
        middle = len(actions) // 2
        return [*await self._bulk(actions[:middle]), *await self._bulk(actions[middle:])]

    async def _write_events(self, articles: Sequence[EnrichedArticle]) -> None:
        """Write each article's events, then remove its events from an earlier extraction."""
        actions = [a for article in articles for a in event_actions(self.events_alias, article)]
        results = await self._bulk(actions) if actions else []
        if any(status in RETRYABLE for _, status, _ in results):
            raise BackendUnavailable("event documents got a retryable status")
        for failed_id, status, error in results:
            if status >= 300 and status != 409:
                # The article itself is indexed; a refused event is a template bug, not the input's.
                log.error("event %s refused: %s", failed_id, _describe(status, error))
        await self._remove_leftover_events(articles)

    async def _remove_leftover_events(self, articles: Sequence[EnrichedArticle]) -> None:
        """Delete events of these articles that the current extraction no longer has."""
        if not articles:
            return
        leftovers = [
            {
                "bool": {
                    "filter": [{"term": {"article_id": article.article_id}}],
                    "must_not": [
                        {
                            "ids": {
                                "values": [event_id(article, n) for n in range(len(article.events))]
                            }
                        }
                    ],
                }
            }
            for article in articles
        ]
        try:
            await self.es.options(ignore_status=404).delete_by_query(
                index=self.events_alias,
                query={"bool": {"should": leftovers, "minimum_should_match": 1}},
                conflicts="proceed",
            )
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch: removing old events failed: {exc}") from exc
        except ApiError as exc:
            if exc.status_code in RETRYABLE:
                raise BackendUnavailable(f"Elasticsearch: removing old events: {exc}") from exc
            log.error("old events of %d articles could not be removed: %s", len(articles), exc)


def _describe(status: int, error: Any) -> str:
    if isinstance(error, dict):
        return f"HTTP {status} {error.get('type', '')}: {error.get('reason', '')}".strip()
    return f"HTTP {status}: {error}"
