"""Supervision of ``newsdesk run``'s service processes: restart with backoff, give up on a loop.

A service that dies is started again after a capped, jittered, exponential delay; the delay
starts over once the service has stayed up for a while. A service that fails too often within a
window is in a crash loop: the supervisor gives up and the run stops with an error that says so.
A service declared ``finishes`` (the scheduler's single pass) may exit 0: it is then done.

The policy and the bookkeeping are plain data (:class:`RestartPolicy`, :class:`RestartHistory`);
:class:`Supervisor` takes the process launcher, the clock, the random source and the sleep as
arguments, so tests drive it with fakes and ``newsdesk run`` with real processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypeVar

from newsdesk_cli.errors import CrashLoopError

State = Literal["running", "backoff", "done", "stopped", "failed"]


@dataclass(frozen=True)
class RestartPolicy:
    """How a dead service is restarted, and when restarting is pointless."""

    #: Delay before the first restart of a streak; each further one multiplies it by ``factor``.
    initial_delay_s: float = 0.5
    factor: float = 2.0
    #: No delay is longer than this (jitter included).
    max_delay_s: float = 30.0
    #: ± share of the delay drawn at random, so replicas that died together do not return together.
    jitter: float = 0.2
    #: A service up this long before it died starts a new streak (its first delay again).
    stable_after_s: float = 60.0
    #: This many failures within ``window_s`` is a crash loop: give up.
    max_failures: int = 5
    window_s: float = 120.0

    def delay(self, attempt: int, rand: float) -> float:
        """The delay before restart ``attempt`` (1 = first of a streak); ``rand`` in [0, 1)."""
        base = min(self.initial_delay_s * self.factor ** max(attempt - 1, 0), self.max_delay_s)
        return min(base * (1 + self.jitter * (2 * rand - 1)), self.max_delay_s)


@dataclass(frozen=True)
class Restart:
    """Start the service again after ``delay_s``; this is its ``number``-th restart."""

    number: int
    delay_s: float


@dataclass(frozen=True)
class GiveUp:
    """The service is in a crash loop."""

    failures: int
    window_s: float


@dataclass
class RestartHistory:
    """The failures of one service: what to do when it exits again."""

    policy: RestartPolicy
    restarts: int = 0
    streak: int = 0
    failures: deque[float] = field(default_factory=deque)

    def on_failure(self, now: float, uptime_s: float, rand: float) -> Restart | GiveUp:
        """Record a failure at ``now`` after ``uptime_s`` up; restart after a delay, or give up."""
        if uptime_s >= self.policy.stable_after_s:
            self.streak = 0
        self.streak += 1
        self.failures.append(now)
        while self.failures and self.failures[0] <= now - self.policy.window_s:
            self.failures.popleft()
        if len(self.failures) >= self.policy.max_failures:
            return GiveUp(len(self.failures), self.policy.window_s)
        self.restarts += 1
        return Restart(self.restarts, self.policy.delay(self.streak, rand))


class Child(Protocol):
    """A started service process (an ``asyncio.subprocess.Process`` has all of it)."""

    @property
    def pid(self) -> int:
        """Its process id; it leads its own process group."""

    @property
    def returncode(self) -> int | None:
        """Its exit code once it has exited (negative: killed by that signal)."""

    async def wait(self) -> int:
        """Wait until it exits; its exit code."""


class Service(Protocol):
    """What the supervisor needs of a service: its name, and whether exiting 0 means done."""

    @property
    def name(self) -> str:
        """Its name in logs and status."""

    @property
    def finishes(self) -> bool:
        """True when exiting 0 means its work is done (the scheduler's single pass)."""


S = TypeVar("S", bound=Service)


@dataclass
class Supervised(Generic[S]):
    """One supervised service: its current process, state and restart history."""

    service: S
    history: RestartHistory
    child: Child | None = None
    state: State = "running"
    started_at: float = 0.0
    last_exit: int | None = None
    retired: bool = False
    task: asyncio.Task[None] | None = None
    #: Set when the service ended for good (done, stopped, retired or given up on).
    done: asyncio.Event = field(default_factory=asyncio.Event)
    #: Set to cut a backoff short: the service is being retired or everything stops.
    halt: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass(frozen=True)
class ServiceView:
    """A snapshot of one service for status output."""

    name: str
    state: State
    pid: int | None
    restarts: int
    last_exit: int | None


def signal_group(pid: int, sig: int) -> None:
    """Send ``sig`` to the process group ``pid`` leads (its helpers too); gone is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


class Supervisor(Generic[S]):
    """Keeps services running: restarts the dead ones, gives up on a crash loop."""

    def __init__(
        self,
        launch: Callable[[S], Awaitable[Child]],
        policy: RestartPolicy | None = None,
        *,
        log: Callable[[str], None] = lambda line: None,
        on_change: Callable[[], None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
        signal_child: Callable[[int, int], None] = signal_group,
    ) -> None:
        self.launch = launch
        self.policy = policy or RestartPolicy()
        self.log = log
        self.on_change = on_change
        self.clock = clock
        self.rand = rand
        self.signal_child = signal_child
        self.services: dict[str, Supervised[S]] = {}
        self.failure: CrashLoopError | None = None
        self.failed = asyncio.Event()
        self._stopping = asyncio.Event()

    async def start(self, services: Iterable[S]) -> None:
        """Launch each service and watch it."""
        for service in services:
            await self.add(service)

    async def add(self, service: S) -> None:
        """Launch one more service (a replica joining) and supervise it."""
        if self._stopping.is_set():
            raise RuntimeError("the supervisor is stopping")
        if service.name in self.services and not self.services[service.name].retired:
            raise ValueError(f"{service.name} is supervised already")
        entry: Supervised[S] = Supervised(service, RestartHistory(self.policy))
        entry.child = await self.launch(service)
        entry.started_at = self.clock()
        self.services[service.name] = entry
        entry.task = asyncio.create_task(self._supervise(entry), name=f"supervise {service.name}")
        self.on_change()

    async def retire(self, name: str, sig: int = signal.SIGTERM, grace: float = 10.0) -> int | None:
        """Stop supervising ``name``, send it ``sig`` and wait (SIGKILL after ``grace``)."""
        entry = self.services[name]
        entry.retired = True
        entry.halt.set()
        if entry.child is not None and entry.child.returncode is None:
            self.signal_child(entry.child.pid, sig)
        if entry.task is None:  # added services always have one
            return entry.last_exit
        done, _ = await asyncio.wait({entry.task}, timeout=grace)
        if not done and entry.child is not None:
            self.signal_child(entry.child.pid, signal.SIGKILL)
            await entry.task
        return entry.last_exit

    async def finished(self, name: str) -> None:
        """Wait until ``name`` is done (exited 0 and ``finishes``), stopped, or given up on."""
        await self.services[name].done.wait()

    def restarts(self) -> dict[str, int]:
        """Restarts so far per service."""
        return {name: entry.history.restarts for name, entry in self.services.items()}

    def views(self) -> list[ServiceView]:
        """Every service's state, process and restarts."""
        return [
            ServiceView(
                name,
                entry.state,
                entry.child.pid if entry.child is not None and entry.state == "running" else None,
                entry.history.restarts,
                entry.last_exit,
            )
            for name, entry in self.services.items()
        ]

    def pid(self, name: str) -> int | None:
        """The process id of ``name`` while it runs."""
        entry = self.services.get(name)
        if entry is None or entry.child is None or entry.child.returncode is not None:
            return None
        return entry.child.pid

    async def _supervise(self, entry: Supervised[S]) -> None:
        try:
            while entry.child is not None:  # a supervised service always has its process
                code = await entry.child.wait()
                entry.last_exit = code
                # Helpers the service started (the extractor's text-stage workers) go with it.
                self.signal_child(entry.child.pid, signal.SIGKILL)
                if entry.halt.is_set():
                    entry.state = "stopped"
                    return
                if code == 0 and entry.service.finishes:
                    entry.state = "done"
                    return
                if not await self._restart(entry, code):
                    return
        finally:
            entry.done.set()
            self.on_change()

    async def _restart(self, entry: Supervised[S], code: int | None) -> bool:
        """Wait out the backoff and launch again; False when giving up or stopping."""
        name = entry.service.name
        if self.failed.is_set():  # given up on another service: everything is about to stop
            entry.state = "stopped"
            return False
        now = self.clock()
        decision = entry.history.on_failure(now, now - entry.started_at, self.rand())
        if isinstance(decision, GiveUp):
            entry.state = "failed"
            self.failure = CrashLoopError(
                f"the {name} service failed {decision.failures} times within "
                f"{decision.window_s:.0f} s (last exit code {code}): a crash loop, giving up"
            )
            self.log(f"{self.failure}; stopping everything")
            self.failed.set()
            return False
        entry.state = "backoff"
        self.on_change()
        self.log(
            f"{name} exited with code {code}; restart {decision.number} in {decision.delay_s:.1f} s"
        )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(entry.halt.wait(), decision.delay_s)
        if entry.halt.is_set():
            entry.state = "stopped"
            return False
        try:
            entry.child = await self.launch(entry.service)
        except OSError as exc:
            # Could not even start: a failure like any other, counted toward the crash loop.
            self.log(f"{name} could not be started: {exc}")
            entry.started_at = self.clock()
            return await self._restart(entry, None)
        entry.started_at = self.clock()
        entry.state = "running"
        self.on_change()
        if entry.halt.is_set():  # stop() or retire() came while we launched: not missed
            self.signal_child(entry.child.pid, signal.SIGTERM)
        return True

    async def stop(self, grace: float = 4.0) -> None:
        """No more restarts; SIGTERM every service, SIGKILL what still runs after ``grace``."""
        self._stopping.set()
        for entry in self.services.values():
            entry.halt.set()
            if entry.child is not None and entry.child.returncode is None:
                self.signal_child(entry.child.pid, signal.SIGTERM)
        tasks = {entry.task for entry in self.services.values() if entry.task is not None}
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=grace)
        if pending:
            for entry in self.services.values():
                if entry.child is not None and entry.child.returncode is None:
                    self.signal_child(entry.child.pid, signal.SIGKILL)
            _, pending = await asyncio.wait(pending, timeout=5.0)
        for task in pending:
            task.cancel()
