"""The dead-letter topic: read what failed, and replay it to the topic it came from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from newsdesk import topics
from newsdesk.errors import BackendUnavailable
from newsdesk.events import DeadLetter
from newsdesk.kafka import Codec, client_options, open_producer
from newsdesk.settings import KafkaSettings


@dataclass(frozen=True)
class LetterFilter:
    """Which dead letters a command applies to; None matches everything."""

    stage: str | None = None
    reason: str | None = None

    def matches(self, letter: DeadLetter) -> bool:
        """True when the letter passes every set criterion."""
        return (self.stage in (None, letter.stage)) and (self.reason in (None, letter.reason))


async def read_letters(settings: KafkaSettings, idle_ms: int = 1500) -> list[DeadLetter]:
    """Every dead letter in the topic, oldest first, read without joining a consumer group."""
    consumer = AIOKafkaConsumer(
        topics.DLQ,
        **client_options(settings),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    letters: list[DeadLetter] = []
    codec = Codec("cli", settings.max_message_bytes)
    try:
        await consumer.start()
        while batches := await consumer.getmany(timeout_ms=idle_ms, max_records=1000):
            for messages in batches.values():
                # A message on the DLQ that is not a dead letter (another producer's, or
                # poison) is listed as the letter of its own failure, never a traceback.
                letters.extend(codec.decode(message, DeadLetter) for message in messages)
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    finally:
        await consumer.stop()
    letters.sort(key=lambda letter: letter.failed_at)
    return letters


def tally(letters: list[DeadLetter]) -> Counter[tuple[str, str]]:
    """How many letters per (stage, reason)."""
    return Counter((letter.stage, letter.reason) for letter in letters)


async def replay(settings: KafkaSettings, letters: list[DeadLetter]) -> int:
    """Publish each letter's original bytes to its original topic and key; returns the count.

    Letters without an original topic (the scheduler's refusals of files and URLs) are skipped:
    there is no message to replay, the source is polled again instead.
    """
    sent = 0
    async with open_producer(settings) as producer:
        for letter in letters:
            if not letter.topic or not letter.payload:
                continue
            key = letter.key.encode() if letter.key else None
            await producer.send_and_wait(letter.topic, letter.payload, key=key)
            sent += 1
    return sent
