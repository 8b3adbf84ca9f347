"""Running well, on a local stack of its own: health, readiness, metrics, SIGTERM, JSON logs.

Each service here is a real process (``python -m indexer``, ``python -m extractor``) on real
tansu and noida-db servers on free loopback ports. Waits poll with a deadline.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from newsdesk import topics
from newsdesk.events import RawArticle
from newsdesk.kafka import stream_stats
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings, KafkaSettings
from newsdesk_cli.local import LocalStack
from tests.faults.inputs import enriched_article, raw_article
from tests.helpers import dead_letters, prepared_stack, publish
from tests.integration.processes import ServiceProcess, poll

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(420)]
GRACE_S = 15.0


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    """tansu and noida-db for this module alone: a test stops Elasticsearch."""
    with prepared_stack() as local:
        yield local


def _env(stack: LocalStack, **extra: str) -> dict[str, str]:
    return {**os.environ, **stack.env(), "NEWSDESK_SHUTDOWN_GRACE_S": str(GRACE_S), **extra}


def _kafka(stack: LocalStack) -> KafkaSettings:
    return KafkaSettings(bootstrap_servers=stack.kafka_bootstrap)


def _status(service: ServiceProcess, path: str) -> tuple[int, str] | None:
    response = service.get(path)
    return None if response is None else (response.status_code, response.text)


def test_indexer_is_ready_only_with_elasticsearch_and_its_metrics_count_what_it_does(
    stack: LocalStack,
) -> None:
    stack.stop_server("elasticsearch")
    indexer = ServiceProcess("indexer", _env(stack))
    try:
        # Alive at once, not ready while Elasticsearch is not there.
        assert poll(lambda: _status(indexer, "/healthz"), 60, "/healthz") == (200, "ok\n")
        status = _status(indexer, "/readyz")
        assert status is not None
        assert status[0] == 503
        assert "elasticsearch: no answer from" in status[1]
        stack.start_server("elasticsearch")
        poll(lambda: _status(indexer, "/readyz") == (200, "ready\n"), 90, "ready")

        kafka = _kafka(stack)
        goods = [enriched_article("health", n) for n in range(5)]
        for article in goods:
            value = article.model_dump_json().encode()
            asyncio.run(
                publish(kafka, topics.ARTICLES_ENRICHED, value, article.article_id.encode())
            )
        asyncio.run(publish(kafka, topics.ARTICLES_ENRICHED, b"{not json", b"poison"))
        enriched = topics.ARTICLES_ENRICHED
        poll(
            lambda: (
                indexer.samples("newsdesk_received_messages_total", handler=enriched) >= 6
                and indexer.samples(
                    "newsdesk_dead_lettered_total", stage="indexer", reason="invalid_payload"
                )
                == 1
            ),
            60,
            "6 consumed and 1 dead-lettered",
        )
        assert (
            indexer.samples(
                "newsdesk_received_processed_messages_duration_seconds_count", handler=enriched
            )
            >= 1
        )
        assert indexer.samples("newsdesk_published_messages_total", destination=topics.DLQ) == 1
        assert (
            indexer.samples(
                "newsdesk_received_processed_messages_total", handler=enriched, status="acked"
            )
            >= 1
        )
        assert indexer.samples("newsdesk_received_messages_size_bytes_count", handler=enriched) >= 1
        # Every partition it holds has a lag, and it is back to 0 once the batches are committed.
        poll(
            lambda: (lags := _lags(indexer, enriched)) and set(lags.values()) == {0.0},
            30,
            "a lag of 0 on every partition it holds",
        )

        # Elasticsearch goes away: not ready, saying why; back: ready again.
        stack.stop_server("elasticsearch")
        poll(lambda: "elasticsearch" in str(_status(indexer, "/readyz")), 30, "503 naming ES")
        assert _status(indexer, "/readyz")[0] == 503  # type: ignore[index]
        assert _status(indexer, "/healthz") == (200, "ok\n")
        stack.start_server("elasticsearch")
        poll(lambda: _status(indexer, "/readyz") == (200, "ready\n"), 60, "ready again")

        indexer.terminate()
        assert indexer.wait(GRACE_S) == 0, indexer.tail()
    finally:
        indexer.kill()


def _lags(service: ServiceProcess, topic: str) -> dict[str, float]:
    response = service.get("/metrics")
    if response is None:
        return {}
    from prometheus_client.parser import text_string_to_metric_families

    return {
        sample.labels["partition"]: sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
        if sample.name == "newsdesk_consumer_lag" and sample.labels.get("topic") == topic
    }


ARTICLES = 120


def _pdf(number: int) -> RawArticle:
    url = f"https://fault.example/sigterm/pdf-{number}"
    return RawArticle(
        article_id=f"fault-sigterm-pdf-{number}",
        url=url,
        canonical_url=url,
        source="fault-sigterm",
        content=b"%PDF-1.7 not an article",
        content_type="application/pdf",
    )


def _sigterm_mid_batch(service: ServiceProcess) -> dict[str, Any]:
    """SIGTERM at its first 'Received' line (a batch in flight); how it stopped."""
    service.on_line("Received", service.terminate)
    poll(lambda: service.signalled_at, 240, f"a batch of the {service.package}")
    code = service.wait(GRACE_S)
    assert service.signalled_at is not None
    took = time.monotonic() - service.signalled_at
    after = service.text(since=service.signalled_at)
    return {"code": code, "took": took, "after": after, "lines": service.text()}


@pytest.fixture(scope="module")
def sigterm_run(stack: LocalStack) -> Iterator[dict[str, Any]]:
    """Articles queued; an extractor, then an indexer, each SIGTERMed mid-batch and restarted."""
    kafka = _kafka(stack)
    raws = [raw_article("sigterm", n) for n in range(ARTICLES)] + [_pdf(0)]

    async def queue() -> None:
        for raw in raws:
            await publish(
                kafka, topics.ARTICLES_RAW, raw.model_dump_json().encode(), raw.article_id.encode()
            )

    asyncio.run(queue())
    run: dict[str, Any] = {"raws": raws}
    json_env = _env(stack, NEWSDESK_LOG_FORMAT="json")
    processes: list[ServiceProcess] = []
    try:
        first = ServiceProcess("extractor", json_env)
        processes.append(first)
        run["extractor"] = _sigterm_mid_batch(first)
        run["committed_after_extractor"] = asyncio.run(_committed(kafka, topics.ARTICLES_RAW))
        second = ServiceProcess("extractor", json_env)
        processes.append(second)
        poll(lambda: _status(second, "/readyz") == (200, "ready\n"), 240, "the extractor ready")
        run["extractor_health"] = _status(second, "/healthz")
        poll(lambda: _drained(kafka, topics.ARTICLES_RAW), 300, "the extractor to drain its topic")
        run["extractor_lines"] = first.text() + second.text()
        indexer = ServiceProcess("indexer", _env(stack))
        processes.append(indexer)
        run["indexer"] = _sigterm_mid_batch(indexer)
        again = ServiceProcess("indexer", _env(stack))
        processes.append(again)
        # A signal during the import, before the service runs, would end it like any program.
        poll(lambda: _status(again, "/readyz") == (200, "ready\n"), 90, "the indexer ready")
        poll(lambda: _drained(kafka, topics.ARTICLES_ENRICHED), 120, "the indexer to drain")
        run["documents"] = asyncio.run(_documents(stack, "fault-sigterm"))
        run["letters"] = [
            letter
            for letter in asyncio.run(dead_letters(kafka))
            if (letter.article_id or "").startswith("fault-sigterm")
        ]
        for service in (second, again):
            service.terminate()
            assert service.wait(GRACE_S) == 0, service.tail()
        yield run
    finally:
        for service in processes:
            service.kill()


async def _committed(kafka: KafkaSettings, topic: str) -> int:
    return (await stream_stats(kafka, [topic])).topics[topic].committed


def _drained(kafka: KafkaSettings, topic: str) -> bool:
    stat = asyncio.run(stream_stats(kafka, [topic])).topics[topic]
    return stat.messages > 0 and stat.lag == 0


async def _documents(stack: LocalStack, source: str) -> list[str]:
    es = make_client(ElasticsearchSettings(url=stack.es_url))
    try:
        await es.indices.refresh(index="newsdesk-articles")
        response = await es.search(
            index="newsdesk-articles", query={"term": {"source": source}}, size=1000
        )
        return [hit["_id"] for hit in response["hits"]["hits"]]
    finally:
        await es.close()


@pytest.mark.parametrize("service", ["extractor", "indexer"])
def test_sigterm_mid_batch_finishes_the_batch_and_exits_0_within_the_grace(
    sigterm_run: dict[str, Any], service: str
) -> None:
    stopped = sigterm_run[service]
    assert stopped["code"] == 0, "\n".join(stopped["lines"][-40:])
    assert stopped["took"] < GRACE_S
    # The batch in flight at the signal was finished (published, acknowledged, committed) ...
    assert any("Processed" in line for line in stopped["after"]), stopped["after"]
    assert any("FastStream app shut down gracefully" in line for line in stopped["after"])
    assert not any("exiting now" in line for line in stopped["after"])  # not the watchdog


def test_the_extractor_committed_before_exiting(sigterm_run: dict[str, Any]) -> None:
    assert sigterm_run["committed_after_extractor"] > 0


def test_after_sigterms_and_restarts_every_article_is_indexed_exactly_once(
    sigterm_run: dict[str, Any],
) -> None:
    goods = [raw.article_id for raw in sigterm_run["raws"] if raw.content_type == "text/plain"]
    documents = sigterm_run["documents"]
    assert sorted(documents) == sorted(goods)  # none lost, none twice
    assert [(letter.article_id, letter.reason) for letter in sigterm_run["letters"]] == [
        ("fault-sigterm-pdf-0", "binary_content")
    ]


def test_json_logs_are_one_object_per_line_with_the_dead_lettered_article(
    sigterm_run: dict[str, Any],
) -> None:
    lines = [line for line in sigterm_run["extractor_lines"] if line.strip()]
    parsed = [json.loads(line) for line in lines]  # every line, FastStream's included
    for entry in parsed:
        assert {"timestamp", "level", "service", "logger", "message"} <= entry.keys()
        assert entry["service"] == "extractor"
    letters = [e for e in parsed if e["message"].startswith("dead-lettered extractor/")]
    assert len(letters) == 1, letters
    letter = letters[0]
    assert letter["article_id"] == "fault-sigterm-pdf-0"
    assert letter["reason"] == "binary_content"
    assert letter["topic"] == topics.ARTICLES_RAW
    assert isinstance(letter["partition"], int)
    assert isinstance(letter["offset"], int)


def test_the_extractor_answers_health_and_readiness(sigterm_run: dict[str, Any]) -> None:
    assert sigterm_run["extractor_health"] == (200, "ok\n")


@pytest.mark.parametrize("role", ["worker", "scheduler"])
def test_both_fetcher_roles_serve_health_readiness_and_their_metrics(
    stack: LocalStack, role: str
) -> None:
    fetcher = ServiceProcess("fetcher", _env(stack), args=(role,))
    try:
        poll(lambda: _status(fetcher, "/readyz") == (200, "ready\n"), 90, f"the {role} ready")
        assert _status(fetcher, "/healthz") == (200, "ok\n")
        metrics = fetcher.get("/metrics")
        assert metrics is not None
        assert "# TYPE newsdesk_fetcher_fetches_total counter" in metrics.text
        assert "# TYPE newsdesk_dead_lettered_total counter" in metrics.text
        fetcher.terminate()
        assert fetcher.wait(GRACE_S) == 0, fetcher.tail()
    finally:
        fetcher.kill()
