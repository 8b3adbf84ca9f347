"""Fetcher settings (env prefix ``FETCHER_``) and the option objects built from them."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from fetcher.client import ClientOptions, Limits, Retries, Timeouts
from fetcher.politeness import PolitenessOptions
from fetcher.robots import RobotsOptions
from fetcher.safety import parse_allow_entry
from newsdesk import topics
from newsdesk.kafka import Codec
from newsdesk.settings import ServiceSettings

AGENT = "newsdesk"
VERSION = "0.1"


class FetcherSettings(ServiceSettings):
    """Settings of both fetcher roles: the sources scheduler and the URL workers."""

    model_config = SettingsConfigDict(
        env_prefix="FETCHER_", env_nested_delimiter="__", extra="ignore"
    )

    # topics (overridable so a test or a second pipeline can run beside the default one)
    urls_topic: str = Field(default=topics.URLS, description="topic of the URLs to fetch")
    articles_topic: str = Field(default=topics.ARTICLES_RAW, description="topic of the pages")
    group_id: str = Field(default=topics.GROUP_FETCHER, description="consumer group of workers")

    # scheduler
    sources_file: Path | None = Field(default=None, description="a sources.yaml to poll")
    seeds_dir: Path | None = Field(default=None, description="a directory of article files")
    once: bool = Field(default=False, description="scheduler: one pass over the sources, then exit")
    state_file: Path | None = Field(
        default=None, description="SQLite seen-set + validators; unset = in memory"
    )
    max_seen: int = Field(default=1_000_000, ge=1000, description="seen-set bound")
    poll_jitter: float = Field(default=0.1, ge=0, le=0.5, description="± share of the interval")
    scheduler_concurrency: int = Field(default=8, ge=1, description="sources polled at once")

    # identity
    contact: str = Field(
        default="https://github.com/newsdesk/newsdesk",
        description="a URL or mailto: site owners can reach you at (in the User-Agent)",
    )
    user_agent: str | None = Field(default=None, description="overrides the built User-Agent")

    # safety and limits
    allow_networks: list[str] = Field(
        default_factory=list, description="CIDRs or host names reachable though not public"
    )
    max_bytes: int = Field(default=5 * 1024 * 1024, gt=0, description="largest body fetched")
    max_redirects: int = Field(default=5, ge=0, description="redirects followed per URL")
    connect_timeout_s: float = Field(default=5.0, gt=0, description="to connect")
    read_timeout_s: float = Field(default=15.0, gt=0, description="between two reads")
    timeout_s: float = Field(default=30.0, gt=0, description="a whole attempt, redirects included")
    retries: int = Field(default=3, ge=1, description="attempts per URL on 429/5xx/timeouts")
    retry_after_max_s: float = Field(default=60.0, ge=0, description="longest Retry-After honoured")

    # politeness
    concurrency: int = Field(default=32, ge=1, description="fetches in flight per worker")
    per_host_concurrency: int = Field(default=2, ge=1, description="fetches in flight per host")
    per_host_delay_s: float = Field(default=1.0, ge=0, description="between request starts")
    crawl_delay_max_s: float = Field(default=30.0, ge=0, description="cap on robots Crawl-delay")
    robots_ttl_s: float = Field(default=24 * 3600.0, gt=0, description="robots.txt kept this long")
    batch_size: int = Field(default=32, ge=1, description="URLs taken from Kafka per batch")

    @field_validator("allow_networks")
    @classmethod
    def _entries_parse(cls, value: list[str]) -> list[str]:
        for entry in value:
            parse_allow_entry(entry)
        return value

    @property
    def max_poll_interval_ms(self) -> int:
        """Kafka's limit between two polls, sized for a batch of one host's URLs.

        Such a batch waits out the host's delay between requests; a group that thought the worker
        dead would hand its batch to another worker, and both would fetch it.
        """
        worst_batch_s = self.batch_size * max(self.crawl_delay_max_s, self.per_host_delay_s)
        return int(max(300.0, 1.5 * worst_batch_s) * 1000)

    @property
    def agent_string(self) -> str:
        """The User-Agent header: product, version and the operator's contact."""
        return self.user_agent or f"{AGENT}/{VERSION} (+{self.contact})"

    def codec(self) -> Codec:
        """How the worker decodes URL requests and encodes pages within the message size."""
        return Codec("fetcher", max_message_bytes=self.kafka.max_message_bytes)

    def client_options(self) -> ClientOptions:
        """The HTTP client's option objects."""
        return ClientOptions(
            user_agent=self.agent_string,
            limits=Limits(
                max_body_bytes=self.max_bytes,
                max_redirects=self.max_redirects,
                max_connections=max(self.concurrency * 2, 10),
            ),
            timeouts=Timeouts(
                connect=self.connect_timeout_s, read=self.read_timeout_s, total=self.timeout_s
            ),
            retries=Retries(attempts=self.retries, retry_after_max=self.retry_after_max_s),
        )

    def politeness_options(self) -> PolitenessOptions:
        """Global and per-host limits."""
        return PolitenessOptions(
            global_concurrency=self.concurrency,
            per_host_concurrency=self.per_host_concurrency,
            min_delay=self.per_host_delay_s,
        )

    def robots_options(self) -> RobotsOptions:
        """How robots.txt is read and cached."""
        return RobotsOptions(
            agent=AGENT, ttl=self.robots_ttl_s, max_crawl_delay=self.crawl_delay_max_s
        )
