"""The one decode path: a consumed record becomes a model or a dead letter, whatever its bytes.

Every handler, the dead-letter reader and the CLI go through :class:`Codec`. Decoding never
raises: bytes that are not JSON, an event of the wrong shape, a future ``schema_version``, content
that is not gzip or inflates past the limit, a timestamp from 1900 — each becomes a
:class:`~newsdesk.events.DeadLetter` with a reason code and a readable message. Encoding an
output checks that it fits the topic's maximum message size; a dead letter always fits, because
its payload is cut to a prefix (with the whole message's size and hash) when it would not.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from newsdesk.errors import InvalidPayload, Rejected
from newsdesk.events import CONTENT_LIMIT, DEFAULT_MAX_CONTENT_BYTES, DeadLetter, Stage

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

#: Header a replayed message carries: how many times its input has failed before.
ATTEMPT_HEADER = "newsdesk-attempt"
#: Longest message a dead letter keeps (a validation error of a huge list is cut here).
MAX_LETTER_MESSAGE = 2000
#: Room a dead letter keeps for its own fields besides the payload.
LETTER_OVERHEAD = 16 * 1024
#: Validation error types that have a reason code of their own.
ERROR_REASONS = {"unknown_schema": "unknown_schema", "too_large": "too_large"}


class Record(Protocol):
    """The parts of a consumed Kafka record the decode path reads (aiokafka's ConsumerRecord)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Sequence[tuple[str, bytes]]


@dataclass
class Decoded(Generic[M]):
    """A decoded batch: the records that became models, in order, and the dead letters."""

    items: list[tuple[Record, M]] = field(default_factory=list)
    letters: list[DeadLetter] = field(default_factory=list)

    @property
    def models(self) -> list[M]:
        """The decoded models, in record order."""
        return [model for _, model in self.items]


def describe(error: ValidationError, most: int = 5) -> str:
    """A short, readable account of a validation error (a few fields, never the whole input)."""
    parts = []
    for detail in error.errors(include_url=False, include_input=False)[:most]:
        where = ".".join(str(part) for part in detail["loc"]) or "the message"
        parts.append(f"{where}: {detail['msg']}")
    more = error.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more errors)" if more > 0 else "")


def rejection(error: ValidationError) -> Rejected:
    """The rejection a validation error stands for: its reason from the first telling error."""
    types = [detail["type"] for detail in error.errors(include_url=False, include_input=False)]
    reason = next((ERROR_REASONS[kind] for kind in types if kind in ERROR_REASONS), None)
    return InvalidPayload(describe(error), reason=reason or "invalid_payload")


def attempts_before(record: Record) -> int:
    """How many times this record's input already failed (0 unless it is a replay)."""
    for name, value in getattr(record, "headers", None) or ():
        if name == ATTEMPT_HEADER:
            try:
                return max(int(value.decode("ascii")), 0)
            except (UnicodeDecodeError, ValueError):
                return 0
    return 0


@dataclass(frozen=True)
class Codec:
    """Decoding and encoding for one stage, within its topic and content limits."""

    stage: Stage
    max_message_bytes: int
    max_content_bytes: int | None = None

    def decode(self, record: Record, model: type[M]) -> M | DeadLetter:
        """The record as ``model``, or the dead letter saying why it is not one. Never raises."""
        if not record.value:
            return self.letter(record, InvalidPayload("the message is empty"))
        context = {CONTENT_LIMIT: self.max_content_bytes} if self.max_content_bytes else None
        try:
            return model.model_validate_json(record.value, context=context)
        except ValidationError as exc:
            return self.letter(record, rejection(exc))
        except Exception as exc:  # a validator bug must not block the partition
            log.exception("decoding %s@%d failed", record.topic, record.offset)
            return self.letter(record, exc)

    def decode_batch(self, records: Iterable[Record], model: type[M]) -> Decoded[M]:
        """Every record decoded: the models and the dead letters, each record exactly once."""
        decoded: Decoded[M] = Decoded()
        for record in records:
            result = self.decode(record, model)
            if isinstance(result, DeadLetter):
                decoded.letters.append(result)
            else:
                decoded.items.append((record, result))
        return decoded

    def letter(
        self,
        record: Record,
        error: BaseException,
        *,
        url: str | None = None,
        article_id: str | None = None,
    ) -> DeadLetter:
        """The dead letter of one consumed record that failed with ``error``."""
        if isinstance(error, Rejected):
            reason, message = error.reason, error.message
        else:
            reason, message = "internal_error", f"{type(error).__name__}: {error}"
        return DeadLetter(
            stage=self.stage,
            reason=reason,
            message=message[:MAX_LETTER_MESSAGE],
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key.decode("utf-8", "replace") if record.key else None,
            url=url[:MAX_LETTER_MESSAGE] if url else None,
            article_id=article_id[:MAX_LETTER_MESSAGE] if article_id else None,
            payload=record.value or b"",
            attempts=attempts_before(record) + 1,
        )

    def encode(self, model: BaseModel) -> bytes:
        """The model's JSON; ``Rejected(too_large)`` when it would not fit the topic."""
        value = model.model_dump_json().encode()
        if len(value) > self.max_message_bytes:
            raise Rejected(
                f"the {type(model).__name__} is {len(value):,} bytes as JSON, more than the "
                f"{self.max_message_bytes:,} a message may have",
                reason="too_large",
            )
        return value

    def encode_letter(self, letter: DeadLetter) -> bytes:
        """The letter's JSON, always within the topic's maximum message size."""
        return fit(letter, self.max_message_bytes).model_dump_json().encode()


def fit(letter: DeadLetter, max_bytes: int) -> DeadLetter:
    """The letter itself when it fits ``max_bytes`` as JSON, else with a payload prefix.

    The prefix is sized for the worst case (incompressible bytes grow by 4/3 in base64) and
    halved until the letter fits, so the result always fits; a payload larger than readers
    inflate (:data:`~newsdesk.events.DEFAULT_MAX_CONTENT_BYTES`) is cut as well.
    """
    fitted = _cut_text(letter, MAX_LETTER_MESSAGE)
    readable = len(letter.payload) <= DEFAULT_MAX_CONTENT_BYTES  # what readers inflate at most
    if readable and len(fitted.model_dump_json()) <= max_bytes:
        return fitted
    payload = letter.payload
    budget = max((max_bytes - LETTER_OVERHEAD) * 3 // 4, 0)
    prefix_size = min(len(payload), budget)
    while True:
        cut = fitted.model_copy(
            update={
                "payload": payload[:prefix_size],
                "payload_truncated": True,
                "payload_size": len(payload),
                "payload_sha256": hashlib.sha256(payload).hexdigest(),
            }
        )
        if len(cut.model_dump_json()) <= max_bytes:
            return cut
        if prefix_size == 0:  # text fields of escaped characters: keep less of each
            return _cut_text(cut, MAX_LETTER_MESSAGE // 10)
        prefix_size //= 2


#: The free-text fields of a letter, cut when it must fit (a letter read back is input too).
TEXT_FIELDS = ("message", "reason", "topic", "key", "url", "article_id")


def _cut_text(letter: DeadLetter, most: int) -> DeadLetter:
    cuts = {
        name: value[:most]
        for name in TEXT_FIELDS
        if isinstance(value := getattr(letter, name), str) and len(value) > most
    }
    return letter.model_copy(update=cuts) if cuts else letter
