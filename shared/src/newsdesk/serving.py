"""Running a service's FastStream app as a process: logs, endpoints, the app, a bounded stop.

:func:`run_app` is every service's ``__main__``: it sets up the log format, adds FastStream's
Prometheus middleware to the app's brokers, serves ``/healthz``, ``/readyz`` and ``/metrics``
on ``metrics_host:metrics_port`` (when set) from the app's own event loop, and runs the app.
On SIGTERM or SIGINT: ``/readyz`` answers 503, :data:`SHUTDOWN`'s event is set (so a batch in a
thread stops starting new work), the brokers stop consuming and wait for the in-flight batch
(``batch_grace_s``), which publishes, acknowledges and commits; then the lifespan closes the
clients and the process exits 0, all within ``shutdown_grace_s`` or with exit code 1.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from typing import Any

from faststream import FastStream
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from prometheus_client import CollectorRegistry

from newsdesk.observe.health import Health
from newsdesk.observe.logs import configure_logging
from newsdesk.observe.metrics import REGISTRY, update_lag
from newsdesk.observe.server import ObserveServer
from newsdesk.observe.shutdown import Shutdown
from newsdesk.settings import DEFAULT_SHUTDOWN_GRACE_S, ServiceSettings

log = logging.getLogger(__name__)
#: The process's readiness: ``run_app`` requires Kafka; lifespans add what else they need.
HEALTH = Health()
#: Set when the process is asked to stop (SIGTERM, SIGINT).
SHUTDOWN = Shutdown(DEFAULT_SHUTDOWN_GRACE_S)


def run_app(
    app: FastStream,
    settings: ServiceSettings,
    *,
    service: str,
    registries: tuple[CollectorRegistry, ...] = (),
) -> None:
    """Run ``app`` as the process of ``service`` until a signal stops it (see the module)."""
    configure_logging(settings.log_format, settings.log_level, service)
    SHUTDOWN.grace_s = settings.shutdown_grace_s
    asyncio.run(_serve(app, settings, service, registries))


async def _serve(
    app: FastStream,
    settings: ServiceSettings,
    service: str,
    registries: tuple[CollectorRegistry, ...],
) -> None:
    for broker in app.brokers:
        broker.add_middleware(
            KafkaPrometheusMiddleware(
                registry=REGISTRY, app_name=service, metrics_prefix="newsdesk"
            )
        )
    app.context.set_global("stopping", SHUTDOWN.event)

    async def started() -> None:
        for number, broker in enumerate(app.brokers):
            HEALTH.require("kafka" if not number else f"kafka-{number}", _kafka_check(broker))
        HEALTH.started = True
        configure_logging(settings.log_format, settings.log_level, service)  # FastStream's too

    app.after_startup(started)
    server = None
    if settings.metrics_port is not None:
        refresh = [_lag_refresh(broker) for broker in app.brokers]
        server = ObserveServer(HEALTH, [REGISTRY, *registries], refresh)
        await server.start(settings.metrics_host, settings.metrics_port)
    level = logging.getLevelName(settings.log_level.upper())
    running = asyncio.create_task(app.run(log_level=level))
    await asyncio.sleep(0)  # app.run installs FastStream's signal handlers first: ours replace them
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, _stop, app)
    try:
        await running
    finally:
        if server is not None:
            await server.stop()


def _stop(app: FastStream) -> None:
    HEALTH.stopping = True
    SHUTDOWN.begin()
    app.exit()


def _kafka_check(broker: Any) -> Callable[[], Any]:
    async def check() -> str | None:
        return None if await broker.ping(2.0) else "the brokers do not answer"

    return check


def _lag_refresh(broker: Any) -> Callable[[], Any]:
    async def refresh() -> None:
        await update_lag(broker)

    return refresh
