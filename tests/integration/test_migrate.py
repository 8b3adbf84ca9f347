"""``newsdesk index status|migrate`` on the real search server, with reads and writes going on.

The test works on an alias of its own (``newsdesk-migtest``, from a copy of the articles
template), so the session's indices stay as they are.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from elasticsearch import AsyncElasticsearch
from typer.testing import CliRunner

from indexer.app import warn_if_behind
from indexer.bulk import BulkWriter
from newsdesk.events import EnrichedArticle
from newsdesk.lifecycle import index_status
from newsdesk.search import INTERACTIVE_CLIENT, ensure_indices, make_client
from newsdesk.settings import ElasticsearchSettings
from newsdesk_cli.main import app
from tests.helpers import ROOT

pytestmark = pytest.mark.integration
ALIAS = "newsdesk-migtest"
BEFORE = 40


def write_template(folder: Path, version: int) -> None:
    """The articles template under the test's alias; version 2 also maps one more field."""
    body = json.loads((ROOT / "deploy/elasticsearch/newsdesk-articles.json").read_text())
    body["index_patterns"] = [f"{ALIAS}-v*"]
    body["_meta"] |= {"alias": ALIAS, "version": version}
    if version > 1:
        body["template"]["mappings"]["properties"]["migtest_note"] = {"type": "keyword"}
    (folder / f"{ALIAS}.json").write_text(json.dumps(body), encoding="utf-8")


def article(n: int) -> EnrichedArticle:
    fetched = datetime(2024, 5, 1, tzinfo=UTC) + timedelta(minutes=n)
    return EnrichedArticle(
        article_id=f"mig-{n:04d}",
        url=f"https://example.org/mig/{n}",
        canonical_url=f"https://example.org/mig/{n}",
        source="migtest",
        fetched_at=fetched,
        title=f"Defence agreement number {n}",
        text="Israel and Bahrain signed a memorandum on defence cooperation.",
        countries=["IL", "BH"],
        minhash_bands=[f"00:mig{n}"],
    )


@pytest.fixture
async def es(es_settings: ElasticsearchSettings) -> AsyncIterator[AsyncElasticsearch]:
    client = make_client(es_settings)
    yield client
    await client.close()


async def test_migrate_moves_the_alias_while_searches_answer_and_loses_nothing(
    es: AsyncElasticsearch,
    es_settings: ElasticsearchSettings,
    stack_env: dict[str, str],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    write_template(tmp_path, version=1)
    await ensure_indices(es, tmp_path)
    writer = BulkWriter(es, articles_alias=ALIAS, events_alias=f"{ALIAS}-events", retries=1)
    await writer.write([article(n) for n in range(BEFORE)])

    write_template(tmp_path, version=2)
    [status] = await index_status(es, tmp_path)
    assert (status.state, status.live_index, status.documents) == ("behind", f"{ALIAS}-v1", BEFORE)
    # What the indexer logs at start-up, with the same templates.
    with caplog.at_level(logging.WARNING, logger="indexer"):
        await warn_if_behind(es, tmp_path)
    [said] = [r.getMessage() for r in caplog.records if r.name == "indexer"]
    assert f"{ALIAS} serves {ALIAS}-v1 (version 1) but its template" in said
    assert "is version 2" in said
    assert "newsdesk index migrate" in said

    env = {**stack_env, "NEWSDESK_TEMPLATES_DIR": str(tmp_path)}
    migrating = asyncio.create_task(
        asyncio.to_thread(CliRunner().invoke, app, ["index", "migrate", "--json"], env=env)
    )
    reader = make_client(es_settings, INTERACTIVE_CLIENT)
    answers: list[int] = []
    written = list(range(BEFORE))
    try:
        while not migrating.done() or len(answers) < 3:
            found = await reader.search(index=ALIAS, size=0, track_total_hits=True)
            answers.append(found["hits"]["total"]["value"])
            n = written[-1] + 1
            await writer.write([article(n)])  # the indexer keeps writing to the alias
            written.append(n)
    finally:
        await reader.close()
    result = await migrating
    assert result.exit_code == 0, result.output
    [migration] = json.loads(result.stdout)["migrated"]
    assert (migration["from_index"], migration["to_index"]) == (f"{ALIAS}-v1", f"{ALIAS}-v2")

    # Every answer during the migration counted at least what was there before it.
    assert min(answers) >= BEFORE
    aliases = await es.indices.get_alias(name=ALIAS)
    assert list(aliases.body) == [f"{ALIAS}-v2"]
    await es.indices.refresh(index=ALIAS)
    ids = {f"mig-{n:04d}" for n in written}
    found = await es.search(index=ALIAS, query={"ids": {"values": sorted(ids)}}, size=len(ids))
    assert {hit["_id"] for hit in found["hits"]["hits"]} == ids
    assert (await es.count(index=ALIAS))["count"] == len(ids)
    mapping = await es.indices.get_mapping(index=f"{ALIAS}-v2")
    assert "migtest_note" in mapping[f"{ALIAS}-v2"]["mappings"]["properties"]
    assert (await es.count(index=f"{ALIAS}-v1"))["count"] >= BEFORE  # kept for a rollback

    status_result = await asyncio.to_thread(
        CliRunner().invoke, app, ["index", "status", "--json"], env=env
    )
    assert status_result.exit_code == 0, status_result.output
    [after] = json.loads(status_result.stdout)
    assert (after["state"], after["live_index"]) == ("current", f"{ALIAS}-v2")
    again = await asyncio.to_thread(
        CliRunner().invoke, app, ["index", "migrate", "--json"], env=env
    )
    assert json.loads(again.stdout) == {"migrated": []}
    await es.indices.delete(index=f"{ALIAS}-v1,{ALIAS}-v2")
    await es.indices.delete_index_template(name=ALIAS)


def test_a_migration_needs_a_versioned_template_folder() -> None:
    env = {**os.environ, "NEWSDESK_TEMPLATES_DIR": "/nonexistent"}
    result = CliRunner().invoke(app, ["index", "migrate"], env=env)
    assert result.exit_code == 1
    assert "no index templates" in result.output
