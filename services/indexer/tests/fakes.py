"""An in-memory stand-in for the AsyncElasticsearch calls the indexer makes.

It keeps what matters to the writer and the story grouper and nothing else: external versions
(``external_gte``), ``created`` / ``updated`` results, and a *refresh*: searches see documents
as of the last refresh (like a real cluster within its refresh interval), gets are real-time.
Queries are the few shapes the indexer sends: bool, term, terms, ids, match_all.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from elastic_transport import (
    ApiResponseMeta,
    HttpHeaders,
    JsonSerializer,
    NodeConfig,
    ObjectApiResponse,
)
from elasticsearch import ApiError

from indexer.bulk import BulkWriter
from newsdesk.events import EnrichedArticle, Event, EventParty

Doc = dict[str, Any]


def meta(status: int) -> ApiResponseMeta:
    """Response metadata of an HTTP status."""
    node = NodeConfig("http", "127.0.0.1", 9200)
    return ApiResponseMeta(status, "1.1", HttpHeaders(), 0.0, node)


def api_error(status: int, reason: str = "refused") -> ApiError:
    """The error the client raises for a request answered with ``status``."""
    body = {"error": {"type": "refused", "reason": reason}, "status": status}
    return ApiError(reason, meta(status), body)


@dataclass
class Stored:
    """A document and its version."""

    source: Doc
    version: int


def matches(query: Doc, doc_id: str, source: Doc) -> bool:
    """Whether a stored document matches one of the query shapes the indexer sends."""
    kind, body = next(iter(query.items()))
    if kind == "match_all":
        return True
    if kind == "ids":
        return doc_id in body["values"]
    if kind in ("term", "terms"):
        name, wanted = next(iter(body.items()))
        wanted = set(wanted) if kind == "terms" else {wanted}
        value = source.get(name)
        values = set(value) if isinstance(value, list) else {value}
        return bool(values & wanted)
    if kind == "bool":
        musts = [*body.get("must", []), *body.get("filter", [])]
        if not all(matches(q, doc_id, source) for q in musts):
            return False
        if any(matches(q, doc_id, source) for q in body.get("must_not", [])):
            return False
        should = body.get("should", [])
        needed = body.get("minimum_should_match", 0 if musts else 1)
        return sum(matches(q, doc_id, source) for q in should) >= min(needed, len(should))
    raise NotImplementedError(kind)


@dataclass
class FakeIndices:
    """``es.indices``: only refresh."""

    es: FakeElasticsearch

    async def refresh(self, index: str, **_: Any) -> Doc:
        self.es.calls.append(("refresh", index))
        await self.es.paused()
        self.es.visible[index] = copy.deepcopy(self.es.live.get(index, {}))
        return {"_shards": {"failed": 0}}


@dataclass
class FakeElasticsearch:
    """Indices by alias name; ``live`` is what was written, ``visible`` what searches see."""

    live: dict[str, dict[str, Stored]] = field(default_factory=dict)
    visible: dict[str, dict[str, Stored]] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    #: Decides a bulk item's fate before it is applied: a status (or a status and an error
    #: type) to answer instead.
    item_fault: Callable[[str, Doc], int | tuple[int, str] | None] = lambda _id, _source: None
    #: Raised instead of answering a whole bulk request whose ids it returns True for.
    request_fault: Callable[[list[str]], ApiError | None] = lambda _ids: None
    #: Awaited before each request is answered (to interleave a concurrent writer).
    pause: Callable[[], Any] | None = None

    def __post_init__(self) -> None:
        self.indices = FakeIndices(self)
        # The bulk helpers serialize the actions with the client's own JSON serializer.
        serializers = SimpleNamespace(get_serializer=lambda _mimetype: JsonSerializer())
        self.transport = SimpleNamespace(serializers=serializers)
        self._client_meta: tuple[tuple[str, str], ...] = ()

    def options(self, **_: Any) -> FakeElasticsearch:
        return self

    async def paused(self) -> None:
        if self.pause is not None:
            await self.pause()

    async def bulk(self, operations: list[Any], **_: Any) -> ObjectApiResponse[Doc]:
        lines = [json.loads(op) if isinstance(op, (bytes, str)) else op for op in operations]
        pairs = list(zip(lines[::2], lines[1::2], strict=True))
        ids = [header["index"]["_id"] for header, _ in pairs]
        self.calls.append(("bulk", ",".join(ids)))
        await self.paused()
        refused = self.request_fault(ids)
        if refused is not None:
            raise refused
        items = [self._index(header["index"], source) for header, source in pairs]
        errors = any(item["index"]["status"] >= 300 for item in items)
        return ObjectApiResponse(body={"errors": errors, "items": items}, meta=meta(200))

    def _index(self, header: Doc, source: Doc) -> Doc:
        index, doc_id, version = header["_index"], header["_id"], int(header["version"])
        answer: Doc = {"_index": index, "_id": doc_id}
        fault = self.item_fault(doc_id, source)
        if fault is not None:
            status, kind = fault if isinstance(fault, tuple) else (fault, "fault")
            return {"index": answer | {"status": status, "error": {"type": kind}}}
        kind = header["version_type"]
        assert kind in ("external", "external_gte")
        stored = self.live.setdefault(index, {}).get(doc_id)
        if stored is not None and (
            version <= stored.version if kind == "external" else version < stored.version
        ):
            error = {"type": "version_conflict_engine_exception", "reason": "newer version"}
            return {"index": answer | {"status": 409, "error": error}}
        self.live[index][doc_id] = Stored(copy.deepcopy(source), version)
        result = "created" if stored is None else "updated"
        return {"index": answer | {"status": 201 if stored is None else 200, "result": result}}

    async def search(
        self,
        index: str,
        query: Doc,
        size: int = 10,
        source_includes: list[str] | None = None,
        **_: Any,
    ) -> Doc:
        self.calls.append(("search", index))
        await self.paused()
        docs = self.visible.get(index, {})
        hits = [
            {
                "_id": doc_id,
                "_version": stored.version,
                "_source": {
                    k: v
                    for k, v in stored.source.items()
                    if source_includes is None or k in source_includes
                },
            }
            for doc_id, stored in sorted(docs.items())
            if matches(query, doc_id, stored.source)
        ]
        return {"hits": {"total": {"value": len(hits)}, "hits": hits[:size]}}

    async def mget(self, index: str, ids: list[str], **_: Any) -> Doc:
        self.calls.append(("mget", index))
        await self.paused()
        docs = self.live.get(index, {})
        return {
            "docs": [
                {"_id": i, "found": True, "_version": docs[i].version, "_source": docs[i].source}
                if i in docs
                else {"_id": i, "found": False}
                for i in ids
            ]
        }

    async def delete_by_query(self, index: str, query: Doc, **_: Any) -> Doc:
        self.calls.append(("delete_by_query", index))
        docs = self.live.get(index, {})
        gone = [doc_id for doc_id, stored in docs.items() if matches(query, doc_id, stored.source)]
        for doc_id in gone:
            del docs[doc_id]
        return {"deleted": len(gone), "failures": []}

    def sources(self, index: str) -> dict[str, Doc]:
        """Every written document of an index, by id."""
        return {doc_id: stored.source for doc_id, stored in self.live.get(index, {}).items()}


ARTICLES, EVENTS = "newsdesk-articles", "newsdesk-events"
T0 = datetime(2022, 2, 3, 12, tzinfo=UTC)


def enriched(article_id: str, minutes: int = 0, **changes: Any) -> EnrichedArticle:
    """An enriched article fetched ``minutes`` after T0, with one agreement event."""
    base = EnrichedArticle(
        article_id=article_id,
        url=f"https://example.org/{article_id}",
        canonical_url=f"https://example.org/{article_id}",
        source="test",
        fetched_at=T0 + timedelta(minutes=minutes),
        title=f"Article {article_id}",
        countries=["BH", "IL"],
        events=[
            Event(
                type="agreement",
                trigger="signed",
                countries=["IL", "BH"],
                parties=[EventParty(name="Israel", country="IL")],
            )
        ],
    )
    return EnrichedArticle.model_validate({**base.model_dump(), **changes})


def writer(es: FakeElasticsearch, retries: int = 2) -> BulkWriter:
    """A bulk writer on the fake, with short backoffs."""
    return BulkWriter(
        es,  # type: ignore[arg-type]  # duck-typed: the calls the writer makes
        articles_alias=ARTICLES,
        events_alias=EVENTS,
        retries=retries,
        backoff_max_s=0.01,
    )
