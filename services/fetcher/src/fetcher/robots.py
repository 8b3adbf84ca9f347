"""robots.txt: fetched through the safe client, cached per origin, crawl-delay capped."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from fetcher.client import SafeClient
from fetcher.politeness import Politeness
from newsdesk.errors import FetchRejected
from newsdesk.ids import host_of


@dataclass(frozen=True)
class RobotsOptions:
    """How robots.txt is read and kept.

    ``agent`` is the product token matched against ``User-agent:`` groups. A robots.txt that
    cannot be fetched (5xx, network error) means "disallow everything" (RFC 9309 §2.3.1.4) for
    ``error_ttl`` seconds; a missing one (4xx) allows everything.
    """

    agent: str = "newsdesk"
    ttl: float = 24 * 3600.0
    error_ttl: float = 600.0
    max_crawl_delay: float = 30.0
    max_origins: int = 10_000


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin, or why there are none."""

    parser: Protego | None
    expires: float
    unavailable: str | None = None

    def allows(self, url: str, agent: str) -> bool:
        """Whether ``agent`` may fetch ``url``."""
        if self.unavailable is not None:
            return False
        return self.parser is None or self.parser.can_fetch(url, agent)

    def delay(self, agent: str) -> float:
        """Seconds between two requests asked for by Crawl-delay or Request-rate (uncapped)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(agent) or 0.0
        rate = self.parser.request_rate(agent)
        if rate is not None and rate.requests:
            delay = max(delay, rate.seconds / rate.requests)
        return float(delay)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the scope of one robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """Answers "may we fetch this, and how slowly?" for many origins, one fetch per origin.

    Given ``politeness``, a robots.txt request waits for its host's turn like any other.
    """

    def __init__(
        self,
        client: SafeClient,
        options: RobotsOptions | None = None,
        *,
        politeness: Politeness | None = None,
    ) -> None:
        self.client = client
        self.options = options or RobotsOptions()
        self.politeness = politeness
        self._rules: OrderedDict[str, RobotsRules] = OrderedDict()
        self._loading: dict[str, asyncio.Task[RobotsRules]] = {}

    async def check(self, url: str) -> float:
        """The crawl delay to keep for ``url``'s host (capped).

        Raises ``FetchRejected`` with reason ``robots_disallowed`` or ``robots_unavailable``, or
        the reason the host itself cannot be reached (``dns_error``, ``ssrf_blocked``).
        """
        rules = await self.rules(origin_of(url))
        agent = self.options.agent
        if rules.unavailable is not None:
            raise FetchRejected(f"{url}: {rules.unavailable}", reason="robots_unavailable")
        if not rules.allows(url, agent):
            raise FetchRejected(f"{url}: disallowed by robots.txt", reason="robots_disallowed")
        return min(rules.delay(agent), self.options.max_crawl_delay)

    async def rules(self, origin: str) -> RobotsRules:
        """The cached rules of ``origin``, fetched when missing or expired (single flight)."""
        cached = self._rules.get(origin)
        if cached is not None and cached.expires > time.monotonic():
            self._rules.move_to_end(origin)
            return cached
        task = self._loading.get(origin)
        if task is None:
            task = asyncio.create_task(self._load(origin))
            self._loading[origin] = task
            task.add_done_callback(lambda _: self._loading.pop(origin, None))
        rules = await asyncio.shield(task)
        self._remember(origin, rules)
        return rules

    def _remember(self, origin: str, rules: RobotsRules) -> None:
        self._rules[origin] = rules
        self._rules.move_to_end(origin)
        while len(self._rules) > self.options.max_origins:
            self._rules.popitem(last=False)

    async def _load(self, origin: str) -> RobotsRules:
        now = time.monotonic()
        try:
            pace = None
            if self.politeness is not None:
                politeness = self.politeness

                def pace(url: str) -> AbstractAsyncContextManager[None]:
                    return politeness.slot(host_of(url))

            fetched = await self.client.fetch(f"{origin}/robots.txt", accept=None, pace=pace)
        except FetchRejected as exc:
            if exc.reason in ("ssrf_blocked", "invalid_url", "dns_error"):
                raise  # about the host itself, not its robots.txt
            status = getattr(exc, "status", None)
            if status is not None and 400 <= status < 500:
                return RobotsRules(None, now + self.options.ttl)
            why = f"robots.txt unavailable ({exc.message}), so nothing may be fetched yet"
            return RobotsRules(None, now + self.options.error_ttl, unavailable=why)
        text = fetched.content.decode("utf-8", errors="replace")
        return RobotsRules(Protego.parse(text), now + self.options.ttl)
