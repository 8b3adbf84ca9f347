"""``newsdesk dlq``: what failed, why, and replaying it."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from newsdesk.dlq import LetterFilter, read_letters, replay, tally
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import JsonFlag, console, run_async

app = typer.Typer(help="The dead-letter topic: what failed, why, and replaying it.")


StageOption = Annotated[str | None, typer.Option(help="fetcher, scheduler, extractor, indexer")]
ReasonOption = Annotated[str | None, typer.Option(help="a reason code, e.g. ssrf_blocked")]


@app.command("list")
def dlq_list(
    stage: StageOption = None,
    reason: ReasonOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Counts per stage and reason, then the newest dead letters."""
    wanted = LetterFilter(stage, reason)
    letters = [x for x in run_async(read_letters(NewsdeskSettings().kafka)) if wanted.matches(x)]
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


@app.command("replay")
def dlq_replay(stage: StageOption = None, reason: ReasonOption = None) -> None:
    """Publish matching dead letters again to the topic they came from (after a fix)."""
    settings = NewsdeskSettings().kafka
    wanted = LetterFilter(stage, reason)
    letters = [x for x in run_async(read_letters(settings)) if wanted.matches(x)]
    sent = run_async(replay(settings, letters))
    console.print(f"replayed {sent} of {len(letters)} matching dead letters")
