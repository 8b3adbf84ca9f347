"""Fixtures of the fetcher tests: loopback servers and clients that may reach only 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from fetcher.client import ClientOptions, Limits, Retries, SafeClient, Timeouts
from fetcher.safety import UrlGuard, static_resolver
from fetcher.testing import LoopbackServer

#: The test allowlist: every other loopback address stands in for a forbidden target.
ALLOWED = ["127.0.0.1/32"]
#: Host names tests may use; resolved without DNS.
HOSTS = {"news.test": ["127.0.0.1"], "evil.test": ["127.0.0.2"]}

FAST = ClientOptions(
    user_agent="newsdesk-test/0 (+mailto:tests@example.org)",
    limits=Limits(max_body_bytes=256 * 1024, max_redirects=3),
    timeouts=Timeouts(connect=1.0, read=0.5, total=2.0),
    retries=Retries(attempts=3, backoff_initial=0.01, backoff_max=0.05, retry_after_max=2.0),
)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """An HTTP server on 127.0.0.1 (the allowlisted address)."""
    with LoopbackServer("127.0.0.1") as running:
        yield running


@pytest.fixture
def guard() -> UrlGuard:
    """The guard tests use: 127.0.0.1 allowed, names from HOSTS only."""
    return UrlGuard(allow=ALLOWED, resolver=static_resolver(HOSTS))


@pytest.fixture
async def client(guard: UrlGuard) -> AsyncIterator[SafeClient]:
    """A SafeClient with short timeouts and backoffs."""
    async with SafeClient(FAST, guard) as safe:
        yield safe


@pytest.fixture
def options() -> ClientOptions:
    """The fast client options (tests vary them with ``dataclasses.replace``)."""
    return FAST
