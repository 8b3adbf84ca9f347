"""Redirects are followed by hand: a bounded chain, loops detected, each hop re-checked."""

from __future__ import annotations

import pytest

from fetcher.client import SafeClient
from fetcher.testing import LoopbackServer, Reply
from newsdesk.errors import FetchRejected


def hop(to: str, status: int = 301) -> Reply:
    return Reply(status=status, headers={"Location": to})


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_follows_a_chain_to_the_page(
    client: SafeClient, server: LoopbackServer, status: int
) -> None:
    server.route("/a", hop("/b", status))
    server.route("/b", hop(server.url("/c"), status))
    server.route("/c", headers={"Content-Type": "text/html"}, body=b"<p>here</p>")
    fetched = await client.fetch(server.url("/a"))
    assert fetched.content == b"<p>here</p>"
    assert fetched.final_url == server.url("/c")
    assert fetched.redirects == (server.url("/b"), server.url("/c"))


async def test_loop_is_detected(client: SafeClient, server: LoopbackServer) -> None:
    server.route("/ping", hop("/pong"))
    server.route("/pong", hop("/ping"))
    with pytest.raises(FetchRejected, match="redirect loop") as caught:
        await client.fetch(server.url("/ping"))
    assert caught.value.reason == "too_many_redirects"
    assert server.hits("/ping") == 1


async def test_chain_longer_than_allowed(client: SafeClient, server: LoopbackServer) -> None:
    for step in range(6):
        server.route(f"/{step}", hop(f"/{step + 1}"))
    with pytest.raises(FetchRejected, match="more than 3 redirects") as caught:
        await client.fetch(server.url("/0"))
    assert caught.value.reason == "too_many_redirects"
    assert server.hits("/4") == 0


async def test_redirect_to_another_scheme_is_refused(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route("/out", hop("file:///etc/passwd"))
    with pytest.raises(FetchRejected) as caught:
        await client.fetch(server.url("/out"))
    assert caught.value.reason == "invalid_url"


async def test_cookies_are_never_sent_back(client: SafeClient, server: LoopbackServer) -> None:
    server.route("/set", status=302, headers={"Location": "/page", "Set-Cookie": "id=42; Path=/"})
    server.route("/page", headers={"Content-Type": "text/html"}, body=b"<p>x</p>")
    await client.fetch(server.url("/set"))
    await client.fetch(server.url("/page"))
    assert all("cookie" not in seen.headers for seen in server.requests)
