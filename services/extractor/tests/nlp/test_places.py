"""Countries, demonyms, cities and regions resolved to ISO codes and points."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.nlp.countries import CountryResolver
from extractor.nlp.enrich import Enricher
from extractor.nlp.places import read_regions
from extractor.text.document import ExtractedDocument


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bahraini", "BH"),
        ("Emirati", "AE"),
        ("Israeli", "IL"),
        ("Iranian", "IR"),
        ("the United States", "US"),
        ("US", "US"),
        ("UAE", "AE"),
        ("the Kingdom of Bahrain", "BH"),
        ("Saudi Arabia", "SA"),
        ("Israel’s", "IL"),
        # not in ISO 3166-1, but a state news reports on: the code the EU and geonames use
        ("Kosovo", "XK"),
        # former states: the state that continued them, as news written since tells them
        ("the Soviet Union", "RU"),
        ("USSR", "RU"),
        ("Soviet", "RU"),
        ("Yugoslavia", "RS"),
        ("Yugoslav", "RS"),
        ("West Germany", "DE"),
        ("Rhodesian", "ZW"),
        ("Zairian", "CD"),
        ("Swazi", "SZ"),
        # (a nationality goes on past its state's name too)
        ("Chadian", "TD"),
        ("Peruvian", "PE"),
    ],
    ids=str,
)
def test_country_mention_has_its_iso_code(enricher: Enricher, name: str, code: str) -> None:
    assert enricher.resources.countries.code(name) == code


@pytest.mark.parametrize(
    "name",
    [
        "Arab",
        "Zionist",
        "Kingdom",
        "Gulf",
        "Middle East",
        # a state's name inside another word is none (Tonga's pattern in the Cook Islands')
        "Rarotonga",
        "Magnitogorsk",
        # ... nor one word that goes on well past it (a Nigerien army base)
        "Chinagodrar",
        "Chinatown",
    ],
)
def test_non_country_has_no_code(enricher: Enricher, name: str) -> None:
    assert enricher.resources.countries.code(name) is None


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Manama", "city", "BH"),
        ("Tel Aviv", "city", "IL"),
        ("Gulf", "region", None),
        ("the Middle East", "region", None),
        ("the Andes", "region", None),  # (not the Colombian town of Andes)
        ("Palestinian West Bank", "region", "PS"),
        ("Bali", "region", "ID"),  # (an island of Indonesia, not the Indian town of Bāli)
        ("Bahrain", "country", "BH"),
        ("Kosovo", "country", "XK"),
        ("Pristina", "city", "XK"),
        # written without its accent, still the most populous of its name (Venezuela's, not
        # Cuba's "San Cristobal")
        ("San Cristobal", "city", "VE"),
        ("San Cristóbal", "city", "VE"),
        # the first name of a state of two is the state, not a town abroad (Bolivia's
        # Trinidad); a capital of that name stays the capital
        ("Trinidad", "country", "TT"),
        ("Sao Tome", "city", "ST"),
        # a state of the United States, not the town abroad of its name (Cuba's Florida); a
        # country of a state's name stays the country
        ("Florida", "state", "US"),
        ("Virginia", "state", "US"),
        ("Georgia", "country", "GE"),
        ("Washington", "city", "US"),
        ("New York", "city", "US"),  # (geonames knows it as "New York City")
        ("Naypyitaw", "city", "MM"),  # (geonames: "Nay Pyi Taw")
        ("Camp David", "city", "US"),
        # a state of another federation, before the town abroad of its name
        ("Goa", "state", "IN"),  # (not the Philippine town)
        ("Ontario", "state", "CA"),  # (not the Californian city)
    ],
    ids=str,
)
def test_place_resolves_with_a_point(
    enricher: Enricher, name: str, kind: str, country: str | None
) -> None:
    place = enricher.resources.gazetteer.resolve(name)
    assert place is not None
    assert (place.kind, place.country) == (kind, country)
    assert place.lat is not None
    assert place.lon is not None


def test_wire_dateline_city_is_a_place(enricher: Enricher) -> None:
    text = "KYIV, Nov 21 (Reuters) - Grain exports rose for a third month, the ministry said."
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert "Kyiv" in result.places
    assert "UA" in result.countries


def test_ministry_of_a_datelined_story_is_of_the_dateline_country(enricher: Enricher) -> None:
    text = "KYIV, Nov 21 (Reuters) - Grain exports rose, the agriculture ministry said on Tuesday."
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert "Ukraine Ministry of Agriculture" in result.organizations


@pytest.mark.parametrize(
    ("name", "city", "country"),
    [
        ("Kiev", "Kyiv", "UA"),
        ("Bombay", "Mumbai", "IN"),
        ("Rangoon", "Yangon", "MM"),
        ("Peking", "Beijing", "CN"),
        ("Kharkov", "Kharkiv", "UA"),
        ("Ulaanbaatar", "Ulan Bator", "MN"),  # (a smaller capital by its name as a capital)
    ],
    ids=str,
)
def test_a_big_citys_former_name_is_that_city(
    enricher: Enricher, name: str, city: str, country: str
) -> None:
    place = enricher.resources.gazetteer.resolve(name)
    assert place is not None
    assert (place.kind, place.name, place.country) == ("city", city, country)


def test_a_translated_name_of_several_words_is_no_city(enricher: Enricher) -> None:
    # ("White House" is among the other names of Casablanca)
    assert enricher.resources.gazetteer.resolve("White House") is None


def test_a_region_row_with_a_bad_state_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "regions.tsv"
    path.write_text("# header\nBali\t-8.4\t115.2\tIndonesia\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ISO 3166") as error:
        read_regions(path, CountryResolver.load())
    assert f"{path}:2" in str(error.value)


def test_a_city_the_model_cut_in_two_is_whole(enricher: Enricher) -> None:
    # (the model tags "Port" and "Spain": Spain agreed to nothing)
    text = "In 2018 Caracas and Port of Spain agreed to develop the Dragon gas field."
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert [(e.name, e.country) for e in result.entities if e.label == "GPE"] == [
        ("Caracas", "VE"),
        ("Port of Spain", "TT"),
    ]
    assert [e.countries for e in result.events] == [["TT", "VE"]]


def test_a_federal_state_is_a_place_like_a_city(enricher: Enricher) -> None:
    text = "Japanese Prime Minister Fumio Kishida flew to Maryland on Thursday."
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert ("Maryland", "GPE", "US") in [(e.name, e.label, e.country) for e in result.entities]
    assert [(e.type, e.countries) for e in result.events] == [("visit", ["JP", "US"])]


def test_a_hyphenated_city_the_model_cut_short_is_whole(enricher: Enricher) -> None:
    # (the model tags "Port-au-": no place, and the visit was lost)
    text = "U.S. Secretary of State Antony Blinken visited Port-au-Prince on Thursday."
    (result,) = enricher.enrich([ExtractedDocument(text=text)])
    assert ("Port-au-Prince", "HT") in [(e.name, e.country) for e in result.entities]
    assert [(e.type, e.countries) for e in result.events] == [("visit", ["HT", "US"])]
