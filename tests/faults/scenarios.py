"""Fault scenarios on the real local stack under the real supervisor, and the ledger judging them
(the run in ``run``, its inputs in ``inputs``, the ledger's rows in ``ledger``).

One copy, used by ``tests/faults/test_supervised_faults.py`` (``make test``) and
``bench/faults.py`` (``make bench``). :class:`FaultRun` starts ``newsdesk run``'s
:class:`~newsdesk_cli.runner.Runner` in this process on free loopback ports: tansu, noida-db and
the services as real child processes under the supervisor. Each scenario publishes inputs of its
own (``source`` = ``fault-<scenario>``), does its damage, then waits — polling, with a deadline —
until every input has an outcome and the lag is back to 0, and returns a :class:`Row`:

- *indexed*: the input's document is in ``newsdesk-articles``;
- *dead-lettered*: a letter with a reason names the input (its topic/partition/offset, or the
  article id it carries);
- *lost*: neither; *duplicated*: more than one outcome (two documents behind the alias, two
  letters, or a document and a letter);
- *unexpected*: a good input dead-lettered or a poison indexed.

Events are checked too: each indexed article has exactly as many documents in ``newsdesk-events``
as its record has events.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace

import extractor
from newsdesk import ids, topics
from newsdesk.events import EnrichedArticle, FetchRequest, RawArticle
from newsdesk.kafka import stream_stats
from newsdesk_cli.runner import ServiceSpec
from tests.faults.inputs import Input, among, enriched_article, poison, raw_article
from tests.faults.ledger import Row
from tests.faults.run import ARTICLES, FaultRun

# --- the scenarios --------------------------------------------------------------------------


@dataclass
class Sizes:
    """How many inputs each scenario publishes (the bench may run larger ones)."""

    extractor_kill: int = 500
    indexer_kill: int = 500
    #: The kill scenarios put a poison message after every this many articles.
    poison_every: int = 10
    outage_articles: int = 200
    outage_seconds: float = 30.0
    join_rate_per_s: float = 2.0
    join_max: int = 2000
    poison_good: int = 40
    poison_urls: int = 10

    def scaled(self, factor: float) -> Sizes:
        """Every count times ``factor`` (the outage keeps its length)."""
        counts = {
            name: max(1, round(value * factor))
            for name, value in vars(self).items()
            if isinstance(value, int) and name != "poison_every"
        }
        return replace(self, **counts)


async def extractor_kill(run: FaultRun, sizes: Sizes) -> Row:
    """kill -9 the extractor mid-stream with the articles queued; it is restarted, nothing lost."""
    started, restarts = time.monotonic(), run.restarts()
    before = await run.consumed(topics.ARTICLES_RAW)
    goods = [raw_article("a", n) for n in range(sizes.extractor_kill)]
    inputs = await run.publish_plan(among(topics.ARTICLES_RAW, goods, sizes.poison_every))
    killed = asyncio.Event()
    # The third batch it finishes: outputs published, offsets about to be committed.
    run.on_line("extractor", "Processed", lambda: (run.kill("extractor"), killed.set()), times=3)
    await asyncio.wait_for(killed.wait(), 240)
    at_kill = await run.consumed(topics.ARTICLES_RAW) - before
    row = await run.settle("a", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "kill -9 extractor mid-stream"
    row.note = f"killed with {at_kill} of {len(inputs)} consumed"
    return row


async def indexer_kill(run: FaultRun, sizes: Sizes) -> Row:
    """kill -9 the indexer right after a bulk write, before its offsets are committed."""
    started, restarts = time.monotonic(), run.restarts()
    goods = [enriched_article("b", n) for n in range(sizes.indexer_kill)]
    killed = asyncio.Event()
    run.on_line("indexer", "batch:", lambda: (run.kill("indexer"), killed.set()))
    inputs = await run.publish_plan(among(topics.ARTICLES_ENRICHED, goods, sizes.poison_every))
    await asyncio.wait_for(killed.wait(), 120)
    row = await run.settle("b", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "kill -9 indexer mid-batch"
    return row


async def search_outage(run: FaultRun, sizes: Sizes) -> Row:
    """Stop the search server for 30 s while articles flow; they all arrive after it returns."""
    assert run.runner.stack is not None
    started, restarts = time.monotonic(), run.restarts()
    half = sizes.outage_articles // 2
    inputs = await run.publish_raw("c", range(half))
    await run.until(lambda: _any_indexed(run, "fault-c"), 120, "the first article of the flow")
    await asyncio.to_thread(run.runner.stack.stop_server, "elasticsearch")
    inputs += await run.publish_raw("c", range(half, sizes.outage_articles))
    # The scenario itself: the server stays away this long while the pipeline keeps working.
    await asyncio.sleep(sizes.outage_seconds)
    # Meanwhile the indexer must hold its offsets and dead-letter nothing: records it could not
    # write wait in the topic (the outage is no reason to refuse an article).
    enriched = (await stream_stats(run.kafka, [topics.ARTICLES_ENRICHED])).topics
    held = enriched[topics.ARTICLES_ENRICHED].lag
    refused = [
        entry.letter
        for entry in await run.letters()
        if (entry.letter.article_id or "").startswith("fault-c-")
    ]
    await asyncio.to_thread(run.runner.stack.start_server, "elasticsearch")
    row = await run.settle("c", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = f"search server down {sizes.outage_seconds:.0f} s"
    row.note = f"{held} enriched records held in the topic at the end of the outage"
    if refused or not held:
        row.unexpected += len(refused) or 1
        row.problems.append(f"during the outage: {held} records held, {len(refused)} refused")
    return row


async def _any_indexed(run: FaultRun, source: str) -> bool:
    async with run.es() as es:
        return bool(await run.documents(es, ARTICLES, source))


async def extractor_join_leave(run: FaultRun, sizes: Sizes) -> Row:
    """Two more extractors join the group mid-stream; one leaves with SIGTERM, the other is
    killed with SIGKILL, each while it works on a batch, which the others then redo."""
    started, restarts = time.monotonic(), run.restarts()
    inputs: list[Input] = []
    done = asyncio.Event()

    async def feed() -> None:
        # The load shape of the scenario: a steady stream while members join and leave (capped,
        # so a slow machine does not pile up work). Pacing, not a wait for a condition.
        number = 0
        while not done.is_set() and number < sizes.join_max:
            inputs.extend(await run.publish_raw("d", range(number, number + 2)))
            number += 2
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), 2 / sizes.join_rate_per_s)

    feeder = asyncio.create_task(feed())
    try:
        # Both join at once (their model loads overlap), then leave one after the other.
        busy = {
            name: run.line(name, "Received", within=240) for name in ("extractor-2", "extractor-3")
        }
        for name in busy:
            await run.runner.supervisor.add(ServiceSpec(name, extractor))
        await busy["extractor-2"]
        await run.runner.supervisor.retire("extractor-2", signal.SIGTERM)
        await busy["extractor-3"]
        await run.line("extractor-3", "Received", within=240)  # a batch after the rebalance
        await run.runner.supervisor.retire("extractor-3", signal.SIGKILL)
    finally:
        done.set()
        await feeder
    row = await run.settle("d", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "extractors join and leave"
    row.note = "extractor-2 left with SIGTERM, extractor-3 with SIGKILL, each mid-batch"
    return row


async def poison_mix(run: FaultRun, sizes: Sizes) -> Row:
    """Poison on every topic between good messages: poison dead-lettered, the rest indexed."""
    started, restarts = time.monotonic(), run.restarts()
    plan: list[tuple[Input, bytes | None, str | None]] = []
    for topic in topics.CONSUMERS:
        for what, value, would_be in poison(topic):
            item = Input(f"{topic}: {what}", "dead_letter", topic, article_id=would_be)
            plan.append((item, value, f"poison-{len(plan)}"))
    for number in range(sizes.poison_urls):
        url = run.pages.url(number)
        request = FetchRequest(url=url, source="fault-e", discovered_via="cli")
        item = Input(
            "good URL", "indexed", topics.URLS, article_id=ids.article_id(ids.canonical_url(url))
        )
        plan.append((item, request.model_dump_json().encode(), ids.host_of(url)))
    good: list[RawArticle | EnrichedArticle] = [
        raw_article("e", n) for n in range(sizes.poison_good)
    ]
    good += [enriched_article("e", 10_000 + n) for n in range(sizes.poison_good // 2)]
    for article in good:
        topic = topics.ARTICLES_RAW if isinstance(article, RawArticle) else topics.ARTICLES_ENRICHED
        item = Input(f"good {topic}", "indexed", topic, article_id=article.article_id)
        plan.append((item, article.model_dump_json().encode(), article.article_id))
    # Poison between good messages, on every partition; the same order every run.
    random.Random(5).shuffle(plan)  # noqa: S311
    for item, value, key in plan:
        item.partition, item.offset = await run.publish(item.topic, value, key)
    inputs = [item for item, _, _ in plan]
    row = await run.settle("e", inputs, started)
    row.restarts = run.restarts() - restarts
    row.scenario = "poison on every topic"
    row.note = f"{sum(i.expect == 'dead_letter' for i in inputs)} poison messages"
    return row


Scenario = Callable[[FaultRun, Sizes], Awaitable[Row]]
SCENARIOS: dict[str, Scenario] = {
    "extractor_kill": extractor_kill,
    "indexer_kill": indexer_kill,
    "extractor_join_leave": extractor_join_leave,
    "poison_mix": poison_mix,
    "search_outage": search_outage,
}


def problems_of(row: Row, run: FaultRun) -> Iterator[str]:
    """What to print when a row fails: its problems and the end of the run's log."""
    yield from row.problems[:20]
    with contextlib.suppress(OSError):
        yield from run.log_path.read_text(encoding="utf-8").splitlines()[-60:]
