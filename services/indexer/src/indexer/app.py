"""Indexer app: builds settings, broker, the Elasticsearch client and the bulk writer."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from elasticsearch import ApiError, AsyncElasticsearch
from faststream import ContextRepo, FastStream
from faststream.specification import AsyncAPI

from indexer import handlers
from indexer.bulk import BulkWriter
from indexer.settings import IndexerSettings
from newsdesk.errors import NewsdeskError
from newsdesk.kafka import Codec, make_broker
from newsdesk.lifecycle import behind_warnings, index_status
from newsdesk.search import ensure_indices_patiently, make_client
from newsdesk.serving import HEALTH
from newsdesk.tracing import exporting

log = logging.getLogger("indexer")

settings = IndexerSettings()
broker = make_broker(
    settings.kafka, client_id="newsdesk-indexer", graceful_timeout=settings.batch_grace_s
)
broker.include_router(handlers.subscribe(settings.batch_size, settings.batch_timeout_ms))


async def warn_if_behind(es: AsyncElasticsearch, templates_dir: Path) -> list[str]:
    """Log (and return) a warning for each alias whose live mapping is behind its template.

    A template with a higher version does not change the live index (its alias exists): say so
    at start-up, where the operator looks, rather than at the first refused document.
    """
    try:
        statuses = await index_status(es, templates_dir)
    except (NewsdeskError, ApiError) as exc:  # the check informs; it never stops the indexer
        log.warning("could not compare the live indices with their templates: %s", exc)
        return []
    warnings = behind_warnings(statuses)
    for warning in warnings:
        log.warning("live mapping behind its template: %s", warning)
    return warnings


@asynccontextmanager
async def lifespan(context: ContextRepo) -> AsyncIterator[None]:
    """The Elasticsearch client and its templates exist before the first batch arrives."""
    es = make_client(settings.elasticsearch)

    async def elasticsearch_answers() -> str | None:
        return None if await es.ping() else f"no answer from {settings.elasticsearch.url}"

    HEALTH.require("elasticsearch", elasticsearch_answers)
    try:
        await ensure_indices_patiently(es, settings.templates_dir)
        await warn_if_behind(es, settings.templates_dir)
        writer = BulkWriter(
            es,
            articles_alias=settings.elasticsearch.articles_alias,
            events_alias=settings.elasticsearch.events_alias,
            retries=settings.retries,
        )
        context.set_global("writer", writer)
        context.set_global("codec", Codec("indexer", settings.kafka.max_message_bytes))
        async with exporting(settings.otel, "newsdesk-indexer"):
            yield
    finally:
        await es.close()


app = FastStream(
    broker,
    lifespan=lifespan,
    specification=AsyncAPI(
        title="newsdesk indexer",
        version="0.1.0",
        description="Bulk-writes enriched articles and their events into Elasticsearch.",
    ),
)
