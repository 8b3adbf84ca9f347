"""State leaders: the country of a person the text names without one, from the leaders table.

"Sarkozy, who crossed the Channel for the summit" names no country; in a story of 2010 the one
leader called Sarkozy led France. The table (``resources/leaders.tsv``, built from the Archigos
data set to 2015 and REIGN's leader list to March 2021 by ``bench/leaders_data.py``) lists each
state's effective leader from 1945 with the days in office. A name resolves when a leader of
that name was in office on the day the story was published, or had left office at most
``RECENT_YEARS`` before (a story recalls "the last big push, launched by Tony Blair and Jacques
Chirac"); never when the leader took office only later (a president-elect leads no state yet).
Of several such leaders of different states none is taken, unless only one was in office on
the day. A name no leader of the day bore may still be one who led a state in a year its
sentence gives ("the agreement Indira Gandhi signed in May 1974", in a story of 2011). A leader
of a Spanish-speaking state the table lists by two surnames is also known by the first, the
father's ("Eduardo Frei" is "Frei Ruiz-Tagle"), unless leaders of other states or a given name
share it. One the table gives only by full name (REIGN's "Shinzo Abe") is also known by the
family name ("Abe"), when no name of the table is the one the text gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractor.nlp.places import fold

# How long after leaving office a leader is still the one a story means.
RECENT_YEARS = 15


@dataclass(frozen=True)
class Leader:
    """One spell in office: the state, the first and last day, the full name if known."""

    country: str
    first: date
    last: date
    full_name: str = ""
    initials: str = ""  # of the given names, where the table writes them so ("G.H.W. Bush")

    def in_office(self, day: date) -> bool:
        return self.first <= day <= self.last

    def recent(self, day: date) -> bool:
        """In office on ``day`` or left it at most ``RECENT_YEARS`` before."""
        return self.first <= day and self.last.year >= day.year - RECENT_YEARS


# States whose people bear two surnames, the father's first, and are called by it ("Eduardo
# Frei" is the table's "Frei Ruiz-Tagle", "Alan Garcia" its "Garcia Perez").
SPANISH_NAMES = {"AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GQ", "GT", "HN", "MX",
                 "NI", "PA", "PE", "PY", "SV", "UY", "VE"}  # fmt: skip

# Spellings of one name in transliteration ("Mohammed VI" is the table's "Muhammad VI").
SPELLINGS = {"mohammed": "muhammad", "mohamed": "muhammad", "mohammad": "muhammad",
             "muhammed": "muhammad", "mohamad": "muhammad"}  # fmt: skip


def name_key(name: str) -> str:
    """ "Kim Jong-Il" and "Kim Jong Il" share a key: lower case, no accents, no hyphens, one
    spelling of a transliterated name ("Mohammed VI", "Muhammad VI")."""
    words = fold(name).replace("-", " ").replace(".", " ").split()
    return " ".join(SPELLINGS.get(word, word) for word in words)


class Leaders:
    """Leaders by name key (the table's name, and the full name where it has one)."""

    def __init__(
        self,
        leaders: dict[str, list[Leader]],
        paternal: dict[str, list[Leader]] | None = None,
        families: dict[str, list[Leader]] | None = None,
    ):
        self._by_name = leaders
        self._paternal = paternal or {}
        self._families = families or {}
        # Names several leaders bore ("Castro": Cuba's, Ecuador's, Honduras's)
        self._shared = {
            key
            for key, found in leaders.items()
            if len({(leader.country, leader.full_name) for leader in found}) > 1
        }

    @classmethod
    def load(cls, path: Path) -> Leaders:
        """Read ``name<TAB>full name<TAB>ISO2<TAB>first day<TAB>last day`` rows."""
        table: dict[str, list[Leader]] = {}
        paternal: dict[str, list[Leader]] = {}
        states: dict[str, set[str]] = {}  # (the states of leaders whose name starts so)
        given: set[str] = set()  # (the first words of the full names)
        # (the family names of the names the table gives in full, "Abe" of "Shinzo Abe")
        families: dict[str, list[Leader]] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            try:
                name, full, country, first, last = fields
                surname, initials = _initialled(name)
                # (a name of several words with no full name beside it is the full name)
                whole = full or (name if not initials and _several_words(name, country) else "")
                leader = Leader(
                    country, date.fromisoformat(first), date.fromisoformat(last), whole, initials
                )
            except ValueError as error:
                raise ValueError(
                    f"{path}:{number}: expected name, full name, ISO2 code, first and last day "
                    f"(YYYY-MM-DD) separated by tabs: {error}"
                ) from None
            if len(country) != 2 or not country.isupper() or not name.strip():
                raise ValueError(f"{path}:{number}: {country!r} is no ISO 3166 alpha-2 code")
            # (and a long full name's last two words: "Mujibur Rahman" of "Sheikh Mujibur Rahman")
            tail = " ".join(name_key(full).split()[-2:]) if len(full.split()) > 2 else ""
            # (and the surname of a name the table gives with initials: "Bush" of "G.H.W.
            # Bush", "Gandhi" of "Gandhi, I.")
            keys = {name_key(name), name_key(full), tail, name_key(surname), _reigning(name)}
            # (and the first and last words of a long name: "Najib Razak" of "Najib Tun Razak")
            keys |= {_ends(name_key(name)), _ends(name_key(full))}
            for key in keys - {""}:
                table.setdefault(key, []).append(leader)
            if whole == name and _several_words(name, country):
                family = family_first(name) or name_words(name)[-1]
                families.setdefault(name_key(family), []).append(leader)
            first_word = name_key(name.split()[0]) if "," not in name else ""
            states.setdefault(first_word, set()).add(country)
            if len(full.split()) > 1:
                given.add(name_key(full.split()[0]))
            if country in SPANISH_NAMES and not full and len(name.split()) == 2:
                paternal.setdefault(first_word, []).append(leader)
        # (not a given name the table writes first, "Martin Torrijos"; nor a surname leaders of
        # several states bore, "Fernandez Reyna" and "Fernandez de Kirchner")
        kept = {
            key: found
            for key, found in paternal.items()
            if key not in given and len(states[key]) == 1
        }
        # (nor a word full names start with, a given name: "Martin" of "Micheal Martin" is
        # also Martin Torrijos's; but a family name that leads is no given name, "Kim")
        surnames = {
            key: found
            for key, found in families.items()
            if key not in given or all(family_first(leader.full_name) for leader in found)
        }
        return cls(table, kept, surnames)

    def country(self, name: str, day: date) -> str | None:
        """The state a person of this name led on ``day`` or recently, if only one did.

        The name's full form is tried first, then its last three, two and one words
        ("Nicolas Sarkozy" → "sarkozy"). When the table knows the leader's full name and the
        text gives more than the matched words, the words before must be in it: "Ryan Howard"
        is not John Howard; a name several leaders bore needs that check ("Xiomara Castro" is
        not the Castro of Cuba, whose full name the table lacks).
        """
        found = self._bearers(name, lambda leader: leader.recent(day))
        countries = {leader.country for leader in found}
        if len(countries) > 1:
            countries = {leader.country for leader in found if leader.in_office(day)}
        return countries.pop() if len(countries) == 1 else None

    def country_in(self, name: str, year: int) -> str | None:
        """The state a person of this name led during ``year``, if only one did (the name
        matched as in ``country``)."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        found = self._bearers(name, lambda leader: leader.first <= last and leader.last >= first)
        countries = {leader.country for leader in found}
        return countries.pop() if len(countries) == 1 else None

    def _bearers(self, name: str, keep: Callable[[Leader], bool]) -> list[Leader]:
        """The kept leaders of the longest tail of ``name`` that any kept leader bore."""
        words = name_key(name).split()
        for size in range(min(len(words), 3), 0, -1):
            tail = " ".join(words[-size:])
            found = [
                leader
                for leader in self._by_name.get(tail, ())
                if keep(leader) and _same_person(words, size, leader, tail in self._shared)
            ]
            if found:
                return found
        if not 0 < len(words) <= 2:
            return []
        # ("Abe" is REIGN's "Shinzo Abe", "Kim" its "Kim Jong Un": a family name of a name the
        # table gives in full, when no name of the table is the one the text gives; not a
        # Spanish one's last word, the mother's surname)
        found = [
            leader
            for leader in self._families.get(words[-1], ())
            if keep(leader) and _same_person(words, 1, leader, shared=False)
        ]
        if found:
            return found
        # ("Eduardo Frei" is the table's "Frei Ruiz-Tagle": called by the father's surname; not
        # the mother's of "Vladimir Padrino Lopez")
        return [leader for leader in self._paternal.get(words[-1], ()) if keep(leader)]


def _several_words(name: str, country: str) -> bool:
    """A name of two words or more, not "Surname, Given" and not of a Spanish-speaking state."""
    return len(name.split()) > 1 and "," not in name and country not in SPANISH_NAMES


def _ends(key: str) -> str:
    """The first and last words of a name of three or more words, else ""."""
    words = key.split()
    return f"{words[0]} {words[-1]}" if len(words) > 2 else ""


# A regnal number ("Hassan II", "Makarios III").
REGNAL = re.compile(r"^(?P<name>\w+) [IVX]+$")


def _reigning(name: str) -> str:
    """ "King Hassan" is the table's "Hassan II": a one-word name with a regnal number is known
    without it too (not "Muhammad", which too many bear)."""
    found = REGNAL.match(name.strip())
    key = name_key(found["name"]) if found else ""
    return "" if key in SPELLINGS.values() else key


# What follows a family name without being one ("Ferdinand Marcos Jr.", "Ronald Stewart III").
NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}


def name_words(name: str) -> list[str]:
    """A person's name without the suffix that follows the family name: "Marcos" is the family
    name of "Ferdinand Marcos Jr."; and without the article joined to an Arabic family name:
    "Bashir" is the family name of "Omar al-Bashir"."""
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".,") in NAME_SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and (joined := ARTICLE_PREFIX.match(words[-1])) is not None:
        words = [*words[:-1], words[-1][joined.end() :]]
    return words


# The article an Arabic family name carries: "al-Bashir", "el-Sisi", "ash-Shara".
ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an)-(?=[A-Z])")


# Chinese family names in pinyin, which lead a two-word name ("Xi" of "Xi Jinping", "Wang"
# of "Wang Yi"); the most common ones and those of leaders in the news.
CHINESE_FAMILY_NAMES = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
    "Zhu", "Hu", "Guo", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
    "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang",
    "Du", "Ye", "Cheng", "Wei", "Su", "Ding", "Ren", "Shen", "Yao", "Qin", "Dai", "Xi", "Wen",
    "Qian", "Bo", "Kong", "Zhong", "Meng", "Qiao", "Yan", "Lu", "Fan", "Fu", "Shi", "Zhai",
}  # fmt: skip


def family_first(name: str) -> str | None:
    """The family name of a Korean-style name, which leads it: "Kim" of "Kim Jong Il", of
    "Kim Jong-un", of "Lee Myung Bak" (three short syllables, or a hyphenated given name); and
    of a Chinese one: "Xi" of "Xi Jinping" (a known family name, then one given name)."""
    words = name.replace("-", " ").split()
    parts = name.split()  # ("Kim Jong-un"; not "Jean-Claude Juncker", "Hans-Dietrich Genscher")
    hyphenated = len(parts) == 2 and "-" in parts[1] and "-" not in parts[0] and len(words) == 3
    syllables = len(parts) == 3 and all(1 < len(w) <= 5 and w.isalpha() for w in parts)
    chinese = (
        len(parts) == 2
        and parts[0] in CHINESE_FAMILY_NAMES
        and parts[1].isalpha()
        and parts[1][:1].isupper()
        and parts[1][1:].islower()
    )
    if (hyphenated or syllables or chinese) and words[0][:1].isupper():
        return words[0]
    return None


def _initialled(name: str) -> tuple[str, str]:
    """(surname, initials) of a name the table writes with initials ("G.H.W. Bush" → ("Bush",
    "ghw"), "Gandhi, I." → ("Gandhi", "i")); ("", "") for other names."""
    if "," in name:
        surname, _, rest = name.partition(",")
        letters = rest.replace(".", " ").split()
        if letters and all(len(letter) == 1 for letter in letters):
            return surname.strip(), "".join(letters).lower()
        return "", ""
    words = name.split()
    initials = [w for w in words[:-1] if len(w.replace(".", "")) <= 3 and "." in w]
    if not initials or len(initials) != len(words) - 1:
        return "", ""
    return words[-1], "".join(w.replace(".", "") for w in initials).lower()


def _same_person(words: list[str], matched: int, leader: Leader, shared: bool) -> bool:
    given = words[:-matched]
    if not given:
        return True
    if not leader.full_name and leader.initials:
        return given[0][:1] == leader.initials[:1]  # ("George Bush": G.H.W. Bush)
    if not leader.full_name:
        return not shared
    return set(given) <= set(name_key(leader.full_name).split())
