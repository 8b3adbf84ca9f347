"""What a handler publishes for one batch: outputs that fit, and a dead letter for the rest."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel

from newsdesk.errors import Rejected
from newsdesk.events import DeadLetter
from newsdesk.kafka.records import Codec, Record

log = logging.getLogger(__name__)


class Publisher(Protocol):
    """What the outbox needs of a publisher (a FastStream publisher has it)."""

    def publish(self, message: Any, *, key: bytes | None = ...) -> Awaitable[Any]:
        """Publish one message."""


@dataclass
class Outbox:
    """Collects a batch's outputs and dead letters, then publishes them all at once.

    An output that does not fit its topic becomes the dead letter (``too_large``) of the record
    it came from; dead letters always fit. Publishing failures propagate: the caller's batch is
    then not acknowledged and is consumed again.
    """

    codec: Codec
    sends: list[tuple[Publisher, bytes, bytes | None]] = field(default_factory=list)
    letters: list[DeadLetter] = field(default_factory=list)

    def send(
        self,
        publisher: Publisher,
        model: BaseModel,
        *,
        key: bytes | None,
        record: Record,
        article_id: str | None = None,
        url: str | None = None,
    ) -> None:
        """Queue ``model`` for ``publisher``, or the record's dead letter if it is too large."""
        try:
            self.sends.append((publisher, self.codec.encode(model), key))
        except Rejected as exc:
            self.reject(record, exc, url=url, article_id=article_id)

    def forward(self, publisher: Publisher, record: Record) -> None:
        """Queue the record's own bytes again, under its key: an input handed back to a topic."""
        self.sends.append((publisher, record.value or b"", record.key))

    def reject(
        self,
        record: Record,
        error: BaseException,
        *,
        url: str | None = None,
        article_id: str | None = None,
    ) -> None:
        """Queue the dead letter of ``record``, which failed with ``error``."""
        self.letters.append(self.codec.letter(record, error, url=url, article_id=article_id))

    def extend(self, letters: Iterable[DeadLetter]) -> None:
        """Queue dead letters made elsewhere (the decode path's)."""
        self.letters.extend(letters)

    async def flush(self, dlq: Publisher) -> None:
        """Publish every queued output and dead letter; raises if any publish fails."""
        publishes = [publisher.publish(value, key=key) for publisher, value, key in self.sends]
        for letter in self.letters:
            log.info(
                "dead-lettered %s/%s: %s",
                letter.stage,
                letter.reason,
                letter.message[:300],
                extra=letter_fields(letter),
            )
            key = letter.key.encode() if letter.key else None
            publishes.append(dlq.publish(self.codec.encode_letter(letter), key=key))
        await asyncio.gather(*publishes)
        self.sends.clear()
        self.letters.clear()


def letter_fields(letter: DeadLetter) -> dict[str, object]:
    """What a log line about ``letter`` names: the article and the record it came from."""
    return {
        "article_id": letter.article_id,
        "url": letter.url,
        "topic": letter.topic,
        "partition": letter.partition,
        "offset": letter.offset,
        "stage": letter.stage,
        "reason": letter.reason,
    }
