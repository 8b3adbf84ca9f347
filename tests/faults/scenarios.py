"""Fault scenarios on the real local stack under the real supervisor, and the ledger judging them.

One copy, used by ``tests/faults/test_supervised_faults.py`` (``make test``) and
``bench/faults.py`` (``make bench``). :class:`FaultRun` starts ``newsdesk run``'s
:class:`~newsdesk_cli.runner.Runner` in this process on free loopback ports: tansu, noida-db and
the services as real child processes under the supervisor. Each scenario publishes inputs of its
own (``source`` = ``fault-<scenario>``), does its damage, then waits — polling, with a deadline —
until every input has an outcome and the lag is back to 0, and returns a :class:`Row`:

- *indexed*: the input's document is in ``newsdesk-articles``;
- *dead-lettered*: a letter with a reason names the input (its topic/partition/offset, or the
  article id it carries);
- *lost*: neither; *duplicated*: more than one outcome (two documents behind the alias, two
  letters, or a document and a letter);
- *unexpected*: a good input dead-lettered or a poison indexed.

Events are checked too: each indexed article has exactly as many documents in ``newsdesk-events``
as its record has events.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gzip
import json
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from elasticsearch import AsyncElasticsearch

import extractor
from fetcher.testing import LoopbackServer
from newsdesk import ids, topics
from newsdesk.dlq import RECEIPT_HEADER, Entry, unique
from newsdesk.errors import NewsdeskError
from newsdesk.events import DeadLetter, EnrichedArticle, Event, EventParty, FetchRequest, RawArticle
from newsdesk.kafka import Codec, stream_stats
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import free_port
from newsdesk_cli.runner import Runner, RunOptions, ServiceSpec
from newsdesk_cli.supervisor import RestartPolicy

ARTICLES = "newsdesk-articles"
EVENTS = "newsdesk-events"
Expect = Literal["indexed", "dead_letter"]


# --- inputs ---------------------------------------------------------------------------------

PEOPLE = [
    ("Benny Gantz", "Israel"),
    ("Abdullah Al Noaimi", "Bahrain"),
    ("Lloyd Austin", "the United States"),
    ("Ben Wallace", "Britain"),
    ("Florence Parly", "France"),
    ("Nobuo Kishi", "Japan"),
    ("Rajnath Singh", "India"),
    ("Richard Marles", "Australia"),
    ("Abdellatif Loudiyi", "Morocco"),
    ("Mohammed bin Ahmed Al Bowardi", "the United Arab Emirates"),
]
CITIES = ["Manama", "Jerusalem", "Washington", "London", "Paris", "Tokyo", "New Delhi", "Rabat"]
ITEMS = ["drones", "patrol boats", "air defence radars", "training aircraft", "missile systems"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article_text(scenario: str, number: int) -> str:
    """A short seed-like defence report (about 70 words), distinct per (scenario, number)."""
    pick = random.Random(f"{scenario}/{number}")  # noqa: S311  # reproducible text, no secret
    (a, country_a), (b, country_b) = pick.sample(PEOPLE, 2)
    city, item, month = pick.choice(CITIES), pick.choice(ITEMS), pick.choice(MONTHS)
    count, value = pick.randint(2, 400), pick.randint(10, 9000)
    return (
        f"{city}, {month} {pick.randint(1, 28)}, 2022. The defence minister of {country_a}, "
        f"{a}, on Tuesday signed a security agreement with {b} of {country_b}. It covers "
        f"the purchase of {count} {item} worth {value} million dollars. "
        f'"This makes both our nations safer," {a} said. Report {scenario}-{number} counted '
        f"{count * 7 + number} troops."
    )


def raw_article(scenario: str, number: int) -> RawArticle:
    """A plain-text raw article, as ``newsdesk ingest`` or the fetcher would publish it."""
    url = f"https://fault.example/{scenario}/{number}"
    return RawArticle(
        article_id=f"fault-{scenario}-{number:05d}",
        url=url,
        canonical_url=url,
        source=f"fault-{scenario}",
        content=article_text(scenario, number).encode(),
        content_type="text/plain",
    )


def enriched_article(scenario: str, number: int) -> EnrichedArticle:
    """An enriched record as the extractor would publish it, one or two events included."""
    pick = random.Random(f"enriched/{scenario}/{number}")  # noqa: S311  # reproducible text
    (a, country_a), (b, country_b) = pick.sample(PEOPLE, 2)
    url = f"https://fault.example/{scenario}/{number}"
    events = [
        Event(
            type="agreement",
            trigger="signed",
            parties=[EventParty(name=a), EventParty(name=b)],
            sentence=f"{a} signed a security agreement with {b}.",
        )
    ] * (1 + number % 2)
    return EnrichedArticle(
        article_id=f"fault-{scenario}-{number:05d}",
        url=url,
        canonical_url=url,
        source=f"fault-{scenario}",
        fetched_at=datetime.now(UTC),
        title=f"{country_a} and {country_b} sign a security agreement ({number})",
        text=article_text(scenario, number),
        persons=[a, b],
        events=events,
        minhash_bands=[f"{scenario}-{number}-{band}" for band in range(16)],
    )


def page_html(number: int) -> bytes:
    """An article page the loopback HTTP server serves to the fetcher."""
    text = article_text("page", number)
    return (
        f"<!doctype html><html><head><title>Security agreement {number}</title></head><body>"
        f"<article><h1>Security agreement {number}</h1><p>{text}</p><p>{text}</p></article>"
        f"</body></html>"
    ).encode()


def _gzip64(data: bytes) -> str:
    return base64.b64encode(gzip.compress(data)).decode()


def poison(topic: str) -> list[tuple[str, bytes | None, str | None]]:
    """Hostile messages for ``topic``: (what it is, the bytes or None for a null value, the id
    of the article it would become if it were wrongly accepted)."""
    noise = random.Random(topic)  # noqa: S311  # reproducible noise, no secret
    shared: list[tuple[str, bytes | None, str | None]] = [
        ("arbitrary bytes", noise.randbytes(300), None),
        ("not JSON text", b"{'article_id': 1,", None),
        ("JSON of the wrong shape", b"[1, 2, 3]", None),
        ("empty message", b"", None),
        ("null value", None, None),
        ("6.5 MB of random bytes", noise.randbytes(6_500_000), None),
    ]
    stamp = "discovered_at" if topic == topics.URLS else "fetched_at"
    count = 0

    def variant(**changes: Any) -> tuple[bytes, str | None]:
        # Each variant is otherwise a good input of the poison scenario: accepted by mistake, it
        # would show up as an unexpected document rather than go unnoticed.
        nonlocal count
        count += 1
        number = 90_000 + 100 * list(topics.CONSUMERS).index(topic) + count
        valid: dict[str, Any]
        if topic == topics.URLS:
            valid = {"url": f"http://127.0.0.1:9/poison/{number}", "source": "fault-e"}
            return json.dumps({**valid, **changes}).encode(), None
        model = raw_article if topic == topics.ARTICLES_RAW else enriched_article
        article = model("e", number)
        valid = json.loads(article.model_dump_json())
        return json.dumps({**valid, **changes}).encode(), article.article_id

    specific = [
        ("schema_version 99", *variant(schema_version=99)),
        (f"{stamp} in 1900", *variant(**{stamp: "1900-01-01T00:00:00Z"})),
    ]
    if topic == topics.ARTICLES_RAW:
        specific += [
            ("content not base64", *variant(content="%%% not base64 %%%")),
            ("content base64 of non-gzip bytes", *variant(content=_b64(b"x" * 99))),
            ("content truncated gzip", *variant(content=_gzip64(b"y" * 5000)[:40])),
            ("content a gzip bomb (40 MB)", *variant(content=_gzip64(b"\0" * 40_000_000))),
        ]
    if topic == topics.ARTICLES_ENRICHED:
        bands = [f"band-{n}" for n in range(70_000)]
        specific.append(("70,000 minhash_bands", *variant(minhash_bands=bands)))
    return shared + specific


def among(topic: str, goods: list[RawArticle] | list[EnrichedArticle], every: int) -> Plan:
    """Good articles for ``topic`` with a poison message after every ``every``-th of them."""
    plan: Plan = []
    for n, good in enumerate(goods, start=1):
        value = good.model_dump_json().encode()
        plan.append((Input("article", "indexed", topic, article_id=good.article_id), value))
        if not every or n % every:
            continue
        # Accepted by mistake, the third kind would show up as an unexpected document.
        wrong = f"{good.article_id}-poison"
        kinds: list[tuple[str, bytes, str | None]] = [
            ("not JSON", b"{not json " + str(n).encode(), None),
            ("JSON of the wrong shape", json.dumps([n]).encode(), None),
            ("schema_version 99", _with(value, schema_version=99, article_id=wrong), wrong),
        ]
        what, poison_value, would_be = kinds[(n // every) % len(kinds)]
        plan.append((Input(what, "dead_letter", topic, article_id=would_be), poison_value))
    return plan


def _with(value: bytes, **changes: Any) -> bytes:
    return json.dumps({**json.loads(value), **changes}).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass
class Input:
    """One thing a scenario published, and where its outcome will name it."""

    what: str
    expect: Expect
    topic: str
    partition: int = -1
    offset: int = -1
    article_id: str | None = None


#: What a scenario publishes: each input and its bytes (keyed by its article id, if any).
Plan = list[tuple["Input", bytes | None]]


@dataclass
class Row:
    """One line of the fault table."""

    scenario: str
    inputs: int = 0
    indexed: int = 0
    dead_lettered: int = 0
    lost: int = 0
    duplicated: int = 0
    unexpected: int = 0
    restarts: int = 0
    lag: int = 0
    seconds: float = 0.0
    events_wrong: int = 0
    #: Copies of a letter published again after a crash (read as one failure).
    repeated_letters: int = 0
    note: str = ""
    problems: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        """What to say below the table about this row."""
        repeated = f"{self.repeated_letters} letters published again after a crash, read once"
        return [note for note in (self.note, repeated if self.repeated_letters else "") if note]

    @property
    def ok(self) -> bool:
        """The invariant held: nothing lost or duplicated, nothing unexpected, lag back to 0."""
        return not (
            self.lost or self.duplicated or self.unexpected or self.lag or self.events_wrong
        )


COLUMNS = [
    ("scenario", "scenario"),
    ("inputs", "inputs"),
    ("indexed", "indexed"),
    ("dead-lettered", "dead_lettered"),
    ("lost", "lost"),
    ("duplicated", "duplicated"),
    ("restarts", "restarts"),
    ("lag after", "lag"),
    ("seconds", "seconds"),
]


def format_table(rows: list[Row], *, markdown: bool = False) -> str:
    """The fault table, aligned for a terminal or as a Markdown table."""
    cells = [[name for name, _ in COLUMNS]]
    for row in rows:
        values = [getattr(row, attr) for _, attr in COLUMNS]
        cells.append([f"{v:.0f}" if isinstance(v, float) else str(v) for v in values])
    if markdown:
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(COLUMNS)]
        return "\n".join(lines + ["| " + " | ".join(c) + " |" for c in cells[1:]])
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    )


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


# --- the scenarios --------------------------------------------------------------------------


@dataclass
class Sizes:
    """How many inputs each scenario publishes (the bench may run larger ones)."""

    extractor_kill: int = 500
    indexer_kill: int = 500
    #: The kill scenarios put a poison message after every this many articles.
    poison_every: int = 10
    outage_articles: int = 200
    outage_seconds: float = 30.0
    join_rate_per_s: float = 2.0
    join_max: int = 2000
    poison_good: int = 40
    poison_urls: int = 10

    def scaled(self, factor: float) -> Sizes:
        """Every count times ``factor`` (the outage keeps its length)."""
        counts = {
            name: max(1, round(value * factor))
            for name, value in vars(self).items()
            if isinstance(value, int) and name != "poison_every"
        }
        return replace(self, **counts)


async def extractor_kill(run: FaultRun, sizes: Sizes) -> Row:
    """kill -9 the extractor mid-stream with the articles queued; it is restarted, nothing lost."""
    started, restarts = time.monotonic(), run.restarts()
    before = await run.consumed(topics.ARTICLES_RAW)
    goods = [raw_article("a", n) for n in range(sizes.extractor_kill)]
    inputs = await run.publish_plan(among(topics.ARTICLES_RAW, goods, sizes.poison_every))
    killed = asyncio.Event()
    # The third batch it finishes: outputs published, offsets about to be committed.
    run.on_line("extractor", "Processed", lambda: (run.kill("extractor"), killed.set()), times=3)
    await asyncio.wait_for(killed.wait(), 240)
    at_kill = await run.consumed(topics.ARTICLES_RAW) - before
    row = await run.settle("a", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "kill -9 extractor mid-stream"
    row.note = f"killed with {at_kill} of {len(inputs)} consumed"
    return row


async def indexer_kill(run: FaultRun, sizes: Sizes) -> Row:
    """kill -9 the indexer right after a bulk write, before its offsets are committed."""
    started, restarts = time.monotonic(), run.restarts()
    goods = [enriched_article("b", n) for n in range(sizes.indexer_kill)]
    killed = asyncio.Event()
    run.on_line("indexer", "batch:", lambda: (run.kill("indexer"), killed.set()))
    inputs = await run.publish_plan(among(topics.ARTICLES_ENRICHED, goods, sizes.poison_every))
    await asyncio.wait_for(killed.wait(), 120)
    row = await run.settle("b", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "kill -9 indexer mid-batch"
    return row


async def search_outage(run: FaultRun, sizes: Sizes) -> Row:
    """Stop the search server for 30 s while articles flow; they all arrive after it returns."""
    assert run.runner.stack is not None
    started, restarts = time.monotonic(), run.restarts()
    half = sizes.outage_articles // 2
    inputs = await run.publish_raw("c", range(half))
    await run.until(lambda: _any_indexed(run, "fault-c"), 120, "the first article of the flow")
    await asyncio.to_thread(run.runner.stack.stop_server, "elasticsearch")
    inputs += await run.publish_raw("c", range(half, sizes.outage_articles))
    # The scenario itself: the server stays away this long while the pipeline keeps working.
    await asyncio.sleep(sizes.outage_seconds)
    # Meanwhile the indexer must hold its offsets and dead-letter nothing: records it could not
    # write wait in the topic (the outage is no reason to refuse an article).
    enriched = (await stream_stats(run.kafka, [topics.ARTICLES_ENRICHED])).topics
    held = enriched[topics.ARTICLES_ENRICHED].lag
    refused = [
        entry.letter
        for entry in await run.letters()
        if (entry.letter.article_id or "").startswith("fault-c-")
    ]
    await asyncio.to_thread(run.runner.stack.start_server, "elasticsearch")
    row = await run.settle("c", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = f"search server down {sizes.outage_seconds:.0f} s"
    row.note = f"{held} enriched records held in the topic at the end of the outage"
    if refused or not held:
        row.unexpected += len(refused) or 1
        row.problems.append(f"during the outage: {held} records held, {len(refused)} refused")
    return row


async def _any_indexed(run: FaultRun, source: str) -> bool:
    async with run.es() as es:
        return bool(await run.documents(es, ARTICLES, source))


async def extractor_join_leave(run: FaultRun, sizes: Sizes) -> Row:
    """Two more extractors join the group mid-stream; one leaves with SIGTERM, the other is
    killed with SIGKILL, each while it works on a batch, which the others then redo."""
    started, restarts = time.monotonic(), run.restarts()
    inputs: list[Input] = []
    done = asyncio.Event()

    async def feed() -> None:
        # The load shape of the scenario: a steady stream while members join and leave (capped,
        # so a slow machine does not pile up work). Pacing, not a wait for a condition.
        number = 0
        while not done.is_set() and number < sizes.join_max:
            inputs.extend(await run.publish_raw("d", range(number, number + 2)))
            number += 2
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), 2 / sizes.join_rate_per_s)

    feeder = asyncio.create_task(feed())
    try:
        # Both join at once (their model loads overlap), then leave one after the other.
        busy = {
            name: run.line(name, "Received", within=240) for name in ("extractor-2", "extractor-3")
        }
        for name in busy:
            await run.runner.supervisor.add(ServiceSpec(name, extractor))
        await busy["extractor-2"]
        await run.runner.supervisor.retire("extractor-2", signal.SIGTERM)
        await busy["extractor-3"]
        await run.line("extractor-3", "Received", within=240)  # a batch after the rebalance
        await run.runner.supervisor.retire("extractor-3", signal.SIGKILL)
    finally:
        done.set()
        await feeder
    row = await run.settle("d", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "extractors join and leave"
    row.note = "extractor-2 left with SIGTERM, extractor-3 with SIGKILL, each mid-batch"
    return row


async def poison_mix(run: FaultRun, sizes: Sizes) -> Row:
    """Poison on every topic between good messages: poison dead-lettered, the rest indexed."""
    started, restarts = time.monotonic(), run.restarts()
    plan: list[tuple[Input, bytes | None, str | None]] = []
    for topic in topics.CONSUMERS:
        for what, value, would_be in poison(topic):
            item = Input(f"{topic}: {what}", "dead_letter", topic, article_id=would_be)
            plan.append((item, value, f"poison-{len(plan)}"))
    for number in range(sizes.poison_urls):
        url = run.pages.url(number)
        request = FetchRequest(url=url, source="fault-e", discovered_via="cli")
        item = Input(
            "good URL", "indexed", topics.URLS, article_id=ids.article_id(ids.canonical_url(url))
        )
        plan.append((item, request.model_dump_json().encode(), ids.host_of(url)))
    good: list[RawArticle | EnrichedArticle] = [
        raw_article("e", n) for n in range(sizes.poison_good)
    ]
    good += [enriched_article("e", 10_000 + n) for n in range(sizes.poison_good // 2)]
    for article in good:
        topic = topics.ARTICLES_RAW if isinstance(article, RawArticle) else topics.ARTICLES_ENRICHED
        item = Input(f"good {topic}", "indexed", topic, article_id=article.article_id)
        plan.append((item, article.model_dump_json().encode(), article.article_id))
    # Poison between good messages, on every partition; the same order every run.
    random.Random(5).shuffle(plan)  # noqa: S311
    for item, value, key in plan:
        item.partition, item.offset = await run.publish(item.topic, value, key)
    inputs = [item for item, _, _ in plan]
    row = await run.settle("e", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "poison on every topic"
    row.note = f"{sum(i.expect == 'dead_letter' for i in inputs)} poison messages"
    return row


Scenario = Callable[[FaultRun, Sizes], Awaitable[Row]]
SCENARIOS: dict[str, Scenario] = {
    "extractor_kill": extractor_kill,
    "indexer_kill": indexer_kill,
    "extractor_join_leave": extractor_join_leave,
    "poison_mix": poison_mix,
    "search_outage": search_outage,
}


def problems_of(row: Row, run: FaultRun) -> Iterator[str]:
    """What to print when a row fails: its problems and the end of the run's log."""
    yield from row.problems[:20]
    with contextlib.suppress(OSError):
        yield from run.log_path.read_text(encoding="utf-8").splitlines()[-60:]
