"""Size caps while streaming, compression bombs, content types and timeouts."""

from __future__ import annotations

import gzip
import itertools
import zlib
from dataclasses import replace

import pytest

from fetcher.client import ClientOptions, SafeClient, Timeouts
from fetcher.safety import UrlGuard
from fetcher.testing import LoopbackServer
from newsdesk.errors import FetchRejected

HTML = {"Content-Type": "text/html; charset=utf-8"}
LIMIT = 256 * 1024  # the test client's max_body_bytes


def endless() -> itertools.repeat[bytes]:
    return itertools.repeat(b"x" * 65536)


async def test_endless_body_is_cut_at_the_cap(client: SafeClient, server: LoopbackServer) -> None:
    server.route("/endless", headers=HTML, body=endless())
    with pytest.raises(FetchRejected, match="exceeds") as caught:
        await client.fetch(server.url("/endless"))
    assert caught.value.reason == "too_large"


async def test_declared_length_over_the_cap_is_not_read(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route("/big", headers=HTML, body=b"x" * (LIMIT + 1))
    with pytest.raises(FetchRejected, match="Content-Length") as caught:
        await client.fetch(server.url("/big"))
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        pytest.param("gzip", gzip.compress, id="gzip"),
        pytest.param("deflate", zlib.compress, id="deflate"),
    ],
)
async def test_compression_bomb_is_caught(
    client: SafeClient, server: LoopbackServer, encoding: str, compress: object
) -> None:
    bomb = compress(b"\0" * (64 * 1024 * 1024))  # type: ignore[operator]
    assert len(bomb) < LIMIT
    server.route("/bomb", headers={**HTML, "Content-Encoding": encoding}, body=bomb)
    with pytest.raises(FetchRejected, match="compression bomb") as caught:
        await client.fetch(server.url("/bomb"))
    assert caught.value.reason == "too_large"


async def test_gzip_page_is_inflated(client: SafeClient, server: LoopbackServer) -> None:
    page = b"<p>" + b"news " * 1000 + b"</p>"
    server.route("/gz", headers={**HTML, "Content-Encoding": "gzip"}, body=gzip.compress(page))
    fetched = await client.fetch(server.url("/gz"))
    assert fetched.content == page
    assert fetched.wire_bytes < len(page)


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("application/pdf", id="pdf"),
        pytest.param("image/png", id="image"),
        pytest.param("application/octet-stream", id="octet-stream"),
        pytest.param("", id="missing"),
    ],
)
async def test_content_types_outside_pages_are_refused(
    client: SafeClient, server: LoopbackServer, content_type: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    server.route("/file", headers=headers, body=b"%PDF-1.7")
    with pytest.raises(FetchRejected) as caught:
        await client.fetch(server.url("/file"))
    assert caught.value.reason == "bad_content_type"


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("text/html; charset=utf-8", id="html"),
        pytest.param("application/xhtml+xml", id="xhtml"),
        pytest.param("text/plain", id="text"),
    ],
)
async def test_page_content_types_are_fetched(
    client: SafeClient, server: LoopbackServer, content_type: str
) -> None:
    server.route("/page", headers={"Content-Type": content_type}, body=b"hello")
    fetched = await client.fetch(server.url("/page"))
    assert fetched.content == b"hello"


async def test_slow_server_times_out(
    options: ClientOptions, guard: UrlGuard, server: LoopbackServer
) -> None:
    server.route("/slow", headers=HTML, body=b"late", delay=1.0)
    fast = replace(options, timeouts=Timeouts(connect=0.5, read=0.2, total=0.5))
    async with SafeClient(fast, guard) as impatient:
        with pytest.raises(FetchRejected, match="after 3 attempts") as caught:
            await impatient.fetch(server.url("/slow"))
    assert caught.value.reason == "timeout"
    assert server.hits("/slow") == 3
