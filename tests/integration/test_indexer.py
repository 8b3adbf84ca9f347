"""The indexer's bulk writer against the real Elasticsearch-API server."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from elasticsearch import AsyncElasticsearch

from indexer.bulk import BulkWriter
from newsdesk.errors import BackendUnavailable
from newsdesk.events import EnrichedArticle, Event, EventParty
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings
from newsdesk_cli.local import free_port

pytestmark = pytest.mark.integration
NOW = datetime(2022, 2, 3, 12, tzinfo=UTC)


@pytest.fixture
async def es(es_settings: ElasticsearchSettings) -> AsyncIterator[AsyncElasticsearch]:
    client = make_client(es_settings)
    yield client
    await client.close()


def writer_for(es: AsyncElasticsearch, retries: int = 2) -> BulkWriter:
    return BulkWriter(
        es,
        articles_alias="newsdesk-articles",
        events_alias="newsdesk-events",
        retries=retries,
        backoff_max_s=0.2,
    )


def article(article_id: str, **changes: object) -> EnrichedArticle:
    base = EnrichedArticle(
        article_id=article_id,
        url=f"https://example.org/{article_id}",
        canonical_url=f"https://example.org/{article_id}",
        source="test",
        fetched_at=NOW,
        title="Israel and Bahrain sign a defence memorandum",
        text="Gantz signed it.",
        events=[
            Event(
                type="agreement",
                trigger="signed",
                date="2022-02-03",
                date_precision="day",
                parties=[
                    EventParty(name="Israel", country="IL"),
                    EventParty(name="Bahrain", country="BH"),
                ],
            )
        ],
    )
    return base.model_copy(update=changes)


async def test_batch_is_indexed_with_events_one_per_document(es: AsyncElasticsearch) -> None:
    outcome = await writer_for(es).write([article("bulk-1"), article("bulk-2", events=[])])
    assert sorted(outcome.indexed) == ["bulk-1", "bulk-2"]
    assert outcome.failed == []
    await es.indices.refresh(index="newsdesk-events")
    events = await es.search(index="newsdesk-events", query={"term": {"article_id": "bulk-1"}})
    hits = events["hits"]["hits"]
    assert len(hits) == 1
    assert hits[0]["_source"]["title"] == "Israel and Bahrain sign a defence memorandum"
    assert {p["country"] for p in hits[0]["_source"]["parties"]} == {"IL", "BH"}


async def test_older_version_is_stale_and_does_not_overwrite(es: AsyncElasticsearch) -> None:
    writer = writer_for(es)
    await writer.write([article("bulk-versions", title="newer")])
    outcome = await writer.write(
        [article("bulk-versions", title="older", fetched_at=NOW - timedelta(hours=1))]
    )
    assert outcome.stale == ["bulk-versions"]
    doc = await es.get(index="newsdesk-articles", id="bulk-versions")
    assert doc["_source"]["title"] == "newer"


async def test_re_extraction_of_the_same_fetch_replaces_the_record_and_its_events(
    es: AsyncElasticsearch,
) -> None:
    """A rules change reaches the index: same fetch, new extraction, fewer events, none left."""
    writer = writer_for(es)
    three = [
        Event(type=kind, trigger=kind, countries=["IL", "BH"]) for kind in ("agreement", "visit")
    ] + [Event(type="meeting", trigger="met", countries=["US", "IL"])]
    await writer.write([article("bulk-reextract", events=three, extractor_version="1")])
    assert await _event_ids(es, "bulk-reextract") == [f"bulk-reextract:{n}" for n in range(3)]

    changed = article(
        "bulk-reextract",
        title="Israel and Bahrain: the memorandum, re-read",
        events=[Event(type="arms_transfer", trigger="sell", countries=["IL", "BH"])],
        extractor_version="2",
    )
    outcome = await writer.write([changed])
    assert outcome.indexed == ["bulk-reextract"]
    doc = await es.get(index="newsdesk-articles", id="bulk-reextract")
    assert doc["_source"]["extractor_version"] == "2"
    assert doc["_source"]["title"] == "Israel and Bahrain: the memorandum, re-read"
    assert await _event_ids(es, "bulk-reextract") == ["bulk-reextract:0"]
    event = await es.get(index="newsdesk-events", id="bulk-reextract:0")
    assert event["_source"]["type"] == "arms_transfer"
    assert event["_source"]["country_pairs"] == ["BH-IL"]


async def _event_ids(es: AsyncElasticsearch, article_id: str) -> list[str]:
    await es.indices.refresh(index="newsdesk-events")
    found = await es.search(
        index="newsdesk-events", query={"term": {"article_id": article_id}}, size=100
    )
    return sorted(hit["_id"] for hit in found["hits"]["hits"])


async def test_document_the_mapping_refuses_is_reported_not_retried(
    es: AsyncElasticsearch,
) -> None:
    bad_event = Event(type="agreement", trigger="signed", date="the day after tomorrow")
    outcome = await writer_for(es).write(
        [
            article("bulk-bad", events=[], published_at=None).model_copy(
                update={"events": [bad_event]}
            ),
            article("bulk-good-neighbour"),
        ]
    )
    assert outcome.indexed == ["bulk-good-neighbour"]
    assert [f.article_id for f in outcome.failed] == ["bulk-bad"]
    assert outcome.failed[0].reason == "mapping_error"
    assert "HTTP 400" in outcome.failed[0].message


async def test_unreachable_elasticsearch_raises_transient_after_retries() -> None:
    dead = make_client(
        ElasticsearchSettings(url=f"http://127.0.0.1:{free_port()}", request_timeout=1)
    )
    try:
        with pytest.raises(BackendUnavailable):
            await writer_for(dead, retries=1).write([article("bulk-nowhere")])
    finally:
        await dead.close()


class _RefusingBulkHandler(BaseHTTPRequestHandler):
    """A loopback stand-in for a cluster whose HTTP layer refuses requests over its size limit.

    noida-db accepts any size, so a 413 for the whole request needs its own server: it refuses
    any bulk request that carries the marked document, and accepts every other one.
    """

    def do_POST(self) -> None:  # http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if "_delete_by_query" in self.path:  # the writer removes events of older extractions
            self._send(200, {"deleted": 0, "failures": []})
            return
        if "_search" in self.path:  # story lookups: no stored copies
            self._send(200, {"hits": {"total": {"value": 0}, "hits": []}})
            return
        if "_mget" in self.path:  # the batch's stored story labels: none stored
            wanted = json.loads(body)["ids"]
            self._send(200, {"docs": [{"_id": i, "found": False} for i in wanted]})
            return
        if "_refresh" in self.path:  # before the stories are reconciled
            self._send(200, {"_shards": {"failed": 0}})
            return
        ids = [json.loads(line)["index"]["_id"] for line in body.splitlines()[::2]]
        if "bulk-refused" in ids:
            self._send(
                413, {"error": {"type": "too_large", "reason": "request too large"}, "status": 413}
            )
            return
        items = [{"index": {"_id": i, "status": 201}} for i in ids]
        self._send(200, {"took": 1, "errors": False, "items": items})

    do_PUT = do_POST  # the client sends bulk requests as PUT

    def _send(self, status: int, payload: dict[str, object]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return


async def test_a_request_refused_whole_is_halved_down_to_the_document_at_fault() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RefusingBulkHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = make_client(ElasticsearchSettings(url=f"http://127.0.0.1:{server.server_port}"))
    try:
        batch = [article("bulk-a"), article("bulk-refused", events=[]), article("bulk-b")]
        outcome = await writer_for(client).write(batch)
    finally:
        await client.close()
        server.shutdown()
        server.server_close()
    assert sorted(outcome.indexed) == ["bulk-a", "bulk-b"]
    assert [failure.article_id for failure in outcome.failed] == ["bulk-refused"]
    assert outcome.failed[0].reason == "index_error"
    assert "413" in outcome.failed[0].message


async def test_copies_of_one_story_share_its_id_and_name_the_first_copy(
    es: AsyncElasticsearch,
) -> None:
    writer = writer_for(es)
    first = article("story-first", minhash_bands=["00:aa", "01:bb", "02:cc"])
    unrelated = article("story-other", minhash_bands=["00:zz", "01:yy"])
    await writer.write([first, unrelated])
    await es.indices.refresh(index="newsdesk-articles")

    later = NOW + timedelta(hours=2)
    copy = article("story-copy", fetched_at=later, minhash_bands=["00:xx", "01:bb"])
    copy_of_copy = article(
        "story-copy-2", fetched_at=later + timedelta(minutes=5), minhash_bands=["00:xx"]
    )
    await writer.write([copy_of_copy, copy])

    docs = {
        d: (await es.get(index="newsdesk-articles", id=d))["_source"]
        for d in ["story-first", "story-other", "story-copy", "story-copy-2"]
    }
    assert docs["story-first"]["story_id"] == "story-first"
    assert docs["story-first"]["duplicate_of"] is None
    assert docs["story-other"]["story_id"] == "story-other"
    assert docs["story-copy"]["story_id"] == "story-first"
    assert docs["story-copy"]["duplicate_of"] == "story-first"
    assert docs["story-copy-2"]["story_id"] == "story-first"
    assert docs["story-copy-2"]["duplicate_of"] == "story-copy"


async def test_a_record_at_every_contract_limit_is_indexed(es: AsyncElasticsearch) -> None:
    """Lists are bounded so that the largest valid record never stalls the cluster.

    70,000 values in one keyword list took noida-db past every timeout: a batch nacked forever.
    """
    from newsdesk.events import (
        MAX_ALIASES,
        MAX_COUNTRIES,
        MAX_ENTITIES,
        MAX_EVENTS,
        MAX_PARTIES,
        MAX_TERMS,
        Entity,
        Location,
        Quote,
    )

    names = [f"Name {n:05d}" for n in range(MAX_ENTITIES)]
    biggest = article(
        "bulk-at-the-limits",
        persons=names,
        organizations=names,
        places=names,
        countries=[f"{n:03d}" for n in range(MAX_COUNTRIES)],
        entities=[
            Entity(name=n, label="PERSON", aliases=[f"{n} {k}" for k in range(MAX_ALIASES)])
            for n in names
        ],
        locations=[Location(name=n, kind="country", country="KE") for n in names],
        keywords=names[:MAX_TERMS],
        events=[
            Event(
                type="agreement",
                trigger="signed",
                parties=[EventParty(name=n) for n in names[:MAX_PARTIES]],
                countries=["KE"],
            )
        ]
        * MAX_EVENTS,
        quotes=[Quote(speaker="s", text="a quote " * 20)] * MAX_EVENTS,
        text="word " * 200_000,
    )
    outcome = await writer_for(es, retries=0).write(
        [EnrichedArticle.model_validate(biggest.model_dump())]
    )
    assert outcome.indexed == ["bulk-at-the-limits"]


def _story_copies(prefix: str) -> list[EnrichedArticle]:
    """Two stories (one a chain) and a loner, fetched in an order unlike any arrival order."""
    spec = [
        ("a", 0, ["00:{p}a", "01:{p}b"]),
        ("b", 7, ["01:{p}b", "02:{p}c"]),
        ("c", 3, ["02:{p}c"]),
        ("x", 20, ["00:{p}x"]),
        ("y", 15, ["00:{p}x"]),
        ("z", 1, ["00:{p}z"]),
    ]
    return [
        article(
            f"{prefix}-{name}",
            fetched_at=NOW + timedelta(minutes=minutes),
            minhash_bands=[band.format(p=prefix) for band in bands],
        )
        for name, minutes, bands in spec
    ]


async def _labels(es: AsyncElasticsearch, prefix: str) -> dict[str, tuple[str, str | None]]:
    await es.indices.refresh(index="newsdesk-articles")
    found = await es.search(
        index="newsdesk-articles", query={"prefix": {"article_id": f"{prefix}-"}}, size=100
    )
    return {
        hit["_id"].removeprefix(f"{prefix}-"): (
            hit["_source"]["story_id"].removeprefix(f"{prefix}-"),
            (hit["_source"]["duplicate_of"] or "").removeprefix(f"{prefix}-") or None,
        )
        for hit in found["hits"]["hits"]
    }


STORIES = {
    "a": ("a", None),
    "b": ("a", "a"),
    "c": ("a", None),
    "x": ("y", "y"),
    "y": ("y", None),
    "z": ("z", None),
}


@pytest.mark.parametrize("seed", [1, 2], ids=lambda seed: f"shuffle-{seed}")
async def test_story_ids_do_not_depend_on_arrival_order_or_batching(
    es: AsyncElasticsearch, seed: int
) -> None:
    prefix = f"order{seed}"
    copies = _story_copies(prefix)
    rng = random.Random(seed)  # noqa: S311  # reproducible orders, nothing secret
    rng.shuffle(copies)
    writer = writer_for(es)
    for batch in (copies[:1], copies[1:4], copies[4:]):
        await writer.write(batch)
    assert await _labels(es, prefix) == STORIES


async def test_two_indexers_writing_copies_at_once_agree_on_story_ids(
    es: AsyncElasticsearch,
) -> None:
    copies = _story_copies("concurrent")
    first, second = writer_for(es), writer_for(es)

    async def one_by_one(writer: BulkWriter, articles: list[EnrichedArticle]) -> None:
        for each in articles:
            await writer.write([each])

    await asyncio.gather(one_by_one(first, copies[::2]), one_by_one(second, copies[1::2]))
    assert await _labels(es, "concurrent") == STORIES
