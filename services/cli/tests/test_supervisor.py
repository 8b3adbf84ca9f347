"""The supervisor restarts dead services with capped, jittered backoff and gives up on a loop."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk_cli.errors import CrashLoopError
from newsdesk_cli.runner import Runner, RunOptions
from newsdesk_cli.runstate import RunStateFile, find_run, read_state, state_path
from newsdesk_cli.supervisor import GiveUp, Restart, RestartHistory, RestartPolicy, Supervisor

FAST = RestartPolicy(initial_delay_s=0.01, max_delay_s=0.04, jitter=0.0, max_failures=4)


def test_delays_grow_exponentially_up_to_the_cap() -> None:
    policy = RestartPolicy(initial_delay_s=0.5, factor=2, max_delay_s=5, jitter=0)
    assert [policy.delay(n, 0.5) for n in range(1, 7)] == [0.5, 1, 2, 4, 5, 5]


def test_jitter_stays_within_its_share_and_under_the_cap() -> None:
    policy = RestartPolicy(initial_delay_s=1, factor=2, max_delay_s=3, jitter=0.2)
    assert policy.delay(1, 0.0) == pytest.approx(0.8)
    assert policy.delay(1, 0.999999) == pytest.approx(1.2, abs=1e-5)
    assert policy.delay(5, 0.999999) == 3  # capped after the jitter too


def test_a_service_that_stayed_up_starts_a_new_streak() -> None:
    history = RestartHistory(RestartPolicy(initial_delay_s=1, jitter=0, stable_after_s=60))
    assert history.on_failure(now=0, uptime_s=5, rand=0.5) == Restart(1, 1)
    assert history.on_failure(now=10, uptime_s=5, rand=0.5) == Restart(2, 2)
    assert history.on_failure(now=20, uptime_s=5, rand=0.5) == Restart(3, 4)
    # Up for two minutes: the next failure is treated as the first of a new streak.
    assert history.on_failure(now=200, uptime_s=120, rand=0.5) == Restart(4, 1)


def test_too_many_failures_within_the_window_is_a_crash_loop() -> None:
    history = RestartHistory(RestartPolicy(max_failures=3, window_s=60, stable_after_s=1000))
    assert isinstance(history.on_failure(now=0, uptime_s=1, rand=0), Restart)
    assert isinstance(history.on_failure(now=50, uptime_s=1, rand=0), Restart)
    # The first failure has left the window: two in 60 s, not three.
    assert isinstance(history.on_failure(now=100, uptime_s=1, rand=0), Restart)
    assert history.on_failure(now=105, uptime_s=1, rand=0) == GiveUp(3, 60)
    assert history.restarts == 3  # the give-up is no restart


@dataclass(frozen=True)
class Svc:
    name: str
    finishes: bool = False


class FakeChild:
    """A process that exits when told to, or when signalled."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._exited = asyncio.Event()

    def exit(self, code: int) -> None:
        if self.returncode is None:
            self.returncode = code
            self._exited.set()

    async def wait(self) -> int:
        await self._exited.wait()
        assert self.returncode is not None
        return self.returncode


class FakeSystem:
    """Launches fake children and delivers signals to them."""

    def __init__(self, *, exit_on_start: dict[str, int] | None = None) -> None:
        self.children: dict[str, list[FakeChild]] = {}
        self.by_pid: dict[int, FakeChild] = {}
        self.signals: list[tuple[int, int]] = []
        self.exit_on_start = exit_on_start or {}
        self.lines: list[str] = []
        self.changes = 0

    async def launch(self, service: Svc) -> FakeChild:
        child = FakeChild(1000 + len(self.by_pid))
        self.by_pid[child.pid] = child
        self.children.setdefault(service.name, []).append(child)
        if service.name in self.exit_on_start:
            asyncio.get_running_loop().call_soon(child.exit, self.exit_on_start[service.name])
        return child

    def signal(self, pid: int, sig: int) -> None:
        self.signals.append((pid, sig))
        if (child := self.by_pid.get(pid)) is not None:
            child.exit(-sig)

    def supervisor(self, policy: RestartPolicy = FAST) -> Supervisor[Svc]:
        def changed() -> None:
            self.changes += 1

        return Supervisor(
            self.launch,
            policy,
            log=self.lines.append,
            on_change=changed,
            signal_child=self.signal,
            rand=lambda: 0.5,
        )


async def until(condition: Callable[[], bool], within: float = 5.0) -> None:
    for _ in range(int(within / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition not met")


async def test_a_killed_service_is_restarted_logged_and_counted() -> None:
    system = FakeSystem()
    supervisor = system.supervisor()
    await supervisor.start([Svc("indexer"), Svc("extractor")])
    first = system.children["extractor"][0]
    first.exit(-9)
    await until(lambda: len(system.children["extractor"]) == 2)
    assert supervisor.restarts() == {"indexer": 0, "extractor": 1}
    assert system.lines == ["extractor exited with code -9; restart 1 in 0.0 s"]
    # The dead process group is swept for helpers it left behind.
    assert (first.pid, signal.SIGKILL) in system.signals
    assert supervisor.pid("extractor") == system.children["extractor"][1].pid
    assert [v.state for v in supervisor.views()] == ["running", "running"]
    assert system.changes >= 3
    await supervisor.stop(grace=1)
    assert all(child.returncode is not None for child in system.by_pid.values())


async def test_a_finishing_service_exiting_zero_is_done_and_not_restarted() -> None:
    system = FakeSystem(exit_on_start={"scheduler": 0})
    supervisor = system.supervisor()
    await supervisor.start([Svc("scheduler", finishes=True)])
    await asyncio.wait_for(supervisor.finished("scheduler"), 5)
    assert supervisor.services["scheduler"].state == "done"
    assert len(system.children["scheduler"]) == 1
    assert supervisor.restarts() == {"scheduler": 0}


async def test_a_crash_loop_gives_up_and_says_so() -> None:
    system = FakeSystem(exit_on_start={"extractor": 1})
    supervisor = system.supervisor()
    await supervisor.start([Svc("extractor"), Svc("indexer")])
    await asyncio.wait_for(supervisor.failed.wait(), 5)
    assert isinstance(supervisor.failure, CrashLoopError)
    message = str(supervisor.failure)
    assert "extractor" in message
    assert "4 times" in message
    assert "crash loop" in message
    assert "last exit code 1" in message
    assert len(system.children["extractor"]) == 4
    assert supervisor.services["extractor"].state == "failed"
    assert supervisor.services["indexer"].state == "running"  # the runner stops the rest
    # Once given up on, nothing else is restarted: everything is about to stop.
    system.children["indexer"][0].exit(-9)
    await until(lambda: supervisor.services["indexer"].state == "stopped")
    assert len(system.children["indexer"]) == 1
    assert "indexer exited" not in " ".join(system.lines)
    await supervisor.stop(grace=1)


async def test_stop_during_a_backoff_starts_nothing_more() -> None:
    system = FakeSystem()
    supervisor = system.supervisor(RestartPolicy(initial_delay_s=30, jitter=0))
    await supervisor.start([Svc("extractor")])
    system.children["extractor"][0].exit(-9)
    await until(lambda: supervisor.services["extractor"].state == "backoff")
    await asyncio.wait_for(supervisor.stop(grace=1), 2)  # does not wait out the 30 s
    assert len(system.children["extractor"]) == 1
    assert supervisor.services["extractor"].state == "stopped"


async def test_stop_kills_what_ignores_sigterm() -> None:
    system = FakeSystem()
    stubborn: set[int] = set()

    def signal_child(pid: int, sig: int) -> None:
        if sig == signal.SIGTERM and pid in stubborn:
            return
        system.signal(pid, sig)

    supervisor = Supervisor(system.launch, FAST, signal_child=signal_child)
    await supervisor.start([Svc("indexer")])
    stubborn.add(system.children["indexer"][0].pid)
    await supervisor.stop(grace=0.05)
    assert system.children["indexer"][0].returncode == -signal.SIGKILL


async def test_a_retired_replica_is_not_restarted() -> None:
    system = FakeSystem()
    supervisor = system.supervisor()
    await supervisor.start([Svc("extractor")])
    await supervisor.add(Svc("extractor-2"))
    assert await supervisor.retire("extractor-2", signal.SIGKILL) == -signal.SIGKILL
    assert len(system.children["extractor-2"]) == 1
    assert supervisor.services["extractor-2"].state == "stopped"
    assert supervisor.restarts()["extractor-2"] == 0
    await supervisor.stop(grace=1)


def test_status_finds_the_state_of_the_run_on_its_broker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_RUN_DIR", str(tmp_path))
    file = RunStateFile(state_path("127.0.0.1:1234"), kafka="127.0.0.1:1234", elasticsearch="x")

    class View:
        def __init__(self, name: str, restarts: int) -> None:
            self.name, self.state, self.pid = name, "running", 1
            self.restarts, self.last_exit = restarts, None

    file.write([View("indexer", 0), View("extractor", 2)])  # type: ignore[list-item]
    found = find_run("127.0.0.1:1234")
    assert found is not None
    assert found.restarts == {"indexer": 0, "extractor": 2}
    assert found.states == {"indexer": "running", "extractor": "running"}
    assert find_run("127.0.0.1:9999") is None  # another broker, another run
    file.remove()
    assert find_run("127.0.0.1:1234") is None


def test_the_state_of_a_dead_run_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    gone = child.pid
    data = {"pid": gone, "kafka": "k", "elasticsearch": "e", "started_at": "t", "services": {}}
    path.write_text(json.dumps(data))
    assert read_state(path) is None
    assert read_state(path, check_alive=False) is not None
    path.write_text("{not json")
    assert read_state(path) is None


async def test_a_drain_that_fails_ends_the_run_with_its_error() -> None:
    runner = Runner(RunOptions(progress_every_s=0.01), lambda name, line: None)

    async def quiet() -> str:
        return "progress"

    async def drain() -> None:
        raise NewsdeskError("not drained after 1 s")

    runner._progress_line = quiet  # type: ignore[method-assign]
    # A --once run that times out (or whose scheduler fails) ends with that error, not success.
    with pytest.raises(NewsdeskError, match="not drained"):
        await runner._watch(drain())
