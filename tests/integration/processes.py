"""A newsdesk service as a real process for the running-well tests: its lines, its endpoints."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import httpx
from prometheus_client.parser import text_string_to_metric_families

from newsdesk_cli.local import free_port


class ServiceProcess:
    """``python -m <package>`` with its output (stdout and stderr) read line by line as it comes.

    ``on_line`` runs an action in the reader thread at the first matching line, with no delay:
    the fault tests send SIGTERM that way while a batch is in flight.
    """

    def __init__(self, package: str, env: dict[str, str], *, args: tuple[str, ...] = ()) -> None:
        self.package = package
        self.port = free_port()
        prefix = package.upper()
        self.env = {
            **env,
            f"{prefix}_METRICS_PORT": str(self.port),
            f"{prefix}_METRICS_HOST": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
        }
        self.lines: list[tuple[float, str]] = []
        self.hooks: list[tuple[str, Callable[[], None]]] = []
        self.signalled_at: float | None = None
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "-m", package, *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._lock:
                self.lines.append((time.monotonic(), line))
                due = [hook for hook in self.hooks if hook[0] in line]
                self.hooks = [hook for hook in self.hooks if hook not in due]
            for _, action in due:
                action()

    def on_line(self, contains: str, action: Callable[[], None]) -> None:
        """Run ``action`` at the first line from now that contains ``contains``."""
        with self._lock:
            self.hooks.append((contains, action))

    def terminate(self) -> None:
        """SIGTERM to the service's main process (as Kubernetes or ``docker stop`` does)."""
        self.signalled_at = time.monotonic()
        os.kill(self.process.pid, signal.SIGTERM)

    def wait(self, within: float) -> int:
        """The exit code; fails the test if the process runs ``within`` seconds longer."""
        try:
            return self.process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{self.package} still runs after {within:.0f} s") from None

    def kill(self) -> None:
        """SIGKILL to its process group (its helpers too); the cleanup of every test."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self._reader.join(timeout=5)

    def text(self, since: float = 0.0) -> list[str]:
        """Every line it printed (from ``since``, a monotonic time)."""
        with self._lock:
            return [line for at, line in self.lines if at >= since]

    def get(self, path: str) -> httpx.Response | None:
        """GET ``path`` on its health and metrics port; None while nothing answers there."""
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}{path}", timeout=5)
        except httpx.HTTPError:
            return None

    def samples(self, name: str, **labels: str) -> float:
        """The sum of the samples ``name`` with ``labels`` on its ``/metrics`` (0 if none)."""
        response = self.get("/metrics")
        if response is None or response.status_code != 200:
            return 0.0
        total = 0.0
        for family in text_string_to_metric_families(response.text):
            for sample in family.samples:
                if sample.name == name and all(
                    sample.labels.get(k) == v for k, v in labels.items()
                ):
                    total += sample.value
        return total

    def tail(self, lines: int = 40) -> str:
        """The end of its output, for failure messages."""
        return "\n".join(self.text()[-lines:])


def poll(probe: Callable[[], object], within: float, what: str) -> object:
    """Call ``probe`` until it returns something truthy, every 0.2 s, failing after ``within``."""
    deadline = time.monotonic() + within
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within:.0f} s waiting for {what}")
        time.sleep(0.2)
