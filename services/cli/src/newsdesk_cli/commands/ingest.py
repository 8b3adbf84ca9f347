"""``newsdesk ingest``: files and URLs into the pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdesk import topics
from newsdesk.events import FetchRequest
from newsdesk.files import iter_article_files, raw_article_from_file
from newsdesk.ids import host_of
from newsdesk.kafka import open_producer
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import console, err, run_async

app = typer.Typer()


@app.command()
def ingest(inputs: Annotated[list[str], typer.Argument(help="files, directories or URLs")]) -> None:
    """Send files (read here) or URLs (fetched by the fetcher workers) into the pipeline."""
    for item in inputs:
        if not item.startswith(("http://", "https://")) and not Path(item).exists():
            err.print(
                f"[red]error:[/red] {item}: no such file or directory, and not an http(s) URL"
            )
            raise typer.Exit(2)
    counts = run_async(_ingest(NewsdeskSettings(), inputs))
    console.print(f"sent {counts['files']} files and {counts['urls']} URLs")


async def _ingest(settings: NewsdeskSettings, inputs: list[str]) -> dict[str, int]:
    counts = {"files": 0, "urls": 0}
    async with open_producer(settings.kafka) as producer:
        for item in inputs:
            if item.startswith(("http://", "https://")):
                request = FetchRequest(url=item, source="cli", discovered_via="cli")
                await producer.send_and_wait(
                    topics.URLS, request.model_dump_json().encode(), key=host_of(item).encode()
                )
                counts["urls"] += 1
                continue
            for file in iter_article_files(Path(item)):
                raw = raw_article_from_file(file, source="cli")
                await producer.send_and_wait(
                    topics.ARTICLES_RAW, raw.model_dump_json().encode(), key=raw.article_id.encode()
                )
                counts["files"] += 1
    return counts
