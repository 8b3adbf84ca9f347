"""``newsdesk index``: each alias's live index against its template, and migrating to a new one."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from newsdesk.lifecycle import AliasStatus, Migration, index_status, migrate
from newsdesk.search import make_client
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import JsonFlag, console, err, run_async

app = typer.Typer(help="The indices behind the aliases: their versions, and migrating them.")

#: What each state asks of the operator.
ADVICE = {
    "current": "",
    "behind": "run `newsdesk index migrate`",
    "ahead": "the template is older than the live index: is this an older newsdesk?",
    "missing": "run `newsdesk setup indices`",
    "unversioned": "the alias serves an index not named <alias>-v<N>: move it by hand",
}


@app.command("status")
def status(as_json: JsonFlag = False) -> None:
    """Each alias, the index it serves and that index's version against the template's."""
    settings = NewsdeskSettings()

    async def go() -> list[AliasStatus]:
        es = make_client(settings.elasticsearch)
        try:
            return await index_status(es, settings.templates_dir)
        finally:
            await es.close()

    statuses = run_async(go())
    if as_json:
        print(json.dumps([s.as_json() for s in statuses]))
        return
    table = Table("alias", "live index", "template", "documents", "state")
    for s in statuses:
        table.add_row(
            s.alias, s.live_index or "-", f"v{s.template_version}", str(s.documents), s.state
        )
    console.print(table)
    for s in statuses:
        if ADVICE[s.state]:
            console.print(f"{s.alias} is {s.state}: {ADVICE[s.state]}")


@app.command("migrate")
def migrate_command(
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="only this alias (repeatable)")
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=1.0, help="seconds each copy request may take")
    ] = 3600.0,
    as_json: JsonFlag = False,
) -> None:
    """Move each alias behind its template to a new index of the template's version.

    Creates the index from the template, copies every document (keeping its version), copies
    what was written meanwhile, moves the alias atomically, then copies the writes of the last
    moments. Searches keep answering throughout; the old index is kept.
    """
    settings = NewsdeskSettings()

    def say(line: str) -> None:
        if not as_json:
            err.print(line, highlight=False)

    async def go() -> list[Migration]:
        es = make_client(settings.elasticsearch)
        try:
            return await migrate(
                es, settings.templates_dir, aliases=alias, timeout_s=timeout, progress=say
            )
        finally:
            await es.close()

    done = run_async(go())
    if as_json:
        print(json.dumps({"migrated": [m.as_json() for m in done]}))
        return
    if not done:
        console.print("every alias already serves its template's version: nothing to migrate")
        return
    for m in done:
        console.print(
            f"{m.alias}: {m.from_index} -> {m.to_index}, {m.copied} documents copied, "
            f"{m.caught_up} caught up, {m.documents} served now; old index {m.retired}"
        )
