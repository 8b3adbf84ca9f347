"""Index lifecycle: index versions, alias states, and the ILM policies on a server with ILM."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from newsdesk.lifecycle import (
    LIVE_POLICY,
    RETIRED_POLICY,
    AliasStatus,
    apply_policies,
    behind_warnings,
    load_policies,
    version_in,
)
from newsdesk.search import load_templates, make_client
from newsdesk.settings import ElasticsearchSettings, NewsdeskSettings

TEMPLATES = NewsdeskSettings().templates_dir
DURATION = re.compile(r"^\d+(ms|s|m|h|d)$")


@pytest.mark.parametrize(
    ("index", "version"),
    [
        pytest.param("newsdesk-articles-v1", 1, id="v1"),
        pytest.param("newsdesk-articles-v12", 12, id="v12"),
        pytest.param("newsdesk-articles", None, id="no-version"),
        pytest.param("newsdesk-articles-v2-old", None, id="suffix"),
        pytest.param("other-articles-v2", None, id="other-alias"),
    ],
)
def test_version_in_an_index_name(index: str, version: int | None) -> None:
    assert version_in(index, "newsdesk-articles") == version


@pytest.mark.parametrize(
    ("live", "template", "state"),
    [
        pytest.param(None, 1, "missing", id="no-index"),
        pytest.param(1, 1, "current", id="same-version"),
        pytest.param(1, 2, "behind", id="template-newer"),
        pytest.param(3, 2, "ahead", id="template-older"),
    ],
)
def test_alias_state(live: int | None, template: int, state: str) -> None:
    status = AliasStatus("newsdesk-events", "newsdesk-events", template)
    if live is not None:
        status.live_index, status.live_version = f"newsdesk-events-v{live}", live
    assert status.state == state
    warnings = behind_warnings([status])
    assert bool(warnings) == (state == "behind")
    if warnings:
        assert "newsdesk index migrate" in warnings[0]
        assert f"newsdesk-events-v{template}" in warnings[0]


def test_the_live_policy_never_deletes_and_the_retired_one_does() -> None:
    policies = load_policies(TEMPLATES)
    assert set(policies) == {LIVE_POLICY, RETIRED_POLICY}
    for name, body in policies.items():
        for phase, spec in body["policy"]["phases"].items():
            assert phase in {"hot", "warm", "cold", "frozen", "delete"}, name
            assert DURATION.match(spec["min_age"]), (name, phase)
    assert "delete" not in policies[LIVE_POLICY]["policy"]["phases"]
    assert "delete" in policies[RETIRED_POLICY]["policy"]["phases"]["delete"]["actions"]


class _IlmCluster(BaseHTTPRequestHandler):
    """A loopback stand-in for an Elasticsearch with ILM: records what it is asked."""

    requests: ClassVar[list[tuple[str, str, Any]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.requests.append((self.command, self.path, body))
        path = self.path.split("?")[0]
        if path.startswith("/_alias/"):
            alias = path.removeprefix("/_alias/")
            payload: dict[str, Any] = {f"{alias}-v1": {"aliases": {alias: {}}}}
        elif path.endswith("/_count"):
            payload = {"count": 3}
        elif path == "/_ilm/status":
            payload = {"operation_mode": "RUNNING"}
        else:
            payload = {"acknowledged": True}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def ilm_cluster() -> Iterator[str]:
    _IlmCluster.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _IlmCluster)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


async def test_a_server_with_ilm_gets_the_policies_and_the_live_indices_their_policy(
    ilm_cluster: str,
) -> None:
    es = make_client(ElasticsearchSettings(url=ilm_cluster))
    try:
        report = await apply_policies(es, TEMPLATES)
    finally:
        await es.close()
    assert report.supported is True
    assert sorted(report.policies) == [LIVE_POLICY, RETIRED_POLICY]
    policies = load_policies(TEMPLATES)
    put = {path: body for method, path, body in _IlmCluster.requests if method == "PUT"}
    for name, body in policies.items():
        assert put[f"/_ilm/policy/{name}"] == body
    live = [f"{t.alias}-v1" for t in load_templates(TEMPLATES)]
    assert sorted(report.indices) == sorted(live)
    for index in live:
        assert put[f"/{index}/_settings"] == {"index.lifecycle.name": LIVE_POLICY}
