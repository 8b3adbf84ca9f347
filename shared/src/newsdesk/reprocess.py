"""Re-running the extractor over stored raw articles: select them, publish them again.

``newsdesk.articles.raw`` keeps the latest fetch of every article (compacted by ``article_id``,
deleted after 90 days: :mod:`newsdesk.topics`). Reprocessing reads that topic from its start
without a consumer group, keeps the last message of each article (compaction may not have run
yet), selects by fetch time and source, and publishes the selected messages again, byte for
byte, with the same key. The running extractor takes them like any new fetch; the fetch time is
unchanged, so the indexer replaces each record and its events (``external_gte``), while a
newer fetch of the same article, if one was indexed meanwhile, is kept.

Moving the extractor group's offsets back was the other way: it needs no copy, but it cannot
select (a partition is replayed from an offset, every source and every date after it), and
Kafka refuses to move the offsets of a group whose members are running.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiokafka.errors import KafkaError
from pydantic import ValidationError

from newsdesk import topics
from newsdesk.errors import BackendUnavailable
from newsdesk.events import Contract, PipelineTime
from newsdesk.kafka import open_producer, read_topic
from newsdesk.settings import KafkaSettings

#: Header naming when a message was published again by ``newsdesk reprocess``.
REPROCESS_HEADER = "newsdesk-reprocess"


class _Head(Contract):
    """What selection reads of a raw article; the content is not inflated."""

    article_id: str
    source: str
    fetched_at: PipelineTime


@dataclass(frozen=True)
class Selection:
    """Which stored raw articles to reprocess; None matches every value."""

    since: datetime | None = None
    source: str | None = None

    def matches(self, head: _Head) -> bool:
        """True when the article passes every set criterion (a naive ``since`` is UTC)."""
        since = self.since
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return (since is None or head.fetched_at >= since) and (
            self.source is None or head.source == self.source
        )


@dataclass
class ReprocessReport:
    """What a reprocess found and sent."""

    messages: int = 0
    articles: int = 0
    unreadable: int = 0
    selected: int = 0
    published: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    dry_run: bool = False

    def as_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "dry_run": self.dry_run,
            "messages": self.messages,
            "articles": self.articles,
            "unreadable": self.unreadable,
            "selected": self.selected,
            "published": self.published,
            "by_source": dict(sorted(self.by_source.items())),
        }


async def reprocess(
    settings: KafkaSettings,
    selection: Selection,
    *,
    dry_run: bool = False,
    timeout_s: float = 600.0,
) -> ReprocessReport:
    """Publish the latest stored fetch of each selected article again to the raw topic.

    Two passes over the topic: the first finds the last message of each article (keeping only
    its place and a few fields, so memory does not grow with the content), the second publishes
    the selected ones. A message that does not parse was dead-lettered when it was first
    consumed; it is counted as unreadable and left alone.
    """
    report = ReprocessReport(dry_run=dry_run)
    latest: dict[bytes, tuple[int, int, _Head | None]] = {}
    async for record in read_topic(settings, topics.ARTICLES_RAW, timeout_s):
        report.messages += 1
        key = record.key or b""
        if record.value is None:  # a tombstone: the article was deleted
            latest.pop(key, None)
            continue
        try:
            head: _Head | None = _Head.model_validate_json(record.value)
        except ValidationError:
            head = None
        latest[key] = (record.partition, record.offset, head)
    heads = [head for _, _, head in latest.values() if head is not None]
    report.articles = len(heads)
    report.unreadable = len(latest) - len(heads)
    chosen = {
        (partition, offset)
        for partition, offset, head in latest.values()
        if head is not None and selection.matches(head)
    }
    report.selected = len(chosen)
    report.by_source = Counter(head.source for head in heads if selection.matches(head))
    if dry_run or not chosen:
        return report
    stamp = datetime.now(UTC).isoformat().encode()
    try:
        await _publish(settings, chosen, stamp, report, timeout_s)
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    return report


async def _publish(
    settings: KafkaSettings,
    chosen: set[tuple[int, int]],
    stamp: bytes,
    report: ReprocessReport,
    timeout_s: float,
) -> None:
    async with open_producer(settings) as producer:
        sent = []
        async for record in read_topic(settings, topics.ARTICLES_RAW, timeout_s):
            if (record.partition, record.offset) in chosen:
                sent.append(
                    await producer.send(
                        topics.ARTICLES_RAW,
                        record.value,
                        key=record.key,
                        headers=[(REPROCESS_HEADER, stamp)],
                    )
                )
        for delivery in asyncio.as_completed(sent):  # acks=all: each one is durable, or raises
            await delivery
            report.published += 1
