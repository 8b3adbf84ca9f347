"""Indexer app: builds settings, broker, the Elasticsearch client and the bulk writer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from faststream import ContextRepo, FastStream
from faststream.specification import AsyncAPI

from indexer import handlers
from indexer.bulk import BulkWriter
from indexer.settings import IndexerSettings
from newsdesk.kafka import Codec, make_broker
from newsdesk.search import ensure_indices_patiently, make_client
from newsdesk.tracing import exporting

settings = IndexerSettings()
broker = make_broker(settings.kafka, client_id="newsdesk-indexer")
broker.include_router(handlers.subscribe(settings.batch_size, settings.batch_timeout_ms))


@asynccontextmanager
async def lifespan(context: ContextRepo) -> AsyncIterator[None]:
    """The Elasticsearch client and its templates exist before the first batch arrives."""
    es = make_client(settings.elasticsearch)
    try:
        await ensure_indices_patiently(es, settings.templates_dir)
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
