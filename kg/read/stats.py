"""What a store holds, counted by named graph, by class (the articles' entities apart from the
gazetteer's), by measure and certainty (``kg stats``).

:func:`store_stats` reads any rdflib ``Dataset`` (an Oxigraph store, rdflib's memory store, a
parsed export) with a handful of single-predicate pattern scans and one size per named graph,
which both backends answer quickly; no SPARQL aggregate, which rdflib's memory store evaluates
slowly over ``GRAPH ?g``. :func:`format_stats` turns the result into table rows for the CLI.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.rdf.ontology import (
    ASSERTIONS_GRAPH,
    CKG,
    ENTITIES_GRAPH,
    GAZETTEER_GRAPH,
    ONTOLOGY_GRAPH,
    RDF,
    SCHEMA,
    STORIES_GRAPH,
)

__all__ = [
    "NO_FIGURE",
    "STATS_HEADERS",
    "GraphCount",
    "Stats",
    "format_stats",
    "store_stats",
]

logger = logging.getLogger(__name__)

GraphKind = Literal["entities", "gazetteer", "ontology", "stories", "assertions", "article", "other"]

#: The bucket of claims that carry no figure (attributed statements).
NO_FIGURE = "(no figure)"

#: Column names of :func:`format_stats` rows.
STATS_HEADERS = ("section", "name", "count")

_FIXED_GRAPHS: dict[str, GraphKind] = {
    str(ENTITIES_GRAPH): "entities",
    str(GAZETTEER_GRAPH): "gazetteer",
    str(ONTOLOGY_GRAPH): "ontology",
    str(STORIES_GRAPH): "stories",
    str(ASSERTIONS_GRAPH): "assertions",
}
_KIND_ORDER: tuple[GraphKind, ...] = (
    "entities",
    "gazetteer",
    "ontology",
    "stories",
    "assertions",
    "other",
    "article",
)


@dataclass(frozen=True, slots=True)
class GraphCount:
    """One named graph and its size.

    Attributes:
        name: The graph IRI.
        kind: "article", "entities", "gazetteer", "ontology", "stories", "assertions" or "other".
        quads: How many quads it holds.
        source: For an article graph, the input file (``ckg:sourceFile``).
        headline: For an article graph, its ``schema:headline``.
    """

    name: str
    kind: GraphKind
    quads: int
    source: str | None = None
    headline: str | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    """What :func:`store_stats` counts.

    Attributes:
        quads: All quads, over every graph.
        articles: Article graphs.
        graphs: Every named graph: entities, gazetteer, ontology, others, then the articles by
            source file.
        records: What the articles were read into, per ``ckg:`` class (Article, Mention, Claim,
            Quantity, Story, Assertion, ...): distinct nodes of the classes no entity has.
        entities: The articles' entities, each once.
        gazetteer_entities: The gazetteer's entities, each once.
        entities_by_class: The articles' entities (described in the entities graph: the
            mentioned ones), per class.
        gazetteer_by_class: The gazetteer's entities, per class, mentioned or not: counted
            apart, since "Person 122" beside the articles' "Person 10" reads as a contradiction.
        claims_by_measure: Claims with at least one figure of a measure, per measure, and
            :data:`NO_FIGURE` for claims without figures.
        claims_by_certainty: Claims per ``ckg:certainty`` concept.
    """

    quads: int
    articles: int
    graphs: tuple[GraphCount, ...]
    records: dict[str, int]
    entities: int
    gazetteer_entities: int
    entities_by_class: dict[str, int]
    gazetteer_by_class: dict[str, int]
    claims_by_measure: dict[str, int]
    claims_by_certainty: dict[str, int]


def store_stats(dataset: Dataset) -> Stats:
    """Count what ``dataset`` holds (see :class:`Stats`)."""
    typed: defaultdict[str, set[Node]] = defaultdict(set)
    entity_classes: defaultdict[str, set[Node]] = defaultdict(set)
    gazetteer_classes: defaultdict[str, set[Node]] = defaultdict(set)
    article_nodes: set[str] = set()
    for s, _, o, g in _quads(dataset, RDF.type):
        if g == str(ONTOLOGY_GRAPH) or not _is_ckg(o):
            continue
        cls = str(o)[len(str(CKG)) :]
        typed[cls].add(s)
        if g == str(ENTITIES_GRAPH):
            entity_classes[cls].add(s)
        elif g == str(GAZETTEER_GRAPH):
            gazetteer_classes[cls].add(s)
        if cls == "Article" and str(s) == g:
            article_nodes.add(g)

    sources = {str(s): str(o) for s, _, o, _ in _quads(dataset, CKG.sourceFile)}
    headlines = {str(s): str(o) for s, _, o, _ in _quads(dataset, SCHEMA.headline)}
    graphs = []
    for graph in dataset.graphs():
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            # kg writes named graphs only: the default graph is empty on a store and the union
            # of all graphs behind kg serve, where counting it would count every quad twice.
            continue
        size = len(graph)
        name = str(graph.identifier)
        if size == 0:
            continue
        kind: GraphKind = _FIXED_GRAPHS.get(name) or ("article" if name in article_nodes else "other")
        graphs.append(GraphCount(name, kind, size, sources.get(name), headlines.get(name)))
    graphs.sort(key=lambda c: (_KIND_ORDER.index(c.kind), c.source or "", c.name))

    claims = typed.get("Claim", set())
    measure_of = {str(s): _local(o) for s, _, o, _ in _quads(dataset, CKG.measure)}
    measures_of_claim: defaultdict[str, set[str]] = defaultdict(set)
    for s, _, o, _ in _quads(dataset, CKG.quantity):
        if str(o) in measure_of:
            measures_of_claim[str(s)].add(measure_of[str(o)])
    by_measure: Counter[str] = Counter()
    for claim in claims:
        by_measure.update(measures_of_claim.get(str(claim)) or {NO_FIGURE})
    certainty_of = {str(s): _local(o) for s, _, o, _ in _quads(dataset, CKG.certainty)}
    by_certainty = Counter(certainty_of[str(c)] for c in claims if str(c) in certainty_of)

    stats = Stats(
        quads=sum(c.quads for c in graphs),
        articles=sum(1 for c in graphs if c.kind == "article"),
        graphs=tuple(graphs),
        records={
            cls: len(nodes)
            for cls, nodes in sorted(typed.items())
            if cls not in entity_classes and cls not in gazetteer_classes
        },
        entities=len(set().union(*entity_classes.values())),
        gazetteer_entities=len(set().union(*gazetteer_classes.values())),
        entities_by_class={cls: len(nodes) for cls, nodes in sorted(entity_classes.items())},
        gazetteer_by_class={cls: len(nodes) for cls, nodes in sorted(gazetteer_classes.items())},
        claims_by_measure=dict(sorted(by_measure.items(), key=lambda item: (item[0] == NO_FIGURE, item[0]))),
        claims_by_certainty=dict(sorted(by_certainty.items())),
    )
    logger.debug("stats: %d quads in %d graphs", stats.quads, len(graphs))
    return stats


def format_stats(stats: Stats, *, max_articles: int | None = 20) -> list[list[str]]:
    """Rows of (section, name, count) for :data:`STATS_HEADERS`.

    Args:
        stats: What :func:`store_stats` returned.
        max_articles: Article graphs listed one per row before the rest are summed up in one;
            None lists them all.
    """
    rows = [["total", "quads", str(stats.quads)], ["total", "articles", str(stats.articles)]]
    articles = [c for c in stats.graphs if c.kind == "article"]
    shown = articles if max_articles is None else articles[:max_articles]
    for count in stats.graphs:
        if count.kind != "article":
            rows.append(["graph", count.kind if count.kind != "other" else count.name, str(count.quads)])
    for count in shown:
        title = f"{count.source or count.name}: {count.headline}" if count.headline else count.source
        rows.append(["article", title or count.name, str(count.quads)])
    if len(shown) < len(articles):
        rest = articles[len(shown) :]
        rows.append(["article", f"... {len(rest)} more", str(sum(c.quads for c in rest))])
    rows += [["records", cls, str(n)] for cls, n in stats.records.items()]
    rows.append(["entities", "all (the articles')", str(stats.entities)])
    rows += [["entities", cls, str(n)] for cls, n in stats.entities_by_class.items()]
    rows.append(["gazetteer", "all (mentioned or not)", str(stats.gazetteer_entities)])
    rows += [["gazetteer", cls, str(n)] for cls, n in stats.gazetteer_by_class.items()]
    rows += [["measure", name, str(n)] for name, n in stats.claims_by_measure.items()]
    rows += [["certainty", name, str(n)] for name, n in stats.claims_by_certainty.items()]
    return rows


def _quads(dataset: Dataset, predicate: URIRef) -> Iterator[tuple[Node, Node, Node, str]]:
    """(s, p, o, graph IRI) of every quad with ``predicate``, in any named graph."""
    for s, p, o, g in dataset.quads((None, predicate, None, None)):
        yield s, p, o, str(g.identifier if isinstance(g, Graph) else g)


def _is_ckg(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(CKG))


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1]
