"""Records as the decode path sees them, built by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest


@dataclass
class FakeRecord:
    """A consumed record: what aiokafka's ConsumerRecord gives the decode path."""

    value: bytes | None
    topic: str = "newsdesk.articles.raw"
    partition: int = 0
    offset: int = 7
    key: bytes | None = b"k"
    headers: Sequence[tuple[str, bytes]] = field(default_factory=tuple)


@pytest.fixture
def make_record() -> type[FakeRecord]:
    """The record class (tests build records with the values they need)."""
    return FakeRecord
