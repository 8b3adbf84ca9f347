"""Fixtures of the deploy checks: the files, the rendered manifests and the tools that read them.

Nothing here needs Docker or a cluster: the ecosystem's own validators (hadolint, kubectl's
kustomize, kubernetes-validate, compose-lint, checkov, the Compose schema) run on the files.
"""

from __future__ import annotations

import json
import lzma
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import py3langid
import pytest
import yaml

from tests.helpers import ROOT

BIN = Path(sys.executable).parent
CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
COMPOSE_FILE = ROOT / "docker-compose.yml"
K8S = ROOT / "deploy" / "k8s"
KUSTOMIZATIONS = {
    "base": K8S / "base",
    "dev": K8S / "overlays" / "dev",
    "prod": K8S / "overlays" / "prod",
}
OVERLAYS = ("dev", "prod")
#: The Dockerfile of each image, by the workspace member it runs.
DOCKERFILES = {
    "fetcher": ROOT / "services" / "fetcher" / "Dockerfile",
    "extractor": ROOT / "services" / "extractor" / "Dockerfile",
    "indexer": ROOT / "services" / "indexer" / "Dockerfile",
    "cli": ROOT / "services" / "cli" / "Dockerfile",
}
#: A third-party image reference pinned by version tag and digest.
PINNED = re.compile(r"^[\w./-]+:\d+(\.\d+)+[\w.-]*@sha256:[0-9a-f]{64}$")

Doc = dict[str, Any]


def tool(name: str) -> str:
    """A validator ``make setup`` installs in the virtualenv (never skipped: it must be there)."""
    path = BIN / name
    assert path.exists(), f"{name} is missing from {BIN}: run `make setup`"
    return str(path)


def run(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a validator from the repository root and capture what it says."""
    return subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="session")
def compose() -> Doc:
    """docker-compose.yml as YAML (anchors and merge keys resolved, variables not)."""
    return dict(yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def env_example() -> dict[str, str]:
    """The variables .env.example defines (what `cp .env.example .env` gives docker compose)."""
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def kustomize(path: Path) -> list[Doc]:
    """``kubectl kustomize`` of one kustomization: the documents it renders."""
    result = run(tool("kubectl"), "kustomize", str(path))
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="session")
def rendered() -> dict[str, list[Doc]]:
    """The base and each overlay, rendered by kustomize (the one kubectl ships)."""
    return {name: kustomize(path) for name, path in KUSTOMIZATIONS.items()}


def of_kind(docs: list[Doc], kind: str) -> list[Doc]:
    """The documents of one kind."""
    return [doc for doc in docs if doc["kind"] == kind]


def named(docs: list[Doc], kind: str, name: str) -> Doc:
    """The one document of that kind and name."""
    found = [doc for doc in of_kind(docs, kind) if doc["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name!r}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="session")
def checkov_report(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> list[Doc]:
    """One checkov run over the Dockerfiles, the compose files and both rendered overlays.

    checkov takes seconds per framework, so it runs once per session; the time is printed.
    ``--skip-download`` keeps it offline (it would otherwise ask Prisma Cloud for guidelines).
    """
    assert CHECKOV.exists(), f"{CHECKOV} is missing: run `make setup`"
    manifests = tmp_path_factory.mktemp("manifests")
    for overlay in OVERLAYS:
        (manifests / f"{overlay}.yaml").write_text(
            yaml.safe_dump_all(kustomize(KUSTOMIZATIONS[overlay])), encoding="utf-8"
        )
    files = [
        *DOCKERFILES.values(),
        COMPOSE_FILE,
        ROOT / ".env.example",
        manifests / "dev.yaml",
        manifests / "prod.yaml",
    ]
    argv = [str(CHECKOV), "--framework", "dockerfile", "kubernetes", "secrets"]
    argv += ["--skip-download", "--quiet", "--compact", "--output", "json"]
    for path in files:
        argv += ["--file", str(path)]
    started = time.monotonic()
    result = run(*argv, timeout=600)
    elapsed = time.monotonic() - started
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\ncheckov: {len(files)} files in {elapsed:.1f} s")
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: some check failed
    reports = json.loads(result.stdout)
    return reports if isinstance(reports, list) else [reports]


@pytest.fixture(scope="session")
def tmp_needed() -> int:
    """Bytes a text-stage worker writes to /tmp when it starts: py3langid unpacks its model there.

    The extractor's /tmp must hold two (a worker replaced while another starts); found by
    running the extractor on a read-only root filesystem with a 64 MiB /tmp, where it failed.
    """
    model = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
    with lzma.open(model) as unpacked:
        size = sum(len(chunk) for chunk in iter(lambda: unpacked.read(1 << 20), b""))
    return 2 * size
