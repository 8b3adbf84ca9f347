"""Text stage vs raw trafilatura on the golden corpus: docs/s and body F1, measured in one run."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextOptions, TextStage
from newsdesk.errors import ExtractionFailed
from newsdesk.events import DateInfo, RawArticle

from golden import METRICS, GoldPage, load_corpus, score_corpus

CORPUS = Path(__file__).parents[1] / "services/extractor/tests/resources/html"


def trafilatura_document(raw: RawArticle) -> ExtractedDocument | None:
    """Raw trafilatura with its default settings, its metadata mapped onto our record."""
    result = trafilatura.bare_extraction(raw.content, url=raw.url, with_metadata=True)
    if result is None:
        return None
    published = DateInfo()
    if result.date:
        published = DateInfo(value=f"{result.date}T00:00:00+00:00", source="meta", confidence=0.5)
    authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    return ExtractedDocument(
        text=result.text or "",
        title=result.title,
        authors=authors,
        source_name=result.sitename,
        published=published,
    )


def throughput(
    pages: list[GoldPage], extract: Callable[[RawArticle], object], rounds: int
) -> float:
    """Documents per second over ``rounds`` passes of the corpus, after one warm-up pass."""
    for page in pages:
        extract(page.raw)
    started = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            extract(page.raw)
    return rounds * len(pages) / (time.perf_counter() - started)


def _safe(stage: TextStage) -> Callable[[RawArticle], ExtractedDocument | None]:
    def extract(raw: RawArticle) -> ExtractedDocument | None:
        try:
            return stage.extract(raw)
        except ExtractionFailed:
            return None

    return extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the corpus")
    args = parser.parse_args()
    pages = load_corpus(CORPUS)
    with TextStage(TextOptions()) as stage, TextStage(TextOptions(fast=True)) as fast_stage:
        ours, ours_fast = _safe(stage), _safe(fast_stage)

        def raw_trafilatura(raw: RawArticle) -> str | None:
            return trafilatura.extract(raw.content, url=raw.url)

        quality = {
            "text stage": score_corpus(pages, ours).summary(),
            "text stage, fast": score_corpus(pages, ours_fast).summary(),
            "trafilatura": score_corpus(pages, trafilatura_document).summary(),
        }
        runners = {
            "text stage": ours,
            "text stage, fast": ours_fast,
            "trafilatura": raw_trafilatura,
        }
        speed = dict.fromkeys(runners, 0.0)
        # Interleaved so that every contender sees the same machine load.
        for _ in range(2):
            for name, run in runners.items():
                speed[name] += throughput(pages, run, args.rounds) / 2

    print(f"golden corpus: {len(pages)} pages, {args.rounds} timed rounds x 2")
    print(f"{'':18}{'docs/s':>10}" + "".join(f"{m:>17}" for m in METRICS))
    for name in runners:
        row = "".join(f"{quality[name][m]:>17.3f}" for m in METRICS)
        print(f"{name:18}{speed[name]:>10.1f}{row}")
    ratio = speed["text stage"] / speed["trafilatura"]
    f1_ratio = quality["text stage"]["body_f1"] / max(quality["trafilatura"]["body_f1"], 1e-9)
    fast_ratio = speed["text stage, fast"] / speed["trafilatura"]
    print(f"speed ratio (text stage / trafilatura): {ratio:.2f} x (fast mode: {fast_ratio:.2f} x)")
    print(f"body F1 ratio (text stage / trafilatura): {f1_ratio:.3f} x")
    print(f"RESULT extract_text.ratio_vs_trafilatura {ratio:.3f} x")
    print(f"RESULT extract_text.body_f1 {quality['text stage']['body_f1']:.4f} f1")
    print(f"RESULT extract_text.trafilatura_body_f1 {quality['trafilatura']['body_f1']:.4f} f1")


if __name__ == "__main__":
    main()
