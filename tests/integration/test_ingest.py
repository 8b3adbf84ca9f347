"""`newsdesk ingest DIR` accounts for every file: sent, or refused with a reason (dead-lettered)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from newsdesk.dlq import read_letters
from newsdesk.ids import file_url
from newsdesk.settings import KafkaSettings
from tests.helpers import cli

pytestmark = pytest.mark.integration


def article_dir(root: Path) -> dict[str, Path]:
    """Four files in the order ingest reads them: fine, over 16 MiB, too big as an event, fine."""
    root.mkdir()
    files = {
        "first": root / "a-first.txt",
        "huge": root / "b-huge.txt",
        "incompressible": root / "c-incompressible.html",
        "last": root / "d-last.txt",
    }
    files["first"].write_text("Ministers met in Manama on Tuesday.\n")
    with files["huge"].open("wb") as huge:
        huge.truncate(17 * 1024 * 1024)  # sparse: 17 MiB that cost no disk
    # 7 MiB of random bytes: under the file limit, but 9+ MiB of base64 in the event.
    files["incompressible"].write_bytes(os.urandom(7 * 1024 * 1024))
    files["last"].write_text("The agreement was signed in Washington.\n")
    return files


async def test_every_file_is_sent_or_refused_with_a_reason(
    tmp_path: Path, stack_env: dict[str, str], kafka_settings: KafkaSettings
) -> None:
    files = article_dir(tmp_path / "articles")
    result = await asyncio.to_thread(
        cli, "ingest", str(tmp_path / "articles"), "--json", env=stack_env
    )

    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["sent"] == {"files": 2, "urls": 0}
    refused = {Path(row["path"]).name: row for row in report["refused"]}
    assert set(refused) == {files["huge"].name, files["incompressible"].name}
    assert refused[files["huge"].name]["reason"] == "too_large"
    assert "17,825,792 bytes" in refused[files["huge"].name]["message"]
    assert refused[files["incompressible"].name]["reason"] == "too_large"
    assert "as JSON" in refused[files["incompressible"].name]["message"]
    assert report["dead_lettered"] == 2

    wanted = {file_url(files[name].resolve()) for name in ("huge", "incompressible")}
    letters = [x for x in await read_letters(kafka_settings, idle_ms=500) if x.url in wanted]
    assert sorted((x.stage, x.reason) for x in letters) == [("cli", "too_large")] * 2
    assert all(x.topic is None and not x.payload for x in letters)


async def test_a_clean_ingest_exits_zero_and_says_what_it_sent(
    tmp_path: Path, stack_env: dict[str, str]
) -> None:
    (tmp_path / "one.txt").write_text("A visit to Rabat.\n")
    result = await asyncio.to_thread(cli, "ingest", str(tmp_path), env=stack_env)
    assert result.returncode == 0, result.stderr
    assert "sent 1 files and 0 URLs" in result.stdout
    assert "refused" not in result.stdout
