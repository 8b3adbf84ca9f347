"""Each failure is read once, however many copies of its letter a crash left in the topic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.dlq import Entry, ReplayReceipt, unique
from newsdesk.events import DeadLetter

T0 = datetime(2026, 1, 2, tzinfo=UTC)


def letter(
    offset: int | None = 7, attempts: int = 1, seconds: int = 0, **fields: object
) -> DeadLetter:
    where = {"topic": "newsdesk.articles.raw", "partition": 2, "offset": offset} if offset else {}
    return DeadLetter(
        stage="extractor",
        reason="invalid_payload",
        message="bad",
        attempts=attempts,
        failed_at=T0 + timedelta(seconds=seconds),
        **where,  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def entries(*letters: DeadLetter) -> list[Entry]:
    return [Entry(x, partition=0, offset=n) for n, x in enumerate(letters)]


def test_a_letter_published_again_after_a_crash_is_one_failure() -> None:
    first, again = letter(seconds=0), letter(seconds=30)  # the redelivered record failed again
    assert first.identity == again.identity
    assert [e.letter for e in unique(entries(first, again))] == [first]


def test_a_replayed_copy_marks_the_failure_replayed() -> None:
    first, again = entries(letter(seconds=0), letter(seconds=30))
    again.receipt = ReplayReceipt(partition=0, offset=1, topic="newsdesk.articles.raw", attempt=1)
    assert unique([first, again]) == [first]
    assert first.receipt is again.receipt  # not replayed a second time


def test_other_records_replays_and_stages_are_other_failures() -> None:
    letters = [
        letter(offset=7),
        letter(offset=8),
        letter(offset=7, attempts=2),  # replayed and failed again: a new attempt
        letter(offset=7).model_copy(update={"stage": "indexer"}),
    ]
    assert [e.letter for e in unique(entries(*letters))] == letters


def test_letters_without_an_original_record_are_each_their_own() -> None:
    refusals = [
        letter(offset=None, url="file:///a.txt", seconds=0),
        letter(offset=None, url="file:///a.txt", seconds=60),  # refused again on the next poll
    ]
    assert [e.letter for e in unique(entries(*refusals))] == refusals
