"""The whole pipeline on the local stack, services as processes, against raw nlp.pipe.

For 1 and then 2 extractor processes (``newsdesk run``'s Runner: tansu, noida-db, indexer,
extractors, fetcher worker and scheduler), it publishes a varied corpus of raw articles
(bench/corpus.py, no network) and measures:

- the maximum rate: every article published at once, docs/s until the last one is indexed;
- latency at half that rate: publish to indexed (read back by id), p50/p95/p99;
- peak RSS per service, each process with its children (the extractor's text-stage worker);
- raw ``nlp.pipe`` of the same model on the same texts (what NLP reads of each document), in
  this process right before each phase, and the ratio of the pipeline's rate to it.

Ends with RESULT lines. With the default sizes it needs about 7 CPU-minutes (some 5 minutes
on an idle 2-core machine; a shared one stretches it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import spacy
from corpus import make_corpus
from elasticsearch import AsyncElasticsearch

from extractor.nlp.enrich import EnrichOptions, nlp_input
from extractor.text.extract import TextOptions, TextStage
from newsdesk.errors import Rejected
from newsdesk.events import RawArticle
from newsdesk.kafka import open_producer
from newsdesk.search import make_client
from newsdesk_cli.local import free_port
from newsdesk_cli.runner import Runner, RunOptions

ARTICLES = "newsdesk-articles"


@dataclass
class Phase:
    """What one run of the pipeline measured."""

    extractors: int
    docs_per_s: float = 0.0
    baseline_docs_per_s: float = 0.0
    baseline_cpu_ms: float = 0.0
    latencies: list[float] = field(default_factory=list)
    latency_rate: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.docs_per_s / self.baseline_docs_per_s


def prepare(corpus: list[RawArticle]) -> dict[str, str]:
    """What NLP reads of each document the text stage accepts (as the extractor cuts it), by
    article id: these are the articles that end in the index."""
    texts = {}
    max_chars = EnrichOptions().max_chars
    with TextStage(TextOptions(isolation="inline")) as stage:
        for raw in corpus:
            with contextlib.suppress(Rejected):
                texts[raw.article_id] = nlp_input(stage.extract(raw), max_chars).text
    return texts


def baseline_rate(nlp: spacy.language.Language, texts: list[str]) -> tuple[float, float]:
    """Docs/s of raw nlp.pipe of the full model over ``texts``, and its CPU ms per doc."""
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return len(texts) / elapsed, cpu * 1000 / len(texts)


class Sampler:
    """Peak RSS of each service process together with its children, sampled every 0.2 s, and
    the CPU seconds of every process of the run (the servers too), to see where time goes."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.peaks: dict[str, float] = {}

    def processes(self) -> dict[str, list[psutil.Process]]:
        """Each service's process tree, and the local servers, by name."""
        found: dict[str, list[psutil.Process]] = {}
        supervisor = self.runner.supervisor
        for name in list(supervisor.services):
            pid = supervisor.pid(name)
            with contextlib.suppress(psutil.Error):
                if pid is not None:
                    process = psutil.Process(pid)
                    found[name] = [process, *process.children(recursive=True)]
        for server in self.runner.stack.servers if self.runner.stack else []:
            with contextlib.suppress(psutil.Error):
                found[server.name] = [psutil.Process(server.process.pid)]
        return found

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds (user + system) used so far, per service tree and server."""
        seconds = {}
        for name, tree in self.processes().items():
            with contextlib.suppress(psutil.Error):
                seconds[name] = sum(sum(p.cpu_times()[:2]) for p in tree)
        return seconds

    async def run(self) -> None:
        while True:
            for name, tree in self.processes().items():
                with contextlib.suppress(psutil.Error):
                    rss = sum(p.memory_info().rss for p in tree) / 2**20
                    self.peaks[name] = max(self.peaks.get(name, 0.0), rss)
            await asyncio.sleep(0.2)


class Index:
    """When each article was indexed: the ids still awaited read back by id every 0.25 s.

    A read by id (``mget``) costs the server one lookup per id. A search, as an earlier version
    polled with, made noida-db scan and sort the whole index several times a second, and that
    scan took about as much CPU as the extractor: the measurement slowed what it measured. The
    indexer refreshes the index after each batch (its story lookup), so an article readable by
    id is searchable by the end of its batch.
    """

    def __init__(self, es: AsyncElasticsearch) -> None:
        self.es = es
        self.seen: dict[str, float] = {}
        self.waiting: set[str] = set()

    async def run(self) -> None:
        while True:
            with contextlib.suppress(Exception):  # a slow or failed poll: the next one catches up
                await self.poll()
            await asyncio.sleep(0.25)

    async def poll(self) -> None:
        waiting = sorted(self.waiting)
        for start in range(0, len(waiting), 1000):
            response = await self.es.options(ignore_status=404).mget(
                index=ARTICLES, ids=waiting[start : start + 1000], source=False
            )
            now = time.time()
            for doc in response.get("docs", []):
                if doc.get("found"):
                    self.seen.setdefault(doc["_id"], now)
                    self.waiting.discard(doc["_id"])

    def expect(self, ids: list[str]) -> None:
        """Watch for these ids from now on: call it before they are published."""
        self.waiting.update(i for i in ids if i not in self.seen)

    async def wait_for(self, ids: list[str], within_s: float) -> float:
        """Wait until every id was seen; the time the last one was."""
        self.expect(ids)
        deadline = time.monotonic() + within_s
        while not all(i in self.seen for i in ids):
            if time.monotonic() > deadline:
                missing = sum(i not in self.seen for i in ids)
                raise TimeoutError(f"{missing} of {len(ids)} articles not indexed in time")
            await asyncio.sleep(0.25)
        return max(self.seen[i] for i in ids)


async def publish(runner: Runner, raws: list[RawArticle], rate: float | None) -> dict[str, float]:
    """Publish ``raws`` at ``rate`` per second (None: all at once); their publish times."""
    sent = {}
    async with open_producer(runner.settings.kafka) as producer:
        started = time.monotonic()
        for n, raw in enumerate(raws):
            if rate is not None:
                await asyncio.sleep(max(started + n / rate - time.monotonic(), 0))
            sent[raw.article_id] = time.time()
            await producer.send(
                "newsdesk.articles.raw", raw.model_dump_json().encode(), key=raw.article_id.encode()
            )
        await producer.flush()
    return sent


async def run_phase(
    extractors: int, corpus: list[RawArticle], accepted: dict[str, str], args: argparse.Namespace
) -> Phase:
    """Start the stack and services, measure the maximum rate, then latency at half of it."""
    phase = Phase(extractors)
    options = RunOptions(
        seeds_dir=Path(tempfile.mkdtemp(prefix="bench-seeds-")),
        kafka_port=free_port(),
        es_port=free_port(),
        extractors=extractors,
    )
    runner = Runner(options, lambda name, line: None)
    task = asyncio.create_task(runner.run())
    names = [
        "indexer",
        *(f"extractor-{n}" if n > 1 else "extractor" for n in range(1, extractors + 1)),
    ]
    while not all(runner.supervisor.pid(name) for name in names):
        if task.done():
            await task
        await asyncio.sleep(0.5)
    sampler = Sampler(runner)
    sampling = asyncio.create_task(sampler.run())
    es = make_client(runner.settings.elasticsearch)
    index = Index(es)
    polling = asyncio.create_task(index.run())
    warm = corpus[: args.warm]
    maximum = corpus[args.warm : args.warm + args.articles]
    try:
        index.expect([r.article_id for r in warm])
        await publish(runner, warm, None)
        await index.wait_for([r.article_id for r in warm if r.article_id in accepted], 300)
        await asyncio.sleep(5)  # a late extractor joins the group before the clock starts
        ids = [raw.article_id for raw in maximum if raw.article_id in accepted]
        before = sampler.cpu_seconds()
        index.expect(ids)
        sent = await publish(runner, maximum, None)
        last = await index.wait_for(ids, 900)
        after = sampler.cpu_seconds()
        phase.cpu_s = {name: after[name] - before.get(name, 0.0) for name in after}
        phase.docs_per_s = len(ids) / (last - min(sent.values()))
        phase.latency_rate = phase.docs_per_s / 2
        count = int(
            min(args.latency_s * phase.latency_rate, len(corpus) - len(warm) - len(maximum))
        )
        latency = corpus[args.warm + args.articles :][:count]
        ids = [raw.article_id for raw in latency if raw.article_id in accepted]
        index.expect(ids)
        sent = await publish(runner, latency, phase.latency_rate)
        await index.wait_for(ids, 600)
        phase.latencies = [index.seen[i] - sent[i] for i in ids]
    finally:
        sampling.cancel()
        polling.cancel()
        phase.peak_rss_mb = dict(sampler.peaks)
        await es.close()
        runner.stopping.set()
        await task
    return phase


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method)."""
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else 0.0
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000, help="articles of the max-rate run")
    parser.add_argument("--warm", type=int, default=24, help="articles before the clock starts")
    parser.add_argument("--latency-s", type=float, default=40.0, help="length of the latency run")
    args = parser.parse_args()

    corpus = make_corpus(args.warm + args.articles + 1200)
    accepted = prepare(corpus)
    maximum = corpus[args.warm : args.warm + args.articles]
    measured = [accepted[raw.article_id] for raw in maximum if raw.article_id in accepted]
    nlp = spacy.load(EnrichOptions().model)
    baseline_rate(nlp, measured[:50])  # warm up
    phases = []
    for extractors in (1, 2):
        # Right before its phase, so both meet about the same load on a shared machine.
        phase_rate, phase_cpu = baseline_rate(nlp, measured)
        phase = asyncio.run(run_phase(extractors, corpus, accepted, args))
        phase.baseline_docs_per_s, phase.baseline_cpu_ms = phase_rate, phase_cpu
        phases.append(phase)
    one, two = phases
    print(
        f"corpus: {len(corpus)} raw articles ({len(accepted)} accepted by the text stage), "
        f"{args.articles} in the max-rate run, then {args.latency_s:g} s at half that rate"
    )
    header = ("extractors", "docs/s", "nlp.pipe", "ratio", "p50 s", "p95 s", "p99 s")
    print(
        "".join(f"{h:>{w}}" for h, w in zip(header, (10, 9, 10, 7, 8, 8, 8), strict=True)), end=""
    )
    print("  peak RSS MB (process with its children)")
    for phase in phases:
        rss = ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(phase.peak_rss_mb.items()))
        print(
            f"{phase.extractors:>10}{phase.docs_per_s:>9.1f}{phase.baseline_docs_per_s:>10.1f}"
            f"{phase.ratio:>7.2f}{percentile(phase.latencies, 50):>8.2f}"
            f"{percentile(phase.latencies, 95):>8.2f}{percentile(phase.latencies, 99):>8.2f}  {rss}"
        )
    for phase in phases:
        cpu = ", ".join(f"{name} {s:.0f}" for name, s in sorted(phase.cpu_s.items()) if s >= 0.5)
        print(f"CPU seconds of the max-rate run, {phase.extractors} extractor(s): {cpu}")
        per_doc = sum(s for name, s in phase.cpu_s.items() if name.startswith("extractor"))
        print(
            f"  extractor CPU per doc {per_doc * 1000 / len(measured):.1f} ms (text stage "
            f"included), raw nlp.pipe {phase.baseline_cpu_ms:.1f} ms"
        )
    extractor_rss = max(mb for name, mb in one.peak_rss_mb.items() if name.startswith("extractor"))
    print(f"RESULT pipeline.docs_per_s {one.docs_per_s:.1f} docs/s")
    print(f"RESULT pipeline.ratio_vs_nlp_pipe {one.ratio:.2f} x")
    print(f"RESULT pipeline.ratio_vs_nlp_pipe_2_workers {two.ratio:.2f} x")
    print(f"RESULT pipeline.docs_per_s_2_workers {two.docs_per_s:.1f} docs/s")
    print(f"RESULT pipeline.latency_p50_s {percentile(one.latencies, 50):.2f} s")
    print(f"RESULT pipeline.latency_p95_s {percentile(one.latencies, 95):.2f} s")
    print(f"RESULT pipeline.latency_p99_s {percentile(one.latencies, 99):.2f} s")
    print(f"RESULT pipeline.latency_p99_s_2_workers {percentile(two.latencies, 99):.2f} s")
    print(f"RESULT pipeline.extractor_peak_rss_mb {extractor_rss:.0f} MB")


if __name__ == "__main__":
    main()
