"""docs/asyncapi/ holds what FastStream generates from the code, valid for the AsyncAPI CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

DOCS = ROOT / "docs" / "asyncapi"
NAMES = ["fetcher-worker", "fetcher-scheduler", "extractor", "indexer"]
ASYNCAPI = ROOT / "tools" / "asyncapi" / "node_modules" / ".bin" / "asyncapi"
# The generator runs with every socket connection refused: building a document never reaches
# for Kafka (or anything else).
NO_CONNECTIONS = """
import socket, sys
def refuse(self, address, *args):
    raise SystemExit(f"the generator tried to connect to {address!r}")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
from newsdesk_cli.apidocs import main
sys.exit(main(sys.argv[1:]))
"""


def generate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS": "kafka.invalid:9092"}
    return subprocess.run(
        [sys.executable, "-c", NO_CONNECTIONS, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_committed_documents_match_the_code() -> None:
    assert sorted(path.stem for path in DOCS.glob("*.json")) == sorted(NAMES)
    done = generate("--check")
    assert done.returncode == 0, done.stderr[-2000:]
    for name in NAMES:
        document = json.loads((DOCS / f"{name}.json").read_text())
        assert document["asyncapi"] == "3.0.0"
        assert document["servers"]["development"]["host"] == "127.0.0.1:9092"  # env ignored


def test_a_stale_document_is_named_with_the_make_target(tmp_path: Path) -> None:
    shutil.copytree(DOCS, tmp_path, dirs_exist_ok=True)
    stale = tmp_path / "extractor.json"
    document = json.loads(stale.read_text())
    document["channels"].pop(next(iter(document["channels"])))
    stale.write_text(json.dumps(document, indent=2) + "\n")
    done = generate("--check", "--out", str(tmp_path))
    assert done.returncode == 1
    assert str(stale) in done.stderr
    assert "make docs" in done.stderr
    assert "indexer.json" not in done.stderr


def asyncapi_validate(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None:
        pytest.fail("node (Node.js 20) is not on PATH: the AsyncAPI CLI needs it")
    if not ASYNCAPI.exists():
        pytest.fail(f"{ASYNCAPI} is missing: run `make setup` (npm ci in tools/asyncapi)")
    analytics = tmp_path / "asyncapi-analytics.json"
    analytics.write_text('{"analyticsEnabled": "false", "infoMessageShown": "true"}')
    env = {
        **os.environ,
        "CI": "true",  # with the two below: no usage metrics, no update check over the network
        "ASYNCAPI_METRICS_CONFIG_PATH": str(analytics),
        "ASYNCAPI_SKIP_NEW_VERSION_CHECK": "true",
        "SUPPRESS_NO_CONFIG_WARNING": "true",
    }
    return subprocess.run(
        [str(ASYNCAPI), "validate", str(path), "--fail-severity=warn"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_installed_is_the_pinned_one() -> None:
    tools = ROOT / "tools" / "asyncapi"
    pinned = json.loads((tools / "package.json").read_text())["dependencies"]["@asyncapi/cli"]
    locked = json.loads((tools / "package-lock.json").read_text())["packages"]
    assert locked["node_modules/@asyncapi/cli"]["version"] == pinned
    installed = tools / "node_modules" / "@asyncapi" / "cli" / "package.json"
    assert installed.exists(), "run `make setup` (npm ci in tools/asyncapi)"
    assert json.loads(installed.read_text())["version"] == pinned


@pytest.mark.parametrize("name", NAMES)
def test_the_document_is_valid_for_the_asyncapi_cli(name: str, tmp_path: Path) -> None:
    done = asyncapi_validate(DOCS / f"{name}.json", tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "is valid" in done.stdout


def test_the_asyncapi_cli_refuses_a_broken_document(tmp_path: Path) -> None:
    document = json.loads((DOCS / "indexer.json").read_text())
    document["operations"] = {"broken": {"action": "listen"}}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document))
    done = asyncapi_validate(broken, tmp_path)
    assert done.returncode != 0
