"""Fetcher apps: ``app`` (URL workers) and ``scheduler_app`` (sources), with their resources."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from faststream import ContextRepo, FastStream

from fetcher.handlers import router
from fetcher.scheduler import Emitters, Scheduler
from fetcher.settings import FetcherSettings
from fetcher.sources import Source, load_sources
from newsdesk import topics
from newsdesk.errors import Rejected
from newsdesk.events import DeadLetter, FetchRequest, RawArticle
from newsdesk.ids import host_of
from newsdesk.kafka import make_broker

log = logging.getLogger("fetcher")
settings = FetcherSettings()

broker = make_broker(settings.kafka, client_id="newsdesk-fetcher")
broker.include_router(router)


@asynccontextmanager
async def worker_lifespan(context: ContextRepo) -> AsyncIterator[None]:
    """The worker's HTTP client lives as long as the app."""
    timeout = httpx.Timeout(settings.timeout_s)
    headers = {"User-Agent": settings.user_agent}
    async with httpx.AsyncClient(timeout=timeout, headers=headers) as http:
        context.set_global("http", http)
        yield


app = FastStream(broker, lifespan=worker_lifespan)

scheduler_broker = make_broker(settings.kafka, client_id="newsdesk-scheduler")


def _sources() -> list[Source]:
    sources = load_sources(settings.sources_file) if settings.sources_file else []
    if settings.seeds_dir is not None:
        sources.append(Source(id="seeds", kind="directory", path=settings.seeds_dir.resolve()))
    return sources


async def _emit_request(request: FetchRequest) -> None:
    await scheduler_broker.publish(
        request.model_dump_json(), topic=topics.URLS, key=host_of(request.url).encode()
    )


async def _emit_article(article: RawArticle) -> None:
    await scheduler_broker.publish(
        article.model_dump_json(), topic=topics.ARTICLES_RAW, key=article.article_id.encode()
    )


async def _emit_rejected(source: Source, url: str, error: Rejected) -> None:
    letter = DeadLetter(stage="scheduler", reason=error.reason, message=error.message, url=url)
    await scheduler_broker.publish(letter.model_dump_json(), topic=topics.DLQ)


async def _run_scheduler() -> None:
    scheduler = Scheduler(_sources(), Emitters(_emit_request, _emit_article, _emit_rejected))
    while True:
        emitted = await scheduler.run_once()
        log.info("scheduler pass emitted %d items", emitted)
        if settings.once:
            scheduler_app.exit()
            return
        await asyncio.sleep(60)


async def _start_scheduler() -> None:
    """Runs the scheduler loop beside the broker; a single pass with ``FETCHER_ONCE``."""
    scheduler_app.context.set_global("scheduler_task", asyncio.create_task(_run_scheduler()))


scheduler_app = FastStream(scheduler_broker, after_startup=[_start_scheduler])
