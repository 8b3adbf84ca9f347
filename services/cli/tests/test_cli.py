"""The CLI refuses bad input with a readable message before touching any backend."""

from __future__ import annotations

from typer.testing import CliRunner

from newsdesk_cli.main import app

runner = CliRunner()


def test_bad_date_is_refused_naming_the_option() -> None:
    result = runner.invoke(app, ["search", "drones", "--since", "last tuesday"])
    assert result.exit_code == 2
    assert "--since" in result.output
    assert "YYYY-MM-DD" in result.output


def test_ingest_of_a_missing_path_says_so() -> None:
    result = runner.invoke(app, ["ingest", "/no/such/file.txt"])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_unreachable_backends_give_one_readable_error(monkeypatch: object) -> None:
    import os

    env = {
        **os.environ,
        "NEWSDESK_ELASTICSEARCH__URL": "http://127.0.0.1:9",
        "NEWSDESK_ELASTICSEARCH__REQUEST_TIMEOUT": "1",
    }
    result = runner.invoke(app, ["search", "drones", "--json"], env=env)
    assert result.exit_code == 1
    assert "cannot reach the backends" in result.output
    assert "Traceback" not in result.output
