"""The scheduler over loopback: every source kind, conditional GET, seen-set across restarts."""

from __future__ import annotations

import asyncio
import gzip
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fetcher.client import SafeClient
from fetcher.discovery import Discovery
from fetcher.scheduler import Emitters, Scheduler
from fetcher.sources import Source
from fetcher.state import SchedulerState
from fetcher.testing import LoopbackServer, Reply, Seen
from newsdesk.errors import Rejected
from newsdesk.events import FetchRequest, RawArticle

RSS = "application/rss+xml"


@dataclass
class Outbox:
    """What the scheduler emitted."""

    requests: list[FetchRequest] = field(default_factory=list)
    articles: list[RawArticle] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def emitters(self) -> Emitters:
        async def request(item: FetchRequest) -> None:
            self.requests.append(item)

        async def article(item: RawArticle) -> None:
            self.articles.append(item)

        async def rejected(source: Source, url: str, error: Rejected) -> None:
            self.rejected.append((url, error.reason))

        return Emitters(request, article, rejected)

    @property
    def urls(self) -> list[str]:
        return [request.url for request in self.requests]


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    return f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def scheduler(
    client: SafeClient, state: SchedulerState, outbox: Outbox, *sources: Source
) -> Scheduler:
    return Scheduler(list(sources), outbox.emitters(), discovery=Discovery(client, state))


def feed_with_etag(body: bytes) -> object:
    def reply(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"1"':
            return Reply(status=304)
        return Reply(headers={"Content-Type": RSS, "ETag": '"1"'}, body=body)

    return reply


async def test_feed_items_are_emitted_once_and_the_feed_costs_a_304_after(
    client: SafeClient, server: LoopbackServer
) -> None:
    links = [server.url(f"/a/{n}?utm_source=rss") for n in range(3)]
    server.route("/feed.xml", feed_with_etag(rss(*links)))
    source = Source(id="f", kind="feed", url=server.url("/feed.xml"), name="Feed", language="en")
    outbox = Outbox()
    sched = scheduler(client, SchedulerState(), outbox, source)
    assert await sched.run_once() == 3
    assert await sched.run_once() == 0
    assert outbox.urls == links
    first = outbox.requests[0]
    assert (first.source, first.source_name, first.discovered_via) == ("f", "Feed", "feed")
    assert first.feed is not None
    assert first.feed.title == links[0]
    assert first.language_hint == "en"
    assert [seen.headers.get("if-none-match") for seen in server.requests] == [None, '"1"']
    assert sched.metrics.value("newsdesk_fetcher_not_modified_total", {"source": "f"}) == 1


async def test_restart_with_the_same_state_emits_nothing_again(
    client: SafeClient, server: LoopbackServer, tmp_path: Path
) -> None:
    server.route("/feed.xml", headers={"Content-Type": RSS}, body=rss(server.url("/a/1")))
    source = Source(id="f", kind="feed", url=server.url("/feed.xml"))
    path = tmp_path / "state.sqlite3"
    before, after = Outbox(), Outbox()
    state = SchedulerState(path)
    await scheduler(client, state, before, source).run_once()
    state.close()
    server.route(
        "/feed.xml", headers={"Content-Type": RSS}, body=rss(server.url("/a/1"), server.url("/a/2"))
    )
    state = SchedulerState(path)
    await scheduler(client, state, after, source).run_once()
    state.close()
    assert before.urls == [server.url("/a/1")]
    assert after.urls == [server.url("/a/2")]


async def test_canonical_duplicates_and_filters(client: SafeClient, server: LoopbackServer) -> None:
    links = [
        server.url("/world/1"),
        server.url("/world/1?utm_campaign=x#top"),
        server.url("/world/video/2"),
        server.url("/sport/3"),
    ]
    server.route("/feed.xml", headers={"Content-Type": RSS}, body=rss(*links))
    source = Source(
        id="f", kind="feed", url=server.url("/feed.xml"), include=["/world/"], exclude=["/video/"]
    )
    outbox = Outbox()
    await scheduler(client, SchedulerState(), outbox, source).run_once()
    assert outbox.urls == [server.url("/world/1")]


async def test_max_items_leaves_the_rest_for_the_next_poll(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route("/feed.xml", feed_with_etag(rss(*(server.url(f"/a/{n}") for n in range(5)))))
    source = Source(id="f", kind="feed", url=server.url("/feed.xml"), max_items=2)
    outbox = Outbox()
    sched = scheduler(client, SchedulerState(), outbox, source)
    assert [await sched.run_once() for _ in range(4)] == [2, 2, 1, 0]


async def test_sitemap_index_with_gzip_and_news_children(
    client: SafeClient, server: LoopbackServer
) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    news_ns = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    children = "".join(
        f"<sitemap><loc>{loc}</loc></sitemap>"
        for loc in ("/pages.xml.gz", "/news.xml", "/missing.xml")
    )
    index = f"<sitemapindex {ns}>{children}</sitemapindex>"
    pages = f"<urlset {ns}><url><loc>{server.url('/p/1')}</loc></url></urlset>"
    news = (
        f"<urlset {ns} {news_ns}><url><loc>{server.url('/n/1')}</loc><news:news>"
        "<news:title>Accord</news:title></news:news></url></urlset>"
    )
    server.route("/sitemap.xml", headers={"Content-Type": "application/xml"}, body=index.encode())
    server.route(
        "/pages.xml.gz",
        headers={"Content-Type": "application/gzip"},
        body=gzip.compress(pages.encode()),
    )
    server.route("/news.xml", headers={"Content-Type": "text/xml"}, body=news.encode())
    outbox = Outbox()
    source = Source(id="s", kind="sitemap", url=server.url("/sitemap.xml"))
    await scheduler(client, SchedulerState(), outbox, source).run_once()
    assert outbox.urls == [server.url("/p/1"), server.url("/n/1")]
    assert outbox.requests[1].feed is not None
    assert outbox.requests[1].feed.title == "Accord"
    assert outbox.rejected == [(server.url("/missing.xml"), "http_status")]


async def test_url_list_file(client: SafeClient, server: LoopbackServer, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# reading list\n{server.url('/a')}\n\nmailto:me@example.org\n{server.url('/b')}\n"
    )
    outbox = Outbox()
    source = Source(id="l", kind="urls", path=listing)
    await scheduler(client, SchedulerState(), outbox, source).run_once()
    assert outbox.urls == [server.url("/a"), server.url("/b")]
    assert outbox.requests[0].discovered_via == "list"
    assert outbox.rejected == [("mailto:me@example.org", "invalid_url")]


async def test_single_url(client: SafeClient) -> None:
    outbox = Outbox()
    source = Source(id="u", kind="url", url="http://news.test/one")
    await scheduler(client, SchedulerState(), outbox, source).run_once()
    assert outbox.urls == ["http://news.test/one"]


async def test_directory_files_are_read_once_until_changed(
    client: SafeClient, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("date 2025-06-03\nTitle\n\nBody.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>b</p>")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    outbox = Outbox()
    sched = scheduler(
        client, SchedulerState(), outbox, Source(id="d", kind="directory", path=tmp_path)
    )
    assert await sched.run_once() == 2
    assert await sched.run_once() == 0
    (tmp_path / "a.txt").write_text("date 2025-06-04\nTitle, updated\n\nBody.")
    assert await sched.run_once() == 1
    assert {Path(a.url).name for a in outbox.articles} == {"a.txt", "b.html"}


@pytest.mark.parametrize(
    ("path", "reply", "reason"),
    [
        pytest.param("/gone.xml", Reply(status=404), "http_status", id="missing-feed"),
        pytest.param(
            "/page.xml",
            Reply(headers={"Content-Type": "image/png"}, body=b"x"),
            "bad_content_type",
            id="not-xml",
        ),
        pytest.param(
            "/broken.xml",
            Reply(headers={"Content-Type": RSS}, body=b"<rss><chan"),
            "feed_error",
            id="malformed",
        ),
    ],
)
async def test_failing_feed_is_dead_lettered(
    client: SafeClient, server: LoopbackServer, path: str, reply: Reply, reason: str
) -> None:
    server.route(path, reply)
    outbox = Outbox()
    source = Source(id="f", kind="feed", url=server.url(path))
    assert await scheduler(client, SchedulerState(), outbox, source).run_once() == 0
    assert outbox.rejected == [(server.url(path), reason)]


async def test_feed_on_a_forbidden_address_is_dead_lettered(client: SafeClient) -> None:
    outbox = Outbox()
    source = Source(id="f", kind="feed", url="http://169.254.169.254/latest/meta-data/")
    await scheduler(client, SchedulerState(), outbox, source).run_once()
    assert outbox.rejected == [("http://169.254.169.254/latest/meta-data/", "ssrf_blocked")]


async def test_sources_are_polled_again_on_their_interval(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route("/feed.xml", feed_with_etag(rss(server.url("/a/1"))))
    source = Source(id="f", kind="feed", url=server.url("/feed.xml"), interval="1s")
    outbox = Outbox()
    sched = scheduler(client, SchedulerState(), outbox, source)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(sched.run_forever(), timeout=2.5)
    feed_requests = [seen for seen in server.requests if seen.path == "/feed.xml"]
    assert len(feed_requests) >= 2  # at 0 s, then every 1 s ± 10 %
    assert all(seen.headers.get("if-none-match") == '"1"' for seen in feed_requests[1:])
    assert outbox.urls == [server.url("/a/1")]


async def test_a_slow_source_does_not_hold_up_the_others(
    client: SafeClient, server: LoopbackServer
) -> None:
    server.route(
        "/slow.xml", headers={"Content-Type": RSS}, body=rss(server.url("/s/1")), delay=1.5
    )
    server.route("/quick.xml", feed_with_etag(rss(server.url("/q/1"))))
    slow = Source(id="slow", kind="feed", url=server.url("/slow.xml"), interval="1s")
    quick = Source(id="quick", kind="feed", url=server.url("/quick.xml"), interval="1s")
    outbox = Outbox()
    sched = scheduler(client, SchedulerState(), outbox, slow, quick)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(sched.run_forever(), timeout=1.4)
    assert server.hits("/quick.xml") >= 2
    assert server.hits("/slow.xml") >= 1  # still retrying its timeouts meanwhile
    assert outbox.urls == [server.url("/q/1")]
