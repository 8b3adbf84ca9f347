"""``newsdesk search`` and ``newsdesk entities``: queries over the indexed articles."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table

from newsdesk.errors import InvalidQuery
from newsdesk.search import (
    INTERACTIVE_CLIENT,
    SearchFilters,
    check_filters,
    make_client,
    search_articles,
    top_entities,
)
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import JsonFlag, console, parse_date, run_async

app = typer.Typer()


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="full-text query")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2 code")] = None,
    person: Annotated[str | None, typer.Option(help="a person's name or alias")] = None,
    org: Annotated[str | None, typer.Option(help="an organization's name or alias")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    as_json: JsonFlag = False,
) -> None:
    """Search the indexed articles."""
    filters = SearchFilters(
        query=query,
        country=country,
        person=person,
        org=org,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
    )
    try:
        check_filters(filters)  # before any request: an oversized query is a usage error
    except InvalidQuery as exc:
        raise typer.BadParameter(str(exc), param_hint="QUERY") from exc
    settings = NewsdeskSettings()

    async def go() -> tuple[int, list[Any]]:
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        try:
            return await search_articles(es, settings.elasticsearch.articles_alias, filters, limit)
        finally:
            await es.close()

    total, hits = run_async(go())
    if as_json:
        print(json.dumps({"total": total, "hits": [asdict(h) for h in hits]}, ensure_ascii=False))
        return
    table = Table("score", "published", "title", "persons", "countries", title=f"{total} matches")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}" if hit.score is not None else "",
            (hit.published_at or "")[:10],
            hit.title or hit.url,
            ", ".join(hit.persons[:4]),
            " ".join(hit.countries),
        )
    console.print(table)


@app.command()
def entities(
    label: Annotated[str | None, typer.Option(help="PERSON, ORG, GPE, LOC, NORP, ...")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """The entities of the indexed articles, by the number of articles they appear in."""
    settings = NewsdeskSettings()

    async def go() -> list[Any]:
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        try:
            alias = settings.elasticsearch.articles_alias
            return await top_entities(es, alias, label.upper() if label else None, limit)
        finally:
            await es.close()

    counts = run_async(go())
    if as_json:
        print(json.dumps([asdict(c) for c in counts], ensure_ascii=False))
        return
    table = Table("articles", "label", "name")
    for count in counts:
        table.add_row(str(count.articles), count.label, count.name)
    console.print(table)
