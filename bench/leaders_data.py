"""Build the extractor's table of state leaders from the Archigos and REIGN data sets.

    uv run python bench/leaders_data.py ARCH_ANNUAL_TXT [REIGN_LEADERLIST_CSV] OUT_TSV

Archigos (Goemans, Gleditsch and Chiozza, "A Data Set on Leaders 1875-2015", version 4.1) lists
the effective leader of every state, one row per leader and year (``arch_annual.txt``; a public
copy is in the repository ``globalgov/manystates``, ``data-raw/leaders/archigos``). This script
keeps the leaders in office from 1945 on and writes one row per spell in office: the name as
Archigos writes it (mostly a surname: "Sarkozy", "Kim Jong-Il"), the full name where the row
links a DBpedia page, the state's ISO 3166-1 alpha-2 code and the first and last day in office.
The output is ``services/extractor/src/extractor/nlp/resources/leaders.tsv``, which the
extractor reads to give a person the text names without a country ("Sarkozy, who crossed the
Channel") the state they led at the time. Only names, states and dates are taken: facts, no
text of the data set. Without arguments it prints this and exits 0.

Archigos ends on 31 December 2015. REIGN (Bell, Besaw and Frank, "Rulers, Elections, and
Irregular Governance", OEF Research; ``data_sets/leaderlist_3_21.csv`` in the repository
``OEFDataScience/REIGN.github.io``) carries the leaders on to March 2021 with the same state
numbers: a spell Archigos ends on its last day runs on to REIGN's end of it (Putin, Modi), and
the leaders who took office from 2016 are added (Macron; "Imran Khan" by the whole name REIGN
writes, "Moon" of "Moon Jae-in" by the family name, "Abiy" of "Abiy Ahmed" and "Haitham" of
"Haitham ibn Tariq" by the given name). REIGN gives
an end month, not a day: the spell ends on that month's last day; one still running in March
2021 ends on 31 March 2021 (a story after that still finds its leader as a recent one).
"""

from __future__ import annotations

import calendar
import csv
import importlib.util
import re
import sys
from pathlib import Path
from urllib.parse import unquote

FROM_YEAR = "1945"
# Archigos numbers country_converter's Gleditsch-Ward column lacks (or gives another number):
# Germany, the Czech Republic, Yugoslavia → Serbia, Yemen, North Vietnam → Vietnam.
EXTRA_CODES = {"255": "DE", "316": "CZ", "345": "RS", "678": "YE", "816": "VN"}
HEADER = (
    "# name\tfull name\tISO2\tfirst day\tlast day (Archigos 4.1 to 2015, REIGN to March 2021;"
    " bench/leaders_data.py)"
)
# Archigos' last day, and the last day REIGN's leader list of March 2021 covers.
ARCHIGOS_END = "2015-12-31"
REIGN_END = "2021-03-31"
# States whose leaders a story calls by the first of their names: the family name ("Moon" of
# "Moon Jae-in") or, in Ethiopia and Eritrea, the given name ("Abiy" of "Abiy Ahmed").
FIRST_NAME_CALLED = {"KR", "KP", "CN", "TW", "VN", "ET", "ER"}
# "Son of" in an Arabic or Malay name: "Haitham ibn Tariq" is called Haitham, "Mahathir Bin
# Mohamed" Mahathir (a name that starts with it, "Ibn Auf", is kept whole).
PATRONYMS = {"bin", "ibn"}


def gleditsch_ward_codes() -> dict[str, str]:
    """Gleditsch-Ward state number → ISO2, from country_converter's table (Archigos' ccode)."""
    spec = importlib.util.find_spec("country_converter")
    if spec is None or spec.origin is None:
        raise SystemExit("country_converter is not installed")
    table = Path(spec.origin).parent / "country_data.tsv"
    codes: dict[str, str] = {}
    with table.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            iso2 = next(iter(re.findall(r"[A-Z]{2}", row["ISO2"] or "")), None)
            number = (row.get("GWcode") or "").split(".")[0]
            if iso2 and number.isdigit() and row.get("obsolete", "") in ("", "nan"):
                codes.setdefault(number, iso2)
    return codes | EXTRA_CODES


def full_name(uri: str) -> str:
    """ "http://dbpedia.org/resource/Jos%C3%A9_Figueres_Ferrer" → "José Figueres Ferrer"."""
    if not uri.startswith("http"):
        return ""
    name = unquote(uri.rsplit("/", 1)[-1]).replace("_", " ")
    return re.sub(r"\s*\(.*\)$", "", name)


def spells(path: Path, codes: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    """One (name, full name, ISO2, first day, last day) per spell in office from 1945."""
    found: dict[str, list[str]] = {}
    # The file is Latin-1 ("Ad\xe1n"), not UTF-8.
    with path.open(encoding="latin-1") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            country = codes.get(row["ccode"])
            if country is None or row["enddate"] < FROM_YEAR:
                continue
            spell = found.get(row["obsid"])
            if spell is None:
                found[row["obsid"]] = [
                    row["leader"].strip(),
                    full_name(row["dbpedia.uri"]),
                    country,
                    row["startdate"].strip(),
                    row["enddate"].strip(),
                ]
            else:
                spell[3] = min(spell[3], row["startdate"].strip())
                spell[4] = max(spell[4], row["enddate"].strip())
    return sorted(
        (name, full, country, first, last) for name, full, country, first, last in found.values()
    )


Spell = tuple[str, str, str, str, str]


def reign_spells(path: Path, codes: dict[str, str]) -> list[Spell]:
    """REIGN's spells in office that run past Archigos' end, as (name, full name, ISO2, first
    day, last day): the name as a story calls the leader where REIGN's name tells it (one word:
    "Macron"; the first word of a Korean name or of a name with "bin" or "ibn": "Moon",
    "Haitham", with the whole as full name), else the whole name."""
    found = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            country = codes.get(row["ccode"].strip())
            if country is None or not row["syear"].strip():
                continue
            first = f"{int(row['syear']):04d}-{int(row['smonth']):02d}-{int(row['sdate']):02d}"
            if row["eyear"].strip():
                year, month = int(row["eyear"]), int(row["emonth"])
                last = f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
            else:
                last = REIGN_END
            if last <= ARCHIGOS_END:
                continue
            written = re.sub(r"\s*\(.*\)$", "", row["leader"]).strip()
            words = written.replace(" Jr.", "").split()
            patronymic = any(word.lower() in PATRONYMS for word in words[1:])
            if (
                len(words) > 1
                and words[0].lower() not in PATRONYMS
                and (country in FIRST_NAME_CALLED or patronymic)
            ):
                found.append((words[0], written, country, first, last))
            else:
                # (one word, or the whole: a last word may be a given name or a word, "Imran
                # Khan", "Mohamed Irfaan Ali", "Bill English", and "Min Aung Hlaing" has no
                # family name; a later "Khan" is the person the story named in full)
                found.append((written, "", country, first, last))
    return found


def merged(archigos: list[Spell], reign: list[Spell]) -> list[Spell]:
    """Archigos' spells, those running at its end carried on by REIGN, and REIGN's later ones."""
    rows = [list(spell) for spell in archigos]
    running = {row[2]: row for row in rows if row[4] == ARCHIGOS_END}
    for name, full, country, first, last in reign:
        if first <= ARCHIGOS_END:
            if country in running:  # (the leader in office at Archigos' end: one spell)
                running[country][4] = max(running[country][4], last)
            continue
        rows.append([name, full, country, first, last])
    return sorted((name, full, country, first, last) for name, full, country, first, last in rows)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 0
    codes = gleditsch_ward_codes()
    rows = spells(Path(argv[0]), codes)
    if len(argv) == 3:
        rows = merged(rows, reign_spells(Path(argv[1]), codes))
    lines = [HEADER, *("\t".join(row) for row in rows)]
    Path(argv[-1]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} spells in office written to {argv[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
