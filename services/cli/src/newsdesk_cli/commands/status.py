"""``newsdesk status``: documents indexed, dead letters, the lag of each stage, restarts."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.table import Table

from newsdesk import topics
from newsdesk.dlq import read_letters, tally
from newsdesk.kafka import stream_stats
from newsdesk.search import INTERACTIVE_CLIENT, count_documents, make_client
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import JsonFlag, console, run_async
from newsdesk_cli.runstate import find_run

app = typer.Typer()


@app.command()
def status(as_json: JsonFlag = False) -> None:
    """Documents indexed, dead letters, the lag of each stage, and the services' restarts."""
    settings = NewsdeskSettings()
    # The `newsdesk run` serving this broker, if one runs here: its services and their restarts.
    run = find_run(settings.kafka.bootstrap_servers)

    async def go() -> dict[str, Any]:
        stats = await stream_stats(settings.kafka)
        es = make_client(settings.elasticsearch, INTERACTIVE_CLIENT)
        try:
            indexed = await count_documents(es, settings.elasticsearch.articles_alias)
            events = await count_documents(es, settings.elasticsearch.events_alias)
        finally:
            await es.close()
        # Failures, each once: a letter published again by a service that died before
        # committing (see DeadLetter.identity) is not a second failure.
        letters = await read_letters(settings.kafka) if stats.dead_letters else []
        by_reason = tally(letters)
        urls = stats.topics.get(topics.URLS)
        return {
            "indexed": indexed,
            "events": events,
            "dead_letters": len(letters),  # failures: receipts and repeated copies left out
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
            "restarts": run.restarts if run else {},
            "services": run.states if run else {},
        }

    report = run_async(go())
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
    for name, state in report["services"].items():
        table.add_row(f"service {name}", f"{state}, {report['restarts'].get(name, 0)} restarts")
    console.print(table)
