"""Kafka access shared by the services and the CLI: broker factory, topics, dead letters, lag."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from faststream.kafka import KafkaBroker
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from newsdesk import topics
from newsdesk.errors import BackendUnavailable, Rejected
from newsdesk.events import DeadLetter, Stage
from newsdesk.settings import KafkaSettings

log = logging.getLogger(__name__)


class Record(Protocol):
    """The parts of a consumed Kafka record a dead letter needs (aiokafka's ConsumerRecord)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


def _security(settings: KafkaSettings) -> BaseSecurity | None:
    if settings.sasl_mechanism is None:
        return None
    password = settings.sasl_password.get_secret_value() if settings.sasl_password else ""
    kinds = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}
    kind = kinds[settings.sasl_mechanism.upper()]
    return kind(username=settings.sasl_username or "", password=password)


def client_options(settings: KafkaSettings) -> dict[str, Any]:
    """Connection options for plain aiokafka clients (admin, lag queries)."""
    options: dict[str, Any] = {"bootstrap_servers": settings.bootstrap_servers}
    if settings.sasl_mechanism:
        password = settings.sasl_password.get_secret_value() if settings.sasl_password else ""
        options |= {
            "security_protocol": settings.security_protocol,
            "sasl_mechanism": settings.sasl_mechanism,
            "sasl_plain_username": settings.sasl_username,
            "sasl_plain_password": password,
        }
    return options


def make_broker(settings: KafkaSettings, *, client_id: str) -> KafkaBroker:
    """A FastStream broker that publishes durably (acks=all) and compresses on the wire."""
    return KafkaBroker(
        settings.bootstrap_servers,
        client_id=client_id,
        acks="all",
        compression_type="gzip",
        max_request_size=settings.max_message_bytes,
        security=_security(settings),
        allow_auto_create_topics=False,
    )


@asynccontextmanager
async def open_producer(settings: KafkaSettings) -> AsyncIterator[AIOKafkaProducer]:
    """A plain producer for the CLI, as durable and compressed as the services' brokers."""
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks="all",
        compression_type="gzip",
        max_request_size=settings.max_message_bytes,
    )
    try:
        await producer.start()
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    try:
        yield producer
    finally:
        await producer.stop()


async def ensure_topics(settings: KafkaSettings) -> list[str]:
    """Create the newsdesk topics that do not exist yet; returns the names it created."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    try:
        await admin.start()
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(spec.name, spec.partitions, spec.replication, topic_configs=spec.configs)
            for spec in topics.topic_specs(settings.partitions, settings.replication)
            if spec.name not in existing
        ]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                log.info("topics were created concurrently by another process")
        return [topic.name for topic in missing]
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    finally:
        await admin.close()


def dead_letter(
    record: Record,
    stage: Stage,
    error: BaseException,
    *,
    url: str | None = None,
    article_id: str | None = None,
    attempts: int = 1,
) -> DeadLetter:
    """The dead letter of one consumed record that failed with ``error``."""
    if isinstance(error, Rejected):
        reason, message = error.reason, error.message
    else:
        reason, message = "internal_error", f"{type(error).__name__}: {error}"
    return DeadLetter(
        stage=stage,
        reason=reason,
        message=message,
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        key=record.key.decode("utf-8", "replace") if record.key else None,
        url=url,
        article_id=article_id,
        payload=record.value or b"",
        attempts=attempts,
    )


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


async def _topic_stats(
    settings: KafkaSettings, probe: AIOKafkaConsumer, name: str, tps: list[TopicPartition]
) -> TopicStats:
    if not tps:
        return TopicStats(name, 0, topics.CONSUMERS.get(name))
    ends = await probe.end_offsets(tps)
    starts = await probe.beginning_offsets(tps)
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
