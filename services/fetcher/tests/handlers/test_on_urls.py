"""``on_urls`` with the in-memory broker: pages published, every refusal dead-lettered."""

from __future__ import annotations

import json

from faststream.kafka import KafkaBroker, TestKafkaBroker
from faststream.kafka.annotations import KafkaMessage

from fetcher.client import SafeClient
from fetcher.handlers import subscribe
from fetcher.politeness import Politeness, PolitenessOptions
from fetcher.robots import RobotsCache
from fetcher.settings import FetcherSettings
from fetcher.testing import LoopbackServer
from fetcher.worker import Worker
from newsdesk import topics
from newsdesk.events import DeadLetter, FetchRequest, RawArticle


async def test_batch_outcomes_go_to_their_topics(
    client: SafeClient, server: LoopbackServer
) -> None:
    settings = FetcherSettings(urls_topic="t.urls", articles_topic="t.raw", group_id="t")
    broker = KafkaBroker()
    broker.include_router(subscribe(settings))
    raw: list[RawArticle] = []
    letters: list[DeadLetter] = []

    @broker.subscriber("t.raw")
    async def sink_raw(message: KafkaMessage) -> None:
        raw.append(RawArticle.model_validate_json(message.body))

    @broker.subscriber(topics.DLQ)
    async def sink_dlq(message: KafkaMessage) -> None:
        letters.append(DeadLetter.model_validate_json(message.body))

    server.route("/a", headers={"Content-Type": "text/html"}, body=b"<p>a</p>")
    worker = Worker(client, RobotsCache(client), Politeness(PolitenessOptions(min_delay=0)))
    page = FetchRequest(url=server.url("/a"), source="s")
    forbidden = FetchRequest(url="http://10.0.0.1/", source="s")
    async with TestKafkaBroker(broker) as test_broker:
        test_broker.context.set_global("worker", worker)
        for request in (page, forbidden):
            await test_broker.publish(request.model_dump_json(), topic="t.urls", key=b"h")
        await test_broker.publish(b"{not json", topic="t.urls", key=b"poison")

    assert [article.content for article in raw] == [b"<p>a</p>"]
    assert sorted(letter.reason for letter in letters) == ["invalid_payload", "ssrf_blocked"]
    blocked = next(letter for letter in letters if letter.reason == "ssrf_blocked")
    assert blocked.url == "http://10.0.0.1/"
    assert json.loads(blocked.payload)["url"] == "http://10.0.0.1/"
    assert blocked.stage == "fetcher"
