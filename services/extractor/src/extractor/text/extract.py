"""The extractor's text stage: a raw page or text file in, clean text and dated metadata out."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Literal

from extractor.text.authors import clean_authors
from extractor.text.charset import decode, looks_binary
from extractor.text.dates import CONFIDENCE, DateCandidate, as_utc, choose_dates, url_date
from extractor.text.dates import warm_up as warm_up_dates
from extractor.text.document import ExtractedDocument
from extractor.text.guard import GuardedPool
from extractor.text.html import parse_html
from extractor.text.language import choose_language, declared_language
from extractor.text.language import warm_up as warm_up_language
from extractor.text.plain import parse_plain_text
from newsdesk.charset import header_charset
from newsdesk.errors import ExtractionFailed
from newsdesk.events import RawArticle

log = logging.getLogger(__name__)

Isolation = Literal["process", "inline"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown", "")
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<p ", "<div")
# Root elements of feeds and sitemaps; a page is one only when its first element is (an HTML
# page may say "<feedback-form>" or quote "<rss>" in a comment early on).
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "urlset", "sitemapindex"})
_FIRST_ELEMENT = re.compile(r"<!--.*?-->|<[?!][^>]*>|<([a-z][\w:.-]*)", re.DOTALL)


@dataclass(frozen=True)
class TextOptions:
    """Limits and switches of the text stage.

    ``isolation="process"`` (the default) runs each document in a worker process that is killed
    when it exceeds ``timeout_seconds``; ``"inline"`` runs in the calling thread without a time
    limit, for debugging and for callers that isolate documents themselves. ``fast`` skips
    trafilatura's fallback extractors. ``memory_budget_mb`` caps what a worker may allocate
    beyond its warm baseline; a document that needs more fails with ``too_large``.
    """

    max_bytes: int = 5_000_000
    timeout_seconds: float = 20.0
    isolation: Isolation = "process"
    workers: int = 1
    max_tasks_per_worker: int = 500
    memory_budget_mb: int | None = 1024
    min_text_chars: int = 40
    fast: bool = False
    known_outlets: tuple[str, ...] = field(default_factory=tuple)


class TextStage:
    """Turns a :class:`RawArticle` into an :class:`ExtractedDocument`, within bounded time.

    ``extract`` is synchronous and safe to call from several threads; it raises only
    :class:`ExtractionFailed`, whose ``reason`` is a code of ``newsdesk.errors.REASONS``.
    """

    def __init__(self, options: TextOptions | None = None) -> None:
        self.options = options or TextOptions()
        self._pool: GuardedPool | None = None
        if self.options.isolation == "process":
            self._pool = GuardedPool(
                workers=self.options.workers,
                max_tasks=self.options.max_tasks_per_worker,
                memory_budget_mb=self.options.memory_budget_mb,
                warm_up=warm_up_worker,
                preload=("extractor.text.extract",),
            )

    def extract(self, raw: RawArticle) -> ExtractedDocument:
        """Clean text and metadata of ``raw``; ``ExtractionFailed`` when nothing usable is in it."""
        try:
            _check_size(raw, self.options)
            if self._pool is None:
                return extract_document(raw, self.options)
            outcome = self._pool.run(
                _extract_in_worker, raw, self.options, timeout=self.options.timeout_seconds
            )
        except ExtractionFailed:
            raise
        except Exception as exc:  # a bug must become a dead letter, not a crashed consumer
            log.exception("text stage failed on %s", raw.url)
            raise ExtractionFailed(
                f"{type(exc).__name__}: {exc}", reason="extraction_error"
            ) from exc
        if isinstance(outcome, ExtractedDocument):
            return outcome
        reason, message = outcome
        raise ExtractionFailed(message, reason=reason)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> TextStage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def warm_up_worker() -> None:
    """Load the language model and date parsers before the first document arrives."""
    warm_up_language()
    warm_up_dates()


def _check_size(raw: RawArticle, options: TextOptions) -> None:
    if len(raw.content) > options.max_bytes:
        raise ExtractionFailed(
            f"the content has {len(raw.content):,} bytes,"
            f" more than the {options.max_bytes:,} allowed",
            reason="too_large",
        )


def _extract_in_worker(
    raw: RawArticle, options: TextOptions
) -> ExtractedDocument | tuple[str, str]:
    # Exceptions would cross the process boundary by pickling, which loses ``reason``.
    try:
        return extract_document(raw, options)
    except ExtractionFailed as exc:
        return exc.reason, exc.message
    except MemoryError:
        return "too_large", "the document needs more memory than allowed"
    except Exception as exc:
        return "extraction_error", f"{type(exc).__name__}: {exc}"


def extract_document(raw: RawArticle, options: TextOptions) -> ExtractedDocument:
    """The extraction itself, in the calling thread and without a time limit."""
    content = raw.content
    if not content.strip():
        raise ExtractionFailed("the content is empty", reason="empty_content")
    _check_size(raw, options)
    if looks_binary(content):
        raise ExtractionFailed("the content is binary, not text or HTML", reason="binary_content")
    media_type = _media_type(raw)
    looks_html = media_type in _HTML_TYPES or _sniff_html(content)
    text = decode(content, declared=_declared_charset(raw), html=looks_html)
    if _document_kind(text, media_type) == "html":
        document, dates = parse_html(text, raw.url, options.known_outlets, fast=options.fast)
    else:
        document, dates = _plain_document(text, options)
    return _finish(document, dates, raw, options)


def _media_type(raw: RawArticle) -> str:
    media_type = raw.content_type.split(";")[0].strip().lower()
    if media_type in _HTML_TYPES or media_type in _TEXT_TYPES or media_type.startswith("text/"):
        return media_type
    raise ExtractionFailed(
        f"content type {media_type!r} is not text or HTML", reason="bad_content_type"
    )


def _declared_charset(raw: RawArticle) -> str | None:
    return (
        raw.encoding
        or header_charset(raw.content_type)
        or header_charset(raw.headers.get("content-type"))
    )


def _sniff_html(content: bytes) -> bool:
    head = content[:2048].lower()
    return any(marker.encode() in head for marker in _HTML_MARKERS)


def _document_kind(text: str, media_type: str) -> Literal["html", "text"]:
    head = text[:2048].lstrip().lower()
    if head.startswith(("{", "[")) and _is_json(text):
        raise ExtractionFailed(
            "the content is JSON data, not an article", reason="bad_content_type"
        )
    if _root_element(head) in _FEED_ROOTS:
        raise ExtractionFailed(
            "the content is a feed or sitemap, not an article", reason="bad_content_type"
        )
    if any(marker in head for marker in _HTML_MARKERS):
        return "html"
    if media_type in _HTML_TYPES and "<" in head and ">" in head:
        return "html"
    return "text"


def _root_element(head: str) -> str | None:
    """Name of the first element of lower-cased markup, past declarations and comments."""
    for match in _FIRST_ELEMENT.finditer(head):
        if match.group(1):
            return match.group(1)
    return None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _plain_document(
    text: str, options: TextOptions
) -> tuple[ExtractedDocument, list[DateCandidate]]:
    parsed = parse_plain_text(text, options.known_outlets)
    document = ExtractedDocument(
        text=parsed.body,
        title=parsed.title,
        authors=parsed.authors,
        source_name=parsed.source_name,
        canonical_url=_http_url(parsed.url),
        description=parsed.description,
        language=declared_language(parsed.language),
    )
    return document, parsed.dates


def _http_url(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def _finish(
    document: ExtractedDocument, dates: list[DateCandidate], raw: RawArticle, options: TextOptions
) -> ExtractedDocument:
    """Date choice and sanity rules, fallbacks from the feed and the fetcher, language."""
    if len(document.text.strip()) < options.min_text_chars:
        raise ExtractionFailed("no article text could be extracted", reason="empty_content")
    candidates = [*dates, *_url_and_feed_dates(document, raw)]
    document.published, document.modified = choose_dates(candidates, raw.fetched_at)
    if raw.feed is not None:
        document.title = document.title or _clean(raw.feed.title)
        document.description = document.description or _clean(raw.feed.summary)
        if not document.authors and raw.feed.author:
            document.authors = clean_authors([raw.feed.author], options.known_outlets)
    document.source_name = document.source_name or raw.source_name
    declared = declared_language(document.language) or declared_language(raw.language_hint)
    document.language, document.language_confidence = choose_language(document.text, declared)
    return document


def _url_and_feed_dates(document: ExtractedDocument, raw: RawArticle) -> list[DateCandidate]:
    candidates = []
    from_url = url_date(document.canonical_url) or url_date(raw.url)
    if from_url is not None:
        candidates.append(DateCandidate(from_url, "published", "url", CONFIDENCE["url"], True))
    if raw.feed is not None and raw.feed.published is not None:
        published = as_utc(raw.feed.published)
        candidates.append(DateCandidate(published, "published", "feed", CONFIDENCE["feed"]))
    return candidates


def _clean(value: str | None) -> str | None:
    return (" ".join(value.split()) or None) if value else None
