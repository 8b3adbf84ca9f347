"""An event's status: reported, planned, cancelled or denied, from the words around its trigger
and what the story tells of it (nlp/modality.py, nlp/status.py, nlp/governors.py,
nlp/schedules.py, and later denials in nlp/narrative.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday


STATUS_CASES = [
    ("Guatemala had no intention of switching recognition to China, its president said.", "denied"),
    ("India has no plans to buy Russian jets.", "denied"),
    (
        "New Zealand on Monday tore up a deal to lease and later buy 28 U.S.-built F-16 fighter"
        " jets.",
        "cancelled",
    ),
    # (a time clause the parser took for the complement of what the allies called off)
    (
        "In 2018, after then U.S. President Donald Trump met Kim in Singapore, the allies"
        " called off their main summer command-post exercise to support diplomacy.",
        "reported",
    ),
    ("Australia will buy three submarines from the United States.", "planned"),
    # a party leaving an event calls it off for itself; the one who leaves takes part
    ("The United States pulled out of a joint naval exercise with Russia and Norway.", "cancelled"),
    ("The United States has withdrawn from a joint naval exercise with New Zealand.", "cancelled"),
    ("India pulled out of talks with Pakistan on Friday.", "cancelled"),
    # (troops leaving a town call off no attack)
    ("Troops pulled out of the town after an attack by Russian forces on Ukraine.", "reported"),
    # (the model's lemmatizer made "hopes" "hop")
    ("Mongolia hopes to seal an agreement with France.", "planned"),
    # (a member of what is suspended, though the parser hangs the list on Fiji)
    (
        "Australia was suspending its defence cooperation programme with Fiji, including the"
        " training of Fijian officers.",
        "cancelled",
    ),
    ("Cairo denied carrying out any air strikes in Libya.", "denied"),  # (any, denied: one)
    ("Rwanda denied any part in the incursion into Congo.", "denied"),
    (
        "Ukraine said its artillery had destroyed a column of Russian armoured vehicles that"
        " crossed into its territory, an account Moscow flatly rejected.",
        "denied",
    ),
    (
        "The United States banned all arms sales to Venezuela in May, accusing Caracas of"
        " failing to cooperate against terrorism.",
        "cancelled",
    ),
    (
        "Vietnam rejected Chinese charges that Vietnamese soldiers had crossed into China and"
        " fired on villages.",
        "denied",
    ),
    (
        "The row cast a shadow over Israeli Prime Minister Golda Meir's trip to Washington next"
        " week.",
        "planned",
    ),
    (
        "Japan and South Korea signed a joint declaration promising a partnership for the coming"
        " century.",
        "reported",
    ),
    ("Saudi and Iranian ministers are expected to meet in Riyadh next month.", "planned"),
    ("If Ankara agrees, Sweden would buy Turkish drones.", "planned"),
    ("US Secretary of State Antony Blinken postponed a planned visit to Beijing.", "cancelled"),
    ("A planned round of talks between Saudi Arabia and Oman was called off.", "cancelled"),
    ("A row over Abyei scuppered a summit between Sudan and South Sudan.", "cancelled"),
    (
        "A row over fishing quotas derailed talks between Norway and Russia.",
        "cancelled",
    ),
    ("Iran denied that it had supplied drones to Russia.", "denied"),
    ("Germany said it would not deliver Taurus missiles to Ukraine.", "denied"),
    ("Turkey supplied Bayraktar TB2 drones to Ukraine.", "reported"),
    ("Officials said the summit between India and Pakistan would not go ahead.", "cancelled"),
    ("Saudi Arabia paused talks with Israel on normalising relations.", "cancelled"),
    ("Moscow dismissed reports that it had sold fighter jets to Iran.", "denied"),
    ("Biden will return to Washington on Sunday rather than travel on to Australia.", "cancelled"),
    ("China turned down a US request to hold talks with Japan.", "denied"),
    ("Croatian pilots are to be trained in France.", "planned"),
    ("The United States promised to send officers to train Ecuadorian police.", "planned"),
    ("President Joe Biden had been due to visit Papua New Guinea on Monday.", "cancelled"),
    ("Indonesia had planned to buy 11 Su-35 fighters from Russia.", "cancelled"),
    ("Japanese Prime Minister Fumio Kishida is due to visit Manila.", "planned"),
    ("US Treasury Secretary Janet Yellen is due in South Africa on a tour.", "planned"),
    ("Niger revoked its military agreement with the United States.", "cancelled"),
    ("Turkey dropped the exploratory talks with Greece.", "cancelled"),
    ("Russian attacks on Ukraine's energy grid dropped sharply in March.", "reported"),
    (
        "Indonesia suspended military cooperation with Australia on Wednesday, including joint"
        " exercises.",
        "cancelled",
    ),
    ("The Israeli leader flies on to Kazakhstan on Wednesday.", "planned"),
    ("The Israeli leader flies on to Kazakhstan on Wednesday evening.", "planned"),
    ("From Astana, the Chinese president travels on to Uzbekistan.", "planned"),  # (no day)
    ("The Chinese president then travels to Uzbekistan.", "planned"),
    ("Cambodia said there had been no armed clashes with Thailand.", "denied"),
    ("Russia will keep its base in Tajikistan under an agreement signed on Friday.", "reported"),
    (
        "Foreign Minister Sergei Lavrov, who was due to travel to Turkey, called off the trip.",
        "cancelled",
    ),
    (
        "It came days before Taiwanese President Tsai Ing-wen leaves on a trip to Guatemala.",
        "planned",
    ),
    (
        "It came on the eve of talks between Cuban and U.S. officials on migration, which are"
        " due to resume in Washington.",
        "planned",
    ),
    ("Japan held talks with China on the treaty, which is due to expire in 2030.", "reported"),
    ("The Philippines has cancelled a deal to buy 16 Russian Mi-17 helicopters.", "cancelled"),
    (
        "India announced on Wednesday that it would establish full diplomatic relations with"
        " Israel, abandoning a policy of 40 years.",
        "reported",
    ),
    (
        "South Africa announced that it would establish diplomatic relations with China by the"
        " end of 1997.",
        "planned",
    ),
    ("India announced that it would buy 36 Rafale jets from France.", "planned"),
    (
        "Indonesia announced on Tuesday that it would establish diplomatic relations with Israel"
        " if a Palestinian state were created.",
        "planned",
    ),
    (
        "Saudi Arabia could announce that it would establish diplomatic relations with Israel,"
        " diplomats said.",
        "planned",
    ),
    ("No Israeli official has set foot in Saudi Arabia since the war began.", "denied"),
    ("Argentina cancelled a deal on Monday to buy fighter jets from Denmark.", "cancelled"),
    # a clause of its own after "and" is not governed by the first one's "would"
    (
        "Riyadh and Damascus announced on May 9 that they would resume the work of their"
        " diplomatic missions, closed since 2012, and the Saudi foreign minister, Prince Faisal"
        " bin Farhan, visited Damascus in April.",
        "reported",
    ),
    # the past progressive of a journey later that day: the tour's next leg, still to come
    ("Putin was flying on to Milan later on Thursday.", "planned"),
    # a participle describing a plan tells a thing done
    ("The swap resembles a plan drawn up at talks in Vienna between Iran and Russia.", "reported"),
    # a conjoined verb with a finite auxiliary of its own is no part of the infinitive before
    (
        "Zambian President Kenneth Kaunda has urged both sides to halt their quarrel and is"
        " expected to bring Chadian and Libyan envoys together for talks.",
        "planned",
    ),
    ("The United States withdrew its offer to sell F-16 jets to Pakistan.", "cancelled"),
    # an event dated after the day of publication has not happened yet
    ("India and Pakistan agreed on Tuesday to resume formal peace talks next month.", "planned"),
    # what is called off may be parsed as its object predicate, the event its apposition
    (
        "In August, President Barack Obama called off Bright Star, the joint exercise that U.S."
        " and Egyptian troops have held since 1980.",
        "cancelled",
    ),
    # shelved ("put on hold"), and called off by a pronoun of a verb joined to the event's
    ("India put formal peace talks with Pakistan on hold in 2008.", "cancelled"),
    # (the parser's "hold" as the verb's object, the event after it: "put on hold a sale")
    ("South Africa put on hold a planned sale of tank fire-control systems to Syria.", "cancelled"),
    (
        "Obama had readied cruise missile strikes on Syrian military targets but put them on hold.",
        "cancelled",
    ),
    ("Obama had readied cruise missile strikes on Syria but called them off.", "cancelled"),
    # an accepted invitation is a visit to come, however long ago it was accepted
    (
        "Indian Prime Minister Manmohan Singh had accepted an invitation to visit Pakistan.",
        "planned",
    ),
    ("Zia invited Indian Prime Minister Morarji Desai to visit Bangladesh.", "planned"),
    # (told in the past perfect, an invitation is still made: not a plan overtaken)
    ("Zia had invited Indian Prime Minister Morarji Desai to visit Bangladesh.", "planned"),
    # what calls something else off is not called off itself
    ("Fighting in Syria derailed planned talks between Turkey and Russia.", "cancelled"),
    # what states agree to hold is a plan; a trip told from the stop before is the next leg
    ("The leaders of Japan and South Korea also agreed to meet at least once a year.", "planned"),
    ("Japan and South Korea agreed to hold joint naval exercises.", "planned"),
    ("From Mexico, U.S. Secretary of State Rex Tillerson travels to Argentina.", "planned"),
    # (a particle the parser made an adverb)
    (
        "The Soviet Union had quietly held back arms shipments to Iraq since the fighting began.",
        "cancelled",
    ),
    # what "was to have" happened did not
    (
        "Israeli Prime Minister Benjamin Netanyahu was to have visited Jordan on Saturday.",
        "cancelled",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "status"), STATUS_CASES, ids=[c[1] + "-" + c[0][:30] for c in STATUS_CASES]
)
def test_event_status_follows_modality(enricher: Enricher, sentence: str, status: str) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=sentence, published=PUBLISHED)])
    # (the visits of a meeting held in a third state share its status: "met Kim in Singapore")
    assert [e.status for e in result.events if e.type != "visit" or len(result.events) == 1] == [
        status
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Foreign Minister Sergei Lavrov, who was due to travel to Turkey on Wednesday for talks"
            " with his Turkish counterpart Mevlut Cavusoglu, called off the trip and advised"
            " Russians against holidaying in the country.",
            [("visit", ["RU", "TR"], "cancelled"), ("meeting", ["RU", "TR"], "cancelled")],
            id="called-off-the-trip-and-the-talks-it-was-for",
        ),
        pytest.param(
            "A Lebanese delegation was due to travel to Damascus this week to discuss the"
            " maritime boundary with Syria, but the trip was put off.",
            [("visit", ["LB", "SY"], "cancelled")],
            id="the-trip-was-put-off",
        ),
    ],
)
def test_a_plan_called_off_later_in_the_sentence_is_cancelled(
    enricher: Enricher, text: str, expected: list
) -> None:
    """An event told twice has its latest status: a plan, then "called off the trip"."""
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries), e.status) for e in result.events] == expected


def test_a_visit_someone_arrived_for_is_under_way(enricher: Enricher) -> None:
    # (not also a planned visit a week later: its clause tells where it goes next)
    text = (
        "Indian Prime Minister Narendra Modi, who arrived in Paris on Sunday for a five-day state"
        " visit that will also take him to Lyon, said India wanted more Rafale jets."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.countries, e.date, e.status) for e in result.events] == [
        ("visit", ["FR", "IN"], "2023-03-05", "reported")
    ]


def test_instead_of_an_event_is_its_cancellation(enricher: Enricher) -> None:
    text = "Instead of visiting Kyiv, the Polish president met Ukrainian officials in Warsaw."
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert {e.type: e.status for e in result.events} == {
        "visit": "cancelled",
        "meeting": "reported",
    }


def test_being_somewhere_to_sign_tells_the_signing_done(enricher: Enricher) -> None:
    text = (
        "Israeli Defence Minister Ehud Barak was in Moscow last week to sign a military"
        " cooperation agreement with his Russian counterpart."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, sorted(e.countries), e.status) for e in result.events] == [
        ("visit", ["IL", "RU"], "reported"),  # (being in Moscow is a visit too)
        ("agreement", ["IL", "RU"], "reported"),
    ]


def test_a_person_scheduled_to_arrive_somewhere_plans_a_visit(enricher: Enricher) -> None:
    text = (
        "Russian Prime Minister Vladimir Putin is scheduled to arrive in Kiev for talks with his"
        " Ukrainian counterpart."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    visits = [(sorted(e.countries), e.status, e.place) for e in result.events if e.type == "visit"]
    assert visits == [(["RU", "UA"], "planned", "Kyiv")]


def test_was_to_on_a_tour_is_still_planned(enricher: Enricher) -> None:
    text = "US President Joe Biden, on a tour of the region, was to fly on to Amman on Wednesday."
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    flights = [(e.type, e.status) for e in result.events if e.trigger == "fly"]
    assert flights == [("visit", "planned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A Kenyan spokesman said the French navy had shelled positions near Kismayo on"
            " Monday, but Paris denied any involvement.",
            [("attack", "denied")],
            id="its-state-denies-later",
        ),
        pytest.param(
            "Georgia blamed Russian helicopters for a rocket attack on villages in the Kodori"
            " Gorge in March, a charge Moscow also rejected.",
            [("attack", "denied")],
            id="a-charge-rejected",
        ),
        pytest.param(
            "After talks with Colombian President Andres Pastrana, US President Bill Clinton"
            " rejected comparisons with Vietnam.",
            [("meeting", "reported")],
            id="talks-are-no-charge",
        ),
        pytest.param(
            "Israeli jets struck Syria on Monday, and the army rejected reports of civilian"
            " casualties.",
            [("attack", "reported")],
            id="rejecting-other-reports",
        ),
        pytest.param(
            "Armenia said on Tuesday that a Turkish F-16 fighter had shot down an Armenian Su-25"
            " jet. Turkey flatly denied it.",
            [("attack", "denied")],
            id="the-next-sentence-denies-it",
        ),
        pytest.param(
            "Ethiopian forces attacked military posts inside Eritrea on Tuesday. Eritrea denied"
            " harbouring the rebels.",
            [("attack", "reported")],
            id="the-next-sentence-denies-another-charge",
        ),
        pytest.param(
            "Israeli aircraft bombed a site in eastern Syria on Tuesday. Syria has denied that"
            " the site was nuclear.",
            [("attack", "reported")],
            id="the-next-sentence-denies-a-claim-about-the-target",
        ),
    ],
)
def test_a_later_denial_denies_the_charge(
    enricher: Enricher, text: str, expected: list[tuple[str, str]]
) -> None:
    published = DateInfo(value=datetime(2000, 8, 31, tzinfo=UTC), source="meta")
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=published)])
    assert [(e.type, e.status) for e in result.events] == expected


def test_a_person_due_to_fly_somewhere_plans_a_visit(enricher: Enricher) -> None:
    text = "Indian Prime Minister Narendra Modi was due to fly on to Singapore later on Wednesday."
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    visits = [(sorted(e.countries), e.status) for e in result.events if e.type == "visit"]
    assert visits == [(["IN", "SG"], "planned")]


def test_what_a_scheduled_trip_is_for_is_planned_too(enricher: Enricher) -> None:
    text = (
        "Russian President Vladimir Putin flies to Buenos Aires on Saturday for talks with"
        " Argentine President Cristina Fernandez."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    found = {(e.type, e.status, e.date) for e in result.events}
    assert found == {("visit", "planned", "2023-03-11"), ("meeting", "planned", "2023-03-11")}


def test_what_a_scheduled_trip_is_for_in_a_list_is_planned_that_day(enricher: Enricher) -> None:
    text = (
        "Russian President Dmitry Medvedev flies on to Beijing on Saturday for a two-day state"
        " visit and talks with President Hu Jintao."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    found = {(e.type, e.status, e.date) for e in result.events}
    assert found == {("visit", "planned", "2023-03-11"), ("meeting", "planned", "2023-03-11")}


def test_what_a_plan_is_for_is_to_come_too(enricher: Enricher) -> None:
    text = "Putin and Xi are expected in Delhi in May for the summit of the G20."
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    found = {(e.type, e.status, e.date) for e in result.events}
    assert ("meeting", "planned", "2023-05") in found, found


def test_a_meeting_told_after_a_denied_one_is_not_it(enricher: Enricher) -> None:
    text = (
        "Jaishankar shook hands with Sharif at a dinner but, as New Delhi had signalled, held no"
        " bilateral talks with Pakistan."
        " The meeting brought together Chinese Premier Li Qiang and delegations from Iran and"
        " Kazakhstan alongside India and Pakistan."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    meetings = sorted((e.status, e.countries) for e in result.events if e.type == "meeting")
    assert meetings == [("denied", ["IN", "PK"]), ("reported", ["CN", "IN", "IR", "KZ", "PK"])]


def test_what_a_planned_stop_is_for_is_planned_across_prepositions(enricher: Enricher) -> None:
    # (talks -> of -> round -> for -> stop -> due: the prepositions are no steps up)
    text = (
        "Pakistani President Zia ul-Haq is due to stop in New Delhi on March 17 for a further"
        " round of talks with Indian Prime Minister Rajiv Gandhi."
    )
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    found = {(e.type, e.status, e.date) for e in result.events}
    assert ("meeting", "planned", "2023-03-17") in found, found


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param(
            "French President Emmanuel Macron is due to stay on in Iraq on Sunday, visiting"
            " Mosul and Erbil.",
            "planned",
            id="a-participle-of-a-plan-is-planned",
        ),
        pytest.param(
            "Barack Obama urged Ghana's leaders on Saturday to root out corruption, using his"
            " first visit to Ghana to press for good governance.",
            "reported",
            id="not-of-an-infinitive-another-is-urged-to",
        ),
    ],
)
def test_a_bare_participle_shares_the_status_of_its_verb(
    enricher: Enricher, text: str, status: str
) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(e.type, e.status) for e in result.events] == [("visit", status)]


@pytest.mark.parametrize(
    ("text", "visit"),
    [
        pytest.param(
            "U.S. Secretary of State Alexander Haig leaves on Sunday for Manila, where he is due"
            " to meet ASEAN foreign ministers.",
            [(["PH", "US"], "planned")],
            id="leaves-for-a-capital",
        ),
        pytest.param(
            "HAVANA, March 10 (Wire) - Russian President Vladimir Putin is due to leave Havana on"
            " Sunday for London.",
            [(["GB", "RU"], "planned")],
            id="the-place-left-is-no-host",
        ),
        pytest.param(
            "HAVANA, March 10 (Wire) - Chinese President Xi Jinping is due to leave for Beijing"
            " on Sunday.",
            [],
            id="leaving-for-home-is-no-visit",
        ),
        pytest.param(
            "Chinese President Xi Jinping left office in 2023.", [], id="leaving-no-place"
        ),
    ],
)
def test_who_leaves_for_a_place_visits_it(enricher: Enricher, text: str, visit: list) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    assert [(sorted(e.countries), e.status) for e in result.events if e.type == "visit"] == visit
