"""The extractor's memory bound holds against hostile inputs: a compression bomb and 5 MB pages.

The real extractor process runs against its own local broker; psutil samples the RSS of the
process and its children (the fork server and the text-stage worker) while it works through
a raw event whose content inflates to 1 GiB, a 5 MB HTML page, a 5 MB text file and a normal
article. Each input must end once (enriched or dead-lettered) and the sum must stay under
the bound the README states.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import psutil
import pytest
from aiokafka import AIOKafkaConsumer

from newsdesk import topics
from newsdesk.events import RawArticle
from newsdesk.files import raw_article_from_file
from newsdesk.kafka import ensure_topics
from newsdesk.settings import KafkaSettings
from newsdesk_cli.local import LocalStack
from tests.helpers import SEEDS, publish

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: The extractor's stated bound: main process, fork server and text-stage worker together.
EXTRACTOR_BOUND_MB = 1536
BOMB_BYTES = 1024**3


@pytest.fixture
def memory_stack() -> Iterator[LocalStack]:
    with LocalStack.on_free_ports() as stack:
        yield stack


def _gzip_bomb(size: int) -> bytes:
    """gzip of ``size`` zero bytes, made in slices (about a thousandth of ``size``)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(size // len(zeros))]
    return b"".join([*parts, packer.flush()])


def _event(article_id: str, content: bytes, content_type: str, *, packed: bool = False) -> bytes:
    raw = RawArticle(
        article_id=article_id,
        url=f"https://hostile.example/{article_id}",
        canonical_url=f"https://hostile.example/{article_id}",
        source="test",
        content=b"placeholder",
        content_type=content_type,
    )
    event = json.loads(raw.model_dump_json())
    if packed:  # content is already gzip: put it on the wire as it is
        event["content"] = base64.b64encode(content).decode("ascii")
        return json.dumps(event).encode()
    return raw.model_copy(update={"content": content}).model_dump_json().encode()


def _big_page(size: int, html: bool) -> bytes:
    paragraph = (
        "Officials from Bahrain and Israel met in Manama on Tuesday to discuss drones, "
        "intelligence sharing and maritime security, a senior official told reporters. "
    )
    parts, total, n = [], 0, 0
    while total < size - 200:
        text = f"{paragraph} Paragraph {n}."
        parts.append(f"<p>{text}</p>\n" if html else f"{text}\n\n")
        total += len(parts[-1])
        n += 1
    body = "".join(parts)
    if html:
        body = (
            f"<html><head><title>Long</title></head><body><article>{body}</article></body></html>"
        )
    return body.encode()[:size]


async def _outcomes(kafka: KafkaSettings, wanted: set[str], within: float) -> dict[str, str]:
    """Which topic each wanted article ended on (enriched or the DLQ), read from the start."""
    consumer = AIOKafkaConsumer(
        topics.ARTICLES_ENRICHED,
        topics.DLQ,
        bootstrap_servers=kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        max_partition_fetch_bytes=16 * 1024 * 1024,
    )
    await consumer.start()
    found: dict[str, str] = {}
    deadline = time.monotonic() + within
    try:
        while set(found) != wanted and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=1000)
            for messages in batches.values():
                for message in messages:
                    key = (message.key or b"").decode()
                    assert key not in found, f"{key} ended twice"
                    found[key] = message.topic
    finally:
        await consumer.stop()
    return found


def _start(env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(extractor: subprocess.Popen[bytes]) -> None:
    os.killpg(extractor.pid, signal.SIGTERM)
    try:
        extractor.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(extractor.pid, signal.SIGKILL)
        extractor.wait()


def _tree_rss_mb(process: psutil.Process) -> tuple[float, float]:
    """RSS of the process alone and of the process with its children, in MB."""
    try:
        main = process.memory_info().rss
        children = sum(c.memory_info().rss for c in process.children(recursive=True))
    except psutil.Error:
        return 0.0, 0.0
    return main / 2**20, (main + children) / 2**20


async def test_a_bomb_and_5_mb_pages_keep_the_extractor_under_its_bound(
    memory_stack: LocalStack, tmp_path: Path
) -> None:
    kafka = KafkaSettings(bootstrap_servers=memory_stack.kafka_bootstrap)
    await ensure_topics(kafka)
    env = {**os.environ, **memory_stack.env(), "PYTHONUNBUFFERED": "1"}
    log = (tmp_path / "extractor.log").open("wb")
    extractor = _start(env, log)
    process = psutil.Process(extractor.pid)
    peaks = [0.0, 0.0]
    sampling = True

    async def sample() -> None:
        while sampling:
            main, tree = _tree_rss_mb(process)
            peaks[0], peaks[1] = max(peaks[0], main), max(peaks[1], tree)
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    seed = raw_article_from_file(next(SEEDS.glob("002_*.txt")), source="test")
    inputs = {
        "bomb": _event("bomb", _gzip_bomb(BOMB_BYTES), "text/html", packed=True),
        "html-5mb": _event("html-5mb", _big_page(4_990_000, html=True), "text/html"),
        "text-5mb": _event("text-5mb", _big_page(4_990_000, html=False), "text/plain"),
        seed.article_id: seed.model_dump_json().encode(),
    }
    try:
        for key, value in inputs.items():
            await publish(kafka, topics.ARTICLES_RAW, value, key.encode())
        found = await _outcomes(kafka, set(inputs), within=400)
    finally:
        sampling = False
        await sampler
        _stop(extractor)
        log.close()

    print(f"extractor peak RSS: main {peaks[0]:.0f} MB, with children {peaks[1]:.0f} MB; {found}")
    assert set(found) == set(inputs), (tmp_path / "extractor.log").read_text()[-3000:]
    assert found["bomb"] == topics.DLQ
    assert found[seed.article_id] == topics.ARTICLES_ENRICHED
    assert peaks[1] < EXTRACTOR_BOUND_MB, peaks
