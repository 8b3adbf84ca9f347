"""Bulk writes of enriched articles and their events: idempotent, versioned, classified."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from elasticsearch import ApiError, AsyncElasticsearch, TransportError, helpers
from elasticsearch import ConnectionError as ESConnectionError
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from indexer.documents import article_action, event_actions, event_id, version_of
from indexer.grouping import Member
from indexer.stories import StoryGrouper
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle
from newsdesk.search import RETRYABLE_STATUSES

log = logging.getLogger(__name__)

#: Bulk item statuses worth another try: Elasticsearch is overloaded or failing, not the doc.
RETRYABLE = RETRYABLE_STATUSES
#: Times the story labels of a batch are written and read back before they are left as they are.
RELABEL_ROUNDS = 4
#: Times an article refused for a relabelled (not newer) stored version is written again.
CONFLICT_ROUNDS = 4


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
    #: Indexed articles that replaced a stored document (a redelivery or a re-extraction).
    replaced: list[str] = field(default_factory=list)

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


@dataclass(frozen=True)
class ItemResult:
    """One bulk item's answer: its id, HTTP status, ``created`` / ``updated``, and any error."""

    doc_id: str
    status: int
    result: str | None = None
    error: Any = None

    @property
    def retryable(self) -> bool:
        """Worth another try: the cluster is overloaded, or the index was made read-only while
        its alias moved to a new one (``newsdesk index migrate``): the retry goes there."""
        if self.status in RETRYABLE:
            return True
        kind = self.error.get("type") if isinstance(self.error, dict) else None
        return self.status == 403 and kind == "cluster_block_exception"


class _RetryableItems(BackendUnavailable):
    """Some bulk items failed with a retryable status."""


class BulkWriter:
    """Writes batches of enriched articles; retries what is transient, reports the rest.

    A batch is written in this order: the articles, with provisional story labels (an older
    fetch is refused as stale, the same fetch replaces), the events of the articles written,
    the removal of the events a replaced article no longer has, then the story labels the rule
    corrects once the batch is in (:mod:`indexer.stories`).
    """

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
        batch = list({a.article_id: a for a in articles}.values())  # a later copy in it wins
        if not batch:
            return outcome
        stored: dict[str, Member] = {}
        if self.stories is not None:
            stored = await self.stories.stored(a.article_id for a in batch)
            self.stories.provisional(batch, stored)
        pending = {a.article_id: a for a in batch}
        async for attempt in self._retrying():
            with attempt:
                await self._attempt(pending, outcome)
        written = set(outcome.indexed)
        # Events follow their article only when the article was written: a stale fetch's events
        # are stale too. A redelivered batch writes its articles again (same version), so events
        # that failed the first time are never lost.
        events = [a for a in batch if a.article_id in written]
        replaced_ids = set(outcome.replaced)
        replaced = [a for a in events if a.article_id in replaced_ids]
        # The events and the story reconciliation touch different documents: they go at once,
        # so the story lookup's round trips hide behind the event writes.
        steps = [self._retried(self._write_events, events, replaced)]
        if self.stories is not None:
            steps.append(self._reconcile_stories(self.stories, batch, events, stored))
        await _together(steps)
        return outcome

    async def _retried(self, step: Callable[..., Awaitable[None]], *args: Any) -> None:
        async for attempt in self._retrying():
            with attempt:
                await step(*args)

    def _retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            retry=retry_if_exception_type(BackendUnavailable),
            stop=stop_after_attempt(self.retries + 1),
            wait=wait_exponential_jitter(multiplier=0.2, max=self.backoff_max_s),
            reraise=True,
        )

    async def _attempt(self, pending: dict[str, EnrichedArticle], outcome: BulkOutcome) -> None:
        versions: dict[str, int] = {}
        for _ in range(CONFLICT_ROUNDS):
            actions = [
                article_action(self.articles_alias, a, versions.get(a.article_id))
                for a in pending.values()
            ]
            retry_later, conflicts = {}, []
            for item in await self._bulk(actions):
                if item.status < 300:
                    outcome.indexed.append(item.doc_id)
                    if item.result != "created":
                        outcome.replaced.append(item.doc_id)
                elif item.status == 409:
                    conflicts.append(pending[item.doc_id])
                elif item.retryable:
                    retry_later[item.doc_id] = pending[item.doc_id]
                else:
                    reason = "mapping_error" if item.status == 400 else "index_error"
                    message = _describe(item.status, item.error)
                    outcome.failed.append(ItemFailure(item.doc_id, reason, message))
            again = await self._not_stale(conflicts, outcome, versions)
            pending.clear()
            pending.update(retry_later)
            if not again:
                break
            pending.update(again)
        if retry_later:
            raise _RetryableItems(f"{len(retry_later)} documents got a retryable status")

    async def _not_stale(
        self,
        conflicts: Sequence[EnrichedArticle],
        outcome: BulkOutcome,
        versions: dict[str, int],
    ) -> dict[str, EnrichedArticle]:
        """Of the refused writes, those to make again at the stored version.

        A refusal means the stored version is higher: a later fetch (the write is stale), or
        the same or an earlier fetch whose story labels were rewritten since (each relabel
        adds one to the version, see :mod:`indexer.stories`): that one is replaced all the same.
        """
        if not conflicts:
            return {}
        ids = sorted({a.article_id for a in conflicts})
        try:
            found = await self.es.mget(
                index=self.articles_alias, ids=ids, source_includes=["fetched_at"]
            )
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch: reading refused articles: {exc}") from exc
        stored = {doc["_id"]: doc for doc in found.get("docs", []) if doc.get("found")}
        again = {}
        for article in conflicts:
            doc = stored.get(article.article_id)
            if doc is not None and _fetched(doc) > article.fetched_at:
                outcome.stale.append(article.article_id)
                continue
            own = version_of(article)
            versions[article.article_id] = max(own, int(doc["_version"])) if doc else own
            again[article.article_id] = article
        return again

    async def _bulk(self, actions: list[dict[str, Any]]) -> list[ItemResult]:
        """Each action's result, in order; a request refused whole is halved to its culprit."""
        results = []
        try:
            async for _, item in helpers.async_streaming_bulk(
                self.es, actions, raise_on_error=False, raise_on_exception=True, refresh=False
            ):
                answer = next(iter(item.values()))
                results.append(
                    ItemResult(
                        str(answer["_id"]),
                        int(answer.get("status", 500)),
                        answer.get("result"),
                        answer.get("error"),
                    )
                )
        except (ESConnectionError, TransportError) as exc:
            raise BackendUnavailable(f"Elasticsearch bulk failed: {exc}") from exc
        except ApiError as exc:
            if results:  # an earlier chunk went through: retry the rest from a clean slate
                raise BackendUnavailable(f"Elasticsearch refused a bulk chunk: {exc}") from exc
            return await self._refused_request(actions, exc)
        return results

    async def _refused_request(
        self, actions: list[dict[str, Any]], exc: ApiError
    ) -> list[ItemResult]:
        """The whole request was refused: retry later, or halve it to find the document at fault.

        A 413 (request too large) or a 400 for the request as a whole must not nack the batch
        forever: halving isolates the one document that causes it, which is then reported.
        """
        if exc.status_code in RETRYABLE:
            raise BackendUnavailable(f"Elasticsearch refused the bulk request: {exc}") from exc
        if len(actions) == 1:
            error = {"type": "request_refused", "reason": str(exc)[:500]}
            return [ItemResult(str(actions[0]["_id"]), exc.status_code, None, error)]
        middle = len(actions) // 2
        return [*await self._bulk(actions[:middle]), *await self._bulk(actions[middle:])]

    async def _write_events(
        self, articles: Sequence[EnrichedArticle], replaced: Sequence[EnrichedArticle]
    ) -> None:
        """Write each article's events, then remove a replaced article's events of before."""
        actions = [a for article in articles for a in event_actions(self.events_alias, article)]
        results = await self._bulk(actions) if actions else []
        if any(item.retryable for item in results):
            raise BackendUnavailable("event documents got a retryable status")
        for item in results:
            if item.status >= 300 and item.status != 409:
                # The article itself is indexed; a refused event is a template bug, not the input's.
                log.error("event %s refused: %s", item.doc_id, _describe(item.status, item.error))
        # A new article has no events of an earlier extraction: only a replaced one can.
        await self._remove_leftover_events(replaced)

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

    async def _reconcile_stories(
        self,
        stories: StoryGrouper,
        batch: Sequence[EnrichedArticle],
        written: Sequence[EnrichedArticle],
        stored: dict[str, Member],
    ) -> None:
        """Rewrite the documents whose story labels the rule corrects now that the batch is in."""
        # An article written with other bands than it had may have left its story.
        changed = {
            article.article_id: before.story_id
            for article in written
            if (before := stored.get(article.article_id)) is not None
            and before.bands != frozenset(article.minhash_bands)
        }
        if not changed and not any(article.minhash_bands for article in batch):
            return
        left = {story for story in changed.values() if story is not None}
        async for attempt in self._retrying():
            with attempt:
                await self._relabel_stories(stories, batch, set(changed), left)

    async def _relabel_stories(
        self,
        stories: StoryGrouper,
        batch: Sequence[EnrichedArticle],
        changed: set[str],
        left: set[str],
    ) -> None:
        plan = await stories.reconcile((a.article_id for a in batch), changed, left)
        # Each relabel is a compare-and-set on the version read: one refused (409) means
        # something wrote that article since (another indexer's relabel, a later fetch), so it
        # is read again and written if its labels are still higher than the rule's.
        for _ in range(RELABEL_ROUNDS):
            actions = await stories.actions(plan)
            if not actions:
                return
            results = await self._bulk(actions)
            if any(item.retryable for item in results):
                raise BackendUnavailable("story relabels got a retryable status")
            relabelled = sum(1 for item in results if item.status < 300)
            log.info("stories: %d documents relabelled after the batch", relabelled)
            if all(item.status != 409 for item in results):
                return  # every compare-and-set held: nothing wrote these labels since the read


async def _together(steps: list[Coroutine[Any, Any, None]]) -> None:
    """Run the steps at once; the first failure cancels the others and is raised as it is."""
    tasks = [asyncio.ensure_future(step) for step in steps]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _fetched(doc: dict[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(str(doc["_source"]["fetched_at"])).astimezone(UTC)
    except (KeyError, ValueError):
        return datetime.min.replace(tzinfo=UTC)


def _describe(status: int, error: Any) -> str:
    if isinstance(error, dict):
        return f"HTTP {status} {error.get('type', '')}: {error.get('reason', '')}".strip()
    return f"HTTP {status}: {error}"
