"""What a run split over pytest-xdist workers (``make test``) needs to behave like a serial run."""

from __future__ import annotations

import os
from typing import Any

import pytest

#: GNU readline, which pytest imports in the controller, puts COLUMNS=80 and LINES=24 into the
#: C-level environment; a worker process inherits that environment, a serial run never sees them
#: in ``os.environ``. In a worker the CLI's consoles (made at import) would then be fixed at 80
#: columns and ignore the width a test gives them.
TERMINAL_SIZE = ("COLUMNS", "LINES")
WORKER_ENV = "newsdesk_terminal_size"


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """In the controller: hand each worker the terminal size variables as this process has them."""
    node.workerinput[WORKER_ENV] = {name: os.environ.get(name) for name in TERMINAL_SIZE}


def pytest_configure(config: pytest.Config) -> None:
    """In a worker: the terminal size variables as the controller has them (none, usually)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return
    for name, value in workerinput.get(WORKER_ENV, {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
