"""The README's configuration reference is the one the settings classes generate."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk_cli import configref
from tests.helpers import ROOT

README = ROOT / "README.md"


def table_rows() -> list[list[str]]:
    text = README.read_text()
    block = text[text.index(configref.START) : text.index(configref.END)]
    return [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in block.splitlines()
        if line.startswith("| `")
    ]


def test_the_readme_reference_matches_the_settings(capsys: pytest.CaptureFixture[str]) -> None:
    assert configref.main(["--check"]) == 0, capsys.readouterr().err


def test_an_edited_reference_is_out_of_date_naming_make_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README.read_text().replace("`INDEXER_RETRIES` | `int` | `5`", "x", 1))
    assert configref.main(["--check", "--readme", str(readme)]) == 1
    assert "make docs" in capsys.readouterr().err
    assert configref.main(["--readme", str(readme)]) == 0
    assert readme.read_text() == README.read_text()


def test_every_setting_is_listed_with_a_description() -> None:
    rows = {row[0].strip("`"): row for row in table_rows()}
    expected = {
        "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS",
        "NEWSDESK_ELASTICSEARCH__API_KEY",
        "NEWSDESK_OTEL__ENABLED",
        "NEWSDESK_OTEL__ENDPOINT",
        "FETCHER_ALLOW_NETWORKS",
        "EXTRACTOR_BATCH_DEADLINE_S",
        "INDEXER_BATCH_SIZE",
    }
    assert expected <= set(rows)
    assert [name for name, row in rows.items() if not row[3]] == []
    assert rows["NEWSDESK_OTEL__ENABLED"][1:3] == ["`bool`", "`false`"]
    assert rows["FETCHER_ONCE"][2] == "`false`"


def test_secrets_show_no_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_ELASTICSEARCH__PASSWORD", "pw-must-not-show-7f3a")
    secrets = [row for row in table_rows() if "SecretStr" in row[1]]
    assert {row[0] for row in secrets} >= {
        "`NEWSDESK_KAFKA__SSL_PASSWORD`",
        "`NEWSDESK_KAFKA__SASL_PASSWORD`",
        "`NEWSDESK_ELASTICSEARCH__PASSWORD`",
        "`NEWSDESK_ELASTICSEARCH__API_KEY`",
    }
    assert {row[2] for row in secrets} == {"*(secret)*"}
    assert "pw-must-not-show-7f3a" not in configref.reference()
