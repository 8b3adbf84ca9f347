"""Prometheus metrics of both fetcher roles (served by :mod:`newsdesk.serving` with the rest)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class FetcherMetrics:
    """The fetcher's counters; pass a fresh ``CollectorRegistry`` in tests."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.fetches = Counter(
            "newsdesk_fetcher_fetches",
            "Page fetches by outcome (fetched, rejected) and reason code",
            ["outcome", "reason"],
            registry=self.registry,
        )
        self.bytes = Counter(
            "newsdesk_fetcher_bytes",
            "Bytes read off the wire (compressed size), pages and listings",
            ["role"],
            registry=self.registry,
        )
        self.not_modified = Counter(
            "newsdesk_fetcher_not_modified",
            "Conditional GETs of feeds and sitemaps answered 304 Not Modified",
            ["source"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "newsdesk_fetcher_fetch_seconds",
            "Time to fetch a page (politeness waits excluded), per host",
            ["host"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.discovered = Counter(
            "newsdesk_fetcher_discovered",
            "URLs and files the scheduler found, by what it did with them",
            ["source", "outcome"],
            registry=self.registry,
        )

    def fetched(self, host: str, wire_bytes: int, seconds: float) -> None:
        """Count a page that became a RawArticle."""
        self.fetches.labels("fetched", "").inc()
        self.bytes.labels("worker").inc(wire_bytes)
        self.latency.labels(host).observe(seconds)

    def rejected(self, host: str, reason: str, seconds: float) -> None:
        """Count a URL that was refused or failed (it went to the DLQ with ``reason``)."""
        self.fetches.labels("rejected", reason).inc()
        if seconds > 0:
            self.latency.labels(host).observe(seconds)

    def value(self, name: str, labels: dict[str, str]) -> float:
        """A sample's current value (0 if absent), for tests and ``newsdesk status``."""
        return self.registry.get_sample_value(name, labels) or 0.0
