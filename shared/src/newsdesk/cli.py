"""The ``newsdesk`` command: run the pipeline, ingest, search, list entities, show status."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable, Coroutine
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsdesk import topics
from newsdesk.dlq import LetterFilter, read_letters, replay, tally
from newsdesk.errors import NewsdeskError
from newsdesk.events import FetchRequest
from newsdesk.files import iter_article_files, raw_article_from_file
from newsdesk.ids import host_of
from newsdesk.kafka import open_producer, stream_stats
from newsdesk.runner import Runner, RunOptions
from newsdesk.search import (
    SearchFilters,
    count_documents,
    make_client,
    search_articles,
    top_entities,
)
from newsdesk.settings import NewsdeskSettings
from newsdesk.summary import summary_table

app = typer.Typer(help="newsdesk: ingest news into searchable, enriched records.")
dlq_app = typer.Typer(help="The dead-letter topic: what failed, why, and replaying it.")
app.add_typer(dlq_app, name="dlq")
console = Console()
err = Console(stderr=True)
T = TypeVar("T")
COLORS = {"fetcher": "cyan", "scheduler": "blue", "extractor": "magenta", "indexer": "green"}

JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON for programs")]


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine; a newsdesk error becomes a readable message and exit code 1."""
    try:
        return asyncio.run(coro)
    except NewsdeskError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc


def _line_printer(target: Console) -> Callable[[str, str], None]:
    def print_line(name: str, line: str) -> None:
        color = COLORS.get(name, "yellow" if name == "progress" else "white")
        prefix = Text(f"{name:>9} | ", style=color)
        target.print(prefix + Text.from_ansi(line), highlight=False, soft_wrap=True)

    return print_line


@app.command()
def run(
    once: Annotated[bool, typer.Option(help="drain the inputs, print a summary and exit")] = False,
    seeds: Annotated[Path | None, typer.Option(help="directory of article files")] = Path("seeds"),
    sources: Annotated[Path | None, typer.Option(help="a sources.yaml to poll")] = None,
    local: Annotated[bool, typer.Option(help="start the embedded Kafka and Elasticsearch")] = True,
    kafka_port: Annotated[int, typer.Option(help="port of the local Kafka broker")] = 9092,
    es_port: Annotated[int, typer.Option(help="port of the local Elasticsearch")] = 9200,
    timeout: Annotated[float, typer.Option(help="--once: give up after this many s")] = 600.0,
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
    )
    runner = Runner(options, _line_printer(err if as_json else console))
    result = _run(runner.run())
    if not once:
        return
    if as_json:
        articles = [asdict(a) for a in result.articles]
        print(json.dumps({"articles": articles, "dead_letters": result.stats.dead_letters}))
        return
    console.print(summary_table(result.articles))
    console.print(
        f"{len(result.articles)} articles indexed, {result.stats.dead_letters} dead letters"
    )


@app.command()
def ingest(inputs: Annotated[list[str], typer.Argument(help="files, directories or URLs")]) -> None:
    """Send files (read here) or URLs (fetched by the fetcher workers) into the pipeline."""
    for item in inputs:
        if not item.startswith(("http://", "https://")) and not Path(item).exists():
            err.print(
                f"[red]error:[/red] {item}: no such file or directory, and not an http(s) URL"
            )
            raise typer.Exit(2)
    counts = _run(_ingest(NewsdeskSettings(), inputs))
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
        since=_date(since, "--since"),
        until=_date(until, "--until"),
    )
    settings = NewsdeskSettings()

    async def go() -> tuple[int, list[Any]]:
        es = make_client(settings.elasticsearch)
        try:
            return await search_articles(es, settings.elasticsearch.articles_alias, filters, limit)
        finally:
            await es.close()

    total, hits = _run(go())
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
        es = make_client(settings.elasticsearch)
        try:
            alias = settings.elasticsearch.articles_alias
            return await top_entities(es, alias, label.upper() if label else None, limit)
        finally:
            await es.close()

    counts = _run(go())
    if as_json:
        print(json.dumps([asdict(c) for c in counts], ensure_ascii=False))
        return
    table = Table("articles", "label", "name")
    for count in counts:
        table.add_row(str(count.articles), count.label, count.name)
    console.print(table)


@app.command()
def status(as_json: JsonFlag = False) -> None:
    """Documents indexed, dead letters, and the lag of each stage."""
    settings = NewsdeskSettings()

    async def go() -> dict[str, Any]:
        stats = await stream_stats(settings.kafka)
        es = make_client(settings.elasticsearch)
        try:
            indexed = await count_documents(es, settings.elasticsearch.articles_alias)
            events = await count_documents(es, settings.elasticsearch.events_alias)
        finally:
            await es.close()
        letters = await read_letters(settings.kafka, idle_ms=300) if stats.dead_letters else []
        by_reason = tally(letters)
        urls = stats.topics.get(topics.URLS)
        return {
            "indexed": indexed,
            "events": events,
            "dead_letters": stats.dead_letters,
            "lag": stats.lag,
            "topics": {name: stat.messages for name, stat in stats.topics.items()},
            "fetcher": {
                "requested": urls.messages if urls else 0,
                "done": min(urls.committed, urls.messages) if urls else 0,
                "refused": {r: n for (stage, r), n in by_reason.items() if stage == "fetcher"},
            },
            "dead_letters_by_stage": {
                f"{stage}/{reason}": n for (stage, reason), n in sorted(by_reason.items())
            },
        }

    report = _run(go())
    if as_json:
        print(json.dumps(report))
        return
    table = Table("what", "value")
    table.add_row("indexed articles", str(report["indexed"]))
    table.add_row("indexed events", str(report["events"]))
    table.add_row("dead letters", str(report["dead_letters"]))
    for topic, lag in report["lag"].items():
        table.add_row(f"lag {topic}", str(lag))
    fetcher = report["fetcher"]
    table.add_row("fetcher URLs done", f"{fetcher['done']}/{fetcher['requested']}")
    for reason, count in fetcher["refused"].items():
        table.add_row(f"fetcher refused: {reason}", str(count))
    for stage_reason, count in report["dead_letters_by_stage"].items():
        table.add_row(f"dead letters {stage_reason}", str(count))
    console.print(table)


StageOption = Annotated[str | None, typer.Option(help="fetcher, scheduler, extractor, indexer")]
ReasonOption = Annotated[str | None, typer.Option(help="a reason code, e.g. ssrf_blocked")]


@dlq_app.command("list")
def dlq_list(
    stage: StageOption = None,
    reason: ReasonOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Counts per stage and reason, then the newest dead letters."""
    wanted = LetterFilter(stage, reason)
    letters = [x for x in _run(read_letters(NewsdeskSettings().kafka)) if wanted.matches(x)]
    if as_json:
        rows = [x.model_dump(mode="json", exclude={"payload"}) for x in letters[-limit:]]
        print(json.dumps({"total": len(letters), "letters": rows}, ensure_ascii=False))
        return
    counts = Table("stage", "reason", "count", title=f"{len(letters)} dead letters")
    for (letter_stage, letter_reason), count in sorted(tally(letters).items()):
        counts.add_row(letter_stage, letter_reason, str(count))
    console.print(counts)
    newest = Table("failed at", "stage", "reason", "what", "message")
    for letter in letters[-limit:]:
        what = letter.url or letter.article_id or f"{letter.topic}@{letter.offset}"
        newest.add_row(
            letter.failed_at.isoformat(timespec="seconds"),
            letter.stage,
            letter.reason,
            what,
            letter.message[:200],
        )
    console.print(newest)


@dlq_app.command("replay")
def dlq_replay(stage: StageOption = None, reason: ReasonOption = None) -> None:
    """Publish matching dead letters again to the topic they came from (after a fix)."""
    settings = NewsdeskSettings().kafka
    wanted = LetterFilter(stage, reason)
    letters = [x for x in _run(read_letters(settings)) if wanted.matches(x)]
    sent = _run(replay(settings, letters))
    console.print(f"replayed {sent} of {len(letters)} matching dead letters")


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from exc


def main() -> None:
    """Console entry point."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # The clients log every retry and refused connection; the command prints one readable error.
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    app()


if __name__ == "__main__":
    main()
