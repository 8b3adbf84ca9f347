"""The guard's decisions, made without opening any connection (no traffic leaves the test)."""

from __future__ import annotations

import socket

import pytest

from fetcher.safety import ResolutionFailed, UrlGuard, static_resolver
from newsdesk.errors import FetchRejected

FORBIDDEN_HOSTS = {
    "metadata.test": ["169.254.169.254"],
    "intranet.test": ["10.0.0.1"],
    "ula.test": ["fd00::1"],
    "mixed.test": ["93.184.215.14", "10.1.2.3"],
    "public.test": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
}


@pytest.fixture
def strict() -> UrlGuard:
    """The production default: nothing allowlisted."""
    return UrlGuard(resolver=static_resolver(FORBIDDEN_HOSTS))


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://169.254.169.254/latest/meta-data/", id="aws-metadata"),
        pytest.param("http://[fd00:ec2::254]/", id="aws-metadata-ipv6"),
        pytest.param("http://168.63.129.16/", id="azure-wireserver"),
        pytest.param("http://100.100.100.200/", id="alibaba-metadata"),
        pytest.param("http://10.0.0.1/", id="private-10"),
        pytest.param("http://172.16.5.4/", id="private-172"),
        pytest.param("http://192.168.1.1/", id="private-192"),
        pytest.param("http://100.64.0.1/", id="carrier-grade-nat"),
        pytest.param("http://[fd00::1]/", id="ipv6-unique-local"),
        pytest.param("http://[fe80::1]/", id="ipv6-link-local"),
        pytest.param("http://[::ffff:169.254.169.254]/", id="ipv4-mapped-metadata"),
        pytest.param("http://[::ffff:10.0.0.1]/", id="ipv4-mapped-private"),
        pytest.param("http://[::ffff:7f00:1]/", id="ipv4-mapped-hex-loopback"),
        pytest.param("http://[64:ff9b::a00:1]/", id="nat64-private"),
        pytest.param("http://[2002:a00:1::]/", id="6to4-private"),
        pytest.param("http://0.0.0.0/", id="unspecified"),
        pytest.param("http://[::]/", id="unspecified-ipv6"),
        pytest.param("http://224.0.0.1/", id="multicast"),
        pytest.param("http://240.0.0.1/", id="reserved"),
        pytest.param("http://127.0.0.1/", id="loopback-not-allowlisted"),
        pytest.param("http://[::1]/", id="ipv6-loopback"),
        pytest.param("http://2130706433/", id="decimal-spelling"),
        pytest.param("http://0x7f000001/", id="hex-spelling"),
        pytest.param("http://0177.0.0.1/", id="octal-spelling"),
        pytest.param("http://127.1/", id="short-spelling"),
        pytest.param("http://0xa9.0xfe.0xa9.0xfe/", id="hex-dotted-metadata"),
    ],
)
def test_refuses_literal_targets(strict: UrlGuard, url: str) -> None:
    with pytest.raises(FetchRejected) as caught:
        strict.check_url(url)
    assert caught.value.reason == "ssrf_blocked"


@pytest.mark.parametrize(
    ("host", "why"),
    [
        pytest.param("metadata.test", "cloud metadata", id="name-to-metadata"),
        pytest.param("intranet.test", "private", id="name-to-private"),
        pytest.param("ula.test", "private", id="name-to-ula"),
        pytest.param("mixed.test", "10.1.2.3", id="one-bad-address-of-several"),
    ],
)
async def test_refuses_names_resolving_to_forbidden_addresses(
    strict: UrlGuard, host: str, why: str
) -> None:
    with pytest.raises(FetchRejected, match=why) as caught:
        await strict.resolve(host, 80)
    assert caught.value.reason == "ssrf_blocked"


async def test_public_addresses_pass(strict: UrlGuard) -> None:
    strict.check_url("https://public.test/article")
    assert await strict.resolve("public.test", 443) == FORBIDDEN_HOSTS["public.test"]
    strict.check_url("http://93.184.215.14/")
    strict.check_url("http://[2606:4700::1111]/")


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("file:///etc/passwd", id="file-scheme"),
        pytest.param("gopher://127.0.0.1:6379/_INFO", id="gopher-scheme"),
        pytest.param("ftp://example.org/", id="ftp-scheme"),
        pytest.param("http:///path-only", id="no-host"),
        pytest.param("http://user:secret@example.org/", id="credentials"),
        pytest.param("http://example.org:99999/", id="bad-port"),
    ],
)
def test_refuses_malformed_or_foreign_urls(strict: UrlGuard, url: str) -> None:
    with pytest.raises(FetchRejected) as caught:
        strict.check_url(url)
    assert caught.value.reason == "invalid_url"


def test_allowlist_of_networks_and_names() -> None:
    guard = UrlGuard(allow=["10.0.0.0/8", "Intranet.Test"])
    guard.check_url("http://10.9.8.7/")
    guard.check_url("http://intranet.test/")
    with pytest.raises(FetchRejected, match="private"):
        guard.check_url("http://192.168.0.1/")


async def test_allowlisted_name_may_resolve_anywhere() -> None:
    guard = UrlGuard(allow=["intranet.test"], resolver=static_resolver(FORBIDDEN_HOSTS))
    assert await guard.resolve("intranet.test", 80) == ["10.0.0.1"]


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        pytest.param(
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"), False, id="nxdomain"
        ),
        pytest.param(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), True, id="try-again"),
    ],
)
async def test_a_name_that_does_not_resolve_is_a_dns_error(error: OSError, temporary: bool) -> None:
    async def failing(host: str, port: int) -> list[str]:
        raise error

    with pytest.raises(ResolutionFailed, match=r"news\.invalid does not resolve") as caught:
        await UrlGuard(resolver=failing).resolve("news.invalid", 80)
    assert caught.value.reason == "dns_error"
    assert caught.value.temporary is temporary


async def test_the_static_resolver_fails_as_the_system_one_does() -> None:
    with pytest.raises(socket.gaierror) as caught:
        await static_resolver({})("news.invalid", 80)
    assert caught.value.errno == socket.EAI_NONAME
