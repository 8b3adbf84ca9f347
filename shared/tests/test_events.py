"""The event contracts survive a JSON round trip, byte-exact where content is bytes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from newsdesk.events import (
    SCHEMA_VERSION,
    DeadLetter,
    EnrichedArticle,
    Entity,
    Event,
    EventParty,
    FeedMetadata,
    FetchRequest,
    GeoPoint,
    Location,
    Quote,
    RawArticle,
    Topic,
)

FETCHED = datetime(2022, 7, 13, 9, 30, tzinfo=UTC)

SAMPLES = [
    pytest.param(
        FetchRequest(
            url="https://example.org/a",
            source="feed-1",
            discovered_via="feed",
            feed=FeedMetadata(title="A", published=FETCHED, author="B"),
        ),
        id="fetch-request",
    ),
    pytest.param(
        RawArticle(
            article_id="a1",
            url="https://example.org/a",
            canonical_url="https://example.org/a",
            source="feed-1",
            fetched_at=FETCHED,
            status=200,
            headers={"etag": '"x"'},
            content="<p>Grüße</p>".encode() + b"\xff\x00",
            content_type="text/html",
            encoding="utf-8",
        ),
        id="raw-article-with-invalid-utf8-bytes",
    ),
    pytest.param(
        EnrichedArticle(
            article_id="a1",
            url="u",
            canonical_url="u",
            source="s",
            fetched_at=FETCHED,
            title="T",
            persons=["Benny Gantz"],
            countries=["IL"],
            entities=[Entity(name="Benny Gantz", label="PERSON", aliases=["Gantz"], mentions=3)],
            locations=[
                Location(
                    name="Manama", country="BH", kind="city", point=GeoPoint(lat=26.2, lon=50.6)
                )
            ],
            events=[
                Event(
                    type="agreement",
                    trigger="signed",
                    date="2022-02",
                    date_precision="month",
                    parties=[EventParty(name="Israel", country="IL")],
                )
            ],
            quotes=[Quote(speaker="Benny Gantz", text="We have reached new heights")],
            topics=[Topic(name="diplomacy", score=0.5, terms=["ties"])],
        ),
        id="enriched-article",
    ),
    pytest.param(
        DeadLetter(
            stage="extractor",
            reason="binary_content",
            message="not text",
            topic="newsdesk.articles.raw",
            partition=2,
            offset=41,
            key="a1",
            payload=b"\x89PNG\r\n\x1a\n\x00",
        ),
        id="dead-letter-with-binary-payload",
    ),
]


@pytest.mark.parametrize("event", SAMPLES)
def test_json_round_trip_is_lossless(event: object) -> None:
    model = type(event)
    wire = event.model_dump_json()  # type: ignore[attr-defined]
    assert model.model_validate_json(wire) == event  # type: ignore[attr-defined]


@pytest.mark.parametrize("event", SAMPLES)
def test_every_event_carries_the_schema_version(event: object) -> None:
    assert f'"schema_version":{SCHEMA_VERSION}' in event.model_dump_json()  # type: ignore[attr-defined]


def test_raw_content_is_compressed_on_the_wire() -> None:
    text = ("Israel and Bahrain signed a memorandum of understanding. " * 400).encode()
    raw = RawArticle(article_id="a", url="u", canonical_url="u", source="s", content=text)
    assert len(raw.model_dump_json()) < len(text) / 5


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        pytest.param(b'{"url": "https://x"}', "source", id="missing-field"),
        pytest.param(
            b'{"article_id": "a", "url": "u", "canonical_url": "u", "source": "s",'
            b' "content": "%%% not base64"}',
            "content",
            id="content-not-base64",
        ),
        pytest.param(b"\x00\x01", "json", id="not-json"),
    ],
)
def test_invalid_payloads_are_refused_with_the_field_named(payload: bytes, problem: str) -> None:
    model = FetchRequest if problem == "source" else RawArticle
    with pytest.raises(ValidationError) as caught:
        model.model_validate_json(payload)
    assert problem in str(caught.value).lower()


def test_capped_cuts_every_list_to_the_contract_and_says_so() -> None:
    from newsdesk.events import MAX_ALIASES, MAX_ENTITIES, Enrichment

    aliases = [f"a{k}" for k in range(80)]
    many = [Entity.model_construct(name=f"E{n}", label="ORG", aliases=aliases) for n in range(700)]
    enrichment = Enrichment.model_construct(entities=many, persons=[f"p{n}" for n in range(900)])
    capped = enrichment.capped()
    assert len(capped.entities) == MAX_ENTITIES
    assert capped.entities[0].name == "E0"
    assert all(len(e.aliases) == MAX_ALIASES for e in capped.entities)
    assert len(capped.persons) == MAX_ENTITIES
    assert capped.skipped_steps == ["record:lists_capped"]
    Enrichment.model_validate(capped.model_dump())  # now within the contract


def test_a_record_within_the_limits_is_not_marked() -> None:
    from newsdesk.events import Enrichment

    assert Enrichment(persons=["Benny Gantz"]).capped().skipped_steps == []


@pytest.mark.parametrize(
    ("wire", "status"),
    [
        pytest.param({"type": "visit", "trigger": "visited"}, "reported", id="older-producer"),
        pytest.param(
            {"type": "visit", "trigger": "visit", "status": "planned"}, "planned", id="planned"
        ),
        pytest.param(
            {"type": "visit", "trigger": "visit", "status": "cancelled"},
            "cancelled",
            id="cancelled",
        ),
    ],
)
def test_event_status_defaults_to_reported(wire: dict, status: str) -> None:
    assert Event.model_validate(wire).status == status


def test_an_unknown_event_status_is_refused() -> None:
    with pytest.raises(ValidationError, match="status"):
        Event.model_validate({"type": "visit", "trigger": "visit", "status": "rumoured"})
