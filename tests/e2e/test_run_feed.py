"""End to end: `newsdesk run --sources` with a loopback feed ingests each item once, then polls."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fetcher.testing import LoopbackServer, Reply, Seen
from tests.helpers import NEWSDESK, ROOT, cli, ports_env, status_in_process

pytestmark = [pytest.mark.integration, pytest.mark.slow]
TITLES = [
    "Japan and the Philippines sign a reciprocal access agreement",
    "Poland orders air-defence systems after talks in Warsaw",
    "Kenya and the United States renew a defence cooperation pact",
]
PARAGRAPH = (
    "<p>The defence ministers met in the capital on Tuesday and signed the agreement after "
    "months of negotiations, officials said. The accord allows troops to train together, sets "
    "rules for visiting forces and opens the way for joint exercises next year.</p>"
)


def article(title: str) -> bytes:
    body = f"<h1>{title}</h1>" + PARAGRAPH * 6
    page = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    return page.encode()


@pytest.fixture
def site() -> Iterator[LoopbackServer]:
    """A news site on 127.0.0.1: an RSS feed (with ETag) listing three articles."""
    with LoopbackServer("127.0.0.1") as server:
        items = ""
        for n, title in enumerate(TITLES):
            server.route(f"/news/{n}", headers={"Content-Type": "text/html"}, body=article(title))
            items += f"<item><title>{title}</title><link>{server.url(f'/news/{n}')}</link></item>"
        feed = f'<rss version="2.0"><channel><title>Loopback News</title>{items}</channel></rss>'

        def reply(seen: Seen) -> Reply:
            if seen.headers.get("if-none-match") == '"v1"':
                return Reply(status=304)
            headers = {"Content-Type": "application/rss+xml", "ETag": '"v1"'}
            return Reply(headers=headers, body=feed.encode())

        server.route("/rss.xml", reply)
        yield server


def _cli(env: dict[str, str], *args: str) -> dict[str, object] | None:
    done = cli(*args, env=env)
    return json.loads(done.stdout) if done.returncode == 0 else None


def test_feed_items_are_ingested_once_and_the_feed_is_polled_again(
    site: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        f"  - {{id: loopback-news, kind: feed, url: '{site.url('/rss.xml')}', interval: 2s}}\n"
    )
    (tmp_path / "no-seeds").mkdir()
    ports, env = ports_env(FETCHER_ALLOW_NETWORKS='["127.0.0.1/32"]')
    command = [*NEWSDESK, "run", "--seeds", str(tmp_path / "no-seeds"), "--sources", str(sources)]
    command += ports
    runner = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:

        def done(status: dict[str, Any] | None) -> bool:
            polled_again = site.hits("/rss.xml") >= 3
            return status is not None and status["indexed"] == len(TITLES) and polled_again

        # Polled in this process; what is asserted is the command's own answer, asked once the
        # poll sees the items indexed.
        deadline = time.monotonic() + 180
        status = polled = None
        while time.monotonic() < deadline:
            polled = status_in_process(env)
            if done(polled) and done(status := _cli(env, "status", "--json")):
                break
            time.sleep(1)
        assert polled is not None, "newsdesk status never answered"
        assert status is not None, polled
        assert status["indexed"] == len(TITLES), status
        assert status["dead_letters"] == 0, status
        assert [site.hits(f"/news/{n}") for n in range(len(TITLES))] == [1, 1, 1]
        assert status["fetcher"] == {"requested": 3, "done": 3, "refused": {}}, status
        # The fetcher's path sends each page in a batch of its own producer: every message of
        # every topic is counted (tansu once reported the last batch's base as the end).
        for topic in ("newsdesk.urls", "newsdesk.articles.raw", "newsdesk.articles.enriched"):
            assert status["topics"][topic] == len(TITLES), (topic, status)
        feed_requests = [seen for seen in site.requests if seen.path == "/rss.xml"]
        assert len(feed_requests) >= 3
        assert all(seen.headers.get("if-none-match") == '"v1"' for seen in feed_requests[1:])
        found = _cli(env, "search", "defence", "--json")
        assert found is not None
        assert {hit["title"] for hit in found["hits"]} == set(TITLES)  # type: ignore[union-attr,index]
    finally:
        os.killpg(runner.pid, signal.SIGINT)
        try:
            runner.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(runner.pid, signal.SIGKILL)
            runner.wait()
