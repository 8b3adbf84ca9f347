"""Helpers of the cross-service tests: publish raw bytes, read the DLQ, wait for documents."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from elasticsearch import AsyncElasticsearch

from newsdesk import topics
from newsdesk.dlq import RECEIPT_HEADER
from newsdesk.events import DeadLetter
from newsdesk.kafka import ensure_topics
from newsdesk.search import ensure_indices, make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import LocalStack

T = TypeVar("T")
NEWSDESK = [sys.executable, "-m", "newsdesk_cli"]
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


async def publish(settings: KafkaSettings, topic: str, value: bytes, key: bytes | None) -> None:
    """Publish one message exactly as given (poison included)."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        acks="all",
        max_request_size=settings.max_message_bytes,
        compression_type="gzip",
    )
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


async def topic_records(
    settings: KafkaSettings, topic: str, timeout_ms: int = 1500
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record of ``topic`` so far, read from its start without a group."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        batches = await consumer.getmany(timeout_ms=timeout_ms)
        return [record for records in batches.values() for record in records]
    finally:
        await consumer.stop()


async def dead_letters(settings: KafkaSettings) -> list[DeadLetter]:
    """Every dead letter so far (replay receipts left out)."""
    return [
        DeadLetter.model_validate_json(m.value)
        for m in await topic_records(settings, topics.DLQ)
        if not any(name == RECEIPT_HEADER for name, _ in m.headers)
    ]


def stop_groups(processes: list[subprocess.Popen[bytes]], within_s: float = 10) -> None:
    """SIGTERM each process group, then SIGKILL those still running after ``within_s``."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=within_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def eventually(probe: Callable[[], Awaitable[T | None]], within: float = 60.0) -> T:
    """Poll ``probe`` until it returns something truthy; fail after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within:.0f} s")
        await asyncio.sleep(0.5)


async def get_document(es: AsyncElasticsearch, index: str, doc_id: str) -> dict[str, Any] | None:
    """The document's source, or None while it is not there."""
    response = await es.options(ignore_status=404).get(index=index, id=doc_id)
    return dict(response["_source"]) if response.get("found") else None


def ports_env(**extra: str) -> tuple[list[str], dict[str, str]]:
    """``newsdesk run`` port options on free ports, and the environment pointing at them."""
    from newsdesk_cli.local import free_port  # keep helpers importable alone

    kafka, es = free_port(), free_port()
    env = {
        **os.environ,
        "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka}",
        "NEWSDESK_ELASTICSEARCH__URL": f"http://127.0.0.1:{es}",
        **extra,
    }
    return ["--kafka-port", str(kafka), "--es-port", str(es)], env


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the ``newsdesk`` command as a user would, from the repository root."""
    return subprocess.run(
        [*NEWSDESK, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def status_in_process(env: dict[str, str]) -> dict[str, Any] | None:
    """``newsdesk status --json`` run in this process; None when it fails.

    For polls: a ``newsdesk`` process spends seconds of CPU importing the CLI at each start,
    CPU the services being waited for need. A test still asserts on the command's own answer
    (:func:`cli`), asked once a poll has seen what it waits for.
    """
    from typer.testing import CliRunner  # keep helpers importable alone

    from newsdesk_cli.main import app

    result = CliRunner().invoke(app, ["status", "--json"], env=env)
    return dict(json.loads(result.stdout)) if result.exit_code == 0 else None


class SilentServer:
    """A loopback TCP server that accepts connections and never answers (counts them)."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.1)
        self.port = int(self._socket.getsockname()[1])
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self._socket.close()


async def digests(
    es: AsyncElasticsearch, index: str, leave_out: frozenset[str] | set[str] = frozenset()
) -> dict[str, str]:
    """A sha256 of every document of ``index`` by id, without the ``leave_out`` fields.

    The JSON is canonical (sorted keys), so two digests are equal exactly when the documents
    are, field for field, whatever order they were written in.
    """
    await es.indices.refresh(index=index)
    found = await es.search(index=index, query={"match_all": {}}, size=10_000, sort=["_doc"])
    hits = found["hits"]["hits"]
    assert len(hits) < 10_000, "more documents than one page: digest them in pages"
    return {
        hit["_id"]: hashlib.sha256(
            json.dumps(
                {k: v for k, v in hit["_source"].items() if k not in leave_out},
                sort_keys=True,
                ensure_ascii=False,
            ).encode()
        ).hexdigest()
        for hit in hits
    }


@contextmanager
def prepared_stack() -> Iterator[LocalStack]:
    """tansu and noida-db on free loopback ports, with topics and index templates in place."""
    with LocalStack.on_free_ports() as stack:

        async def prepare() -> None:
            await ensure_topics(KafkaSettings(bootstrap_servers=stack.kafka_bootstrap))
            es = make_client(ElasticsearchSettings(url=stack.es_url))
            try:
                await ensure_indices(es, ROOT / "deploy" / "elasticsearch")
            finally:
                await es.close()

        asyncio.run(prepare())
        yield stack
