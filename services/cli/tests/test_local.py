"""The local stack's guards: a taken port fails fast and says what to change."""

from __future__ import annotations

import socket

import pytest

from newsdesk_cli.errors import PortInUseError
from newsdesk_cli.local import (
    LocalStack,
    check_port_free,
    free_port,
    kafka_ready,
    noida_binary,
    tansu_binary,
)


def test_a_taken_port_is_reported_with_the_server_and_the_option() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(PortInUseError) as caught:
            check_port_free("127.0.0.1", port, "Kafka broker")
        message = str(caught.value)
        assert f"127.0.0.1:{port}" in message
        assert "Kafka broker" in message
        assert "--kafka-port" in message
        with pytest.raises(PortInUseError):
            LocalStack(kafka_port=free_port(), es_port=port).start()


def test_server_binaries_ship_in_their_wheels() -> None:
    assert tansu_binary().is_file()
    assert noida_binary().is_file()


def test_readiness_probe_is_false_when_nothing_listens() -> None:
    assert kafka_ready("127.0.0.1", free_port(), timeout=0.2) is False
