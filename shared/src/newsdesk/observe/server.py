"""``/healthz``, ``/readyz`` and ``/metrics`` on one port, served from the service's event loop.

Being served by the loop that runs the handlers is what makes ``/healthz`` mean something: it
answers only while that loop does. ``/readyz`` answers 200 or 503 with the reason (see
:class:`~newsdesk.observe.health.Health`); ``/metrics`` is the Prometheus text format of the
given registries, after the refresh hooks (consumer lag) ran.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from newsdesk.observe.health import Health

log = logging.getLogger(__name__)
Refresh = Callable[[], Awaitable[None]]


class ObserveServer:
    """The health and metrics endpoints of one service process."""

    def __init__(
        self,
        health: Health,
        registries: Sequence[CollectorRegistry],
        refresh: Sequence[Refresh] = (),
    ) -> None:
        self.health = health
        self.registries = list(registries)
        self.refresh = list(refresh)
        self.app = web.Application()
        self.app.router.add_get("/healthz", self._healthz)
        self.app.router.add_get("/readyz", self._readyz)
        self.app.router.add_get("/metrics", self._metrics)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self, host: str, port: int) -> None:
        """Listen on ``host:port`` (port 0: a free one, then in :attr:`port`)."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        addresses = self._runner.addresses
        self.port = int(addresses[0][1]) if addresses else port
        log.info(
            "health and metrics on http://%s:%d (/healthz, /readyz, /metrics)", host, self.port
        )

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, _: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _readyz(self, _: web.Request) -> web.Response:
        reason = await self.health.not_ready()
        if reason is None:
            return web.Response(text="ready\n")
        return web.Response(status=503, text=f"not ready: {reason}\n")

    async def _metrics(self, _: web.Request) -> web.Response:
        for refresh in self.refresh:
            with contextlib.suppress(Exception):  # stale values beat a failed scrape
                await refresh()
        body = b"".join(generate_latest(registry) for registry in self.registries)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
