"""The SSRF guard: which URLs and addresses the fetcher may reach, enforced at connect time."""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpcore
import httpx

from newsdesk.errors import FetchRejected

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Resolves a host name to IP address strings (the only DNS lookup a fetch makes).
Resolver = Callable[[str, int], Awaitable[list[str]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Instance-metadata endpoints of the big clouds. Most are link-local or private already; Azure's
# wireserver is a public address, so it must be named.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure IMDS, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "168.63.129.16",  # Azure wireserver
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "fd00:ec2::254",  # AWS IMDS over IPv6
    )
)

NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")

# Every spelling inet_aton() accepts: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x).
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.I)


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the system resolver; addresses in the order it returned them."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    return addresses


def static_resolver(table: Mapping[str, Sequence[str]]) -> Resolver:
    """A resolver answering from ``table`` only (tests, and hosts pinned by configuration)."""

    async def resolve(host: str, port: int) -> list[str]:
        try:
            return list(table[host.lower()])
        except KeyError:
            # What the system resolver raises for a name that does not exist.
            message = f"{host} is not in the static resolver table"
            raise socket.gaierror(socket.EAI_NONAME, message) from None

    return resolve


class ResolutionFailed(FetchRejected):
    """The host name does not resolve (reason ``dns_error``), raised where the lookup failed.

    ``temporary`` is set when the resolver said to try again (``EAI_AGAIN``): the client retries
    those; a name that does not exist is not retried.
    """

    def __init__(self, host: str, error: OSError) -> None:
        super().__init__(f"{host} does not resolve: {error}", reason="dns_error")
        self.host = host
        self.temporary = isinstance(error, socket.gaierror) and error.errno == socket.EAI_AGAIN


def refusal_of(address: IPAddress) -> str | None:
    """Why ``address`` must not be reached, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return "an IPv4-mapped IPv6 address"
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = refusal_of(embedded)
            return f"an IPv6 address embedding {embedded} ({inner})" if inner else None
    checks: list[tuple[bool, str]] = [
        (address in METADATA_ADDRESSES, "a cloud metadata address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a globally routable address"),
    ]
    return next((why for refused, why in checks if refused), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    # NAT64, 6to4 and Teredo addresses lead to an IPv4 host: that host is what gets reached.
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def is_numeric_spelling(host: str) -> bool:
    """True for hosts like ``2130706434``, ``0x7f000002`` or ``0177.1`` (not plain dotted quads)."""
    if not _NUMERIC_HOST.match(host):
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return True
    return False


_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.?)+$", re.I)


def parse_allow_entry(entry: str) -> IPNetwork | str:
    """A CIDR (or address) as a network, or a host name lower-cased; ValueError otherwise."""
    text = entry.strip()
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        if not _HOST_NAME.match(text) or "/" in text or _NUMERIC_HOST.match(text):
            raise ValueError(f"{entry!r} is neither a CIDR nor a host name") from None
    return text.lower().rstrip(".")


@dataclass
class UrlGuard:
    """Decides which URLs and addresses may be fetched; safe by default.

    ``allow`` lists CIDRs or host names that are reachable even though they are not public
    (tests, intranet deployments). A host name in ``allow`` lets through whatever it resolves to.
    """

    allow: Iterable[str] = ()
    resolver: Resolver = system_resolver
    _networks: list[IPNetwork] = field(init=False, default_factory=list)
    _hosts: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        for entry in self.allow:
            parsed = parse_allow_entry(entry)
            if isinstance(parsed, str):
                self._hosts.add(parsed)
            else:
                self._networks.append(parsed)

    def check_url(self, url: str) -> str:
        """Refuse a URL that is unsafe before any lookup; returns its lower-cased host."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").rstrip(".")
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError as exc:
            raise FetchRejected(f"malformed URL {url!r}: {exc}", reason="invalid_url") from None
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            message = f"only http and https are fetched, not {url!r}"
            raise FetchRejected(message, reason="invalid_url")
        if not host:
            raise FetchRejected(f"URL without a host: {url!r}", reason="invalid_url")
        if parts.username or parts.password:
            raise FetchRejected(f"URL with credentials refused: {url!r}", reason="invalid_url")
        if host not in self._hosts and is_numeric_spelling(host):
            raise FetchRejected(
                f"numeric host spelling {host!r} refused (write addresses as dotted quads)",
                reason="ssrf_blocked",
            )
        literal = _ip_or_none(host)
        if literal is not None:
            self.check_address(literal, host)
        return host

    def check_address(self, address: IPAddress, host: str) -> None:
        """Refuse ``address`` (which ``host`` resolved to) unless it is public or allowlisted."""
        if any(address in network for network in self._networks):
            return
        why = refusal_of(address)
        if why is not None:
            raise FetchRejected(f"{host} resolves to {address}, {why}", reason="ssrf_blocked")

    async def resolve(self, host: str, port: int) -> list[str]:
        """Resolve once and check every address; returns the addresses a connection may use."""
        host = host.lower().rstrip(".")
        if host not in self._hosts and is_numeric_spelling(host):
            raise FetchRejected(f"numeric host spelling {host!r} refused", reason="ssrf_blocked")
        literal = _ip_or_none(host)
        if literal is not None:
            self.check_address(literal, host)
            return [str(literal)]
        try:
            addresses = await self.resolver(host, port)
        except OSError as exc:
            raise ResolutionFailed(host, exc) from exc
        if not addresses:
            raise ResolutionFailed(host, OSError("no address"))
        if host not in self._hosts:
            for address in addresses:
                self.check_address(ipaddress.ip_address(address), host)
        return addresses


def _ip_or_none(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """A network backend that connects only to addresses the guard checked (no DNS rebinding).

    httpcore still hands the URL's host name to TLS, so SNI and certificate checks are unchanged,
    and the Host header comes from the URL as usual; only the TCP connect is pinned.
    """

    def __init__(self, guard: UrlGuard, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._guard = guard
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's backend interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve and check ``host``, then connect to the first checked address that answers."""
        try:
            with anyio.fail_after(timeout):
                addresses = await self._guard.resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took over {timeout}s") from None
        error: Exception = httpcore.ConnectError(f"no address of {host} answered")
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's backend interface
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are never reachable from a URL."""
        raise FetchRejected("unix sockets are not fetched", reason="ssrf_blocked")

    async def sleep(self, seconds: float) -> None:
        """Sleep on the inner backend's clock."""
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool built on :class:`GuardedBackend`.

    Proxies from the environment are never used: a proxy would resolve and connect for us and
    take the guard out of the path.
    """

    def __init__(self, guard: UrlGuard, limits: httpx.Limits, verify: bool = True) -> None:
        super().__init__(verify=verify, trust_env=False, limits=limits)
        ssl_context = httpx.create_ssl_context(verify=verify, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(guard),
        )
