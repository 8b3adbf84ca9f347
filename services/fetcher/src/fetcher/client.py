"""The fetcher's HTTP client: guarded connections, capped bodies, checked redirects, retries."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin

import anyio
import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt

from fetcher.bodies import ACCEPT_ENCODING, read_capped
from fetcher.safety import GuardedTransport, ResolutionFailed, UrlGuard
from newsdesk.errors import FetchRejected

#: Content types of article pages (what the extractor reads).
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: Content types feeds and sitemaps are served with in the wild.
XML_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
        "application/octet-stream",
        "application/gzip",
        "application/x-gzip",
    }
)
#: The response headers kept with a fetched page.
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Limits:
    """How much one fetch may cost: body size, redirect hops, pooled connections."""

    max_body_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    max_connections: int = 100
    max_keepalive_connections: int = 20


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed to connect, between two reads, and for a whole attempt."""

    connect: float = 5.0
    read: float = 10.0
    total: float = 30.0


@dataclass(frozen=True)
class Retries:
    """Retries on 429/5xx/timeouts: capped, fully jittered exponential backoff.

    A ``Retry-After`` is honoured when it is at most ``retry_after_max`` seconds; a server asking
    for a longer pause gets the URL dead-lettered (replayable) instead of a blocked worker.
    """

    attempts: int = 3
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    retry_after_max: float = 60.0
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class ClientOptions:
    """Everything that shapes the client's behaviour, in one explicit object."""

    user_agent: str = "newsdesk/0.1"
    limits: Limits = field(default_factory=Limits)
    timeouts: Timeouts = field(default_factory=Timeouts)
    retries: Retries = field(default_factory=Retries)
    verify_tls: bool = True


@dataclass(frozen=True)
class Validators:
    """The validators of an earlier response, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` request headers."""
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


@dataclass(frozen=True)
class Fetched:
    """A completed fetch: the final response's status, kept headers and decoded body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str
    wire_bytes: int = 0
    redirects: tuple[str, ...] = ()
    attempts: int = 1
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304

    @property
    def validators(self) -> Validators:
        """What to send next time to get a 304 if nothing changed."""
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))


#: Awaited with each redirect target before it is requested; raises to refuse it.
HopCheck = Callable[[str], Awaitable[object]]
#: Entered with every URL requested (the first and each redirect target) before its request and
#: held until its response is read: the worker waits there for the host's politeness turn.
Pace = Callable[[str], AbstractAsyncContextManager[object]]


def _unpaced(_url: str) -> AbstractAsyncContextManager[object]:
    return nullcontext()


@dataclass(frozen=True)
class _Wanted:
    accept: frozenset[str] | None
    validators: Validators | None
    hop_check: HopCheck | None
    pace: Pace = _unpaced


class HttpStatusError(FetchRejected):
    """The server answered with an HTTP error status (reason ``http_status``)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message, reason="http_status")
        self.status = status


class _Retryable(Exception):
    def __init__(self, rejection: FetchRejected, retry_after: float | None = None) -> None:
        super().__init__(rejection.message)
        self.rejection = rejection
        self.retry_after = retry_after


def media_type(content_type: str) -> str:
    """``text/html`` from ``text/html; charset=utf-8``."""
    return content_type.split(";", 1)[0].strip().lower()


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


class SafeClient:
    """Fetches URLs through the SSRF guard within the limits of its :class:`ClientOptions`.

    Every failure is a :class:`FetchRejected` with a reason code. Use as an async context
    manager (or call :meth:`aclose`); one client serves many concurrent fetches.
    """

    def __init__(self, options: ClientOptions, guard: UrlGuard) -> None:
        self.options = options
        self.guard = guard
        limits = httpx.Limits(
            max_connections=options.limits.max_connections,
            max_keepalive_connections=options.limits.max_keepalive_connections,
        )
        timeouts = options.timeouts
        self._http = httpx.AsyncClient(
            transport=GuardedTransport(guard, limits, verify=options.verify_tls),
            timeout=httpx.Timeout(
                connect=timeouts.connect, read=timeouts.read, write=timeouts.read, pool=None
            ),
            headers={"User-Agent": options.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            # Stateless fetching: no cookie jar, so no site can track us across fetches.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            follow_redirects=False,
            trust_env=False,
        )

    async def __aenter__(self) -> SafeClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close pooled connections."""
        await self._http.aclose()

    async def fetch(
        self,
        url: str,
        *,
        accept: frozenset[str] | None = PAGE_TYPES,
        validators: Validators | None = None,
        hop_check: HopCheck | None = None,
        pace: Pace | None = None,
    ) -> Fetched:
        """GET ``url``; raises ``FetchRejected``.

        ``accept=None`` takes any content type; ``hop_check`` is awaited with every redirect
        target before it is requested (the worker checks robots.txt there) and may raise;
        ``pace`` is entered around every request, hops and retries included (the worker waits
        for the host's turn there). Time spent waiting in ``pace`` does not count against
        ``Timeouts.total``.
        """
        wanted = _Wanted(accept, validators, hop_check, pace or _unpaced)
        started = time.monotonic()
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.options.retries.attempts),
            wait=self._backoff,
            retry=retry_if_exception_type(_Retryable),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    fetched = await self._attempt(url, wanted)
        except _Retryable as failure:
            tries = retrying.statistics.get("attempt_number", 1)
            rejection = failure.rejection
            rejection.message = f"{rejection.message} (after {tries} attempts)"
            rejection.args = (rejection.message,)
            raise rejection from None
        tries = retrying.statistics.get("attempt_number", 1)
        return replace(fetched, attempts=tries, elapsed=time.monotonic() - started)

    def _backoff(self, state: RetryCallState) -> float:
        policy = self.options.retries
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, _Retryable) and failure.retry_after is not None:
            return failure.retry_after
        ceiling = min(policy.backoff_max, policy.backoff_initial * 2 ** (state.attempt_number - 1))
        return random.uniform(0, ceiling)  # noqa: S311 - jitter, not cryptography

    async def _attempt(self, url: str, wanted: _Wanted) -> Fetched:
        total = self.options.timeouts.total
        try:
            return await self._follow(url, wanted)
        except ResolutionFailed as exc:
            if exc.temporary:
                raise _Retryable(exc) from None
            raise
        except TimeoutError:
            message = f"{url}: no complete answer within {total}s"
            rejection = FetchRejected(message, reason="timeout")
            raise _Retryable(rejection) from None
        except httpx.TimeoutException as exc:
            rejection = FetchRejected(f"{url}: {type(exc).__name__}", reason="timeout")
            raise _Retryable(rejection) from None
        except httpx.UnsupportedProtocol as exc:
            raise FetchRejected(f"{url}: {exc}", reason="invalid_url") from None
        except httpx.TransportError as exc:
            message = f"{url}: {type(exc).__name__} {exc}".rstrip()
            raise _Retryable(FetchRejected(message, reason="fetch_error")) from None

    async def _follow(self, url: str, wanted: _Wanted) -> Fetched:
        """The redirect chain of one attempt; its requests share ``Timeouts.total``."""
        chain = [url]
        extra = wanted.validators.headers() if wanted.validators else {}
        spent = 0.0
        for _ in range(self.options.limits.max_redirects + 1):
            current = chain[-1]
            self.guard.check_url(current)
            if wanted.hop_check is not None and len(chain) > 1:
                await wanted.hop_check(current)
            async with wanted.pace(current):
                began = time.monotonic()
                try:
                    with anyio.fail_after(max(self.options.timeouts.total - spent, 0.0)):
                        outcome = await self._request(current, chain, extra, wanted)
                finally:
                    spent += time.monotonic() - began
            if isinstance(outcome, Fetched):
                return outcome
            target = outcome
            if target in chain:
                loop = " -> ".join([*chain, target])
                raise FetchRejected(f"{url}: redirect loop {loop}", reason="too_many_redirects")
            chain.append(target)
        hops = self.options.limits.max_redirects
        raise FetchRejected(f"{url}: more than {hops} redirects", reason="too_many_redirects")

    async def _request(
        self, current: str, chain: list[str], extra: dict[str, str], wanted: _Wanted
    ) -> str | Fetched:
        """One request: the redirect target it answered, or the page it read."""
        request = self._http.build_request("GET", current, headers=extra)
        response = await self._http.send(request, stream=True)
        try:
            target = self._redirect_target(response, current)
            return await self._read(response, chain, wanted.accept) if target is None else target
        finally:
            await response.aclose()

    @staticmethod
    def _redirect_target(response: httpx.Response, current: str) -> str | None:
        location = str(response.headers.get("location", ""))
        if response.status_code not in REDIRECT_STATUSES or not location:
            return None
        return urljoin(current, location.strip())

    async def _read(
        self, response: httpx.Response, chain: list[str], accept: frozenset[str] | None
    ) -> Fetched:
        url, status = chain[0], response.status_code
        self._check_status(url, response)
        kept = response.headers
        headers = {name: kept[name] for name in KEPT_HEADERS if name in kept}
        content_type = media_type(response.headers.get("content-type", ""))
        if status == 304:
            return Fetched(url, chain[-1], status, headers, b"", content_type)
        if accept is not None and content_type not in accept:
            shown = content_type or "no content type"
            raise FetchRejected(f"{url}: {shown} is not fetched", reason="bad_content_type")
        max_bytes = self.options.limits.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            message = f"{url}: Content-Length {declared} exceeds {max_bytes} bytes"
            raise FetchRejected(message, reason="too_large")
        content, wire = await read_capped(
            response.aiter_raw(),
            url=url,
            content_encoding=response.headers.get("content-encoding", ""),
            max_bytes=max_bytes,
        )
        return Fetched(
            url, chain[-1], status, headers, content, content_type, wire, tuple(chain[1:])
        )

    def _check_status(self, url: str, response: httpx.Response) -> None:
        status, policy = response.status_code, self.options.retries
        if status < 400:
            return
        rejection = HttpStatusError(f"{url}: HTTP {status}", status=status)
        if status not in policy.statuses:
            raise rejection
        retry_after = retry_after_seconds(response.headers.get("retry-after"))
        if retry_after is not None and retry_after > policy.retry_after_max:
            message = f"{url}: HTTP {status}, server asks to come back in {retry_after:.0f}s"
            raise HttpStatusError(message, status=status)
        raise _Retryable(rejection, retry_after)
