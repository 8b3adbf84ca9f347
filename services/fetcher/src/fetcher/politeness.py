"""Politeness: a global concurrency limit, per-host concurrency and a minimum delay per host."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class PolitenessOptions:
    """Limits that keep the fetcher a good citizen.

    ``min_delay`` is the least time between the starts of two requests to one host; a larger
    robots.txt crawl delay (already capped by the robots options) replaces it.
    """

    global_concurrency: int = 32
    per_host_concurrency: int = 2
    min_delay: float = 1.0


@dataclass
class _Host:
    semaphore: asyncio.Semaphore
    next_start: float = 0.0
    users: int = 0


class Politeness:
    """Hands out request slots; ``async with politeness.slot(host, delay):`` around a fetch."""

    def __init__(self, options: PolitenessOptions | None = None) -> None:
        self.options = options or PolitenessOptions()
        self._global = asyncio.Semaphore(self.options.global_concurrency)
        self._hosts: dict[str, _Host] = {}
        self._sweep_above = 1024

    @asynccontextmanager
    async def slot(self, host: str, delay: float = 0.0) -> AsyncIterator[None]:
        """Wait for the host's turn, then for a global slot; held while the body runs."""
        if len(self._hosts) > self._sweep_above:
            self._sweep()
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self.options.per_host_concurrency))
        state.users += 1
        try:
            async with state.semaphore:
                await self._wait_turn(state, max(self.options.min_delay, delay))
                async with self._global:
                    yield
        finally:
            state.users -= 1
            self._forget_idle(host, state)

    @staticmethod
    async def _wait_turn(state: _Host, delay: float) -> None:
        # Reserve the next start time before sleeping, so waiters queue up delay apart.
        now = time.monotonic()
        start = max(now, state.next_start)
        state.next_start = start + delay
        if start > now:
            await asyncio.sleep(start - now)

    def _forget_idle(self, host: str, state: _Host) -> None:
        # An idle host whose delay has passed holds no information worth its memory.
        if state.users == 0 and state.next_start <= time.monotonic():
            self._hosts.pop(host, None)

    def _sweep(self) -> None:
        for host, state in list(self._hosts.items()):
            self._forget_idle(host, state)
        self._sweep_above = max(1024, 2 * len(self._hosts))

    @property
    def hosts(self) -> int:
        """Hosts with a request in flight or a delay still running."""
        return len(self._hosts)
