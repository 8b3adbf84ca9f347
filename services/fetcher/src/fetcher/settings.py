"""Fetcher settings (env prefix ``FETCHER_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from newsdesk.settings import ServiceSettings


class FetcherSettings(ServiceSettings):
    """Settings of both fetcher roles: the sources scheduler and the URL workers."""

    model_config = SettingsConfigDict(
        env_prefix="FETCHER_", env_nested_delimiter="__", extra="ignore"
    )

    sources_file: Path | None = Field(default=None, description="a sources.yaml to poll")
    seeds_dir: Path | None = Field(default=None, description="a directory of article files")
    once: bool = Field(default=False, description="scheduler: one pass over the sources, then exit")
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)"
    timeout_s: float = Field(default=20.0, gt=0)
    max_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    allow_networks: list[str] = Field(default_factory=list)
