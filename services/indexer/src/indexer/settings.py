"""Indexer settings (env prefix ``INDEXER_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from newsdesk.settings import NewsdeskSettings, ServiceSettings


class IndexerSettings(ServiceSettings):
    """How the indexer batches and retries its bulk writes."""

    model_config = SettingsConfigDict(
        env_prefix="INDEXER_", env_nested_delimiter="__", extra="ignore"
    )

    batch_size: int = Field(default=200, ge=1, description="max records per bulk request")
    batch_timeout_ms: int = Field(default=500, ge=1, description="how long a batch may fill")
    retries: int = Field(default=5, ge=0, description="bulk retries before the batch is nacked")
    templates_dir: Path = Field(default_factory=lambda: NewsdeskSettings().templates_dir)
