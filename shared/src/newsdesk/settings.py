"""Settings shared by every service: Kafka and Elasticsearch blocks, the base settings class.

Each service defines one ``BaseSettings`` subclass with its own env prefix (``FETCHER_``,
``EXTRACTOR_``, ``INDEXER_``); the shared blocks below nest into it and can also be set through
``NEWSDESK_KAFKA__BOOTSTRAP_SERVERS`` style variables, which every service reads. Defaults match
the embedded local stack, so nothing needs setting to run on one machine.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_KAFKA = "127.0.0.1:9092"
DEFAULT_ELASTICSEARCH = "http://127.0.0.1:9200"


class KafkaSettings(BaseModel):
    """How to reach Kafka and how topics are laid out."""

    bootstrap_servers: str = DEFAULT_KAFKA
    partitions: int = Field(default=4, ge=1, description="partitions per work topic")
    replication: int = Field(default=1, ge=1)
    max_message_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None


class ElasticsearchSettings(BaseModel):
    """How to reach Elasticsearch and which indices to use."""

    url: str = DEFAULT_ELASTICSEARCH
    username: str | None = None
    password: SecretStr | None = None
    api_key: SecretStr | None = None
    verify_certs: bool = True
    articles_alias: str = "newsdesk-articles"
    events_alias: str = "newsdesk-events"
    request_timeout: float = Field(default=30.0, gt=0)


def find_templates_dir() -> Path:
    """``deploy/elasticsearch`` of the repository this package is installed from.

    Containers copy that folder and set ``NEWSDESK_TEMPLATES_DIR`` instead.
    """
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "deploy" / "elasticsearch"
        if candidate.is_dir():
            return candidate
    return Path("deploy/elasticsearch")


class NewsdeskSettings(BaseSettings):
    """Settings every process reads (env prefix ``NEWSDESK_``; nested with ``__``)."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_", env_nested_delimiter="__", extra="ignore"
    )

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    elasticsearch: ElasticsearchSettings = Field(default_factory=ElasticsearchSettings)
    templates_dir: Path = Field(default_factory=find_templates_dir)
    log_level: str = "INFO"


class ServiceSettings(BaseSettings):
    """Base of the per-service settings: the shared blocks default to ``NEWSDESK_*`` values."""

    model_config = SettingsConfigDict(env_nested_delimiter="__", extra="ignore")

    kafka: KafkaSettings = Field(default_factory=lambda: NewsdeskSettings().kafka)
    elasticsearch: ElasticsearchSettings = Field(
        default_factory=lambda: NewsdeskSettings().elasticsearch
    )
    log_level: str = Field(default_factory=lambda: NewsdeskSettings().log_level)
    # Every service serves its health and metrics endpoints on one port (``<PREFIX>METRICS_PORT``);
    # containers set ``<PREFIX>METRICS_HOST=0.0.0.0`` so probes from outside the process reach it.
    metrics_port: int | None = Field(default=None, description="serve /metrics; unset = off")
    metrics_host: str = "127.0.0.1"
