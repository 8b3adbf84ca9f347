"""``newsdesk setup kibana`` against a loopback stand-in for Kibana's saved-objects import API.

The stand-in does what matters of the real endpoint: it wants the ``kbn-xsrf`` header and the
credentials, reads the ``file`` part of a multipart body, refuses objects whose references it
does not have, and with ``overwrite=true`` replaces objects of the same type and id.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from newsdesk.settings import find_kibana_dir
from newsdesk_cli.main import app

KIBANA = find_kibana_dir()
USER, PASSWORD = "elastic", "kibana-import-pw-41c7"


@dataclass
class Received:
    """One import request as the stand-in saw it."""

    query: dict[str, list[str]]
    headers: dict[str, str]
    filename: str
    content: bytes


@dataclass
class StandIn:
    """The stand-in's state: the stored objects, the requests, what to answer first."""

    url: str = ""
    objects: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    not_ready: int = 0


def _handler(state: StandIn) -> type[BaseHTTPRequestHandler]:
    class Kibana(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's naming
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("kbn-xsrf") is None:
                self._send(400, {"message": "Request must contain a kbn-xsrf header."})
                return
            token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {token}":
                self._send(401, {"message": "Unauthorized"})
                return
            if state.not_ready > 0:
                state.not_ready -= 1
                self._send(503, {"message": "Kibana server is not ready yet"})
                return
            head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
            message = BytesParser(policy=default).parsebytes(head + body)
            [part] = [
                p
                for p in message.iter_parts()
                if p.get_param("name", header="content-disposition") == "file"
            ]
            content = part.get_payload(decode=True)
            query = parse_qs(urlsplit(self.path).query)
            state.received.append(
                Received(query, dict(self.headers), part.get_filename() or "", content)
            )
            self._send(200, self._import(content, query.get("overwrite") == ["true"]))

        def _import(self, content: bytes, overwrite: bool) -> dict[str, Any]:
            incoming = [json.loads(line) for line in content.splitlines() if line.strip()]
            known = set(state.objects) | {(o["type"], o["id"]) for o in incoming}
            errors = []
            for obj in incoming:
                key = (obj["type"], obj["id"])
                missing = [r for r in obj["references"] if (r["type"], r["id"]) not in known]
                if missing:
                    errors.append(
                        {**obj, "error": {"type": "missing_references", "references": missing}}
                    )
                elif key in state.objects and not overwrite:
                    errors.append({**obj, "error": {"type": "conflict"}})
                else:
                    state.objects[key] = obj
            done = len(incoming) - len(errors)
            return {"success": not errors, "successCount": done, "errors": errors}

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Kibana


@pytest.fixture
def kibana() -> Iterator[StandIn]:
    state = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_port}"
    yield state
    server.shutdown()
    server.server_close()


def env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "NEWSDESK_ELASTICSEARCH__USERNAME": USER,
        "NEWSDESK_ELASTICSEARCH__PASSWORD": PASSWORD,
        "COLUMNS": "200",
        **extra,
    }


def setup_kibana(url: str, *args: str, **extra: str) -> Any:
    return CliRunner().invoke(app, ["setup", "kibana", "--url", url, *args], env=env(**extra))


def test_every_file_is_imported_in_order_as_a_multipart_file_with_the_headers(
    kibana: StandIn,
) -> None:
    result = setup_kibana(kibana.url, "--json")
    assert result.exit_code == 0, result.output
    files = sorted(KIBANA.glob("*.ndjson"))
    report = json.loads(result.stdout)["files"]
    assert [r["file"] for r in report] == [f.name for f in files]
    lines = [len(f.read_text().splitlines()) for f in files]
    assert [r["imported"] for r in report] == lines
    assert all(r["success"] and r["errors"] == [] for r in report)
    for request, path in zip(kibana.received, files, strict=True):
        assert request.query == {"overwrite": ["true"]}
        assert request.filename == path.name
        assert request.content == path.read_bytes()
        assert request.headers["kbn-xsrf"]
        assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert len(kibana.objects) == sum(lines)


def test_a_second_import_overwrites_the_same_objects_and_changes_nothing(kibana: StandIn) -> None:
    assert setup_kibana(kibana.url).exit_code == 0
    first = dict(kibana.objects)
    again = setup_kibana(kibana.url)
    assert again.exit_code == 0, again.output
    assert kibana.objects == first
    assert "imported" in again.stdout


def test_it_waits_for_a_kibana_that_is_not_ready_yet(kibana: StandIn) -> None:
    kibana.not_ready = 2
    result = setup_kibana(kibana.url, "--timeout", "30")
    assert result.exit_code == 0, result.output
    assert "waiting for Kibana" in result.stderr
    assert "HTTP 503" in result.stderr


def test_objects_kibana_refuses_fail_the_setup_naming_them(kibana: StandIn, tmp_path: Path) -> None:
    overview = next(KIBANA.glob("*overview.ndjson"))
    (tmp_path / overview.name).write_bytes(overview.read_bytes())  # without the data views
    result = setup_kibana(kibana.url, "--dir", str(tmp_path))
    assert result.exit_code == 1
    assert "missing_references" in result.stderr
    assert "index-pattern newsdesk-articles" in result.stderr


def test_refused_credentials_are_one_readable_error_without_the_password(
    kibana: StandIn,
) -> None:
    result = setup_kibana(kibana.url, NEWSDESK_ELASTICSEARCH__PASSWORD="wrong-pw-9d1e")
    assert result.exit_code == 1
    assert "refused the credentials" in result.output
    assert "wrong-pw-9d1e" not in result.output
    assert "Traceback" not in result.output


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = setup_kibana("http://127.0.0.1:9", "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert "no saved objects" in result.output
