"""Each event type from one sentence: type, countries, date against the publication date, place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from newsdesk.events import DateInfo

PUBLISHED = DateInfo(value=datetime(2023, 3, 10, tzinfo=UTC), source="meta")  # a Friday

CASES = [
    ("Egypt and Greece held a joint naval exercise in the Red Sea on Monday.",
     ("exercise", ["EG", "GR"], "2023-03-06", "Red Sea", "positive")),
    ("French instructors trained Malian soldiers in Bamako last year.",
     ("training", ["FR", "ML"], "2022", "Bamako", "positive")),
    ("Turkey supplied Bayraktar TB2 drones to Ukraine.",
     ("arms_transfer", ["TR", "UA"], None, None, "positive")),
    ("The presidents of Bosnia, Croatia and Serbia initialled a peace agreement on Tuesday.",
     ("agreement", ["BA", "HR", "RS"], "2023-03-07", None, "positive")),
    ("The foreign ministers of Israel and Jordan put their signatures to the accord on Tuesday.",
     ("agreement", ["IL", "JO"], "2023-03-07", None, "positive")),
    ("India's defence minister and the U.S. defense secretary put pen to a logistics memorandum"
     " on Tuesday.",
     ("agreement", ["IN", "US"], "2023-03-07", None, "positive")),
    ("Condoleezza Rice became the first U.S. secretary of state to set foot in Libya.",
     ("visit", ["LY", "US"], None, "Libya", "positive")),
    ("Vladimir Putin met Tayyip Erdogan in Sochi on Monday amid talk of a ceasefire in Syria.",
     ("meeting", ["RU", "TR"], "2023-03-06", "Sochi", "positive")),
    ("Germany declined to deliver Taurus missiles to Ukraine.",
     ("arms_transfer", ["DE", "UA"], None, None, "negative")),
    ("Rwandan forces fired on a Congolese fighter jet near Goma on Tuesday.",
     ("attack", ["CD", "RW"], "2023-03-07", None, "positive")),
    ("Russian missiles struck Kyiv on Sunday.",
     ("attack", ["RU", "UA"], "2023-03-05", None, "positive")),
    ("Vladimir Putin attacked Ukraine on Feb. 24, 2022.",
     ("attack", ["RU", "UA"], "2022-02-24", None, "positive")),
    ("Britain's business secretary, Kemi Badenoch, signed a trade pact with India on Monday.",
     ("agreement", ["GB", "IN"], "2023-03-06", None, "positive")),
    ("Indian troops opened fire across the border with Pakistan on Tuesday.",
     ("attack", ["IN", "PK"], "2023-03-07", None, "positive")),
    ("Qatar's emir hosted the Saudi crown prince in Doha.",
     ("meeting", ["QA", "SA"], None, "Doha", "positive")),
    ("President Emmanuel Macron visited Algeria in August.",
     ("visit", ["DZ", "FR"], "2022-08", None, "positive")),
    ("The protocol completes the agreement that Indira Gandhi and Sheikh Mujibur Rahman signed"
     " in May 1974.",  # (leaders long out of office, known by the year the sentence gives)
     ("agreement", ["BD", "IN"], "1974-05", None, "positive")),
    ("Greek Prime Minister Alexis Tsipras crossed into Macedonia on Sunday for lunch.",
     ("visit", ["GR", "MK"], "2023-03-05", "North Macedonia", "positive")),
    # what talks are about is no side, nor their place
    ("The U.S. secretary of state held talks with Russia's foreign minister on the war in"
     " Angola.",
     ("meeting", ["RU", "US"], None, None, "positive")),
    ("The U.S. secretary of state met Russia's foreign minister to discuss the war in Angola.",
     ("meeting", ["RU", "US"], None, None, "positive")),
    ("The U.S. president met his Chinese counterpart at a summit on the Greek island of Corfu"
     " on Monday.",
     ("meeting", ["CN", "GR", "US"], "2023-03-06", None, "positive")),
    # a leader of the day the model leaves a nationality or untagged is a person
    ("Museveni flew to Nairobi on Saturday.",
     ("visit", ["KE", "UG"], "2023-03-04", "Nairobi", "positive")),
    ("Yemen's military said its warplanes attacked Eritrean warships on Sunday.",  # (its: Yemen's)
     ("attack", ["ER", "YE"], "2023-03-05", None, "positive")),
    ("Budapest signed a similar treaty with Slovakia in March.",  # (a capital as its state)
     ("agreement", ["HU", "SK"], "2023-03", None, "positive")),
    # (the parser hangs what they agreed on "time")
    ("Britain and France agreed on Thursday for the first time to coordinate their nuclear"
     " deterrents.",
     ("agreement", ["FR", "GB"], "2023-03-09", None, "positive")),
    ("British Prime Minister Keir Starmer and French President Emmanuel Macron signed what"
     " officials called the Northwood Declaration.",
     ("agreement", ["FR", "GB"], None, None, "positive")),
    # (an army that pushes into a state, and shells that land in one)
    ("Vietnamese units pushed into Thailand near the Non Mak Mun camp on Monday.",
     ("attack", ["TH", "VN"], "2023-03-06", None, "positive")),
    ("At least a dozen Vietnamese shells landed inside Thailand on Monday.",
     ("attack", ["TH", "VN"], "2023-03-06", "Thailand", "positive")),
    # (the states the subject is "of" act together)
    ("The presidents of Russia, Kazakhstan and Turkmenistan agreed on Saturday to build a new"
     " pipeline.",
     ("agreement", ["KZ", "RU", "TM"], "2023-03-04", None, "positive")),
    # (fire exchanged is an attack both ways)
    ("Indian and Pakistani troops exchanged fire across the Line of Control on Thursday.",
     ("attack", ["IN", "PK"], "2023-03-09", "Line of Control", "positive")),
    # (a list the parser hangs as an apposition of its first state)
    ("Russia, Ukraine, the United States and the European Union agreed on Thursday on first"
     " steps to defuse the crisis.",
     ("agreement", ["RU", "UA", "US"], "2023-03-09", None, "positive")),
    # (a semicolon ends a clause: "pledged" after it does not make the supply a plan)
    ("Britain began supplying Storm Shadow missiles to Ukraine in May; the two countries"
     " pledged on Thursday to replenish their own stocks.",
     ("arms_transfer", ["GB", "UA"], "2022-05", None, "positive")),
    # (the parser makes the trainees the subject of "are": the object the verb needs)
    ("American instructors have trained Tunisian troops guarding the mountainous border with"
     " Algeria, where militants linked to al Qaeda are active.",
     ("training", ["DZ", "TN", "US"], None, None, "positive")),
    ("Washington agreed last year to sell Tunis 12 Black Hawk helicopters.",  # (untagged Tunis)
     ("arms_transfer", ["TN", "US"], "2022", None, "positive")),
    ("President Barack Obama welcomed Tunisian President Beji Caid Essebsi to the White House"
     " on Thursday.",
     ("meeting", ["TN", "US"], "2023-03-09", None, "positive")),
    ("Sudan and Israel agreed to normalize relations in October 2020.",
     ("normalization", ["IL", "SD"], "2020-10", None, "positive")),
    ("Japan and Australia signed a reciprocal access agreement in Tokyo.",
     ("agreement", ["AU", "JP"], None, "Tokyo", "positive")),
    ("Panama established ties with Beijing in June 2017.",  # (no modifier, a state as side)
     ("normalization", ["CN", "PA"], "2017-06", None, "positive")),
    ("Solomon Islands switched diplomatic recognition from Taiwan to Beijing in September 2019.",
     ("normalization", ["CN", "SB"], "2019-09", None, "positive")),  # (Taiwan is left)
    ("Panama switched recognition to Beijing in June 2017.",  # (switching needs no modifier)
     ("normalization", ["CN", "PA"], "2017-06", None, "positive")),
    ("Bhutan formalised its relations with Germany in November.",
     ("normalization", ["BT", "DE"], "2022-11", None, "positive")),
    ("Israel did not sign the treaty with Jordan.",
     ("agreement", ["IL", "JO"], None, None, "negative")),
    ("Russia and Belarus signed documents on Thursday on the storage of Russian weapons.",
     ("agreement", ["BY", "RU"], "2023-03-09", None, "positive")),
    ("Ships and aircraft from France, Italy and Greece began a further exercise on Monday.",
     ("exercise", ["FR", "GR", "IT"], "2023-03-06", None, "positive")),  # (doers of 2 states)
    ("The United States sent Ukraine 31 Abrams tanks in January.",  # (a recipient as dative)
     ("arms_transfer", ["UA", "US"], "2023-01", None, "positive")),
    ("France condemned the Russian attack on Kyiv on Monday.",  # (who condemns takes no part)
     ("attack", ["RU", "UA"], "2023-03-06", None, "positive")),
    ("Britain criticised Russia for the attack on Kyiv on Monday.",
     ("attack", ["RU", "UA"], "2023-03-06", None, "positive")),

    # hit and destroy by weapons and forces; downing aircraft and sinking ships
    ("In September 1996, American cruise missiles hit air defence sites in southern Iraq.",
     ("attack", ["IQ", "US"], "1996-09", "Iraq", "positive")),
    ("Israeli aircraft destroyed a car near Port Sudan in April.",
     ("attack", ["IL", "SD"], "2022-04", None, "positive")),
    ("Pakistan said it downed an Indian jet over Kashmir on Wednesday.",
     ("attack", ["IN", "PK"], "2023-03-08", None, "positive")),
    ("A North Korean submarine sank a South Korean warship in March 2010.",
     ("attack", ["KP", "KR"], "2010-03", None, "positive")),
    ("A North Korean submarine sank the South Korean corvette Cheonan in March 2010.",
     ("attack", ["KP", "KR"], "2010-03", None, "positive")),  # (the kind as a compound)
    ("Russian missiles have hit Ukraine's power grid again.",  # (a perfect is no passive)
     ("attack", ["RU", "UA"], None, None, "positive")),
    ("Iran downed a Ukrainian airliner near Tehran in January 2020.",
     ("attack", ["IR", "UA"], "2020-01", None, "positive")),
    # (the Israeli army by its acronym is a state organ; attackers of a state attack for it)
    ("IDF strikes hit Iranian targets near Damascus on Tuesday, Syrian media said.",
     ("attack", ["IL", "IR"], "2023-03-07", None, "positive")),
    ("Azerbaijani attackers fired on Armenian positions on Tuesday, Yerevan said.",
     ("attack", ["AM", "AZ"], "2023-03-07", None, "positive")),
    # (who urges talks between two states is no side of them)
    ("The United States urged the resumption of talks between Armenia and Azerbaijan.",
     ("meeting", ["AM", "AZ"], None, None, "positive")),
    # (a league of states is no sport)
    ("British Sea Harriers raided an Argentine airstrip at Goose Green on Saturday.",
     ("attack", ["AR", "GB"], "2023-03-04", None, "positive")),
    ("A British submarine torpedoed the Argentine cruiser General Belgrano on Sunday.",
     ("attack", ["AR", "GB"], "2023-03-05", None, "positive")),
    ("A Dutch F-16 shot down a Yugoslav MiG-29 on Wednesday.",  # (a named craft; a former state)
     ("attack", ["NL", "RS"], "2023-03-08", None, "positive")),
    ("Slovakia approved on Friday the transfer of 13 Soviet-designed MiG-29 jets to Ukraine.",
     ("arms_transfer", ["SK", "UA"], "2023-03-10", None, "positive")),  # (no maker's state)
    ("Athens agreed on Tuesday to buy three French-built frigates.",  # (the maker sells)
     ("arms_transfer", ["FR", "GR"], "2023-03-07", None, "positive")),
    ("Mauritania established full diplomatic relations with Israel in October 1999, becoming"
     " the third member of the Arab League to do so.",
     ("normalization", ["IL", "MR"], "1999-10", None, "positive")),
    ("Iceland's prime minister and Britain's Edward Heath hammered out the outline of an"
     " interim fishing deal on Tuesday.",
     ("agreement", ["GB", "IS"], "2023-03-07", None, "positive")),
    ("The U.S. secretary of state sat down with China's foreign minister in Beijing on"
     " Monday.",
     ("meeting", ["CN", "US"], "2023-03-06", "Beijing", "positive")),
    # a night that names its day: the one ending on the day the story is filed ...
    ("Israeli aircraft struck military sites in southern Syria overnight.",
     ("attack", ["IL", "SY"], "2023-03-10", "Syria", "positive")),
    # ... unless a day follows it
    ("Russian forces shelled Ukrainian positions overnight into Wednesday.",
     ("attack", ["RU", "UA"], "2023-03-08", None, "positive")),
    # a capital that acts is its state, though the model took it for a person
    ("London and Buenos Aires restored diplomatic relations in February 1990.",
     ("normalization", ["AR", "GB"], "1990-02", None, "positive")),
    # a dependent territory is its state's (territories.tsv)
    ("U.S. Vice President JD Vance toured the American base in Greenland on Friday.",
     ("visit", ["DK", "US"], "2023-03-10", "Greenland", "positive")),
    # a paper named by its year was concluded that year, whatever is done with it now
    ("Members of Iceland's coalition have talked of reviewing the 1951 defence agreement with"
     " the United States.",
     ("agreement", ["IS", "US"], "1951", None, "positive")),
    ("Relations between Finland and the Soviet Union rest on the 1948 Treaty of Friendship.",
     ("agreement", ["FI", "RU"], "1948", None, "positive")),
    ("On Thursday Indonesia cancelled a 1995 security agreement with Australia.",
     ("agreement", ["AU", "ID"], "1995", None, "positive")),
    ("He said the pact violated a 1996 arms control agreement signed in Florence by Serbia,"
     " Croatia and Bosnia.",
     ("agreement", ["BA", "HR", "RS"], "1996", None, "positive")),
    ("Chile opened relations with Peking in 1970 under Salvador Allende.",
     ("normalization", ["CL", "CN"], "1970", None, "positive")),
    # years counted back from a clause's year
    ("Brezhnev first came to Bonn in 1973, three years after West Germany signed the Moscow"
     " treaty with the Soviet Union.",
     ("agreement", ["DE", "RU"], "1970", None, "positive")),
    # the hijackers are no doers of the raid that freed their hostages; a city names the airport
    ("Israeli commandos stormed Entebbe airport on Sunday, freeing hostages held there by"
     " pro-Palestinian hijackers.",
     ("attack", ["IL", "UG"], "2023-03-05", None, "positive")),
    # a clause on a paper named by its year: signed that year, not in one told after
    ("Yugoslav newspapers dubbed it the New Belgrade Declaration, a nod to the 1955 accord that"
     " Nikita Khrushchev signed in Belgrade after flying in to make amends with Tito for"
     " Stalin's decision to expel Yugoslavia from the communist fold in 1948.",
     ("agreement", ["RS", "RU"], "1955", "Belgrade", "positive")),
    # conferring is meeting; continuing to a place is a journey
    ("U.S. Secretary of State Henry Kissinger conferred on Tuesday with Venezuelan President"
     " Carlos Andres Perez.",
     ("meeting", ["US", "VE"], "2023-03-07", None, "positive")),
    ("U.S. Secretary of State Henry Kissinger continued on Wednesday to Lima.",
     ("visit", ["PE", "US"], "2023-03-08", "Lima", "positive")),
    # fire on people of a state named attacks it (not on mourners: a massacre)
    ("Russian troops opened fire on Ukrainian civilians in Bucha on Monday.",
     ("attack", ["RU", "UA"], "2023-03-06", "Bucha", "positive")),
    # an invasion is an attack; what an anniversary remembers takes no day of the sentence's
    ("Iraq invaded Kuwait in August 1990.",
     ("attack", ["IQ", "KW"], "1990-08", None, "positive")),
    ("The drills will run until Feb. 27, spanning the first anniversary of Russia's invasion of"
     " Ukraine.",
     ("attack", ["RU", "UA"], None, None, "positive")),
    # a mock camp stormed in an exercise is no attack
    ("Russian paratroopers and Serbian special forces staged their first joint exercise on"
     " Friday, storming a mock terrorist camp on the military range.",
     ("exercise", ["RS", "RU"], "2023-03-10", None, "positive")),
    # a trigger word before a craft names its kind: "attack helicopters" are no attack
    ("Iraq ordered Mi-28 and Mi-35 attack helicopters from Russia in 2012.",
     ("arms_transfer", ["IQ", "RU"], "2012", None, "positive")),
    # who is urged to do it does it, not who urges
    ("Iran urged Qatar to sign a security pact with Oman.",
     ("agreement", ["OM", "QA"], None, None, "positive")),
    # days counted back from a clause the parser took for a complement
    ("China warned France on Thursday it would face serious consequences if it allowed the"
     " sale, a day after Taiwan signed a contract for 60 Mirage fighters with France.",
     ("arms_transfer", ["FR", "TW"], "2023-03-08", None, "positive")),
    # "that July" is of the year told before, not the last July
    ("Moscow pulled its last troops out of Estonia in 1994 under an agreement signed by"
     " Presidents Boris Yeltsin and Lennart Meri that July.",
     ("agreement", ["EE", "RU"], "1994-07", None, "positive")),
    # persons listed with persons, though the model took two for firms: not the firms' states
    # (and Xi, by the family name of the leaders table's "Xi Jinping", China's)
    ("Xi chaired the summit with Kazakhstan's Kassym-Jomart Tokayev, Kyrgyzstan's Sadyr"
     " Japarov and Tajikistan's Emomali Rahmon on Friday.",
     ("meeting", ["CN", "KG", "KZ", "TJ"], "2023-03-10", None, "positive")),
    ("The 11-man Chinese mission flew into Brasilia on Aug. 7.",
     ("visit", ["BR", "CN"], "2022-08-07", "Brasília", "positive")),
    # what a deal ends is no attack of its own
    ("Armenia and Azerbaijan agreed on Tuesday to halt the fiercest fighting over"
     " Nagorno-Karabakh.",
     ("agreement", ["AM", "AZ"], "2023-03-07", None, "positive")),
    ("The accords Croatia and Bosnia signed in Washington in March 1994 ended a year of"
     " fighting between them.",
     ("agreement", ["BA", "HR", "US"], "1994-03", "Washington", "positive")),
    # a former state's nationality the model leaves untagged: Rhodesia is Zimbabwe
    ("Rhodesian bombers and ground-attack jets pounded guerrilla camps on the outskirts of"
     " the Zambian capital on Thursday.",
     ("attack", ["ZM", "ZW"], "2023-03-09", None, "positive")),
    # a body of two states meets as a meeting between them
    ("A ministerial council made up of ministers from Australia and Indonesia is to meet once"
     " a year.",
     ("meeting", ["AU", "ID"], None, None, "positive")),
    # a body meeting a partner is a meeting; an exercise with a partner a joint one
    ("Sri Lanka's cabinet met with the Indian envoy on Wednesday.",
     ("meeting", ["IN", "LK"], "2023-03-08", None, "positive")),
    ("Russia's naval exercise with China began on Monday.",
     ("exercise", ["CN", "RU"], "2023-03-06", None, "positive")),
    # a pledge or a compact two states sign is an agreement
    ("The prime ministers of India and Pakistan signed a pledge on Sunday to step up efforts to"
     " settle their quarrels.",
     ("agreement", ["IN", "PK"], "2023-03-05", None, "positive")),
    # an attack named by its day that names its target is the sentence's event
    ("Iran launched the April 13 attack on Israel from its own soil.",
     ("attack", ["IL", "IR"], "2022-04-13", None, "positive")),
    # troops pouring into a state invade it
    ("Soviet forces poured into Afghanistan in December 1979.",
     ("attack", ["AF", "RU"], "1979-12", None, "positive")),
    # forces seizing land or a ship take it by arms
    ("Argentine forces seized the Falklands from Britain on April 2, 1982.",
     ("attack", ["AR", "GB"], "1982-04-02", None, "positive")),
    # a round fired into a named state is fired at it (denied here)
    ("Kinshasa denied its troops had fired a single round into Rwanda.",
     ("attack", ["CD", "RW"], None, None, "negative")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expected"), CASES, ids=[c[1][0] + "-" + c[1][4] for c in CASES]
)
def test_sentence_gives_its_event(enricher: Enricher, sentence: str, expected: tuple) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=sentence, published=PUBLISHED)])
    # (the visit a meeting held in a named state derives is tested apart: the meeting's visit)
    found = [
        (e.type, e.countries, e.date, e.place, e.polarity)
        for e in result.events
        if e.type != "visit" or expected[0] == "visit"
    ]
    assert found == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said cooperation against cyber-attacks was vital.",
        "The ministry will provide the necessary support to farmers.",
        "Officials discussed the signing ceremony's dress code.",
        # a visit needs a visitor and a host, a meeting two sides
        "A State Department official said Blinken would travel when conditions allowed.",
        "Japanese Prime Minister Fumio Kishida was on a tour of G7 countries.",
        # an agreement and an attack need two states: one side named is no event between states
        "Israel did not sign the treaty.",
        "A man opened fire in a Serbian school on Wednesday, killing eight pupils.",
        "At home, the strike won Trump rare bipartisan praise.",
        # a paper without a year of its own is no event by itself
        "Under the deal with Iran, Tehran will curb its enrichment.",
        # Americans of Cuban origin are no Cubans
        "Cuban-American leaders who met Clinton at the White House in August were split.",
        # a leader's family travels privately; what persons are wanted for is a crime
        "His eldest son, Donald Trump Jr., flew into Nuuk for a day trip in January.",
        "Washington believes three men wanted for the 1998 bombings of the U.S. embassies in"
        " Nairobi and Dar es Salaam are hiding in Somalia.",
        # whichever there may be is none
        "The treaty commits Finland to resist any attack by the Soviet Union.",
        # air cover is flown, not handed over
        "The Turkish jet was providing cover for Azerbaijani aircraft over Armenia.",
        # the law at home, a party's own body
        "Two Azerbaijani brothers died after a police raid in Yekaterinburg in June.",
        "In Rabat, the party leader told a meeting of the party's executive committee that"
        " Morocco would never give up the Sahara, after Algeria's protest.",
        # only troops pour into a state as an attack (the needed doer is checked also for a
        # verb that takes a target and no object)
        "Chinese loans and aid have poured into Fiji since the coup.",
        # sitting down is meeting only as "sitting down with"
        "The U.S. secretary of state sat in the front row next to China's foreign minister.",
        # an attack named by its day is a past happening referred to, no event of the sentence
        "Mexico has tightened checks on its border with the United States since the Sept. 11"
        " attacks.",
        "Canada and the United States have shared air defence data since the 9/11 attacks.",
        "Putin's restrained tone reflected the warming of ties since the Sept. 11 attacks and his"
        " backing for the U.S. air campaign against the Taliban in Afghanistan.",
        # a body sitting on its own is a session, no meeting between states
        "The Radical Party's leadership met in Belgrade on Thursday, and party officials"
        " accused Tadic of begging in Brussels.",
        "The council met in emergency session in New York late on Wednesday at Moscow's request.",
        # exiles and people of a trade who attack commit a crime, no attack between states
        "Yangon shut the border after armed Myanmar dissidents stormed its embassy in Bangkok"
        " in October 1999.",
        "Italian officials grumbled about French winegrowers who have attacked tankers carrying"
        " Italian wine.",
        # one state's own exercise, by its owner, is no joint exercise
        "The crisis grew out of India's biggest-ever military exercise, code-named Brasstacks,"
        " which brought several divisions of armour close to Pakistan's Sind province.",
    ],
)
def test_trigger_word_alone_is_no_event(enricher: Enricher, sentence: str) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=sentence, published=PUBLISHED)])
    assert result.events == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "MANILA, March 10 - Japan and the Philippines on Tuesday signed a defence pact.",
            ("agreement", ["JP", "PH"], "2023-03-07"),
            id="dateline-date-is-no-event-date-and-ends-at-the-dash",
        ),
        pytest.param(
            "Indian Prime Minister Narendra Modi met Joe Biden. Modi, who arrived in Washington"
            " on Wednesday for his first state visit to the United States, spoke to Congress.",
            ("visit", ["IN", "US"], "2023-03-08"),
            id="relative-clause-subject-and-a-later-surname",
        ),
        pytest.param(
            "Indian Prime Minister Narendra Modi arrived in Washington on Wednesday evening for"
            " a state visit to the United States.",
            ("visit", ["IN", "US"], "2023-03-08"),
            id="a-day-with-its-time-of-day",
        ),
        pytest.param(
            "German Chancellor Olaf Scholz refused. Hours later, Scholz flew to Paris, where"
            " French President Emmanuel Macron hosted him.",
            ("meeting", ["DE", "FR"], None),
            id="an-object-pronoun-is-the-subject-before",
        ),
        pytest.param(
            "Defence Minister Richard Marles met Minoru Kihara in Tokyo on Monday.",
            ("meeting", ["AU", "JP"], "2023-03-06"),
            id="office-holders-without-a-country-word",
        ),
        pytest.param(
            "North Korea on Thursday denied that it had sold weapons to Russia.",
            ("arms_transfer", ["KP", "RU"], "2023-03-09"),
            id="a-denied-event-is-dated-by-its-denial",
        ),
        pytest.param(
            "Hungary's parliament approved Sweden's bid on Monday. Hungarian Prime Minister"
            " Viktor Orban had hosted Ulf Kristersson in Budapest three days earlier.",
            ("meeting", ["HU", "SE"], "2023-03-03"),
            id="days-earlier-count-from-the-last-date-named",
        ),
        pytest.param(
            "Chancellor Olaf Scholz ruled out the missiles on Monday. Hours later, Scholz flew"
            " to Paris.",
            ("visit", ["DE", "FR"], "2023-03-06"),
            id="hours-later-is-that-day-and-a-person-flying-somewhere-visits",
        ),
        pytest.param(
            "Chancellor Olaf Scholz ruled out the missiles on March 1. A week later, Scholz flew"
            " to Paris.",
            ("visit", ["DE", "FR"], "2023-03-08"),
            id="a-week-later",
        ),
        pytest.param(
            "Chancellor Olaf Scholz ruled out the missiles on Monday. The next day, Scholz flew"
            " to Paris.",
            ("visit", ["DE", "FR"], "2023-03-07"),
            id="the-next-day",
        ),
        pytest.param(
            "Australia and Japan signed a joint declaration on Tuesday. Australian Prime Minister"
            " John Howard, who arrived in Tokyo a day before the signing, put his name to the"
            " declaration with Shinzo Abe.",
            ("visit", ["AU", "JP"], "2023-03-06"),
            id="a-day-before-the-signing-told-earlier",
        ),
        pytest.param(
            "India and Israel signed nine agreements on Monday. The two leaders held talks at"
            " Hyderabad House in the capital a day after Netanyahu arrived for a six-day visit,"
            " his first to India.",
            ("visit", ["IL", "IN"], "2023-03-05"),
            id="an-undated-clause-a-day-after-counts-from-the-day-carried",
        ),
        pytest.param(
            "Shimon Peres addressed the Turkish parliament in 2007. Ties collapsed three years"
            " later, when Israeli commandos stormed a Turkish ship.",
            ("attack", ["IL", "TR"], "2010"),
            id="years-later-count-a-year-from-the-last-date-named",
        ),
        pytest.param(
            "Morocco and Algeria restored diplomatic relations in May 1988. A month later"
            " Moroccan Foreign Minister Abdellatif Filali flew to Algiers.",
            ("visit", ["DZ", "MA"], "1988-06"),
            id="a-month-later-counts-a-month",
        ),
        pytest.param(
            "India and Oman signed a defence pact in 2005. The following year Indian and Omani"
            " troops held a joint exercise.",
            ("exercise", ["IN", "OM"], "2006"),
            id="the-following-year",
        ),
        pytest.param(
            "Hungarian Prime Minister Viktor Orban made his first visit to Kyiv since the start"
            " of Russia's full-scale invasion.",
            ("visit", ["HU", "UA"], None),
            id="a-visit-goes-to-an-untagged-city-and-takes-no-side-from-its-since",
        ),
        pytest.param(
            "Kenyan President William Ruto attended a summit in the northern Tanzanian town of"
            " Arusha on Wednesday.",
            ("visit", ["KE", "TZ"], "2023-03-08"),
            id="the-town-of-a-place-is-where-a-visit-goes",
        ),
        pytest.param(
            "A U.S. Air Force F-22 fighter shot down a suspected Chinese surveillance balloon off"
            " the coast of South Carolina on Saturday.",
            ("attack", ["CN", "US"], "2023-03-04"),
            id="a-balloon-shot-down",
        ),
        pytest.param(
            "Australia handed over the first of a new fleet of Australian-built patrol boats to"
            " Papua New Guinea on Friday.",
            ("arms_transfer", ["AU", "PG"], "2023-03-10"),
            id="patrol-boats-handed-over",
        ),
        pytest.param(
            "Russian President Vladimir Putin and Chinese President Xi Jinping met in Shanghai on"
            " Tuesday. The two leaders attended an opening ceremony for the drills after a morning"
            " of talks, and signed a joint statement.",
            ("agreement", ["CN", "RU"], "2023-03-07"),
            id="a-verb-joined-to-the-pairs-verb-is-the-pairs",
        ),
        pytest.param(
            "Syrian shells killed five people in Akcakale on Wednesday. Turkish artillery hit"
            " back at Syrian army positions that night.",
            ("attack", ["SY", "TR"], "2023-03-08"),
            id="that-night-is-the-day-named-before",
        ),
        pytest.param(
            "Biden and Trong agreed on Sunday to elevate ties between the United States and"
            " Vietnam to a comprehensive strategic partnership.",
            ("agreement", ["US", "VN"], "2023-03-05"),
            id="two-sides-agreeing-to-something-is-an-agreement",
        ),
        pytest.param(
            "Greece and France signed a defence partnership on Tuesday, and Athens agreed to buy"
            " three French frigates.",
            ("arms_transfer", ["FR", "GR"], "2023-03-07"),
            id="a-partnership-and-the-sentence-day-for-its-coordinated-clause",
        ),
        pytest.param(
            "A Russian helicopter was shot down by Azerbaijani forces over Armenia on Monday.",
            ("attack", ["AZ", "RU"], "2023-03-06"),
            id="shot-down-is-an-attack",
        ),
        pytest.param(
            "US President Joe Biden arrived in the Vietnamese capital on Sunday.",
            ("visit", ["US", "VN"], "2023-03-05"),
            id="arriving-in-a-capital-named-by-its-nationality",
        ),
        pytest.param(
            "Israel and Bahrain signed a defence pact in Manama on Thursday. Israeli Defence"
            " Minister Benny Gantz met Bahrain's King Hamad after the ceremony.",
            ("meeting", ["BH", "IL"], "2023-03-09"),
            id="an-undated-event-of-the-story-takes-the-day-told-just-before",
        ),
        pytest.param(
            "Thousands of American and Filipino troops began joint military exercises on"
            " Tuesday, as tensions with China simmered over Taiwan.",
            ("exercise", ["PH", "US"], "2023-03-07"),
            id="a-language-name-before-a-noun-is-a-nationality-and-a-side-clause-no-party",
        ),
        pytest.param(
            "Japanese and Philippine warships sailed alongside Australian vessels in joint"
            " maritime drills.",
            ("exercise", ["AU", "JP", "PH"], None),
            id="alongside-names-a-party",
        ),
        pytest.param(
            "Venezuela's Nicolas Maduro and Guyana's Irfaan Ali agreed to hold talks. The two"
            " leaders met for several hours on the island of St Vincent on Thursday.",
            ("meeting", ["GY", "VC", "VE"], "2023-03-09"),  # (St Vincent the place's state)
            id="the-two-leaders-are-the-pair-just-named",
        ),
        pytest.param(
            "Russia and Belarus signed a defence pact on Monday. The two armies will hold a joint"
            " exercise in September.",
            ("exercise", ["BY", "RU"], "2023-09"),
            id="the-two-armies-are-the-pair-just-named",
        ),
        pytest.param(
            "Argentina's defence minister signed a letter of intent with Denmark on Tuesday.",
            ("agreement", ["AR", "DK"], "2023-03-07"),
            id="a-letter-of-intent-is-an-agreement",
        ),
        pytest.param(
            "During a visit to Manila last month, Vietnamese Prime Minister Nguyen Tan Dung held"
            " talks with Philippine President Benigno Aquino.",
            ("visit", ["PH", "VN"], "2023-02"),
            id="a-date-on-the-trigger-noun-dates-it",
        ),
        pytest.param(
            "South Africa summoned the US ambassador on Friday.",
            ("meeting", ["US", "ZA"], "2023-03-10"),
            id="summoning-an-envoy-is-a-meeting",
        ),
        pytest.param(
            "Kyrgyzstan and Tajikistan agreed a ceasefire on Friday.",
            ("agreement", ["KG", "TJ"], "2023-03-10"),
            id="a-ceasefire-is-an-agreement",
        ),
        pytest.param(
            "N'DJAMENA, March 10 - Israeli Prime Minister Benjamin Netanyahu flew to Chad on"
            " Tuesday. Netanyahu was received by President Idriss Deby at the presidential"
            " palace for talks.",
            ("meeting", ["IL", "TD"], "2023-03-07"),  # (the lead's day)
            id="a-head-of-state-by-title-alone-is-the-datelines-host",
        ),
        pytest.param(
            "Turkish officers have trained thousands of Somali soldiers in Mogadishu.",
            ("training", ["SO", "TR"], None),
            id="trained-thousands-of-soldiers",
        ),
        pytest.param(
            "Indonesia ordered 42 Rafale fighter jets from France.",
            ("arms_transfer", ["FR", "ID"], None),
            id="an-order-of-jets-is-a-sale",
        ),
        pytest.param(
            "Twenty Indian soldiers were killed in clashes with Chinese troops on Sunday.",
            ("attack", ["CN", "IN"], "2023-03-05"),
            id="clashes-are-attacks",
        ),
        pytest.param(
            "Ukrainian pilots began training on F-16 jets in Denmark on Monday.",
            ("training", ["DK", "UA"], "2023-03-06"),
            id="training-as-a-noun-with-its-trainees",
        ),
        pytest.param(
            "China and Russia held joint war games in the Pacific.",
            ("exercise", ["CN", "RU"], None),
            id="war-games-are-no-sport",
        ),
        pytest.param(
            "Japanese Foreign Minister Yoko Kamikawa travelled to Manila on Monday.",
            ("visit", ["JP", "PH"], "2023-03-06"),
            id="travel-is-a-visit",
        ),
        pytest.param(
            "Argentina signed a contract on Tuesday to buy jets. Defence Minister Luis Petri,"
            " who travelled to Denmark, signed it at the Skrydstrup air base.",
            ("visit", ["AR", "DK"], "2023-03-07"),
            id="a-minister-by-title-alone-is-of-the-country-the-lead-is-about",
        ),
        pytest.param(
            "Argentina signed a contract on Tuesday to buy jets from Denmark, its largest"
            " purchase since the return of democracy in 1983.",
            ("arms_transfer", ["AR", "DK"], "2023-03-07"),
            id="a-date-after-since-is-when-a-span-began",
        ),
        pytest.param(
            "NEW DELHI, June 17 - India and China traded blame on Wednesday for the deadliest"
            " confrontation on their disputed Himalayan frontier in more than four decades, after"
            " 20 Indian soldiers were killed in hand-to-hand fighting with Chinese troops in the"
            " Galwan Valley of Ladakh on Monday night.",
            ("attack", ["CN", "IN"], "2023-03-06"),
            id="the-nearest-verbs-day-and-a-time-of-day-that-names-it",
        ),
        pytest.param(
            "Fighting broke out between Kyrgyzstan and Tajikistan. A ceasefire was agreed on"
            " Friday by the heads of the two countries' security committees.",
            ("agreement", ["KG", "TJ"], "2023-03-10"),
            id="the-two-countries-as-agent-are-the-pair-named-before",
        ),
        pytest.param(
            "Russian military instructors have arrived in Niger. The instructors are to train"
            " Nigerien soldiers to operate the system.",
            ("training", ["NE", "RU"], None),
            id="the-instructors-are-the-ones-named-with-their-country",
        ),
        pytest.param(
            "Venezuelan President Nicolas Maduro and Guyanese President Irfaan Ali agreed on"
            " Thursday that neither country would use force against the other.",
            ("agreement", ["GY", "VE"], "2023-03-09"),
            id="two-sides-agreeing-that",
        ),
        pytest.param(
            "The Indian navy handed over a Dornier reconnaissance aircraft to the Sri Lankan"
            " navy on Monday.",
            ("arms_transfer", ["IN", "LK"], "2023-03-06"),
            id="handing-over-an-aircraft",
        ),
        pytest.param(
            "Israeli Prime Minister Benjamin Netanyahu flew to Chad on Sunday and announced that"
            " Israel and Chad were renewing diplomatic relations.",
            ("normalization", ["IL", "TD"], "2023-03-05"),
            id="renewing-relations",
        ),
        pytest.param(
            "The thaw gathered pace in March, when Israeli President Isaac Herzog paid a visit to"
            " Ankara. He was received by Turkish President Recep Tayyip Erdogan.",
            ("meeting", ["IL", "TR"], "2023-03"),
            id="he-is-the-person-named-last-before",
        ),
        pytest.param(
            "Bangladeshi Prime Minister Sheikh Hasina is due to visit New Delhi next month, and"
            " the two governments are expected to sign a defence agreement during the trip.",
            ("visit", ["BD", "IN"], "2023-04"),
            id="next-month",
        ),
        pytest.param(
            "US President Joe Biden visited Hanoi. The visit on Sunday was his first as president.",
            ("visit", ["US", "VN"], "2023-03-05"),
            id="the-visit-naming-no-side-still-gives-its-day",
        ),
        pytest.param(
            "US Defense Secretary Lloyd Austin arrived in Manila on Thursday and was received by"
            " Philippine President Rodrigo Duterte at the presidential palace.",
            ("meeting", ["PH", "US"], "2023-03-09"),
            id="received-after-arriving-the-guest-is-the-shared-subject",
        ),
        pytest.param(
            "On Tuesday, Iran fired missiles and drones at what it described as militant bases in"
            " Pakistan's Balochistan province.",
            ("attack", ["IR", "PK"], "2023-03-07"),
            id="firing-missiles-at-a-target",
        ),
        pytest.param(
            "A summit between Sudan and South Sudan that was due to be held in Juba on March 3"
            " was called off after clashes in late February.",
            ("meeting", ["SD", "SS"], "2023-03-03"),
            id="a-clause-about-the-trigger-dates-it",
        ),
        pytest.param(
            "Pretoria says it is neutral, but in February its navy held a ten-day exercise with"
            " Russian and Chinese warships off Richards Bay.",
            ("exercise", ["CN", "RU", "ZA"], "2023-02"),
            id="an-exercise-with-foreign-warships-and-its-navy-is-the-state-before",
        ),
        pytest.param(
            "Niger revoked the agreement with the United States on Saturday.",
            ("agreement", ["NE", "US"], "2023-03-04"),
            id="revoking-an-agreement",
        ),
        pytest.param(
            "China's foreign ministry announced that the two countries' foreign ministers had"
            " signed a framework agreement on security cooperation with Solomon Islands.",
            ("agreement", ["CN", "SB"], None),
            id="the-two-countries-first-named-in-their-own-sentence",
        ),
        pytest.param(
            "Bangladeshi Prime Minister Sheikh Hasina is due to visit New Delhi next month, and"
            " the two governments are expected to sign a defence agreement during the trip.",
            ("agreement", ["BD", "IN"], None),
            id="the-two-governments-named-earlier-in-the-sentence",
        ),
        pytest.param(
            "Turkish President Tayyip Erdogan and Greek Prime Minister Kyriakos Mitsotakis signed"
            " a declaration in Athens on Thursday. Erdogan, on a one-day visit, was welcomed by"
            " Mitsotakis before the two leaders chaired a council that had not met since 2016.",
            ("visit", ["GR", "TR"], "2023-03-09"),
            id="a-length-or-a-since-date-is-no-day-of-the-sentence",
        ),
        pytest.param(
            "Japan and India signed a pact on Wednesday. The ship is expected to stay until"
            " March 22. A day earlier, the Indian navy handed over a Dornier aircraft to the Sri"
            " Lankan navy.",
            ("arms_transfer", ["IN", "LK"], "2023-03-07"),
            id="a-day-earlier-than-a-day-past-not-one-to-come",
        ),
        pytest.param(
            "South African President Thabo Mbeki, who flew to Harare on April 12 for talks with"
            " President Robert Mugabe, said there was no crisis in Zimbabwe.",
            ("visit", ["ZA", "ZW"], "2022-04-12"),
            id="a-city-flown-to-is-a-place-though-the-ner-took-it-for-an-org",
        ),
        pytest.param(
            "Dmitry Medvedev became the first Kremlin leader to visit Venezuela when he landed in"
            " Caracas on Wednesday.",
            ("visit", ["RU", "VE"], "2023-03-08"),
            id="a-when-clause-tells-the-time-of-its-head",
        ),
        pytest.param(
            "For Pakistan, the pact is a diplomatic coup four months after Indian missile strikes"
            " on Pakistani territory on May 7.",
            ("attack", ["IN", "PK"], "2022-05-07"),
            id="months-after-strikes-is-past-not-a-schedule",
        ),
        pytest.param(
            "U.S. President Donald Trump has called off a meeting with Russian President Vladimir"
            " Putin that had been expected on Saturday.",
            ("meeting", ["RU", "US"], "2023-03-11"),
            id="a-called-off-meeting-expected-on-a-day-to-come",
        ),
        pytest.param(
            "The summit between Sudan and South Sudan that was due on March 3 was called off.",
            ("meeting", ["SD", "SS"], "2023-03-03"),
            id="a-called-off-summit-due-on-a-day-past",
        ),
        pytest.param(
            "Indian Prime Minister Narendra Modi arrived in Colombo on Wednesday for a state visit"
            " to Sri Lanka. Crowds lined the road from the airport. Dozens of schoolchildren"
            " waved flags. The city was decorated with banners. Modi and Sri Lankan President"
            " Ranil Wickremesinghe held talks on maritime security.",
            ("meeting", ["IN", "LK"], "2023-03-08"),
            id="talks-held-during-a-visit-told-further-on-take-its-day",
        ),
        pytest.param(
            "India and Pakistan agreed on Saturday to stop firing on land, at sea and in the air.",
            ("agreement", ["IN", "PK"], "2023-03-04"),
            id="agreeing-to-stop-firing-is-a-truce-agreed",
        ),
        pytest.param(
            "Pakistan shot down an Indian jet on Wednesday and captured its pilot, a day after"
            " Indian warplanes bombed a camp inside Pakistan.",
            ("attack", ["IN", "PK"], "2023-03-07"),
            id="a-day-after-a-clause-the-parser-joined-with-and",
        ),
        pytest.param(
            "Armenia and Azerbaijan agreed on Thursday on a plan to end the fighting.",
            ("agreement", ["AM", "AZ"], "2023-03-09"),
            id="a-plan-agreed-on-to-end-fighting-is-an-agreement",
        ),
        pytest.param(
            "HANOI, March 10 - U.S. President Joe Biden and Vietnam's Communist Party chief Nguyen"
            " Phu Trong agreed on Thursday to elevate relations between the two former enemies to"
            " a comprehensive strategic partnership.",
            ("agreement", ["US", "VN"], "2023-03-09"),
            id="a-datelined-lead-keeps-its-subject",
        ),
        pytest.param(
            "MINSK, March 10 (Wire) - Russia, Ukraine, Germany and France agreed on Thursday on a"
            " plan to halt the war in eastern Ukraine, after 16 hours of talks.",
            ("agreement", ["DE", "FR", "RU", "UA"], "2023-03-09"),
            id="a-datelined-lead-listing-its-subjects",
        ),
        pytest.param(
            "ENTEBBE, Uganda, March 10 (Wire) - Benjamin Netanyahu opened the first tour of"
            " sub-Saharan Africa by a sitting Israeli prime minister on Monday, landing at the"
            " airport where his brother was killed.",
            ("visit", ["IL", "UG"], "2023-03-06"),
            id="the-datelines-country-is-where-the-lead-happens",
        ),
        pytest.param(
            "More than 7,000 troops began the annual exercise in Africa on Monday, with Egyptian"
            " and Greek forces at its core.",
            ("exercise", ["EG", "GR"], "2023-03-06"),
            id="an-exercise-begun-with-two-states-forces",
        ),
        pytest.param(
            "President Emmanuel Macron ordered a temporary reinforcement of the French presence in"
            " the eastern Mediterranean, and French Rafale jets held exercises with Greek forces.",
            ("exercise", ["FR", "GR"], None),
            id="exercises-held-with-another-states-forces",
        ),
        pytest.param(
            "KANT, Kyrgyzstan, March 10 (Wire) - President Vladimir Putin opened Russia's first"
            " new military base abroad since the collapse of the Soviet Union on Thursday. Putin"
            " and Kyrgyz President Askar Akayev then held talks in Bishkek.",
            ("meeting", ["KG", "RU"], "2023-03-09"),
            id="a-leads-day-on-a-noun-under-since-is-still-the-news-day",
        ),
        pytest.param(
            "Egypt and Greece signed a maritime accord in Cairo on Thursday. Greece sold Egypt"
            " two frigates in September. Earlier in the day the Greek and Egyptian foreign"
            " ministers held talks on gas exploration.",
            ("meeting", ["EG", "GR"], "2023-03-09"),
            id="earlier-in-the-day-is-the-day-told-last-not-the-month-between",
        ),
        pytest.param(
            "Argentine President Mauricio Macri is due in Washington next week for a nuclear"
            " security summit, his aides said.",
            ("visit", ["AR", "US"], "2023-03"),
            id="who-is-due-somewhere-is-the-visitor-not-who-says-so",
        ),
        pytest.param(
            "Moscow and Bishkek sealed the deal on the base on Thursday. The American base sits"
            " at Manas, at Bishkek's international airport.",
            ("agreement", ["KG", "RU"], "2023-03-09"),
            id="a-capital-the-model-also-took-for-an-organisation-is-still-its-state",
        ),
        pytest.param(
            "The Philippine Senate on Thursday ratified an agreement allowing American troops back"
            " into the country for joint exercises.",
            ("agreement", ["PH", "US"], "2023-03-09"),
            id="a-ratified-agreement",
        ),
        pytest.param(
            "Britain rushed anti-tank missiles to Ukraine on Thursday.",
            ("arms_transfer", ["GB", "UA"], "2023-03-09"),
            id="weapons-rushed-to-a-buyer",
        ),
        pytest.param(
            "The United States and South Korea accuse North Korea of shipping artillery shells"
            " and ballistic missiles to Russia.",
            ("arms_transfer", ["KP", "RU"], None),
            id="the-accused-ships-not-the-accusers",
        ),
        pytest.param(
            "Britain signed a treaty on Thursday handing sovereignty over the Chagos Islands to"
            " Mauritius.",
            ("agreement", ["GB", "MU"], "2023-03-09"),
            id="a-treaty-handing-something-to-a-state",
        ),
        pytest.param(
            "India and Pakistan agreed not to attack each other's nuclear facilities.",
            ("agreement", ["IN", "PK"], None),
            id="agreeing-not-to-attack-is-an-agreement",
        ),
    ],
)
def test_wire_story_gives_its_event(enricher: Enricher, text: str, expected: tuple) -> None:
    (result,) = enricher.enrich([ExtractedDocument(text=text, published=PUBLISHED)])
    found = [(e.type, sorted(e.countries), e.date) for e in result.events]
    assert expected in found, found
