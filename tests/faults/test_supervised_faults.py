"""Faults under the real supervisor: kills, a search outage, a rebalance, poison; nothing lost.

One ``newsdesk run`` (the Runner, in this process, on free ports) serves every scenario of this
module; each scenario publishes its own inputs and is judged on them alone. The table of the
session is printed at its end (``tests/faults/conftest.py``).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator

import pytest

from tests.faults import scenarios
from tests.faults.ledger import Row
from tests.faults.run import FaultRun
from tests.faults.scenarios import Sizes
from tests.helpers import cli

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(480)]


@pytest.fixture(scope="module")
async def fault_run(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FaultRun]:
    run = FaultRun(tmp_path_factory.mktemp("faults"))
    try:
        await run.start()
        yield run
    finally:
        await run.stop()


async def _check(run: FaultRun, rows: list[Row], name: str) -> Row:
    row = await scenarios.SCENARIOS[name](run, Sizes())
    rows.append(row)
    assert row.ok, "\n".join([scenarios.format_table([row]), *scenarios.problems_of(row, run)])
    return row


async def test_extractor_killed_mid_stream_is_restarted_and_loses_nothing(
    fault_run: FaultRun, fault_rows: list[Row]
) -> None:
    row = await _check(fault_run, fault_rows, "extractor_kill")
    assert row.restarts == 1
    assert (row.indexed, row.dead_lettered) == (500, 50)
    # `newsdesk status`, another process, finds the run by its broker and reports the restart.
    options = fault_run.options
    env = {
        **os.environ,
        "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS": fault_run.kafka.bootstrap_servers,
        "NEWSDESK_ELASTICSEARCH__URL": fault_run.es_settings.url,
        "NEWSDESK_RUN_DIR": str(options.run_dir),
    }
    done = await asyncio.to_thread(cli, "status", "--json", env=env)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["restarts"] == {"indexer": 0, "extractor": 1, "fetcher": 0, "scheduler": 0}
    assert status["services"]["extractor"] == "running"
    said = fault_run.log_path.read_text(encoding="utf-8")
    assert "newsdesk | extractor exited with code -9; restart 1 in" in said
    await fault_run.until(
        lambda: _said(fault_run, "progress | ", "restarts extractor 1"), 30, "a progress line"
    )


async def _said(run: FaultRun, *parts: str) -> bool:
    lines = run.log_path.read_text(encoding="utf-8").splitlines()
    return any(all(part in line for part in parts) for line in lines)


async def test_indexer_killed_mid_batch_is_restarted_and_writes_each_article_once(
    fault_run: FaultRun, fault_rows: list[Row]
) -> None:
    row = await _check(fault_run, fault_rows, "indexer_kill")
    assert row.restarts == 1
    assert (row.indexed, row.dead_lettered) == (500, 50)


async def test_extractors_joining_and_leaving_the_group_lose_and_repeat_nothing(
    fault_run: FaultRun, fault_rows: list[Row]
) -> None:
    row = await _check(fault_run, fault_rows, "extractor_join_leave")
    assert row.indexed == row.inputs
    assert row.restarts == 0  # retired replicas are not restarted


async def test_poison_on_every_topic_is_dead_lettered_and_good_messages_indexed(
    fault_run: FaultRun, fault_rows: list[Row]
) -> None:
    row = await _check(fault_run, fault_rows, "poison_mix")
    assert row.dead_lettered > 0
    assert row.restarts == 0  # no message brings a service down


async def test_search_server_down_30_s_delays_but_loses_nothing(
    fault_run: FaultRun, fault_rows: list[Row]
) -> None:
    row = await _check(fault_run, fault_rows, "search_outage")
    assert row.indexed == row.inputs
    assert row.dead_lettered == 0
