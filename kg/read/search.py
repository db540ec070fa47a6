"""Find entities by any of their names: label, alias, or the words an article used for them.

A search is case-insensitive and matches a part of a name ("zelensk" finds Volodymyr
Zelenskyy through every spelling the gazetteer and the articles use). The text is passed to
SPARQL as an escaped string literal, so it can never change the query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset, URIRef

from kg.rdf.ontology import CKG, ID
from kg.rdf.sparql import PREFIX_HEADER, sparql_string
from kg.read.entities import entities_named
from kg.read.facts import Named, entity_key, iri_values, labels, named
from kg.read.projection import rows

__all__ = ["SearchHit", "entities_named", "search"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An entity a search found, with the names that matched and how often it is mentioned."""

    entity: Named
    classes: tuple[str, ...]
    matched: tuple[str, ...]
    mentions: int


def search(dataset: Dataset, text: str, *, limit: int = 200) -> list[SearchHit]:
    """Entities with a label, alias or mention text containing ``text`` (any case), the most
    mentioned first; at most ``limit`` of them."""
    needle = text.strip().lower()
    if not needle:
        return []
    query = f"""{PREFIX_HEADER}SELECT DISTINCT ?e ?text WHERE {{
  {{ GRAPH ?g {{ ?e rdfs:label|skos:altLabel ?text }} }}
  UNION {{ GRAPH ?g {{ ?m ckg:refersTo ?e ; ckg:text ?text }} }}
  FILTER(STRSTARTS(STR(?e), {sparql_string(str(ID))}) && CONTAINS(LCASE(STR(?text)), {sparql_string(needle)}))
}}"""
    matched: defaultdict[str, set[str]] = defaultdict(set)
    for entity, name in rows(dataset, query):
        if isinstance(entity, URIRef) and entity_key(str(entity)) is not None:
            matched[str(entity)].add(str(name))
    names = labels(dataset, matched)
    classes: defaultdict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = {}
    for values in iri_values(sorted(matched)):
        for entity, cls in rows(
            dataset, f"SELECT ?e ?c WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?e a ?c }} }}"
        ):
            if str(cls).startswith(str(CKG)):
                classes[str(entity)].add(str(cls)[len(str(CKG)) :])
        count_query = (
            f"{PREFIX_HEADER}SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{ VALUES ?e {{ {values} }} "
            "GRAPH ?g { ?m ckg:refersTo ?e } } GROUP BY ?e"
        )
        counts.update({str(entity): int(n) for entity, n in rows(dataset, count_query)})
    hits = [
        SearchHit(named(iri, names), tuple(sorted(classes[iri])), tuple(sorted(texts)), counts.get(iri, 0))
        for iri, texts in matched.items()
    ]
    hits.sort(key=lambda hit: (-hit.mentions, hit.entity.label.lower(), hit.entity.iri))
    return hits[:limit]
