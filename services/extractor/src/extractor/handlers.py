"""Kafka handlers of the extractor: ``on_articles_raw`` enriches batches of raw articles."""

from __future__ import annotations

import asyncio

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from extractor.pipeline import Pipeline
from newsdesk import topics
from newsdesk.events import EnrichedArticle, RawArticle
from newsdesk.isolation import bisect
from newsdesk.kafka import Codec, Outbox

router = KafkaRouter()
to_articles_enriched = router.publisher(topics.ARTICLES_ENRICHED)
to_dlq = router.publisher(topics.DLQ)


async def on_articles_raw(
    message: KafkaMessage,
    pipeline: Pipeline = Context("pipeline"),
    codec: Codec = Context("codec"),
) -> None:
    """Enrich a batch off the event loop; each failed article is dead-lettered, then all acked."""
    decoded = codec.decode_batch(message.raw_message, RawArticle)
    results = await asyncio.to_thread(bisect, decoded.models, pipeline.process)
    outbox = Outbox(codec)
    outbox.extend(decoded.letters)
    for (record, raw), result in zip(decoded.items, results, strict=True):
        about = {"url": raw.url, "article_id": raw.article_id}
        if isinstance(result, EnrichedArticle):
            key = raw.article_id.encode()
            outbox.send(to_articles_enriched, result, key=key, record=record, **about)
        else:
            outbox.reject(record, result, **about)
    await outbox.flush(to_dlq)


def subscribe(batch_size: int, batch_timeout_ms: int) -> KafkaRouter:
    """The router with ``on_articles_raw`` subscribed in batches of the given size."""
    router.subscriber(
        topics.ARTICLES_RAW,
        group_id=topics.GROUP_EXTRACTOR,
        auto_offset_reset="earliest",
        batch=True,
        max_records=batch_size,
        batch_timeout_ms=batch_timeout_ms,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        max_partition_fetch_bytes=16 * 1024 * 1024,
    )(on_articles_raw)
    return router
