"""``newsdesk run``: the local stack, topics and templates, and the services, supervised."""

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
from fetcher.sources import load_sources
from newsdesk.dlq import read_letters
from newsdesk.errors import NewsdeskError
from newsdesk.kafka import StreamStats, ensure_topics, stream_stats
from newsdesk.search import count_documents, ensure_indices, make_client
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.errors import ServerStartError
from newsdesk_cli.local import LocalStack, die_with_parent
from newsdesk_cli.runstate import RunStateFile, state_path
from newsdesk_cli.summary import ArticleSummary, article_summaries
from newsdesk_cli.supervisor import RestartPolicy, Supervisor

Printer = Callable[[str, str], None]


@dataclass(frozen=True)
class ServiceSpec:
    """One service process: its name in logs, the service package it runs and its arguments."""

    name: str
    package: ModuleType
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    #: Exiting 0 means its work is done (the scheduler's single pass), not a crash.
    finishes: bool = False

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
    #: When a dead service is restarted, and when it is a crash loop.
    restart_policy: RestartPolicy = field(default_factory=RestartPolicy)
    #: Environment the services get on top of ours (tests point them at loopback hosts).
    env: dict[str, str] = field(default_factory=dict)
    #: Where the run publishes its state for ``newsdesk status``; None: the default run dir.
    run_dir: Path | None = None


@dataclass
class RunResult:
    """How a run ended: the last stream snapshot and, with ``once``, what was indexed."""

    stats: StreamStats
    articles: list[ArticleSummary] = field(default_factory=list)
    #: Failures in the dead-letter topic, each once (``once`` only; else its message count).
    dead_letters: int = 0


@dataclass
class ServiceProcess:
    """A running service and the task that relays its output."""

    spec: ServiceSpec
    process: asyncio.subprocess.Process
    relay: asyncio.Task[None]

    @property
    def pid(self) -> int:
        """The process id (it leads its own process group)."""
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        """The exit code once it exited; negative when a signal killed it."""
        return self.process.returncode

    async def wait(self) -> int:
        """Wait until it exits, and briefly for the rest of its output."""
        code = await self.process.wait()
        # A helper that outlived it may hold the pipe open: do not wait for it long.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self.relay), 1.0)
        return code


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
        ServiceSpec("scheduler", fetcher, ("scheduler",), scheduler_env, finishes=options.once),
    ]


class Runner:
    """Runs the whole pipeline on one machine until stopped, or until drained with ``once``.

    The services run under a :class:`~newsdesk_cli.supervisor.Supervisor`: one that dies is
    restarted with backoff, and a crash loop stops the run with a :class:`CrashLoopError`.
    """

    def __init__(self, options: RunOptions, printer: Printer) -> None:
        self.options = options
        self.print = printer
        self.stack: LocalStack | None = None
        self.stopping = asyncio.Event()
        self.settings = NewsdeskSettings()
        self.env: dict[str, str] = {**os.environ, **options.env}
        self.parent_pid = os.getppid()
        self.supervisor: Supervisor[ServiceSpec] = Supervisor(
            self._spawn,
            options.restart_policy,
            log=lambda line: self.print("newsdesk", line),
            on_change=self._publish_state,
        )
        self.state_file: RunStateFile | None = None

    async def run(self) -> RunResult:
        """Start everything, then wait for a signal (or the drain); always stops what it started."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        try:
            await self._start()
            if self.options.once:
                stats = await self._drain()
                letters = await read_letters(self.settings.kafka) if stats.dead_letters else []
                articles = await article_summaries(self.settings)
                return RunResult(stats, articles, len(letters))
            await self._watch(self.stopping.wait())
            stats = await stream_stats(self.settings.kafka)
            return RunResult(stats, dead_letters=stats.dead_letters)
        finally:
            await self.stop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)

    async def _start(self) -> None:
        if self.options.sources_file is not None:
            # A broken sources file is said now, not after the scheduler crash-looped on it.
            load_sources(self.options.sources_file)
        if self.options.local:
            self.stack = LocalStack(
                kafka_port=self.options.kafka_port,
                es_port=self.options.es_port,
                data_dir=self.options.data_dir,
            )
            self.print("newsdesk", "starting the local Kafka broker and Elasticsearch server")
            await asyncio.to_thread(self.stack.start)
            # The services get the stack's address through their environment; this process
            # keeps its own untouched (the runner may live inside a test or another program).
            self.env.update(self.stack.env())
            self.settings = self.settings.model_copy(
                update={
                    "kafka": self.settings.kafka.model_copy(
                        update={"bootstrap_servers": self.stack.kafka_bootstrap}
                    ),
                    "elasticsearch": self.settings.elasticsearch.model_copy(
                        update={"url": self.stack.es_url}
                    ),
                }
            )
            self.print("newsdesk", f"Kafka {self.stack.kafka_bootstrap} · ES {self.stack.es_url}")
        created = await ensure_topics(self.settings.kafka)
        es = make_client(self.settings.elasticsearch)
        try:
            created += await ensure_indices(es, self.settings.templates_dir)
        finally:
            await es.close()
        if created:
            self.print("newsdesk", "created " + ", ".join(created))
        self.state_file = RunStateFile(
            state_path(self.settings.kafka.bootstrap_servers, self.options.run_dir),
            kafka=self.settings.kafka.bootstrap_servers,
            elasticsearch=self.settings.elasticsearch.url,
        )
        await self.supervisor.start(service_specs(self.options))

    async def _spawn(self, spec: ServiceSpec) -> ServiceProcess:
        env = {**self.env, **spec.env, "PYTHONUNBUFFERED": "1"}
        process = await asyncio.create_subprocess_exec(
            *spec.argv(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env=env,
            start_new_session=True,
            # If this process is killed outright, its services get SIGTERM instead of living on.
            preexec_fn=die_with_parent,  # only async-signal-safe prctl
        )
        relay = asyncio.create_task(self._relay(spec.name, process))
        return ServiceProcess(spec, process, relay)

    async def _relay(self, name: str, process: asyncio.subprocess.Process) -> None:
        if process.stdout is None:  # started with stdout=PIPE: never None
            return
        async for line in process.stdout:
            self.print(name, line.decode("utf-8", "replace").rstrip())

    def _publish_state(self) -> None:
        if self.state_file is not None:
            self.state_file.write(self.supervisor.views())

    async def _watch(self, until: Awaitable[object]) -> None:
        """Print progress until ``until`` completes; fail if the supervisor gave up."""
        waiter = asyncio.ensure_future(until)
        failed = asyncio.ensure_future(self.supervisor.failed.wait())
        last = ""
        try:
            while not waiter.done():
                if os.getppid() != self.parent_pid:
                    # Our parent (make, a shell) is gone: nobody could Ctrl-C us any more.
                    self.stopping.set()
                if self.supervisor.failure is not None:
                    raise self.supervisor.failure
                line = await self._progress_line()
                if line != last:
                    self.print("progress", line)
                    last = line
                await asyncio.wait(
                    {waiter, failed},
                    timeout=self.options.progress_every_s,
                    return_when=asyncio.FIRST_COMPLETED,
                )
            if self.supervisor.failure is not None:
                raise self.supervisor.failure
            waiter.result()  # its exception, if it raised
        finally:
            waiter.cancel()
            failed.cancel()

    async def _progress_line(self) -> str:
        restarts = {name: n for name, n in self.supervisor.restarts().items() if n}
        restarted = (
            ["restarts " + ", ".join(f"{name} {n}" for name, n in restarts.items())]
            if restarts
            else []
        )
        try:
            stats = await stream_stats(self.settings.kafka)
            es = make_client(self.settings.elasticsearch)
            try:
                indexed = await count_documents(es, self.settings.elasticsearch.articles_alias)
            finally:
                await es.close()
        except NewsdeskError as exc:
            return " · ".join([f"waiting for the backends: {exc}", *restarted])
        parts = [
            f"{name.removeprefix('newsdesk.')} {min(stat.committed, stat.messages)}/{stat.messages}"
            for name, stat in stats.topics.items()
            if stat.group
        ]
        return " · ".join(
            [*parts, f"indexed {indexed}", f"dead letters {stats.dead_letters}", *restarted]
        )

    async def _drain(self) -> StreamStats:
        """Wait for the scheduler's single pass, then until every topic is consumed twice over."""
        deadline = time.monotonic() + self.options.timeout_s
        await self._watch(self._drained(deadline))
        if self.stopping.is_set():
            raise NewsdeskError("interrupted before the backlog was drained")
        return await stream_stats(self.settings.kafka)

    async def _drained(self, deadline: float) -> None:
        await self.supervisor.finished("scheduler")
        scheduler = self.supervisor.services["scheduler"]
        if scheduler.state != "done":
            raise ServerStartError(
                f"the scheduler ended {scheduler.state} (exit code {scheduler.last_exit})"
            )
        quiet_checks = 0
        while quiet_checks < 2 and not self.stopping.is_set():
            if time.monotonic() > deadline:
                raise NewsdeskError(f"not drained after {self.options.timeout_s:.0f} s")
            stats = await stream_stats(self.settings.kafka)
            quiet_checks = quiet_checks + 1 if not any(stats.lag.values()) else 0
            await asyncio.sleep(0.5)

    async def stop(self, grace: float = 4.0) -> None:
        """Stop the services (SIGTERM, SIGKILL after ``grace``), then the servers."""
        await self.supervisor.stop(grace)
        if self.state_file is not None:
            self.state_file.remove()
            self.state_file = None
        if self.stack is not None:
            await asyncio.to_thread(self.stack.stop, 4.0)
            self.stack = None
