"""``newsdesk reprocess``: run the extractor again over stored raw articles (after a change)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer

from newsdesk.reprocess import ReprocessReport, Selection, reprocess
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import DATE_FORMATS, JsonFlag, console, run_async

app = typer.Typer()


@app.command("reprocess")
def reprocess_command(
    since: Annotated[
        datetime | None,
        typer.Option(formats=DATE_FORMATS, help="articles fetched at or after this time (UTC)"),
    ] = None,
    source: Annotated[str | None, typer.Option(help="articles of this source id only")] = None,
    all_articles: Annotated[
        bool, typer.Option("--all", help="every stored article (needed when nothing else is set)")
    ] = False,
    dry_run: Annotated[bool, typer.Option(help="count what would be sent, send nothing")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Publish stored raw articles again so the extractor re-runs over them.

    Each article's latest stored fetch goes to newsdesk.articles.raw again, byte for byte; the
    indexer then replaces its record and events. Select with --since and --source, or say --all.
    """
    if since is None and source is None and not all_articles:
        raise typer.BadParameter(
            "say which articles: --since DATE, --source ID, or --all for every stored article",
            param_hint="--all",
        )
    selection = Selection(since=since, source=source)
    report: ReprocessReport = run_async(
        reprocess(NewsdeskSettings().kafka, selection, dry_run=dry_run)
    )
    if as_json:
        print(json.dumps(report.as_json()))
        return
    verb = "would publish" if dry_run else "published"
    console.print(
        f"{verb} {report.selected if dry_run else report.published} of {report.articles} "
        f"stored articles again ({report.messages} messages read, {report.unreadable} unreadable)"
    )
    for name, count in sorted(report.by_source.items()):
        console.print(f"  {name}: {count}")
