"""The extractor's pipeline: raw articles → text stage → NLP enrichment → enriched records."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from urllib.parse import urlsplit

from extractor.nlp.enrich import Enricher, Enrichment
from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextStage
from newsdesk.errors import ExtractionFailed, Rejected
from newsdesk.events import EnrichedArticle, RawArticle

log = logging.getLogger(__name__)
EXTRACTOR_VERSION = version("newsdesk-extractor")


@dataclass
class _Extracted:
    raw: RawArticle
    doc: ExtractedDocument
    text_ms: float


class Pipeline:
    """Turns a batch of raw articles into enriched records or rejections, in input order."""

    def __init__(self, text_stage: TextStage, enricher: Enricher) -> None:
        self.text_stage = text_stage
        self.enricher = enricher

    def process(self, raws: Sequence[RawArticle]) -> list[EnrichedArticle | Rejected]:
        """One result per input; never raises for a bad input."""
        results: list[EnrichedArticle | Rejected | _Extracted] = [self._extract(r) for r in raws]
        extracted = [r for r in results if isinstance(r, _Extracted)]
        enriched = iter(self._enrich(extracted))
        return [next(enriched) if isinstance(r, _Extracted) else r for r in results]

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
