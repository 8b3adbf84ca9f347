"""Indexer throughput: the bulk writer against raw async_bulk of the same documents, same server."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from elasticsearch import AsyncElasticsearch, helpers

from indexer.bulk import BulkWriter
from indexer.documents import article_action, event_actions
from newsdesk.events import EnrichedArticle, Entity, Event, EventParty, GeoPoint, Location, Topic
from newsdesk.search import load_templates, make_client
from newsdesk.settings import ElasticsearchSettings
from newsdesk_cli.local import LocalStack

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = {t.alias: t for t in load_templates(ROOT / "deploy" / "elasticsearch")}
COUNTRIES = ["IL", "BH", "AE", "US", "MA", "SA", "EG", "JO", "IR", "YE", "SD", "QA"]
WORDS = [
    *("defence", "agreement", "drones", "training", "intelligence"),
    *("ministry", "navy", "talks", "visit"),
]


def records(count: int, seed: int = 7) -> list[EnrichedArticle]:
    """``count`` enriched records shaped like the seeds': entities, events, places, topics.

    One in ten is a near-copy of an earlier record (a shared band key), as wire copies are.
    """
    rng = random.Random(seed)  # noqa: S311  # reproducible records, nothing secret
    fetched = datetime(2024, 1, 1, tzinfo=UTC)
    made = []
    for n in range(count):
        countries = rng.sample(COUNTRIES, 4)
        persons = [f"Person {rng.randrange(400)}" for _ in range(6)]
        orgs = [f"Ministry {rng.randrange(120)}" for _ in range(4)]
        bands = [f"{b:02d}:{n:06d}{b:02d}" for b in range(16)]
        if n >= 10 and n % 10 == 0:
            bands[3] = f"03:{n - 7:06d}03"  # a near-copy of record n - 7
        made.append(
            EnrichedArticle(
                article_id=f"bench-{n:06d}",
                url=f"https://example.org/bench/{n}",
                canonical_url=f"https://example.org/bench/{n}",
                source="bench",
                source_name="Bench Wire",
                fetched_at=fetched + timedelta(seconds=n),
                published_at=fetched + timedelta(seconds=n - 3600),
                language="en",
                title=f"{countries[0]} and {countries[1]} sign a {rng.choice(WORDS)} deal",
                summary=" ".join(rng.choice(WORDS) for _ in range(40)),
                text=" ".join(rng.choice(WORDS) for _ in range(700)),
                word_count=700,
                entities=[Entity(name=name, label="PERSON", mentions=2) for name in persons]
                + [Entity(name=name, label="ORG") for name in orgs],
                persons=persons,
                organizations=orgs,
                countries=countries,
                locations=[
                    Location(
                        name=c,
                        kind="country",
                        country=c,
                        point=GeoPoint(lat=rng.uniform(10, 40), lon=rng.uniform(30, 60)),
                    )
                    for c in countries
                ],
                events=[
                    Event(
                        type=rng.choice(["agreement", "meeting", "visit", "arms_transfer"]),
                        trigger="signed",
                        parties=[EventParty(name=c, country=c) for c in countries[:2]],
                        countries=countries[:2],
                        date="2024-01-01",
                        date_precision="day",
                        sentence="The two countries signed an agreement on defence cooperation.",
                    )
                    for _ in range(4)
                ],
                topics=[Topic(name=rng.choice(WORDS), score=0.5, terms=WORDS[:3])],
                keywords=WORDS[:8],
                minhash_bands=bands,
            )
        )
    return made


async def fresh_indices(es: AsyncElasticsearch, prefix: str) -> tuple[str, str]:
    """Empty indices with the templates' mappings, behind aliases of their own."""
    names = []
    for alias, template in TEMPLATES.items():
        index = f"{prefix}-{alias}"
        await es.options(ignore_status=404).indices.delete(index=f"{index}-v1")
        body = template.body["template"]
        await es.indices.create(
            index=f"{index}-v1",
            mappings=body["mappings"],
            settings=body["settings"],
            aliases={index: {"is_write_index": True}},
        )
        names.append(index)
    return names[0], names[1]


async def run_project(
    es: AsyncElasticsearch, batches: list[list[EnrichedArticle]], *, stories: bool = True
) -> float:
    articles, events = await fresh_indices(es, "bench-project")
    writer = BulkWriter(
        es, articles_alias=articles, events_alias=events, retries=0, group_stories=stories
    )
    copies = [[a.model_copy(deep=True) for a in batch] for batch in batches]  # it sets labels
    started = time.perf_counter()
    for batch in copies:
        outcome = await writer.write(batch)
        assert len(outcome.indexed) == len(batch), outcome
    return time.perf_counter() - started


async def run_baseline(es: AsyncElasticsearch, batches: list[list[EnrichedArticle]]) -> float:
    articles, events = await fresh_indices(es, "bench-baseline")
    started = time.perf_counter()
    for batch in batches:
        docs: list[dict[str, Any]] = [article_action(articles, a) for a in batch]
        docs += [action for a in batch for action in event_actions(events, a)]
        _, errors = await helpers.async_bulk(es, docs, raise_on_error=False, refresh=False)
        assert not errors, errors[:1]
    return time.perf_counter() - started


HOW = """
One local Elasticsearch-API server (noida-db, the local stack's). The same N enriched records,
in batches of the indexer's default size, go in each round to fresh indices with the templates'
mappings, alternating:
  async_bulk  elasticsearch.helpers.async_bulk of exactly the documents the indexer writes (the
              article and one per event, with their external versions), nothing else;
  indexer     indexer.bulk.BulkWriter.write: the same documents plus what makes them right:
              per-item results (stale / refused / retried), story labels looked up before the
              write and reconciled after it (one refresh and one search per batch, and the
              relabels of linked copies: one record in ten here), the leftover-event removal for
              replaced articles (none here: every record is new).
  no stories  the same writer with story grouping off (group_stories=False): what the story
              lookup costs, apart from the rest of the writer.
The best round of each is kept (the machine is shared: a slow round is someone else's load).
"""


async def measure(url: str, count: int, batch_size: int, rounds: int) -> dict[str, list[float]]:
    es = make_client(ElasticsearchSettings(url=url, request_timeout=120))
    made = records(count)
    batches = [made[i : i + batch_size] for i in range(0, count, batch_size)]
    seconds: dict[str, list[float]] = {"async_bulk": [], "indexer": [], "no_stories": []}
    try:
        await run_baseline(es, batches[:1])  # warm-up: connections, the server's first index
        for _ in range(rounds):
            seconds["async_bulk"].append(await run_baseline(es, batches))
            seconds["indexer"].append(await run_project(es, batches))
            seconds["no_stories"].append(await run_project(es, batches, stories=False))
    finally:
        await es.close()
    return seconds


def main() -> None:
    """Measure both, print a table and the RESULT lines."""
    parser = argparse.ArgumentParser(
        description=__doc__, epilog=HOW, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with LocalStack.on_free_ports() as stack:
        seconds = asyncio.run(measure(stack.es_url, args.records, args.batch_size, args.rounds))
    best = {mode: min(values) for mode, values in seconds.items()}
    rate = {mode: args.records / value for mode, value in best.items()}
    ratio = rate["indexer"] / rate["async_bulk"]
    events = 4 * args.records
    print(f"{args.records} enriched records ({events} event documents), batches of ", end="")
    print(f"{args.batch_size}, best of {args.rounds} rounds")
    print(f"{'mode':<26}{'records/s':>10}{'seconds':>10}  rounds")
    labels = {"async_bulk": "raw async_bulk", "indexer": "indexer BulkWriter"}
    labels["no_stories"] = "BulkWriter, no stories"
    for mode, label in labels.items():
        rounds = json.dumps([round(v, 2) for v in seconds[mode]])
        print(f"{label:<26}{rate[mode]:>10.0f}{best[mode]:>10.2f}  {rounds}")
    print(f"ratio indexer / async_bulk: {ratio:.2f} x")
    bare = rate["no_stories"] / rate["async_bulk"]
    print(f"ratio without story grouping / async_bulk: {bare:.2f} x")
    print(f"RESULT index.docs_per_s {rate['indexer']:.0f} docs/s")
    print(f"RESULT index.ratio_vs_async_bulk {ratio:.2f} x")
    print(f"RESULT index.ratio_no_stories_vs_async_bulk {bare:.2f} x")


if __name__ == "__main__":
    main()
