"""Kafka topic names and their layout; creating them idempotently."""

from __future__ import annotations

from dataclasses import dataclass

URLS = "newsdesk.urls"
ARTICLES_RAW = "newsdesk.articles.raw"
ARTICLES_ENRICHED = "newsdesk.articles.enriched"
DLQ = "newsdesk.dlq"

#: Consumer groups, one per service role; ``newsdesk status`` reports their lag.
GROUP_FETCHER = "newsdesk-fetcher"
GROUP_EXTRACTOR = "newsdesk-extractor"
GROUP_INDEXER = "newsdesk-indexer"

#: Which group consumes which topic (the lag of ``newsdesk.dlq`` is not anyone's work).
CONSUMERS: dict[str, str] = {
    URLS: GROUP_FETCHER,
    ARTICLES_RAW: GROUP_EXTRACTOR,
    ARTICLES_ENRICHED: GROUP_INDEXER,
}


@dataclass(frozen=True)
class TopicSpec:
    """A topic and how many partitions it gets (the unit of horizontal scaling)."""

    name: str
    partitions: int
    replication: int = 1


def topic_specs(partitions: int, replication: int = 1) -> list[TopicSpec]:
    """All newsdesk topics; the DLQ gets one partition so it reads in failure order."""
    return [
        TopicSpec(URLS, partitions, replication),
        TopicSpec(ARTICLES_RAW, partitions, replication),
        TopicSpec(ARTICLES_ENRICHED, partitions, replication),
        TopicSpec(DLQ, 1, replication),
    ]
