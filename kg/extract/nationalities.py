"""The states of the world as the nationality words of news name them: "Sudanese", "Congolese".

The gazetteer knows the states of one war with their demonyms; a national force of any other
war ("the Sudanese army", "Chadian troops") needs the state behind its adjective too. The
demonyms come from the ``countryinfo`` package's data (one per state). One word may belong to
several states ("Congolese": both Congos; "Dominican"): it names all of them, and the caller
decides by what else the text names, or not at all.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.extract.gazetteer import normalize_name
from kg.extract.places import place_index

__all__ = ["Nation", "nation", "nations_for_demonym", "nations_named"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Nation:
    """A state outside the gazetteer: its ISO 3166-1 alpha-2 code, English name and demonym."""

    code: str
    name: str
    demonym: str

    @property
    def key(self) -> str:
        """A stable slug of the name: "Burkina Faso" -> burkina-faso."""
        return _NON_SLUG.sub("-", self.name.lower()).strip("-")


def nation(code: str) -> Nation | None:
    """The state with this ISO alpha-2 code, or None when the data has no demonym for it."""
    return _nations().get(code)


def nations_for_demonym(word: str) -> tuple[Nation, ...]:
    """Every state ``word`` is the nationality adjective of, sorted by code; empty when none."""
    return _by_demonym().get(normalize_name(word), ())


def nations_named(name: str) -> tuple[Nation, ...]:
    """The states a place name denotes ("Myanmar", "Burma", "DRC"), by the places data."""
    found = (nation(p.country) for p in place_index().candidates(name) if p.cls == "State")
    return tuple(n for n in found if n is not None)


@cache
def _nations() -> dict[str, Nation]:
    out: dict[str, Nation] = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        code = record.get("ISO", {}).get("alpha2")
        name, demonym = record.get("name"), record.get("demonym")
        if code and name and demonym:
            out[code] = Nation(code, name, demonym)
    return out


@cache
def _by_demonym() -> dict[str, tuple[Nation, ...]]:
    index: dict[str, list[Nation]] = defaultdict(list)
    for code in sorted(_nations()):
        found = _nations()[code]
        index[normalize_name(found.demonym)].append(found)
    return {word: tuple(states) for word, states in index.items()}
