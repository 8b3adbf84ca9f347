"""Each fault scenario's row goes into its test's report; ``tests/faults/table.py`` prints them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults.ledger import Row
from tests.faults.table import to_property


@pytest.fixture
def fault_rows(request: pytest.FixtureRequest) -> Iterator[list[Row]]:
    """The rows of this test's scenarios; at its end they join its report (failed ones too)."""
    rows: list[Row] = []
    yield rows
    request.node.user_properties.extend(to_property(row) for row in rows)
