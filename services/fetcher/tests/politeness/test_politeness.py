"""Politeness: per-host minimum delay and concurrency, a global limit, hosts independent."""

from __future__ import annotations

import asyncio
import itertools
import time

from fetcher.politeness import Politeness, PolitenessOptions


async def starts_of(politeness: Politeness, hosts: list[str], delay: float = 0.0) -> list[float]:
    began = time.monotonic()
    starts: list[float] = []

    async def one(host: str) -> None:
        async with politeness.slot(host, delay):
            starts.append(time.monotonic() - began)
            await asyncio.sleep(0.01)

    await asyncio.gather(*(one(host) for host in hosts))
    return sorted(starts)


async def test_one_host_is_spaced_by_the_minimum_delay() -> None:
    polite = Politeness(PolitenessOptions(per_host_concurrency=4, min_delay=0.1))
    starts = await starts_of(polite, ["a"] * 4)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert all(gap >= 0.09 for gap in gaps), gaps


async def test_crawl_delay_replaces_a_shorter_minimum() -> None:
    polite = Politeness(PolitenessOptions(per_host_concurrency=4, min_delay=0.01))
    starts = await starts_of(polite, ["a"] * 3, delay=0.15)
    assert starts[-1] >= 0.29


async def test_hosts_do_not_wait_for_each_other() -> None:
    polite = Politeness(PolitenessOptions(min_delay=0.5))
    starts = await starts_of(polite, [f"host-{n}" for n in range(10)])
    assert starts[-1] < 0.4  # far below the 0.5 s a shared host would impose


async def test_concurrency_limits() -> None:
    polite = Politeness(
        PolitenessOptions(global_concurrency=3, per_host_concurrency=1, min_delay=0)
    )
    running = peak = 0
    per_host: dict[str, int] = {}

    async def one(host: str) -> None:
        nonlocal running, peak
        async with polite.slot(host):
            running += 1
            per_host[host] = per_host.get(host, 0) + 1
            peak = max(peak, running)
            assert per_host[host] == 1
            await asyncio.sleep(0.02)
            per_host[host] -= 1
            running -= 1

    await asyncio.gather(*(one(f"h{n % 5}") for n in range(20)))
    assert peak == 3
    assert polite.hosts == 0
