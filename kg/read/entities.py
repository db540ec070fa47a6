"""The one reading of an entity name a user types, for every command that takes one.

``kg claims --entity "North Korean trops"`` printed an empty table, ``kg figures`` refused with
its own words and ``kg view`` pointed to a list ``kg stats`` does not print: three answers to one
typo. Every command now asks :func:`entity_name` (or :func:`entities_named` where it needs the
entities themselves): a name is known when it is an entity's label or alias, or the words an
article used for it, in any case (as the canned queries match an ``entity`` parameter); an
unknown one is one error line with up to three close names an article used. The names are many
and the typos are letters dropped, doubled or swapped inside words, so rapidfuzz's ratio over the
whole name (case and punctuation aside) ranks them, and a name that holds the typed words whole
ranks high too ("Korea" -> "North Korea"); its weighted ratio would also put a name that is only
a part of the one typed first ("Kim" for "Kim Jong Oon").
"""

from __future__ import annotations

from rapidfuzz import fuzz, utils
from rdflib import Dataset, URIRef

from kg.errors import QueryError
from kg.rdf.ontology import ID
from kg.rdf.sparql import PREFIX_HEADER, sparql_string
from kg.read.projection import rows

__all__ = ["entities_named", "entity_name", "suggestions"]

#: A name must score this much (0-100) against the one typed to be suggested.
_CUTOFF = 65


def entity_name(dataset: Dataset, given: str, *, option: str = "--entity") -> str:
    """``given`` without its outer spaces ("" for none), once the store knows it.

    Raises:
        QueryError: No entity has that name; the message offers up to three close ones.
    """
    name = given.strip()
    if name:
        entities_named(dataset, name, option=option)
    return name


def entities_named(dataset: Dataset, given: str, *, option: str = "--entity") -> tuple[str, ...]:
    """The IRIs of every entity called ``given`` (label, alias or mention text, any case;
    "Korea" may be two), sorted. ``option`` names where the name was given, for the message
    ("" where it was no option).

    Raises:
        QueryError: No entity has that name; the message offers up to three close ones.
    """
    name = given.strip()
    query = f"""{PREFIX_HEADER}SELECT DISTINCT ?e WHERE {{
  {{ GRAPH ?g {{ ?e rdfs:label|skos:altLabel ?text }} }}
  UNION {{ GRAPH ?g {{ ?m ckg:refersTo ?e ; ckg:text ?text }} }}
  FILTER(STRSTARTS(STR(?e), {sparql_string(str(ID))}) && LCASE(STR(?text)) = LCASE({sparql_string(name)}))
}}"""
    found = tuple(sorted(str(e) for (e,) in rows(dataset, query) if isinstance(e, URIRef)))
    if found:
        return found
    close = suggestions(dataset, name)
    hint = f"; did you mean {_either(close)}?" if close else "; no article names an entity like it"
    raise QueryError(f"{option + ' ' if option else ''}{given!r} names no entity in the store{hint}")


def suggestions(dataset: Dataset, name: str, *, limit: int = 3) -> list[str]:
    """Up to ``limit`` names close to ``name``, one per entity, the closest first: among the
    labels, aliases and mention texts of the entities the articles mention."""
    names: dict[str, str] = {}  # name as written -> its entity
    query = f"""{PREFIX_HEADER}SELECT DISTINCT ?e ?text WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?m ckg:refersTo ?e }} }} }}
  {{ GRAPH ?h {{ ?e rdfs:label|skos:altLabel ?text }} }}
  UNION {{ GRAPH ?h {{ ?n ckg:refersTo ?e ; ckg:text ?text }} }}
}}"""
    for entity, text in sorted(rows(dataset, query), key=lambda row: (str(row[1]), str(row[0]))):
        names.setdefault(str(text), str(entity))
    typed = utils.default_process(name)
    scores = ((text, _closeness(typed, utils.default_process(text))) for text in names)
    ranked = [(text, score) for text, score in scores if score >= _CUTOFF]
    chosen: dict[str, str] = {}  # entity -> its closest name
    for text, _ in sorted(ranked, key=lambda hit: (-hit[1], len(hit[0]), hit[0])):
        chosen.setdefault(names[text], text)
        if len(chosen) == limit:
            break
    return list(chosen.values())


def _closeness(typed: str, name: str) -> float:
    """0-100, both folded: the edit ratio, or 80 where the name holds the typed words whole
    ("Korea" in "North Korea"), since a reader often types a part of a name."""
    score = fuzz.ratio(typed, name)
    return max(score, 80.0) if typed and f" {typed} " in f" {name} " else score


def _either(names: list[str]) -> str:
    quoted = [repr(name) for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
