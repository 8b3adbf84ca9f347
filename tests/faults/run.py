"""A fault run: ``newsdesk run``'s runner in this process on free loopback ports (tansu,
noida-db and the services under the real supervisor), with what scenarios need to publish,
kill, wait for every input's outcome and count it (see ``scenarios``)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from elasticsearch import AsyncElasticsearch

from fetcher.testing import LoopbackServer
from newsdesk import topics
from newsdesk.dlq import RECEIPT_HEADER, Entry, unique
from newsdesk.errors import NewsdeskError
from newsdesk.events import DeadLetter
from newsdesk.kafka import Codec, stream_stats
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import free_port
from newsdesk_cli.runner import Runner, RunOptions
from newsdesk_cli.supervisor import RestartPolicy
from tests.faults.inputs import Input, Plan, page_html, raw_article
from tests.faults.ledger import Row

ARTICLES = "newsdesk-articles"
EVENTS = "newsdesk-events"


# --- the run --------------------------------------------------------------------------------


class Pages:
    """Article pages over HTTP on loopback, for the fetcher's good URLs (robots.txt: 404)."""

    def __init__(self) -> None:
        self.server = LoopbackServer("127.0.0.1").__enter__()

    def url(self, number: int) -> str:
        """The URL of page ``number`` (served from now on)."""
        path = f"/news/{number}.html"
        headers = {"Content-Type": "text/html; charset=utf-8"}
        return self.server.route(path, headers=headers, body=page_html(number))

    def close(self) -> None:
        """Stop serving."""
        self.server.__exit__()


LineHook = Callable[[str, str], bool]


class FaultRun:
    """``newsdesk run`` (the Runner) in this process on free ports, and what scenarios need."""

    def __init__(self, work_dir: Path, *, policy: RestartPolicy | None = None) -> None:
        self.work_dir = work_dir
        self.log_path = work_dir / "run.log"
        self.pages = Pages()
        self.options = RunOptions(
            local=True,
            kafka_port=free_port(),
            es_port=free_port(),
            data_dir=work_dir / "data",
            run_dir=work_dir / "run",
            restart_policy=policy or RestartPolicy(),
            progress_every_s=5.0,
            env={
                # The good URLs of the poison scenario are on loopback, all on one host.
                "FETCHER_ALLOW_NETWORKS": '["127.0.0.1/32"]',
                "FETCHER_PER_HOST_DELAY_S": "0",
                "FETCHER_PER_HOST_CONCURRENCY": "8",
            },
        )
        self.kafka = KafkaSettings(bootstrap_servers=f"127.0.0.1:{self.options.kafka_port}")
        self.es_settings = ElasticsearchSettings(url=f"http://127.0.0.1:{self.options.es_port}")
        self.runner = Runner(self.options, self._print)
        self.hooks: list[LineHook] = []
        self._log = self.log_path.open("a", encoding="utf-8")
        self._task: asyncio.Task[object] | None = None
        self.producer: AIOKafkaProducer | None = None
        self._letters: list[Entry] = []
        self._dlq: AIOKafkaConsumer | None = None
        self._codec = Codec("cli", self.kafka.max_message_bytes)

    def _print(self, name: str, line: str) -> None:
        self._log.write(f"{time.strftime('%H:%M:%S')} {name:>11} | {line}\n")
        self._log.flush()
        keep = []
        for hook in self.hooks:
            try:
                done = hook(name, line)
            except Exception as exc:  # a hook must never break the relay of the service's output
                self._log.write(f"hook failed: {exc!r}\n")
                done = True
            if not done:
                keep.append(hook)
        self.hooks = keep

    async def start(self) -> None:
        """Start the run and wait until an article goes all the way through."""
        self._task = asyncio.create_task(self.runner.run())
        await self.until(self._started, within=120, what="the run to start")
        self.producer = AIOKafkaProducer(
            bootstrap_servers=self.kafka.bootstrap_servers,
            acks="all",
            compression_type="gzip",
            max_request_size=self.kafka.max_message_bytes,
        )
        await self.producer.start()
        self._dlq = AIOKafkaConsumer(
            bootstrap_servers=self.kafka.bootstrap_servers,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_partition_fetch_bytes=16 * 1024 * 1024,
            fetch_max_bytes=64 * 1024 * 1024,
        )
        await self._dlq.start()
        self._dlq.assign([TopicPartition(topics.DLQ, 0)])
        warm = raw_article("warmup", 0)
        await self.publish(topics.ARTICLES_RAW, warm.model_dump_json().encode(), warm.article_id)
        await self.until(lambda: self._has_document(warm.article_id), 240, "the first article")

    async def _started(self) -> bool:
        if self._task is not None and self._task.done():
            self._task.result()  # the run failed to start: say why
        return len(self.runner.supervisor.services) >= 4

    async def stop(self) -> None:
        """Stop the run (the services, then the servers) and the helpers."""
        if self.producer is not None:
            await self.producer.stop()
        if self._dlq is not None:
            await self._dlq.stop()
        self.runner.stopping.set()
        if self._task is not None:
            with contextlib.suppress(NewsdeskError):
                await self._task
        self.pages.close()
        self._log.close()

    # -- acting ----------------------------------------------------------------------------

    async def publish(self, topic: str, value: bytes | None, key: str | None) -> tuple[int, int]:
        """Publish one message exactly as given; its (partition, offset)."""
        assert self.producer is not None
        meta = await self.producer.send_and_wait(topic, value, key=key.encode() if key else None)
        return meta.partition, meta.offset

    async def publish_all(
        self, topic: str, items: list[tuple[bytes | None, str | None]]
    ) -> list[tuple[int, int]]:
        """Publish many messages at once (batched by the producer); their (partition, offset)."""
        assert self.producer is not None
        futures = [
            await self.producer.send(topic, value, key=key.encode() if key else None)
            for value, key in items
        ]
        metas = await asyncio.gather(*futures)
        return [(meta.partition, meta.offset) for meta in metas]

    async def publish_raw(self, scenario: str, numbers: range) -> list[Input]:
        """Raw articles of ``scenario`` onto ``newsdesk.articles.raw``; their inputs."""
        articles = [raw_article(scenario, n) for n in numbers]
        items = [(a.model_dump_json().encode(), a.article_id) for a in articles]
        where = await self.publish_all(topics.ARTICLES_RAW, items)
        return [
            Input("article", "indexed", topics.ARTICLES_RAW, p, o, a.article_id)
            for a, (p, o) in zip(articles, where, strict=True)
        ]

    async def publish_plan(self, plan: Plan) -> list[Input]:
        """Publish a plan's messages at once (keyed by article id); its inputs, placed."""
        inputs = [item for item, _ in plan]
        for topic in {item.topic for item in inputs}:
            mine = [(item, value) for item, value in plan if item.topic == topic]
            items = [
                (value, item.article_id or f"poison-{n}") for n, (item, value) in enumerate(mine)
            ]
            for (item, _), (partition, offset) in zip(
                mine, await self.publish_all(topic, items), strict=True
            ):
                item.partition, item.offset = partition, offset
        return inputs

    def pid(self, name: str) -> int:
        """The process id of a running service."""
        pid = self.runner.supervisor.pid(name)
        assert pid is not None, f"{name} is not running"
        return pid

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the service's main process only (as ``kill -9 <pid>`` would)."""
        os.kill(self.pid(name), sig)

    def restarts(self) -> int:
        """Restarts so far, all services."""
        return sum(self.runner.supervisor.restarts().values())

    def on_line(
        self, service: str, contains: str, action: Callable[[], None], times: int = 1
    ) -> None:
        """Run ``action`` in the log relay (no delay) at the ``times``-th matching line."""
        seen = 0

        def hook(name: str, line: str) -> bool:
            nonlocal seen
            if name != service or contains not in line:
                return False
            seen += 1
            if seen < times:
                return False
            action()
            return True

        self.hooks.append(hook)

    def line(self, service: str, contains: str, within: float = 120) -> Awaitable[None]:
        """Watch for a log line of ``service`` containing ``contains`` from now; await it."""
        seen = asyncio.Event()
        self.on_line(service, contains, seen.set)

        async def wait() -> None:
            try:
                await asyncio.wait_for(seen.wait(), within)
            except TimeoutError:
                message = f"no {service} line with {contains!r} within {within:.0f} s"
                raise AssertionError(message) from None

        return wait()

    async def until(self, probe: Callable[[], Awaitable[object]], within: float, what: str) -> None:
        """Poll ``probe`` until it is truthy (backend errors count as not yet), with a deadline."""
        deadline = time.monotonic() + within
        while True:
            with contextlib.suppress(NewsdeskError, OSError):
                if await probe():
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within:.0f} s waiting for {what}")
            await asyncio.sleep(0.25)

    @contextlib.asynccontextmanager
    async def es(self) -> Any:
        """A search client for one probe."""
        client = make_client(self.es_settings)
        try:
            yield client
        finally:
            await client.close()

    async def _has_document(self, article_id: str) -> bool:
        async with self.es() as es:
            found = await es.options(ignore_status=404).get(index=ARTICLES, id=article_id)
            return bool(found.get("found"))

    async def consumed(self, topic: str) -> int:
        """Messages of ``topic`` its consumer group has committed."""
        stat = (await stream_stats(self.kafka, [topic])).topics[topic]
        return min(stat.committed, stat.messages)

    # -- judging ---------------------------------------------------------------------------

    async def letters(self) -> list[Entry]:
        """Every dead letter so far with its place on the DLQ (read incrementally)."""
        assert self._dlq is not None
        while batches := await self._dlq.getmany(timeout_ms=300, max_records=2000):
            for records in batches.values():
                self._letters.extend(
                    Entry(self._codec.decode(r, DeadLetter), r.partition, r.offset)
                    for r in records
                    if not any(name == RECEIPT_HEADER for name, _ in r.headers or ())
                )
        return list(self._letters)

    async def lag(self) -> int:
        """Unconsumed messages over every work topic."""
        return sum((await stream_stats(self.kafka)).lag.values())

    async def documents(
        self, es: AsyncElasticsearch, index: str, source: str
    ) -> list[dict[str, Any]]:
        """Every hit (documents of all indices behind the alias) with ``source``."""
        await es.indices.refresh(index=index)
        response = await es.search(
            index=index,
            query={"term": {"source": source}},
            size=10_000,
            version=True,
            source_includes=["article_id", "url", "events.type"],
        )
        hits: list[dict[str, Any]] = response["hits"]["hits"]
        return hits

    async def judge(self, scenario: str, inputs: list[Input]) -> Row:
        """The row of ``scenario`` as things stand now."""
        source = f"fault-{scenario}"
        async with self.es() as es:
            docs = await self.documents(es, ARTICLES, source)
            events = await self.documents(es, EVENTS, source)
        entries = [entry for entry in await self.letters() if entry.letter.reason]
        copies = [entry.letter for entry in entries]
        # Letters are published at least once; readers count each failure once (newsdesk.dlq).
        letters = [entry.letter for entry in unique(entries)]
        by_id = Counter(hit["_id"] for hit in docs)
        at = {(i.topic, i.partition, i.offset): n for n, i in enumerate(inputs)}
        ids = {i.article_id: n for n, i in enumerate(inputs) if i.article_id}

        def count(letters: list[DeadLetter]) -> Counter[int]:
            counts: Counter[int] = Counter()
            for letter in letters:
                where = at.get((letter.topic, letter.partition, letter.offset))
                if where is None and letter.article_id:
                    where = ids.get(letter.article_id)
                if where is not None:
                    counts[where] += 1
            return counts

        letter_count = count(letters)
        row = Row(scenario, inputs=len(inputs))
        for n, item in enumerate(inputs):
            documents = by_id[item.article_id] if item.article_id else 0
            outcomes = documents + letter_count[n]
            row.indexed += 1 if documents else 0
            row.dead_lettered += 1 if letter_count[n] and not documents else 0
            if outcomes == 0:
                row.lost += 1
                row.problems.append(f"lost: {item.what} {item.article_id or ''} at {item.offset}")
            elif outcomes > 1:
                row.duplicated += 1
                row.problems.append(
                    f"duplicated: {item.what} {item.article_id or ''} at {item.offset} "
                    f"({documents} documents, {letter_count[n]} letters)"
                )
            elif (documents and item.expect != "indexed") or (
                letter_count[n] and item.expect != "dead_letter"
            ):
                row.unexpected += 1
                row.problems.append(f"unexpected outcome: {item.what} expected {item.expect}")
        row.repeated_letters = sum(count(copies).values()) - sum(letter_count.values())
        row.events_wrong = _events_wrong(docs, events)
        if row.events_wrong:
            row.problems.append(f"{row.events_wrong} articles with the wrong number of events")
        return row

    async def settle(
        self, scenario: str, inputs: list[Input], started: float, within: float = 240
    ) -> Row:
        """Wait until the lag is 0 and every input has an outcome (or the deadline); judge."""
        deadline = time.monotonic() + within
        row = Row(scenario, inputs=len(inputs), lost=len(inputs))
        while True:
            with contextlib.suppress(NewsdeskError, OSError):
                # The lag is the cheap probe; the ledger is read only once the pipeline is idle.
                row.lag = await self.lag()
                if not row.lag:
                    row = await self.judge(scenario, inputs)
                    if not row.lost:
                        break
            if time.monotonic() > deadline:
                row.problems.append(f"not settled within {within:.0f} s")
                break
            await asyncio.sleep(1.0)
        row.seconds = time.monotonic() - started
        return row


def _events_wrong(docs: list[dict[str, Any]], events: list[dict[str, Any]]) -> int:
    """Articles whose event documents are not exactly their record's events."""
    held = Counter(hit["_source"].get("article_id") for hit in events)
    return sum(1 for hit in docs if held[hit["_id"]] != len(hit["_source"].get("events") or []))
