"""Which dead letters a replay publishes, and why it leaves the others."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk import topics
from newsdesk.dlq import Entry, LetterFilter, ReplayReceipt, plan_replay
from newsdesk.events import DeadLetter

FAILED = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def entry(offset: int = 0, *, replayed: bool = False, **fields: object) -> Entry:
    letter = DeadLetter.model_validate(
        {
            "stage": "indexer",
            "reason": "invalid_payload",
            "message": "m",
            "topic": topics.ARTICLES_ENRICHED,
            "payload": b"{",
            "failed_at": FAILED,
            **fields,
        }
    )
    receipt = ReplayReceipt(partition=0, offset=offset, topic="t", attempt=1) if replayed else None
    return Entry(letter, 0, offset, receipt)


@pytest.mark.parametrize(
    ("item", "state", "why"),
    [
        pytest.param(entry(), "pending", None, id="pending"),
        pytest.param(entry(replayed=True), "replayed", None, id="replayed"),
        pytest.param(entry(attempts=3), "gave up", None, id="failed-three-times"),
        pytest.param(
            entry(stage="scheduler", topic=None, payload=b""),
            "not replayable",
            "no original message",
            id="scheduler-refusal",
        ),
        pytest.param(
            entry(payload_truncated=True, payload_size=9_000_000),
            "not replayable",
            "9,000,000-byte",
            id="truncated",
        ),
        pytest.param(entry(payload=b""), "not replayable", "empty", id="empty"),
        pytest.param(
            entry(stage="cli", topic=topics.DLQ),
            "not replayable",
            "not a dead letter",
            id="dlq-poison",
        ),
    ],
)
def test_each_letter_has_one_state_and_a_reason_when_it_cannot_go(
    item: Entry, state: str, why: str | None
) -> None:
    assert item.state(max_attempts=3) == state
    assert (item.not_replayable is None) == (why is None)
    if why:
        assert why in str(item.not_replayable)


def test_plan_replays_pending_letters_up_to_the_limit() -> None:
    entries = [
        entry(0),
        entry(1, replayed=True),
        entry(2, attempts=3),
        entry(3, topic=None),
        entry(4),
        entry(5, attempts=2),
    ]
    plan = plan_replay(entries, max_attempts=3, limit=2)
    assert [e.offset for e in plan.replay] == [0, 4]
    assert [e.offset for e in plan.over_limit] == [5]
    assert [e.offset for e in plan.already_replayed] == [1]
    assert [e.offset for e in plan.gave_up] == [2]
    assert [e.offset for e in plan.not_replayable] == [3]


def test_a_higher_max_attempts_takes_a_letter_that_gave_up() -> None:
    assert [e.offset for e in plan_replay([entry(attempts=3)], max_attempts=4).replay] == [0]


@pytest.mark.parametrize(
    ("since", "matches"),
    [
        pytest.param(datetime(2026, 3, 4, 5, 6), True, id="naive-is-utc-same-second"),
        pytest.param(datetime(2026, 3, 4, 5, 7), False, id="naive-later"),
        pytest.param(datetime(2026, 3, 4, 6, 0, tzinfo=UTC), False, id="aware-later"),
        pytest.param(datetime(2026, 1, 1, tzinfo=UTC), True, id="aware-earlier"),
    ],
)
def test_since_filters_by_failure_time(since: datetime, matches: bool) -> None:
    assert LetterFilter(since=since).matches(entry().letter) is matches
