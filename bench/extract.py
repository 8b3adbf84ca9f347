"""Extractor throughput end to end (text stage + enrichment) vs raw nlp.pipe of the full model.

Both run in the same process on the same corpus (the seed articles and the HTML test pages),
in alternating rounds so machine noise hits both alike. Then worker processes measure peak RSS
and the speed-up of two workers over one. Ends with machine-readable RESULT lines.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import time
from pathlib import Path

import psutil
import spacy

from extractor.nlp.enrich import Enricher, EnrichOptions
from extractor.pipeline import Pipeline
from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextStage
from newsdesk.errors import Rejected
from newsdesk.events import EnrichedArticle, RawArticle

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PAGES = ROOT / "services/extractor/tests/resources/html"


def load_corpus() -> list[RawArticle]:
    """The seed texts and the HTML test pages as the fetcher would hand them over."""
    files = sorted(SEEDS.glob("*.txt")) + sorted(PAGES.glob("*.html"))
    return [
        RawArticle(
            article_id=path.stem,
            url=path.as_uri(),
            canonical_url=path.as_uri(),
            source="bench",
            content=path.read_bytes(),
            content_type="text/html" if path.suffix == ".html" else "text/plain",
        )
        for path in files
    ]


def extract_all(stage: TextStage, corpus: list[RawArticle]) -> list[ExtractedDocument]:
    """Text stage over the corpus; rejected inputs are left out, as the service would."""
    docs = []
    for raw in corpus:
        try:
            docs.append(stage.extract(raw))
        except Rejected:
            continue
    return docs


def end_to_end(pipeline: Pipeline, corpus: list[RawArticle]) -> int:
    """One pass of the extractor as the service runs it: raw articles to enriched records."""
    results = pipeline.process(corpus)
    return sum(isinstance(result, EnrichedArticle) for result in results)


def worker(corpus: list[RawArticle], rounds: int, model: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """A worker process: load once, wait for the others, then process its share ``rounds`` times."""
    pipeline = Pipeline(TextStage(), Enricher.load(EnrichOptions(model=model)))
    end_to_end(pipeline, corpus[:4])
    barrier.wait()
    started = time.perf_counter()
    done = sum(end_to_end(pipeline, corpus) for _ in range(rounds))
    elapsed = time.perf_counter() - started
    # The worker's own peak, plus what its text-stage process holds now (alive, so not in
    # RUSAGE_CHILDREN): the memory one extractor replica needs.
    children = psutil.Process().children(recursive=True)
    child_mb = sum(child.memory_info().rss for child in children) / 2**20
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 + child_mb
    results.put((done, elapsed, peak_mb))


def run_workers(
    corpus: list[RawArticle], workers: int, rounds: int, model: str
) -> tuple[float, float]:
    """Wall time of ``workers`` processes sharing the corpus, and their largest peak RSS."""
    context = mp.get_context("spawn")
    barrier = context.Barrier(workers)
    results = context.Queue()
    shares = [corpus[i::workers] for i in range(workers)]
    processes = [
        context.Process(target=worker, args=(share, rounds, model, barrier, results))
        for share in shares
    ]
    for process in processes:
        process.start()
    outcomes = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return max(o[1] for o in outcomes), max(o[2] for o in outcomes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the corpus")
    parser.add_argument("--batch-size", type=int, default=EnrichOptions().batch_size)
    parser.add_argument("--model", default=EnrichOptions().model)
    args = parser.parse_args()

    corpus = load_corpus()
    # The text stage as deployed: each page in a worker process with a time limit.
    stage = TextStage()
    enricher = Enricher.load(EnrichOptions(model=args.model, batch_size=args.batch_size))
    pipeline = Pipeline(stage, enricher)
    baseline = spacy.load(args.model)
    docs = extract_all(stage, corpus)
    texts = [enricher.make_doc(doc).text for doc in docs]
    words = sum(len(text.split()) for text in texts)
    end_to_end(pipeline, corpus)
    list(baseline.pipe(texts))

    ours, theirs = [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        end_to_end(pipeline, corpus)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        list(baseline.pipe(texts))
        theirs.append(time.perf_counter() - started)
    ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
    ratio = theirs_s / ours_s

    # Alternating and keeping the best of each absorbs some of a shared machine's noise.
    runs = [run_workers(corpus, workers, args.rounds, args.model) for workers in (1, 2, 1, 2)]
    one_s, one_rss = min(runs[0::2])
    two_s, two_rss = min(runs[1::2])

    print(
        f"corpus: {len(corpus)} inputs, {len(docs)} documents, {words} words; "
        f"{args.rounds} rounds, batch size {args.batch_size}, model {args.model}"
    )
    print(f"{'':34}{'docs/s':>10}{'words/s':>12}{'s/pass':>9}")
    for name, seconds in (
        ("extractor, Pipeline.process", ours_s),
        ("nlp.pipe, full model", theirs_s),
    ):
        print(f"{name:34}{len(docs) / seconds:10.1f}{words / seconds:12.0f}{seconds:9.3f}")
    print(f"ratio extractor / nlp.pipe: {ratio:.2f} x")
    peak = max(one_rss, two_rss)
    print(f"workers: 1 → {one_s:.2f} s, 2 → {two_s:.2f} s; peak RSS per worker {peak:.0f} MB")
    print(f"RESULT extract.ratio_vs_nlp_pipe {ratio:.2f} x")
    print(f"RESULT extract.docs_per_s {len(docs) / ours_s:.1f} docs/s")
    print(f"RESULT extract.peak_rss_mb {peak:.0f} MB")
    print(f"RESULT extract.speedup_2_workers {one_s / two_s:.2f} x")


if __name__ == "__main__":
    main()
