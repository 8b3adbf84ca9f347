"""What a handler publishes for one batch: outputs that fit, and a dead letter for the rest.

Each message published carries the trace of the record it came from (``traceparent``): see
:mod:`newsdesk.tracing`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel

from newsdesk.errors import Rejected
from newsdesk.events import DeadLetter
from newsdesk.kafka.records import ATTEMPT_HEADER, Codec, Record
from newsdesk.observe.metrics import letters_published
from newsdesk.tracing import RecordSpans, Where, producing, where_of

log = logging.getLogger(__name__)


class Publisher(Protocol):
    """What the outbox needs of a publisher (a FastStream publisher has it)."""

    @property
    def topic(self) -> str:
        """The topic it publishes to."""

    def publish(
        self, message: Any, *, key: bytes | None = ..., headers: dict[str, str] | None = ...
    ) -> Awaitable[Any]:
        """Publish one message."""


@dataclass(frozen=True)
class Send:
    """One queued output: its bytes, key, extra headers and the record it came from."""

    publisher: Publisher
    value: bytes
    key: bytes | None
    source: Where | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Outbox:
    """Collects a batch's outputs and dead letters, then publishes them all at once.

    An output that does not fit its topic becomes the dead letter (``too_large``) of the record
    it came from; dead letters always fit. Publishing failures propagate: the caller's batch is
    then not acknowledged and is consumed again.

    :meth:`receive` starts the trace span of each consumed record; every output, hand-back and
    dead letter is published under a span of its own, child of its record's, with that span in
    its ``traceparent`` header; :meth:`flush` ends the records' spans.
    """

    codec: Codec
    sends: list[Send] = field(default_factory=list)
    letters: list[DeadLetter] = field(default_factory=list)
    spans: RecordSpans | None = None

    def receive(self, records: Iterable[Record]) -> None:
        """Start the trace spans of the consumed ``records``, each in its own trace."""
        if self.spans is None:
            self.spans = RecordSpans(self.codec.stage)
        self.spans.receive(records)

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
            self.sends.append(Send(publisher, self.codec.encode(model), key, where_of(record)))
        except Rejected as exc:
            self.reject(record, exc, url=url, article_id=article_id)

    def forward(self, publisher: Publisher, record: Record) -> None:
        """Queue the record's own bytes again, under its key: an input handed back to a topic.

        It keeps its ``newsdesk-attempt`` header: a replayed input handed back is still a replay.
        """
        attempt = {
            name: value.decode("ascii", "replace")
            for name, value in record.headers or ()
            if name == ATTEMPT_HEADER
        }
        value, key = record.value or b"", record.key
        self.sends.append(Send(publisher, value, key, where_of(record), attempt))

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
        publishes = [self._publish(send) for send in self.sends]
        for letter in self.letters:
            log.info(
                "dead-lettered %s/%s: %s",
                letter.stage,
                letter.reason,
                letter.message[:300],
                extra=letter_fields(letter),
            )
            key = letter.key.encode() if letter.key else None
            source = _source_of(letter)
            if self.spans is not None:
                self.spans.fail(source, letter.reason)
            value = self.codec.encode_letter(letter)
            publishes.append(self._publish(Send(dlq, value, key, source)))
        try:
            await asyncio.gather(*publishes)
        finally:
            if self.spans is not None:
                self.spans.end()
        letters_published(self.letters)
        self.sends.clear()
        self.letters.clear()

    async def _publish(self, send: Send) -> None:
        parent = self.spans.span_of(send.source) if self.spans is not None else None
        with producing(send.publisher.topic, send.key, parent) as trace_headers:
            headers = send.headers | trace_headers
            await send.publisher.publish(send.value, key=send.key, headers=headers)


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


def _source_of(letter: DeadLetter) -> Where | None:
    if letter.topic is None or letter.partition is None or letter.offset is None:
        return None
    return (letter.topic, letter.partition, letter.offset)
