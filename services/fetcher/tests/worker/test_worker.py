"""The worker's fetch path over loopback: robots, politeness, decoding, metrics, rejections."""

from __future__ import annotations

import itertools
import re

import pytest

from fetcher.client import SafeClient
from fetcher.metrics import FetcherMetrics
from fetcher.politeness import Politeness, PolitenessOptions
from fetcher.robots import RobotsCache
from fetcher.testing import LoopbackServer
from fetcher.worker import Worker
from newsdesk.errors import FetchRejected
from newsdesk.events import FeedMetadata, FetchRequest
from newsdesk.ids import article_id

FETCHES = "newsdesk_fetcher_fetches_total"


@pytest.fixture
def worker(client: SafeClient) -> Worker:
    polite = Politeness(PolitenessOptions(min_delay=0.0))
    return Worker(client, RobotsCache(client), polite, FetcherMetrics())


async def test_page_becomes_a_raw_article(worker: Worker, server: LoopbackServer) -> None:
    body = "<html><meta charset='windows-1252'><p>café “quoted”</p></html>".encode("cp1252")
    server.route("/old", status=301, headers={"Location": "/a/1?utm_source=x"})
    server.route("/a/1", headers={"Content-Type": "text/html", "ETag": '"e"'}, body=body)
    request = FetchRequest(
        url=server.url("/old"),
        source="s",
        source_name="S",
        feed=FeedMetadata(title="T"),
        language_hint="fr",
        trace_id="t1",
    )
    raw = await worker.fetch(request)
    assert raw.canonical_url == server.url("/a/1")
    assert raw.article_id == article_id(raw.canonical_url)
    assert raw.content == body
    assert raw.encoding == "cp1252"
    assert raw.headers["etag"] == '"e"'
    assert (raw.source, raw.source_name, raw.language_hint, raw.trace_id) == ("s", "S", "fr", "t1")
    assert raw.feed == FeedMetadata(title="T")
    assert worker.metrics.value(FETCHES, {"outcome": "fetched", "reason": ""}) == 1
    assert worker.metrics.value("newsdesk_fetcher_bytes_total", {"role": "worker"}) == len(body)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        pytest.param("/private/x", "robots_disallowed", id="robots"),
        pytest.param("/missing", "http_status", id="404"),
        pytest.param("/pdf", "bad_content_type", id="pdf"),
    ],
)
async def test_rejections_are_counted_by_reason(
    worker: Worker, server: LoopbackServer, path: str, reason: str
) -> None:
    server.route(
        "/robots.txt",
        headers={"Content-Type": "text/plain"},
        body=b"User-agent: *\nDisallow: /private/\n",
    )
    server.route("/pdf", headers={"Content-Type": "application/pdf"}, body=b"%PDF")
    with pytest.raises(FetchRejected) as caught:
        await worker.fetch(FetchRequest(url=server.url(path), source="s"))
    assert caught.value.reason == reason
    assert worker.metrics.value(FETCHES, {"outcome": "rejected", "reason": reason}) == 1
    assert server.hits("/private/x") == 0


async def test_forbidden_url_never_reaches_robots(worker: Worker) -> None:
    with pytest.raises(FetchRejected) as caught:
        await worker.fetch(FetchRequest(url="http://[::ffff:169.254.169.254]/", source="s"))
    assert caught.value.reason == "ssrf_blocked"


async def test_redirect_into_a_disallowed_path_is_not_followed(
    worker: Worker, server: LoopbackServer
) -> None:
    server.route(
        "/robots.txt",
        headers={"Content-Type": "text/plain"},
        body=b"User-agent: *\nDisallow: /private/\n",
    )
    server.route("/open", status=302, headers={"Location": "/private/x"})
    with pytest.raises(FetchRejected) as caught:
        await worker.fetch(FetchRequest(url=server.url("/open"), source="s"))
    assert caught.value.reason == "robots_disallowed"
    assert server.hits("/private/x") == 0


@pytest.mark.parametrize(
    ("path", "host"),
    [
        pytest.param(None, "news.invalid", id="page-host"),
        pytest.param("/moved", "gone.invalid", id="redirect-target-host"),
    ],
)
async def test_a_host_that_does_not_resolve_is_a_dns_error(
    worker: Worker, server: LoopbackServer, path: str | None, host: str
) -> None:
    # `.invalid` never resolves (RFC 2606); the tests' resolver answers from a table, locally.
    server.route("/moved", status=301, headers={"Location": f"http://{host}/story"})
    url = server.url(path) if path else f"http://{host}/story"
    with pytest.raises(FetchRejected, match=f"{re.escape(host)} does not resolve") as caught:
        await worker.fetch(FetchRequest(url=url, source="s"))
    assert caught.value.reason == "dns_error"
    assert worker.metrics.value(FETCHES, {"outcome": "rejected", "reason": "dns_error"}) == 1


def chain(server: LoopbackServer, hops: int) -> str:
    """``/r0`` redirecting ``hops`` times on the server to a page; returns the first URL."""
    server.route("/robots.txt", headers={"Content-Type": "text/plain"}, body=b"User-agent: *\n")
    for n in range(hops):
        server.route(f"/r{n}", status=302, headers={"Location": f"/r{n + 1}"})
    server.route(f"/r{hops}", headers={"Content-Type": "text/html"}, body=b"<p>end</p>")
    return server.url("/r0")


async def test_every_request_to_a_host_waits_for_its_turn(
    client: SafeClient, server: LoopbackServer
) -> None:
    polite = Politeness(PolitenessOptions(min_delay=0.5))
    worker = Worker(client, RobotsCache(client, politeness=polite), polite)
    raw = await worker.fetch(FetchRequest(url=chain(server, hops=3), source="s"))
    assert raw.url == server.url("/r3")
    arrivals = [seen.at for seen in server.requests]
    assert [seen.path for seen in server.requests] == ["/robots.txt", "/r0", "/r1", "/r2", "/r3"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    # Arrival times carry the server threads' scheduling jitter (tenths of a second on a loaded
    # machine); without the per-host turn the gaps were 0.02-0.03 s.
    assert min(gaps) >= 0.35, gaps


async def test_waiting_for_turns_does_not_count_against_the_timeout(
    client: SafeClient, server: LoopbackServer
) -> None:
    # Four requests 0.6 s apart take longer than the 2 s a whole attempt may: the waits are ours.
    polite = Politeness(PolitenessOptions(min_delay=0.6))
    worker = Worker(client, RobotsCache(client), polite)
    raw = await worker.fetch(FetchRequest(url=chain(server, hops=3), source="s"))
    assert raw.content == b"<p>end</p>"
    assert server.requests[-1].at - server.requests[1].at >= 1.75
