"""The dead-letter topic: read what failed, and replay it to the topic it came from, once.

A replay publishes a letter's original bytes to its original topic with the
:data:`~newsdesk.kafka.ATTEMPT_HEADER` set to the letter's ``attempts``; when that input fails
again, the decode path writes a new letter with ``attempts + 1``. Each replayed letter gets a
*receipt* on the dead-letter topic (a :class:`ReplayReceipt` with the :data:`RECEIPT_HEADER`),
identified by the letter's partition and offset there, so a second replay skips it. A letter
that failed ``max_attempts`` times is not replayed again ("gave up").
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from pydantic import Field, ValidationError

from newsdesk import topics
from newsdesk.errors import BackendUnavailable
from newsdesk.events import SCHEMA_VERSION, Contract, DeadLetter, PipelineTime, utcnow
from newsdesk.kafka import ATTEMPT_HEADER, Codec, client_options, open_producer
from newsdesk.settings import KafkaSettings

#: Header that marks a message on the dead-letter topic as a replay receipt, not a letter.
RECEIPT_HEADER = "newsdesk-receipt"
#: Failures after which a letter is not replayed again, unless told otherwise.
DEFAULT_MAX_ATTEMPTS = 3

State = Literal["pending", "replayed", "gave up", "not replayable"]


class ReplayReceipt(Contract):
    """The record that the letter at ``partition``/``offset`` of the DLQ was replayed."""

    schema_version: int = SCHEMA_VERSION
    kind: Literal["replay_receipt"] = "replay_receipt"
    partition: int
    offset: int
    topic: str = Field(description="where the letter's message was published again")
    attempt: int = Field(description="the attempt header it was published with")
    replayed_at: PipelineTime = Field(default_factory=utcnow)


@dataclass
class Entry:
    """A dead letter, where it sits on the DLQ, and its receipt once replayed."""

    letter: DeadLetter
    partition: int
    offset: int
    receipt: ReplayReceipt | None = None

    @property
    def not_replayable(self) -> str | None:
        """Why this letter cannot be replayed, or None when it can."""
        letter = self.letter
        if not letter.topic:
            return (
                "no original message: a refusal of the scheduler or the CLI "
                "(the source is polled again, or ingest the file again)"
            )
        if letter.topic == topics.DLQ:
            return "not a dead letter: a message on the dead-letter topic that did not parse"
        if letter.payload_truncated:
            size = f"{letter.payload_size:,}" if letter.payload_size else "?"
            return f"only a prefix of the {size}-byte message was kept (it did not fit the letter)"
        if not letter.payload:
            return "the original message was empty: there is nothing to publish again"
        return None

    def state(self, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> State:
        """pending, replayed, gave up (failed ``max_attempts`` times) or not replayable."""
        if self.receipt is not None:
            return "replayed"
        if self.not_replayable is not None:
            return "not replayable"
        return "gave up" if self.letter.attempts >= max_attempts else "pending"


@dataclass(frozen=True)
class LetterFilter:
    """Which dead letters a command applies to; None matches everything."""

    stage: str | None = None
    reason: str | None = None
    since: datetime | None = None

    def matches(self, letter: DeadLetter) -> bool:
        """True when the letter passes every set criterion (a naive ``since`` is UTC)."""
        since = self.since
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return (
            (self.stage in (None, letter.stage))
            and (self.reason in (None, letter.reason))
            and (since is None or letter.failed_at >= since)
        )


def _receipt(message: ConsumerRecord[bytes, bytes]) -> ReplayReceipt | None:
    if not any(name == RECEIPT_HEADER for name, _ in message.headers or ()):
        return None
    try:
        return ReplayReceipt.model_validate_json(message.value or b"")
    except ValidationError:
        return None  # a broken receipt is listed as the poison it is


def unique(entries: Iterable[Entry]) -> list[Entry]:
    """One entry per failure (:attr:`DeadLetter.identity`): its first copy, in the given order.

    A process that dies between publishing a letter and committing its input's offset fails the
    redelivered input again and publishes the same letter again. Counted twice, one failure
    would read as two; replayed twice, one input would be published twice. A copy that was
    replayed lends its receipt to the one kept.
    """
    kept: dict[tuple[str, ...], Entry] = {}
    for entry in entries:
        first = kept.setdefault(entry.letter.identity, entry)
        if first.receipt is None and entry.receipt is not None:
            first.receipt = entry.receipt
    return list(kept.values())


async def read_entries(settings: KafkaSettings, timeout_s: float = 60.0) -> list[Entry]:
    """Every failure with its letter's place and receipt, oldest first, read to the topic's end.

    Each failure once (:func:`unique`), however many copies of its letter the topic holds.

    Reads without joining a consumer group, up to the end offsets found at the start, so a
    slow broker delays the answer instead of shortening it.
    """
    consumer = AIOKafkaConsumer(**client_options(settings), enable_auto_commit=False)
    codec = Codec("cli", settings.max_message_bytes)
    entries: list[Entry] = []
    receipts: dict[tuple[int, int], ReplayReceipt] = {}
    try:
        await consumer.start()
        partitions = consumer.partitions_for_topic(topics.DLQ)
        if partitions is None:
            await consumer._client.force_metadata_update()  # aiokafka has no public refresh
            partitions = consumer.partitions_for_topic(topics.DLQ) or set()
        tps = [TopicPartition(topics.DLQ, p) for p in sorted(partitions)]
        if not tps:
            return []
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        deadline = time.monotonic() + timeout_s
        while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
            if time.monotonic() > deadline:
                raise BackendUnavailable(f"reading {topics.DLQ} took more than {timeout_s:.0f} s")
            batches = await consumer.getmany(timeout_ms=500, max_records=1000)
            for messages in batches.values():
                for message in messages:
                    receipt = _receipt(message)
                    if receipt is not None:
                        receipts[(receipt.partition, receipt.offset)] = receipt
                        continue
                    # Anything else that is not a dead letter (another producer's, or poison)
                    # is listed as the letter of its own failure, never a traceback.
                    letter = codec.decode(message, DeadLetter)
                    entries.append(Entry(letter, message.partition, message.offset))
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    finally:
        await consumer.stop()
    for entry in entries:
        entry.receipt = receipts.get((entry.partition, entry.offset))
    entries.sort(key=lambda entry: (entry.letter.failed_at, entry.offset))
    return unique(entries)


async def read_letters(settings: KafkaSettings, idle_ms: int = 1500) -> list[DeadLetter]:
    """Every failure in the topic, one letter each, oldest first (replay receipts left out).

    ``idle_ms`` is kept for callers of the former idle-timeout reader; the topic is now read
    to its end offsets.
    """
    del idle_ms
    return [entry.letter for entry in await read_entries(settings)]


def tally(letters: Iterable[DeadLetter]) -> Counter[tuple[str, str]]:
    """How many letters per (stage, reason)."""
    return Counter((letter.stage, letter.reason) for letter in letters)


@dataclass
class ReplayPlan:
    """What a replay does with each matching letter."""

    max_attempts: int
    replay: list[Entry] = field(default_factory=list)
    already_replayed: list[Entry] = field(default_factory=list)
    gave_up: list[Entry] = field(default_factory=list)
    not_replayable: list[Entry] = field(default_factory=list)
    over_limit: list[Entry] = field(default_factory=list)


def plan_replay(
    entries: Iterable[Entry], *, max_attempts: int = DEFAULT_MAX_ATTEMPTS, limit: int | None = None
) -> ReplayPlan:
    """Sort letters into what a replay publishes and why it leaves the rest (oldest first)."""
    plan = ReplayPlan(max_attempts)
    for entry in entries:
        state = entry.state(max_attempts)
        if state == "replayed":
            plan.already_replayed.append(entry)
        elif state == "not replayable":
            plan.not_replayable.append(entry)
        elif state == "gave up":
            plan.gave_up.append(entry)
        elif limit is not None and len(plan.replay) >= limit:
            plan.over_limit.append(entry)
        else:
            plan.replay.append(entry)
    return plan


async def replay(settings: KafkaSettings, plan: ReplayPlan) -> int:
    """Publish each planned letter to its topic, then its receipt; returns the count.

    The message goes first: a crash between the two replays that letter once more next time
    (at least once), never loses it.
    """
    codec = Codec("cli", settings.max_message_bytes)
    sent = 0
    async with open_producer(settings) as producer:
        for entry in plan.replay:
            letter = entry.letter
            if letter.topic is None:  # planned letters have one; keeps the type checker honest
                continue
            key = letter.key.encode() if letter.key else None
            attempt = [(ATTEMPT_HEADER, str(letter.attempts).encode())]
            await producer.send_and_wait(letter.topic, letter.payload, key=key, headers=attempt)
            receipt = ReplayReceipt(
                partition=entry.partition,
                offset=entry.offset,
                topic=letter.topic,
                attempt=letter.attempts,
            )
            await producer.send_and_wait(
                topics.DLQ,
                codec.encode(receipt),
                key=f"receipt:{entry.partition}:{entry.offset}".encode(),
                headers=[(RECEIPT_HEADER, b"1")],
            )
            entry.receipt = receipt
            sent += 1
    return sent
