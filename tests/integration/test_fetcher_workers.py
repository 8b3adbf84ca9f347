"""Two fetcher workers share one URL stream: each URL fetched once, hosts split between them."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from fetcher.testing import LoopbackServer, Reply
from newsdesk.events import FetchRequest, RawArticle
from newsdesk.ids import host_of
from newsdesk.settings import KafkaSettings
from tests.helpers import eventually, publish, stop_groups

pytestmark = pytest.mark.integration

HOSTS = [f"127.0.0.{n}" for n in range(11, 19)]
URLS_PER_HOST = 25  # 8 hosts x 25 = 200 URLs
PAGE = Reply(headers={"Content-Type": "text/html; charset=utf-8"}, body=b"<p>news</p>")


@pytest.fixture
def sites() -> Iterator[list[LoopbackServer]]:
    """One server per loopback host, all on the same port so URLs differ only by host."""
    with contextlib.ExitStack() as stack:
        first = stack.enter_context(LoopbackServer(HOSTS[0]))
        servers = [first] + [
            stack.enter_context(LoopbackServer(host, first.port)) for host in HOSTS[1:]
        ]
        for server in servers:
            for n in range(URLS_PER_HOST):
                server.route(f"/a/{n}", PAGE)
        yield servers


@pytest.fixture
def names(kafka_settings: KafkaSettings) -> dict[str, str]:
    """Topics and group of this test only, so the session's services never see its URLs."""
    run = uuid.uuid4().hex[:8]
    names = {"urls": f"it-{run}.urls", "raw": f"it-{run}.raw", "group": f"it-{run}"}

    async def create() -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=kafka_settings.bootstrap_servers)
        await admin.start()
        try:
            await admin.create_topics([NewTopic(names["urls"], 4, 1), NewTopic(names["raw"], 1, 1)])
        finally:
            await admin.close()

    asyncio.run(create())
    return names


@pytest.fixture
def workers(
    stack_env: dict[str, str], names: dict[str, str], tmp_path: Path
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Two worker processes in one consumer group; each says who it is in its User-Agent."""
    processes = []
    for worker in ("worker-a", "worker-b"):
        env = {
            **stack_env,
            "FETCHER_URLS_TOPIC": names["urls"],
            "FETCHER_ARTICLES_TOPIC": names["raw"],
            "FETCHER_GROUP_ID": names["group"],
            "FETCHER_ALLOW_NETWORKS": '["127.0.0.0/24"]',
            "FETCHER_USER_AGENT": worker,
            "FETCHER_PER_HOST_DELAY_S": "0.01",
        }
        log = (tmp_path / f"{worker}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "faststream", "run", "fetcher.app:app"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    try:
        yield processes
    finally:
        stop_groups(processes)


async def group_members(kafka: KafkaSettings, group: str) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers)
    await admin.start()
    try:
        (response,) = await admin.describe_consumer_groups([group])
        (described,) = response.groups
        state, members = described[2], described[5]
        return len(members) if state == "Stable" else 0
    finally:
        await admin.close()


async def read_raw(kafka: KafkaSettings, topic: str, expected: int) -> list[RawArticle]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka.bootstrap_servers, auto_offset_reset="earliest"
    )
    await consumer.start()
    articles: list[RawArticle] = []
    try:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(90):
                while len(articles) < expected:
                    batches = await consumer.getmany(timeout_ms=1000)
                    articles += [
                        RawArticle.model_validate_json(record.value or b"")
                        for records in batches.values()
                        for record in records
                    ]
        return articles
    finally:
        await consumer.stop()


async def test_two_workers_share_200_urls_without_fetching_any_twice(
    kafka_settings: KafkaSettings,
    names: dict[str, str],
    sites: list[LoopbackServer],
    workers: list[subprocess.Popen[bytes]],
) -> None:
    await eventually(lambda: _both_joined(kafka_settings, names["group"], workers), within=60)
    urls = [server.url(f"/a/{n}") for server in sites for n in range(URLS_PER_HOST)]
    for url in urls:
        request = FetchRequest(url=url, source="it", discovered_via="list")
        await publish(
            kafka_settings, names["urls"], request.model_dump_json().encode(), host_of(url).encode()
        )

    articles = await read_raw(kafka_settings, names["raw"], len(urls))

    assert sorted(article.url for article in articles) == sorted(urls)
    fetches = Counter(
        (server.host, seen.path, seen.headers["user-agent"])
        for server in sites
        for seen in server.requests
        if seen.path != "/robots.txt"
    )
    assert sum(fetches.values()) == len(urls)
    assert max(Counter((host, path) for host, path, _ in fetches).values()) == 1
    by_worker = Counter(agent for _, _, agent in fetches)
    assert set(by_worker) == {"worker-a", "worker-b"}
    hosts_of = {agent: {host for host, _, a in fetches if a == agent} for agent in by_worker}
    assert not hosts_of["worker-a"] & hosts_of["worker-b"], "a host's budget is held by one worker"


async def _both_joined(
    kafka: KafkaSettings, group: str, workers: list[subprocess.Popen[bytes]]
) -> bool:
    assert all(process.poll() is None for process in workers), "a worker exited"
    try:
        return await group_members(kafka, group) == 2
    except (ValueError, IndexError):
        return False
