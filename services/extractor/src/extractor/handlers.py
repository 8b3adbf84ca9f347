"""Kafka handlers of the extractor: ``on_articles_raw`` enriches batches of raw articles."""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from extractor.pipeline import Pipeline, Postponed
from newsdesk import topics
from newsdesk.events import DeadLetter, EnrichedArticle, RawArticle
from newsdesk.isolation import bisect
from newsdesk.kafka import Codec, Outbox

log = logging.getLogger(__name__)
router = KafkaRouter()
to_articles_enriched = router.publisher(
    topics.ARTICLES_ENRICHED, schema=EnrichedArticle, description="each article enriched"
)
to_dlq = router.publisher(topics.DLQ, schema=DeadLetter, description="each article that failed")
to_articles_raw = router.publisher(
    topics.ARTICLES_RAW,
    schema=RawArticle,
    description="articles a batch had no time for, handed back as they came",
)


async def on_articles_raw(
    message: KafkaMessage,
    pipeline: Pipeline = Context("pipeline"),
    codec: Codec = Context("codec"),
    deadline_s: float | None = Context("batch_deadline_s", default=None),
    stopping: threading.Event | None = Context("stopping", default=None),
) -> None:
    """Enrich a batch off the event loop; each failed article is dead-lettered, then all acked.

    Articles the batch had no time for before its deadline are handed back: published again to
    ``newsdesk.articles.raw`` as they came, under the same key (so on the same partition, in
    order), and consumed later. They were not processed, so nothing is published twice; a
    newer version of the article published meanwhile still wins in the index, whose external
    version is the fetch time. Once the process is ``stopping`` (SIGTERM) the batch reaches its
    deadline at once: what it has not started is handed back the same way.
    """
    deadline = None if deadline_s is None else time.monotonic() + deadline_s
    outbox = Outbox(codec)
    outbox.receive(message.raw_message)  # each article's span, in the trace it came with
    decoded = codec.decode_batch(message.raw_message, RawArticle)
    process = functools.partial(pipeline.process, deadline=deadline, stop=stopping)
    results = await asyncio.to_thread(bisect, decoded.models, process)
    outbox.extend(decoded.letters)
    postponed = 0
    for (record, raw), result in zip(decoded.items, results, strict=True):
        about = {"url": raw.url, "article_id": raw.article_id}
        if isinstance(result, Postponed):
            outbox.forward(to_articles_raw, record)
            postponed += 1
        elif isinstance(result, EnrichedArticle):
            key = raw.article_id.encode()
            outbox.send(to_articles_enriched, result, key=key, record=record, **about)
        else:
            outbox.reject(record, result, **about)
    if postponed:
        log.info(
            "the batch reached its deadline: %d of %d articles handed back", postponed, len(results)
        )
    await outbox.flush(to_dlq)


def subscribe(
    batch_size: int, batch_timeout_ms: int, max_poll_interval_ms: int = 600_000
) -> KafkaRouter:
    """The router with ``on_articles_raw`` subscribed in batches of the given size.

    ``max_poll_interval_ms`` is how long a batch may take before the broker gives the
    partitions to another consumer; the batch deadline is validated to stay well under it.
    """
    router.subscriber(
        topics.ARTICLES_RAW,
        group_id=topics.GROUP_EXTRACTOR,
        auto_offset_reset="earliest",
        batch=True,
        max_records=batch_size,
        batch_timeout_ms=batch_timeout_ms,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        max_partition_fetch_bytes=16 * 1024 * 1024,
        max_poll_interval_ms=max_poll_interval_ms,
    )(on_articles_raw)
    return router
