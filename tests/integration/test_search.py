"""Interactive queries on the real local search server: bounded queries, one try, plain timeouts."""

from __future__ import annotations

import asyncio
import time

import pytest

from newsdesk.search import (
    INTERACTIVE_CLIENT,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    SearchFilters,
    make_client,
    search_articles,
)
from newsdesk.settings import ElasticsearchSettings
from tests.helpers import SilentServer, cli

pytestmark = pytest.mark.integration


async def test_a_query_at_the_limits_answers(es_settings: ElasticsearchSettings) -> None:
    words = " ".join(f"term{n}" for n in range(MAX_QUERY_TERMS))[:MAX_QUERY_CHARS]
    es = make_client(es_settings, INTERACTIVE_CLIENT)
    try:
        started = time.monotonic()
        total, _ = await search_articles(es, es_settings.articles_alias, SearchFilters(words))
    finally:
        await es.close()
    assert total >= 0
    assert time.monotonic() - started < es_settings.request_timeout


async def test_an_oversized_query_never_reaches_the_server(stack_env: dict[str, str]) -> None:
    started = time.monotonic()
    result = await asyncio.to_thread(cli, "search", "drone " * 1750, env=stack_env)
    assert result.returncode == 2, result.stderr
    assert "10,500 characters" in result.stderr
    assert time.monotonic() - started < 30


async def test_status_says_timed_out_when_the_search_server_does_not_answer(
    stack_env: dict[str, str],
) -> None:
    with SilentServer() as silent:
        env = {
            **stack_env,
            "NEWSDESK_ELASTICSEARCH__URL": silent.url,
            "NEWSDESK_ELASTICSEARCH__REQUEST_TIMEOUT": "2",
        }
        result = await asyncio.to_thread(cli, "status", "--json", env=env)
        assert result.returncode == 1
        assert "timed out after 2 s" in result.stderr
        assert "cannot reach" not in result.stderr
        assert len(silent.connections) == 1
