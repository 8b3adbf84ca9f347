"""A letter published again by a service that died before committing is read as one failure."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsdesk import topics
from newsdesk.dlq import read_letters
from newsdesk.events import DeadLetter
from newsdesk.kafka import stream_stats
from newsdesk.settings import KafkaSettings
from tests.helpers import publish

pytestmark = pytest.mark.integration


async def test_two_copies_of_a_letter_are_listed_and_counted_once(
    kafka_settings: KafkaSettings,
) -> None:
    before = len(await read_letters(kafka_settings))
    messages_before = (await stream_stats(kafka_settings, [topics.DLQ])).dead_letters
    letter = DeadLetter(
        stage="indexer",
        reason="invalid_payload",
        message="the message: Invalid JSON",
        topic=topics.ARTICLES_ENRICHED,
        partition=1,
        offset=4242,
        key="it-copies",
        payload=b"{not json",
    )
    # The indexer published the letter, was killed before its commit, got the record again
    # after its restart and published the same letter again (later, so another failed_at).
    again = letter.model_copy(update={"failed_at": letter.failed_at + timedelta(seconds=5)})
    for copy in (letter, again):
        await publish(kafka_settings, topics.DLQ, copy.model_dump_json().encode(), b"it-copies")

    letters = await read_letters(kafka_settings)
    assert [x.offset for x in letters if x.key == "it-copies"] == [4242]
    assert len(letters) == before + 1
    messages = (await stream_stats(kafka_settings, [topics.DLQ])).dead_letters
    assert messages == messages_before + 2  # both copies are in the topic
