"""Kafka TLS and SASL: the settings reach the FastStream broker and the plain aiokafka clients."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from faststream.kafka.security import parse_security
from pydantic import ValidationError

from newsdesk.errors import ConfigError
from newsdesk.kafka import client_options, make_broker
from newsdesk.kafka.clients import broker_security, ssl_context
from newsdesk.settings import KafkaSettings

SASL = {"sasl_username": "newsdesk", "sasl_password": "sasl-password-0a9d"}


def settings_for(case: str, tls: Any) -> KafkaSettings:
    """The settings of one combination of protocol, client certificate and SASL mechanism."""
    ca = {"ssl_cafile": tls.ca}
    client = {
        "ssl_certfile": tls.client_cert,
        "ssl_keyfile": tls.client_key,
        "ssl_password": tls.key_password,
    }
    fields: dict[str, dict[str, Any]] = {
        "plaintext": {},
        "ssl-ca": {"security_protocol": "SSL", **ca},
        "ssl-client-cert": {"security_protocol": "SSL", **ca, **client},
        "sasl-plaintext-plain": {
            "security_protocol": "SASL_PLAINTEXT",
            "sasl_mechanism": "PLAIN",
            **SASL,
        },
        "sasl-ssl-scram-256": {
            "security_protocol": "SASL_SSL",
            "sasl_mechanism": "scram-sha-256",
            **ca,
            **SASL,
        },
        "sasl-ssl-scram-512-client-cert": {
            "security_protocol": "sasl_ssl",
            "sasl_mechanism": "SCRAM-SHA-512",
            **ca,
            **client,
            **SASL,
        },
    }
    return KafkaSettings(bootstrap_servers="127.0.0.1:1", **fields[case])


CASES = [
    pytest.param("plaintext", "PLAINTEXT", None, id="plaintext"),
    pytest.param("ssl-ca", "SSL", None, id="ssl-ca-only"),
    pytest.param("ssl-client-cert", "SSL", None, id="ssl-client-cert"),
    pytest.param("sasl-plaintext-plain", "SASL_PLAINTEXT", "PLAIN", id="sasl-plaintext-plain"),
    pytest.param("sasl-ssl-scram-256", "SASL_SSL", "SCRAM-SHA-256", id="sasl-ssl-scram-256"),
    pytest.param(
        "sasl-ssl-scram-512-client-cert", "SASL_SSL", "SCRAM-SHA-512", id="sasl-ssl-scram-512-cert"
    ),
]


@pytest.mark.parametrize(("case", "protocol", "mechanism"), CASES)
def test_client_options_of_each_combination(
    tls_files: Any, case: str, protocol: str, mechanism: str | None
) -> None:
    options = client_options(settings_for(case, tls_files))
    assert options["security_protocol"] == protocol
    assert isinstance(options.get("ssl_context"), ssl.SSLContext) is protocol.endswith("SSL")
    assert options.get("sasl_mechanism") == mechanism
    if mechanism:
        assert options["sasl_plain_username"] == SASL["sasl_username"]
        assert options["sasl_plain_password"] == SASL["sasl_password"]


@pytest.mark.parametrize(("case", "protocol", "mechanism"), CASES)
def test_the_broker_gets_the_same_security(
    tls_files: Any, case: str, protocol: str, mechanism: str | None
) -> None:
    settings = settings_for(case, tls_files)
    parsed = parse_security(broker_security(settings))  # what FastStream's broker connects with
    assert parsed.get("security_protocol", "PLAINTEXT") == protocol
    assert parsed.get("sasl_mechanism") == mechanism
    assert isinstance(parsed.get("ssl_context"), ssl.SSLContext) is protocol.endswith("SSL")
    broker = make_broker(settings, client_id="test")
    # The keyword arguments the broker's producer and consumers are built with.
    connection: dict[str, Any] = broker._connection_kwargs
    assert connection.get("security_protocol", "PLAINTEXT") == protocol
    assert connection.get("sasl_mechanism") == mechanism


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        pytest.param({"sasl_mechanism": "PLAIN", **SASL}, "SASL_SSL", id="sasl-without-protocol"),
        pytest.param(
            {"security_protocol": "SASL_SSL"}, "sasl_mechanism", id="protocol-without-sasl"
        ),
        pytest.param({"ssl_cafile": "/ca.pem"}, "SSL or SASL_SSL", id="tls-file-without-protocol"),
        pytest.param(
            {"security_protocol": "SSL", "ssl_keyfile": "/k.pem"},
            "ssl_certfile",
            id="key-without-cert",
        ),
        pytest.param({"security_protocol": "TLS"}, "security_protocol", id="unknown-protocol"),
        pytest.param(
            {"security_protocol": "SASL_SSL", "sasl_mechanism": "GSSAPI", **SASL},
            "sasl_mechanism",
            id="unsupported-mechanism",
        ),
    ],
)
def test_inconsistent_settings_are_refused_naming_the_setting(
    fields: dict[str, Any], words: str
) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        KafkaSettings(**fields)
    assert SASL["sasl_password"] not in str(caught.value)


def test_a_wrong_key_password_is_a_config_error_without_the_password(tls_files: Any) -> None:
    fields = settings_for("ssl-client-cert", tls_files).model_dump()
    wrong = KafkaSettings.model_validate(fields | {"ssl_password": "not-the-password-3c2b"})
    with pytest.raises(ConfigError, match="ssl_keyfile") as caught:
        ssl_context(wrong)
    assert "not-the-password-3c2b" not in str(caught.value)


class TlsServer:
    """A loopback TLS server that requires a client certificate and records whose it was."""

    def __init__(self, tls: Any) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(tls.server_cert, tls.server_key)
        self.context.load_verify_locations(tls.ca)
        self.context.verify_mode = ssl.CERT_REQUIRED
        self.clients: list[str] = []
        self.port = 0

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peercert") or {}
        for rdn in peer.get("subject", ()):
            self.clients += [value for name, value in rdn if name == "commonName"]
        writer.close()  # not Kafka: the handshake is what is tested

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[TlsServer]:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self.context)
        self.port = server.sockets[0].getsockname()[1]
        async with server:
            yield self


async def _aiokafka_producer(settings: KafkaSettings) -> None:
    producer = AIOKafkaProducer(**client_options(settings), request_timeout_ms=2000)
    try:
        await producer.start()
    finally:
        await producer.stop()


async def _faststream_broker(settings: KafkaSettings) -> None:
    broker = make_broker(settings, client_id="tls-test")
    try:
        await broker.connect()
    finally:
        await broker.stop()


@pytest.mark.parametrize(
    "connect",
    [
        pytest.param(_aiokafka_producer, id="aiokafka-client"),
        pytest.param(_faststream_broker, id="faststream-broker"),
    ],
)
@pytest.mark.parametrize(
    "case",
    [
        pytest.param("ssl-client-cert", id="ssl"),
        pytest.param("sasl-ssl-scram-512-client-cert", id="sasl-ssl"),
    ],
)
async def test_a_real_handshake_presents_the_client_certificate(
    tls_files: Any, connect: Any, case: str
) -> None:
    async with TlsServer(tls_files).running() as server:
        settings = settings_for(case, tls_files).model_copy(
            update={"bootstrap_servers": f"127.0.0.1:{server.port}"}
        )
        with contextlib.suppress(Exception):  # the server speaks no Kafka after the handshake
            await asyncio.wait_for(connect(settings), timeout=10)
    assert "newsdesk-client" in server.clients


async def test_a_broker_signed_by_another_ca_is_refused(tls_files: Any) -> None:
    async with TlsServer(tls_files).running() as server:
        settings = settings_for("ssl-client-cert", tls_files).model_copy(
            update={
                "bootstrap_servers": f"127.0.0.1:{server.port}",
                "ssl_cafile": tls_files.other_ca,
            }
        )
        with contextlib.suppress(Exception):
            await asyncio.wait_for(_aiokafka_producer(settings), timeout=10)
    assert server.clients == []
