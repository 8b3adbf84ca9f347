"""Kafka handlers of the indexer: ``on_articles_enriched`` bulk-writes batches."""

from __future__ import annotations

import logging

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from indexer.bulk import BulkWriter
from newsdesk import topics
from newsdesk.errors import InvalidPayload, Rejected
from newsdesk.events import DeadLetter, EnrichedArticle
from newsdesk.kafka import Record, dead_letter

log = logging.getLogger(__name__)
router = KafkaRouter()
to_dlq = router.publisher(topics.DLQ)


Parsed = tuple[dict[str, Record], list[EnrichedArticle], list[DeadLetter]]


def _parse(records: tuple[Record, ...]) -> Parsed:
    by_id: dict[str, Record] = {}
    articles: dict[str, EnrichedArticle] = {}
    letters = []
    for record in records:
        try:
            article = EnrichedArticle.model_validate_json(record.value or b"")
        except ValidationError as exc:
            letters.append(dead_letter(record, "indexer", InvalidPayload(str(exc))))
            continue
        by_id[article.article_id] = record
        articles[article.article_id] = article  # a later version in the batch wins
    return by_id, list(articles.values()), letters


async def on_articles_enriched(
    message: KafkaMessage, writer: BulkWriter = Context("writer")
) -> None:
    """Index a batch; refused documents are dead-lettered; an unavailable cluster nacks it all."""
    by_id, articles, letters = _parse(tuple(message.raw_message))
    outcome = await writer.write(articles)
    for failure in outcome.failed:
        error = Rejected(failure.message, reason=failure.reason)
        letters.append(
            dead_letter(by_id[failure.article_id], "indexer", error, article_id=failure.article_id)
        )
    for letter in letters:
        await to_dlq.publish(letter.model_dump_json(), key=(letter.key or "").encode() or None)
    log.info(
        "batch: %d indexed, %d stale, %d dead-lettered",
        len(outcome.indexed),
        len(outcome.stale),
        len(letters),
    )


def subscribe(batch_size: int, batch_timeout_ms: int) -> KafkaRouter:
    """The router with ``on_articles_enriched`` subscribed in batches of the given size."""
    router.subscriber(
        topics.ARTICLES_ENRICHED,
        group_id=topics.GROUP_INDEXER,
        auto_offset_reset="earliest",
        batch=True,
        max_records=batch_size,
        batch_timeout_ms=batch_timeout_ms,
        ack_policy=AckPolicy.NACK_ON_ERROR,
    )(on_articles_enriched)
    return router
