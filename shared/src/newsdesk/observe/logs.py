"""Log lines: plain and readable (the local default) or one JSON object per line.

A JSON line has ``timestamp`` (UTC, ISO 8601), ``level``, ``service``, ``logger`` and
``message``, then whichever of ``article_id``, ``url``, ``topic``, ``partition``, ``offset``,
``stage`` and ``reason`` the line is about: given as logging ``extra`` (the outbox does for each
dead letter) or bound for a block with :func:`log_context`; ``exception`` when there is one.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

PLAIN_FORMAT = "%(asctime)s %(levelname)-8s - %(name)s: %(message)s"
#: The fields a line may carry about the record it concerns.
CONTEXT_FIELDS = ("article_id", "url", "topic", "partition", "offset", "stage", "reason")
#: FastStream's loggers (they do not propagate): the app's and the Kafka broker's.
FASTSTREAM_LOGGERS = ("faststream", "faststream.access.kafka")
_context: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar("log_context")


@contextlib.contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Add ``fields`` to every line logged in this block (this task and the threads it starts
    with ``asyncio.to_thread``, which copy the context)."""
    token = _context.set({**_context.get({}), **fields})
    try:
        yield
    finally:
        _context.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        bound = _context.get({})
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value is None:
                value = bound.get(name)
            if value not in (None, ""):
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(log_format: str, level: str, service: str) -> None:
    """Log to stderr at ``level``; with ``json``, every handler already set up writes JSON too
    (FastStream's own loggers have handlers of their own and do not propagate)."""
    numeric = logging.getLevelName(level.upper())
    formatter: logging.Formatter = (
        JsonFormatter(service) if log_format == "json" else logging.Formatter(PLAIN_FORMAT)
    )
    root = logging.getLogger()
    root.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root.addHandler(handler)
    root.setLevel(numeric)
    if log_format == "json":
        # FastStream adds its coloured stdout handler to these unless one is there already.
        for name in FASTSTREAM_LOGGERS:
            own = logging.getLogger(name)
            if not own.handlers:
                own.addHandler(logging.StreamHandler(sys.stdout))
        for logger in _loggers_with_handlers():
            for own_handler in logger.handlers:
                own_handler.setFormatter(formatter)


def _loggers_with_handlers() -> Iterator[logging.Logger]:
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if logger.handlers:
            yield logger
