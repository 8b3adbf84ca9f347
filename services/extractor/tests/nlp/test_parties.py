"""Who takes part in an event: the states its arguments name, not who mediates, recognises,
judges or lies near; who a pronoun, an office or "the two leaders" stands for; a state that
follows suit; a group the story counts instead of naming (nlp/actors.py, nlp/bystanders.py,
nlp/referents.py, nlp/narrative.py, nlp/counts.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.nlp.found import FoundEvent
from extractor.nlp.narrative import followed_event
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

from .event_set import event_document

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday


def _events(enricher: Enricher, text: str) -> list[tuple[str, list[str]]]:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    return [(event.type, sorted(event.countries)) for event in result.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Soldiers from the United States and five East African countries began ten days of"
            " joint exercises in northern Uganda on Friday. About 550 American personnel and"
            " some 130 troops each from Uganda, Kenya, Tanzania, Rwanda and Burundi lined up for"
            " an opening parade.",
            ("exercise", ["BI", "KE", "RW", "TZ", "UG", "US"]),
            id="a-state-and-five-countries-the-next-sentence-lists",
        ),
        pytest.param(
            "AGADIR, Morocco, March 7 - More than 7,000 troops from nine countries began the"
            " U.S. military's largest annual exercise in Africa on Monday, with Moroccan and"
            " American forces at its core. It stretches from the Kenitra air base in Morocco"
            " to Tunisia and Senegal. Alongside the United States and the three hosts, units"
            " from Britain, Brazil, Canada, Italy and the Netherlands are taking part.",
            ("exercise", ["BR", "CA", "GB", "IT", "MA", "NL", "SN", "TN", "US"]),
            id="nine-countries-two-sentences-list",
        ),
        pytest.param(
            "President George W. Bush, flanked by the prime ministers of Britain and Spain, spoke"
            " on Sunday. The three leaders met at Lajes, an air base on the Portuguese island of"
            " Terceira, at a summit hosted by Portugal's prime minister.",
            ("meeting", ["ES", "GB", "PT", "US"]),
            id="the-three-leaders-the-sentence-before-named",
        ),
        pytest.param(
            "Belgium, the Netherlands, Denmark and Norway chose the F-16 on Saturday. Washington"
            " welcomed the choice. The four governments are expected to sign a memorandum of"
            " understanding with the United States within weeks. West Germany, Britain and"
            " Italy are building the Tornado.",
            ("agreement", ["BE", "DK", "NL", "NO", "US"]),
            id="the-four-governments-named-before-not-three-named-after",
        ),
    ],
)
def test_a_counted_group_takes_the_states_a_near_sentence_lists(
    enricher: Enricher, text: str, expected: tuple
) -> None:
    assert expected in _events(enricher, text)


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        pytest.param(
            "Soldiers from the United States and five East African countries began ten days of"
            " joint exercises in northern Uganda on Friday. Officials from Kenya and Tanzania"
            " watched.",
            "KE",
            id="a-list-of-another-size-is-another-group",
        ),
        pytest.param(
            "Mali, Burkina Faso and Niger signed a charter on Saturday. It is named after the"
            " border region where the three countries meet.",
            "meeting",
            id="where-three-countries-meet-is-no-meeting",
        ),
    ],
)
def test_a_count_that_matches_no_list_adds_no_one(
    enricher: Enricher, text: str, unexpected: str
) -> None:
    found = _events(enricher, text)
    assert all(unexpected != kind and unexpected not in states for kind, states in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Panama established ties with Beijing in June 2017, and El Salvador followed in"
            " August 2018.",
            [
                ("normalization", ["CN", "PA"], "2017-06"),
                ("normalization", ["CN", "SV"], "2018-08"),
            ],
            id="followed-in-the-same-sentence-on-its-own-date",
        ),
        pytest.param(
            "The UAE agreed on Thursday to normalise ties with Israel. Bahrain followed suit on"
            " Friday.",
            [
                ("normalization", ["AE", "IL"], "2023-03-09"),
                ("normalization", ["BH", "IL"], "2023-03-10"),
            ],
            id="followed-suit-in-the-next-sentence",
        ),
        pytest.param(
            "China signed a trade deal with Brazil. China followed the talks closely.",
            [("agreement", ["BR", "CN"], None)],
            id="following-talks-is-no-repeat",
        ),
        pytest.param(
            "Richard Nixon went to Bucharest in August 1969, and Gerald Ford followed in August"
            " 1975.",
            [("visit", ["RO", "US"], "1969-08"), ("visit", ["RO", "US"], "1975-08")],
            id="followed-to-the-same-place",
        ),
    ],
)
def test_a_state_that_follows_does_the_event_before(
    enricher: Enricher, text: str, expected: list
) -> None:
    """ "X followed (suit)": the event told just before, with X in place of its subject."""
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries), e.date) for e in result.events] == expected


def test_he_of_a_clause_on_the_place_of_someones_trip_is_the_traveller(
    enricher: Enricher,
) -> None:
    text = (
        "The bombers arrived after Venezuelan President Nicolas Maduro's trip to Moscow, where he"
        " held talks with Vladimir Putin on Wednesday."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [e.countries for e in result.events if e.type == "meeting"] == [["RU", "VE"]]


def test_a_meeting_of_the_national_council_is_of_one_state(enricher: Enricher) -> None:
    text = (
        "Iraq's prime minister called an emergency meeting of the national security council"
        " after Turkish strikes."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [e.type for e in result.events] == ["attack"]


def test_a_meeting_a_leader_calls_of_ministers_is_of_his_own(enricher: Enricher) -> None:
    # ("President Lee Myung-bak called an emergency meeting of security ministers": no meeting
    # with the North Koreans the story told before)
    (result,) = enricher.enrich([event_document("e1226.txt")])
    assert [e for e in result.events if e.type == "meeting" and "emergency" in e.sentence] == []


def test_the_two_leaders_are_the_two_its_sentence_names(enricher: Enricher) -> None:
    # (not the pair of the event told before)
    text = (
        "U.S. Army instructors have been training Georgian troops since the spring. Georgian"
        " President Eduard Shevardnadze said he would raise the matter with Russian President"
        " Vladimir Putin when the two leaders meet in October."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries) for e in result.events] == [
        ("training", ["GE", "US"]),
        ("meeting", ["GE", "RU"]),
    ]


def test_the_two_men_are_sides_also_beside_two_others(enricher: Enricher) -> None:
    text = (
        "Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky agreed on"
        " Monday to a full ceasefire. The two men sat down with French President Emmanuel Macron"
        " and German Chancellor Angela Merkel at the Elysee Palace on Monday."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries) for e in result.events] == [
        ("agreement", ["RU", "UA"]),
        ("meeting", ["DE", "FR", "RU", "UA"]),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Rwanda and Uganda signed an accord at a summit hosted by Angola on Wednesday.",
            [("agreement", ["RW", "UG"]), ("meeting", ["RW", "UG"])],
            id="a-summit-hosted-by-a-third",
        ),
        pytest.param(
            "The truce followed talks between Pakistani and Afghan ministers, which Qatar and"
            " Turkey mediated.",
            [("meeting", ["AF", "PK"])],
            id="talks-a-third-mediated",
        ),
        pytest.param(
            "Pakistan and Afghanistan agreed to a ceasefire. It was announced after talks between"
            " the two countries' defence ministers, which Turkey mediated.",
            [("agreement", ["AF", "PK"]), ("meeting", ["AF", "PK"])],
            id="talks-between-the-two-countries-named-before",
        ),
        pytest.param(
            "Qatari-mediated talks between Israel and Egypt resumed on Monday.",
            [("meeting", ["EG", "IL"])],
            id="a-thirds-mediated-talks",
        ),
        pytest.param(
            "Egyptian troops joined the Saudi-hosted Northern Thunder exercise last month.",
            [("exercise", ["EG", "SA"])],
            id="the-host-of-an-exercise-takes-part",
        ),
    ],
)
def test_who_brought_the_sides_together_is_no_side(
    enricher: Enricher, text: str, expected: list
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Colombia signed a border accord on Monday with envoys of Juan Guaido, who is"
            " recognised as Venezuela's interim president by the United States.",
            [("agreement", ["CO", "VE"])],
            id="recognised-by-a-third",
        ),
        pytest.param(
            "Colombia signed a border accord on Monday with envoys of Juan Guaido, whom"
            " Washington recognises as Venezuela's leader.",
            [("agreement", ["CO", "VE"])],
            id="a-third-recognises",
        ),
        pytest.param(
            "He said he had signed a $213 million contract with advisers to opposition leader"
            " Juan Guaido, who is recognised as Venezuela's interim president by the United"
            " States.",
            [],
            id="a-private-contract-with-one-recognised",
        ),
    ],
)
def test_who_recognises_a_side_is_no_side(enricher: Enricher, text: str, expected: list) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == expected


def test_the_pronoun_of_a_clause_on_an_owned_noun_is_its_owner(enricher: Enricher) -> None:
    text = (
        "Bush's trip follows Soviet leader Mikhail Gorbachev's visit to Poland in July last"
        " year, when he held talks with Jaruzelski."
    )
    published = DateInfo(value=datetime(1989, 7, 10, tzinfo=UTC), source="meta")
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=published)])
    assert ("meeting", ["PL", "RU"]) in [(e.type, sorted(e.countries)) for e in result.events]


def test_the_office_is_the_person_named_with_it_before(enricher: Enricher) -> None:
    text = (
        "Japanese Prime Minister Takeo Fukuda spoke in Manila on Thursday. The prime minister"
        " then flew on to Jakarta and Bangkok."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == [("visit", ["ID", "JP", "TH"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A Nigerian jet mistakenly bombed a camp for displaced people in Rann, near the"
            " Cameroon border, killing more than 100 people.",
            [],
            id="a-state-bombs-its-own-camp-near-a-border",
        ),
        pytest.param(
            "Chadian jets bombed rebel bases in Sudan near the Libyan border on Monday.",
            [("attack", ["SD", "TD"])],
            id="the-state-attacked-stays",
        ),
    ],
)
def test_a_border_a_place_is_near_is_no_side(enricher: Enricher, text: str, expected: list) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == expected


def test_he_of_a_clause_is_no_thing_he_owns(enricher: Enricher) -> None:
    text = (
        "Japanese Prime Minister Takeo Fukuda spoke in Manila on Thursday. His tour began in"
        " Kuala Lumpur, where he met the leaders of Indonesia and Malaysia earlier this month."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    meetings = [sorted(e.countries) for e in result.events if e.type == "meeting"]
    assert meetings == [["ID", "JP", "MY"]]


def test_he_of_a_clause_is_the_person_named_before_it_not_a_plural(enricher: Enricher) -> None:
    text = (
        "Gunmen tried to assassinate Egyptian President Hosni Mubarak as he arrived in Addis"
        " Ababa for an African summit."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert ("visit", ["EG", "ET"]) in [(e.type, sorted(e.countries)) for e in result.events]


@pytest.mark.parametrize(
    ("text", "repeats"),
    [
        pytest.param(
            "Chavez flew to Tehran, the next stop on a tour that has taken him across three"
            " continents and that U.S. officials are following with concern.",
            False,
            id="a-tour-others-follow-is-no-repeat",
        ),
        pytest.param(
            "Nixon flew to Bucharest in 1969, and Ford, who followed in 1975, went on to Belgrade.",
            True,
            id="a-clause-whose-subject-follows-repeats",
        ),
    ],
)
def test_what_others_follow_in_a_clause_is_no_repeat(
    enricher: Enricher, text: str, repeats: bool
) -> None:
    doc = enricher.nlp(text)
    flew = next(t for t in doc if t.text == "flew")
    follows = next(t for t in doc if t.lemma_ == "follow")
    earlier = FoundEvent(
        type="visit",
        trigger=flew,
        parties=[],
        place=None,
        date=None,
        date_precision=None,
        status="reported",
        sentence=flew.sent,
    )
    assert (followed_event(follows, [earlier], frozenset({"suit"})) is earlier) == repeats


def test_they_after_one_who_met_another_are_both(enricher: Enricher) -> None:
    text = (
        "U.S. President Jimmy Carter met Mexican President Jose Lopez Portillo in Mexico City on"
        " Wednesday. They were to meet again on Thursday before Carter flies home on Friday."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries), e.status) for e in result.events] == [
        ("meeting", ["MX", "US"], "reported"),
        ("meeting", ["MX", "US"], "planned"),
        ("visit", ["MX", "US"], "reported"),  # (Carter's, in Mexico City)
    ]


def test_it_is_no_person_named_before(enricher: Enricher) -> None:
    """ "It" stands for a state or an organisation, never for the senator the sentence before
    named (only "he" and "she" do)."""
    text = (
        "The remarks came from US Senator Lindsey Graham. It signed a defence pact with Russia and"
        " China."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == [("agreement", ["CN", "RU"])]


def test_a_speaker_of_parliament_acts_for_the_state(enricher: Enricher) -> None:
    text = "The Iranian parliament speaker visited Moscow on Monday for talks with Putin."
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert {(e.type, tuple(sorted(e.countries))) for e in result.events} == {
        ("visit", ("IR", "RU")),
        ("meeting", ("IR", "RU")),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ISLAMABAD, March 10 - American and British forces struck targets across Afghanistan"
            " on Sunday night.",
            [("attack", ["AF", "GB", "US"])],
            id="filed-from-a-third-country",
        ),
        pytest.param(
            "HELSINKI, March 10 - Donald Trump and Vladimir Putin held their first formal summit"
            " on Monday.",
            [("meeting", ["RU", "US"])],
            id="filed-from-the-host-of-a-summit-of-two",
        ),
        pytest.param(
            "ZURICH, March 10 - Turkey and Armenia signed accords on Saturday to establish"
            " diplomatic relations.",
            [("agreement", ["AM", "TR"]), ("normalization", ["AM", "TR"])],
            id="filed-from-where-two-others-signed",
        ),
    ],
)
def test_the_place_a_story_is_filed_from_is_no_side(
    enricher: Enricher, text: str, expected: list[tuple]
) -> None:
    """The parser reads a dateline's city as the lead's subject; the reporter's city is no
    party (the place of an event is told by its own words)."""
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries)) for e in result.events] == expected


def test_those_a_list_is_counted_among_are_its_names(enricher: Enricher) -> None:
    text = (
        "Syrian President Hafez al-Assad, King Hussein of Jordan and Saudi Crown Prince Fahd were"
        " among those who sat down with their Iraqi hosts."
    )
    assert ("meeting", ["IQ", "JO", "SA", "SY"]) in _events(enricher, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Their talks in Algiers covered the fighting in Mali.",
            [],
            id="what-the-talks-covered",
        ),
        pytest.param(
            "The talks between Putin and Bush ranged from the Middle East to the crisis in"
            " Yugoslavia.",
            [("meeting", ["RU", "US"])],
            id="what-the-talks-ranged-over",
        ),
    ],
)
def test_what_an_event_covers_is_no_side(enricher: Enricher, text: str, expected: list) -> None:
    assert _events(enricher, text) == expected


def test_the_which_of_a_clause_after_a_preposition_is_the_state_before(enricher: Enricher) -> None:
    text = "Iraq, with which Moscow signed a similar treaty in April 1972, is at war with Iran."
    assert _events(enricher, text) == [("agreement", ["IQ", "RU"])]


def test_who_pulls_out_of_an_event_is_a_side_of_it(enricher: Enricher) -> None:
    # (through a preposition of two words, "out of", the verb's subject is reached)
    text = "The United States pulled out of a joint naval exercise with Russia and Norway."
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries) for e in result.events] == [("exercise", ["NO", "RU", "US"])]
