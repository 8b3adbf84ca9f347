"""Kafka topic names and their layout: the one config every setup path reads.

``newsdesk run``, ``newsdesk setup topics`` (the compose and Kubernetes setup jobs) and the tests
of the Strimzi ``KafkaTopic`` manifests all take partitions, retention and cleanup policy from
:func:`topic_specs`, so the topics are the same wherever newsdesk runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


DAY_MS = 24 * 3600 * 1000

#: Topic-level Kafka configs. ``newsdesk.articles.raw`` is compacted by ``article_id`` (the
#: latest fetch of each article is kept) and deleted after 90 days: ``newsdesk reprocess`` can
#: re-run the extractor over 90 days of articles. The other work topics are a buffer (7 days);
#: dead letters are kept 30 days for ``newsdesk dlq replay``.
CONFIGS: dict[str, dict[str, str]] = {
    URLS: {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
    ARTICLES_RAW: {
        "cleanup.policy": "compact,delete",
        "retention.ms": str(90 * DAY_MS),
        "min.compaction.lag.ms": str(DAY_MS),
    },
    ARTICLES_ENRICHED: {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
    DLQ: {"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
}


@dataclass(frozen=True)
class TopicSpec:
    """A topic, its partitions (the unit of horizontal scaling) and its Kafka configs."""

    name: str
    partitions: int
    replication: int = 1
    configs: dict[str, str] = field(default_factory=dict)


def topic_specs(partitions: int, replication: int = 1) -> list[TopicSpec]:
    """All newsdesk topics; the DLQ gets one partition so it reads in failure order."""
    return [
        TopicSpec(name, 1 if name == DLQ else partitions, replication, dict(CONFIGS[name]))
        for name in (URLS, ARTICLES_RAW, ARTICLES_ENRICHED, DLQ)
    ]
