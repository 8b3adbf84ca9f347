"""The scheduler's durable state in one SQLite file: the seen-set and conditional-GET validators."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from fetcher.client import Validators
from newsdesk.errors import ConfigError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, source TEXT, at REAL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen_order (n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT);
CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
"""


class SchedulerState:
    """A bounded seen-set (oldest forgotten first) and validators; ``None`` path = in memory.

    A file path also takes an exclusive lock beside it (``<file>.lock``): a second scheduler on
    the same state waits (see :meth:`lock`) instead of emitting the same URLs twice.
    """

    def __init__(self, path: Path | None = None, *, max_seen: int = 1_000_000) -> None:
        self.path = path
        self.max_seen = max_seen
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._lock_fd: int | None = None

    def lock(self, *, wait: bool = True, poll: float = 1.0) -> None:
        """Become the one active scheduler of this state file (no-op in memory)."""
        if self.path is None or self._lock_fd is not None:
            return
        fd = os.open(f"{self.path}.lock", os.O_CREAT | os.O_RDWR, 0o644)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    os.close(fd)
                    raise ConfigError(f"another scheduler holds {self.path}.lock") from None
                time.sleep(poll)
                continue
            self._lock_fd = fd
            return

    def close(self) -> None:
        """Release the lock and close the database."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self._db.close()

    def unseen(self, keys: Iterable[str]) -> list[str]:
        """The keys not yet in the seen-set, in order, without duplicates."""
        fresh: list[str] = []
        for key in dict.fromkeys(keys):
            if self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is None:
                fresh.append(key)
        return fresh

    def mark_seen(self, keys: Iterable[str], source: str = "") -> None:
        """Remember ``keys``; forgets the oldest keys beyond ``max_seen``."""
        now = time.time()
        with self._transaction():
            for key in keys:
                inserted = self._db.execute(
                    "INSERT OR IGNORE INTO seen (key, source, at) VALUES (?, ?, ?)",
                    (key, source, now),
                ).rowcount
                if inserted:
                    self._db.execute("INSERT INTO seen_order (key) VALUES (?)", (key,))
            self._evict()

    def _evict(self) -> None:
        count = self._db.execute("SELECT COUNT(*) FROM seen_order").fetchone()[0]
        excess = count - self.max_seen
        if excess <= 0:
            return
        oldest = self._db.execute(
            "SELECT n, key FROM seen_order ORDER BY n LIMIT ?", (excess,)
        ).fetchall()
        self._db.executemany("DELETE FROM seen WHERE key = ?", [(key,) for _, key in oldest])
        self._db.execute("DELETE FROM seen_order WHERE n <= ?", (oldest[-1][0],))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])

    def validators(self, url: str) -> Validators | None:
        """The validators last saved for ``url``."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
        ).fetchone()
        return Validators(row[0], row[1]) if row else None

    def save_validators(self, url: str, validators: Validators) -> None:
        """Remember what to send for a conditional GET of ``url`` next time."""
        self._db.execute(
            "INSERT OR REPLACE INTO validators (url, etag, last_modified) VALUES (?, ?, ?)",
            (url, validators.etag, validators.last_modified),
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN")

    def __exit__(self, kind: object, *_: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
