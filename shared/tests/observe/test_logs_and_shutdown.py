"""JSON log lines with the record they concern, and the bound on a shutdown."""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest
from pydantic_settings import SettingsConfigDict

from newsdesk.events import DeadLetter
from newsdesk.kafka.outbox import letter_fields
from newsdesk.observe.logs import JsonFormatter, log_context
from newsdesk.observe.shutdown import Shutdown
from newsdesk.settings import NewsdeskSettings, ServiceSettings


def _record(message: str, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "newsdesk.kafka.outbox", logging.INFO, __file__, 1, message, (), None
    )
    record.__dict__.update(extra)
    return record


def test_a_json_line_has_the_service_and_the_dead_letters_record() -> None:
    letter = DeadLetter(
        stage="extractor",
        reason="unknown_schema",
        message="schema_version 99",
        topic="newsdesk.articles.raw",
        partition=2,
        offset=41,
        article_id="a1",
    )
    line = JsonFormatter("extractor").format(_record("dead-lettered", **letter_fields(letter)))
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["service"] == "extractor"
    assert parsed["level"] == "INFO"
    assert parsed["logger"] == "newsdesk.kafka.outbox"
    assert parsed["message"] == "dead-lettered"
    assert parsed["timestamp"].endswith("+00:00")
    assert (parsed["article_id"], parsed["topic"], parsed["partition"], parsed["offset"]) == (
        "a1",
        "newsdesk.articles.raw",
        2,
        41,
    )
    assert parsed["reason"] == "unknown_schema"
    assert "url" not in parsed  # fields that are not set are left out


def test_log_context_binds_fields_for_a_block_and_threads_started_from_it() -> None:
    formatter = JsonFormatter("indexer")
    with log_context(topic="newsdesk.articles.enriched", partition=3):
        inside = json.loads(formatter.format(_record("batch")))
    outside = json.loads(formatter.format(_record("idle")))
    assert (inside["topic"], inside["partition"]) == ("newsdesk.articles.enriched", 3)
    assert "topic" not in outside


def test_the_log_format_is_a_setting_per_service_or_for_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Indexer(ServiceSettings):  # a service's settings, as services/indexer defines them
        model_config = SettingsConfigDict(env_prefix="INDEXER_")

    assert Indexer().log_format == "plain"
    monkeypatch.setenv("NEWSDESK_LOG_FORMAT", "JSON")
    assert Indexer().log_format == "json"
    monkeypatch.setenv("INDEXER_LOG_FORMAT", "plain")
    assert Indexer().log_format == "plain"
    monkeypatch.setenv("NEWSDESK_LOG_FORMAT", "xml")
    with pytest.raises(ValueError, match="log_format"):
        NewsdeskSettings()


def test_the_shutdown_grace_stays_under_the_pods_termination_grace() -> None:
    settings = ServiceSettings()
    assert settings.shutdown_grace_s == 20
    assert settings.batch_grace_s == 15
    # deploy/k8s gives each pod terminationGracePeriodSeconds: 30 (tests/deploy check it).
    assert settings.shutdown_grace_s < 30


def test_a_shutdown_that_overruns_its_grace_exits_with_code_1() -> None:
    codes: list[int] = []
    exited = threading.Event()

    def fake_exit(code: int) -> None:
        codes.append(code)
        exited.set()

    shutdown = Shutdown(0.2, exit=fake_exit)
    assert not shutdown.requested
    started = time.monotonic()
    shutdown.begin()
    shutdown.begin()  # a second signal does not arm a second watchdog
    assert shutdown.requested
    assert shutdown.event.is_set()
    assert exited.wait(timeout=5)
    assert time.monotonic() - started >= 0.2
    time.sleep(0.3)  # would a second watchdog fire? (it must not): a pause, not a wait
    assert codes == [1]
