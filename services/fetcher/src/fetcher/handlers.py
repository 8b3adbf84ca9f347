"""Kafka handlers of the fetcher worker: ``on_urls`` fetches batches of URLs concurrently."""

from __future__ import annotations

import asyncio
import logging

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy

from fetcher.settings import FetcherSettings
from fetcher.worker import Worker
from newsdesk import topics
from newsdesk.errors import Rejected, TransientError
from newsdesk.events import DeadLetter, FetchRequest, RawArticle
from newsdesk.kafka import Codec, Outbox, Record

log = logging.getLogger(__name__)


async def fetch_record(worker: Worker, codec: Codec, record: Record) -> RawArticle | DeadLetter:
    """One consumed record's outcome: its page, or the dead letter saying why not."""
    request = codec.decode(record, FetchRequest)
    if isinstance(request, DeadLetter):
        return request
    try:
        return await worker.fetch(request)
    except TransientError:
        raise
    except Rejected as exc:
        return codec.letter(record, exc, url=request.url)
    except Exception as exc:  # a bug must not block the partition: dead-letter it, loudly
        log.exception("unexpected failure on %s", request.url)
        return codec.letter(record, exc, url=request.url)


def subscribe(settings: FetcherSettings) -> KafkaRouter:
    """A router with ``on_urls`` on the configured URL topic, in batches of ``batch_size``."""
    router = KafkaRouter()
    to_articles_raw = router.publisher(
        settings.articles_topic, schema=RawArticle, description="each page fetched"
    )
    to_dlq = router.publisher(topics.DLQ, schema=DeadLetter, description="each URL refused")
    codec = settings.codec()

    async def on_urls(message: KafkaMessage, worker: Worker = Context("worker")) -> None:
        """Fetch a batch concurrently; each refused URL is dead-lettered, then all are acked."""
        records = list(message.raw_message)
        outbox = Outbox(codec)
        outbox.receive(records)  # each URL's span, in the trace its request came with
        outcomes = await asyncio.gather(*(fetch_record(worker, codec, r) for r in records))
        for record, outcome in zip(records, outcomes, strict=True):
            if isinstance(outcome, DeadLetter):
                outbox.extend([outcome])
            else:
                key = outcome.article_id.encode()
                outbox.send(to_articles_raw, outcome, key=key, record=record, url=outcome.url)
        fetched, refused = len(outbox.sends), len(outbox.letters)
        await outbox.flush(to_dlq)
        log.info("batch: %d fetched, %d dead-lettered", fetched, refused)

    router.subscriber(
        settings.urls_topic,
        group_id=settings.group_id,
        auto_offset_reset="earliest",
        batch=True,
        max_records=settings.batch_size,
        batch_timeout_ms=200,
        max_poll_interval_ms=settings.max_poll_interval_ms,
        ack_policy=AckPolicy.NACK_ON_ERROR,
    )(on_urls)
    return router
