"""Dead letters can be listed and replayed to the topic they came from."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest

from newsdesk import topics
from newsdesk.dlq import read_letters, replay
from newsdesk.settings import KafkaSettings
from tests.helpers import eventually, publish

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("services")]


async def _with_key(kafka: KafkaSettings, key: str) -> list[object]:
    return [letter for letter in await read_letters(kafka, idle_ms=500) if letter.key == key]


async def test_replayed_letter_goes_back_to_its_topic_and_fails_again_visibly(
    kafka_settings: KafkaSettings, stack_env: dict[str, str]
) -> None:
    await publish(kafka_settings, topics.ARTICLES_ENRICHED, b'{"half": "an event"', b"it-replay")
    first = await eventually(lambda: _with_key(kafka_settings, "it-replay"), within=90)
    assert first[0].stage == "indexer"
    assert first[0].topic == topics.ARTICLES_ENRICHED

    assert await replay(kafka_settings, first) == 1
    both = await eventually(lambda: _pair(kafka_settings, "it-replay"), within=90)
    assert [letter.payload for letter in both] == [b'{"half": "an event"'] * 2

    command = ["dlq", "list", "--stage", "indexer", "--reason", "invalid_payload", "--json"]
    listed = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "newsdesk_cli", *command],
        env=stack_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    assert report["total"] >= 2
    assert all(row["stage"] == "indexer" for row in report["letters"])
    assert "payload" not in report["letters"][0]


async def _pair(kafka: KafkaSettings, key: str) -> list[object] | None:
    letters = await _with_key(kafka, key)
    return letters if len(letters) >= 2 else None
