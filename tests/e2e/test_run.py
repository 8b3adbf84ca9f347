"""End to end: ``newsdesk run`` over the seeds, as a newcomer runs it, on free ports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.helpers import NEWSDESK, ROOT, cli, ports_env, status_in_process

pytestmark = [pytest.mark.integration, pytest.mark.slow]
EXPECTED = {
    "000": ({"Benny Gantz", "Abdullah Bin Hassan Al Noaimi", "Brad Cooper"}, {"IL", "BH", "US"}),
    "001": ({"Joe Biden", "Benny Gantz", "Nasser Kanani"}, {"IL", "BH", "US", "IR"}),
    "002": ({"Alejandro Mayorkas", "Rashid bin Abdullah Al Khalifa"}, {"BH", "US"}),
}


def test_run_once_indexes_the_three_seeds_and_exits_zero() -> None:
    ports, env = ports_env()
    done = subprocess.run(
        [*NEWSDESK, "run", "--once", "--json", "--seeds", "seeds", *ports],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["dead_letters"] == 0
    articles = report["articles"]
    assert len(articles) == 3
    by_seed = {Path(a["article_id"]).name: a for a in articles}
    assert len(by_seed) == 3
    for persons, countries in EXPECTED.values():
        match = [a for a in articles if persons <= set(a["persons"])]
        assert match, f"no article with persons {persons}: {[a['persons'] for a in articles]}"
        assert countries <= set(match[0]["countries"])


def test_run_serves_search_entities_status_and_stops_cleanly_on_sigint(
    tmp_path: Path,
) -> None:
    ports, env = ports_env(NEWSDESK_RUN_DIR=str(tmp_path / "runs"))
    output = tmp_path / "run.log"
    with output.open("wb") as log:  # a file, not a pipe: nobody would drain a pipe here
        runner = subprocess.Popen(
            [*NEWSDESK, "run", "--seeds", "seeds", *ports],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        status = _wait_for_indexed(env, 3, timeout=240)
        assert status["lag"] == dict.fromkeys(status["lag"], 0)
        assert status["restarts"] == {
            "indexer": 0,
            "extractor": 0,
            "fetcher": 0,
            "scheduler": 0,
        }
        assert set(status["services"].values()) == {"running"}

        found = json.loads(cli("search", "drones", "--json", env=env).stdout)
        assert found["total"] == 2  # "drones" also finds "drone and missile attacks"
        assert "drone" in (found["hits"][0]["title"] or "").lower()
        assert set(found["hits"][0]) >= {
            "id",
            "title",
            "url",
            "published_at",
            "score",
            "persons",
            "countries",
        }

        people = json.loads(cli("entities", "--label", "PERSON", "--json", env=env).stdout)
        names = {entity["name"] for entity in people}
        assert {"Benny Gantz", "Alejandro Mayorkas", "Joe Biden"} <= names
        assert all(entity["label"] == "PERSON" for entity in people)
        assert people == sorted(people, key=lambda e: -e["articles"])

        children = psutil.Process(runner.pid).children(recursive=True)
        assert len(children) >= 6  # two servers and four services
        started = time.monotonic()
        runner.send_signal(signal.SIGINT)
        runner.wait(timeout=15)
        assert time.monotonic() - started < 10
        assert runner.returncode == 0
        time.sleep(0.5)
        leftovers = [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
        assert leftovers == []
        assert list((tmp_path / "runs").glob("*.json")) == []  # the run's state went with it
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
            runner.wait()


def _wait_for_indexed(env: dict[str, str], count: int, timeout: float) -> dict[str, object]:
    """The status ``newsdesk status --json`` gives once ``count`` articles are indexed and no
    stage lags; polled in this process, the answer returned is the command's own."""

    def indexed(status: dict[str, Any] | None) -> bool:
        return status is not None and status["indexed"] >= count and not any(status["lag"].values())

    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        polled = status_in_process(env)
        last = json.dumps(polled)
        if indexed(polled):
            done = cli("status", "--json", env=env)
            last = done.stdout + done.stderr
            if done.returncode == 0 and indexed(status := json.loads(done.stdout)):
                return dict(status)
        time.sleep(1)
    raise AssertionError(f"not indexed within {timeout} s; last status: {last[-2000:]}")
