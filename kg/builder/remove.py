"""``kg remove``: take articles back out of a store, and what only they said about entities.

An article is named by its IRI, its file name (``ckg:sourceFile``) or its URL (``schema:url``).
Its named graph goes, and so does every entity description in the shared entities graph that no
remaining article gives (each article graph keeps its own copy of the descriptions it made, so
the result is exactly the store those other articles alone would have built). All removals go
to the store in one batch: on a transactional store, a failure leaves it as it was. The stories
and assertions are then recomputed without them (:mod:`kg.builder.across`): a removed copy leaves
its story to the other copies, and an assertion loses one report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.builder.across import refresh
from kg.errors import InputError
from kg.rdf.mapping import Quad
from kg.rdf.ontology import (
    CKG,
    ENTITIES_GRAPH,
    GAZETTEER_GRAPH,
    GEO,
    ONTOLOGY_GRAPH,
    OWL,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
)
from kg.read.figure_table import TableUpkeep
from kg.store import QuadStore

__all__ = ["RemovalReport", "find_articles", "remove_articles"]

#: The predicates of an entity description (kg.rdf.mapping writes these for each entity).
#: Graphs that no article owns: a description there is supported only through an article graph.
_SHARED_GRAPHS = frozenset({ENTITIES_GRAPH, GAZETTEER_GRAPH, ONTOLOGY_GRAPH})
_DESCRIBING = frozenset(
    {RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs, GEO.lat, GEO.long, SCHEMA.containedInPlace}
)


@dataclass(frozen=True, slots=True)
class RemovalReport:
    """What a removal took out."""

    articles: tuple[str, ...]  # article IRIs
    quads_removed: int
    entities_dropped: tuple[str, ...]  # entity IRIs no remaining article mentions


def find_articles(dataset: Dataset, selectors: Sequence[str]) -> list[URIRef]:
    """The article IRIs the selectors name, in the selectors' order.

    Raises:
        InputError: a selector names no article in the store (the message lists a few there are).
    """
    articles: dict[URIRef, set[str]] = {}
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if p == RDF.type and o == CKG.Article and isinstance(s, URIRef):
            articles.setdefault(s, set()).add(str(s))
        elif p in (CKG.sourceFile, SCHEMA.url) and isinstance(s, URIRef):
            articles.setdefault(s, set()).add(str(o))
    found = []
    for selector in selectors:
        matches = [iri for iri, names in articles.items() if selector in names]
        if not matches:
            known = ", ".join(sorted(n for names in articles.values() for n in names if "/" not in n)[:5])
            raise InputError(
                f"no article {selector!r} in the store; give an article IRI, file name or URL ({known})"
            )
        found += [m for m in sorted(matches) if m not in found]
    return found


def remove_articles(
    store: QuadStore, selectors: Sequence[str], *, table: TableUpkeep | None = None
) -> RemovalReport:
    """Remove the named articles and the entity descriptions only they supported; ``table``, the
    store's figures table, loses their rows in the same step (else it is rebuilt when next read)."""
    dataset = store.dataset
    targets = find_articles(dataset, selectors)
    removed_graphs = set(targets)
    doomed: list[Quad] = []
    described: set[tuple[Node, Node, Node]] = set()
    for graph in targets:
        named = Graph(dataset.store, identifier=graph)  # Dataset.graph() would write to the store
        for s, p, o, _ in dataset.quads((None, None, None, named)):
            doomed.append((s, p, o, graph))
            if p in _DESCRIBING and not str(s).startswith(str(graph)):
                described.add((s, p, o))  # an entity description this article gave
    dropped_entities = set()
    for s, p, o in sorted(described):
        givers = {g for *_, g in dataset.quads((s, p, o, None))} - removed_graphs - _SHARED_GRAPHS
        if not givers:
            doomed.append((s, p, o, ENTITIES_GRAPH))
            if p == RDF.type:
                dropped_entities.add(str(s))
    removed = store.remove(doomed)
    refresh(store)  # the stories and assertions the removed articles were part of
    if table is not None:
        table.written(store, [str(t) for t in targets])
        table.finish(store)
    return RemovalReport(tuple(str(t) for t in targets), removed, tuple(sorted(dropped_entities)))
