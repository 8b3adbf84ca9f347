"""Messages, committed offsets and lag per topic, counted so that they cannot undercount."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from newsdesk import topics
from newsdesk.errors import BackendUnavailable
from newsdesk.kafka.clients import client_options
from newsdesk.settings import KafkaSettings


@dataclass
class TopicStats:
    """Messages in a topic and how far its consumer group has got."""

    topic: str
    messages: int
    group: str | None = None
    committed: int = 0
    lag: int = 0


@dataclass
class StreamStats:
    """A snapshot of every newsdesk topic."""

    topics: dict[str, TopicStats] = field(default_factory=dict)

    @property
    def lag(self) -> dict[str, int]:
        """Unprocessed messages per work topic."""
        return {name: stat.lag for name, stat in self.topics.items() if stat.group}

    @property
    def dead_letters(self) -> int:
        """Messages in the dead-letter topic."""
        stat = self.topics.get(topics.DLQ)
        return stat.messages if stat else 0


async def stream_stats(settings: KafkaSettings, names: Iterable[str] | None = None) -> StreamStats:
    """Messages, committed offsets and lag of each topic, read without joining any group."""
    wanted = list(names or [*topics.CONSUMERS, topics.DLQ])
    stats = StreamStats()
    probe = AIOKafkaConsumer(**client_options(settings), enable_auto_commit=False)
    try:
        await probe.start()
        for name in wanted:
            partitions = probe.partitions_for_topic(name)
            if partitions is None:
                await probe._client.force_metadata_update()  # aiokafka has no public refresh
                partitions = probe.partitions_for_topic(name) or set()
            tps = [TopicPartition(name, p) for p in sorted(partitions)]
            stats.topics[name] = await _topic_stats(settings, probe, name, tps)
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    finally:
        await probe.stop()
    return stats


async def true_end_offsets(
    probe: AIOKafkaConsumer,
    tps: list[TopicPartition],
    reported: dict[TopicPartition, int],
    starts: dict[TopicPartition, int],
    timeout_ms: int = 2000,
) -> dict[TopicPartition, int]:
    """End offsets that count every record, whatever the broker reports.

    Some brokers (tansu, the local default) report the end of a partition as the base offset of
    its last record batch plus one, so the other records of a batch sent at once are not counted
    and a consumer that committed inside that batch shows no lag. Reading from the reported end
    minus one returns that whole last batch; its highest offset plus one is the real end. On
    Kafka itself this reads one record per partition and changes nothing.
    """
    ends = dict(reported)
    wanted = {tp for tp in tps if reported[tp] > starts[tp]}
    if not wanted:
        return ends
    probe.assign(sorted(wanted, key=lambda tp: (tp.topic, tp.partition)))
    for tp in wanted:
        probe.seek(tp, reported[tp] - 1)
    deadline = time.monotonic() + timeout_ms / 1000
    while wanted and time.monotonic() < deadline:
        batches = await probe.getmany(*wanted, timeout_ms=200)
        for tp, records in batches.items():
            if records:
                ends[tp] = max(ends[tp], records[-1].offset + 1)
                wanted.discard(tp)
                probe.pause(tp)
    probe.unsubscribe()
    return ends


async def _topic_stats(
    settings: KafkaSettings, probe: AIOKafkaConsumer, name: str, tps: list[TopicPartition]
) -> TopicStats:
    if not tps:
        return TopicStats(name, 0, topics.CONSUMERS.get(name))
    starts = await probe.beginning_offsets(tps)
    ends = await true_end_offsets(probe, tps, await probe.end_offsets(tps), starts)
    stat = TopicStats(name, sum(ends[tp] - starts[tp] for tp in tps), topics.CONSUMERS.get(name))
    if stat.group is None:
        return stat
    group = AIOKafkaConsumer(
        **client_options(settings), group_id=stat.group, enable_auto_commit=False
    )
    try:
        await group.start()
        for tp in tps:
            committed = await group.committed(tp)
            done = starts[tp] if committed is None else committed
            stat.committed += done
            stat.lag += max(ends[tp] - done, 0)
    finally:
        await group.stop()
    return stat
