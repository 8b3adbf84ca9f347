"""bench/leaders_data.py on rows of the two public sets' shapes: Archigos' spells carried on by
REIGN, and REIGN's later leaders under the name a story calls them by."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))  # the bench scripts import their helpers as top-level modules

import leaders_data  # noqa: E402  (needs the path above)

REIGN_HEADER = (
    "stateabb,ccode,leadid,leader,sdate,smonth,syear,emonth,eyear,birthyear,gender,"
    "militarycareer,l_month,l_year,,,codedby,notes\n"
)
CODES = {"365": "RU", "220": "FR", "732": "KR", "530": "ET", "70": "MX", "775": "MM", "820": "MY"}


def _reign(tmp_path: Path, *rows: str) -> list[leaders_data.Spell]:
    path = tmp_path / "leaderlist.csv"
    path.write_text(REIGN_HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return leaders_data.reign_spells(path, CODES)


@pytest.mark.parametrize(
    ("row", "spell"),
    [
        pytest.param(
            "FRN,220,x,Macron,14,5,2017,,,1977,1,0,5,2017,,,,",
            ("Macron", "", "FR", "2017-05-14", leaders_data.REIGN_END),
            id="a-surname-still-in-office",
        ),
        pytest.param(
            "ROK,732,x,Moon Jae-in,10,5,2017,,,1953,1,0,5,2017,,,,",
            ("Moon", "Moon Jae-in", "KR", "2017-05-10", leaders_data.REIGN_END),
            id="a-family-name-first",
        ),
        pytest.param(
            "ETH,530,x,Abiy Ahmed,2,4,2018,,,1976,1,1,4,2018,,,,",
            ("Abiy", "Abiy Ahmed", "ET", "2018-04-02", leaders_data.REIGN_END),
            id="a-given-name-the-story-calls-him-by",
        ),
        pytest.param(
            "MEX,70,x,Lopez Obrador,1,12,2018,,,1953,1,0,7,2018,,,,",
            ("Lopez Obrador", "", "MX", "2018-12-01", leaders_data.REIGN_END),
            id="a-full-name-is-kept-whole",
        ),
        pytest.param(
            "MAL,820,x,Mahathir Bin Mohamed,10,5,2018,3,2020,1925,1,0,5,2018,,,,",
            ("Mahathir", "Mahathir Bin Mohamed", "MY", "2018-05-10", "2020-03-31"),
            id="a-name-with-bin-is-called-by-the-given-name",
        ),
        pytest.param(
            "MYA,775,x,Min Aung Hlaing,1,2,2021,,,1956,1,1,2,2021,,,,",
            ("Min Aung Hlaing", "", "MM", "2021-02-01", leaders_data.REIGN_END),
            id="a-name-without-a-family-name",
        ),
        pytest.param(
            "RUS,365,x,Putin (acting),7,5,2012,2,2020,1952,1,1,3,2012,,,,",
            ("Putin", "", "RU", "2012-05-07", "2020-02-29"),
            id="an-end-month-ends-on-its-last-day",
        ),
    ],
)
def test_reign_rows_give_spells_by_the_name_a_story_uses(
    tmp_path: Path, row: str, spell: leaders_data.Spell
) -> None:
    assert _reign(tmp_path, row) == [spell]


def test_spells_ended_before_archigos_end_and_unknown_states_are_left_out(
    tmp_path: Path,
) -> None:
    assert (
        _reign(
            tmp_path,
            "FRN,220,x,Hollande,15,5,2012,5,2015,1954,1,0,5,2012,,,,",
            "XXX,999,x,Nobody,1,1,2018,,,1950,1,0,1,2018,,,,",
        )
        == []
    )


def test_a_spell_running_at_archigos_end_runs_on_and_later_leaders_are_added() -> None:
    archigos = [
        ("Putin", "Vladimir Putin", "RU", "2012-05-07", leaders_data.ARCHIGOS_END),
        ("Hollande", "", "FR", "2012-05-15", leaders_data.ARCHIGOS_END),
        ("Yeltsin", "", "RU", "1991-06-12", "1999-12-31"),
    ]
    reign = [
        ("Putin", "", "RU", "2012-05-07", leaders_data.REIGN_END),
        ("Hollande", "", "FR", "2012-05-15", "2017-05-31"),
        ("Macron", "", "FR", "2017-05-14", leaders_data.REIGN_END),
    ]
    assert leaders_data.merged(archigos, reign) == [
        ("Hollande", "", "FR", "2012-05-15", "2017-05-31"),
        ("Macron", "", "FR", "2017-05-14", leaders_data.REIGN_END),
        ("Putin", "Vladimir Putin", "RU", "2012-05-07", leaders_data.REIGN_END),
        ("Yeltsin", "", "RU", "1991-06-12", "1999-12-31"),
    ]
