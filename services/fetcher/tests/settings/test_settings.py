"""Fetcher settings from the environment, and the option objects built from them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from fetcher.settings import FetcherSettings


def test_environment_reaches_the_option_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FETCHER_ALLOW_NETWORKS", '["127.0.0.1/32", "Intranet.Test"]')
    monkeypatch.setenv("FETCHER_CONTACT", "mailto:ops@example.org")
    monkeypatch.setenv("FETCHER_MAX_BYTES", "1024")
    monkeypatch.setenv("FETCHER_PER_HOST_DELAY_S", "2.5")
    monkeypatch.setenv("FETCHER_CRAWL_DELAY_MAX_S", "10")
    settings = FetcherSettings()
    assert settings.allow_networks == ["127.0.0.1/32", "Intranet.Test"]
    options = settings.client_options()
    assert options.user_agent == "newsdesk/0.1 (+mailto:ops@example.org)"
    assert options.limits.max_body_bytes == 1024
    assert settings.politeness_options().min_delay == 2.5
    assert settings.robots_options().max_crawl_delay == 10


def test_safe_defaults() -> None:
    settings = FetcherSettings()
    assert settings.allow_networks == []
    assert settings.per_host_delay_s >= 1.0
    assert settings.crawl_delay_max_s == 30.0


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param("10.0.0.0/33", id="bad-prefix"),
        pytest.param("not a host", id="spaces"),
        pytest.param("0x7f000001", id="numeric-spelling"),
    ],
)
def test_bad_allowlist_entries_are_refused(monkeypatch: pytest.MonkeyPatch, entry: str) -> None:
    monkeypatch.setenv("FETCHER_ALLOW_NETWORKS", f'["{entry}"]')
    with pytest.raises(ValidationError, match="neither a CIDR nor a host name"):
        FetcherSettings()
