"""/healthz, /readyz and /metrics of the shared server, on loopback, with real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from prometheus_client import CollectorRegistry

from newsdesk.events import DeadLetter
from newsdesk.kafka import Codec, Outbox
from newsdesk.observe.health import Health
from newsdesk.observe.metrics import CONSUMER_LAG, REGISTRY, update_lag
from newsdesk.observe.server import ObserveServer


@dataclass
class Served:
    health: Health
    client: httpx.AsyncClient


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    health = Health(timeout=0.5)
    server = ObserveServer(health, [REGISTRY])
    await server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
            yield Served(health, client)
    finally:
        await server.stop()


async def _ok() -> str | None:
    return None


async def _down() -> str | None:
    return "no answer from http://127.0.0.1:1"


async def _hangs() -> str | None:
    import asyncio

    await asyncio.Event().wait()
    return None


async def test_healthz_answers_while_the_loop_runs(served: Served) -> None:
    response = await served.client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok\n")


async def test_readyz_is_503_until_started_and_every_check_passes(served: Served) -> None:
    response = await served.client.get("/readyz")
    assert (response.status_code, response.text) == (503, "not ready: starting\n")
    served.health.require("kafka", _ok)
    served.health.require("elasticsearch", _down)
    served.health.started = True
    response = await served.client.get("/readyz")
    assert response.status_code == 503
    assert response.text == "not ready: elasticsearch: no answer from http://127.0.0.1:1\n"
    served.health.require("elasticsearch", _ok)
    response = await served.client.get("/readyz")
    assert (response.status_code, response.text) == (200, "ready\n")
    served.health.stopping = True
    response = await served.client.get("/readyz")
    assert (response.status_code, response.text) == (503, "not ready: shutting down\n")


async def test_a_check_that_hangs_is_not_ready_within_the_timeout(served: Served) -> None:
    served.health.started = True
    served.health.require("kafka", _hangs)
    response = await served.client.get("/readyz", timeout=5)
    assert (response.status_code, response.text) == (
        503,
        "not ready: kafka: no answer within 0.5 s\n",
    )


class FlakyDlq:
    """A DLQ publisher whose first publish fails, as a broker going away mid-batch."""

    topic = "newsdesk.dlq"

    def __init__(self) -> None:
        self.calls = 0

    async def publish(self, message: Any, **_: Any) -> None:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("broker went away")


async def test_metrics_count_dead_letters_by_stage_and_reason(served: Served) -> None:
    sample = {"stage": "indexer", "reason": "invalid_payload"}
    before = REGISTRY.get_sample_value("newsdesk_dead_lettered_total", sample) or 0.0
    letter = DeadLetter(stage="indexer", reason="invalid_payload", message="not JSON")
    dlq = FlakyDlq()
    outbox = Outbox(Codec("indexer", 1024 * 1024))
    outbox.extend([letter, letter])
    with pytest.raises(ConnectionError):
        await outbox.flush(dlq)  # the batch is consumed again: these letters were not published
    await outbox.flush(dlq)
    response = await served.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    line = f'newsdesk_dead_lettered_total{{reason="invalid_payload",stage="indexer"}} {before + 2}'
    assert line in response.text


@dataclass(frozen=True)
class TP:
    topic: str
    partition: int


class FakeConsumer:
    """Two partitions held: one fetched (end 120, committed 100), one not fetched yet."""

    def assignment(self) -> set[TP]:
        return {TP("newsdesk.articles.raw", 0), TP("newsdesk.articles.raw", 1)}

    def highwater(self, partition: TP) -> int | None:
        return 120 if partition.partition == 0 else None

    async def committed(self, partition: TP) -> int | None:
        return 100


@dataclass
class FakeSubscriber:
    consumer: FakeConsumer | None


@dataclass
class FakeBroker:
    subscribers: list[FakeSubscriber]


async def test_lag_is_per_partition_held_and_refreshed_before_each_scrape() -> None:
    registry = CollectorRegistry()
    broker = FakeBroker([FakeSubscriber(FakeConsumer()), FakeSubscriber(None)])
    server = ObserveServer(Health(), [REGISTRY, registry], [lambda: update_lag(broker)])
    await server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            text = (await client.get(f"http://127.0.0.1:{server.port}/metrics")).text
            assert 'newsdesk_consumer_lag{partition="0",topic="newsdesk.articles.raw"} 20.0' in text
            assert 'partition="1",topic="newsdesk.articles.raw"' not in text
            broker.subscribers = []  # the partitions were taken away: their lag goes too
            text = (await client.get(f"http://127.0.0.1:{server.port}/metrics")).text
            assert "newsdesk_consumer_lag{" not in text
    finally:
        await server.stop()
        CONSUMER_LAG.clear()


class SilentBroker:
    async def ping(self, timeout: float | None) -> bool:  # noqa: ASYNC109  # FastStream's signature
        return False


async def test_kafka_readiness_says_the_brokers_do_not_answer() -> None:
    from newsdesk.serving import _kafka_check

    health = Health(started=True)
    health.require("kafka", _kafka_check(SilentBroker()))
    assert await health.not_ready() == "kafka: the brokers do not answer"
