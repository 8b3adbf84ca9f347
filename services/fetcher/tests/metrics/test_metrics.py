"""Metrics: counted by outcome and reason, served over HTTP for Prometheus."""

from __future__ import annotations

import httpx

from fetcher.metrics import FetcherMetrics
from newsdesk.observe.health import Health
from newsdesk.observe.server import ObserveServer


async def test_served_metrics_show_outcomes_bytes_and_latency() -> None:
    metrics = FetcherMetrics()
    metrics.fetched("news.test", wire_bytes=1200, seconds=0.3)
    metrics.rejected("news.test", "robots_disallowed", seconds=0.0)
    metrics.not_modified.labels("feed").inc()
    # The fetcher's registry is served by the shared endpoint, beside the process's own.
    server = ObserveServer(Health(), [metrics.registry])
    await server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            text = (await client.get(f"http://127.0.0.1:{server.port}/metrics", timeout=5)).text
    finally:
        await server.stop()
    assert 'newsdesk_fetcher_fetches_total{outcome="fetched",reason=""} 1.0' in text
    assert (
        'newsdesk_fetcher_fetches_total{outcome="rejected",reason="robots_disallowed"} 1.0' in text
    )
    assert 'newsdesk_fetcher_bytes_total{role="worker"} 1200.0' in text
    assert 'newsdesk_fetcher_not_modified_total{source="feed"} 1.0' in text
    assert 'newsdesk_fetcher_fetch_seconds_count{host="news.test"} 1.0' in text
