"""SSRF attempts over the network, only against loopback addresses outside the allowlist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fetcher.client import ClientOptions, SafeClient
from fetcher.safety import UrlGuard
from fetcher.testing import LoopbackServer, Reply
from newsdesk.errors import FetchRejected

PAGE = Reply(headers={"Content-Type": "text/html"}, body=b"<p>secret</p>")


@pytest.fixture
def forbidden() -> Iterator[LoopbackServer]:
    """A server on 127.0.0.2: reachable on the wire, but not allowlisted."""
    with LoopbackServer("127.0.0.2") as running:
        running.route("/", PAGE)
        yield running


@pytest.fixture
def forbidden_v6() -> Iterator[LoopbackServer]:
    """A server on [::1]."""
    with LoopbackServer("::1") as running:
        running.route("/", PAGE)
        yield running


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param("127.0.0.2", id="dotted"),
        pytest.param("2130706434", id="decimal"),
        pytest.param("0x7f000002", id="hex"),
        pytest.param("0177.0.0.2", id="octal"),
        pytest.param("evil.test", id="name-resolving-to-127.0.0.2"),
    ],
)
async def test_forbidden_loopback_is_never_contacted(
    client: SafeClient, forbidden: LoopbackServer, spelling: str
) -> None:
    with pytest.raises(FetchRejected) as caught:
        await client.fetch(f"http://{spelling}:{forbidden.port}/")
    assert caught.value.reason == "ssrf_blocked"
    assert forbidden.requests == []


async def test_ipv6_loopback_is_never_contacted(
    client: SafeClient, forbidden_v6: LoopbackServer
) -> None:
    with pytest.raises(FetchRejected) as caught:
        await client.fetch(forbidden_v6.url("/"))
    assert caught.value.reason == "ssrf_blocked"
    assert forbidden_v6.requests == []


async def test_redirect_to_forbidden_loopback_is_not_followed(
    client: SafeClient, server: LoopbackServer, forbidden: LoopbackServer
) -> None:
    start = server.route("/go", status=302, headers={"Location": forbidden.url("/")})
    with pytest.raises(FetchRejected) as caught:
        await client.fetch(start)
    assert caught.value.reason == "ssrf_blocked"
    assert server.hits("/go") == 1
    assert forbidden.requests == []


async def test_allowlisted_name_and_address_are_fetched(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route("/", PAGE)
    fetched = await client.fetch(f"http://news.test:{server.port}/")
    assert fetched.content == b"<p>secret</p>"
    assert server.requests[0].headers["host"] == f"news.test:{server.port}"


async def test_each_connection_is_checked_against_its_own_lookup(
    options: ClientOptions, forbidden: LoopbackServer
) -> None:
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    guard = UrlGuard(allow=["127.0.0.1/32"], resolver=rebinding)
    with LoopbackServer("127.0.0.1", forbidden.port) as allowed:
        allowed.route("/", PAGE)
        async with SafeClient(options, guard) as first:
            await first.fetch(f"http://rebind.test:{forbidden.port}/")
        async with SafeClient(options, guard) as second:
            with pytest.raises(FetchRejected, match=r"127\.0\.0\.2"):
                await second.fetch(f"http://rebind.test:{forbidden.port}/")
    assert allowed.hits("/") == 1
    assert forbidden.requests == []
