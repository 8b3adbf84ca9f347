"""Kafka handlers of the extractor: ``on_articles_raw`` enriches batches of raw articles."""

from __future__ import annotations

import asyncio

from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from extractor.pipeline import Pipeline
from newsdesk import topics
from newsdesk.errors import InvalidPayload
from newsdesk.events import DeadLetter, EnrichedArticle, RawArticle
from newsdesk.kafka import Record, dead_letter

router = KafkaRouter()
to_articles_enriched = router.publisher(topics.ARTICLES_ENRICHED)
to_dlq = router.publisher(topics.DLQ)


async def on_articles_raw(message: KafkaMessage, pipeline: Pipeline = Context("pipeline")) -> None:
    """Enrich a batch off the event loop; each failed article is dead-lettered, then all acked."""
    records: tuple[Record, ...] = tuple(message.raw_message)
    raws: list[tuple[Record, RawArticle]] = []
    letters: list[DeadLetter] = []
    for record in records:
        try:
            raws.append((record, RawArticle.model_validate_json(record.value or b"")))
        except ValidationError as exc:
            letters.append(dead_letter(record, "extractor", InvalidPayload(str(exc))))
    results = await asyncio.to_thread(pipeline.process, [raw for _, raw in raws])
    sends = []
    for (record, raw), result in zip(raws, results, strict=True):
        if isinstance(result, EnrichedArticle):
            sends.append(
                to_articles_enriched.publish(result.model_dump_json(), key=raw.article_id.encode())
            )
        else:
            letters.append(
                dead_letter(record, "extractor", result, url=raw.url, article_id=raw.article_id)
            )
    sends.extend(
        to_dlq.publish(letter.model_dump_json(), key=record_key(letter)) for letter in letters
    )
    await asyncio.gather(*sends)


def record_key(letter: DeadLetter) -> bytes | None:
    """Dead letters keep the key of the message they replace."""
    return letter.key.encode() if letter.key else None


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
