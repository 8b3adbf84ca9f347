"""``newsdesk run``: the local stack, topics and templates, and the services as child processes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import extractor
import fetcher
import indexer
from newsdesk.errors import NewsdeskError
from newsdesk.kafka import StreamStats, ensure_topics, stream_stats
from newsdesk.search import count_documents, ensure_indices, make_client
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.errors import ServerStartError
from newsdesk_cli.local import LocalStack
from newsdesk_cli.summary import ArticleSummary, article_summaries

Printer = Callable[[str, str], None]


@dataclass(frozen=True)
class ServiceSpec:
    """One service process: its name in logs, the service package it runs and its arguments."""

    name: str
    package: ModuleType
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)

    def argv(self) -> list[str]:
        """The command line: the package's ``__main__`` in this interpreter."""
        return [sys.executable, "-m", self.package.__name__, *self.args]


@dataclass
class RunOptions:
    """What ``newsdesk run`` was asked to do."""

    once: bool = False
    seeds_dir: Path | None = None
    sources_file: Path | None = None
    local: bool = True
    kafka_port: int = 9092
    es_port: int = 9200
    data_dir: Path | None = None
    timeout_s: float = 600.0
    progress_every_s: float = 2.0
    extractors: int = 1
    fetchers: int = 1


@dataclass
class RunResult:
    """How a run ended: the last stream snapshot and, with ``once``, what was indexed."""

    stats: StreamStats
    articles: list[ArticleSummary] = field(default_factory=list)


@dataclass
class ServiceProcess:
    """A running service and the task that relays its output."""

    spec: ServiceSpec
    process: asyncio.subprocess.Process
    relay: asyncio.Task[None]


def _replicas(name: str, count: int) -> list[str]:
    """``extractor``, ``extractor-2``, ...: one name per process of a scaled service."""
    return [name if n == 1 else f"{name}-{n}" for n in range(1, count + 1)]


def service_specs(options: RunOptions) -> list[ServiceSpec]:
    """The processes of one run: the indexer, the extractors, the fetcher workers, the scheduler.

    Extractors and fetcher workers join one consumer group each, so ``--extractors 2`` puts
    both cores to work on NLP, each process on its share of the partitions.
    """
    scheduler_env = {"FETCHER_ONCE": "true" if options.once else "false"}
    if options.seeds_dir is not None:
        scheduler_env["FETCHER_SEEDS_DIR"] = str(options.seeds_dir.resolve())
    if options.sources_file is not None:
        scheduler_env["FETCHER_SOURCES_FILE"] = str(options.sources_file.resolve())
    return [
        ServiceSpec("indexer", indexer),
        *(ServiceSpec(name, extractor) for name in _replicas("extractor", options.extractors)),
        *(
            ServiceSpec(name, fetcher, ("worker",))
            for name in _replicas("fetcher", options.fetchers)
        ),
        ServiceSpec("scheduler", fetcher, ("scheduler",), scheduler_env),
    ]


class Runner:
    """Runs the whole pipeline on one machine until stopped, or until drained with ``once``."""

    def __init__(self, options: RunOptions, printer: Printer) -> None:
        self.options = options
        self.print = printer
        self.stack: LocalStack | None = None
        self.services: list[ServiceProcess] = []
        self.stopping = asyncio.Event()
        self.settings = NewsdeskSettings()
        self.parent_pid = os.getppid()

    async def run(self) -> RunResult:
        """Start everything, then wait for a signal (or the drain); always stops what it started."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        try:
            await self._start()
            if self.options.once:
                stats = await self._drain()
                return RunResult(stats, await article_summaries(self.settings))
            await self._watch(self.stopping.wait())
            return RunResult(await stream_stats(self.settings.kafka))
        finally:
            await self.stop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)

    async def _start(self) -> None:
        if self.options.local:
            self.stack = LocalStack(
                kafka_port=self.options.kafka_port,
                es_port=self.options.es_port,
                data_dir=self.options.data_dir,
            )
            self.print("newsdesk", "starting the local Kafka broker and Elasticsearch server")
            await asyncio.to_thread(self.stack.start)
            os.environ.update(self.stack.env())
            self.settings = NewsdeskSettings()
            self.print("newsdesk", f"Kafka {self.stack.kafka_bootstrap} · ES {self.stack.es_url}")
        created = await ensure_topics(self.settings.kafka)
        es = make_client(self.settings.elasticsearch)
        try:
            created += await ensure_indices(es, self.settings.templates_dir)
        finally:
            await es.close()
        if created:
            self.print("newsdesk", "created " + ", ".join(created))
        for spec in service_specs(self.options):
            self.services.append(await self._spawn(spec))

    async def _spawn(self, spec: ServiceSpec) -> ServiceProcess:
        env = {**os.environ, **spec.env, "PYTHONUNBUFFERED": "1"}
        process = await asyncio.create_subprocess_exec(
            *spec.argv(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        relay = asyncio.create_task(self._relay(spec.name, process))
        return ServiceProcess(spec, process, relay)

    async def _relay(self, name: str, process: asyncio.subprocess.Process) -> None:
        if process.stdout is None:  # started with stdout=PIPE: never None
            return
        async for line in process.stdout:
            self.print(name, line.decode("utf-8", "replace").rstrip())

    async def _watch(self, until: Awaitable[object]) -> None:
        """Print progress until ``until`` completes; fail if a long-running service dies."""
        waiter = asyncio.ensure_future(until)
        last = ""
        try:
            while not waiter.done():
                if os.getppid() != self.parent_pid:
                    # Our parent (make, a shell) is gone: nobody could Ctrl-C us any more.
                    self.stopping.set()
                self._check_services()
                line = await self._progress_line()
                if line != last:
                    self.print("progress", line)
                    last = line
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(waiter), self.options.progress_every_s)
        finally:
            waiter.cancel()

    def _check_services(self) -> None:
        for service in self.services:
            code = service.process.returncode
            if code is None or (service.spec.name == "scheduler" and code == 0):
                continue
            raise ServerStartError(f"the {service.spec.name} service exited with code {code}")

    async def _progress_line(self) -> str:
        try:
            stats = await stream_stats(self.settings.kafka)
            es = make_client(self.settings.elasticsearch)
            try:
                indexed = await count_documents(es, self.settings.elasticsearch.articles_alias)
            finally:
                await es.close()
        except NewsdeskError as exc:
            return f"waiting for the backends: {exc}"
        parts = [
            f"{name.removeprefix('newsdesk.')} {min(stat.committed, stat.messages)}/{stat.messages}"
            for name, stat in stats.topics.items()
            if stat.group
        ]
        return " · ".join([*parts, f"indexed {indexed}", f"dead letters {stats.dead_letters}"])

    async def _drain(self) -> StreamStats:
        """Wait for the scheduler's single pass, then until every topic is consumed twice over."""
        scheduler = next(s for s in self.services if s.spec.name == "scheduler")
        deadline = time.monotonic() + self.options.timeout_s
        await self._watch(self._drained(scheduler, deadline))
        if self.stopping.is_set():
            raise NewsdeskError("interrupted before the backlog was drained")
        return await stream_stats(self.settings.kafka)

    async def _drained(self, scheduler: ServiceProcess, deadline: float) -> None:
        await scheduler.process.wait()
        if scheduler.process.returncode != 0:
            raise ServerStartError(f"the scheduler exited with code {scheduler.process.returncode}")
        quiet_checks = 0
        while quiet_checks < 2 and not self.stopping.is_set():
            if time.monotonic() > deadline:
                raise NewsdeskError(f"not drained after {self.options.timeout_s:.0f} s")
            stats = await stream_stats(self.settings.kafka)
            quiet_checks = quiet_checks + 1 if not any(stats.lag.values()) else 0
            await asyncio.sleep(0.5)

    async def stop(self, grace: float = 4.0) -> None:
        """SIGTERM the services, then the servers; SIGKILL whatever is still there after grace."""
        for service in self.services:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(service.process.pid, signal.SIGTERM)
        waits = [service.process.wait() for service in self.services]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*waits), grace)
        for service in self.services:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(service.process.pid, signal.SIGKILL)
            await service.process.wait()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(service.relay, 1.0)
        self.services.clear()
        if self.stack is not None:
            await asyncio.to_thread(self.stack.stop, 4.0)
            self.stack = None
