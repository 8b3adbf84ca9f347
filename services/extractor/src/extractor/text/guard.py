"""Worker processes that run a function with a hard time limit per call."""

from __future__ import annotations

import multiprocessing
import queue
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

from newsdesk.errors import ExtractionFailed

T = TypeVar("T")
_READY = "ready"
_STARTUP_SECONDS = 120.0


def _prepare_worker(memory_budget_mb: int | None, warm_up: Callable[[], None] | None) -> None:
    if warm_up is not None:
        warm_up()
    if memory_budget_mb:
        # The budget comes on top of what the warm worker already maps (libraries, models), so
        # it means the same on a laptop and on a 64-core node whose BLAS maps more per thread.
        limit = _address_space_bytes() + memory_budget_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))


def _address_space_bytes() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def _serve(
    conn: Connection, memory_budget_mb: int | None, warm_up: Callable[[], None] | None
) -> None:
    """The worker's loop: receive a call, answer ("ok", result) or ("error", exception)."""
    _prepare_worker(memory_budget_mb, warm_up)
    conn.send(_READY)
    while True:
        try:
            function, args = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", function(*args)))
        except MemoryError:
            conn.send(("memory", None))
        except Exception as exc:  # the caller decides what a failure means
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Worker:
    """One process and the pipe to it."""

    def __init__(self, context: Any, memory_budget_mb: int | None, warm_up: Any) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(child, memory_budget_mb, warm_up), daemon=True
        )
        self.process.start()
        child.close()
        self.tasks = 0
        if not self.conn.poll(_STARTUP_SECONDS) or self.conn.recv() != _READY:
            self.stop()
            raise ExtractionFailed("the extraction worker did not start", reason="extraction_error")

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class GuardedPool:
    """Runs calls in worker processes; a call over its time limit has its worker killed.

    lxml and trafilatura run C code that a thread cannot interrupt, so the only reliable way to
    stop a pathological document is to kill the process working on it. A killed or crashed
    worker is replaced; ``max_tasks`` recycles workers so leaks in C extensions stay bounded.
    Workers start with ``forkserver``: forking the caller, which runs Kafka client threads,
    could copy a held lock into the child. Several threads may call ``run`` at once; each
    call takes a free worker or waits for one.
    """

    def __init__(
        self,
        *,
        workers: int = 1,
        max_tasks: int = 500,
        memory_budget_mb: int | None = None,
        warm_up: Callable[[], None] | None = None,
        preload: tuple[str, ...] = (),
    ) -> None:
        self._context = multiprocessing.get_context("forkserver")
        # Modules imported once in the fork server make each new or replaced worker start fast.
        self._context.set_forkserver_preload(list(preload))
        self._settings = (memory_budget_mb, warm_up)
        self._max_tasks = max_tasks
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._closed = False
        for _ in range(workers):
            self._idle.put(None)  # started on first use, so an unused stage costs nothing

    def run(self, function: Callable[..., T], *args: Any, timeout: float) -> T:
        """``function(*args)`` in a worker; ``ExtractionFailed`` on timeout or a dead worker."""
        if self._closed:
            raise ExtractionFailed("the text stage is closed", reason="extraction_error")
        worker = self._idle.get()
        try:
            if worker is None or not worker.process.is_alive() or worker.tasks >= self._max_tasks:
                worker = self._replace(worker)
            worker = self._send(worker, (function, args))
            if not worker.conn.poll(timeout):
                worker = self._discard(worker)
                raise ExtractionFailed(
                    f"extraction took longer than {timeout:g} s and was stopped",
                    reason="extraction_timeout",
                )
            try:
                status, value = worker.conn.recv()
            except (EOFError, OSError):
                code = worker.process.exitcode
                worker = self._discard(worker)
                raise ExtractionFailed(
                    f"the extraction worker died (exit code {code}), likely out of memory",
                    reason="extraction_error",
                ) from None
        finally:
            if self._closed and worker is not None:
                worker.stop()
            else:
                self._idle.put(worker)
        result: T = self._result(status, value)
        return result

    def _send(self, worker: _Worker, call: tuple[Callable[..., Any], tuple[Any, ...]]) -> _Worker:
        """Send a call; a worker that died while idle (OOM killer, say) is replaced once."""
        try:
            worker.conn.send(call)
        except (BrokenPipeError, ConnectionResetError, EOFError):
            worker = self._replace(worker)
            worker.conn.send(call)
        worker.tasks += 1
        return worker

    @staticmethod
    def _result(status: str, value: Any) -> Any:
        if status == "memory":
            raise ExtractionFailed(
                "the document needs more memory than allowed", reason="too_large"
            )
        if status == "error":
            raise ExtractionFailed(value, reason="extraction_error")
        return value

    def _replace(self, worker: _Worker | None) -> _Worker:
        if worker is not None:
            worker.stop()
        return _Worker(self._context, *self._settings)

    @staticmethod
    def _discard(worker: _Worker) -> None:
        worker.stop()

    def close(self) -> None:
        """Stop the idle workers now, and busy ones when their call returns."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            if worker is not None:
                worker.stop()
