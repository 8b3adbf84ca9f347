"""newsdesk run's supervisor on real service processes: a crash loop ends the run, loudly."""

from __future__ import annotations

import os
from pathlib import Path

import psutil
import pytest

from newsdesk_cli.errors import CrashLoopError
from newsdesk_cli.local import LocalStack
from newsdesk_cli.runner import Runner, RunOptions
from newsdesk_cli.supervisor import RestartPolicy

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def test_services_that_keep_dying_end_the_run_with_a_crash_loop_error(
    local_stack: LocalStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in local_stack.env().items():
        monkeypatch.setenv(name, value)
    lines: list[tuple[str, str]] = []
    options = RunOptions(
        local=False,
        run_dir=tmp_path,
        progress_every_s=0.5,
        restart_policy=RestartPolicy(initial_delay_s=0.05, jitter=0, max_failures=3, window_s=120),
        # Every service's interpreter fails at start-up (exit 1) without a standard library; the
        # runner's own process is fine. Quicker than a bad setting, found only after the imports.
        env={"PYTHONHOME": str(tmp_path / "no-python-here")},
    )
    runner = Runner(options, lambda name, line: lines.append((name, line)))
    with pytest.raises(CrashLoopError, match=r"times within 120 s .*a crash loop, giving up"):
        await runner.run()
    said = [line for name, line in lines if name == "newsdesk"]
    assert any("exited with code 1; restart 1 in 0.1 s" in line for line in said)
    assert any("crash loop, giving up; stopping everything" in line for line in said)
    entries = runner.supervisor.services.values()
    assert {entry.state for entry in entries} <= {"failed", "stopped"}
    assert "failed" in {entry.state for entry in entries}
    assert all(not psutil.pid_exists(e.child.pid) for e in entries if e.child is not None)
    assert not os.listdir(tmp_path)  # the run's state file went with it
