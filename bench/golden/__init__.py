"""Extraction quality on the golden corpus: body token F1; title, date, author, outlet accuracy.

A library of ``bench/extract_text.py`` and of the quality gate
(``services/extractor/tests/text/test_quality_gate.py``), not part of the extractor. A package
rather than ``bench/golden.py``, so that ``make bench`` (every ``bench/*.py``) does not run it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractor.text.document import ExtractedDocument
from newsdesk.events import FeedMetadata, RawArticle

# The corpus pages were written as if fetched at this moment; dates after it are in the future.
CORPUS_FETCHED_AT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
METRICS = ("body_f1", "title_accuracy", "date_accuracy", "author_accuracy", "source_accuracy")
_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans(dict.fromkeys("\"'“”‘’«»„"))


@dataclass(frozen=True)
class GoldPage:
    """One corpus page: the raw article to extract and what a careful reader would record."""

    name: str
    raw: RawArticle
    body: str
    title: str | None
    authors: list[str]
    published: str | None
    source: str | None
    shape: str


@dataclass
class PageScore:
    """How one extraction compares with the gold answer."""

    name: str
    body_f1: float
    title: bool
    date: bool
    authors: bool
    source: bool


@dataclass
class CorpusScore:
    """Scores of every page and their averages."""

    pages: list[PageScore] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        """Mean body F1 and the share of pages with title, date, authors and outlet right."""
        count = max(len(self.pages), 1)
        return {
            "body_f1": round(sum(p.body_f1 for p in self.pages) / count, 4),
            "title_accuracy": round(sum(p.title for p in self.pages) / count, 4),
            "date_accuracy": round(sum(p.date for p in self.pages) / count, 4),
            "author_accuracy": round(sum(p.authors for p in self.pages) / count, 4),
            "source_accuracy": round(sum(p.source for p in self.pages) / count, 4),
        }


def load_corpus(directory: Path) -> list[GoldPage]:
    """Every ``<name>.html`` with its ``<name>.json`` answer in ``directory``, by name."""
    pages = []
    for sidecar in sorted(directory.glob("*.json")):
        gold = json.loads(sidecar.read_text(encoding="utf-8"))
        content = sidecar.with_suffix(".html").read_bytes()
        feed = FeedMetadata.model_validate(gold["feed"]) if gold.get("feed") else None
        raw = RawArticle(
            article_id=sidecar.stem,
            url=gold["url"],
            canonical_url=gold["url"],
            source="corpus",
            fetched_at=gold.get("fetched_at") or CORPUS_FETCHED_AT,
            content=content,
            content_type=gold.get("content_type", "text/html"),
            feed=feed,
        )
        pages.append(
            GoldPage(
                name=sidecar.stem,
                raw=raw,
                body="\n\n".join(gold["body"]),
                title=gold.get("title"),
                authors=gold.get("authors", []),
                published=gold.get("published"),
                source=gold.get("source"),
                shape=gold.get("shape", ""),
            )
        )
    return pages


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens in any script."""
    return _TOKEN.findall(text.casefold())


def token_f1(predicted: str, expected: str) -> float:
    """F1 of the bag of word tokens (the usual article-body benchmark measure)."""
    got, want = Counter(tokens(predicted)), Counter(tokens(expected))
    overlap = sum((got & want).values())
    if not got and not want:
        return 1.0
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _same_text(a: str | None, b: str | None) -> bool:
    def norm(value: str | None) -> str:
        return " ".join((value or "").translate(_QUOTES).casefold().split())

    return norm(a) == norm(b)


def score_page(page: GoldPage, document: ExtractedDocument | None) -> PageScore:
    """Compare one extraction (None when it failed) with the gold answer."""
    if document is None:
        return PageScore(page.name, 0.0, False, page.published is None, not page.authors, False)
    day = document.published.value.date().isoformat() if document.published.value else None
    wanted_authors = sorted(_norm_name(a) for a in page.authors)
    return PageScore(
        name=page.name,
        body_f1=token_f1(document.text, page.body),
        title=_same_text(document.title, page.title),
        date=day == page.published,
        authors=sorted(_norm_name(a) for a in document.authors) == wanted_authors,
        source=_same_text(document.source_name, page.source),
    )


def _norm_name(name: str) -> str:
    return " ".join(name.casefold().split())


def score_corpus(
    pages: Iterable[GoldPage], extract: Callable[[RawArticle], ExtractedDocument | None]
) -> CorpusScore:
    """Run ``extract`` over the corpus and score every page."""
    return CorpusScore([score_page(page, extract(page.raw)) for page in pages])
