"""Event contracts passed between the services over Kafka (pydantic v2, JSON on the wire).

Every event carries ``schema_version``. Readers accept the versions in :data:`KNOWN_VERSIONS` and
reject the rest (error type ``unknown_schema``), so a producer from the future never corrupts the
index silently. What a hostile or broken producer can put on the wire is bounded here, where it is
parsed: compressed content inflates only up to a limit (error type ``too_large``), timestamps of
the pipeline's own clock must lie between 1970 and tomorrow, list fields that are not free text
have a maximum length. :mod:`newsdesk.kafka.records` turns these errors into reason codes.

The enriched record models (``Entity``, ``Event``, ...) are also the layout of the Elasticsearch
document: their field names are part of the contract.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal, Self, TypeVar

from annotated_types import MaxLen
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

_M = TypeVar("_M", bound=BaseModel)
SCHEMA_VERSION = 1
#: The schema versions this code reads.
KNOWN_VERSIONS = frozenset({1})
#: Validation-context key: the most bytes compressed content may inflate to.
CONTENT_LIMIT = "max_content_bytes"
#: The inflation limit when the caller sets none (a local file may have 16 MiB).
DEFAULT_MAX_CONTENT_BYTES = 16 * 1024 * 1024
#: Earliest time the pipeline's own clock can have stamped (fetched_at, discovered_at, ...).
EPOCH = datetime(1970, 1, 2, tzinfo=UTC)
#: How far ahead of this machine's clock another machine's stamp may be.
CLOCK_SKEW = timedelta(days=1)
#: Longest article id, in UTF-8 bytes: Elasticsearch refuses longer document ids.
MAX_ID_BYTES = 512
#: Band keys a signature may have (the extractor writes 16); more is not a signature.
MAX_BANDS = 256
# Most values a list of the enriched record may hold. The extractor cuts its own output to
# these (see Enrichment.capped); on the wire, more is refused as an invalid payload. Indexing
# time grows faster than linearly with nested values on the local Elasticsearch API: a record
# at every limit below takes about 1.5 s there, one with 2,000 entities 33 s, and 70,000 band or
# person values stalled it past every timeout, nacking the batch forever.
MAX_ENTITIES = 500
MAX_COUNTRIES = 300
MAX_EVENTS = 200
MAX_TERMS = 100
MAX_PARTIES = 30
MAX_ALIASES = 20

DiscoveredVia = Literal["feed", "sitemap", "list", "cli", "directory", "url", "link"]
DateSource = Literal[
    "json-ld", "meta", "time", "feed", "url", "dateline", "text-header", "http-header", "none"
]
Polarity = Literal["positive", "negative"]
#: Whether an event is reported as having happened, or is planned (future, intended,
#: conditional), cancelled (called off, postponed, suspended) or denied (negated, refused).
EventStatus = Literal["reported", "planned", "cancelled", "denied"]


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (events never carry naive datetimes)."""
    return datetime.now(UTC)


def _compress(content: bytes) -> str:
    return base64.b64encode(gzip.compress(content, compresslevel=6)).decode("ascii")


def _decompress(value: object, info: ValidationInfo) -> bytes:
    """Bytes as given (built in code), or base64 gzip from the wire inflated up to the limit."""
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("invalid_content", "content must be a base64 string of gzip data")
    limit = int((info.context or {}).get(CONTENT_LIMIT, DEFAULT_MAX_CONTENT_BYTES))
    try:
        packed = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise PydanticCustomError("invalid_content", "content is not valid base64") from None
    return inflate(packed, limit)


def inflate(packed: bytes, limit: int) -> bytes:
    """Inflate gzip data (one or more members) without ever holding more than ``limit`` bytes.

    Raises ``PydanticCustomError`` of type ``too_large`` past the limit, ``invalid_content``
    for data that is not gzip or is cut short.
    """
    out = bytearray()
    rest = packed
    while rest:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise PydanticCustomError(
                "invalid_content", "content is not valid gzip data: {error}", {"error": str(exc)}
            ) from None
        if len(out) > limit:
            raise PydanticCustomError(
                "too_large", "content inflates to more than {limit} bytes", {"limit": limit}
            )
        if not inflater.eof:
            raise PydanticCustomError("invalid_content", "content is truncated gzip data")
        rest = inflater.unused_data
    return bytes(out)


def _known_version(version: int) -> int:
    if version not in KNOWN_VERSIONS:
        known = ", ".join(str(v) for v in sorted(KNOWN_VERSIONS))
        raise PydanticCustomError(
            "unknown_schema",
            "schema_version {version} is not one this service reads (it reads {known})",
            {"version": version, "known": known},
        )
    return version


def _document_id(value: str) -> str:
    if len(value.encode("utf-8")) > MAX_ID_BYTES:
        raise PydanticCustomError(
            "invalid_id", "an article id has at most {limit} bytes", {"limit": MAX_ID_BYTES}
        )
    return value


def _aware(value: datetime) -> datetime:
    """Naive datetimes on the wire are read as UTC (events never carry local times)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _pipeline_time(value: datetime) -> datetime:
    value = _aware(value)
    if not EPOCH <= value <= utcnow() + CLOCK_SKEW:
        raise PydanticCustomError(
            "invalid_timestamp",
            "{value} is not a time this pipeline can have stamped (1970 to tomorrow)",
            {"value": value.isoformat()},
        )
    return value


# Page content travels gzip-compressed and base64-encoded inside the JSON event, so a 3 MB page
# costs a few hundred kB on the wire and binary or mis-encoded pages survive the trip byte-exact.
CompressedBytes = Annotated[
    bytes,
    PlainValidator(_decompress),
    PlainSerializer(_compress, return_type=str, when_used="json"),
]
SchemaVersion = Annotated[int, AfterValidator(_known_version)]
#: The document id in Elasticsearch (at most 512 bytes there); newsdesk's own ids are 24 hex digits.
ArticleId = Annotated[str, Field(min_length=1), AfterValidator(_document_id)]
#: A time stamped by the pipeline itself: fetched, discovered, failed.
PipelineTime = Annotated[datetime, AfterValidator(_pipeline_time)]
#: A time read from content (published, modified): any date, but never naive.
ContentTime = Annotated[datetime, AfterValidator(_aware)]


class Contract(BaseModel):
    """Base of every wire model: unknown fields are kept out, values are validated on build."""

    model_config = ConfigDict(extra="ignore", frozen=False, populate_by_name=True)


class FeedMetadata(Contract):
    """What a feed or sitemap said about an item before its page was fetched."""

    title: str | None = None
    published: ContentTime | None = None
    author: str | None = None
    summary: str | None = None
    language: str | None = None


class FetchRequest(Contract):
    """A URL to fetch (topic ``newsdesk.urls``, keyed by host)."""

    schema_version: SchemaVersion = SCHEMA_VERSION
    url: str
    source: str = Field(description="id of the source that discovered the URL")
    source_name: str | None = None
    discovered_at: PipelineTime = Field(default_factory=utcnow)
    discovered_via: DiscoveredVia = "cli"
    feed: FeedMetadata | None = None
    language_hint: str | None = None
    attempt: int = 0
    trace_id: str | None = None


class RawArticle(Contract):
    """A fetched page or a read file (topic ``newsdesk.articles.raw``, keyed by article_id)."""

    schema_version: SchemaVersion = SCHEMA_VERSION
    article_id: ArticleId
    url: str
    canonical_url: str
    source: str
    source_name: str | None = None
    fetched_at: PipelineTime = Field(default_factory=utcnow)
    status: int | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    content: CompressedBytes
    content_type: str = "text/plain"
    encoding: str | None = None
    feed: FeedMetadata | None = None
    language_hint: str | None = None
    trace_id: str | None = None


class Entity(Contract):
    """One real-world entity of an article, all its mentions merged."""

    name: str
    label: str
    aliases: list[str] = Field(default_factory=list, max_length=MAX_ALIASES)
    mentions: int = 1
    salience: float = 0.0
    first_offset: int = 0
    country: str | None = None


class GeoPoint(Contract):
    """A point for Kibana Maps."""

    lat: float
    lon: float


class Location(Contract):
    """A place named in the article, with its country (if any) and coordinates (if known)."""

    name: str
    country: str | None = None
    kind: Literal["country", "city", "region", "place"] = "place"
    point: GeoPoint | None = None
    mentions: int = 1


class EventParty(Contract):
    """A participant of an event: an entity and the country it acts for."""

    name: str
    country: str | None = None
    label: str | None = None


class Event(Contract):
    """A typed event (agreement, meeting, visit, arms_transfer, ...) found in one sentence."""

    type: str
    trigger: str
    parties: list[EventParty] = Field(default_factory=list, max_length=MAX_PARTIES)
    countries: list[str] = Field(default_factory=list, max_length=MAX_PARTIES)
    date: str | None = Field(default=None, description="ISO date, YYYY-MM or YYYY when vaguer")
    date_precision: Literal["day", "month", "year"] | None = None
    place: str | None = None
    polarity: Polarity = "positive"
    status: EventStatus = Field(
        default="reported", description="reported, planned, cancelled or denied"
    )
    sentence: str = ""
    subjects: list[str] = Field(default_factory=list, max_length=MAX_PARTIES)


class Quote(Contract):
    """A quotation and who said it (the speaker is the canonical entity name when resolved)."""

    speaker: str | None
    text: str
    speaker_label: str | None = None
    kind: Literal["direct", "partial", "attributed"] = "direct"


class Topic(Contract):
    """A taxonomy topic that matched, with the terms that matched it."""

    name: str
    score: float
    terms: list[str] = Field(default_factory=list, max_length=MAX_TERMS)


class DateInfo(Contract):
    """A date found in a document, where it came from and how sure we are."""

    value: datetime | None = None
    source: DateSource = "none"
    confidence: float = 0.0


class Enrichment(Contract):
    """What NLP adds to an article: the extractor's enrichment stage returns exactly this."""

    entities: list[Entity] = Field(default_factory=list, max_length=MAX_ENTITIES)
    persons: list[str] = Field(default_factory=list, max_length=MAX_ENTITIES)
    organizations: list[str] = Field(default_factory=list, max_length=MAX_ENTITIES)
    places: list[str] = Field(default_factory=list, max_length=MAX_ENTITIES)
    countries: list[str] = Field(default_factory=list, max_length=MAX_COUNTRIES)
    locations: list[Location] = Field(default_factory=list, max_length=MAX_ENTITIES)
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS)
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_EVENTS)
    topics: list[Topic] = Field(default_factory=list, max_length=MAX_TERMS)
    keywords: list[str] = Field(default_factory=list, max_length=MAX_TERMS)
    summary: str | None = None
    minhash_bands: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=MAX_BANDS
    )
    skipped_steps: list[str] = Field(default_factory=list, max_length=MAX_TERMS)

    def capped(self) -> Self:
        """A copy whose lists (nested ones too) hold at most what the contract allows.

        Lists are kept in order, so what is kept is what the producer put first (the extractor
        sorts entities by salience). A cut adds ``record:lists_capped`` to ``skipped_steps``.
        """
        copy, cut = _cap(self)
        if cut and "record:lists_capped" not in copy.skipped_steps:
            copy.skipped_steps = [*copy.skipped_steps[: MAX_TERMS - 1], "record:lists_capped"]
        return copy


def _cap(model: _M) -> tuple[_M, bool]:
    """``model`` with every list field cut to its ``max_length``, and whether anything was cut."""
    updates: dict[str, object] = {}
    cut = False
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if not isinstance(value, list):
            continue
        limit = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
        kept = value if limit is None else value[:limit]
        cut = cut or len(kept) < len(value)
        items = []
        for item in kept:
            if isinstance(item, BaseModel):
                capped_item, inner = _cap(item)
                cut = cut or inner
                items.append(capped_item)
            else:
                items.append(item)
        updates[name] = items
    return model.model_copy(update=updates), cut


class EnrichedArticle(Enrichment):
    """Everything the indexer writes (topic ``newsdesk.articles.enriched``, keyed by article_id).

    Field names match the Elasticsearch record layout of DESIGN.md; the enrichment fields come
    from :class:`Enrichment`.
    """

    schema_version: SchemaVersion = SCHEMA_VERSION
    article_id: ArticleId
    url: str
    canonical_url: str
    source: str
    source_name: str | None = None
    source_domain: str | None = None
    fetched_at: PipelineTime
    language: str | None = None
    language_confidence: float | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list, max_length=MAX_TERMS)
    published_at: ContentTime | None = None
    published_source: DateSource = "none"
    published_confidence: float = 0.0
    modified_at: ContentTime | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list, max_length=MAX_TERMS)
    image: str | None = None
    text: str = ""
    word_count: int = 0
    story_id: str | None = None
    duplicate_of: str | None = None
    extractor_version: str = "0"
    timings_ms: dict[str, float] = Field(default_factory=dict)
    trace_id: str | None = None


Stage = Literal["fetcher", "scheduler", "extractor", "indexer", "cli"]


class DeadLetter(Contract):
    """An input that could not be processed (topic ``newsdesk.dlq``), with why and where from.

    ``payload`` holds the original message bytes exactly, so ``newsdesk dlq replay`` can publish
    them again to ``topic`` — unless the letter would not fit the topic's maximum message size:
    then ``payload`` keeps a prefix, ``payload_truncated`` is set and ``payload_size`` and
    ``payload_sha256`` describe the whole message (such a letter cannot be replayed).
    """

    schema_version: SchemaVersion = SCHEMA_VERSION
    stage: Stage
    reason: str = Field(description="stable machine-readable reason code")
    message: str = Field(description="a sentence for people")
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    url: str | None = None
    article_id: str | None = None
    payload: CompressedBytes = b""
    payload_size: int | None = Field(default=None, description="bytes of the original message")
    payload_sha256: str | None = Field(default=None, description="hash of the original message")
    payload_truncated: bool = Field(
        default=False, description="payload keeps only a prefix: the message did not fit"
    )
    attempts: int = Field(default=1, ge=1, description="times this input failed (replays + 1)")
    failed_at: PipelineTime = Field(default_factory=utcnow)

    @property
    def identity(self) -> tuple[str, ...]:
        """The failure this letter reports: the same in every copy of the letter.

        Letters are published at least once: a process that dies after publishing a letter but
        before committing its input's offset fails the redelivered input again and publishes the
        same letter again. A failure is one stage failing one original record (topic, partition,
        offset) on one attempt; a replayed input is a new record and a new attempt. Letters with
        no original record (the scheduler's refusals) are each their own failure.
        """
        if self.topic is not None and self.partition is not None and self.offset is not None:
            where = (self.topic, str(self.partition), str(self.offset), str(self.attempts))
            return ("record", self.stage, *where)
        return (
            "letter",
            self.stage,
            self.reason,
            self.key or "",
            self.url or "",
            str(self.failed_at),
        )
