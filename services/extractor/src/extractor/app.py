"""Extractor app: builds settings, broker, and the pipeline (spaCy loaded in the lifespan)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from faststream import ContextRepo, FastStream
from faststream.specification import AsyncAPI

from extractor import handlers
from extractor.nlp.enrich import Enricher
from extractor.pipeline import Chunking, Pipeline
from extractor.settings import ExtractorSettings
from extractor.text.extract import TextOptions, TextStage
from newsdesk.kafka import make_broker
from newsdesk.tracing import exporting

settings = ExtractorSettings()
broker = make_broker(
    settings.kafka, client_id="newsdesk-extractor", graceful_timeout=settings.batch_grace_s
)
broker.include_router(
    handlers.subscribe(
        settings.batch_size, settings.batch_timeout_ms, settings.max_poll_interval_ms
    )
)


@asynccontextmanager
async def lifespan(context: ContextRepo) -> AsyncIterator[None]:
    """Load the spaCy pipeline once, off the event loop, before consuming; export traces."""
    async with exporting(settings.otel, "newsdesk-extractor"), _pipeline(context):
        yield


@asynccontextmanager
async def _pipeline(context: ContextRepo) -> AsyncIterator[None]:
    enricher = await asyncio.to_thread(Enricher.load, settings.enrich_options())
    text_stage = TextStage(
        TextOptions(max_bytes=settings.max_bytes, timeout_seconds=settings.doc_timeout_s)
    )
    chunking = Chunking(docs=settings.batch_size, chars=settings.nlp_max_chars)
    pipeline = Pipeline(text_stage, enricher, chunking)
    context.set_global("pipeline", pipeline)
    context.set_global("codec", settings.codec())
    context.set_global("batch_deadline_s", settings.batch_deadline_s)
    try:
        yield
    finally:
        pipeline.close()
        text_stage.close()


app = FastStream(
    broker,
    lifespan=lifespan,
    specification=AsyncAPI(
        title="newsdesk extractor",
        version="0.1.0",
        description="Extracts the text and metadata of raw articles and enriches them with spaCy.",
    ),
)
