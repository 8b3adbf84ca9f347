"""Kafka clients: the services' FastStream broker and the plain aiokafka clients of the CLI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from faststream.kafka import KafkaBroker
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from newsdesk.errors import BackendUnavailable
from newsdesk.settings import KafkaSettings


def _security(settings: KafkaSettings) -> BaseSecurity | None:
    if settings.sasl_mechanism is None:
        return None
    password = settings.sasl_password.get_secret_value() if settings.sasl_password else ""
    kinds = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}
    kind = kinds[settings.sasl_mechanism.upper()]
    return kind(username=settings.sasl_username or "", password=password)


def client_options(settings: KafkaSettings) -> dict[str, Any]:
    """Connection options for plain aiokafka clients (admin, lag queries)."""
    options: dict[str, Any] = {"bootstrap_servers": settings.bootstrap_servers}
    if settings.sasl_mechanism:
        password = settings.sasl_password.get_secret_value() if settings.sasl_password else ""
        options |= {
            "security_protocol": settings.security_protocol,
            "sasl_mechanism": settings.sasl_mechanism,
            "sasl_plain_username": settings.sasl_username,
            "sasl_plain_password": password,
        }
    return options


def make_broker(settings: KafkaSettings, *, client_id: str) -> KafkaBroker:
    """A FastStream broker that publishes durably (acks=all) and compresses on the wire."""
    return KafkaBroker(
        settings.bootstrap_servers,
        client_id=client_id,
        acks="all",
        compression_type="gzip",
        max_request_size=settings.max_message_bytes,
        security=_security(settings),
        allow_auto_create_topics=False,
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
