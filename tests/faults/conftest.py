"""The fault table: each scenario's row is kept, and the table printed at the end of the session."""

from __future__ import annotations

import pytest

from tests.faults.scenarios import Row, format_table

ROWS = pytest.StashKey[list[Row]]()


@pytest.fixture
def fault_rows(request: pytest.FixtureRequest) -> list[Row]:
    """The rows of this session's fault scenarios, in the order they ran."""
    return request.config.stash.setdefault(ROWS, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    rows = terminalreporter.config.stash.get(ROWS, [])
    if rows:
        terminalreporter.section("fault table")
        terminalreporter.write_line(format_table(rows))
        for row in rows:
            for line in row.notes():
                terminalreporter.write_line(f"{row.scenario}: {line}")
