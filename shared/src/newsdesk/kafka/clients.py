"""Kafka clients: the services' FastStream broker and the plain aiokafka clients of the CLI."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from aiokafka.helpers import create_ssl_context
from faststream.kafka import KafkaBroker
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from newsdesk.errors import BackendUnavailable, ConfigError
from newsdesk.settings import KafkaSettings

SASL_KINDS = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


def ssl_context(settings: KafkaSettings) -> ssl.SSLContext | None:
    """The TLS context of ``SSL`` / ``SASL_SSL``: the CA to trust, our certificate and key.

    Without ``ssl_cafile`` the system's CAs are trusted. A file that cannot be read or a wrong
    key password is a :class:`ConfigError` naming the settings, never showing the password.
    """
    if not settings.uses_tls:
        return None
    password = settings.ssl_password.get_secret_value() if settings.ssl_password else None
    try:
        context: ssl.SSLContext = create_ssl_context(
            cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None,
            certfile=str(settings.ssl_certfile) if settings.ssl_certfile else None,
            keyfile=str(settings.ssl_keyfile) if settings.ssl_keyfile else None,
            password=password,
        )
    except (OSError, ssl.SSLError) as exc:
        files = ", ".join(
            f"{name}={path}"
            for name, path in [
                ("ssl_cafile", settings.ssl_cafile),
                ("ssl_certfile", settings.ssl_certfile),
                ("ssl_keyfile", settings.ssl_keyfile),
            ]
            if path is not None
        )
        raise ConfigError(
            f"Kafka TLS settings ({files}): {type(exc).__name__}: {exc.strerror or exc.args[-1]}"
        ) from None
    return context


def _sasl_password(settings: KafkaSettings) -> str:
    return settings.sasl_password.get_secret_value() if settings.sasl_password else ""


def broker_security(settings: KafkaSettings) -> BaseSecurity | None:
    """The FastStream security object of the settings (None for ``PLAINTEXT``)."""
    context = ssl_context(settings)
    if settings.uses_sasl and settings.sasl_mechanism is not None:
        kind = SASL_KINDS[settings.sasl_mechanism]
        return kind(
            username=settings.sasl_username or "",
            password=_sasl_password(settings),
            ssl_context=context,
            use_ssl=settings.uses_tls,
        )
    if settings.uses_tls:
        return BaseSecurity(ssl_context=context, use_ssl=True)
    return None


def client_options(settings: KafkaSettings) -> dict[str, Any]:
    """Connection options for plain aiokafka clients (admin, producers, lag queries)."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    if settings.uses_tls:
        options["ssl_context"] = ssl_context(settings)
    if settings.uses_sasl:
        options |= {
            "sasl_mechanism": settings.sasl_mechanism,
            "sasl_plain_username": settings.sasl_username,
            "sasl_plain_password": _sasl_password(settings),
        }
    return options


def make_broker(
    settings: KafkaSettings, *, client_id: str, graceful_timeout: float = 15.0
) -> KafkaBroker:
    """A FastStream broker that publishes durably (acks=all) and compresses on the wire.

    Stopping, it waits up to ``graceful_timeout`` seconds for the batches in flight.
    """
    return KafkaBroker(
        settings.bootstrap_servers,
        client_id=client_id,
        acks="all",
        compression_type="gzip",
        max_request_size=settings.max_message_bytes,
        security=broker_security(settings),
        allow_auto_create_topics=False,
        graceful_timeout=graceful_timeout,
    )


@asynccontextmanager
async def open_producer(settings: KafkaSettings) -> AsyncIterator[AIOKafkaProducer]:
    """A plain producer for the CLI, as durable and compressed as the services' brokers."""
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks="all",
        compression_type="gzip",
        max_request_size=settings.max_message_bytes,
    )
    try:
        await producer.start()
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    try:
        yield producer
    finally:
        await producer.stop()
