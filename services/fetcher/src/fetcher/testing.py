"""Loopback HTTP servers for tests and benchmarks: routes with fixture replies, a request log."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What a route answers. An iterable ``body`` is streamed without a Content-Length."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0


@dataclass(frozen=True)
class Seen:
    """One request the server received, and when (``time.monotonic()`` on arrival)."""

    method: str
    path: str
    headers: dict[str, str]
    at: float = 0.0


Route = Reply | Callable[[Seen], Reply]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        seen = Seen("GET", self.path, headers, time.monotonic())
        owner = self.server.owner
        owner.requests.append(seen)
        route = owner.routes.get(self.path) or owner.routes.get(self.path.split("?", 1)[0])
        reply = Reply(404, body=b"not found") if route is None else route
        if callable(reply):
            reply = reply(seen)
        time.sleep(reply.delay)
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if isinstance(reply.body, bytes):
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
            return
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for chunk in reply.body:
            self.wfile.write(chunk)
            self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read ``requests`` instead."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LoopbackServer


class _Server6(_Server):
    address_family = socket.AF_INET6


class LoopbackServer:
    """A threaded HTTP/1.1 server on a loopback address (refuses any other address)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"{host} is not a loopback address")
        server_class = _Server6 if ":" in host else _Server
        self._server = server_class((host, port), _Handler)
        self._server.owner = self
        self.host = host
        self.port = int(self._server.server_address[1])
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def origin(self) -> str:
        """``http://host:port`` (IPv6 hosts in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.origin + path

    def route(self, path: str, reply: Route | None = None, **fields: Any) -> str:
        """Serve ``reply`` (or ``Reply(**fields)``) at ``path``; returns the route's URL."""
        self.routes[path] = reply if reply is not None else Reply(**fields)
        return self.url(path)

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (query string ignored)."""
        return sum(1 for seen in self.requests if seen.path.split("?", 1)[0] == path)
