"""Visits: who goes where, told by verbs of going, of attending and of being somewhere; a
meeting held in a state is a visit there by the others; who arrives in a datelined story
arrives there (nlp/journeys.py, nlp/venues.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Indian Prime Minister Narendra Modi attended the summit in Johannesburg on Tuesday.",
            [(["IN", "ZA"], "reported", "2023-03-07")],
            id="attended-what-was-held-in-a-place",
        ),
        pytest.param(
            "President Islam Karimov was in Moscow on Monday.",
            [(["RU", "UZ"], "reported", "2023-03-06")],
            id="was-in-a-foreign-capital",
        ),
        pytest.param(
            "Uzbek President Islam Karimov will be in Moscow on Monday.",
            [(["RU", "UZ"], "planned", "2023-03-13")],
            id="will-be-in-a-foreign-capital",
        ),
        pytest.param(
            "Russian President Vladimir Putin is expected in Brisbane on Saturday.",
            [(["AU", "RU"], "planned", "2023-03-11")],
            id="is-expected-in-a-foreign-city",
        ),
        pytest.param(
            "U.S. Defense Secretary Donald Rumsfeld flies on to Lima later on Friday, the second"
            " stop of his trip.",
            [(["PE", "US"], "planned", "2023-03-10")],
            id="the-trip-a-stop-is-part-of-is-no-visit-of-its-own",
        ),
        pytest.param(
            "As part of an official visit to the United States, Bahrain's Interior Minister met"
            " the US Secretary of Homeland Security on Saturday.",
            [(["BH", "US"], "reported", "2023-03-04")],
            id="a-visit-something-is-part-of-is-a-visit",
        ),
        pytest.param(
            "Analysts had expected Putin in Brisbane on Saturday.",
            [],
            id="expected-by-others-is-no-visit",
        ),
        pytest.param(
            "WARSAW, March 10 (Wire) - Secretary of State Antony Blinken attended the ceremony.",
            [(["PL", "US"], "reported", None)],
            id="attended-in-a-datelined-story",
        ),
        pytest.param(
            "Turkish President Abdullah Gul went to Yerevan in September 2008.",
            [(["AM", "TR"], "reported", "2008-09")],
            id="went-to-a-foreign-capital",
        ),
        pytest.param(
            "Israeli minister Miri Regev is due in Abu Dhabi on Sunday.",
            [(["AE", "IL"], "planned", "2023-03-12")],
            id="due-in-a-foreign-capital",
        ),
        pytest.param(
            "WARSAW, March 10 (Wire) - President Joe Biden went on to say that Russia would fail.",
            [],
            id="going-needs-the-place-named",
        ),
        pytest.param(
            "SOCHI, Oct 22 (Wire) - Russia and Turkey agreed on a plan for Syria. Turkish"
            " President Recep Tayyip Erdogan flew to the Black Sea resort for talks.",
            [(["RU", "TR"], "reported", None)],
            id="flew-to-a-place-the-dateline-names",
        ),
        pytest.param(
            "WARSAW, March 10 (Wire) - Poland and the United States signed a defence pact on"
            " Friday. Secretary of State Antony Blinken spoke at the ceremony. He had arrived on"
            " Thursday from Brussels.",
            [(["PL", "US"], "reported", "2023-03-09")],
            id="he-who-arrived-in-a-datelined-story",
        ),
        pytest.param(
            "Congolese President Joseph Kabila and Rwandan President Paul Kagame, who flew to"
            " Pretoria on Tuesday, shook hands.",
            [(["CD", "RW", "ZA"], "reported", "2023-03-07")],
            id="both-of-the-persons-a-relative-clause-follows",
        ),
        pytest.param("Russian tourists were in Cairo on Monday.", [], id="no-person-no-visit"),
        pytest.param(
            "Russian Foreign Minister Sergei Lavrov said he was in contact with U.S. officials.",
            [],
            id="in-contact-is-no-place",
        ),
        pytest.param(
            "U.S. President George W. Bush went to war in Iraq in 2003.", [], id="went-to-war"
        ),
        pytest.param(
            "The British prime minister was in London on Monday for talks on Chinese investment.",
            [],
            id="at-home-with-another-state-in-the-sentence",
        ),
        pytest.param(
            "Argentine striker Lionel Messi flew to Riyadh on Monday for a friendly match.",
            [],
            id="a-players-trip-to-a-match",
        ),
        pytest.param("Biden attended a fundraiser in New York.", [], id="at-home-no-visit"),
        pytest.param(
            "Lennart Meri of Estonia, Guntis Ulmanis of Latvia and Algirdas Brazauskas of"
            " Lithuania flew to Washington for the ceremony.",
            [(["EE", "LT", "LV", "US"], "reported", None)],
            id="persons-in-apposition-and-joined",  # (the first name was taken for an ORG)
        ),
        pytest.param(
            "Iran's petroleum minister travelled to Venezuela on Monday.",
            [(["IR", "VE"], "reported", "2023-03-06")],
            id="a-petroleum-minister-is-no-company",
        ),
        pytest.param(
            "U.S. Secretary of State Mike Pompeo held talks in New Delhi on Tuesday. He flew to"
            " Colombo later on Tuesday.",
            [(["LK", "US"], "reported", "2023-03-07")],
            id="a-city-the-model-left-untagged",  # (Colombo: no entity from the NER)
        ),
        pytest.param(
            "President Barack Obama and Russia's Dmitry Medvedev signed a treaty on Thursday in"
            " Prague. Both had flown to the Czech capital for the ceremony, the centrepiece of"
            " Obama's effort to reset relations.",
            [(["CZ", "RU", "US"], "reported", "2023-03-09")],
            id="both-of-the-pair-named-before",
        ),
        pytest.param(
            "Prime Minister Kyriakos Mitsotakis and Chancellor Olaf Scholz held talks in Berlin"
            " on Wednesday. The two flew to London on Thursday.",
            [(["DE", "GB", "GR"], "reported", "2023-03-09")],
            id="the-two-named-before",
        ),
        pytest.param(
            "Morocco's King Mohammed VI met Nigerian President Muhammadu Buhari in Rabat. The"
            " project was first announced when the king travelled to Abuja in December 2016.",
            [(["MA", "NG"], "reported", "2016-12")],
            id="the-king-named-before",
        ),
        pytest.param(
            "Russian President Vladimir Putin spent two days in Hanoi last week.",
            # (last week: 27 Feb - 5 March, the month of its Thursday)
            [(["RU", "VN"], "reported", "2023-03")],
            id="spending-days-in-a-foreign-capital",
        ),
        pytest.param(
            "The trip was watched in Moscow, where President George W. Bush spent Monday at the"
            " celebrations of victory in Europe.",
            [(["RU", "US"], "reported", "2023-03-06")],
            id="spending-a-day-where-a-city-is",
        ),
        pytest.param(
            "President George W. Bush spent $2 billion in Afghanistan last year.",
            [],
            id="spending-money-is-no-stay",
        ),
        pytest.param(
            "U.S. President Barack Obama landed in Dar es Salaam on Monday to a welcome of"
            " drummers.",
            [(["TZ", "US"], "reported", "2023-03-06")],
            id="a-person-landing-in-a-foreign-city",
        ),
        pytest.param(
            "Israel and Qatar held talks in Doha on Monday. Two American women held by Hamas"
            " were freed. The two flew to Germany on Saturday.",
            [(["IL", "QA"], "reported", "2023-03-06")],  # (only Israel's, at the talks in Doha)
            id="the-two-of-the-sentence-before-are-no-states",
        ),
        pytest.param(
            "Emmanuel Macron hosted Narendra Modi in Paris. Emmanuel, a Ghanaian student in"
            " Lyon, flew to Accra on Saturday.",
            [(["FR", "IN"], "reported", None)],  # (only Modi's, whom Macron hosted in Paris)
            id="a-given-name-described-as-someone-else",
        ),
        pytest.param(
            "King Charles hosted European Council President Charles Michel at Windsor Castle on"
            " Monday. Charles then flew to Kenya on Tuesday.",
            [],
            id="a-kings-name-is-no-given-name-of-another",
        ),
        pytest.param(
            "Russian opposition leader Alexei Navalny spent five months in Germany recovering.",
            [],
            id="months-spent-abroad-are-no-visit",
        ),
        pytest.param("A Chinese research vessel made a stop in Sri Lanka.", [], id="a-ships-stop"),
        pytest.param(
            "The Brazilian singer's tour stop in Lisbon was cancelled.", [], id="a-singers-stop"
        ),
        pytest.param(
            "Vice President Kamala Harris will stop in Seoul on Sunday on her way home.",
            [(["KR", "US"], "planned", "2023-03-12")],
            id="stopping-in-a-foreign-capital",
        ),
        pytest.param(
            "Secretary of State Antony Blinken made an unannounced stop in Pakistan on Tuesday.",
            [(["PK", "US"], "reported", "2023-03-07")],
            id="a-stop-in-a-foreign-state",
        ),
        pytest.param(
            "ANKARA, March 10 (Wire) - President Tayyip Erdogan said he had to stop being naive"
            " about Russia.",
            [],
            id="stopping-needs-the-place-named",
        ),
        pytest.param(
            "President Vladimir Putin called for a stop to attacks on Russian forces in Syria.",
            [],
            id="a-stop-to-something-is-its-end",
        ),
        pytest.param(
            "WARSAW, March 10 (Wire) - Secretary of State Antony Blinken was pleased.",
            [],
            id="being-needs-the-place-named",
        ),
    ],
)
def test_a_person_who_goes_or_is_somewhere_abroad_visits(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    visits = [(sorted(e.countries), e.status, e.date) for e in result.events if e.type == "visit"]
    assert visits == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Iranian and Russian negotiators held talks in Vienna on Tuesday.",
            [("meeting", ["AT", "IR", "RU"]), ("visit", ["AT", "IR", "RU"])],
            id="talks-in-a-third-state-are-a-visit-there",
        ),
        pytest.param(
            "Iranian and Russian negotiators held talks in Tehran on Tuesday.",
            [("meeting", ["IR", "RU"]), ("visit", ["IR", "RU"])],
            id="talks-at-home-of-one-side-are-a-visit-by-the-other",
        ),
        pytest.param(
            "Russian Foreign Minister Sergei Lavrov flew to Vienna on Tuesday and held talks"
            " there with Iranian Foreign Minister Mohammad Javad Zarif.",
            [("visit", ["AT", "IR", "RU"]), ("meeting", ["IR", "RU"])],
            id="a-visit-told-is-not-told-twice",
        ),
        pytest.param(
            "The defence ministers of Syria and Lebanon signed an agreement in Jeddah on Thursday"
            " to demarcate their frontier.",
            [("agreement", ["LB", "SA", "SY"]), ("visit", ["LB", "SA", "SY"])],
            id="a-paper-signed-in-a-third-state",
        ),
    ],
)
def test_a_meeting_held_in_a_state_is_a_visit_there_by_the_others(
    enricher: Enricher, text: str, expected: list
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries) for e in result.events] == expected


def test_one_who_flies_in_comes_where_the_story_is(enricher: Enricher) -> None:
    # (the places named are where he came from)
    text = (
        "VLADIVOSTOK, March 10 (Wire) - The U.S. president flew in on Thursday from Seoul,"
        " after four days in Japan."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries, e.date, e.place) for e in result.events] == [
        ("visit", ["RU", "US"], "2023-03-09", "Vladivostok")
    ]


def test_the_stop_a_traveller_came_from_is_a_visit_there(enricher: Enricher) -> None:
    text = (
        "U.S. President George W. Bush flew into Tirana from Rome, where he had an audience with"
        " Pope Benedict XVI on Saturday."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries), e.date) for e in result.events] == [
        ("visit", ["AL", "US"], None),
        ("visit", ["IT", "US"], "2023-03-04"),
    ]


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        pytest.param(
            "U.S. President Ronald Reagan arrived in Moscow on Sunday from Helsinki, where he had"
            " rested for three days.",
            "2023-03",
            id="days-before-the-arrival-its-month",
        ),
        pytest.param(
            "U.S. Secretary of State Mike Pompeo flew into New Delhi late on Wednesday from"
            " Islamabad, where he had talks with Prime Minister Imran Khan.",
            "2023-03-08",
            id="a-flight-in-at-night-the-same-day",
        ),
    ],
)
def test_the_stop_before_an_arrival_is_dated_before_it(
    enricher: Enricher, text: str, stop: str
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [e.date for e in result.events if e.type == "visit"][1:] == [stop]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "WARSAW, Aug 20 (Wire) - Secretary of State Condoleezza Rice, who flew in from"
            " Brussels in the morning, met Foreign Minister Radoslaw Sikorski.",
            [("visit", ["PL", "US"], "Warsaw")],
            id="flew-in-to-the-dateline-city",
        ),
        pytest.param(  # (the parser ends a sentence after "BOGOTA ,")
            "BOGOTA, Feb 25 (Wire) - Lima Group foreign ministers met in Bogota on Monday."
            " Argentine Foreign Minister Jorge Faurie also attended the meeting.",
            [("visit", ["AR", "CO"], "Bogotá")],
            id="a-dateline-the-parser-breaks",
        ),
        pytest.param(
            "PRETORIA, May 10 (Wire) - Cuban President Fidel Castro, making his first visit to the"
            " country, said he had come to salute Mandela.",
            [("visit", ["CU", "ZA"], "Pretoria")],
            id="a-visit-to-the-country-it-is-filed-from",
        ),
        pytest.param(
            "Secretary of State Condoleezza Rice, who flew in from Brussels, met Radoslaw"
            " Sikorski.",
            [],
            id="no-dateline-no-place",
        ),
    ],
)
def test_who_arrives_in_a_datelined_story_arrives_there(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    visits = [(e.type, sorted(e.countries), e.place) for e in result.events if e.type == "visit"]
    assert visits == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The foreign ministers of El Salvador and Honduras signed the accord in the Guatemalan"
            " capital after a day of talks with their counterparts from Costa Rica.",
            [("meeting", "Guatemala City"), ("visit", "Guatemala City")],
            id="the-capital-a-nationality-names",
        ),
        pytest.param(
            "The foreign ministers of El Salvador and Honduras signed the accord amid alarm in"
            " Western capitals after a day of talks with their counterparts from Costa Rica.",
            [("meeting", None)],
            id="not-capitals-of-many",
        ),
    ],
)
def test_a_meeting_in_the_capital_a_nationality_names_is_held_there(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.place) for e in result.events if e.type != "agreement"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "OSLO, March 7 (Wire) - Norwegian Foreign Minister Thorvald Stoltenberg hosted his"
            " counterparts from Russia, Sweden and Finland on Monday.",
            [("visit", ["FI", "NO", "RU", "SE"], "Oslo")],
            id="the-news-meeting-is-held-where-the-story-was-filed",
        ),
        pytest.param(
            "Norwegian Foreign Minister Thorvald Stoltenberg hosted his counterparts from Russia,"
            " Sweden and Finland on Monday.",
            [],
            id="no-dateline-no-place",
        ),
        pytest.param(
            "OSLO, March 7 (Wire) - Norwegian Foreign Minister Thorvald Stoltenberg hosted his"
            " counterparts from Russia, Sweden and Finland in 1993.",
            [],
            id="not-the-news-of-the-story",
        ),
        pytest.param(
            "OSLO, March 7 (Wire) - Norway's foreign ministry summoned the Russian ambassador on"
            " Monday.",
            [],
            id="a-summoned-ambassador-lives-there",
        ),
    ],
)
def test_a_meeting_told_as_news_is_held_where_the_story_was_filed(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    visits = [(e.type, sorted(e.countries), e.place) for e in result.events if e.type == "visit"]
    assert visits == expected


def test_the_place_a_headline_names_is_no_dateline(enricher: Enricher) -> None:
    text = (
        "WARSAW, Nov 21 (Wire) - U.S. Secretary of State Antony Blinken, who flew in from"
        " Brussels in the morning, met Polish Foreign Minister Radoslaw Sikorski."
    )
    document = ExtractedDocument(text=text, title="Talks in Berlin continue", published=PUBLISHED)
    (result,) = enricher.enrich([document])
    visits = [sorted(e.countries) for e in result.events if e.type == "visit"]
    assert visits == [["PL", "US"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The German defence minister arrived in Kyiv on Tuesday.",
            [("visit", ["DE", "UA"])],
            id="a-defence-minister-arriving-is-no-delivery",
        ),
        pytest.param(
            "WASHINGTON, March 10 - The Saudi crown prince arrived in Washington on Monday.",
            [("visit", ["SA", "US"])],
            id="a-crown-prince-travels",
        ),
    ],
)
def test_an_official_who_arrives_visits(enricher: Enricher, text: str, expected: list) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == expected


def test_a_journey_joined_to_another_has_its_traveller(enricher: Enricher) -> None:
    text = (
        "Sudanese President Omar al-Bashir flew to Eritrea on Monday for talks and on Wednesday"
        " landed in Cairo."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    landed = [(e.date, e.place) for e in result.events if e.trigger == "landed"]
    assert landed == [("2023-03-08", "Cairo")]
