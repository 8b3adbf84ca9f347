"""On the real local stack, with secrets set: status output and dead letters never hold them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from newsdesk import topics
from newsdesk.settings import KafkaSettings
from tests.helpers import cli

pytestmark = pytest.mark.integration

SECRETS = {
    "NEWSDESK_ELASTICSEARCH__USERNAME": "elastic",
    "NEWSDESK_ELASTICSEARCH__PASSWORD": "es-password-secret-31d7",
}


async def _dlq_bytes(kafka: KafkaSettings) -> bytes:
    consumer = AIOKafkaConsumer(
        topics.DLQ, bootstrap_servers=kafka.bootstrap_servers, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        batches = await consumer.getmany(timeout_ms=2000, max_records=100_000)
        return b"\n".join(m.value or b"" for ms in batches.values() for m in ms)
    finally:
        await consumer.stop()


async def test_status_and_dead_letters_hold_no_secret(
    tmp_path: Path, stack_env: dict[str, str], kafka_settings: KafkaSettings
) -> None:
    env = {**stack_env, **SECRETS}
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:
        sparse.truncate(17 * 1024 * 1024)
    ingest = await asyncio.to_thread(cli, "ingest", str(huge), "--json", env=env)
    assert ingest.returncode == 3, ingest.stderr
    status = await asyncio.to_thread(cli, "status", "--json", env=env)
    assert status.returncode == 0, status.stderr
    letters = await _dlq_bytes(kafka_settings)
    assert b"huge.txt" in letters
    secret = SECRETS["NEWSDESK_ELASTICSEARCH__PASSWORD"]
    assert secret not in ingest.stdout + ingest.stderr
    assert secret not in status.stdout + status.stderr
    assert secret.encode() not in letters
