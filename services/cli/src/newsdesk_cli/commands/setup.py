"""``newsdesk setup``: one-shot jobs that prepare the backends (compose and Kubernetes run them).

Each command is idempotent and patient: it waits, with capped and jittered backoff, until its
backend answers or ``--timeout`` runs out, because a setup job usually starts beside a cluster
that is still booting: ``setup topics`` (Kafka), ``setup indices`` (index templates, aliases and
ILM policies) and ``setup kibana`` (the saved objects of ``deploy/kibana``).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from elasticsearch import ApiError
from rich.table import Table

from newsdesk import topics
from newsdesk.errors import BackendUnavailable, NewsdeskError
from newsdesk.kafka import ensure_topics
from newsdesk.lifecycle import LIVE_POLICY, IlmReport, apply_policies, load_policies
from newsdesk.search import IndexTemplate, ensure_indices, load_templates, make_client
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.kibana import FileImport, import_all, read_saved_objects
from newsdesk_cli.kibana import make_client as kibana_client
from newsdesk_cli.output import JsonFlag, console, err, run_async

app = typer.Typer(help="Prepare the backends: Kafka topics, index templates, Kibana objects.")

T = TypeVar("T")
TimeoutOption = Annotated[
    float, typer.Option(min=0.0, help="give up when the backend has not answered after this many s")
]
#: Elasticsearch answers these while it boots or is overloaded: worth waiting for.
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})


async def patiently(
    attempt: Callable[[], Awaitable[T]],
    *,
    what: str,
    timeout_s: float,
    max_delay_s: float = 5.0,
    on_wait: Callable[[str, float], None] | None = None,
) -> T:
    """``attempt()`` again and again while it raises :class:`BackendUnavailable`.

    Each try gets the time that is left; when none is left the last failure is raised, naming
    ``what`` and the timeout. Other errors (bad configuration, refused credentials) stop at once.
    """
    deadline = time.monotonic() + timeout_s
    delay = 0.25
    while True:
        remaining = deadline - time.monotonic()
        try:
            return await asyncio.wait_for(attempt(), timeout=max(remaining, 0.1))
        except (BackendUnavailable, TimeoutError) as exc:
            reason = _without_prefix(str(exc) or "no answer", what)
            if time.monotonic() + delay >= deadline:
                raise BackendUnavailable(
                    f"{what} did not answer within {timeout_s:.0f} s: {reason}"
                ) from exc
            if on_wait is not None:
                on_wait(reason, delay)
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))  # noqa: S311  # jitter, not crypto
            delay = min(delay * 2, max_delay_s)


def _without_prefix(reason: str, what: str) -> str:
    """The failure without the backend's name when it starts with it (it is said once)."""
    head = what.split(" at ", maxsplit=1)[0]
    for prefix in (what, head):
        if reason.startswith(prefix):
            return reason[len(prefix) :].lstrip(": ") or reason
    return reason


def _waiting(what: str) -> Callable[[str, float], None]:
    def say(reason: str, delay: float) -> None:
        line = f"waiting for {what} ({reason}); next try in {delay:.1f} s"
        err.print(line, highlight=False, soft_wrap=True)

    return say


@app.command("topics")
def setup_topics(timeout: TimeoutOption = 120.0, as_json: JsonFlag = False) -> None:
    """Create the missing newsdesk topics with their partitions, retention and compaction."""
    kafka = NewsdeskSettings().kafka
    what = f"Kafka at {kafka.bootstrap_servers}"
    created = run_async(
        patiently(
            lambda: ensure_topics(kafka), what=what, timeout_s=timeout, on_wait=_waiting(what)
        )
    )
    specs = topics.topic_specs(kafka.partitions, kafka.replication)
    if as_json:
        rows = [
            {
                "name": spec.name,
                "partitions": spec.partitions,
                "replication": spec.replication,
                "configs": spec.configs,
                "created": spec.name in created,
            }
            for spec in specs
        ]
        print(json.dumps({"created": created, "topics": rows}))
        return
    table = Table("topic", "partitions", "configs", "state", title=what)
    for spec in specs:
        configs = ", ".join(f"{key}={value}" for key, value in sorted(spec.configs.items()))
        state = "created" if spec.name in created else "already there"
        table.add_row(spec.name, str(spec.partitions), configs, state)
    console.print(table)


@app.command("indices")
def setup_indices(timeout: TimeoutOption = 120.0, as_json: JsonFlag = False) -> None:
    """Install the index templates, create each alias's versioned index if missing, and the
    ILM policies where the server has ILM (reported as unsupported, not failing, elsewhere)."""
    settings = NewsdeskSettings()
    what = f"Elasticsearch at {settings.elasticsearch.url}"

    async def install() -> tuple[list[IndexTemplate], list[str], IlmReport]:
        templates = load_templates(settings.templates_dir)  # a missing folder fails before waiting
        load_policies(settings.templates_dir)
        es = make_client(settings.elasticsearch)

        async def attempt() -> tuple[list[str], IlmReport]:
            try:
                created = await ensure_indices(es, settings.templates_dir)
                return created, await apply_policies(es, settings.templates_dir)
            except ApiError as exc:
                if exc.status_code in RETRYABLE_STATUSES:
                    raise BackendUnavailable(f"HTTP {exc.status_code}") from exc
                raise NewsdeskError(f"{what} refused the setup: {exc}") from exc

        try:
            created, ilm = await patiently(
                attempt, what=what, timeout_s=timeout, on_wait=_waiting(what)
            )
        finally:
            await es.close()
        return templates, created, ilm

    templates, created, ilm = run_async(install())
    rows: list[dict[str, Any]] = [
        {
            "template": template.name,
            "alias": template.alias,
            "index": template.index,
            "created": template.index in created,
        }
        for template in templates
    ]
    if as_json:
        print(json.dumps({"created": created, "templates": rows, "ilm": asdict(ilm)}))
        return
    table = Table("template", "alias", "index", "state", title=what)
    for row in rows:
        state = "created" if row["created"] else "already there"
        table.add_row(row["template"], row["alias"], row["index"], state)
    console.print(table)
    if ilm.supported:
        console.print(
            f"ILM policies {', '.join(ilm.policies)} installed; "
            f"{', '.join(ilm.indices) or 'no index'} under {LIVE_POLICY}"
        )
    else:
        console.print(f"ILM: unsupported ({ilm.note})")


@app.command("kibana")
def setup_kibana(
    url: Annotated[str, typer.Option(help="Kibana's base URL, e.g. http://127.0.0.1:5601")],
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help="the saved objects (default: NEWSDESK_KIBANA_DIR)"),
    ] = None,
    timeout: TimeoutOption = 120.0,
    as_json: JsonFlag = False,
) -> None:
    """Import the Kibana saved objects (data views, visualisations, dashboards), overwriting
    objects with the same ids: running it again changes nothing.

    Authenticates like the other commands, with the NEWSDESK_ELASTICSEARCH__ credentials.
    """
    settings = NewsdeskSettings()
    source = folder or settings.kibana_dir
    files = read_saved_objects(source)
    if not files:
        raise typer.BadParameter(f"no saved objects (*.ndjson) in {source}", param_hint="--dir")
    what = f"Kibana at {url}"

    async def install() -> list[FileImport]:
        async with kibana_client(settings.elasticsearch) as client:
            return await patiently(
                lambda: import_all(client, url, files),
                what=what,
                timeout_s=timeout,
                on_wait=_waiting(what),
            )

    done = run_async(install())
    if as_json:
        print(json.dumps({"url": url, "files": [asdict(result) for result in done]}))
    else:
        table = Table("file", "objects", "result", title=what)
        for result in done:
            table.add_row(
                result.file, str(result.imported), "imported" if result.success else "failed"
            )
        console.print(table)
        for result in done:
            for error in result.errors:
                err.print(f"[red]{result.file}[/red]: {error}", highlight=False)
    if not all(result.success for result in done):
        raise typer.Exit(1)
