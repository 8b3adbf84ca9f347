"""The ``newsdesk`` command: run the pipeline, ingest, reprocess, query, operate the indices."""

from __future__ import annotations

import logging
import sys

import typer

from newsdesk_cli.commands import (
    dlq,
    explore,
    index,
    ingest,
    reprocess,
    run,
    search,
    setup,
    status,
)

app = typer.Typer(help="newsdesk: ingest news into searchable, enriched records.")
for commands in (run, ingest, reprocess, search, explore, status):
    app.registered_commands += commands.app.registered_commands
app.add_typer(dlq.app, name="dlq")
app.add_typer(setup.app, name="setup")
app.add_typer(index.app, name="index")


def main() -> None:
    """Console entry point."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # The clients log every retry and refused connection; the command prints one readable error.
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    app()


if __name__ == "__main__":
    main()
