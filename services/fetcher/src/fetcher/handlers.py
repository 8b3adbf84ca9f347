"""Kafka handlers of the fetcher worker: ``on_urls`` fetches batches of URLs concurrently."""

from __future__ import annotations

import asyncio
import logging

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from fetcher.settings import FetcherSettings
from fetcher.worker import Worker
from newsdesk import topics
from newsdesk.errors import InvalidPayload, Rejected, TransientError
from newsdesk.events import DeadLetter, FetchRequest, RawArticle
from newsdesk.kafka import Record, dead_letter

log = logging.getLogger(__name__)


async def fetch_record(worker: Worker, record: Record) -> RawArticle | DeadLetter:
    """One consumed record's outcome: its page, or the dead letter saying why not."""
    request: FetchRequest | None = None
    try:
        request = FetchRequest.model_validate_json(record.value or b"")
        return await worker.fetch(request)
    except ValidationError as exc:
        return dead_letter(record, "fetcher", InvalidPayload(str(exc)))
    except Rejected as exc:
        return dead_letter(record, "fetcher", exc, url=request.url if request else None)
    except TransientError:
        raise
    except Exception as exc:  # a bug must not block the partition: dead-letter it, loudly
        log.exception("unexpected failure on %s", request.url if request else record.offset)
        return dead_letter(record, "fetcher", exc, url=request.url if request else None)


def subscribe(settings: FetcherSettings) -> KafkaRouter:
    """A router with ``on_urls`` on the configured URL topic, in batches of ``batch_size``."""
    router = KafkaRouter()
    to_articles_raw = router.publisher(settings.articles_topic)
    to_dlq = router.publisher(topics.DLQ)

    async def on_urls(message: KafkaMessage, worker: Worker = Context("worker")) -> None:
        """Fetch a batch concurrently; each refused URL is dead-lettered, then all are acked."""
        outcomes = await asyncio.gather(
            *(fetch_record(worker, record) for record in message.raw_message)
        )
        await asyncio.gather(*(_publish(outcome) for outcome in outcomes))
        letters = [outcome for outcome in outcomes if isinstance(outcome, DeadLetter)]
        for letter in letters:
            log.info("dead-lettered %s: %s", letter.reason, letter.message)
        log.info("batch: %d fetched, %d dead-lettered", len(outcomes) - len(letters), len(letters))

    async def _publish(outcome: RawArticle | DeadLetter) -> None:
        if isinstance(outcome, RawArticle):
            await to_articles_raw.publish(
                outcome.model_dump_json(), key=outcome.article_id.encode()
            )
        else:
            key = outcome.key.encode() if outcome.key else None
            await to_dlq.publish(outcome.model_dump_json(), key=key)

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
