"""Fetcher apps: ``app`` (URL workers) and ``scheduler_app`` (sources), with their resources."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

from faststream import ContextRepo, FastStream
from faststream.specification import AsyncAPI

from fetcher.client import SafeClient
from fetcher.discovery import Discovery
from fetcher.handlers import subscribe
from fetcher.metrics import FetcherMetrics
from fetcher.politeness import Politeness
from fetcher.robots import RobotsCache
from fetcher.safety import UrlGuard
from fetcher.scheduler import Emitters, Scheduler
from fetcher.settings import VERSION, FetcherSettings
from fetcher.sources import Source, load_sources
from fetcher.state import SchedulerState
from fetcher.worker import Worker
from newsdesk import topics
from newsdesk.errors import Rejected
from newsdesk.events import DeadLetter, FetchRequest, RawArticle
from newsdesk.ids import host_of
from newsdesk.kafka import Publisher, make_broker
from newsdesk.observe.metrics import letters_published
from newsdesk.tracing import exporting, producing, trace_id_of

log = logging.getLogger("fetcher")
settings = FetcherSettings()
metrics = FetcherMetrics()


broker = make_broker(
    settings.kafka, client_id="newsdesk-fetcher", graceful_timeout=settings.batch_grace_s
)
broker.include_router(subscribe(settings))


@asynccontextmanager
async def worker_lifespan(context: ContextRepo) -> AsyncIterator[None]:
    """The worker's HTTP client, robots cache and politeness budget live as long as the app."""
    guard = UrlGuard(allow=settings.allow_networks)
    async with (
        exporting(settings.otel, "newsdesk-fetcher"),
        SafeClient(settings.client_options(), guard) as client,
    ):
        politeness = Politeness(settings.politeness_options())
        robots = RobotsCache(client, settings.robots_options(), politeness=politeness)
        context.set_global("worker", Worker(client, robots, politeness, metrics))
        yield


app = FastStream(
    broker,
    lifespan=worker_lifespan,
    specification=AsyncAPI(
        title="newsdesk fetcher worker",
        version=VERSION,
        description="Fetches the URLs of newsdesk.urls politely and safely (python -m fetcher).",
    ),
)

scheduler_broker = make_broker(
    settings.kafka, client_id="newsdesk-scheduler", graceful_timeout=settings.batch_grace_s
)
codec = settings.codec()
to_urls = scheduler_broker.publisher(
    settings.urls_topic, schema=FetchRequest, description="each new URL a source lists"
)
to_articles_raw = scheduler_broker.publisher(
    settings.articles_topic, schema=RawArticle, description="each new local file"
)
to_dlq = scheduler_broker.publisher(
    topics.DLQ, schema=DeadLetter, description="each source or entry refused"
)


def _sources() -> list[Source]:
    sources = load_sources(settings.sources_file) if settings.sources_file else []
    if settings.seeds_dir is not None:
        sources.append(Source(id="seeds", kind="directory", path=settings.seeds_dir.resolve()))
    return sources


async def _emit(
    publisher: Publisher, encode: Callable[[str | None], bytes], key: bytes | None
) -> None:
    """Publish one item the scheduler found, as the start of its own trace; ``encode`` gets the
    trace id, which the item carries in its ``trace_id`` down to the indexed record."""
    with producing(publisher.topic, key) as headers:
        await publisher.publish(encode(trace_id_of(headers)), key=key, headers=headers)


async def _emit_request(request: FetchRequest) -> None:
    def encode(trace_id: str | None) -> bytes:
        return codec.encode(request.model_copy(update={"trace_id": trace_id}))

    await _emit(to_urls, encode, host_of(request.url).encode())


async def _emit_article(article: RawArticle) -> None:
    def encode(trace_id: str | None) -> bytes:
        return codec.encode(article.model_copy(update={"trace_id": trace_id}))

    await _emit(to_articles_raw, encode, article.article_id.encode())


async def _emit_rejected(source: Source, url: str, error: Rejected) -> None:
    letter = DeadLetter(
        stage="scheduler", reason=error.reason, message=error.message, url=url, key=source.id
    )
    await _emit(to_dlq, lambda _: codec.encode_letter(letter), None)
    letters_published([letter])


async def _run_scheduler(scheduler: Scheduler) -> None:
    if not settings.once:
        await scheduler.run_forever()
        return
    try:
        emitted = await scheduler.run_once()
        log.info("scheduler pass emitted %d items", emitted)
    except Exception:
        log.exception("scheduler pass failed; unemitted items stay unseen for the next run")
    scheduler_app.exit()


@asynccontextmanager
async def scheduler_lifespan(context: ContextRepo) -> AsyncIterator[None]:
    """Sources, state (locked: one active scheduler per state file) and the HTTP client."""
    sources = _sources()
    state = SchedulerState(settings.state_file, max_seen=settings.max_seen)
    if settings.state_file is None:
        log.warning("seen-set in memory: set FETCHER_STATE_FILE to keep it across restarts")
    await asyncio.to_thread(state.lock)
    guard = UrlGuard(allow=settings.allow_networks)
    try:
        async with (
            exporting(settings.otel, "newsdesk-scheduler"),
            SafeClient(settings.client_options(), guard) as client,
        ):
            emitters = Emitters(_emit_request, _emit_article, _emit_rejected)
            discovery = Discovery(client, state)
            scheduler = Scheduler(
                sources,
                emitters,
                discovery=discovery,
                jitter=settings.poll_jitter,
                concurrency=settings.scheduler_concurrency,
                metrics=metrics,
            )
            context.set_global("scheduler", scheduler)
            yield
            task = context.get("scheduler_task")
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
    finally:
        state.close()


async def _start_scheduler() -> None:
    """Runs the scheduler beside the broker; a single pass with ``FETCHER_ONCE``."""
    context = scheduler_app.context
    task = asyncio.create_task(_run_scheduler(context.get("scheduler")))
    context.set_global("scheduler_task", task)


scheduler_app = FastStream(
    scheduler_broker,
    lifespan=scheduler_lifespan,
    after_startup=[_start_scheduler],
    specification=AsyncAPI(
        title="newsdesk fetcher scheduler",
        version=VERSION,
        description="Polls the sources and emits what is new (python -m fetcher scheduler).",
    ),
)
