"""The scheduler state: a bounded seen-set that survives reopening, validators, the lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from fetcher.client import Validators
from fetcher.state import SchedulerState
from newsdesk.errors import ConfigError


def test_seen_set_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    first = SchedulerState(path)
    first.mark_seen(["a", "b"])
    first.save_validators("http://x/feed", Validators('"v1"', "Tue, 03 Jun 2025 10:00:00 GMT"))
    first.close()
    again = SchedulerState(path)
    assert again.unseen(["a", "c", "b", "c"]) == ["c"]
    assert again.validators("http://x/feed") == Validators('"v1"', "Tue, 03 Jun 2025 10:00:00 GMT")
    again.close()


def test_seen_set_is_bounded_oldest_first() -> None:
    state = SchedulerState(max_seen=1000)
    state.mark_seen(f"k{n}" for n in range(1500))
    assert len(state) == 1000
    assert state.unseen(["k0", "k499", "k500", "k1499"]) == ["k0", "k499"]


def test_second_scheduler_on_the_same_state_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    active = SchedulerState(path)
    active.lock()
    standby = SchedulerState(path)
    with pytest.raises(ConfigError, match="another scheduler"):
        standby.lock(wait=False)
    active.close()
    standby.lock(wait=False)
    standby.close()
