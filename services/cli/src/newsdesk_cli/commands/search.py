"""``newsdesk search`` and ``newsdesk entities``: queries over the indexed articles."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsdesk.errors import InvalidQuery
from newsdesk.explore import co_occurring, top_entities
from newsdesk.search import (
    INTERACTIVE_CLIENT,
    MAX_NAME_CHARS,
    Hit,
    SearchFilters,
    check_filters,
    make_client,
    search_articles,
)
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import JsonFlag, SinceOption, UntilOption, console, run_async

app = typer.Typer()


def snippet(hit: Hit) -> Text:
    """The hit's first highlighted passage, its matching words in bold (empty without a query)."""
    passage = next((s for s in hit.snippets if "<em>" in s), "")
    text = Text()
    for n, part in enumerate(passage.replace("</em>", "<em>").split("<em>")):
        text.append(re.sub(r"\s+", " ", part), style="bold yellow" if n % 2 else "")
    return text


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="full-text query")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2 code")] = None,
    person: Annotated[str | None, typer.Option(help="a person's name or alias")] = None,
    org: Annotated[str | None, typer.Option(help="an organization's name or alias")] = None,
    topic: Annotated[str | None, typer.Option(help="a taxonomy topic, e.g. 'arms trade'")] = None,
    event_type: Annotated[
        str | None, typer.Option(help="articles with an event of this type, e.g. agreement")
    ] = None,
    source: Annotated[str | None, typer.Option(help="the id of the source it came from")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code, e.g. en")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    as_json: JsonFlag = False,
) -> None:
    """Search the indexed articles; a text query also shows where its words were found."""
    filters = SearchFilters(
        query=query,
        country=country,
        person=person,
        org=org,
        since=since,
        until=until,
        topic=topic,
        event_type=event_type,
        source=source,
        language=language,
    )
    try:
        check_filters(filters)  # before any request: an oversized query is a usage error
    except InvalidQuery as exc:
        raise typer.BadParameter(str(exc), param_hint="QUERY") from exc
    settings = NewsdeskSettings()

    async def go() -> tuple[int, list[Hit]]:
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        try:
            return await search_articles(es, settings.elasticsearch.articles_alias, filters, limit)
        finally:
            await es.close()

    total, hits = run_async(go())
    if as_json:
        print(json.dumps({"total": total, "hits": [asdict(h) for h in hits]}, ensure_ascii=False))
        return
    columns = ["score", "published", "title", "countries"]
    table = Table(*columns, *(["where"] if query else ["persons"]), title=f"{total} matches")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}" if hit.score is not None else "",
            (hit.published_at or "")[:10],
            hit.title or hit.url,
            " ".join(hit.countries),
            snippet(hit) if query else ", ".join(hit.persons[:4]),
        )
    console.print(table)


@app.command()
def entities(
    label: Annotated[str | None, typer.Option(help="PERSON, ORG, GPE, LOC, NORP, ...")] = None,
    with_name: Annotated[
        str | None,
        typer.Option("--with", help="only entities appearing in articles that name this one"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """The entities of the indexed articles, by the number of articles they appear in."""
    settings = NewsdeskSettings()
    wanted = label.upper() if label else None

    async def go() -> tuple[int | None, list[Any]]:
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        alias = settings.elasticsearch.articles_alias
        try:
            if with_name is None:
                return None, await top_entities(es, alias, wanted, limit)
            found = await co_occurring(es, alias, with_name, wanted, limit)
            return found.articles, found.entities
        finally:
            await es.close()

    if with_name is not None and len(with_name) > MAX_NAME_CHARS:
        raise typer.BadParameter(
            f"{len(with_name):,} characters long; a name has at most {MAX_NAME_CHARS}",
            param_hint="--with",
        )
    articles, counts = run_async(go())
    if as_json:
        print(json.dumps([asdict(c) for c in counts], ensure_ascii=False))
        return
    title = None if with_name is None else f"with {with_name} (in {articles} articles)"
    table = Table("articles", "label", "name", title=title)
    for count in counts:
        table.add_row(str(count.articles), count.label, count.name)
    console.print(table)
