"""Settings shared by every service: Kafka and Elasticsearch blocks, the base settings class.

Each service defines one ``BaseSettings`` subclass with its own env prefix (``FETCHER_``,
``EXTRACTOR_``, ``INDEXER_``); the shared blocks below nest into it and can also be set through
``NEWSDESK_KAFKA__BOOTSTRAP_SERVERS`` style variables, which every service reads. Defaults match
the embedded local stack, so nothing needs setting to run on one machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_KAFKA = "127.0.0.1:9092"
DEFAULT_ELASTICSEARCH = "http://127.0.0.1:9200"

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
LogFormat = Literal["plain", "json"]
#: Seconds a service may take to stop after SIGTERM; the manifests give pods 30 s.
DEFAULT_SHUTDOWN_GRACE_S = 20.0
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


class KafkaSettings(BaseModel):
    """How to reach Kafka and how topics are laid out.

    ``security_protocol`` chooses TLS (``SSL``, ``SASL_SSL``: the ``ssl_*`` files) and SASL
    (``SASL_PLAINTEXT``, ``SASL_SSL``: the ``sasl_*`` settings); an inconsistent combination is
    refused when the settings are read, naming the setting to change. Errors never echo the
    input (which holds the passwords).
    """

    model_config = ConfigDict(hide_input_in_errors=True)

    bootstrap_servers: str = Field(
        default=DEFAULT_KAFKA, description="Kafka brokers, comma-separated"
    )
    partitions: int = Field(
        default=4, ge=1, description="partitions per work topic when newsdesk creates the topics"
    )
    replication: int = Field(default=1, ge=1, description="replicas per topic it creates")
    max_message_bytes: int = Field(
        default=8 * 1024 * 1024, ge=1024, description="largest message produced (and topic limit)"
    )
    security_protocol: Annotated[SecurityProtocol, BeforeValidator(_upper)] = Field(
        default="PLAINTEXT",
        description="of every client; an inconsistent combination stops the process, naming it",
    )
    ssl_cafile: Path | None = Field(
        default=None, description="CA bundle the brokers are checked with"
    )
    ssl_certfile: Path | None = Field(default=None, description="client certificate (PEM)")
    ssl_keyfile: Path | None = Field(default=None, description="its private key (PEM)")
    ssl_password: SecretStr | None = Field(default=None, description="the key's password")
    sasl_mechanism: Annotated[SaslMechanism | None, BeforeValidator(_upper)] = Field(
        default=None, description="SASL mechanism (with a `SASL_` protocol)"
    )
    sasl_username: str | None = Field(default=None, description="SASL user")
    sasl_password: SecretStr | None = Field(default=None, description="SASL password")

    @property
    def uses_tls(self) -> bool:
        """True for ``SSL`` and ``SASL_SSL``."""
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def uses_sasl(self) -> bool:
        """True for ``SASL_PLAINTEXT`` and ``SASL_SSL``."""
        return self.security_protocol.startswith("SASL_")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        protocol = self.security_protocol
        if self.uses_sasl and (self.sasl_mechanism is None or not self.sasl_username):
            raise ValueError(f"security_protocol {protocol} needs sasl_mechanism and sasl_username")
        if not self.uses_sasl and self.sasl_mechanism is not None:
            raise ValueError(
                f"sasl_mechanism is set but security_protocol is {protocol}: "
                "set security_protocol to SASL_SSL (or SASL_PLAINTEXT)"
            )
        files = [self.ssl_cafile, self.ssl_certfile, self.ssl_keyfile, self.ssl_password]
        if not self.uses_tls and any(value is not None for value in files):
            raise ValueError(
                f"ssl_* settings are set but security_protocol is {protocol}: "
                "set security_protocol to SSL or SASL_SSL"
            )
        if self.ssl_keyfile is not None and self.ssl_certfile is None:
            raise ValueError("ssl_keyfile needs ssl_certfile (the certificate it belongs to)")
        return self


class ElasticsearchSettings(BaseModel):
    """How to reach Elasticsearch and which indices to use."""

    model_config = ConfigDict(hide_input_in_errors=True)

    url: str = Field(default=DEFAULT_ELASTICSEARCH, description="Elasticsearch URL")
    username: str | None = Field(default=None, description="basic-auth user")
    password: SecretStr | None = Field(default=None, description="basic-auth password")
    api_key: SecretStr | None = Field(
        default=None, description="API key (wins over user and password)"
    )
    verify_certs: bool = Field(default=True, description="check an https server's certificate")
    ca_certs: Path | None = Field(
        default=None, description="CA bundle the server's certificate is checked with (https)"
    )
    articles_alias: str = Field(default="newsdesk-articles", description="alias of article index")
    events_alias: str = Field(default="newsdesk-events", description="alias of the event index")
    request_timeout: float = Field(
        default=30.0,
        gt=0,
        description="seconds per request; services retry a timeout twice, queries do not",
    )


class OtelSettings(BaseModel):
    """OpenTelemetry traces: the trace context always travels in Kafka headers; export is opt-in."""

    enabled: bool = Field(
        default=False, description="export spans over OTLP/HTTP (the trace context travels anyway)"
    )
    endpoint: str | None = Field(
        default=None,
        description="OTLP/HTTP base URL (`/v1/traces` is appended); unset: the standard "
        "`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `OTEL_EXPORTER_OTLP_ENDPOINT`, else "
        "`http://localhost:4318`",
    )


def find_deploy_dir(name: str) -> Path:
    """``deploy/<name>`` of the repository this package is installed from.

    Containers copy that folder and set ``NEWSDESK_TEMPLATES_DIR`` / ``NEWSDESK_KIBANA_DIR``.
    """
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "deploy" / name
        if candidate.is_dir():
            return candidate
    return Path("deploy") / name


def find_templates_dir() -> Path:
    """``deploy/elasticsearch``: the index templates and ILM policies."""
    return find_deploy_dir("elasticsearch")


def find_kibana_dir() -> Path:
    """``deploy/kibana``: the Kibana saved objects."""
    return find_deploy_dir("kibana")


class NewsdeskSettings(BaseSettings):
    """Settings every process reads (env prefix ``NEWSDESK_``; nested with ``__``)."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_", env_nested_delimiter="__", extra="ignore", hide_input_in_errors=True
    )

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    elasticsearch: ElasticsearchSettings = Field(default_factory=ElasticsearchSettings)
    templates_dir: Path = Field(
        default_factory=find_templates_dir,
        description="index templates and ILM policies to install",
    )
    kibana_dir: Path = Field(
        default_factory=find_kibana_dir,
        description="the Kibana saved objects `setup kibana` imports",
    )
    log_level: str = Field(default="INFO", description="log level of every process")
    log_format: Annotated[LogFormat, BeforeValidator(_lower)] = Field(
        default="plain",
        description="plain: readable lines (the local default); json: one JSON object per line "
        "(`<SERVICE>_LOG_FORMAT` sets one service's)",
    )
    shutdown_grace_s: float = Field(
        default=DEFAULT_SHUTDOWN_GRACE_S,
        gt=0,
        description="after SIGTERM a service exits within this many seconds (exit code 1 if "
        "it had to cut its shutdown short); its in-flight batch gets three quarters of it "
        "(`<SERVICE>_SHUTDOWN_GRACE_S` sets one service's)",
    )
    otel: OtelSettings = Field(default_factory=OtelSettings)


class ServiceSettings(BaseSettings):
    """Base of the per-service settings: the shared blocks default to ``NEWSDESK_*`` values."""

    model_config = SettingsConfigDict(
        env_nested_delimiter="__", extra="ignore", hide_input_in_errors=True
    )

    kafka: KafkaSettings = Field(default_factory=lambda: NewsdeskSettings().kafka)
    elasticsearch: ElasticsearchSettings = Field(
        default_factory=lambda: NewsdeskSettings().elasticsearch
    )
    log_level: str = Field(default_factory=lambda: NewsdeskSettings().log_level)
    log_format: Annotated[LogFormat, BeforeValidator(_lower)] = Field(
        default_factory=lambda: NewsdeskSettings().log_format,
        description="plain or json log lines (default: NEWSDESK_LOG_FORMAT, else plain)",
    )
    shutdown_grace_s: float = Field(
        default_factory=lambda: NewsdeskSettings().shutdown_grace_s,
        gt=0,
        description="seconds from SIGTERM to exit: the in-flight batch is finished or handed "
        "back and committed within three quarters of it; past it the process exits with 1",
    )
    otel: OtelSettings = Field(default_factory=lambda: NewsdeskSettings().otel)
    # Every service serves its health and metrics endpoints on one port (``<PREFIX>METRICS_PORT``);
    # containers set ``<PREFIX>METRICS_HOST=0.0.0.0`` so probes from outside the process reach it.
    metrics_port: int | None = Field(
        default=None, description="serve /healthz, /readyz and /metrics on this port; unset = off"
    )
    metrics_host: str = Field(default="127.0.0.1", description="address the port listens on")

    @property
    def batch_grace_s(self) -> float:
        """How long a stopping service waits for its in-flight batch (the rest is for closing)."""
        return self.shutdown_grace_s * 0.75
