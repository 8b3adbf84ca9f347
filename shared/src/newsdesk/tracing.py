"""OpenTelemetry traces through Kafka: each article keeps one trace from the fetcher to the indexer.

The trace context travels in the W3C ``traceparent`` (and ``tracestate``) Kafka headers. Every
consumer of newsdesk reads batches, and FastStream's ``KafkaTelemetryMiddleware`` gives a batch
one new trace that merely links its messages, and stamps that trace on everything the batch
publishes: the articles of a batch would lose their own traces. So the services do not use it;
instead :class:`RecordSpans` starts one consumer span per record, parented on the context that
record's headers carry, and every message published because of that record (output, hand-back,
dead letter) gets a producer span under it and its ``traceparent``. The scheduler starts a trace
per item it emits (:func:`producing`).

Spans are exported only when :func:`exporting` installed a provider (``NEWSDESK_OTEL__ENABLED``).
Without one, the no-op tracer hands the consumed record's own context on, so a trace started
upstream still reaches the indexer's inputs unchanged.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from newsdesk.settings import OtelSettings

if TYPE_CHECKING:  # newsdesk.kafka imports this module
    from newsdesk.kafka.records import Record

#: The headers the W3C trace context travels in.
TRACE_HEADERS = ("traceparent", "tracestate")
#: Where in Kafka a consumed record was: topic, partition, offset.
Where = tuple[str, int, int]

_propagator = TraceContextTextMapPropagator()
_provider: TracerProvider | None = None


def install(provider: TracerProvider | None) -> None:
    """Make ``provider`` the one newsdesk's spans go to (None: back to the no-op tracer)."""
    global _provider  # noqa: PLW0603 - one provider per process, as OpenTelemetry's own global
    _provider = provider


def tracer() -> Tracer:
    """The newsdesk tracer of the installed provider, else OpenTelemetry's global one."""
    provider = _provider or trace.get_tracer_provider()
    return provider.get_tracer("newsdesk")


def traces_endpoint(settings: OtelSettings) -> str | None:
    """The OTLP/HTTP traces URL: ours, else None for the exporter to read ``OTEL_EXPORTER_*``."""
    if settings.endpoint:
        return settings.endpoint.rstrip("/") + "/v1/traces"
    return None


@asynccontextmanager
async def exporting(settings: OtelSettings, service: str) -> AsyncIterator[TracerProvider | None]:
    """While inside, spans are exported over OTLP/HTTP if enabled; flushed when leaving."""
    if not settings.enabled or os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
        yield None
        return
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(traces_endpoint(settings))))
    install(provider)
    try:
        yield provider
    finally:
        install(None)
        provider.shutdown()


def context_of(headers: Iterable[tuple[str, bytes]] | None) -> Context:
    """The trace context Kafka headers carry (an empty context when they carry none)."""
    carrier = {
        name.lower(): value.decode("latin-1")
        for name, value in headers or ()
        if name.lower() in TRACE_HEADERS and isinstance(value, bytes)
    }
    return _propagator.extract(carrier)


def headers_of(span: Span) -> dict[str, str]:
    """The ``traceparent`` (and ``tracestate``) headers naming ``span`` as the parent."""
    carrier: dict[str, str] = {}
    _propagator.inject(carrier, context=trace.set_span_in_context(span))
    return carrier


def trace_id_of(headers: dict[str, str]) -> str | None:
    """The trace id (32 hex digits) a ``traceparent`` header names; None without a valid one
    (no exporter: the API's no-op tracer makes no trace)."""
    parts = headers.get("traceparent", "").split("-")
    if len(parts) != 4 or len(parts[1]) != 32 or parts[1] == "0" * 32:
        return None
    return parts[1]


def _attributes(topic: str, key: bytes | None) -> dict[str, str]:
    attributes = {"messaging.system": "kafka", "messaging.destination.name": topic}
    if key is not None:
        attributes["messaging.kafka.message.key"] = key.decode("utf-8", "replace")
    return attributes


@contextmanager
def producing(
    topic: str, key: bytes | None, parent: Span | None = None
) -> Iterator[dict[str, str]]:
    """A producer span for one publish (a new trace without ``parent``); yields its headers."""
    context = trace.set_span_in_context(parent) if parent is not None else Context()
    with tracer().start_as_current_span(
        f"{topic} publish",
        context=context,
        kind=SpanKind.PRODUCER,
        attributes=_attributes(topic, key),
    ) as span:
        yield headers_of(span)


class RecordSpans:
    """One consumer span per consumed record, child of the context its headers carry."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self._spans: dict[Where, Span] = {}

    def receive(self, records: Iterable[Record]) -> None:
        """Start the span of each consumed record."""
        for record in records:
            topic, partition, offset = where_of(record)
            attributes = _attributes(topic, record.key)
            attributes |= {"newsdesk.stage": self.stage, "messaging.operation.type": "process"}
            span = tracer().start_span(
                f"{topic} process",
                context=context_of(record.headers),
                kind=SpanKind.CONSUMER,
                attributes={
                    **attributes,
                    "messaging.destination.partition.id": str(partition),
                    "messaging.kafka.offset": offset,
                },
            )
            self._spans[(topic, partition, offset)] = span

    def span_of(self, where: Where | None) -> Span | None:
        """The span of the record at ``where``, if it was received."""
        return self._spans.get(where) if where is not None else None

    def fail(self, where: Where | None, reason: str) -> None:
        """Mark the record's span as failed (it was dead-lettered with ``reason``)."""
        span = self.span_of(where)
        if span is not None:
            span.set_status(Status(StatusCode.ERROR, reason))
            span.set_attribute("newsdesk.dead_letter.reason", reason)

    def end(self) -> None:
        """End every record's span."""
        for span in self._spans.values():
            span.end()
        self._spans.clear()


def where_of(record: Record) -> Where:
    """Topic, partition and offset of a consumed record."""
    return (record.topic, record.partition, record.offset)
