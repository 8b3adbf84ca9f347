"""The Elasticsearch documents of an enriched article: its record and one per event."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any

from newsdesk.events import EnrichedArticle, Event, Location, utcnow

#: Versions are the fetch time: an older fetch never overwrites a newer one, while the same fetch
#: (a redelivery, or a re-extraction after a model or rules change) replaces the document.
#: A story relabel adds one to an article's version (a compare-and-set); a write of the same
#: fetch that finds it higher replaces it at the stored version (:mod:`indexer.bulk`).
VERSION_TYPE = "external_gte"

#: Fields of a stored document that legitimately differ between two writes of the same record:
#: ``indexed_at`` is the time of the write itself. Everything else is a function of the record
#: (and, for ``story_id`` / ``duplicate_of``, of the set of indexed records, not their order).
WRITE_TIME_FIELDS = frozenset({"indexed_at"})

#: Locations an event document carries at most (its place and its parties' countries).
MAX_EVENT_LOCATIONS = 10


def version_of(article: EnrichedArticle) -> int:
    """External version: the fetch time in milliseconds."""
    return int(article.fetched_at.timestamp() * 1000)


def article_source(article: EnrichedArticle) -> dict[str, Any]:
    """The stored article document."""
    source = article.model_dump(mode="json")
    source["indexed_at"] = utcnow().isoformat()
    return source


def article_action(
    alias: str, article: EnrichedArticle, version: int | None = None
) -> dict[str, Any]:
    """The bulk action that writes one article document (at its fetch time, unless told)."""
    at = version_of(article) if version is None else version
    return index_action(alias, article.article_id, at, article_source(article))


def index_action(
    alias: str,
    doc_id: str,
    version: int,
    source: dict[str, Any],
    version_type: str = VERSION_TYPE,
) -> dict[str, Any]:
    """A versioned ``index`` bulk action: by default it replaces the same or an older version,
    never a newer; with ``external`` only an older one (a compare-and-set on the version)."""
    return {
        "_op_type": "index",
        "_index": alias,
        "_id": doc_id,
        "version": version,
        "version_type": version_type,
        "_source": source,
    }


def event_id(article: EnrichedArticle, position: int) -> str:
    """The id of an article's ``position``-th event document."""
    return f"{article.article_id}:{position}"


def event_locations(article: EnrichedArticle, event: Event) -> list[Location]:
    """The article's locations that place this event: its place, its parties' countries.

    Not every location of the article: an article with hundreds of places and events would
    multiply into event documents Elasticsearch needs minutes to index.
    """
    wanted = [
        location
        for location in article.locations
        if location.name == event.place
        or (location.kind == "country" and location.country in event.countries)
    ]
    return wanted[:MAX_EVENT_LOCATIONS]


def country_pairs(event: Event) -> list[str]:
    """Each pair of the event's distinct countries, sorted within and between: ``BH-IL``.

    Kibana cannot pair two values of one multi-valued field, so the pairs are stored: the
    events dashboard's country-pair table is a terms aggregation on them.
    """
    countries = sorted(set(event.countries))
    return [f"{first}-{second}" for first, second in combinations(countries, 2)]


def event_source(article: EnrichedArticle, event: Event, position: int) -> dict[str, Any]:
    """The stored event document, with the article's title, url, source and dates copied in."""
    source = event.model_dump(mode="json")
    source |= {
        "event_id": event_id(article, position),
        "article_id": article.article_id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "source_name": article.source_name,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "fetched_at": article.fetched_at.isoformat(),
        "locations": [loc.model_dump(mode="json") for loc in event_locations(article, event)],
        "country_pairs": country_pairs(event),
        "indexed_at": utcnow().isoformat(),
    }
    return source


def event_actions(alias: str, article: EnrichedArticle) -> Iterable[dict[str, Any]]:
    """One versioned document per event of the article."""
    version = version_of(article)
    for position, event in enumerate(article.events):
        source = event_source(article, event, position)
        yield index_action(alias, event_id(article, position), version, source)
