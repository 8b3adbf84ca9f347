"""Retries on 429/5xx with jittered backoff, Retry-After honoured, permanent errors not retried."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from fetcher.client import SafeClient, Validators, retry_after_seconds
from fetcher.testing import LoopbackServer, Reply, Seen
from newsdesk.errors import FetchRejected

PAGE = Reply(headers={"Content-Type": "text/html"}, body=b"<p>ok</p>")


def failing_first(times: int, failure: Reply) -> Callable[[Seen], Reply]:
    calls = iter(range(1_000))
    return lambda _seen: failure if next(calls) < times else PAGE


async def test_retry_after_is_honoured(client: SafeClient, server: LoopbackServer) -> None:
    busy = Reply(status=429, headers={"Retry-After": "1"})
    server.route("/busy", failing_first(1, busy))
    started = time.monotonic()
    fetched = await client.fetch(server.url("/busy"))
    assert fetched.content == b"<p>ok</p>"
    assert fetched.attempts == 2
    assert time.monotonic() - started >= 0.95


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retried(
    client: SafeClient, server: LoopbackServer, status: int
) -> None:
    server.route("/flaky", failing_first(2, Reply(status=status)))
    fetched = await client.fetch(server.url("/flaky"))
    assert fetched.attempts == 3


async def test_gives_up_after_the_last_attempt(client: SafeClient, server: LoopbackServer) -> None:
    server.route("/down", status=503)
    with pytest.raises(FetchRejected, match=r"HTTP 503 \(after 3 attempts") as caught:
        await client.fetch(server.url("/down"))
    assert caught.value.reason == "http_status"
    assert server.hits("/down") == 3


async def test_retry_after_beyond_the_cap_is_not_waited_for(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route("/later", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(FetchRejected, match="come back in 3600s") as caught:
        await client.fetch(server.url("/later"))
    assert caught.value.reason == "http_status"
    assert server.hits("/later") == 1


@pytest.mark.parametrize("status", [400, 403, 404, 410])
async def test_permanent_errors_are_not_retried(
    client: SafeClient, server: LoopbackServer, status: int
) -> None:
    server.route("/gone", status=status)
    with pytest.raises(FetchRejected, match=f"HTTP {status}") as caught:
        await client.fetch(server.url("/gone"))
    assert caught.value.reason == "http_status"
    assert server.hits("/gone") == 1


async def test_conditional_get_answers_304(client: SafeClient, server: LoopbackServer) -> None:
    def conditional(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(status=304)
        return Reply(headers={"Content-Type": "text/html", "ETag": '"v1"'}, body=b"<p>v1</p>")

    server.route("/cond", conditional)
    first = await client.fetch(server.url("/cond"))
    second = await client.fetch(server.url("/cond"), validators=first.validators)
    assert (first.status, second.status) == (200, 304)
    assert second.not_modified
    assert second.content == b""


async def test_user_agent_carries_the_contact(client: SafeClient, server: LoopbackServer) -> None:
    server.route("/", PAGE)
    await client.fetch(server.url("/"), validators=Validators(last_modified="x"))
    assert "mailto:tests@example.org" in server.requests[0].headers["user-agent"]
    assert server.requests[0].headers["if-modified-since"] == "x"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("120", 120.0, id="seconds"),
        pytest.param("Thu, 01 Jan 1970 00:00:00 GMT", 0.0, id="date-in-the-past"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected
