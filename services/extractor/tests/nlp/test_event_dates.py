"""Which day an event took place: its own words, its clause, a day counted from another, the day
a story carries from sentence to sentence (nlp/dating.py, nlp/when.py, nlp/counted.py,
nlp/carried.py; how one day mention resolves is in test_dates.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

from .event_set import event_document

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday


def test_a_month_told_beside_the_day_of_its_sentence_is_not_carried(enricher: Enricher) -> None:
    # ("Rice flew into New Delhi on Wednesday and called on Pakistan to cooperate in tracking
    # down those behind last month's attacks ... Rice sat down with Pranab Mukherjee": Wednesday)
    (result,) = enricher.enrich([event_document("e818.txt")])
    talks = [e for e in result.events if e.type == "meeting" and "Mukherjee" in e.sentence]
    assert [(e.countries, e.date) for e in talks] == [(["IN", "US"], "2008-12-03")]


def test_a_journey_takes_the_day_of_what_was_done_there(enricher: Enricher) -> None:
    text = (
        "French President Emmanuel Macron flew to Kyiv and laid a wreath at the war memorial on"
        " Jan. 27. He flew to Berlin and will meet the chancellor on Friday."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    # (what is still to come names no day of the journey made)
    assert [(e.type, e.countries, e.date) for e in result.events][:2] == [
        ("visit", ["FR", "UA"], "2023-01-27"),
        ("visit", ["DE", "FR"], None),
    ]


def test_a_journey_takes_the_day_of_what_is_done_where_it_goes(enricher: Enricher) -> None:
    text = (
        "The British prime minister then travels on to the United States, where she is due to"
        " hold talks at Camp David on Saturday."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    # (and the talks at Camp David, in the United States, with the host)
    assert [(e.type, e.countries, e.date, e.status) for e in result.events] == [
        ("visit", ["GB", "US"], "2023-03-11", "planned"),
        ("meeting", ["GB", "US"], "2023-03-11", "planned"),
    ]


def test_what_is_done_where_a_dated_journey_goes_is_done_on_its_day(enricher: Enricher) -> None:
    text = (
        "U.S. President George W. Bush signed an aid compact in Tanzania on Sunday. He flies on"
        " to Rwanda on Tuesday, where officials said he and President Paul Kagame will sign a"
        " bilateral investment treaty in Kigali."
    )
    published = DateInfo(value=datetime(2008, 2, 17, tzinfo=UTC), source="meta")
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=published)])
    signed = [(e.countries, e.date) for e in result.events if e.type == "agreement"]
    assert (["RW", "US"], "2008-02-19") in signed


def test_what_a_relative_clause_tells_is_neither_sold_nor_dated_above(
    enricher: Enricher,
) -> None:
    # no jet pledged; the shooting down is not of the pledge's day
    text = (
        "Turkey's president and Russia's president pledged on Tuesday to rebuild the trade ties"
        " that collapsed after Turkish F-16s shot down a Russian jet."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries, e.date) for e in result.events] == [
        ("attack", ["RU", "TR"], None)
    ]


def test_that_year_is_the_year_told_before(enricher: Enricher) -> None:
    text = (
        "In March 2001 Russia and Estonia held talks in Geneva. The two sides held another round"
        " of talks in May that year."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries, e.date) for e in result.events] == [
        ("meeting", ["CH", "EE", "RU"], "2001-03"),
        ("meeting", ["EE", "RU"], "2001-05"),
        ("visit", ["CH", "EE", "RU"], "2001-03"),  # (both sides came to Switzerland)
    ]


def test_a_purpose_clause_dates_its_own_verb(enricher: Enricher) -> None:
    """ "… his first trip to Mozambique since he sent soldiers to help fight an insurgency
    there in July": July dates the sending, not the trip told in apposition to Friday's visit."""
    text = (
        "Rwandan President Paul Kagame arrived in the Mozambican city of Pemba on Friday, his"
        " first trip to Mozambique since he sent 1,000 soldiers to help fight an insurgency"
        " there in July."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries), e.date) for e in result.events] == [
        ("visit", ["MZ", "RW"], "2023-03-10")
    ]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        pytest.param(
            "Netanyahu met al-Sisi in Cairo on Monday and will sign an agreement with Jordan.",
            "agreement",
            [("planned", None)],
            id="a-plan-takes-no-day-from-the-verb-before",
        ),
        pytest.param(
            "A sixth round of nuclear talks between the United States and Iran that was due to"
            " take place in Muscat on Sunday will not go ahead, Oman's foreign minister said on"
            " Saturday.",
            "meeting",
            [("cancelled", "2023-03-12")],
            id="a-round-of-talks-due-on-a-day",
        ),
        pytest.param(
            "Philippine President Rodrigo Duterte notified Washington in February 2020 that he was"
            " scrapping the pact with the United States.",
            "agreement",
            [("cancelled", "2020-02")],
            id="a-clause-takes-the-day-of-the-verb-above",
        ),
        pytest.param(
            "Kim Jong Il met South Korean President Kim Dae-jung in Pyongyang on Tuesday. The"
            " summit comes a year after a clash between North Korean and South Korean warships.",
            "attack",
            [("reported", None)],
            id="a-day-told-by-its-distance-from-another-is-not-the-day-before",
        ),
        pytest.param(
            "American forces attacked Iraq in 1998. U.S. President Barack Obama then held talks"
            " with Tanzanian President Jakaya Kikwete.",
            "meeting",
            [("reported", None)],
            id="a-year-of-history-is-no-day-to-carry",
        ),
        pytest.param(
            "Bulgaria and Macedonia signed a treaty of friendship in Skopje on Tuesday. Bulgarian"
            " Prime Minister Boyko Borisov held talks with his Macedonian counterpart, Zoran Zaev,"
            " whose government took office at the end of May.",
            "meeting",
            [("reported", "2023-03-07")],
            id="a-day-of-a-clause-about-a-person-is-not-the-event's",
        ),
        pytest.param(
            "The fighting scuppered a summit planned for early April, when Sudanese President"
            " Omar al-Bashir had been due to travel to the South Sudanese capital.",
            "visit",
            [("cancelled", "2023-04")],
            id="a-when-clause-told-after-a-day-is-of-that-day",
        ),
        pytest.param(
            "On Saturday Ankara cancelled a visit by Swedish Defence Minister Pal Jonson that"
            " had been planned for March 27.",
            "visit",
            [("cancelled", "2023-03-27")],
            id="the-day-a-cancelled-visit-was-planned-for",
        ),
        pytest.param(
            "Japan called off talks with China on a treaty that is scheduled to expire in 2030.",
            "meeting",
            [("cancelled", None)],
            id="a-clause-planning-another-noun-dates-nothing",
        ),
        pytest.param(
            "Talks between Cuban and U.S. officials on migration, which are due to resume in"
            " Washington on Monday, were announced.",
            "meeting",
            [("planned", "2023-03-13")],
            id="a-plural-noun's-clause-hung-on-its-last-noun",
        ),
        pytest.param(
            "Ecuador broke off diplomatic relations with Colombia on Monday, two days after"
            " Colombian warplanes and troops struck a guerrilla camp inside Ecuador.",
            "attack",
            [("reported", "2023-03-04")],
            id="two-days-after-the-day-of-the-clause-above",
        ),
        pytest.param(
            "Serbia expelled Croatia's ambassador on Monday, a week after Croatian jets"
            " bombed positions in Serbia.",
            "attack",
            [("reported", "2023-02-27")],
            id="a-week-after-the-day-of-the-clause-above",
        ),
        pytest.param(
            "North Korea fired artillery shells at South Korea on New Year\u2019s Day.",
            "attack",
            [("reported", "2023-01-01")],
            id="a-feast-the-model-calls-an-event",
        ),
        pytest.param(
            "Greece expelled the Turkish ambassador on Thursday, two days after Turkey and Greece"
            " signed a defence accord.",
            "agreement",
            [("reported", "2023-03-07")],
            id="two-days-hung-on-after",
        ),
        pytest.param(
            "Sweden's accession cleared its last hurdle on Feb. 26 when the Hungarian parliament"
            " voted to ratify it, days after Prime Minister Ulf Kristersson flew to Budapest.",
            "visit",
            [("reported", "2023-02")],
            id="uncounted-days-after-leave-the-month",
        ),
        pytest.param(
            "Russian President Vladimir Putin became the first Kremlin leader to visit Mongolia"
            " since Leonid Brezhnev in 1974.",
            "visit",
            [("reported", None)],
            id="the-year-of-the-visit-before-since",
        ),
        pytest.param(
            "Israeli Foreign Minister David Levy flew to Beijing to sign the accord with his"
            " Chinese counterpart last Friday.",
            "visit",
            [("reported", "2023-03-03")],
            id="a-journey-on-the-day-of-what-it-was-for",
        ),
        pytest.param(
            "Israeli Foreign Minister David Levy flew to Beijing to sign an accord that was"
            " drafted in January.",
            "visit",
            [("reported", None)],
            id="not-the-day-of-a-clause-about-its-paper",
        ),
        pytest.param(
            "Indian Prime Minister Narendra Modi is expected to travel to Moscow in the autumn"
            " for talks with Putin.",
            "visit",
            [("planned", "2023")],
            id="a-season-the-model-leaves-untagged",
        ),
        pytest.param(
            "Officials said they expected Putin to travel to the United States later in the"
            " year to sign an arms pact.",
            "visit",
            [("planned", "2023")],
            id="later-in-the-year-a-time",
        ),
        pytest.param(
            "Chinese President Xi Jinping wrapped up a two-day state visit to North Korea on"
            " Thursday.",
            "visit",
            [("reported", "2023-03-08")],
            id="a-visit-of-two-days-ended-began-the-day-before",
        ),
        pytest.param(
            "Ghana's president held talks in Ouagadougou with Burkina Faso's leader on Thursday,"
            " closing a three-day tour of the Sahel.",
            "visit",
            [("reported", "2023-03-09")],
            id="a-tour-ends-at-its-last-stop",
        ),
        pytest.param(
            "The foreign ministers of Israel, the United States and Egypt wrapped up a two-day"
            " meeting in Jerusalem on Thursday.",
            "visit",
            [("reported", "2023-03-08")],
            id="the-guests-of-a-two-day-meeting-came-for-its-first-day",
        ),
    ],
)
def test_an_event_takes_the_day_its_own_words_give(
    enricher: Enricher, text: str, kind: str, expected: list
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.status, e.date) for e in result.events if e.type == kind] == expected


def test_a_cancelled_event_takes_the_day_the_story_told_before(enricher: Enricher) -> None:
    text = (
        "Turkish jets shot down a Russian warplane on Tuesday. Moscow then cancelled a visit to"
        " Turkey by Foreign Minister Sergei Lavrov."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.date, e.status) for e in result.events] == [
        ("attack", "2023-03-07", "reported"),
        ("visit", "2023-03-07", "cancelled"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "KHARKIV, April 21 (Wire) - Ukraine agreed on Wednesday to extend the lease of the"
            " Russian fleet. Presidents Dmitry Medvedev and Viktor Yanukovych signed the"
            " agreement in Kharkiv after talks.",
            [("agreement", "2010-04-21"), ("meeting", "2010-04-21"), ("visit", "2010-04-21")],
            id="the-leads-day",
        ),
        pytest.param(
            "WASHINGTON, April 21 (Wire) - The White House will host a summit on democracy on"
            " April 29. Russia sold fighter jets to Iran.",
            [("arms_transfer", None)],
            id="a-day-to-come-dates-nothing-after-it",
        ),
        pytest.param(
            "Ukraine agreed on Wednesday to extend the lease of the Russian fleet. Presidents"
            " Dmitry Medvedev and Viktor Yanukovych signed the agreement in Kharkiv after talks.",
            [("agreement", None), ("meeting", None), ("visit", None)],
            id="no-dateline-no-lead",
        ),
        pytest.param(
            "BERLIN, April 21 (Wire) - Russia and Germany agreed on Wednesday to build a gas"
            " pipeline. Russian President Vladimir Putin flew into Berlin for talks with Chancellor"
            " Gerhard Schroeder ten days before an election that the chancellor will lose.",
            [("agreement", "2010-04-21"), ("meeting", "2010-04-21"), ("visit", "2010-04-21")],
            id="days-before-what-is-still-to-come-are-the-leads",
        ),
    ],
)
def test_a_wire_leads_day_dates_the_events_told_next(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    published = DateInfo(value=datetime(2010, 4, 21, tzinfo=UTC), source="meta")
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=published)])
    assert sorted((e.type, e.date) for e in result.events) == expected


# Three sentences on the story's news stand between its day and the undated event.
_BETWEEN = (
    " The upgrade puts Vietnam among Canberra's closest partners in Asia. Officials said the"
    " talks covered trade and the South China Sea. Albanese called the day historic."
)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        pytest.param(
            "Australia and Vietnam signed a strategic partnership on Thursday.",
            ("2024-03-07", "2024-03-07"),
            id="the-day-of-the-news-dates-an-event-told-sentences-later",
        ),
        pytest.param(
            "Australia and Vietnam signed a strategic partnership on May 4, 2016.",
            ("2016-05-04", None),
            id="a-day-of-history-dates-only-the-two-sentences-after-it",
        ),
    ],
)
def test_the_day_of_the_news_is_carried_further_than_a_day_of_history(
    enricher: Enricher, first: str, expected: tuple[str, str | None]
) -> None:
    # ("The two leaders also sealed agreements ...", three sentences after "on Thursday")
    text = first + _BETWEEN + " The two leaders also held talks over lunch."
    published = DateInfo(value=datetime(2024, 3, 7, tzinfo=UTC), source="meta")
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=published)])
    dates = {e.type: e.date for e in result.events}
    assert (dates["agreement"], dates["meeting"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Chinese President Xi Jinping, who landed in Moscow late on Monday, was greeted by"
            " Russian President Vladimir Putin before the two held talks. Officials from both"
            " governments then signed a series of agreements.",
            [
                ("visit", "2023-03-06"),
                ("meeting", "2023-03-07"),
                ("agreement", "2023-03-07"),
            ],
            id="landed-late-on-monday-talks-and-signing-on-tuesday",
        ),
        pytest.param(
            "Chinese President Xi Jinping, who landed in Moscow on Monday, was greeted by"
            " Russian President Vladimir Putin before the two held talks.",
            [("visit", "2023-03-06"), ("meeting", "2023-03-06")],
            id="landed-on-monday-talks-that-day",
        ),
        pytest.param(
            "ROME, March 10 - Chinese President Xi Jinping and Italian Prime Minister Giorgia"
            " Meloni signed a partnership on Friday. Xi, who arrived in Rome on Thursday, held"
            " talks with Meloni at her office.",
            [("agreement", "2023-03-10"), ("visit", "2023-03-09"), ("meeting", "2023-03-10")],
            id="arrived-the-day-before-the-lead-talks-on-the-leads-day",
        ),
        pytest.param(
            "ROME, March 10 - Chinese President Xi Jinping signed a partnership with Italy on"
            " Friday. Xi arrived in Rome on Wednesday evening and held talks with Italian Prime"
            " Minister Giorgia Meloni the same evening. The two governments then signed several"
            " agreements.",
            [
                ("agreement", "2023-03-10"),
                ("visit", "2023-03-08"),
                ("meeting", "2023-03-08"),
                ("agreement", "2023-03-08"),
            ],
            id="talks-the-same-evening-stay-on-the-arrivals-day",
        ),
        pytest.param(
            "CAIRO, March 10 - Saudi Arabia hosted U.S. Defense Secretary Dick Cheney on Friday."
            " From Jeddah, Cheney flew on to Egypt on Thursday for talks with Egyptian President"
            " Hosni Mubarak.",
            [("meeting", "2023-03-10"), ("visit", "2023-03-09"), ("meeting", "2023-03-09")],
            id="what-the-journey-was-for-shares-its-day",
        ),
        pytest.param(
            "NEW DELHI, March 10 - India signed a deal with Russia on Friday. It was concluded"
            " during the annual summit between Prime Minister Narendra Modi and President"
            " Vladimir Putin, who arrived in New Delhi on Thursday evening.",
            [("agreement", "2023-03-10"), ("meeting", "2023-03-10"), ("visit", "2023-03-09")],
            id="a-summit-told-before-the-arrival-in-its-sentence",
        ),
        pytest.param(
            "SHANGHAI, March 10 - China and Russia signed a border agreement on Friday. Russian"
            " President Vladimir Putin arrived in Beijing on Wednesday for a state visit. Under"
            " the accord, troops must stay 100 km from the line. Kazakh President Nursultan"
            " Nazarbayev flew in for the signing.",
            [("agreement", "2023-03-10"), ("visit", "2023-03-08"), ("visit", "2023-03-10")],
            id="who-flew-in-for-the-signing-came-on-its-day",
        ),
        pytest.param(
            "OTTAWA, March 10 - Canada and Denmark signed an agreement on Friday dividing Hans"
            " Island. In September 2021 the two governments agreed in a joint statement to settle"
            " the dispute. Danish Foreign Minister Jeppe Kofod made the trip to Ottawa for the"
            " ceremony.",
            [("agreement", "2023-03-10"), ("agreement", "2021-09"), ("visit", "2023-03-10")],
            id="who-made-the-trip-for-the-ceremony-came-on-its-day",
        ),
        pytest.param(
            "Japan and Australia signed a defence pact in Canberra on Thursday. Japan's prime"
            " minister flew in for the signing ceremony.",
            [("agreement", "2023-03-09"), ("visit", "2023-03-09")],
            id="who-flew-in-for-the-ceremony-came-where-it-was",
        ),
    ],
)
def test_what_a_visitor_does_after_arriving_takes_the_day_told_next(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.date) for e in result.events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Lula and Sarkozy signed the accords on Tuesday during Sarkozy's official visit to"
            " Brazil. The French leader had arrived in Rio on Monday.",
            [("visit", "2023-03-06", "arrived")],
            id="the-visit-began-with-the-arrival",
        ),
        pytest.param(
            "French President Nicolas Sarkozy arrived in Brazil on March 1. Talks with Lula in"
            " Brasilia on Thursday ended the French leader's visit to Brazil.",
            [("visit", "2023-03-01", "arrived"), ("visit", "2023-03-09", "visit")],
            id="a-week-later-is-another-journey",
        ),
        pytest.param(
            "French President Nicolas Sarkozy arrived in Brazil on Monday. He will go on to"
            " Argentina on Tuesday for a visit to Buenos Aires.",
            [("visit", "2023-03-06", "arrived"), ("visit", "2023-03-14", "go")],
            id="a-visit-to-another-country-is-another-journey",
        ),
    ],
)
def test_a_visit_told_on_a_later_day_began_with_its_arrival(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    visits = [(e.type, e.date, e.trigger) for e in result.events if e.type == "visit"]
    assert visits == expected


def test_an_undated_event_takes_the_day_its_sentence_gave_the_one_before(
    enricher: Enricher,
) -> None:
    text = (
        "CARACAS, Nov 27 (Wire) - Dmitry Medvedev became the first Kremlin leader to visit"
        " Venezuela when he landed in Caracas on Wednesday, and within hours he and President"
        " Hugo Chavez had signed an agreement on nuclear energy."
    )
    published = DateInfo(value=datetime(2008, 11, 27, tzinfo=UTC), source="meta")
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=published)])
    found = {(e.type, e.date) for e in result.events}
    assert ("agreement", "2008-11-26") in found, found
