"""Reading a whole topic from its start to the end it had when the reading began."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError

from newsdesk.errors import BackendUnavailable
from newsdesk.kafka.clients import client_options
from newsdesk.kafka.stats import true_end_offsets
from newsdesk.settings import KafkaSettings


async def read_topic(
    settings: KafkaSettings, topic: str, timeout_s: float = 300.0
) -> AsyncIterator[ConsumerRecord[bytes, bytes]]:
    """Every record of ``topic``, each partition in order, without joining a consumer group.

    Reads up to the end offsets found when it starts (what is published meanwhile is left for
    the next reader), counting every record of the last batch (see :func:`true_end_offsets`).
    A read that takes longer than ``timeout_s`` raises :class:`BackendUnavailable`.
    """
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        enable_auto_commit=False,
        max_partition_fetch_bytes=settings.max_message_bytes,
        fetch_max_bytes=max(settings.max_message_bytes, 52428800),
    )
    try:
        await consumer.start()
        tps = await _partitions(consumer, topic)
        if not tps:
            return
        starts = await consumer.beginning_offsets(tps)
        ends = await true_end_offsets(consumer, tps, await consumer.end_offsets(tps), starts)
        left = {tp for tp in tps if ends[tp] > starts[tp]}
        if not left:
            return
        consumer.assign(sorted(left, key=lambda tp: tp.partition))
        for tp in left:
            consumer.seek(tp, starts[tp])
        deadline = time.monotonic() + timeout_s
        while left:
            if time.monotonic() > deadline:
                raise BackendUnavailable(f"reading {topic} took more than {timeout_s:.0f} s")
            batches = await consumer.getmany(*left, timeout_ms=500, max_records=500)
            for tp, records in batches.items():
                for record in records:
                    if record.offset < ends[tp]:
                        yield record
            for tp in list(left):  # by position: compaction leaves gaps in the offsets
                if await consumer.position(tp) >= ends[tp]:
                    left.discard(tp)
                    consumer.pause(tp)
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    partitions = consumer.partitions_for_topic(topic)
    if partitions is None:
        await consumer._client.force_metadata_update()  # aiokafka has no public refresh
        partitions = consumer.partitions_for_topic(topic) or set()
    return [TopicPartition(topic, p) for p in sorted(partitions)]
