"""Fuzzing ``on_urls``: any batch gives one outcome per input, and dead letters always fit.

Only 127.0.0.1 can be reached here: the guard refuses every other address, so mutated URLs
never leave the machine.
"""

from __future__ import annotations

import asyncio
import json
import os

import pytest
from faststream.kafka import KafkaBroker, TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.strategies import hostile

from fetcher import safety
from fetcher.client import ClientOptions, SafeClient
from fetcher.handlers import subscribe
from fetcher.politeness import Politeness, PolitenessOptions
from fetcher.robots import RobotsCache
from fetcher.safety import UrlGuard
from fetcher.settings import FetcherSettings
from fetcher.testing import LoopbackServer
from fetcher.worker import Worker
from newsdesk import topics
from newsdesk.events import DeadLetter, FetchRequest, RawArticle
from newsdesk.settings import KafkaSettings

MAX_MESSAGE = 256 * 1024


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every address but the allowlisted 127.0.0.1 is refused, public ones included."""
    monkeypatch.setattr(safety, "refusal_of", lambda address: "outside this test's loopback")


def run(
    settings_: FetcherSettings, guard: UrlGuard, options: ClientOptions, batch: list[bytes]
) -> tuple[list[bytes], list[bytes]]:
    """The batch through ``on_urls`` with a real worker, in an event loop of its own."""
    broker = KafkaBroker()
    broker.include_router(subscribe(settings_))
    published: dict[str, list[bytes]] = {"raw": [], "dlq": []}

    @broker.subscriber("t.raw")
    async def sink_raw(message: KafkaMessage) -> None:
        published["raw"].append(message.body)

    @broker.subscriber(topics.DLQ)
    async def sink_dlq(message: KafkaMessage) -> None:
        published["dlq"].append(message.body)

    async def go() -> None:
        async with SafeClient(options, guard) as client, TestKafkaBroker(broker) as test_broker:
            politeness = Politeness(PolitenessOptions(min_delay=0))
            worker = Worker(client, RobotsCache(client), politeness)
            test_broker.context.set_global("worker", worker)
            await test_broker.publish_batch(*batch, topic="t.urls")

    asyncio.run(go())
    return published["raw"], published["dlq"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_batch_of_url_requests_gives_one_outcome_per_input(
    data: st.DataObject, guard: UrlGuard, options: ClientOptions, server: LoopbackServer
) -> None:
    server.route("/a", headers={"Content-Type": "text/html"}, body=b"<p>a page</p>")
    server.route("/big", headers={"Content-Type": "text/html"}, body=os.urandom(200_000))
    valid = json.loads(FetchRequest(url=server.url("/a"), source="s").model_dump_json())
    batch = data.draw(st.lists(hostile(valid), min_size=1, max_size=5))
    batch.append(json.dumps(valid | {"url": server.url("/big")}).encode())
    settings_ = FetcherSettings(
        urls_topic="t.urls",
        articles_topic="t.raw",
        group_id="t",
        kafka=KafkaSettings(max_message_bytes=MAX_MESSAGE),
    )
    raw, letters = run(settings_, guard, options, batch)
    assert len(raw) + len(letters) == len(batch)
    for value in raw:
        assert len(value) <= MAX_MESSAGE
        RawArticle.model_validate_json(value)
    for value in letters:
        assert len(value) <= MAX_MESSAGE
        letter = DeadLetter.model_validate_json(value)
        assert letter.reason
        assert letter.message


def test_random_bytes_larger_than_a_message_become_a_letter_that_fits(
    guard: UrlGuard, options: ClientOptions
) -> None:
    """Finding 4: 6.5 MB of random bytes gave a dead letter larger than the producer allows."""
    settings_ = FetcherSettings(
        urls_topic="t.urls",
        articles_topic="t.raw",
        group_id="t",
        kafka=KafkaSettings(max_message_bytes=1024 * 1024),
    )
    raw, letters = run(settings_, guard, options, [os.urandom(6_500_000)])
    assert raw == []
    letter = DeadLetter.model_validate_json(letters[0])
    assert len(letters[0]) <= 1024 * 1024
    assert letter.payload_truncated
    assert letter.payload_size == 6_500_000
