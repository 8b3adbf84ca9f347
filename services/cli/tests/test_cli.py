"""The CLI refuses bad input with a readable message before touching any backend."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from tests.helpers import SilentServer
from typer.testing import CliRunner

from newsdesk_cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["search", "drones"], id="search"),
        pytest.param(["events"], id="events"),
        pytest.param(["reprocess"], id="reprocess"),
        pytest.param(["dlq", "list"], id="dlq-list"),
    ],
)
def test_bad_date_is_refused_naming_the_option(command: list[str]) -> None:
    """typer parses the dates: a day, or a day and a time; anything else is a usage error."""
    result = runner.invoke(app, [*command, "--since", "last tuesday"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "--since" in result.output
    assert "%Y-%m-%d" in result.output


def test_ingest_of_a_missing_path_says_so() -> None:
    result = runner.invoke(app, ["ingest", "/no/such/file.txt"])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_unreachable_backends_give_one_readable_error() -> None:
    env = {
        **os.environ,
        "NEWSDESK_ELASTICSEARCH__URL": "http://127.0.0.1:9",
        "NEWSDESK_ELASTICSEARCH__REQUEST_TIMEOUT": "1",
    }
    result = runner.invoke(app, ["search", "drones", "--json"], env=env)
    assert result.exit_code == 1
    assert "cannot reach the backends" in result.output
    assert "Traceback" not in result.output


def test_an_oversized_query_is_refused_before_any_request() -> None:
    with SilentServer() as silent:
        env = {**os.environ, "NEWSDESK_ELASTICSEARCH__URL": silent.url}
        result = runner.invoke(app, ["search", "drone " * 1750, "--json"], env=env)
        assert result.exit_code == 2, result.output
        assert "10,500 characters" in result.output
        assert silent.connections == []


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["search", "drones", "--json"], id="search"),
        pytest.param(["entities", "--json"], id="entities"),
    ],
)
def test_a_query_that_times_out_says_so_after_one_try(command: list[str]) -> None:
    with SilentServer() as silent:
        env = {
            **os.environ,
            "NEWSDESK_ELASTICSEARCH__URL": silent.url,
            "NEWSDESK_ELASTICSEARCH__REQUEST_TIMEOUT": "1",
        }
        started = time.monotonic()
        result = runner.invoke(app, command, env=env)
        took = time.monotonic() - started
        assert result.exit_code == 1
        assert "timed out after 1 s" in result.output
        assert "cannot reach" not in result.output
        assert len(silent.connections) == 1
        assert took < 3


def test_run_refuses_a_broken_sources_file_before_starting_anything(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - id: x\n    kind: nonsense\n")
    # Wide enough for the whole path on one line: a longer basetemp (an xdist worker's) wrapped it.
    env = {"COLUMNS": "200"}
    result = runner.invoke(app, ["run", "--sources", str(sources), "--kafka-port", "9"], env=env)
    assert result.exit_code == 1
    assert "sources.yaml" in result.output
    assert "Traceback" not in result.output
