"""``newsdesk events`` (a timeline of typed events) and ``newsdesk story`` (the copies of one)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from enum import Enum
from typing import Annotated, get_args

import typer
from rich.box import SIMPLE_HEAD
from rich.table import Table

from newsdesk import events as events_contract
from newsdesk.errors import InvalidQuery
from newsdesk.explore import EventFilters, EventRow, Story, events_query, events_timeline, story
from newsdesk.search import INTERACTIVE_CLIENT, make_client
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import DATE_FORMATS, JsonFlag, console, run_async

app = typer.Typer()


#: How an article tells an event: the values of the contract's ``Event.status``.
EventStatus = Enum(  # type: ignore[misc]  # built from the contract, so the two cannot differ
    "EventStatus", {value: value for value in get_args(events_contract.EventStatus)}, type=str
)


@app.command()
def events(
    event_type: Annotated[
        str | None,
        typer.Option("--type", help="agreement, normalization, meeting, visit, arms_transfer, ..."),
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2 code of a party")] = None,
    party: Annotated[str | None, typer.Option(help="a party's canonical name")] = None,
    status: Annotated[
        EventStatus | None,
        typer.Option(help="as the article tells it: reported, planned, cancelled or denied"),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(formats=DATE_FORMATS, help="happened on or after this day (or time, UTC)"),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=DATE_FORMATS, help="happened on or before this day (or time, UTC)"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: JsonFlag = False,
) -> None:
    """The events found in the articles, in the order they happened.

    An event without a date of its own is placed (and filtered) by its article's publication.
    """
    filters = EventFilters(
        event_type, country, party, since, until, status.value if status else None
    )
    try:
        events_query(filters)  # before any request: an oversized name is a usage error
    except InvalidQuery as exc:
        raise typer.BadParameter(str(exc)) from exc
    settings = NewsdeskSettings()

    async def go() -> tuple[int, list[EventRow]]:
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        try:
            return await events_timeline(es, settings.elasticsearch.events_alias, filters, limit)
        finally:
            await es.close()

    total, rows = run_async(go())
    if as_json:
        print(json.dumps({"total": total, "events": [asdict(r) for r in rows]}, ensure_ascii=False))
        return
    table = Table("when", "type", "parties", "countries", title=f"{total} events")
    table.add_column("article", overflow="ellipsis", no_wrap=True, max_width=36)
    for row in rows:
        when = row.when if row.date else f"{row.when or 'undated'} (published)"
        kind = row.type if row.status == "reported" else f"{row.type} ({row.status})"
        parties = ", ".join(row.parties[:4]) or row.trigger
        table.add_row(when, kind, parties, " ".join(row.countries), row.title or row.url or "")
    console.print(table)


@app.command("story")
def story_command(
    any_id: Annotated[str, typer.Argument(metavar="ID", help="a story id or any article's id")],
    as_json: JsonFlag = False,
) -> None:
    """The copies of a story, earliest fetch first, each with the earlier copy it repeats."""
    settings = NewsdeskSettings()

    async def go() -> Story:
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        try:
            return await story(es, settings.elasticsearch.articles_alias, any_id)
        finally:
            await es.close()

    found = run_async(go())
    if as_json:
        print(json.dumps(asdict(found), ensure_ascii=False))
        return
    table = Table(title=f"story {found.story_id}: {len(found.articles)} articles", box=SIMPLE_HEAD)
    table.add_column("fetched", no_wrap=True, min_width=16)
    table.add_column("article", no_wrap=True, min_width=24)
    table.add_column("copy of", no_wrap=True, min_width=24)
    room = max(console.width - 76, 12)  # what the dates and the two ids leave for the title
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=room)
    for article in found.articles:
        table.add_row(
            (article.fetched_at or "")[:16],
            article.article_id,
            article.duplicate_of or ("first" if article.article_id == found.story_id else ""),
            article.title or article.url,
        )
    console.print(table)
