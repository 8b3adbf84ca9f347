"""No secret appears in settings reprs, error messages, logs, CLI output or dead letters.

Every secret is set to a recognisable value, the code paths that print and log run (against
closed loopback ports, so they fail and say why), and their output is searched. Dead letters and
a working ``status`` are searched on the real local stack in tests/integration/test_secrets.py.
"""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from newsdesk.errors import NewsdeskError
from newsdesk.kafka import open_producer
from newsdesk.search import INTERACTIVE_CLIENT, SearchFilters, make_client, search_articles
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.main import app

SECRETS = {
    "NEWSDESK_KAFKA__SASL_PASSWORD": "kafka-sasl-secret-4d1e",
    "NEWSDESK_ELASTICSEARCH__PASSWORD": "es-password-secret-7b2a",
    "NEWSDESK_ELASTICSEARCH__API_KEY": "es-api-key-secret-90cf",
}
CLOSED = "127.0.0.1:9"  # the discard port: nothing listens on loopback


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Secrets and SASL set in the environment; Kafka and Elasticsearch on closed ports."""
    env = {
        **SECRETS,
        "NEWSDESK_KAFKA__BOOTSTRAP_SERVERS": CLOSED,
        "NEWSDESK_KAFKA__SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "NEWSDESK_KAFKA__SASL_MECHANISM": "SCRAM-SHA-512",
        "NEWSDESK_KAFKA__SASL_USERNAME": "newsdesk",
        "NEWSDESK_ELASTICSEARCH__URL": f"http://{CLOSED}",
        "NEWSDESK_ELASTICSEARCH__USERNAME": "elastic",
        "NEWSDESK_ELASTICSEARCH__REQUEST_TIMEOUT": "1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def assert_no_secret(text: str) -> None:
    leaked = [name for name, secret in SECRETS.items() if secret in text]
    assert not leaked, f"{leaked} appear in: {text[:500]}"


def test_settings_reprs(secret_env: dict[str, str]) -> None:
    settings = NewsdeskSettings()
    assert settings.kafka.sasl_password is not None
    assert (
        settings.kafka.sasl_password.get_secret_value() == SECRETS["NEWSDESK_KAFKA__SASL_PASSWORD"]
    )
    for text in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        str(settings.model_dump()),
    ):
        assert_no_secret(text)


def test_settings_errors_do_not_echo_the_input(
    secret_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_KAFKA__SECURITY_PROTOCOL", "PLAINTEXT")  # SASL set: refused
    with pytest.raises(ValidationError) as caught:
        NewsdeskSettings()
    assert "SASL_SSL" in str(caught.value)
    assert_no_secret(str(caught.value))


async def test_kafka_errors_and_logs(
    secret_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NewsdeskError) as caught:
        async with open_producer(NewsdeskSettings().kafka):
            pass
    assert_no_secret(str(caught.value))
    assert_no_secret(caplog.text)


@pytest.mark.parametrize("auth", ["basic", "api_key"])
async def test_elasticsearch_errors_and_logs(
    secret_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    auth: str,
) -> None:
    if auth == "basic":
        monkeypatch.delenv("NEWSDESK_ELASTICSEARCH__API_KEY")
    caplog.set_level(logging.DEBUG)
    settings = NewsdeskSettings().elasticsearch
    es = make_client(settings, INTERACTIVE_CLIENT)
    try:
        with pytest.raises(NewsdeskError) as caught:
            await search_articles(es, settings.articles_alias, SearchFilters(query="drones"))
    finally:
        await es.close()
    assert_no_secret(str(caught.value))
    assert_no_secret(caplog.text)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["status", "--json"], id="status"),
        pytest.param(["search", "drones", "--json"], id="search"),
        pytest.param(["dlq", "list", "--json"], id="dlq-list"),
    ],
)
def test_cli_output(secret_env: dict[str, str], command: list[str]) -> None:
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 1
    assert_no_secret(result.output)
