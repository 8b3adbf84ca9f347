"""Kafka handlers of the fetcher worker: ``on_urls`` consumes URLs, publishes raw articles."""

from __future__ import annotations

import httpx
from faststream import Context
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from newsdesk import topics
from newsdesk.errors import FetchRejected, InvalidPayload, Rejected
from newsdesk.events import FetchRequest, RawArticle
from newsdesk.ids import article_id, canonical_url
from newsdesk.kafka import dead_letter

router = KafkaRouter()
to_articles_raw = router.publisher(topics.ARTICLES_RAW)
to_dlq = router.publisher(topics.DLQ)


async def _fetch(http: httpx.AsyncClient, request: FetchRequest) -> RawArticle:
    try:
        response = await http.get(request.url)
    except httpx.TimeoutException as exc:
        raise FetchRejected(f"{request.url}: timed out", reason="timeout") from exc
    except httpx.HTTPError as exc:
        raise FetchRejected(f"{request.url}: {exc}", reason="fetch_error") from exc
    if response.status_code >= 400:
        raise FetchRejected(
            f"{request.url}: HTTP {response.status_code}", reason="http_status"
        )
    canonical = canonical_url(str(response.url))
    return RawArticle(
        article_id=article_id(canonical),
        url=request.url,
        canonical_url=canonical,
        source=request.source,
        source_name=request.source_name,
        status=response.status_code,
        headers={k: v for k, v in response.headers.items() if k in {"content-type", "etag"}},
        content=response.content,
        content_type=response.headers.get("content-type", "text/html").split(";")[0],
        encoding=response.encoding,
        feed=request.feed,
        language_hint=request.language_hint,
        trace_id=request.trace_id,
    )


@router.subscriber(
    topics.URLS,
    group_id=topics.GROUP_FETCHER,
    auto_offset_reset="earliest",
    ack_policy=AckPolicy.NACK_ON_ERROR,
)
async def on_urls(message: KafkaMessage, http: httpx.AsyncClient = Context("http")) -> None:
    """Fetch one URL; a refused or failed fetch is dead-lettered, then acknowledged."""
    record = message.raw_message
    request: FetchRequest | None = None
    try:
        request = FetchRequest.model_validate_json(record.value)
        raw = await _fetch(http, request)
    except ValidationError as exc:
        await to_dlq.publish(
            dead_letter(record, "fetcher", InvalidPayload(str(exc))).model_dump_json(),
            key=record.key,
        )
        return
    except Rejected as exc:
        letter = dead_letter(record, "fetcher", exc, url=request.url if request else None)
        await to_dlq.publish(letter.model_dump_json(), key=record.key)
        return
    await to_articles_raw.publish(raw.model_dump_json(), key=raw.article_id.encode())
