"""docker-compose.yml: the Compose specification's schema, compose-lint, and what those cannot see.

No Docker engine runs here; `docker compose config` is not available either, so the file is read
as YAML (anchors resolved) and checked against the Compose specification's own JSON schema.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.deploy.conftest import COMPOSE_FILE, DOCKERFILES, PINNED, Doc, run, tool
from tests.deploy.settings_names import parse, unknown
from tests.helpers import ROOT

SCHEMA = Path(__file__).parent / "schemas" / "compose-spec.json"
VARIABLE = re.compile(r"\$\{(\w+)(?::?[?-][^}]*)?\}")
PROBE_PORT = re.compile(r"http://127\.0\.0\.1:(\d+)/healthz")


def image_of(service: Doc) -> str | None:
    """The newsdesk image a service runs (by its Dockerfile), or None for a third-party one."""
    build = service.get("build")
    if build is None:
        return None
    dockerfile = (ROOT / build["context"] / build["dockerfile"]).resolve()
    return next(name for name, path in DOCKERFILES.items() if path == dockerfile)


def long_running(services: Doc) -> dict[str, Doc]:
    """The services that stay up (the setup jobs have restart: "no")."""
    return {name: svc for name, svc in services.items() if svc.get("restart") != "no"}


def test_compose_file_follows_the_compose_specification_schema(compose: Doc) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(compose)]
    assert errors == []
    broken = {**compose, "services": {**compose["services"], "extractor": {"scale_to": 3}}}
    assert not validator.is_valid(broken), "the schema must reject unknown service keys"


def test_compose_lint_finds_nothing_at_its_strictest() -> None:
    result = run(
        tool("compose-lint"), "check", "--no-env", "--fail-on", "low", "--strict-config",
        "--config", ".compose-lint.yml", str(COMPOSE_FILE),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_long_running_container_has_a_healthcheck(compose: Doc) -> None:
    for name, service in long_running(compose["services"]).items():
        assert service["restart"] == "unless-stopped", name
        check = service.get("healthcheck", {})
        assert check.get("test"), f"{name} has no healthcheck"
        image = image_of(service)
        if image is None:
            continue
        prefix = image.upper() + "_"
        assert service["environment"][f"{prefix}METRICS_HOST"] == "0.0.0.0", name
        probe = PROBE_PORT.search(" ".join(check["test"]))
        assert probe, f"{name} does not probe /healthz"
        assert int(probe.group(1)) == int(service["environment"][f"{prefix}METRICS_PORT"]), name


def test_dependencies_wait_for_health_or_completion(compose: Doc) -> None:
    services = compose["services"]
    for name, service in services.items():
        for target, rule in service.get("depends_on", {}).items():
            condition = rule["condition"]
            if services[target].get("restart") == "no":
                assert condition == "service_completed_successfully", (name, target)
            else:
                assert condition == "service_healthy", (name, target)
                assert "healthcheck" in services[target]


def test_ports_listen_on_loopback_and_the_extractor_can_scale(compose: Doc) -> None:
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"
    extractor = compose["services"]["extractor"]
    assert "container_name" not in extractor
    assert "ports" not in extractor


def test_newsdesk_containers_are_read_only_unprivileged_and_bounded(compose: Doc) -> None:
    for name, service in compose["services"].items():
        assert "no-new-privileges:true" in service.get("security_opt", []), name
        assert service.get("deploy", {}).get("resources", {}).get("limits"), name
        if image_of(service) is not None:
            assert service["read_only"] is True, name
            assert any(str(mount).startswith("/tmp") for mount in service["tmpfs"]), name
            assert service["cap_drop"] == ["ALL"], name


def test_extractor_tmpfs_holds_what_its_text_stage_unpacks(compose: Doc, tmp_needed: int) -> None:
    mounts = [str(m) for m in compose["services"]["extractor"]["tmpfs"]]
    size = re.search(r"^/tmp:size=(\d+)m", mounts[0])
    assert size, "the extractor's /tmp needs a size"
    assert int(size.group(1)) * 2**20 >= tmp_needed


def test_images_are_pinned_or_built_here(compose: Doc) -> None:
    for name, service in compose["services"].items():
        if image_of(service) is None:
            assert PINNED.match(service["image"]), f"{name}: {service['image']} is not pinned"
        else:
            assert service["image"].endswith(":local"), name


def test_named_volumes_are_declared_and_bind_mounts_exist(compose: Doc) -> None:
    declared = set(compose.get("volumes", {}))
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).is_dir(), f"{name} mounts {source}, which is not there"
            else:
                assert source in declared, f"{name} uses undeclared volume {source}"


def test_every_variable_compose_reads_is_in_env_example(
    compose: Doc, env_example: dict[str, str]
) -> None:
    used = set(VARIABLE.findall(COMPOSE_FILE.read_text(encoding="utf-8")))
    assert used <= set(env_example), f"missing from .env.example: {used - set(env_example)}"
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_newsdesk_env_names_are_real_settings_and_their_values_parse(
    compose: Doc, env_example: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interpolate(value: object) -> str:
        return VARIABLE.sub(lambda m: env_example[m.group(1)], str(value))

    checked = set()
    for name, service in compose["services"].items():
        image = image_of(service)
        if image is None:
            continue
        env = {key: interpolate(value) for key, value in service.get("environment", {}).items()}
        assert unknown(image, env) == [], f"{name} sets variables no setting reads"
        with monkeypatch.context() as patched:
            parse(image, env, patched)
        checked.add(image)
    assert checked == {"fetcher", "extractor", "indexer", "cli"}


def test_kibana_job_imports_the_saved_objects_the_cli_image_carries(compose: Doc) -> None:
    job = compose["services"]["kibana-setup"]
    assert image_of(job) == "cli"
    command = job["command"]
    assert command[:2] == ["setup", "kibana"]
    assert command[command.index("--url") + 1] == "http://kibana:5601"
    assert job["depends_on"] == {"kibana": {"condition": "service_healthy"}}
    assert job["environment"]["NEWSDESK_ELASTICSEARCH__USERNAME"] == "elastic"
    # The image copies deploy/ and points NEWSDESK_KIBANA_DIR at its kibana folder.
    dockerfile = DOCKERFILES["cli"].read_text(encoding="utf-8")
    assert "COPY deploy/ /opt/newsdesk/deploy/" in dockerfile
    assert "NEWSDESK_KIBANA_DIR=/opt/newsdesk/deploy/kibana" in dockerfile
    assert list((ROOT / "deploy" / "kibana").glob("*.ndjson"))


def test_make_up_says_plainly_when_docker_compose_is_missing(tmp_path: Path) -> None:
    fake = tmp_path / "docker"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # a docker without compose
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    for target in ("up", "down"):
        result = subprocess.run(
            ["make", "-s", target], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode != 0
        assert "'docker compose' is not available" in result.stdout
        assert "make run" in result.stdout
