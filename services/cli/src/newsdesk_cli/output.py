"""What every command shares: the consoles, the ``--json`` flag, running a coroutine readably."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from newsdesk.errors import NewsdeskError

console = Console()
err = Console(stderr=True)
T = TypeVar("T")
COLORS = {"fetcher": "cyan", "scheduler": "blue", "extractor": "magenta", "indexer": "green"}

JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON for programs")]
#: What a date option accepts (typer parses it): a day, or a time of day in UTC.
DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
SinceOption = Annotated[
    datetime | None,
    typer.Option(formats=DATE_FORMATS, help="published on or after this day (or time, UTC)"),
]
UntilOption = Annotated[
    datetime | None,
    typer.Option(formats=DATE_FORMATS, help="published on or before this day (or time, UTC)"),
]


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine; a newsdesk error becomes a readable message and exit code 1."""
    try:
        return asyncio.run(coro)
    except NewsdeskError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc


def line_printer(target: Console) -> Callable[[str, str], None]:
    """Prints a service's log line behind its name, coloured per service."""

    def print_line(name: str, line: str) -> None:
        color = COLORS.get(
            name.split("-", maxsplit=1)[0], "yellow" if name == "progress" else "white"
        )
        prefix = Text(f"{name:>9} | ", style=color)
        target.print(prefix + Text.from_ansi(line), highlight=False, soft_wrap=True)

    return print_line
