"""Dead letters are listed with their state and replayed once each, up to a number of attempts."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from newsdesk import topics
from newsdesk.dlq import read_letters
from newsdesk.events import DeadLetter
from newsdesk.settings import KafkaSettings
from tests.helpers import cli, eventually, publish

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("services")]

POISON = b'{"half": "an event"'


async def _attempts(kafka: KafkaSettings, key: str, count: int) -> list[int] | None:
    letters = [x for x in await read_letters(kafka) if x.key == key]
    return [x.attempts for x in letters] if len(letters) >= count else None


async def _newsdesk(env: dict[str, str], *args: str) -> dict[str, Any]:
    result = await asyncio.to_thread(cli, *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def _keys(rows: list[dict[str, Any]]) -> list[str | None]:
    return [row["key"] for row in rows]


def _offsets(rows: list[dict[str, Any]], key: str) -> list[int]:
    return [row["dlq_offset"] for row in rows if row["key"] == key]


async def test_replay_is_idempotent_counts_attempts_and_gives_up(
    kafka_settings: KafkaSettings, stack_env: dict[str, str]
) -> None:
    since = datetime.now(UTC).replace(microsecond=0).isoformat(timespec="seconds")[:19]
    key = f"it-replay-{since}"
    await publish(kafka_settings, topics.ARTICLES_ENRICHED, POISON, key.encode())
    assert await eventually(lambda: _attempts(kafka_settings, key, 1), within=90) == [1]
    unreplayable = {
        f"{key}-scheduler": DeadLetter(stage="scheduler", reason="ssrf_blocked", message="m"),
        f"{key}-cut": DeadLetter(
            stage="indexer",
            reason="too_large",
            message="m",
            topic=topics.ARTICLES_ENRICHED,
            payload=b"{",
            payload_truncated=True,
            payload_size=9_000_000,
        ),
        f"{key}-empty": DeadLetter(
            stage="indexer", reason="invalid_payload", message="m", topic=topics.URLS
        ),
    }
    for name, letter in unreplayable.items():
        keyed = letter.model_copy(update={"key": name})
        await publish(kafka_settings, topics.DLQ, keyed.model_dump_json().encode(), None)
    replay = ["dlq", "replay", "--since", since]

    dry = await _newsdesk(stack_env, *replay, "--dry-run")
    assert dry["dry_run"] is True
    assert key in _keys(dry["replayed"])
    why = {row["key"]: row["why"] for row in dry["not_replayable"]}
    assert "no original message" in why[f"{key}-scheduler"]
    assert "prefix" in why[f"{key}-cut"]
    assert "empty" in why[f"{key}-empty"]
    listed = await _newsdesk(stack_env, "dlq", "list", "--since", since)
    states = {row["key"]: row["state"] for row in listed["letters"]}
    assert states[key] == "pending"
    assert states[f"{key}-scheduler"] == "not replayable"

    first = await _newsdesk(stack_env, *replay)
    assert _offsets(first["replayed"], key) == _offsets(dry["replayed"], key)
    again = await _newsdesk(stack_env, *replay)  # a receipt keeps each letter from going twice
    assert not set(_offsets(again["replayed"], key)) & set(_offsets(first["replayed"], key))
    assert again["already_replayed"] >= 1

    # The replayed poison fails again with attempts + 1, until it has failed three times.
    for _ in range(60):
        report = await _newsdesk(stack_env, *replay)
        if key in _keys(report["gave_up"]):
            break
        await asyncio.sleep(1)
    assert await _attempts(kafka_settings, key, 3) == [1, 2, 3]
    final = await _newsdesk(stack_env, *replay)
    assert key not in _keys(final["replayed"])
    assert [row["attempts"] for row in final["gave_up"] if row["key"] == key] == [3]
    assert final["max_attempts"] == 3
    listed = await _newsdesk(stack_env, "dlq", "list", "--since", since)
    mine = [row for row in listed["letters"] if row["key"] == key]
    assert [(row["attempts"], row["state"]) for row in mine] == [
        (1, "replayed"),
        (2, "replayed"),
        (3, "gave up"),
    ]
    await asyncio.sleep(3)
    assert await _attempts(kafka_settings, key, 1) == [1, 2, 3]


async def test_list_filters_by_stage_and_reason(stack_env: dict[str, str]) -> None:
    report = await _newsdesk(
        stack_env, "dlq", "list", "--stage", "indexer", "--reason", "invalid_payload"
    )
    assert all(row["stage"] == "indexer" for row in report["letters"])
    assert all("payload" not in row for row in report["letters"])
