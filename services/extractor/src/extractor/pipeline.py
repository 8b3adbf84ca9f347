"""The extractor's pipeline: raw articles → text stage → NLP enrichment → enriched records."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from typing import TypeVar
from urllib.parse import urlsplit

from extractor.nlp.enrich import Enricher, Enrichment
from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextStage
from newsdesk.errors import ExtractionFailed, Rejected
from newsdesk.events import EnrichedArticle, RawArticle

log = logging.getLogger(__name__)
EXTRACTOR_VERSION = version("newsdesk-extractor")
T = TypeVar("T")


@dataclass
class _Extracted:
    raw: RawArticle
    doc: ExtractedDocument
    text_ms: float


@dataclass(frozen=True)
class Postponed:
    """An input the batch had no time for before its deadline: not processed, to be handed back."""


POSTPONED = Postponed()
Result = EnrichedArticle | Rejected | Postponed


@dataclass(frozen=True)
class Chunking:
    """How a batch is cut for NLP: the deadline is checked between chunks, so a chunk is small.

    A chunk ends after ``docs`` documents or once it holds ``chars`` characters of text, so
    one long document is a chunk of its own. Smaller chunks cost throughput: the model runs
    about a third slower per document in chunks of 8 than of 32 here.
    """

    docs: int = 32
    chars: int = 100_000


class Pipeline:
    """Turns a batch of raw articles into enriched records or rejections, in input order.

    The text stage runs ahead in a thread (the work is in its worker process, so it overlaps
    the NLP of the previous chunk on another core); NLP runs in small chunks. With a deadline,
    documents whose text stage or NLP chunk would start after it are :data:`POSTPONED`, never
    the first one, so every batch makes progress.
    """

    def __init__(
        self, text_stage: TextStage, enricher: Enricher, chunking: Chunking | None = None
    ) -> None:
        self.text_stage = text_stage
        self.enricher = enricher
        self.chunking = chunking or Chunking()
        self._ahead = ThreadPoolExecutor(1, thread_name_prefix="text-stage")

    def process(
        self,
        raws: Sequence[RawArticle],
        deadline: float | None = None,
        stop: threading.Event | None = None,
    ) -> list[Result]:
        """One result per input, in order; never raises for a bad input.

        ``deadline`` is a :func:`time.monotonic` time; past it, the rest is postponed. Once
        ``stop`` is set (the process is stopping) the deadline has passed.
        """
        limit = _Limit(deadline, stop)
        results: list[Result | None] = [None] * len(raws)
        futures = [self._ahead.submit(self._extract, raw) for raw in raws]
        try:
            for chunk in self._chunks(futures, limit):
                extracted = [item for _, item in chunk if isinstance(item, _Extracted)]
                enriched = iter(self._enrich(extracted))
                for position, item in chunk:
                    results[position] = next(enriched) if isinstance(item, _Extracted) else item
        finally:
            for future in futures:  # a text stage still running ends within its own time limit
                future.cancel()
        return [POSTPONED if result is None else result for result in results]

    def _chunks(
        self, futures: list[Future[_Extracted | Rejected]], limit: _Limit
    ) -> Iterator[list[tuple[int, _Extracted | Rejected]]]:
        """Consecutive text-stage results cut into NLP chunks, as long as the deadline allows.

        The first input is always processed. Past the deadline nothing more starts: a document
        whose text stage has not finished, or whose chunk has not started NLP, is postponed.
        """
        chunk: list[tuple[int, _Extracted | Rejected]] = []
        chars = 0
        for position, future in enumerate(futures):
            try:
                item = future.result() if position == 0 else limit.result(future)
            except TimeoutError:
                break
            if position and limit.passed():
                break
            chunk.append((position, item))
            chars += len(item.doc.text) if isinstance(item, _Extracted) else 0
            if len(chunk) >= self.chunking.docs or chars >= self.chunking.chars:
                yield chunk
                chunk, chars = [], 0
        if chunk and limit.passed():  # NLP would start late: only the first input goes on
            chunk = [(position, item) for position, item in chunk if position == 0]
        if chunk:
            yield chunk

    def close(self) -> None:
        """Stop the text-stage thread (the text stage itself is closed by its owner)."""
        self._ahead.shutdown(wait=False, cancel_futures=True)

    def _extract(self, raw: RawArticle) -> _Extracted | Rejected:
        started = time.perf_counter()
        try:
            doc = self.text_stage.extract(raw)
        except Rejected as exc:
            return exc
        except Exception as exc:  # one bad input must never stop the batch
            log.exception("text stage failed on %s", raw.url)
            return ExtractionFailed(f"text stage failed: {type(exc).__name__}: {exc}")
        return _Extracted(raw, doc, (time.perf_counter() - started) * 1000)

    def _enrich(self, items: list[_Extracted]) -> list[EnrichedArticle | Rejected]:
        if not items:
            return []
        started = time.perf_counter()
        try:
            enrichments = self.enricher.enrich([item.doc for item in items])
        except Exception:  # find the poison document instead of failing all
            if len(items) == 1:
                log.exception("enrichment failed on %s", items[0].raw.url)
                return [ExtractionFailed("NLP enrichment failed on this document")]
            return [result for item in items for result in self._enrich([item])]
        nlp_ms = (time.perf_counter() - started) * 1000 / len(items)
        return [
            self._record(item, enrichment, {"text": item.text_ms, "nlp": nlp_ms})
            for item, enrichment in zip(items, enrichments, strict=True)
        ]

    @staticmethod
    def _record(
        item: _Extracted, enrichment: Enrichment, timings: dict[str, float]
    ) -> EnrichedArticle | Rejected:
        try:
            return build_record(item.raw, item.doc, enrichment, timings)
        except Exception as exc:  # a bug on one record must not block the partition
            log.exception("building the record failed on %s", item.raw.url)
            return ExtractionFailed(f"building the record failed: {type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class _Limit:
    """A batch's deadline, which a stop request brings forward to now."""

    deadline: float | None
    stop: threading.Event | None

    #: How often a wait for the text stage looks at ``stop``.
    POLL_S = 0.1

    def left(self) -> float | None:
        """Seconds until the deadline (0 once passed or stopping); None without either."""
        if self.stop is not None and self.stop.is_set():
            return 0.0
        return None if self.deadline is None else max(self.deadline - time.monotonic(), 0.0)

    def passed(self) -> bool:
        """True past the deadline or once stopping."""
        return self.left() == 0

    def result(self, future: Future[T]) -> T:
        """The future's result; ``TimeoutError`` once the limit passes before it is done."""
        while True:
            left = self.left()
            if left == 0:
                return future.result(timeout=0)
            if self.stop is None:
                return future.result(timeout=left)
            wait = self.POLL_S if left is None else min(left, self.POLL_S)
            with contextlib.suppress(TimeoutError):
                return future.result(timeout=wait)


def build_record(
    raw: RawArticle, doc: ExtractedDocument, enrichment: Enrichment, timings: dict[str, float]
) -> EnrichedArticle:
    """The enriched record of one article: raw provenance + text stage + enrichment."""
    enrichment = enrichment.capped()  # within the contract's list limits, most salient kept
    host = urlsplit(raw.canonical_url).hostname
    return EnrichedArticle(
        article_id=raw.article_id,
        url=raw.url,
        canonical_url=doc.canonical_url or raw.canonical_url,
        source=raw.source,
        source_name=doc.source_name or raw.source_name,
        source_domain=host,
        fetched_at=raw.fetched_at,
        language=doc.language,
        language_confidence=doc.language_confidence,
        title=doc.title,
        authors=doc.authors,
        published_at=doc.published.value,
        published_source=doc.published.source,
        published_confidence=doc.published.confidence,
        modified_at=doc.modified.value,
        description=doc.description,
        section=doc.section,
        tags=doc.tags,
        image=doc.image,
        text=doc.text,
        word_count=doc.word_count,
        skipped_steps=[*doc.skipped_steps, *enrichment.skipped_steps],
        extractor_version=EXTRACTOR_VERSION,
        timings_ms={name: round(ms, 2) for name, ms in timings.items()},
        trace_id=raw.trace_id,
        **enrichment.model_dump(exclude={"skipped_steps"}),
    )
