"""The fault table of a test session: each scenario's row, printed at the end of the session.

A scenario test leaves its rows in its report (``fault_row`` user properties), which pytest-xdist
sends from the worker that ran it to the controller; the table is made from the reports, so it
is the same whether the session ran serially or over workers.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.faults.ledger import Row

PROPERTY = "fault_row"


def to_property(row: Row) -> tuple[str, dict[str, Any]]:
    """A row as a user property of the test that made it."""
    return PROPERTY, asdict(row)


class FaultTable:
    """Collects the rows from the test reports and prints the table in the terminal summary."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":
            return
        values = [value for name, value in report.user_properties if name == PROPERTY]
        if values:
            # Imported here: the scenarios pull in the services, which a controller never needs.
            from tests.faults.ledger import Row

            self.rows.extend(Row(**value) for value in values)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.rows:
            return
        from tests.faults.ledger import format_table

        terminalreporter.section("fault table")
        terminalreporter.write_line(format_table(self.rows))
        for row in self.rows:
            for line in row.notes():
                terminalreporter.write_line(f"{row.scenario}: {line}")
