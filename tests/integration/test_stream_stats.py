"""``newsdesk status`` counts every message, also those a producer sent in one batch.

tansu reports a partition's end as the base offset of its last record batch plus one; the
fetcher and the scheduler publish several records at once, so a feed run was undercounted
(7 raw articles reported for 13 sent) and a group that committed inside the last batch showed
no lag while it had work left.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from newsdesk import topics
from newsdesk.kafka import ensure_topics, stream_stats
from newsdesk.settings import KafkaSettings
from newsdesk_cli.local import LocalStack

pytestmark = pytest.mark.integration
TOPIC = topics.ARTICLES_ENRICHED


@pytest.fixture
def kafka_settings() -> Iterator[KafkaSettings]:
    """A broker of its own: the session's services would consume these test messages."""
    with LocalStack.on_free_ports() as stack:
        settings = KafkaSettings(bootstrap_servers=stack.kafka_bootstrap)
        asyncio.run(ensure_topics(settings))
        yield settings


async def _send_at_once(kafka: KafkaSettings, count: int, partition: int) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka.bootstrap_servers, acks="all", linger_ms=100
    )
    await producer.start()
    try:
        sent = [
            await producer.send(TOPIC, f"m{n}".encode(), partition=partition) for n in range(count)
        ]
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


async def test_messages_sent_in_one_batch_are_all_counted(kafka_settings: KafkaSettings) -> None:
    await _send_at_once(kafka_settings, 5, partition=3)
    stats = await stream_stats(kafka_settings, [TOPIC])
    assert stats.topics[TOPIC].messages == 5
    assert stats.lag[TOPIC] == 5


async def test_a_group_committed_inside_the_last_batch_still_shows_its_lag(
    kafka_settings: KafkaSettings,
) -> None:
    await _send_at_once(kafka_settings, 6, partition=2)
    tp = TopicPartition(TOPIC, 2)
    group = AIOKafkaConsumer(
        bootstrap_servers=kafka_settings.bootstrap_servers,
        group_id=topics.GROUP_INDEXER,
        enable_auto_commit=False,
    )
    await group.start()
    group.assign([tp])
    try:
        probe = AIOKafkaConsumer(bootstrap_servers=kafka_settings.bootstrap_servers)
        await probe.start()
        probe.assign([tp])
        await probe.seek_to_beginning(tp)
        records = (await probe.getmany(tp, timeout_ms=2000))[tp]
        await probe.stop()
        last = records[-1].offset
        await group.commit({tp: OffsetAndMetadata(last - 3, "")})  # 4 records left
        stats = await stream_stats(kafka_settings, [TOPIC])
        assert stats.lag[TOPIC] == 4
    finally:
        await group.stop()
