"""``newsdesk setup topics|indices``: what the compose and Kubernetes setup jobs run.

Each test uses servers of its own (fresh, so "created" means created here): the session stack
already has its topics and templates.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import subprocess
import time
from collections.abc import Iterator

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from typer.testing import CliRunner, Result

from newsdesk import topics
from newsdesk.search import load_templates, make_client
from newsdesk.settings import ElasticsearchSettings
from newsdesk_cli.local import LocalStack, free_port
from newsdesk_cli.main import app
from tests.helpers import NEWSDESK, ROOT

runner = CliRunner()

pytestmark = pytest.mark.integration


@pytest.fixture
def fresh_stack() -> Iterator[LocalStack]:
    """tansu and noida-db with nothing created yet."""
    with LocalStack.on_free_ports() as stack:
        yield stack


def _env(stack: LocalStack) -> dict[str, str]:
    return {**os.environ, **stack.env(), "NEWSDESK_KAFKA__PARTITIONS": "3"}


def setup(*args: str, env: dict[str, str]) -> Result:
    """``newsdesk setup ...`` in this process (the CLI takes seconds to import in a new one)."""
    return runner.invoke(app, ["setup", *args], env=env)


async def _described(bootstrap: str) -> dict[str, tuple[int, dict[str, str]]]:
    """Partitions and explicitly set configs of every newsdesk topic, as the broker has them."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        names = [spec.name for spec in topics.topic_specs(1)]
        described = await admin.describe_topics(names)
        resources = [ConfigResource(ConfigResourceType.TOPIC, name) for name in names]
        responses = await admin.describe_configs(resources)
    finally:
        await admin.close()
    configs = {
        resource[3]: {entry[0]: entry[1] for entry in resource[4]}
        for response in responses
        for resource in response.resources
    }
    return {t["topic"]: (len(t["partitions"]), configs[t["topic"]]) for t in described}


def test_setup_topics_creates_every_topic_as_specified_then_changes_nothing(
    fresh_stack: LocalStack,
) -> None:
    first = setup("topics", "--json", env=_env(fresh_stack))
    assert first.exit_code == 0, first.stderr
    report = json.loads(first.stdout)
    specs = topics.topic_specs(3)
    assert sorted(report["created"]) == sorted(spec.name for spec in specs)

    on_broker = asyncio.run(_described(fresh_stack.kafka_bootstrap))
    for spec in specs:
        partitions, configs = on_broker[spec.name]
        assert partitions == spec.partitions
        assert {key: configs.get(key) for key in spec.configs} == spec.configs

    again = setup("topics", "--json", env=_env(fresh_stack))
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["created"] == []
    assert all(not row["created"] for row in json.loads(again.stdout)["topics"])


def test_setup_indices_installs_templates_and_aliases_once(fresh_stack: LocalStack) -> None:
    first = setup("indices", "--json", env=_env(fresh_stack))
    assert first.exit_code == 0, first.stderr
    report = json.loads(first.stdout)
    indices = {t.alias: t.index for t in load_templates(ROOT / "deploy" / "elasticsearch")}
    assert sorted(report["created"]) == sorted(indices.values())
    # noida-db has no ILM: the policies are reported as not applied, and that is no failure.
    assert report["ilm"]["supported"] is False
    assert "no ILM" in report["ilm"]["note"]

    async def aliases() -> dict[str, list[str]]:
        es = make_client(ElasticsearchSettings(url=fresh_stack.es_url))
        try:
            found = {}
            for alias in ("newsdesk-articles", "newsdesk-events"):
                response = await es.indices.get_alias(name=alias)
                found[alias] = sorted(response.body)
            return found
        finally:
            await es.close()

    assert asyncio.run(aliases()) == {alias: [index] for alias, index in indices.items()}
    again = setup("indices", "--json", env=_env(fresh_stack))
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["created"] == []


def test_setup_waits_for_backends_that_start_late() -> None:
    stack = LocalStack(kafka_port=free_port(), es_port=free_port())
    env = _env(stack)
    jobs = {
        name: subprocess.Popen(
            [*NEWSDESK, "setup", name, "--json", "--timeout", "90"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("topics", "indices")
    }
    try:
        # Each job has found nothing listening and said so before the servers start.
        first_lines = {name: _first_line(job, within=60) for name, job in jobs.items()}
        assert all(line.startswith("waiting for") for line in first_lines.values()), first_lines
        with stack:
            results = {name: job.communicate(timeout=90) for name, job in jobs.items()}
    finally:
        for job in jobs.values():
            if job.poll() is None:
                job.kill()
    for name, (out, errors) in results.items():
        assert jobs[name].returncode == 0, errors
        assert json.loads(out)["created"], name


def _first_line(job: subprocess.Popen[str], within: float) -> str:
    """The first line the job writes to stderr, or a failure after ``within`` seconds."""
    assert job.stderr is not None
    ready, _, _ = select.select([job.stderr], [], [], within)
    assert ready, f"no output within {within:.0f} s"
    return job.stderr.readline()


def test_setup_gives_up_after_its_timeout_with_one_readable_error() -> None:
    env = {
        **os.environ,
        "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",
        "NEWSDESK_ELASTICSEARCH__URL": f"http://127.0.0.1:{free_port()}",
    }
    for name, backend in (("topics", "Kafka"), ("indices", "Elasticsearch")):
        result = setup(name, "--timeout", "2", env=env)
        assert result.exit_code == 1
        assert f"{backend} at " in result.stderr
        assert "did not answer within 2 s" in result.stderr
        assert "Traceback" not in result.stderr


def test_setup_indices_refuses_a_missing_templates_folder_without_waiting(
    tmp_path: os.PathLike[str],
) -> None:
    env = {
        **os.environ,
        "NEWSDESK_ELASTICSEARCH__URL": f"http://127.0.0.1:{free_port()}",
        "NEWSDESK_TEMPLATES_DIR": str(tmp_path),
    }
    started = time.monotonic()
    result = setup("indices", "--timeout", "60", env=env)
    assert result.exit_code == 1
    assert "no index templates" in result.stderr
    assert time.monotonic() - started < 30
