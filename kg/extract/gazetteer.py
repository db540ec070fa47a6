"""The gazetteer: known conflict actors and places, with every name English news gives them.

``ontology/gazetteer.json`` is data, not code, so that an analyst can add an actor without
touching Python; this module is the only reader of it. It checks the whole file once on load
(a typo in an id or a class would otherwise surface much later as a missing node or an
unknown IRI) and then answers the questions the pipeline asks:

- which entry a name denotes (:meth:`Gazetteer.lookup`), after the normalisation news text
  needs: curly quotes, spacing, case, a leading "the" and a possessive "'s", and then the
  romanisation fold of :func:`kg.extract.names.fold_name` ("Zelenskii", "Kim Jong-Un", "Andriy");
- which entry a misspelt name most resembles (:meth:`Gazetteer.similar`), a fuzzy match that
  the resolver calls with its measured threshold;
- which state a nationality adjective names (:meth:`Gazetteer.state_for_demonym`);
- which state a capital stands for when it acts ("Pyongyang said"; :meth:`Gazetteer.capital_of`);
- whether a name is a platform, weapon or event that must never become an actor
  (:meth:`Gazetteer.non_actor`);
- the background facts the file states (:meth:`Gazetteer.relations`).

One-word all-capital acronyms ("US", "NIS", "DIU") match only as written: folded to lower case
they collide with ordinary words ("us"). Every other name matches case-insensitively. A folded
form shared by names of two entries matches neither (it is logged): the exact names still do.

Every problem with the file raises :class:`~kg.errors.OntologyError` naming the file and the
offending entry. No spaCy here: :mod:`kg.extract.nlp` turns :meth:`Gazetteer.alias_items` into patterns.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import OntologyError
from kg.extract.names import NameMatcher, fold_name
from kg.files import ontology_dir, read_json
from kg.model import ENTITY_CLASSES, Relation

__all__ = [
    "ENTRY_CLASSES",
    "GAZETTEER_FILE",
    "NON_ACTOR_KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "load_gazetteer",
    "normalize_name",
]

log = logging.getLogger(__name__)

#: File name inside :func:`kg.rdf.ontology.ontology_dir`.
GAZETTEER_FILE = "gazetteer.json"

#: Classes an entry may have: the concrete ones. ``Actor`` and ``Location`` are abstract in the
#: ontology ("use a subclass when the kind is known"), and a gazetteer entry always knows it.
ENTRY_CLASSES = ENTITY_CLASSES - {"Actor", "Location"}

#: Kinds of names listed under ``non_actors``; :mod:`kg.extract.nlp` uses them as pattern ids.
NON_ACTOR_KINDS = ("event", "platform", "weapon")

#: Relation lists of an entry, and the ``ckg:`` property each becomes.
_RELATION_FIELDS = (("part_of", "partOf"), ("located_in", "locatedIn"), ("leader_of", "leaderOf"))

_ENTRY_KEYS = frozenset(
    {"id", "label", "class", "wikidata", "aliases", "demonyms", "capital_of"}
    | {f for f, _ in _RELATION_FIELDS}
)
_TOP_KEYS = frozenset({"about", "entities", "non_actors"})
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q\d+$")
V = TypeVar("V")

#: Typographic variants folded before matching; news copy mixes them freely.
_PUNCT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
    }
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known actor or place: its fixed id (the IRI's last segment) and how it is named."""

    id: str
    label: str
    cls: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()
    leader_of: tuple[str, ...] = ()
    capital_of: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases: every name the entry answers to."""
        return (self.label, *self.aliases)


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, straight quotes, single spaces, case folded,
    without a leading "the " or a trailing "'s".

    Exposed so that callers comparing names themselves fold them exactly as lookups do.
    """
    return _strip(name).casefold()


class Gazetteer:
    """The loaded, validated gazetteer, indexed for lookups. Build it with :func:`load_gazetteer`.

    Attributes:
        entries: Every entry, sorted by id so iteration order never depends on the file's.
    """

    __slots__ = (
        "_by_id",
        "_demonyms",
        "_exact",
        "_folded",
        "_matchers",
        "_non_actor_exact",
        "_non_actor_folded",
        "_non_actors",
        "_romanised",
        "entries",
    )

    def __init__(
        self, entries: Iterable[GazetteerEntry], non_actors: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        """Index ``entries`` and ``non_actors`` (kind -> names).

        The constructor trusts its input; :func:`load_gazetteer` is what checks a file for
        clashing names, so here a later name never replaces an earlier one.
        """
        self.entries: tuple[GazetteerEntry, ...] = tuple(sorted(entries, key=lambda e: e.id))
        self._non_actors = {kind: tuple(terms) for kind, terms in sorted((non_actors or {}).items())}
        self._by_id = {e.id: e for e in self.entries}
        self._exact: dict[str, GazetteerEntry] = {}
        self._folded: dict[str, GazetteerEntry] = {}
        self._demonyms: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for name in entry.names:
                _index(name, entry, self._exact, self._folded)
            for word in entry.demonyms:
                self._demonyms.setdefault(normalize_name(word), entry)
        self._romanised = _romanised_index(self.entries)
        self._matchers: dict[frozenset[str], NameMatcher] = {}
        self._non_actor_exact: dict[str, str] = {}
        self._non_actor_folded: dict[str, str] = {}
        for kind, terms in self._non_actors.items():
            for term in terms:
                _index(term, kind, self._non_actor_exact, self._non_actor_folded)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self.entries)} entries>"

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        """Whether an entry has this id (a mention's key may be one the articles made)."""
        return entry_id in self._by_id

    def get(self, entry_id: str) -> GazetteerEntry:
        """The entry with this id.

        Raises:
            KeyError: No entry has this id.
        """
        return self._by_id[entry_id]

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry whose label or alias ``name`` is, or None.

        "the U.S.", "Zelensky", "Democratic People’s Republic of Korea" all find their entry,
        and so do spellings the romanisation fold joins to a listed name ("Zelenskii",
        "Kim Jong-Un"); "us" finds nothing, because "US" is an acronym and acronyms match as
        written.
        """
        hit = _find(name, self._exact, self._folded)
        if hit is not None:
            return hit
        text = _strip(name)
        return None if not text or _is_acronym(text) else self._romanised.get(fold_name(text))

    def similar(
        self, name: str, classes: Collection[str], *, threshold: float, margin: float
    ) -> GazetteerEntry | None:
        """The entry of one of ``classes`` whose names ``name`` resembles, or None.

        A fuzzy match (:class:`kg.extract.names.NameMatcher`) for spellings no alias and no fold
        explains ("Volodimir Zelensky"). None when the best entry scores under ``threshold``,
        when another entry scores within ``margin`` of it, and for names too short or single
        words. Call :meth:`lookup` first: a listed name is no guess.
        """
        wanted = frozenset(classes)
        matcher = self._matchers.get(wanted)
        if matcher is None:
            matcher = NameMatcher((n, e.id) for e in self.entries if e.cls in wanted for n in e.names)
            self._matchers[wanted] = matcher
        key = matcher.match(name, threshold=threshold, margin=margin)
        return None if key is None else self._by_id[key]

    def state_for_demonym(self, word: str) -> GazetteerEntry | None:
        """The state a nationality adjective refers to ("North Korean" -> North Korea), or None.

        Case-insensitive; plurals are the caller's business ("Russians" is not a demonym).
        """
        return self._demonyms.get(normalize_name(word))

    def capital_of(self, entry_id: str) -> GazetteerEntry | None:
        """The state whose capital the entry is, or None when it is not a capital.

        A capital that says or expects something stands for that state's government.

        Raises:
            KeyError: No entry has this id.
        """
        state = self.get(entry_id).capital_of
        return None if state is None else self.get(state)

    def non_actor(self, name: str) -> str | None:
        """The kind ("platform", "weapon", "event") of a name that must never become an actor."""
        return _find(name, self._non_actor_exact, self._non_actor_folded)

    def non_actor_terms(self) -> dict[str, tuple[str, ...]]:
        """Every non-actor name by kind, as written in the file (a copy the caller may keep)."""
        return dict(self._non_actors)

    def alias_items(self) -> Iterator[tuple[str, GazetteerEntry]]:
        """Every label and alias with its entry, entries by id and names in file order.

        The order is fixed so that patterns built from it, and anything derived, are
        reproducible from run to run.
        """
        for entry in self.entries:
            for name in entry.names:
                yield name, entry

    def relations(self) -> Iterator[Relation]:
        """The background facts the file states: partOf, locatedIn and leaderOf between entry ids."""
        for entry in self.entries:
            for field_name, predicate in _RELATION_FIELDS:
                for target in getattr(entry, field_name):
                    yield Relation(entry.id, predicate, target)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read and validate a gazetteer file.

    Args:
        path: The JSON file; ``ontology_dir() / "gazetteer.json"`` when omitted (tests and
            users with their own list point elsewhere).

    Raises:
        OntologyError: The file is missing, is not JSON, or breaks a rule: an entry without
            id, label or class; a class that is not a concrete ontology class; an id that is
            duplicated or not a lowercase slug; a part_of, located_in, leader_of or capital_of
            naming no entry; a name (label, alias or demonym) claimed by two entries; a malformed
            Wikidata id. The message names the file and the entry.
    """
    path = path if path is not None else ontology_dir() / GAZETTEER_FILE
    document = read_json(path)
    if not isinstance(document, dict):
        raise OntologyError(f'{path}: expected a JSON object with an "entities" list')
    unknown = sorted(set(document) - _TOP_KEYS)
    if unknown:
        raise OntologyError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}; "
            f"use {', '.join(sorted(_TOP_KEYS))}"
        )
    raw_entries = document.get("entities")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise OntologyError(f'{path}: "entities" must be a non-empty list of objects')
    entries = [_parse_entry(path, i, raw) for i, raw in enumerate(raw_entries)]
    non_actors = _parse_non_actors(path, document.get("non_actors", {}))
    _check_ids(path, entries)
    _check_references(path, entries)
    _check_names(path, entries, non_actors)
    return Gazetteer(tuple(entries), non_actors)


# ----------------------------------------------------------------------------------- matching


def _strip(name: str) -> str:
    """Normalised but not case-folded: what acronyms are compared in."""
    text = " ".join(unicodedata.normalize("NFKC", name).translate(_PUNCT).split())
    if text[:4].casefold() == "the " and len(text) > 4:
        text = text[4:]
    if text[-2:].casefold() == "'s" and len(text) > 2:
        text = text[:-2]
    return text


def _is_acronym(text: str) -> bool:
    """One token, some letters, none lower-case: "US", "U.S.", "NIS", "G7"."""
    return " " not in text and any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def _key(name: str) -> tuple[bool, str]:
    """(case-sensitive?, key) for a name as the indexes store it."""
    text = _strip(name)
    return (True, text) if _is_acronym(text) else (False, text.casefold())


def _index(name: str, value: V, exact: dict[str, V], folded: dict[str, V]) -> None:
    sensitive, key = _key(name)
    (exact if sensitive else folded).setdefault(key, value)


def _romanised_index(entries: Iterable[GazetteerEntry]) -> dict[str, GazetteerEntry]:
    """Folded name -> entry, for every name but acronyms; a form two entries share is left out."""
    index: dict[str, GazetteerEntry] = {}
    clashes: set[str] = set()
    for entry in entries:
        for name in entry.names:
            text = _strip(name)
            if _is_acronym(text):
                continue
            key = fold_name(text)
            if index.setdefault(key, entry) is not entry:
                clashes.add(key)
    for key in sorted(clashes):
        log.warning("gazetteer: the folded name %r belongs to several entries; it matches none", key)
        del index[key]
    return index


def _find(name: str, exact: dict[str, V], folded: dict[str, V]) -> V | None:
    text = _strip(name)
    if not text:
        return None
    hit = exact.get(text)
    return hit if hit is not None else folded.get(text.casefold())


# ----------------------------------------------------------------------------------- loading


def _parse_entry(path: Path, index: int, raw: Any) -> GazetteerEntry:
    where = f"{path}: entry #{index + 1}"
    if not isinstance(raw, dict):
        raise OntologyError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str) and raw["id"]:
        where = f"{path}: entry {raw['id']!r}"
    for key in ("id", "label", "class"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise OntologyError(f"{where}: {key!r} is missing or not a non-empty string")
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise OntologyError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; use {', '.join(sorted(_ENTRY_KEYS))}"
        )
    entry_id, cls = raw["id"], raw["class"]
    if not _SLUG.match(entry_id):
        raise OntologyError(
            f"{where}: the id must be a lowercase ASCII slug (letters, digits, single hyphens), "
            f"e.g. 'north-korea'"
        )
    if cls not in ENTRY_CLASSES:
        raise OntologyError(f"{where}: unknown class {cls!r}; use one of {', '.join(sorted(ENTRY_CLASSES))}")
    wikidata = _optional_str(where, raw, "wikidata")
    if wikidata is not None and not _QID.match(wikidata):
        raise OntologyError(f"{where}: wikidata {wikidata!r} is not a Wikidata item id like 'Q423'; use null")
    entry = GazetteerEntry(
        id=entry_id,
        label=raw["label"],
        cls=cls,
        wikidata=wikidata,
        aliases=_str_list(where, raw, "aliases"),
        demonyms=_str_list(where, raw, "demonyms"),
        part_of=_str_list(where, raw, "part_of"),
        located_in=_str_list(where, raw, "located_in"),
        leader_of=_str_list(where, raw, "leader_of"),
        capital_of=_optional_str(where, raw, "capital_of"),
    )
    if entry.demonyms and cls != "State":
        raise OntologyError(f"{where}: only a State may have demonyms (they resolve to the state)")
    if entry.leader_of and cls != "Person":
        raise OntologyError(f"{where}: only a Person may have leader_of (ckg:leaderOf has domain Person)")
    if entry.capital_of is not None and cls != "Settlement":
        raise OntologyError(f"{where}: only a Settlement may be a capital_of a state")
    return entry


def _str_list(where: str, raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OntologyError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def _optional_str(where: str, raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise OntologyError(f"{where}: {key!r} must be a non-empty string or null")
    return value


def _parse_non_actors(path: Path, raw: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise OntologyError(f'{path}: "non_actors" must be an object of kind -> list of names')
    unknown = sorted(set(raw) - set(NON_ACTOR_KINDS))
    if unknown:
        raise OntologyError(
            f"{path}: unknown non_actors kind(s) {', '.join(map(repr, unknown))}; "
            f"use {', '.join(NON_ACTOR_KINDS)}"
        )
    out: dict[str, tuple[str, ...]] = {}
    for kind in sorted(raw):
        out[kind] = _str_list(f"{path}: non_actors", raw, kind)
    return out


def _check_ids(path: Path, entries: Iterable[GazetteerEntry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise OntologyError(f"{path}: entry {entry.id!r}: duplicate id; every id must be unique")
        seen.add(entry.id)


def _check_references(path: Path, entries: list[GazetteerEntry]) -> None:
    by_id = {e.id: e for e in entries}
    for entry in entries:
        targets = [(f, t) for f, _ in _RELATION_FIELDS for t in getattr(entry, f)]
        if entry.capital_of is not None:
            targets.append(("capital_of", entry.capital_of))
        for field_name, target in targets:
            if target not in by_id:
                raise OntologyError(
                    f"{path}: entry {entry.id!r}: {field_name} names {target!r}, which is not an entry id"
                )
            if target == entry.id:
                raise OntologyError(f"{path}: entry {entry.id!r}: {field_name} names the entry itself")
        if entry.capital_of is not None and by_id[entry.capital_of].cls != "State":
            raise OntologyError(
                f"{path}: entry {entry.id!r}: capital_of names {entry.capital_of!r}, which is not a State"
            )
    for field_name in ("part_of", "located_in"):
        _check_acyclic(path, by_id, field_name)


def _check_acyclic(path: Path, by_id: Mapping[str, GazetteerEntry], field_name: str) -> None:
    """part_of and located_in are transitive hierarchies; a cycle would make a thing part of itself."""
    finished: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in finished:
            return
        if node in trail:
            cycle = " -> ".join([*trail[trail.index(node) :], node])
            raise OntologyError(f"{path}: entry {node!r}: {field_name} forms a cycle: {cycle}")
        for parent in getattr(by_id[node], field_name):
            visit(parent, [*trail, node])
        finished.add(node)

    for node in sorted(by_id):
        visit(node, [])


def _check_names(
    path: Path, entries: list[GazetteerEntry], non_actors: Mapping[str, tuple[str, ...]]
) -> None:
    """No name may lead to two places: the ruler and the resolver would pick one silently.

    Across entries names are compared case-folded even where acronyms match case-sensitively,
    so "US" and an alias "Us" elsewhere still clash; within one entry an acronym and its
    folded spelling may both be listed ("NATO", "Nato"), since they match different text.
    Demonyms may not equal a name either: a name that is also a nationality adjective would be
    dropped as "not an entity" by the extractor.
    """
    owners: dict[str, tuple[str, str]] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        mine: set[tuple[bool, str]] = set()
        for name in entry.names:
            key = normalize_name(name)
            if not key:
                raise OntologyError(f"{path}: entry {entry.id!r}: name {name!r} is empty once normalised")
            if _key(name) in mine:
                raise OntologyError(
                    f"{path}: entry {entry.id!r}: {name!r} is listed twice (matching ignores case, "
                    f"quotes, a leading 'the' and a trailing \"'s\"); remove one"
                )
            mine.add(_key(name))
            if key in owners and owners[key][0] != entry.id:
                other, other_name = owners[key]
                raise OntologyError(
                    f"{path}: entry {entry.id!r}: name {name!r} is also {other_name!r} of entry {other!r}; "
                    f'a name must point at one entry (qualify it, e.g. "Russia\'s ...")'
                )
            owners[key] = (entry.id, name)
    demonym_owners: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        for word in entry.demonyms:
            key = normalize_name(word)
            if key in demonym_owners and demonym_owners[key] != entry.id:
                raise OntologyError(
                    f"{path}: entry {entry.id!r}: demonym {word!r} also belongs to {demonym_owners[key]!r}"
                )
            if key in owners:
                raise OntologyError(
                    f"{path}: entry {entry.id!r}: demonym {word!r} is also a name of entry "
                    f"{owners[key][0]!r}; demonyms are adjectives ('North Korean'), names go in aliases"
                )
            demonym_owners[key] = entry.id
    seen_terms: dict[str, str] = {}
    for kind, terms in sorted(non_actors.items()):
        for term in terms:
            key = normalize_name(term)
            if key in owners:
                raise OntologyError(
                    f"{path}: non_actors {kind}: {term!r} is also a name of entry {owners[key][0]!r}"
                )
            if key in seen_terms:
                raise OntologyError(
                    f"{path}: non_actors {kind}: {term!r} is listed twice (also under {seen_terms[key]!r})"
                )
            seen_terms[key] = kind
