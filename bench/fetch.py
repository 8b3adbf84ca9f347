"""Fetch throughput: the worker's safe, polite fetch path against a bare httpx loop, same run."""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import socket
import subprocess
import sys
import time

import httpx

from fetcher.client import ClientOptions, Limits, SafeClient
from fetcher.politeness import Politeness, PolitenessOptions
from fetcher.robots import RobotsCache
from fetcher.safety import UrlGuard
from fetcher.worker import Worker
from newsdesk.events import FetchRequest

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Accord signé</title></head><body>"
    + "<p>Les deux États ont signé un accord de coopération en matière de défense.</p>" * 200
    + "</body></html>"
).encode()


async def _serve(port: int) -> None:
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(PAGE)}\r\n\r\n"
    ).encode()
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await reader.readuntil(b"\r\n\r\n")
                path = request.split(b" ", 2)[1]
                writer.write(missing if path == b"/robots.txt" else head + PAGE)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


async def _bare(urls: list[str], concurrency: int) -> None:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one(url: str) -> None:
            response = await client.get(url)
            assert response.status_code == 200
            assert len(response.content) == len(PAGE)

        await _drive(urls, concurrency, one)


async def _worker(urls: list[str], concurrency: int) -> None:
    options = ClientOptions(
        user_agent="newsdesk-bench/0 (+mailto:bench@example.org)",
        limits=Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
    )
    politeness = PolitenessOptions(
        global_concurrency=concurrency, per_host_concurrency=concurrency, min_delay=0.0
    )
    async with SafeClient(options, UrlGuard(allow=["127.0.0.1/32"])) as client:
        worker = Worker(client, RobotsCache(client), Politeness(politeness))

        async def one(url: str) -> None:
            raw = await worker.fetch(FetchRequest(url=url, source="bench"))
            assert len(raw.content) == len(PAGE)

        await _drive(urls, concurrency, one)


async def _drive(urls: list[str], concurrency: int, one: object) -> None:
    queue = iter(urls)

    async def lane() -> None:
        for url in queue:
            await one(url)  # type: ignore[operator]

    await asyncio.gather(*(lane() for _ in range(concurrency)))


def child(mode: str, port: int, pages: int, concurrency: int) -> None:
    """Run one mode and print its figures as JSON (a fresh process: its own peak RSS)."""
    urls = [f"http://127.0.0.1:{port}/article/{n}" for n in range(pages)]
    run = _bare if mode == "bare" else _worker
    asyncio.run(run(urls[: min(200, pages)], concurrency))  # warm-up: imports, pools, robots
    started, cpu_started = time.perf_counter(), time.process_time()
    asyncio.run(run(urls, concurrency))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "pages_per_s": pages / elapsed,
        "pages_per_cpu_s": pages / cpu,
        "peak_rss_mb": peak_mb,
    }
    print(json.dumps(figures))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit("the bench server did not start")


def measure(mode: str, port: int, pages: int, concurrency: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", mode, "--port", str(port)]
    command += ["--pages", str(pages), "--concurrency", str(concurrency)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


HOW = """
A local server (its own process, 127.0.0.1 only) serves N HTML pages. Each mode runs in a fresh
child process at the same concurrency, alternating, best of the rounds kept:
  bare    httpx.AsyncClient GETs, reading the body;
  worker  fetcher.worker.Worker.fetch: SSRF guard (127.0.0.1/32 allowlisted, every check on),
          robots.txt, politeness slots, size cap, own decompression, encoding detection.
The per-host delay is 0 here (one host serves everything); all other politeness is on.
"""


def main() -> None:
    """Measure both modes, print a table and the RESULT lines."""
    parser = argparse.ArgumentParser(
        description=__doc__, epilog=HOW, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=800)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=["bare", "worker"])
    parser.add_argument("--port", type=int)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    if args.serve:
        asyncio.run(_serve(args.port))
        return
    if args.child:
        child(args.child, args.port, args.pages, args.concurrency)
        return

    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(port)])
    try:
        wait_for(port)
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):
            for mode in ("bare", "worker"):
                figures = measure(mode, port, args.pages, args.concurrency)
                kept = best.get(mode)
                if kept is None or figures["pages_per_s"] > kept["pages_per_s"]:
                    best[mode] = figures
    finally:
        server.terminate()
        server.wait()

    ratio = best["worker"]["pages_per_s"] / best["bare"]["pages_per_s"]
    print(f"{args.pages} pages of {len(PAGE)} bytes, concurrency {args.concurrency}, ", end="")
    print(f"best of {args.rounds} rounds")
    print(f"{'mode':<28}{'pages/s':>10}{'pages/CPU-s':>14}{'peak RSS MB':>14}")
    for mode, label in (("bare", "bare httpx.AsyncClient"), ("worker", "fetcher worker (safe)")):
        figures = best[mode]
        print(
            f"{label:<28}{figures['pages_per_s']:>10.0f}{figures['pages_per_cpu_s']:>14.0f}"
            f"{figures['peak_rss_mb']:>14.1f}"
        )
    cpu_ratio = best["worker"]["pages_per_cpu_s"] / best["bare"]["pages_per_cpu_s"]
    print(f"ratio worker / bare: {ratio:.2f} x wall clock, {cpu_ratio:.2f} x per CPU second")
    print("(per CPU second is the steadier figure when the machine is shared)")
    print(f"RESULT fetch.pages_per_s {best['worker']['pages_per_s']:.0f} pages/s")
    print(f"RESULT fetch.ratio_vs_bare_httpx {ratio:.2f} x")
    print(f"RESULT fetch.peak_rss_mb {best['worker']['peak_rss_mb']:.1f} MB")


if __name__ == "__main__":
    main()
