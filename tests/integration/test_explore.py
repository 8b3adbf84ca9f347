"""The analyst's queries on the real search server: search filters and snippets, events, stories,
who appears with whom.

The documents are written by the indexer's bulk writer under names nothing else uses (the
country codes QX and QY, persons "Qx ..."), so the session's other documents do not match.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from indexer.bulk import BulkWriter
from newsdesk.events import EnrichedArticle, Entity, Event, EventParty, Topic
from newsdesk.search import make_client
from newsdesk.settings import ElasticsearchSettings
from newsdesk_cli.main import app

pytestmark = pytest.mark.integration
FETCHED = datetime(2021, 11, 25, 8, tzinfo=UTC)


def _article(article_id: str, minutes: int, **fields: Any) -> EnrichedArticle:
    return EnrichedArticle.model_validate(
        {
            "article_id": article_id,
            "url": f"https://example.org/{article_id}",
            "canonical_url": f"https://example.org/{article_id}",
            "fetched_at": FETCHED + timedelta(minutes=minutes),
            "language": "en",
            **fields,
        }
    )


def _person(name: str, *aliases: str) -> Entity:
    return Entity(name=name, label="PERSON", aliases=list(aliases))


DEAL = Event(
    type="agreement",
    trigger="signed",
    date="2021-11-24",
    date_precision="day",
    parties=[EventParty(name="Qxland", country="QX"), EventParty(name="Qyland", country="QY")],
    countries=["QX", "QY"],
)
SALE = Event(
    type="arms_transfer",
    trigger="sell",
    status="planned",
    parties=[EventParty(name="Qxland", country="QX")],
    countries=["QX", "QY"],
)
MEETING = Event(type="meeting", trigger="met", date="2022-02", countries=["QX"])
ARTICLES = [
    _article(
        "qx-1",
        0,
        source="qx-wire",
        title="Qxland and Qyland sign a drone deal",
        text="Qxland and Qyland signed a defence memorandum and agreed drone sales.",
        published_at="2021-11-24T10:00:00Z",
        topics=[Topic(name="qx arms trade", score=1.0)],
        events=[DEAL, SALE],
        entities=[_person("Qx Minister", "Minister Qx"), _person("Qy General")],
        persons=["Qx Minister", "Qy General"],
        countries=["QX", "QY"],
        minhash_bands=["00:qx-deal", "01:qx-deal"],
    ),
    _article(
        "qx-2",
        90,
        source="qx-echo",
        language="fr",
        title="Qxland et Qyland signent un accord",
        text="Les deux pays ont signé un accord sur les drones.",
        published_at="2021-11-24T12:00:00Z",
        topics=[Topic(name="qx arms trade", score=0.5)],
        events=[DEAL],
        entities=[_person("Qx Minister")],
        persons=["Qx Minister"],
        countries=["QX", "QY"],
        minhash_bands=["01:qx-deal"],
    ),
    _article(
        "qx-3",
        60 * 24 * 70,
        source="qx-wire",
        title="Qx Minister meets a delegation",
        text="The minister met a delegation to discuss training.",
        published_at="2022-02-03T09:00:00Z",
        events=[MEETING],
        entities=[_person("Qx Minister"), _person("Qz Envoy")],
        persons=["Qx Minister", "Qz Envoy"],
        countries=["QX"],
        minhash_bands=["00:qx-meeting"],
    ),
]


@pytest.fixture(scope="module")
async def written(es_settings: ElasticsearchSettings) -> list[str]:
    es = make_client(es_settings)
    try:
        writer = BulkWriter(es, articles_alias="newsdesk-articles", events_alias="newsdesk-events")
        outcome = await writer.write(ARTICLES)
        await es.indices.refresh(index="newsdesk-articles,newsdesk-events")
    finally:
        await es.close()
    assert sorted(outcome.indexed) == ["qx-1", "qx-2", "qx-3"]
    return outcome.indexed


def newsdesk(env: dict[str, str], *args: str) -> Any:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["drone", "--source", "qx-wire"], ["qx-1"], id="text-and-source"),
        pytest.param(["--topic", "qx arms trade", "--language", "fr"], ["qx-2"], id="topic-lang"),
        pytest.param(["--event-type", "meeting", "--country", "QX"], ["qx-3"], id="event-type"),
        pytest.param(
            ["--country", "QY", "--since", "2021-11-24", "--until", "2021-11-24"],
            ["qx-2", "qx-1"],
            id="until-a-day-includes-that-day-newest-first",
        ),
        pytest.param(
            ["--country", "QY", "--until", "2021-11-24T11:00:00"], ["qx-1"], id="until-a-time"
        ),
    ],
)
def test_search_filters(
    written: list[str], stack_env: dict[str, str], args: list[str], expected: list[str]
) -> None:
    found = newsdesk(stack_env, "search", *args, "--json")
    assert [hit["id"] for hit in found["hits"]] == expected


def test_a_text_search_shows_where_its_words_are(
    written: list[str], stack_env: dict[str, str]
) -> None:
    [hit] = newsdesk(stack_env, "search", "drone", "--source", "qx-wire", "--json")["hits"]
    assert any("<em>drone</em>" in snippet for snippet in hit["snippets"])
    assert hit["topics"] == ["qx arms trade"]
    table = newsdesk({**stack_env, "COLUMNS": "200"}, "search", "drone", "--source", "qx-wire")
    assert "agreed drone sales" in table


def test_events_form_a_timeline_filtered_by_type_country_party_and_dates(
    written: list[str], stack_env: dict[str, str]
) -> None:
    everything = newsdesk(stack_env, "events", "--country", "QX", "--json")
    timeline = [(e["when"] if "when" in e else e["date"], e["type"]) for e in everything["events"]]
    assert [kind for _, kind in timeline] == ["agreement", "agreement", "meeting", "arms_transfer"]
    agreements = newsdesk(stack_env, "events", "--type", "agreement", "--party", "Qyland", "--json")
    assert {e["article_id"] for e in agreements["events"]} == {"qx-1", "qx-2"}
    undated = newsdesk(
        stack_env, "events", "--country", "QY", "--until", "2021-11-24T11:00:00", "--json"
    )
    # The sale has no date of its own: its article's publication (10:00) places it.
    assert [e["type"] for e in undated["events"]] == ["agreement", "agreement", "arms_transfer"]
    assert "Qxland, Qyland" in newsdesk(
        {**stack_env, "COLUMNS": "200"}, "events", "--country", "QY"
    )


def test_events_say_and_filter_how_the_article_tells_them(
    written: list[str], stack_env: dict[str, str]
) -> None:
    planned = newsdesk(stack_env, "events", "--status", "planned", "--json")
    assert [(e["type"], e["status"]) for e in planned["events"]] == [("arms_transfer", "planned")]
    reported = newsdesk(stack_env, "events", "--status", "reported", "--json")
    assert {e["type"] for e in reported["events"]} == {"agreement", "meeting"}
    assert {e["status"] for e in reported["events"]} == {"reported"}
    table = newsdesk({**stack_env, "COLUMNS": "200"}, "events", "--country", "QY")
    assert "arms_transfer (planned)" in table


def test_a_story_lists_its_copies_from_any_of_their_ids(
    written: list[str], stack_env: dict[str, str]
) -> None:
    for any_id in ("qx-1", "qx-2"):
        found = newsdesk(stack_env, "story", any_id, "--json")
        assert found["story_id"] == "qx-1"
        copies = [(a["article_id"], a["duplicate_of"]) for a in found["articles"]]
        assert copies == [("qx-1", None), ("qx-2", "qx-1")]
    missing = CliRunner().invoke(app, ["story", "qx-nothing"], env=stack_env)
    assert missing.exit_code == 1
    assert "no article and no story" in missing.output


def test_entities_with_a_name_or_its_alias_list_who_appears_beside_it(
    written: list[str], stack_env: dict[str, str]
) -> None:
    for name in ("Qx Minister", "Minister Qx"):
        found = newsdesk(stack_env, "entities", "--with", name, "--json")
        assert [(e["name"], e["articles"]) for e in found] == [
            ("Qy General", 1),
            ("Qz Envoy", 1),
        ]
    table = newsdesk(stack_env, "entities", "--with", "Qx Minister")
    assert "in 3 articles" in table
