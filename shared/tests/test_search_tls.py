"""Elasticsearch over TLS: the server's certificate is checked against the configured CA file."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from elastic_transport import TlsError

from newsdesk.search import INTERACTIVE_CLIENT, make_client
from newsdesk.settings import ElasticsearchSettings

INFO = {"name": "tls", "version": {"number": "8.15.0", "build_flavor": "default"}}


class _Info(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps(INFO).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def https_url(tls_files: Any) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with a certificate of the tests' CA, answering ``GET /``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Info)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls_files.server_cert, tls_files.server_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


async def test_the_configured_ca_file_is_trusted(https_url: str, tls_files: Any) -> None:
    es = make_client(
        ElasticsearchSettings(url=https_url, ca_certs=tls_files.ca), INTERACTIVE_CLIENT
    )
    try:
        assert (await es.info())["name"] == "tls"
    finally:
        await es.close()


async def test_without_it_the_certificate_is_refused(https_url: str) -> None:
    es = make_client(ElasticsearchSettings(url=https_url), INTERACTIVE_CLIENT)
    try:
        with pytest.raises(TlsError):
            await es.info()
    finally:
        await es.close()
