"""Session fixtures for cross-service tests: the real local servers and the services on them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import LocalStack
from tests.faults.table import FaultTable
from tests.helpers import prepared_stack


def pytest_configure(config: pytest.Config) -> None:
    # Registered here, a conftest every process of a run loads (the xdist controller collects
    # nothing, so tests/faults/conftest.py is never loaded there).
    config.pluginmanager.register(FaultTable(), "newsdesk-fault-table")


@pytest.fixture(scope="session")
def local_stack() -> Iterator[LocalStack]:
    """tansu and noida-db on free loopback ports, with topics and index templates in place."""
    with prepared_stack() as stack:
        yield stack


@pytest.fixture(scope="session")
def stack_env(local_stack: LocalStack) -> dict[str, str]:
    """The environment that points a newsdesk process at the session's servers."""
    return {**os.environ, **local_stack.env(), "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="session")
def kafka_settings(local_stack: LocalStack) -> KafkaSettings:
    """Kafka settings of the session's broker."""
    return KafkaSettings(bootstrap_servers=local_stack.kafka_bootstrap)


@pytest.fixture(scope="session")
def es_settings(local_stack: LocalStack) -> ElasticsearchSettings:
    """Elasticsearch settings of the session's server."""
    return ElasticsearchSettings(url=local_stack.es_url)


@pytest.fixture(scope="session")
def services(stack_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The fetcher worker, extractor and indexer as real processes on the session's servers."""
    logs = tmp_path_factory.mktemp("service-logs")
    processes = []
    for name, app in [
        ("indexer", "indexer"),
        ("extractor", "extractor"),
        ("fetcher", "fetcher"),
    ]:
        log = (logs / f"{name}.log").open("wb")
        processes.append(
            (
                name,
                log,
                subprocess.Popen(
                    [sys.executable, "-m", app],
                    env=stack_env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
            )
        )
    try:
        yield
    finally:
        for _, _, process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 8
        for name, log, process in processes:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                print(f"{name} did not stop on SIGTERM")
            log.close()
