"""What a running ``newsdesk run`` tells other commands: its services, their states and restarts.

``newsdesk status`` is another process, so the runner publishes a small JSON file, rewritten
(atomically) whenever a service starts, dies or is restarted::

    <run dir>/run-<hash of the Kafka bootstrap servers>.json

The run directory is ``NEWSDESK_RUN_DIR``, by default ``$XDG_RUNTIME_DIR/newsdesk`` or
``~/.cache/newsdesk/runs``. Naming the file after the Kafka address means ``status``, pointed at
the same broker as the run, finds that run's file and no other: runs on other ports (tests, a
second stack) each have their own. The file is removed when the run stops; a file whose runner
process is gone (killed with SIGKILL) is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk_cli.supervisor import ServiceView

VERSION = 1


def run_dir() -> Path:
    """Where runs publish their state (``NEWSDESK_RUN_DIR``, else a per-user directory)."""
    configured = os.environ.get("NEWSDESK_RUN_DIR")
    if configured:
        return Path(configured)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "newsdesk"
    return Path.home() / ".cache" / "newsdesk" / "runs"


def state_path(bootstrap_servers: str, directory: Path | None = None) -> Path:
    """The state file of the run serving the broker at ``bootstrap_servers``."""
    digest = hashlib.sha256(bootstrap_servers.strip().encode()).hexdigest()[:16]
    return (directory or run_dir()) / f"run-{digest}.json"


@dataclass
class RunState:
    """A run's supervision state as ``status`` reads it."""

    pid: int
    kafka: str
    elasticsearch: str
    started_at: str
    updated_at: str = ""
    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: int = VERSION

    @property
    def restarts(self) -> dict[str, int]:
        """Restarts per service."""
        return {name: int(view.get("restarts", 0)) for name, view in self.services.items()}

    @property
    def states(self) -> dict[str, str]:
        """State per service (running, backoff, done, stopped, failed)."""
        return {name: str(view.get("state", "unknown")) for name, view in self.services.items()}


def now_iso() -> str:
    """The current time as ISO 8601 UTC."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class RunStateFile:
    """The runner's side: writes the state on each change, removes it at the end."""

    def __init__(self, path: Path, *, kafka: str, elasticsearch: str) -> None:
        self.path = path
        self.state = RunState(os.getpid(), kafka, elasticsearch, started_at=now_iso())

    def write(self, views: list[ServiceView]) -> None:
        """Publish the services' states; a failure to write never stops the run."""
        self.state.updated_at = now_iso()
        self.state.services = {
            view.name: {
                "state": view.state,
                "pid": view.pid,
                "restarts": view.restarts,
                "last_exit": view.last_exit,
            }
            for view in views
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Write beside it, then rename: a reader sees the old file or the new, never half.
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".run-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(asdict(self.state), out)
                Path(temporary).replace(self.path)
            except OSError:
                Path(temporary).unlink(missing_ok=True)
                raise

    def remove(self) -> None:
        """Remove the file if it is still ours (a later run on the same broker may own it)."""
        current = read_state(self.path, check_alive=False)
        if current is not None and current.pid == self.state.pid:
            self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_state(path: Path, *, check_alive: bool = True) -> RunState | None:
    """The run state in ``path``; None when there is none, it is unreadable or its run is gone."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = RunState(**data)
    except (OSError, ValueError, TypeError):
        return None
    if state.version != VERSION or (check_alive and not _alive(state.pid)):
        return None
    return state


def find_run(bootstrap_servers: str) -> RunState | None:
    """The state of the live run serving the broker at ``bootstrap_servers``, if there is one."""
    return read_state(state_path(bootstrap_servers))
