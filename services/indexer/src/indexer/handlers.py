"""Kafka handlers of the indexer: ``on_articles_enriched`` bulk-writes batches."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from indexer.bulk import BulkWriter, ItemFailure, Written
from newsdesk import topics
from newsdesk.errors import Rejected
from newsdesk.events import DeadLetter, EnrichedArticle
from newsdesk.isolation import abisect
from newsdesk.kafka import Codec, Outbox, Record

log = logging.getLogger(__name__)
router = KafkaRouter()
to_dlq = router.publisher(
    topics.DLQ, schema=DeadLetter, description="each article Elasticsearch refused"
)


async def on_articles_enriched(
    message: KafkaMessage,
    writer: BulkWriter = Context("writer"),
    codec: Codec = Context("codec"),
) -> None:
    """Index a batch; refused documents are dead-lettered; an unavailable cluster nacks it all."""
    outbox = Outbox(codec)
    outbox.receive(message.raw_message)  # each article's span, in the trace it came with
    decoded = codec.decode_batch(message.raw_message, EnrichedArticle)
    outbox.extend(decoded.letters)
    latest: dict[str, tuple[Record, EnrichedArticle]] = {}
    for record, article in decoded.items:
        latest[article.article_id] = (record, article)  # a later version in the batch wins
    batch = list(latest.values())

    async def write(items: Sequence[tuple[Record, EnrichedArticle]]) -> list[Written]:
        outcome = await writer.write([article for _, article in items])
        return [outcome.result_of(article.article_id) for _, article in items]

    # A write that fails for any reason but an outage is retried on halves down to the article
    # at fault, which is dead-lettered: one record never blocks the partition.
    results = await abisect(batch, write)
    for (record, article), result in zip(batch, results, strict=True):
        about = {"article_id": article.article_id, "url": article.url}
        if isinstance(result, ItemFailure):
            outbox.reject(record, Rejected(result.message, reason=result.reason), **about)
        elif isinstance(result, Exception):
            outbox.reject(record, result, **about)
    indexed, stale = results.count("indexed"), results.count("stale")
    refused = len(outbox.letters)
    await outbox.flush(to_dlq)
    log.info("batch: %d indexed, %d stale, %d dead-lettered", indexed, stale, refused)


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
