"""Running a service's FastStream app as a process: logging, then the app until a signal."""

from __future__ import annotations

import asyncio
import logging
import sys

from faststream import FastStream

LOG_FORMAT = "%(asctime)s %(levelname)-8s - %(name)s: %(message)s"


def run_app(app: FastStream, *, log_level: str = "INFO") -> None:
    """Log to stderr at ``log_level`` and run ``app`` until SIGINT or SIGTERM stops it."""
    level = logging.getLevelName(log_level.upper())
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)
    asyncio.run(app.run(log_level=level))
