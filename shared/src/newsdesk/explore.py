"""The analyst's queries beside search: entities and who appears with whom, events, stories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, get_args

from elasticsearch import AsyncElasticsearch

from newsdesk.errors import InvalidQuery, NotFound
from newsdesk.events import EventStatus
from newsdesk.search import MAX_NAME_CHARS, reachable, time_range

#: Buckets asked for beyond ``limit`` when some are dropped afterwards (the name itself).
_SPARE = 20


@dataclass
class EntityCount:
    """An entity and in how many articles it appears."""

    name: str
    label: str
    articles: int


def _entity_counts(
    aggregation: dict[str, Any], label: str | None, leave_out: frozenset[str] = frozenset()
) -> list[EntityCount]:
    found = aggregation["label"]
    groups = [(label, found)] if label else [(b["key"], b) for b in found["buckets"]]
    return [
        EntityCount(name=bucket["key"], label=group_label, articles=bucket["doc_count"])
        for group_label, group in groups
        for bucket in group["n"]["buckets"]
        if bucket["key"] not in leave_out
    ]


def _by_label(label: str | None, size: int) -> dict[str, Any]:
    """Nested aggregation of entity names, per label (or of one label)."""
    by_name = {"terms": {"field": "entities.name", "size": size}}
    if label:
        aggs = {"label": {"filter": {"term": {"entities.label": label}}, "aggs": {"n": by_name}}}
    else:
        aggs = {"label": {"terms": {"field": "entities.label", "size": 50}, "aggs": {"n": by_name}}}
    return {"e": {"nested": {"path": "entities"}, "aggs": aggs}}


async def top_entities(
    es: AsyncElasticsearch, alias: str, label: str | None = None, limit: int = 20
) -> list[EntityCount]:
    """Entities ordered by the number of articles they appear in (merged per article)."""
    with reachable(alias):
        response = await es.search(index=alias, size=0, aggs=_by_label(label, limit))
    counts = _entity_counts(response["aggregations"]["e"], label)
    counts.sort(key=lambda c: (-c.articles, c.name))
    return counts[:limit]


@dataclass
class CoOccurrence:
    """The entities that appear in the articles naming one entity."""

    name: str
    articles: int
    entities: list[EntityCount] = field(default_factory=list)


async def co_occurring(
    es: AsyncElasticsearch, alias: str, name: str, label: str | None = None, limit: int = 20
) -> CoOccurrence:
    """Entities of the articles that name ``name``, most articles first.

    ``name`` may be an alias ("Gantz"): it is first resolved to the canonical names it stands
    for, then every article naming one of those counts. The entity itself is left out.
    """
    if len(name) > MAX_NAME_CHARS:
        raise InvalidQuery(f"--with is {len(name):,} characters long; at most {MAX_NAME_CHARS}")
    known_as = {
        "bool": {
            "should": [{"term": {"entities.name": name}}, {"term": {"entities.aliases": name}}]
        }
    }
    resolve = {
        "e": {
            "nested": {"path": "entities"},
            "aggs": {
                "match": {
                    "filter": known_as,
                    "aggs": {"names": {"terms": {"field": "entities.name", "size": 10}}},
                }
            },
        }
    }
    with reachable(alias):
        found = await es.search(
            index=alias,
            size=0,
            query={"nested": {"path": "entities", "query": known_as}},
            aggs=resolve,
        )
        buckets = found["aggregations"]["e"]["match"]["names"]["buckets"]
        itself = frozenset({name, *(bucket["key"] for bucket in buckets)})
        named = {
            "nested": {"path": "entities", "query": {"terms": {"entities.name": sorted(itself)}}}
        }
        response = await es.search(
            index=alias,
            size=0,
            query=named,
            aggs=_by_label(label, limit + _SPARE),
            track_total_hits=True,
        )
    counts = _entity_counts(response["aggregations"]["e"], label, itself)
    counts.sort(key=lambda c: (-c.articles, c.name))
    total = int(response["hits"]["total"]["value"])
    return CoOccurrence(name=name, articles=total, entities=counts[:limit])


@dataclass
class EventFilters:
    """Filters of ``newsdesk events``; each one narrows the timeline."""

    type: str | None = None
    country: str | None = None
    party: str | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None


@dataclass
class EventRow:
    """One event of the timeline, as ``newsdesk events --json`` prints it."""

    event_id: str
    date: str | None
    date_precision: str | None
    type: str
    trigger: str
    parties: list[str]
    countries: list[str]
    place: str | None
    polarity: str
    status: str
    sentence: str
    article_id: str
    title: str | None
    url: str | None
    published_at: str | None

    @property
    def when(self) -> str:
        """The event's date, or the day its article was published."""
        return self.date or (self.published_at or "")[:10]


#: The statuses of events an article does not report as having happened.
NOT_REPORTED = [status for status in get_args(EventStatus) if status != "reported"]


def events_query(filters: EventFilters) -> dict[str, Any]:
    """Exact filters on the events index; dates apply to the event's date, or, for an event
    without one, to its article's publication."""
    for option, value in (("--type", filters.type), ("--party", filters.party)):
        if value and len(value) > MAX_NAME_CHARS:
            raise InvalidQuery(f"{option} is {len(value):,} characters long")
    wanted: list[dict[str, Any]] = []
    if filters.type:
        wanted.append({"term": {"type": filters.type}})
    if filters.country:
        wanted.append({"term": {"countries": filters.country.upper()}})
    if filters.party:
        wanted.append({"term": {"parties.name": filters.party}})
    if filters.status == "reported":  # events indexed before the field existed were reported
        wanted.append({"bool": {"must_not": [{"terms": {"status": NOT_REPORTED}}]}})
    elif filters.status:
        wanted.append({"term": {"status": filters.status}})
    dated = time_range("date", filters.since, filters.until)
    if dated is not None:
        published = time_range("published_at", filters.since, filters.until)
        undated = {"bool": {"must_not": [{"exists": {"field": "date"}}], "filter": [published]}}
        wanted.append({"bool": {"should": [dated, undated], "minimum_should_match": 1}})
    return {"bool": {"filter": wanted}} if wanted else {"match_all": {}}


async def events_timeline(
    es: AsyncElasticsearch, alias: str, filters: EventFilters, limit: int = 50
) -> tuple[int, list[EventRow]]:
    """Matching events in the order they happened (undated ones by their article's date)."""
    with reachable(alias):
        response = await es.search(
            index=alias,
            query=events_query(filters),
            size=limit,
            sort=[
                {"date": {"order": "asc", "missing": "_last"}},
                {"published_at": {"order": "asc", "missing": "_last"}},
                {"event_id": "asc"},
            ],
            track_total_hits=True,
        )
    rows = []
    for hit in response["hits"]["hits"]:
        s = hit["_source"]
        rows.append(
            EventRow(
                event_id=hit["_id"],
                date=s.get("date"),
                date_precision=s.get("date_precision"),
                type=s.get("type", ""),
                trigger=s.get("trigger", ""),
                parties=[party["name"] for party in s.get("parties") or []],
                countries=s.get("countries") or [],
                place=s.get("place"),
                polarity=s.get("polarity", "positive"),
                status=s.get("status") or "reported",
                sentence=s.get("sentence", ""),
                article_id=s.get("article_id", ""),
                title=s.get("title"),
                url=s.get("url"),
                published_at=s.get("published_at"),
            )
        )
    return int(response["hits"]["total"]["value"]), rows


@dataclass
class StoryArticle:
    """One copy of a story."""

    article_id: str
    title: str | None
    url: str
    source_name: str | None
    published_at: str | None
    fetched_at: str | None
    duplicate_of: str | None


@dataclass
class Story:
    """A story: its id (its first article's) and its copies, earliest fetch first."""

    story_id: str
    articles: list[StoryArticle]


STORY_FIELDS = ["title", "url", "source_name", "published_at", "fetched_at", "duplicate_of"]


async def story(es: AsyncElasticsearch, alias: str, any_id: str, limit: int = 100) -> Story:
    """The story of ``any_id``, a story id or the id of any of its articles."""
    with reachable(alias):
        found = await es.options(ignore_status=404).get(
            index=alias, id=any_id, source_includes=["story_id"]
        )
        story_id = (found.get("_source") or {}).get("story_id") or any_id
        response = await es.search(
            index=alias,
            query=_story_query(story_id),
            size=limit,
            sort=[{"fetched_at": "asc"}, {"article_id": "asc"}],
            source_includes=STORY_FIELDS,
        )
    hits = response["hits"]["hits"]
    if not hits:
        raise NotFound(f"no article and no story has the id {any_id!r}")
    return Story(
        story_id=story_id,
        articles=[
            StoryArticle(
                article_id=hit["_id"],
                title=hit["_source"].get("title"),
                url=hit["_source"].get("url", ""),
                source_name=hit["_source"].get("source_name"),
                published_at=hit["_source"].get("published_at"),
                fetched_at=hit["_source"].get("fetched_at"),
                duplicate_of=hit["_source"].get("duplicate_of"),
            )
            for hit in hits
        ],
    )


def _story_query(story_id: str) -> dict[str, Any]:
    """The articles of a story (its first one included, even before it is labelled)."""
    members = [{"term": {"story_id": story_id}}, {"ids": {"values": [story_id]}}]
    return {"bool": {"should": members, "minimum_should_match": 1}}
