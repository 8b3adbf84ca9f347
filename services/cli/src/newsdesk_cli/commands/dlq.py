"""``newsdesk dlq``: what failed, why, each letter's state, and replaying it once."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from newsdesk.dlq import (
    DEFAULT_MAX_ATTEMPTS,
    Entry,
    LetterFilter,
    ReplayPlan,
    plan_replay,
    read_entries,
    replay,
    tally,
)
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import DATE_FORMATS, JsonFlag, console, run_async

app = typer.Typer(help="The dead-letter topic: what failed, why, and replaying it.")


StageOption = Annotated[
    str | None, typer.Option(help="fetcher, scheduler, extractor, indexer, cli")
]
ReasonOption = Annotated[str | None, typer.Option(help="a reason code, e.g. ssrf_blocked")]
SinceOption = Annotated[
    datetime | None,
    typer.Option(formats=DATE_FORMATS, help="letters that failed at or after this time (UTC)"),
]
MaxAttemptsOption = Annotated[
    int,
    typer.Option(min=1, help="a letter whose input failed this many times is not replayed"),
]


def _matching(stage: str | None, reason: str | None, since: datetime | None) -> list[Entry]:
    wanted = LetterFilter(stage, reason, since)
    entries = run_async(read_entries(NewsdeskSettings().kafka))
    return [entry for entry in entries if wanted.matches(entry.letter)]


def _what(entry: Entry) -> str:
    letter = entry.letter
    return letter.url or letter.article_id or f"{letter.topic}@{letter.offset}"


def _row(entry: Entry, max_attempts: int) -> dict[str, Any]:
    row = entry.letter.model_dump(mode="json", exclude={"payload"})
    row |= {
        "state": entry.state(max_attempts),
        "dlq_partition": entry.partition,
        "dlq_offset": entry.offset,
        "replayed_at": entry.receipt.replayed_at.isoformat() if entry.receipt else None,
        "why": entry.not_replayable,
    }
    return row


@app.command("list")
def dlq_list(
    stage: StageOption = None,
    reason: ReasonOption = None,
    since: SinceOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    max_attempts: MaxAttemptsOption = DEFAULT_MAX_ATTEMPTS,
    as_json: JsonFlag = False,
) -> None:
    """Counts per stage and reason, then the newest dead letters with their state."""
    entries = _matching(stage, reason, since)
    if as_json:
        rows = [_row(entry, max_attempts) for entry in entries[-limit:]]
        print(json.dumps({"total": len(entries), "letters": rows}, ensure_ascii=False))
        return
    counts = Table("stage", "reason", "count", title=f"{len(entries)} dead letters")
    for (letter_stage, letter_reason), count in sorted(
        tally(entry.letter for entry in entries).items()
    ):
        counts.add_row(letter_stage, letter_reason, str(count))
    console.print(counts)
    newest = Table("failed at", "stage", "reason", "attempts", "state", "what", "message")
    for entry in entries[-limit:]:
        letter = entry.letter
        newest.add_row(
            letter.failed_at.isoformat(timespec="seconds"),
            letter.stage,
            letter.reason,
            str(letter.attempts),
            entry.state(max_attempts),
            _what(entry),
            (entry.not_replayable or letter.message)[:200],
        )
    console.print(newest)


def _brief(entry: Entry) -> dict[str, Any]:
    letter = entry.letter
    return {
        "dlq_offset": entry.offset,
        "stage": letter.stage,
        "reason": letter.reason,
        "topic": letter.topic,
        "key": letter.key,
        "what": _what(entry),
        "attempts": letter.attempts,
    }


def _report(plan: ReplayPlan, dry_run: bool) -> dict[str, Any]:
    return {
        "dry_run": dry_run,
        "max_attempts": plan.max_attempts,
        "replayed": [_brief(entry) for entry in plan.replay],
        "already_replayed": len(plan.already_replayed),
        "gave_up": [_brief(entry) for entry in plan.gave_up],
        "not_replayable": [
            _brief(entry) | {"why": entry.not_replayable} for entry in plan.not_replayable
        ],
        "over_limit": len(plan.over_limit),
    }


@app.command("replay")
def dlq_replay(
    stage: StageOption = None,
    reason: ReasonOption = None,
    since: SinceOption = None,
    limit: Annotated[int | None, typer.Option(min=1, help="replay at most this many")] = None,
    max_attempts: MaxAttemptsOption = DEFAULT_MAX_ATTEMPTS,
    dry_run: Annotated[bool, typer.Option(help="say what would be replayed, send nothing")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Publish matching dead letters again to the topic they came from (after a fix), once each."""
    entries = _matching(stage, reason, since)
    plan = plan_replay(entries, max_attempts=max_attempts, limit=limit)
    if not dry_run and plan.replay:
        run_async(replay(NewsdeskSettings().kafka, plan))
    if as_json:
        print(json.dumps(_report(plan, dry_run), ensure_ascii=False))
        return
    verb = "would replay" if dry_run else "replayed"
    console.print(f"{verb} {len(plan.replay)} of {len(entries)} matching dead letters")
    if plan.already_replayed:
        console.print(f"  {len(plan.already_replayed)} already replayed (each letter goes once)")
    if plan.gave_up:
        console.print(
            f"  {len(plan.gave_up)} gave up: their input failed {max_attempts} times "
            f"(--max-attempts {max_attempts})"
        )
    if plan.over_limit:
        console.print(f"  {len(plan.over_limit)} left for a later run (--limit {limit})")
    if plan.not_replayable:
        console.print(f"  {len(plan.not_replayable)} not replayable:")
        for entry in plan.not_replayable:
            console.print(f"    {_what(entry)}: {entry.not_replayable}")
