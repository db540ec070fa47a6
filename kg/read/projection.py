"""The one place that reads the graph for views: RDF dataset -> plain node and edge records.

Every view (the pyvis page of :mod:`kg.render.viz`, the networkx graph of :mod:`kg.read.analytics`) draws
from :func:`graph_view`, so they all see the same nodes and edges: the same rule for which
entities are shown, the same most specific class, the same merged relation sources.
:func:`relation_evidence` adds the sentences behind each relation and :func:`claim_links` who
claims what about whom. The records hold plain strings and ints, no rdflib types, so the code
that renders or analyses them never touches SPARQL or a store.
"""

from __future__ import annotations

import logging
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.memory import Memory

from kg.rdf.ontology import CKG, GAZETTEER_GRAPH
from kg.rdf.sparql import PREFIX_HEADER, last_segment

__all__ = [
    "RELATION_PREDICATES",
    "SourceSentence",
    "ViewEdge",
    "ViewNode",
    "article_file",
    "graph_view",
    "in_reading_order",
    "relation_evidence",
    "rows",
    "rows_in_every_graph",
    "source_files",
]

logger = logging.getLogger(__name__)

#: ckg: properties drawn as edges between entities (the relation table of DESIGN.md).
RELATION_PREDICATES: tuple[str, ...] = (
    "affiliatedWith",
    "alliedWith",
    "deployedTo",
    "leaderOf",
    "locatedIn",
    "memberOf",
    "opposes",
    "partOf",
)

#: What a node is called when the data gives it no ckg: class at all.
UNKNOWN_CLASS = "Unknown"

#: Depth of each entity class in the ontology's rdfs:subClassOf tree (Actor and Location are
#: roots); an entity typed with several classes is shown as its deepest one. Classes the
#: ontology may add later rank below these, so a known subclass still wins.
_CLASS_DEPTH: dict[str, int] = {
    "Actor": 1,
    "Location": 1,
    "Person": 2,
    "Organization": 2,
    "State": 2,
    "Region": 2,
    "Settlement": 2,
    "GovernmentBody": 3,
    "MilitaryUnit": 3,
    "ArmedGroup": 3,
    "MediaOutlet": 3,
    "InternationalOrganization": 3,
}

_WIKIDATA_ENTITY = ("http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/")

# One query per kind of fact, joined in Python: (projection, pattern, modifiers), the pattern
# matched in every named graph (see :func:`rows_in_every_graph`). No OPTIONAL is needed (whose
# results once differed between rdflib and Oxigraph, kglab #203).
_MENTIONS_QUERY = (
    "SELECT ?entity ?article (COUNT(DISTINCT ?mention) AS ?n)",
    "?mention ckg:refersTo ?entity ; ckg:inArticle ?article .",
    "GROUP BY ?entity ?article",
)
_ARTICLES_QUERY = ("SELECT DISTINCT ?article ?file", "?article a ckg:Article ; ckg:sourceFile ?file .", "")
_DESCRIPTIONS_QUERY = (
    "SELECT DISTINCT ?entity ?p ?o",
    "VALUES ?p { rdf:type rdfs:label owl:sameAs } ?entity ?p ?o .",
    "",
)
_EVIDENCE_QUERY = (
    "SELECT ?s ?p ?o ?article ?start ?end ?text",
    "VALUES ?p { "
    + " ".join(f"ckg:{name}" for name in RELATION_PREDICATES)
    + """ }
  ?e a ckg:Evidence ; ckg:subject ?s ; ckg:predicate ?p ; ckg:object ?o ;
     ckg:inArticle ?article ; ckg:start ?start ; ckg:end ?end ; ckg:text ?text .""",
    "",
)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


@dataclass(frozen=True, slots=True)
class ViewNode:
    """An entity as the page shows it.

    Attributes:
        id: The entity IRI.
        label: Its ``rdfs:label`` (the IRI's last segment when it has none).
        cls: Its most specific ``ckg:`` class, as a local name.
        mentions: How many mentions refer to it, over all articles.
        wikidata: Its Wikidata id ("Q423") from ``owl:sameAs``, if any.
        articles: Source files of the articles that mention it, sorted.
    """

    id: str
    label: str
    cls: str
    mentions: int
    wikidata: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ViewEdge:
    """One relation between two shown entities, merged over every graph that states it.

    Attributes:
        source: Subject entity IRI.
        target: Object entity IRI.
        predicate: The relation's ``ckg:`` local name ("leaderOf").
        sources: Source files of the stating articles, or "gazetteer", sorted.
    """

    source: str
    target: str
    predicate: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """A sentence of an article that states a relation or a claim.

    Attributes:
        text: The sentence as the article has it.
        article: The article's source file (its IRI when it has none).
        start: Character offset of the sentence in the article text.
        end: Offset just past its end.
    """

    text: str
    article: str
    start: int
    end: int


def graph_view(dataset: Dataset) -> tuple[list[ViewNode], list[ViewEdge]]:
    """The mentioned entities and the relations among them, ready to draw.

    Only entities with at least one mention are nodes: the gazetteer describes many more, and a
    view of everything known rather than everything reported would bury the articles' actors.
    Relations are kept when both ends are nodes. Facts are read from every named graph, so the
    same code serves rdflib's memory store and Oxigraph.

    Args:
        dataset: The store's dataset (entities, gazetteer and article graphs).

    Returns:
        Nodes sorted by IRI, and edges sorted by (source, target, predicate).
    """
    mentions: defaultdict[str, int] = defaultdict(int)
    mentioned_in: defaultdict[str, set[str]] = defaultdict(set)
    for entity, article, count in rows_in_every_graph(dataset, *_MENTIONS_QUERY):
        if isinstance(entity, URIRef):
            mentions[str(entity)] += int(count)
            mentioned_in[str(entity)].add(str(article))

    files = source_files(dataset)

    types: defaultdict[str, set[str]] = defaultdict(set)
    labels: defaultdict[str, set[str]] = defaultdict(set)
    wikidata: defaultdict[str, set[str]] = defaultdict(set)
    for entity, p, o in rows_in_every_graph(dataset, *_DESCRIPTIONS_QUERY):
        key = str(entity)
        if key not in mentions:
            continue
        if str(p) == _RDF_TYPE and isinstance(o, URIRef) and str(o).startswith(str(CKG)):
            types[key].add(str(o)[len(str(CKG)) :])
        elif str(p) == _RDFS_LABEL:
            labels[key].add(str(o))
        elif str(p) == _OWL_SAME_AS and str(o).startswith(_WIKIDATA_ENTITY):
            wikidata[key].add(str(o).rsplit("/", 1)[1])

    nodes = [
        ViewNode(
            id=key,
            label=min(labels[key]) if labels[key] else last_segment(key),
            cls=_most_specific(types[key]),
            mentions=mentions[key],
            wikidata=min(wikidata[key]) if wikidata[key] else None,
            articles=tuple(
                sorted({f for article in mentioned_in[key] for f in files.get(article) or {article}})
            ),
        )
        for key in sorted(mentions)
    ]

    stated_in: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for name in RELATION_PREDICATES:  # quad patterns: every store answers them from an index
        for s, _, o, g in dataset.quads((None, CKG[name], None, None)):
            if str(s) in mentions and str(o) in mentions:
                graph = g.identifier if isinstance(g, Graph) else g
                stated_in[str(s), name, str(o)].add(_graph_source(str(graph), files))
    edges = [
        ViewEdge(source=s, target=o, predicate=p, sources=tuple(sorted(graphs)))
        for (s, p, o), graphs in sorted(
            stated_in.items(), key=lambda item: (item[0][0], item[0][2], item[0][1])
        )
    ]
    logger.debug("graph view: %d nodes, %d edges", len(nodes), len(edges))
    return nodes, edges


def relation_evidence(dataset: Dataset) -> dict[tuple[str, str, str], tuple[SourceSentence, ...]]:
    """The sentences each relation was read from, keyed like :class:`ViewEdge`: (source, predicate,
    target), sentences by article and then offset. Gazetteer facts have none."""
    files = source_files(dataset)
    found: defaultdict[tuple[str, str, str], set[SourceSentence]] = defaultdict(set)
    for s, p, o, article, start, end, text in rows_in_every_graph(dataset, *_EVIDENCE_QUERY):
        sentence = SourceSentence(str(text), article_file(str(article), files), int(start), int(end))
        found[str(s), str(p)[len(str(CKG)) :], str(o)].add(sentence)
    return {key: in_reading_order(sentences) for key, sentences in sorted(found.items())}


def source_files(dataset: Dataset) -> dict[str, set[str]]:
    """Article IRI -> its ``ckg:sourceFile`` names."""
    files: defaultdict[str, set[str]] = defaultdict(set)
    for article, file in rows_in_every_graph(dataset, *_ARTICLES_QUERY):
        files[str(article)].add(str(file))
    return files


def article_file(article: str, files: dict[str, set[str]]) -> str:
    return min(files[article]) if files.get(article) else article


def in_reading_order(sentences: Iterable[SourceSentence]) -> tuple[SourceSentence, ...]:
    return tuple(sorted(set(sentences), key=lambda s: (s.article, s.start, s.end, s.text)))


def rows(dataset: Dataset, query: str) -> list[tuple[Any, ...]]:
    """All result rows, read eagerly so rdflib's own deprecation noise stays inside the filter.

    rdflib 7's SPARQL engine evaluates ``GRAPH ?g`` over a memory Dataset through its own
    deprecated ``Dataset.contexts``/``default_context``; the warning is about rdflib's code, not
    ours, and would fail every caller that runs with warnings as errors.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Dataset\.\w+ is deprecated", category=DeprecationWarning)
        return [tuple(row) for row in dataset.query(query)]  # type: ignore[arg-type]


def rows_in_every_graph(
    dataset: Dataset, projection: str, pattern: str, modifiers: str = ""
) -> list[tuple[Any, ...]]:
    """Rows of ``projection WHERE { pattern } modifiers`` with ``pattern`` matched in every named graph.

    On Oxigraph and remote endpoints the pattern goes inside ``GRAPH ?g``. rdflib's SPARQL engine
    evaluates ``GRAPH ?g`` on its memory store graph by graph, each time over the store's whole
    index, which is quadratic in the articles (the view of 500 articles took 76 s); there the
    pattern is matched once in the union of the graphs, which the store's indexes answer.
    """
    if isinstance(dataset.store, Memory):
        union = Dataset(store=dataset.store, default_union=True)
        return rows(union, f"{PREFIX_HEADER}{projection} WHERE {{\n  {pattern}\n}} {modifiers}")
    return rows(dataset, f"{PREFIX_HEADER}{projection} WHERE {{\n  GRAPH ?g {{ {pattern} }}\n}} {modifiers}")


def _most_specific(classes: set[str]) -> str:
    if not classes:
        return UNKNOWN_CLASS
    return max(sorted(classes), key=lambda name: _CLASS_DEPTH.get(name, 0))


def _graph_source(graph: str, files: dict[str, set[str]]) -> str:
    """What a reader calls the graph a relation came from: its article's file, or "gazetteer"."""
    if graph == str(GAZETTEER_GRAPH):
        return "gazetteer"
    article_files = files.get(graph)
    return min(article_files) if article_files else graph
