"""Elasticsearch access: the client, index templates and aliases, and the queries of the CLI."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from elasticsearch import AsyncElasticsearch, ConnectionTimeout, NotFoundError
from elasticsearch import ConnectionError as ESConnectionError

from newsdesk.errors import BackendTimeout, BackendUnavailable, ConfigError, InvalidQuery
from newsdesk.settings import ElasticsearchSettings

log = logging.getLogger(__name__)

#: HTTP statuses that mean the cluster is overloaded or failing, not that the request is wrong.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})

#: The CLI's entity labels and the flat keyword field each one is also stored in.
LABEL_FIELDS = {"PERSON": "persons", "ORG": "organizations", "GPE": "places", "LOC": "places"}


#: The longest full-text query (characters) and the most terms in it that are searched: a
#: 10,500-character query kept the local search server busy for minutes.
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
#: The longest name --person and --org take.
MAX_NAME_CHARS = 200


@dataclass(frozen=True)
class ClientOptions:
    """How an Elasticsearch client retries.

    Services ride out a slow or restarting cluster (:data:`SERVICE_CLIENT`: timeouts retried);
    a person at a prompt gets one try and a quick, plain answer (:data:`INTERACTIVE_CLIENT`):
    retrying a query that timed out only sends the server the same expensive work again.
    """

    retry_on_timeout: bool
    max_retries: int


SERVICE_CLIENT = ClientOptions(retry_on_timeout=True, max_retries=2)
INTERACTIVE_CLIENT = ClientOptions(retry_on_timeout=False, max_retries=0)


def _seconds(value: float) -> str:
    return f"{round(value, 1):g}"


@contextmanager
def reachable(alias: str) -> Iterator[None]:
    """Connection failures, timeouts and a missing alias become readable newsdesk errors."""
    started = clock.monotonic()
    try:
        yield
    except ConnectionTimeout as exc:
        took = _seconds(clock.monotonic() - started)
        raise BackendTimeout(
            f"Elasticsearch timed out after {took} s without answering; try a narrower query, "
            "or raise NEWSDESK_ELASTICSEARCH__REQUEST_TIMEOUT."
        ) from exc
    except ESConnectionError as exc:
        raise BackendUnavailable(
            f"cannot reach the backends: Elasticsearch ({exc}); is `make run` running? "
            "Otherwise set NEWSDESK_ELASTICSEARCH__URL."
        ) from exc
    except NotFoundError as exc:
        raise BackendUnavailable(
            f"the index {alias!r} does not exist yet: nothing has been indexed there"
        ) from exc


def make_client(
    settings: ElasticsearchSettings, options: ClientOptions = SERVICE_CLIENT
) -> AsyncElasticsearch:
    """An async client; secrets come from the settings, never from code.

    ``options`` says how it retries: :data:`SERVICE_CLIENT` for the services,
    :data:`INTERACTIVE_CLIENT` for the commands a person waits for.
    """
    auth: dict[str, Any] = {}  # and TLS: only what is set
    if settings.ca_certs is not None:
        auth["ca_certs"] = str(settings.ca_certs)
    if settings.api_key is not None:
        auth["api_key"] = settings.api_key.get_secret_value()
    elif settings.username and settings.password is not None:
        auth["basic_auth"] = (settings.username, settings.password.get_secret_value())
    return AsyncElasticsearch(
        settings.url,
        request_timeout=settings.request_timeout,
        verify_certs=settings.verify_certs,
        retry_on_timeout=options.retry_on_timeout,
        max_retries=options.max_retries,
        **auth,
    )


@dataclass(frozen=True)
class IndexTemplate:
    """An index template of ``deploy/elasticsearch`` and the alias it serves."""

    name: str
    alias: str
    version: int
    body: dict[str, Any]

    @property
    def index(self) -> str:
        """The concrete index the alias points at: ``<alias>-v<version>``."""
        return f"{self.alias}-v{self.version}"


def load_templates(templates_dir: Path) -> list[IndexTemplate]:
    """Every ``*.json`` index template in ``templates_dir`` (the one source of truth)."""
    paths = sorted(templates_dir.glob("newsdesk-*.json"))
    if not paths:
        raise ConfigError(f"no index templates (newsdesk-*.json) in {templates_dir}")
    templates = []
    for path in paths:
        body = json.loads(path.read_text(encoding="utf-8"))
        meta = body.get("_meta", {})
        if "alias" not in meta or "version" not in meta:
            raise ConfigError(f"{path}: _meta must name the alias and the version")
        templates.append(IndexTemplate(path.stem, meta["alias"], int(meta["version"]), body))
    return templates


async def ensure_indices(es: AsyncElasticsearch, templates_dir: Path) -> list[str]:
    """Install the templates and create each alias's index if missing; returns created indices.

    Idempotent: running it again changes nothing, and several processes may run it at once.
    """
    created = []
    try:
        for template in load_templates(templates_dir):
            await es.indices.put_index_template(name=template.name, **template.body)
            if await es.indices.exists_alias(name=template.alias):
                continue
            response = await es.options(ignore_status=400).indices.create(
                index=template.index, aliases={template.alias: {"is_write_index": True}}
            )
            if response.get("acknowledged"):
                created.append(template.index)
    except (ESConnectionError, ConnectionTimeout) as exc:
        raise BackendUnavailable(f"Elasticsearch: {exc}") from exc
    return created


async def ensure_indices_patiently(
    es: AsyncElasticsearch, templates_dir: Path, *, max_delay_s: float = 30.0
) -> list[str]:
    """:func:`ensure_indices`, retried with capped, jittered backoff until Elasticsearch answers.

    Services call this at start-up: a cluster that is still booting (or briefly away) must
    delay them, not crash them.
    """
    delay = 0.5
    while True:
        try:
            return await ensure_indices(es, templates_dir)
        except BackendUnavailable as exc:
            log.warning("Elasticsearch not available yet (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))  # noqa: S311  # jitter, not crypto
            delay = min(delay * 2, max_delay_s)


@dataclass
class SearchFilters:
    """Filters of ``newsdesk search``; each one narrows the result."""

    query: str | None = None
    country: str | None = None
    person: str | None = None
    org: str | None = None
    since: date | None = None
    until: date | None = None
    topic: str | None = None
    event_type: str | None = None
    source: str | None = None
    language: str | None = None


def check_filters(filters: SearchFilters) -> None:
    """Refuse, before any request, a query longer or with more terms than is searched."""
    query = filters.query or ""
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidQuery(
            f"the query is {len(query):,} characters long; at most {MAX_QUERY_CHARS:,} are "
            "searched: use the words that matter, or --person, --org and --country"
        )
    terms = len(re.findall(r"\w+", query))
    if terms > MAX_QUERY_TERMS:
        raise InvalidQuery(
            f"the query has {terms:,} terms; at most {MAX_QUERY_TERMS} are searched: "
            "use the words that matter"
        )
    names = [("--person", filters.person), ("--org", filters.org), ("--topic", filters.topic)]
    names += [("--event-type", filters.event_type), ("--source", filters.source)]
    for option, name in names:
        if name and len(name) > MAX_NAME_CHARS:
            raise InvalidQuery(
                f"{option} is {len(name):,} characters long; a name has at most {MAX_NAME_CHARS}"
            )


def time_range(field: str, since: date | None, until: date | None) -> dict[str, Any] | None:
    """A range filter on ``field``; an ``until`` without a time of day includes that whole day."""
    if since is None and until is None:
        return None
    span = {}
    if since is not None:
        span["gte"] = since.isoformat()
    if until is not None:
        whole_day = not isinstance(until, datetime) or until.time() == time()
        if whole_day:
            day = until.date() if isinstance(until, datetime) else until
            span["lt"] = (day + timedelta(days=1)).isoformat()
        else:
            span["lte"] = until.isoformat()
    return {"range": {field: span}}


def build_query(filters: SearchFilters) -> dict[str, Any]:
    """The Elasticsearch query for a search: full text on title and body, exact filters."""
    must: list[dict[str, Any]] = []
    if filters.query:
        must.append(
            {
                "multi_match": {
                    "query": filters.query,
                    "fields": ["title^3", "summary^2", "text", "keywords^2"],
                }
            }
        )
    keyword_filters: list[dict[str, Any]] = []
    if filters.country:
        keyword_filters.append({"term": {"countries": filters.country.upper()}})
    if filters.person:
        keyword_filters.append(entity_filter("persons", filters.person))
    if filters.org:
        keyword_filters.append(entity_filter("organizations", filters.org))
    if filters.topic:
        keyword_filters.append({"term": {"topics.name": filters.topic}})
    if filters.event_type:
        event = {"term": {"events.type": filters.event_type}}
        keyword_filters.append({"nested": {"path": "events", "query": event}})
    if filters.source:
        keyword_filters.append({"term": {"source": filters.source}})
    if filters.language:
        keyword_filters.append({"term": {"language": filters.language.lower()}})
    published = time_range("published_at", filters.since, filters.until)
    if published is not None:
        keyword_filters.append(published)
    if not must and not keyword_filters:
        return {"match_all": {}}
    return {"bool": {"must": must, "filter": keyword_filters}}


def entity_filter(field: str, name: str) -> dict[str, Any]:
    """Exact canonical name, or any alias of a merged entity ("Gantz" finds "Benny Gantz")."""
    return {
        "bool": {
            "should": [
                {"term": {field: name}},
                {
                    "nested": {
                        "path": "entities",
                        "query": {
                            "bool": {
                                "should": [
                                    {"term": {"entities.name": name}},
                                    {"term": {"entities.aliases": name}},
                                ]
                            }
                        },
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }


#: Highlighted snippets of a full-text search: the matching words between these tags.
HIGHLIGHT = {
    "pre_tags": ["<em>"],
    "post_tags": ["</em>"],
    "fields": {
        "title": {"number_of_fragments": 0},
        "summary": {"fragment_size": 160, "number_of_fragments": 1},
        "text": {"fragment_size": 160, "number_of_fragments": 2},
    },
}
_SOURCE = ["title", "url", "published_at", "persons", "countries", "source", "language", "topics"]


@dataclass
class Hit:
    """One search result, as ``newsdesk search --json`` prints it."""

    id: str
    title: str | None
    url: str
    published_at: str | None
    score: float | None
    persons: list[str]
    countries: list[str]
    source: str | None = None
    language: str | None = None
    topics: list[str] = field(default_factory=list)
    #: Passages where the query's words were found (body before title), each word in ``<em>``.
    snippets: list[str] = field(default_factory=list)


def _hit(hit: dict[str, Any]) -> Hit:
    source = hit["_source"]
    found = hit.get("highlight", {})
    return Hit(
        id=hit["_id"],
        title=source.get("title"),
        url=source.get("url", ""),
        published_at=source.get("published_at"),
        score=hit.get("_score"),
        persons=source.get("persons", []),
        countries=source.get("countries", []),
        source=source.get("source"),
        language=source.get("language"),
        topics=[topic["name"] for topic in source.get("topics") or []],
        snippets=[
            passage for name in ("summary", "text", "title") for passage in found.get(name, [])
        ],
    )


async def search_articles(
    es: AsyncElasticsearch, alias: str, filters: SearchFilters, limit: int = 10
) -> tuple[int, list[Hit]]:
    """Total matches and the best ``limit`` hits, newest first when there is no text query.

    A full-text query also returns highlighted snippets. Raises
    :class:`~newsdesk.errors.InvalidQuery` before any request for an oversized query.
    """
    check_filters(filters)
    sort = None if filters.query else [{"published_at": {"order": "desc", "missing": "_last"}}]
    with reachable(alias):
        response = await es.search(
            index=alias,
            query=build_query(filters),
            size=limit,
            sort=sort,
            source_includes=_SOURCE,
            highlight=HIGHLIGHT if filters.query else None,
            track_total_hits=True,
        )
    hits = [_hit(hit) for hit in response["hits"]["hits"]]
    return int(response["hits"]["total"]["value"]), hits


async def count_documents(es: AsyncElasticsearch, alias: str) -> int:
    """Documents behind an alias (0 when it does not exist yet)."""
    with reachable(alias):
        response = await es.options(ignore_status=404).count(index=alias)
    return int(response.get("count", 0))
