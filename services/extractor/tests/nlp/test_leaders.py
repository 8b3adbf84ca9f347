"""The leaders table: the state a person named without a country led when the story was told."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractor.nlp.leaders import Leaders, family_first
from extractor.nlp.vocabulary import default_path

TABLE = """# name\tfull name\tcountry\tfirst day\tlast day
Sarkozy\t\tFR\t2007-05-16\t2012-05-15
Howard\tJohn Howard\tAU\t1996-03-11\t2007-12-03
Kim Jong-Il\tKim Jong-il\tKP\t1994-07-08\t2011-12-17
Trump\t\tUS\t2017-01-20\t2021-01-20
Castro\t\tCU\t1959-01-01\t2008-02-24
Castro\tCipriano Castro\tVE\t1899-10-23\t1908-12-19
Singh\tManmohan Singh\tIN\t2004-05-22\t2014-05-26
Singh\tJohn Singh\tGY\t1995-01-01\t1998-01-01
Muhammad VI\t\tMA\t1999-07-23\t2015-12-31
Hassan II\tHassan II of Morocco\tMA\t1961-02-26\t1999-07-23
Gandhi, I.\tIndira Gandhi\tIN\t1966-01-24\t1977-03-22
Sheikh Mujib Rahman\tSheikh Mujibur Rahman\tBD\t1972-01-13\t1975-08-15
G.H.W. Bush\t\tUS\t1989-01-20\t1993-01-20
G.W. Bush\tGeorge W. Bush\tUS\t2001-01-21\t2009-01-20
Eyskens, M.\t\tBE\t1981-04-06\t1981-12-17
Frei Ruiz-Tagle\t\tCL\t1994-03-11\t2000-03-11
Martin Torrijos\t\tPA\t2004-09-01\t2009-07-01
Torrijos Herrera\tOmar Torrijos\tPA\t1968-10-11\t1981-07-31
Fernandez Reyna\t\tDO\t2004-08-16\t2012-08-16
Fernandez de Kirchner\t\tAR\t2007-12-10\t2015-12-10
Martin Vizcarra\tMartin Vizcarra\tPE\t2018-03-23\t2020-11-10
Shinzo Abe\t\tJP\t2006-09-26\t2007-09-26
Kim Dae Jung\t\tKR\t1998-02-25\t2003-02-24
Kim Jong Un\t\tKP\t2011-12-17\t2021-03-31
Karamanlis\t\tGR\t1974-07-24\t1980-05-09
Konstantinos Karamanlis\t\tGR\t2004-03-10\t2009-10-06
Micheal Martin\t\tIE\t2020-06-27\t2021-03-31
"""


@pytest.fixture(scope="module")
def leaders(tmp_path_factory: pytest.TempPathFactory) -> Leaders:
    path = tmp_path_factory.mktemp("leaders") / "leaders.tsv"
    path.write_text(TABLE, encoding="utf-8")
    return Leaders.load(path)


@pytest.mark.parametrize(
    ("name", "day", "country"),
    [
        pytest.param("Nicolas Sarkozy", date(2010, 11, 2), "FR", id="in-office"),
        pytest.param("Sarkozy", date(2010, 11, 2), "FR", id="surname-alone"),
        pytest.param("Sarkozy", date(2020, 1, 1), "FR", id="left-office-recently"),
        pytest.param("Sarkozy", date(2030, 1, 1), None, id="left-office-long-ago"),
        pytest.param("Sarkozy", date(2006, 1, 1), None, id="not-yet-in-office"),
        pytest.param("Donald Trump", date(2016, 12, 28), None, id="president-elect"),
        pytest.param("John Howard", date(2006, 6, 1), "AU", id="full-name-matches"),
        pytest.param("Ryan Howard", date(2006, 6, 1), None, id="another-given-name"),
        pytest.param("Kim Jong Il", date(2002, 9, 17), "KP", id="hyphen-or-not"),
        pytest.param("Castro", date(2000, 1, 1), "CU", id="one-recent-of-two"),
        pytest.param("Xiomara Castro", date(2023, 3, 1), None, id="a-name-two-leaders-bore"),
        pytest.param("Singh", date(2005, 6, 1), "IN", id="two-recent-one-in-office"),
        pytest.param("Singh", date(2010, 6, 1), "IN", id="one-in-office"),
        pytest.param("Mohammed VI", date(2010, 1, 1), "MA", id="another-transliteration"),
        pytest.param("Hassan", date(1988, 5, 17), "MA", id="a-king-without-his-regnal-number"),
        pytest.param("Muhammad", date(2010, 1, 1), None, id="too-common-a-name-without-it"),
        pytest.param("Zedong", date(1960, 1, 1), None, id="unknown"),
        pytest.param("George Bush", date(1990, 2, 15), "US", id="a-name-the-table-gives-initials"),
        pytest.param("Bush", date(1990, 2, 15), "US", id="the-surname-of-initials"),
        pytest.param("Laura Bush", date(1990, 2, 15), None, id="other-initials"),
        pytest.param("Mark Eyskens", date(1981, 6, 1), "BE", id="surname-comma-initials"),
        pytest.param("Eduardo Frei", date(1996, 6, 25), "CL", id="the-fathers-of-two-surnames"),
        pytest.param("Frei", date(1996, 6, 25), "CL", id="the-fathers-surname-alone"),
        pytest.param(
            "Vladimir Padrino Frei", date(1996, 6, 25), None, id="a-mothers-surname-is-last"
        ),
        pytest.param("Fernandez", date(2009, 10, 30), None, id="a-surname-of-two-states"),
        pytest.param(
            "Lockheed Martin", date(2008, 1, 1), None, id="a-given-name-the-table-puts-first"
        ),
        pytest.param("Abe", date(2007, 4, 12), "JP", id="the-last-word-of-a-full-name-alone"),
        pytest.param("Akie Abe", date(2007, 4, 12), None, id="another-given-name-of-a-full-name"),
        pytest.param("Vizcarra", date(2019, 1, 1), None, id="not-a-spanish-mothers-surname"),
        pytest.param("Kim", date(2000, 1, 1), "KR", id="a-family-name-that-leads"),
        pytest.param("Kim", date(2012, 1, 1), "KP", id="the-one-in-office-of-two-recent"),
        pytest.param(
            "Constantine Karamanlis", date(1978, 3, 10), "GR", id="a-later-full-name-shares-no-key"
        ),
        pytest.param("Martin", date(2021, 1, 1), None, id="a-family-name-that-is-a-given-name"),
    ],
)
def test_a_name_gives_the_state_its_bearer_led(
    leaders: Leaders, name: str, day: date, country: str | None
) -> None:
    assert leaders.country(name, day) == country


@pytest.mark.parametrize(
    ("name", "year", "country"),
    [
        pytest.param("Indira Gandhi", 1974, "IN", id="in-office-that-year"),
        pytest.param("Indira Gandhi", 1979, None, id="out-of-office-that-year"),
        pytest.param("Mujibur Rahman", 1974, "BD", id="a-long-full-names-last-two-words"),
        pytest.param("Rajiv Gandhi", 1974, None, id="another-given-name"),
    ],
)
def test_a_name_gives_the_state_its_bearer_led_in_a_year(
    leaders: Leaders, name: str, year: int, country: str | None
) -> None:
    """Long out of office when the story is told, but the sentence names the year: "the
    agreement Indira Gandhi signed in May 1974"."""
    assert leaders.country(name, date(2011, 9, 9)) is None
    assert leaders.country_in(name, year) == country


def test_two_leaders_of_a_name_in_office_at_once_give_none(tmp_path: Path) -> None:
    path = tmp_path / "leaders.tsv"
    path.write_text(
        "Lee\t\tKR\t2008-02-25\t2013-02-25\nLee\t\tSG\t2004-08-12\t2024-05-15\n", encoding="utf-8"
    )
    assert Leaders.load(path).country("Lee", date(2010, 1, 1)) is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param("Sarkozy\tFR\t2007-05-16\t2012-05-15", "expected name", id="a-field-missing"),
        pytest.param("Sarkozy\t\tFR\t2007-05-16\tlater", "expected name", id="no-date"),
        pytest.param("Sarkozy\t\tFrance\t2007-05-16\t2012-05-15", "ISO 3166", id="no-iso-code"),
    ],
)
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "leaders.tsv"
    path.write_text(f"# header\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        Leaders.load(path)
    assert f"{path}:2" in str(error.value)


def test_the_packaged_table_loads_and_knows_leaders_of_many_states() -> None:
    leaders = Leaders.load(default_path("leaders.tsv"))
    assert leaders.country("Abdelaziz Bouteflika", date(2008, 2, 19)) == "DZ"
    assert leaders.country("Junichiro Koizumi", date(2002, 9, 17)) == "JP"
    assert leaders.country("Olusegun Obasanjo", date(2006, 6, 12)) == "NG"


@pytest.mark.parametrize(
    ("name", "day", "country"),
    [
        pytest.param("Moon", date(2018, 7, 9), "KR", id="a-leader-from-2017"),
        pytest.param("Emmanuel Macron", date(2019, 8, 24), "FR", id="another"),
        pytest.param("Abiy", date(2019, 10, 11), "ET", id="by-the-given-name"),
        pytest.param("Putin", date(2020, 6, 24), "RU", id="a-spell-running-on-past-2015"),
        pytest.param("Bolsonaro", date(2023, 6, 1), "BR", id="a-recent-leader-after-office"),
        pytest.param("Najib Razak", date(2016, 11, 1), "MY", id="first-and-last-of-a-long-name"),
    ],
)
def test_the_packaged_table_knows_leaders_after_2015(name: str, day: date, country: str) -> None:
    assert Leaders.load(default_path("leaders.tsv")).country(name, day) == country


@pytest.mark.parametrize(
    ("name", "family"),
    [
        pytest.param("Kim Jong Il", "Kim", id="three-syllables"),
        pytest.param("Kim Jong-un", "Kim", id="hyphenated-given-name"),
        pytest.param("Lee Myung Bak", "Lee", id="another"),
        pytest.param("Nicolas Sarkozy", None, id="western-two-words"),
        pytest.param("Jean-Yves Le Drian", None, id="hyphenated-first-name"),
        pytest.param("Luiz Inacio Lula", None, id="long-given-names"),
        pytest.param("Jean-Claude Juncker", None, id="hyphenated-given-name-first"),
        pytest.param("Hans-Dietrich Genscher", None, id="another-hyphenated-given-name"),
        pytest.param("Mark T. Esper", None, id="an-initial"),
    ],
)
def test_a_korean_style_name_leads_with_its_family_name(name: str, family: str | None) -> None:
    assert family_first(name) == family
