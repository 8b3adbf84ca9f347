"""robots.txt over loopback: disallow, crawl-delay (capped), missing and failing files, caching."""

from __future__ import annotations

import pytest

from fetcher.client import SafeClient
from fetcher.robots import RobotsCache, RobotsOptions
from fetcher.testing import LoopbackServer
from newsdesk.errors import FetchRejected

ROBOTS = b"""User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: newsdesk
Disallow: /no-bots/
Crawl-delay: 90
"""


@pytest.fixture
def robots(client: SafeClient) -> RobotsCache:
    return RobotsCache(client, RobotsOptions(agent="newsdesk", max_crawl_delay=30.0))


async def test_disallow_and_capped_crawl_delay(robots: RobotsCache, server: LoopbackServer) -> None:
    server.route("/robots.txt", headers={"Content-Type": "text/plain"}, body=ROBOTS)
    assert await robots.check(server.url("/news/1")) == 30.0
    with pytest.raises(FetchRejected) as caught:
        await robots.check(server.url("/no-bots/page"))
    assert caught.value.reason == "robots_disallowed"
    assert server.hits("/robots.txt") == 1


async def test_other_agents_rules_do_not_apply(client: SafeClient, server: LoopbackServer) -> None:
    server.route("/robots.txt", headers={"Content-Type": "text/plain"}, body=ROBOTS)
    other = RobotsCache(client, RobotsOptions(agent="otherbot"))
    assert await other.check(server.url("/no-bots/page")) == 2.0
    with pytest.raises(FetchRejected):
        await other.check(server.url("/private/x"))


async def test_missing_robots_allows_everything(
    robots: RobotsCache, server: LoopbackServer
) -> None:
    assert await robots.check(server.url("/anything")) == 0.0
    assert await robots.check(server.url("/else")) == 0.0
    assert server.hits("/robots.txt") == 1


async def test_failing_robots_disallows_for_now(
    robots: RobotsCache, server: LoopbackServer
) -> None:
    server.route("/robots.txt", status=503)
    with pytest.raises(FetchRejected) as caught:
        await robots.check(server.url("/page"))
    assert caught.value.reason == "robots_unavailable"


async def test_concurrent_checks_fetch_robots_once(
    robots: RobotsCache, server: LoopbackServer
) -> None:
    import asyncio

    server.route("/robots.txt", headers={"Content-Type": "text/plain"}, body=b"", delay=0.1)
    await asyncio.gather(*(robots.check(server.url(f"/p/{n}")) for n in range(10)))
    assert server.hits("/robots.txt") == 1


async def test_robots_host_that_does_not_resolve_is_a_dns_error(robots: RobotsCache) -> None:
    with pytest.raises(FetchRejected, match=r"news\.invalid does not resolve") as caught:
        await robots.check("http://news.invalid/page")
    assert caught.value.reason == "dns_error"
