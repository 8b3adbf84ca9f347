"""Every message the Outbox publishes carries the trace of the record it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from newsdesk import tracing
from newsdesk.errors import InvalidPayload
from newsdesk.events import EnrichedArticle, FetchRequest
from newsdesk.kafka import ATTEMPT_HEADER, Codec, Outbox

TRACE_A = "0af7651916cd43dd8448eb211c80319c"
TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "b7ad6b7169203331"


def traceparent(trace_id: str) -> tuple[str, bytes]:
    return ("traceparent", f"00-{trace_id}-{PARENT}-01".encode())


@dataclass
class FakePublisher:
    """A publisher that keeps what it was asked to publish, headers included."""

    topic: str
    published: list[dict[str, Any]] = field(default_factory=list)

    async def publish(
        self, message: Any, *, key: bytes | None = None, headers: dict[str, str] | None = None
    ) -> None:
        self.published.append({"value": message, "key": key, "headers": headers or {}})


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """An SDK provider whose spans end in memory, installed for the test only."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.install(provider)
    yield exporter
    tracing.install(None)


def trace_id_of(headers: dict[str, str]) -> str:
    version, trace_id, span_id, flags = headers["traceparent"].split("-")
    assert version == "00"
    assert int(flags, 16) & 1  # sampled
    assert span_id != PARENT  # a span of this stage, not the upstream one
    return trace_id


def article(name: str) -> FetchRequest:
    return FetchRequest(url=f"https://example.org/{name}", source="test")


async def test_outputs_letters_and_hand_backs_keep_their_records_trace(
    make_record: Any, spans: InMemorySpanExporter
) -> None:
    codec = Codec("extractor", max_message_bytes=1024 * 1024)
    first = make_record(b"{}", offset=1, key=b"a", headers=[traceparent(TRACE_A)])
    second = make_record(b"{}", offset=2, key=b"b", headers=[traceparent(TRACE_B)])
    third = make_record(
        b"{}", offset=3, key=b"c", headers=[traceparent(TRACE_A), (ATTEMPT_HEADER, b"2")]
    )
    out, back, dlq = FakePublisher("out"), FakePublisher("back"), FakePublisher("dlq")
    outbox = Outbox(codec)
    outbox.receive([first, second, third])
    outbox.send(out, article("a"), key=b"a", record=first)
    outbox.reject(second, InvalidPayload("broken"))
    outbox.forward(back, third)
    await outbox.flush(dlq)

    assert trace_id_of(out.published[0]["headers"]) == TRACE_A
    assert trace_id_of(dlq.published[0]["headers"]) == TRACE_B
    assert trace_id_of(back.published[0]["headers"]) == TRACE_A
    assert back.published[0]["headers"][ATTEMPT_HEADER] == "2"

    finished = spans.get_finished_spans()
    consumer = [s for s in finished if s.kind is SpanKind.CONSUMER]
    consumed = {s.attributes["messaging.kafka.offset"]: s for s in consumer}  # type: ignore[index]
    assert {offset: f"{s.context.trace_id:032x}" for offset, s in consumed.items()} == {
        1: TRACE_A,
        2: TRACE_B,
        3: TRACE_A,
    }
    assert consumed[2].status.status_code is StatusCode.ERROR
    assert consumed[1].status.status_code is StatusCode.UNSET
    produced = [s for s in finished if s.kind is SpanKind.PRODUCER]
    assert len(produced) == 3
    parents = {s.parent.span_id for s in produced if s.parent}  # type: ignore[union-attr]
    assert parents == {s.context.span_id for s in consumed.values()}  # type: ignore[union-attr]


async def test_decode_letters_carry_the_poison_records_trace(
    make_record: Any, spans: InMemorySpanExporter
) -> None:
    codec = Codec("indexer", max_message_bytes=1024 * 1024)
    poison = make_record(b"{not json", headers=[traceparent(TRACE_B)])
    dlq = FakePublisher("dlq")
    outbox = Outbox(codec)
    outbox.receive([poison])
    outbox.extend(codec.decode_batch([poison], EnrichedArticle).letters)
    await outbox.flush(dlq)
    assert trace_id_of(dlq.published[0]["headers"]) == TRACE_B


async def test_without_an_exporter_the_upstream_context_is_handed_on(make_record: Any) -> None:
    codec = Codec("fetcher", max_message_bytes=1024 * 1024)
    record = make_record(b"{}", headers=[traceparent(TRACE_A)])
    untraced = make_record(b"{}", offset=8)
    out = FakePublisher("out")
    outbox = Outbox(codec)
    outbox.receive([record, untraced])
    outbox.send(out, article("a"), key=b"a", record=record)
    outbox.send(out, article("b"), key=b"b", record=untraced)
    await outbox.flush(FakePublisher("dlq"))
    assert out.published[0]["headers"]["traceparent"] == f"00-{TRACE_A}-{PARENT}-01"
    assert "traceparent" not in out.published[1]["headers"]


async def test_the_scheduler_starts_a_trace_per_item(spans: InMemorySpanExporter) -> None:
    with tracing.producing("newsdesk.urls", b"example.org") as first:
        pass
    with tracing.producing("newsdesk.urls", b"example.org") as second:
        pass
    assert trace_id_of(first) != trace_id_of(second)
    assert [s.name for s in spans.get_finished_spans()] == ["newsdesk.urls publish"] * 2


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"traceparent": f"00-{'ab' * 16}-{'cd' * 8}-01"}, "ab" * 16, id="valid"),
        pytest.param({"traceparent": f"00-{'0' * 32}-{'cd' * 8}-00"}, None, id="no-op-tracer"),
        pytest.param({"traceparent": "garbage"}, None, id="malformed"),
        pytest.param({}, None, id="absent"),
    ],
)
def test_the_trace_id_a_record_carries_comes_from_its_traceparent(
    headers: dict[str, str], expected: str | None
) -> None:
    assert tracing.trace_id_of(headers) == expected
