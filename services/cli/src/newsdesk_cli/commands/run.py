"""``newsdesk run``: the local stack and the services, until Ctrl-C or drained."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from newsdesk_cli.output import JsonFlag, console, err, line_printer, run_async
from newsdesk_cli.runner import Runner, RunOptions
from newsdesk_cli.summary import summary_table

app = typer.Typer()


@app.command()
def run(
    once: Annotated[bool, typer.Option(help="drain the inputs, print a summary and exit")] = False,
    seeds: Annotated[Path | None, typer.Option(help="directory of article files")] = Path("seeds"),
    sources: Annotated[Path | None, typer.Option(help="a sources.yaml to poll")] = None,
    local: Annotated[bool, typer.Option(help="start the embedded Kafka and Elasticsearch")] = True,
    kafka_port: Annotated[int, typer.Option(help="port of the local Kafka broker")] = 9092,
    es_port: Annotated[int, typer.Option(help="port of the local Elasticsearch")] = 9200,
    timeout: Annotated[float, typer.Option(help="--once: give up after this many s")] = 600.0,
    extractors: Annotated[
        int, typer.Option(min=1, max=64, help="extractor processes (one per core)")
    ] = 1,
    fetchers: Annotated[int, typer.Option(min=1, max=64, help="fetcher worker processes")] = 1,
    as_json: JsonFlag = False,
) -> None:
    """Run the whole pipeline; Ctrl-C stops every process it started."""
    seeds_dir = seeds if seeds is not None and seeds.exists() else None
    if sources is None and seeds_dir is not None and (seeds_dir / "sources.yaml").exists():
        # A sources.yaml beside the seeds describes them (and more): read the folder through it
        # only, so no article is sent twice under two source ids.
        sources, seeds_dir = seeds_dir / "sources.yaml", None
    options = RunOptions(
        once=once,
        seeds_dir=seeds_dir,
        sources_file=sources,
        local=local,
        kafka_port=kafka_port,
        es_port=es_port,
        timeout_s=timeout,
        extractors=extractors,
        fetchers=fetchers,
    )
    runner = Runner(options, line_printer(err if as_json else console))
    result = run_async(runner.run())
    if not once:
        return
    if as_json:
        articles = [asdict(a) for a in result.articles]
        print(json.dumps({"articles": articles, "dead_letters": result.dead_letters}))
        return
    console.print(summary_table(result.articles))
    console.print(f"{len(result.articles)} articles indexed, {result.dead_letters} dead letters")
