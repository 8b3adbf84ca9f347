"""The process's Prometheus registry and the metrics newsdesk itself keeps.

FastStream's Prometheus middleware (added by :func:`newsdesk.serving.run_app`) counts what a
service consumes and produces and times each batch into this same registry, under the
``newsdesk_`` prefix. Here: dead letters by stage and reason, counted once published
(:func:`letters_published`: a batch retried after a failed publish does not count its letters
twice), and the lag of each partition a consumer holds, refreshed before each scrape.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import Any, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge

from newsdesk.events import DeadLetter

#: Every metric of this process (a service is one process).
REGISTRY = CollectorRegistry()

DEAD_LETTERED = Counter(
    "newsdesk_dead_lettered",
    "Dead letters published, by stage and reason code",
    ["stage", "reason"],
    registry=REGISTRY,
)


def letters_published(letters: Iterable[DeadLetter]) -> None:
    """Count dead letters that reached the DLQ topic."""
    for letter in letters:
        DEAD_LETTERED.labels(letter.stage, letter.reason).inc()


CONSUMER_LAG = Gauge(
    "newsdesk_consumer_lag",
    "Records of a partition this process consumes not yet committed (end offset - committed)",
    ["topic", "partition"],
    registry=REGISTRY,
)


class Consumer(Protocol):
    """What lag needs of a consumer (aiokafka's ``AIOKafkaConsumer`` has it)."""

    def assignment(self) -> Iterable[Any]:
        """The partitions it holds now."""

    def highwater(self, partition: Any) -> int | None:
        """The end offset last seen in a fetch, None before the first."""

    async def committed(self, partition: Any) -> int | None:
        """The group's committed offset."""


class Subscriber(Protocol):
    """A FastStream subscriber: its consumer while it runs."""

    consumer: Consumer | None


class Broker(Protocol):
    """A FastStream broker: its subscribers."""

    @property
    def subscribers(self) -> list[Any]:
        """The subscribers registered on it and its routers."""


async def update_lag(broker: Broker, wait_s: float = 2.0) -> None:
    """Set :data:`CONSUMER_LAG` for every partition the broker's consumers hold now.

    Partitions no longer held disappear; one not fetched from yet has no end offset and is left
    out. The committed offsets are asked of the group coordinator, within ``wait_s``.
    """
    CONSUMER_LAG.clear()
    for subscriber in broker.subscribers:
        consumer: Consumer | None = getattr(subscriber, "consumer", None)
        if consumer is None:
            continue
        for partition in list(consumer.assignment()):
            end = consumer.highwater(partition)
            if end is None:
                continue
            committed: int | None = None
            with contextlib.suppress(Exception):  # a scrape must not fail on a slow coordinator
                committed = await asyncio.wait_for(consumer.committed(partition), wait_s)
            lag = end - (committed or 0)
            CONSUMER_LAG.labels(partition.topic, str(partition.partition)).set(max(lag, 0))
