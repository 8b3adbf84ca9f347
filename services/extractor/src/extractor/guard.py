"""A pool of worker processes that runs a function with a hard time limit per call."""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from newsdesk.errors import ExtractionFailed

T = TypeVar("T")


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


class GuardedPool:
    """Runs calls in worker processes; a call over its time limit has its worker killed.

    lxml and trafilatura run C code that a thread cannot interrupt, so the only reliable way to
    stop a pathological document is to kill the process working on it. pebble replaces killed
    and crashed workers; ``max_tasks`` recycles workers so leaks in C extensions stay bounded.
    Workers start with ``forkserver``: forking the caller, which runs Kafka client threads,
    could copy a held lock into the child.
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
        context = multiprocessing.get_context("forkserver")
        # Modules imported once in the fork server make each new or replaced worker start fast.
        context.set_forkserver_preload(list(preload))
        self._pool = ProcessPool(
            max_workers=workers,
            max_tasks=max_tasks,
            initializer=_prepare_worker,
            initargs=(memory_budget_mb, warm_up),
            context=context,
        )

    def run(self, function: Callable[..., T], *args: Any, timeout: float) -> T:
        """``function(*args)`` in a worker; ``ExtractionFailed`` on timeout or a dead worker."""
        future = self._pool.schedule(function, args=args, timeout=timeout)
        try:
            return future.result()
        except FutureTimeout:
            raise ExtractionFailed(
                f"extraction took longer than {timeout:g} s and was stopped",
                reason="extraction_timeout",
            ) from None
        except ProcessExpired as exc:
            raise ExtractionFailed(
                f"the extraction worker died (exit code {exc.exitcode}), likely out of memory",
                reason="extraction_error",
            ) from None
        except MemoryError:
            raise ExtractionFailed(
                "the document needs more memory than allowed", reason="too_large"
            ) from None

    def close(self) -> None:
        """Stop the workers now; calls still running fail."""
        self._pool.stop()
        self._pool.join(timeout=5)
