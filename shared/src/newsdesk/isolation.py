"""Finding the one input that breaks a batch: run the whole, and halve it only when it fails.

A batch step that raises for a reason other than a backend outage is retried on each half until
the failing inputs stand alone; they get the exception, every other input its result. One bad
input then costs ``O(log n)`` extra runs, never the batch, and never a blocked partition.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from newsdesk.errors import TransientError

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


def bisect(items: Sequence[T], run: Callable[[Sequence[T]], list[R]]) -> list[R | Exception]:
    """``run(items)``, or per-input results and exceptions when it raises; transient errors pass."""
    if not items:
        return []
    try:
        return list(run(items))
    except TransientError:
        raise
    except Exception as exc:
        if len(items) == 1:
            log.exception("a batch step failed on one input")
            return [exc]
    middle = len(items) // 2
    return [*bisect(items[:middle], run), *bisect(items[middle:], run)]


async def abisect(
    items: Sequence[T], run: Callable[[Sequence[T]], Awaitable[list[R]]]
) -> list[R | Exception]:
    """:func:`bisect` for a coroutine function."""
    if not items:
        return []
    try:
        return list(await run(items))
    except TransientError:
        raise
    except Exception as exc:
        if len(items) == 1:
            log.exception("a batch step failed on one input")
            return [exc]
    middle = len(items) // 2
    return [*await abisect(items[:middle], run), *await abisect(items[middle:], run)]
