"""The per-document time limit: a hung extraction is killed and the stage keeps working."""

from __future__ import annotations

import os
import signal
import time

import pytest

from extractor.text.extract import TextOptions, TextStage
from extractor.text.guard import GuardedPool
from newsdesk.errors import ExtractionFailed

from .conftest import SEEDS, raw_article

# 60,000 paragraphs (4.4 MB) take several seconds to extract on any machine.
SLOW_PAGE = (
    "<html><body><article>"
    + "".join(f"<p>Paragraph {n}: officials met in the capital.</p>" for n in range(60_000))
    + "</article></body></html>"
)


def test_hung_call_is_stopped_at_the_timeout_and_the_pool_recovers() -> None:
    pool = GuardedPool(workers=1)
    try:
        started = time.monotonic()
        with pytest.raises(ExtractionFailed) as failure:
            pool.run(time.sleep, 30, timeout=0.5)
        assert failure.value.reason == "extraction_timeout"
        assert time.monotonic() - started < 5
        assert pool.run(sum, [1, 2, 3], timeout=5) == 6
    finally:
        pool.close()


def test_document_over_the_time_limit_is_a_timeout_and_the_next_one_works() -> None:
    seed = (SEEDS / "001_b938eb37ed4c5be8.txt").read_bytes()
    with TextStage(TextOptions(timeout_seconds=1.0)) as stage:
        with pytest.raises(ExtractionFailed) as failure:
            stage.extract(raw_article(SLOW_PAGE))
        assert failure.value.reason == "extraction_timeout"
        document = stage.extract(raw_article(seed, content_type="text/plain"))
    assert document.title is not None


def test_worker_that_dies_is_an_extraction_error_and_is_replaced() -> None:
    pool = GuardedPool(workers=1)
    try:
        with pytest.raises(ExtractionFailed) as failure:
            pool.run(_exit_abruptly, timeout=5)
        assert failure.value.reason == "extraction_error"
        assert pool.run(sum, [2, 2], timeout=5) == 4
    finally:
        pool.close()


def _wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


def _exit_abruptly() -> None:
    os._exit(3)


def test_allocation_over_the_memory_budget_fails_as_too_large() -> None:
    pool = GuardedPool(workers=1, memory_budget_mb=64)
    try:
        with pytest.raises(ExtractionFailed) as failure:
            pool.run(bytearray, 2_000_000_000, timeout=10)
        assert failure.value.reason == "too_large"
        assert pool.run(len, "still alive", timeout=5) == 11
    finally:
        pool.close()


def test_worker_killed_while_idle_is_replaced_without_failing_the_next_call() -> None:
    pool = GuardedPool(workers=1)
    try:
        pid = pool.run(os.getpid, timeout=5)
        os.kill(pid, signal.SIGKILL)
        _wait_until_gone(pid)
        assert pool.run(os.getpid, timeout=5) != pid
    finally:
        pool.close()


def test_closed_pool_refuses_calls_with_a_reason() -> None:
    pool = GuardedPool(workers=1)
    pool.close()
    with pytest.raises(ExtractionFailed) as failure:
        pool.run(len, "x", timeout=5)
    assert failure.value.reason == "extraction_error"
