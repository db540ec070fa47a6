"""The entity graph as networkx sees it, and the questions an analyst asks of it.

:func:`to_networkx` turns the view records of :mod:`kg.read.projection` into a
``networkx.MultiDiGraph`` (one edge per relation predicate) and :func:`project` does the same
for a store, adding the sentences behind each edge and, on request, who-claims-about-whom
edges. The measures read that graph only, so they run the same on a store and on a hand-built
list of records. Those about connection rather than direction (degree, betweenness, paths,
communities) read the undirected simple view, where two entities are linked once whatever the
number and direction of the relations between them.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any

import networkx as nx
from rdflib import Dataset

from kg.errors import QueryError
from kg.read.claims import claim_links
from kg.read.projection import SourceSentence, ViewEdge, ViewNode, graph_view, relation_evidence

__all__ = [
    "CENTRALITY_MEASURES",
    "CLAIMS",
    "CoMention",
    "Community",
    "Hop",
    "centrality",
    "comention",
    "communities",
    "project",
    "shortest_path",
    "simple_view",
    "to_networkx",
]

logger = logging.getLogger(__name__)

#: The edge predicate (and key) of claimant -> subject edges, beside the relation names.
CLAIMS = "claims"

#: Louvain starts from a random node order; a fixed seed gives the same communities every run.
_LOUVAIN_SEED = 0

#: PageRank's damping factor and convergence bound: networkx's defaults.
_DAMPING = 0.85
_TOLERANCE = 1.0e-6
_MAX_ITERATIONS = 100


def to_networkx(
    nodes: Sequence[ViewNode],
    edges: Sequence[ViewEdge],
    *,
    evidence: Mapping[tuple[str, str, str], tuple[SourceSentence, ...]] | None = None,
) -> nx.MultiDiGraph:
    """A directed multigraph of the entities, keyed by IRI, one edge per relation predicate.

    Node attributes: ``label``, ``cls``, ``mentions``, ``wikidata`` (None when unknown) and
    ``articles``; edge key and ``predicate`` attribute: the relation's local name, plus its
    ``sources`` and ``evidence``: the sentences ``evidence`` holds for its (source, predicate,
    target), as :func:`kg.read.projection.relation_evidence` returns them, or none.
    Edges whose ends are not among ``nodes`` are left out, as :func:`kg.read.projection.graph_view`
    does, so that every node has its attributes.
    """
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(
            node.id,
            label=node.label,
            cls=node.cls,
            mentions=node.mentions,
            wikidata=node.wikidata,
            articles=node.articles,
        )
    for edge in edges:
        if edge.source in graph and edge.target in graph:
            graph.add_edge(
                edge.source,
                edge.target,
                key=edge.predicate,
                predicate=edge.predicate,
                sources=edge.sources,
                evidence=(evidence or {}).get((edge.source, edge.predicate, edge.target), ()),
            )
    return graph


def project(dataset: Dataset, *, claims: bool = False) -> nx.MultiDiGraph:
    """The store's entity graph (:func:`kg.read.projection.graph_view`), each edge with its sentences.

    With ``claims``, each claimant gets a :data:`CLAIMS` edge to every entity its claims are
    about or count, with attributes ``claims`` (how many), ``figures`` (as written), ``sources``
    and ``evidence`` (the claims' sentences); links to entities the view leaves out are dropped.
    """
    nodes, edges = graph_view(dataset)
    graph = to_networkx(nodes, edges, evidence=relation_evidence(dataset))
    if claims:
        for link in claim_links(dataset):
            if link.claimant in graph and link.subject in graph:
                graph.add_edge(
                    link.claimant,
                    link.subject,
                    key=CLAIMS,
                    predicate=CLAIMS,
                    sources=link.sources,
                    evidence=link.evidence,
                    claims=link.claims,
                    figures=link.figures,
                )
    logger.debug("projection: %d nodes, %d edges", graph.number_of_nodes(), graph.number_of_edges())
    return graph


def centrality(graph: nx.MultiDiGraph, measure: str = "pagerank") -> dict[str, float]:
    """Each entity's score under ``measure``, highest first (ties by label, then IRI).

    "degree" and "betweenness" (both normalised by networkx) count connections, so they read
    the undirected simple view; "pagerank" keeps direction, since relations point from the part
    to the whole (a unit to its army, a leader to the state), and an entity many others point to
    is the one a reader would call central.

    Raises:
        QueryError: ``measure`` is not one of :data:`CENTRALITY_MEASURES`.
    """
    try:
        compute = _MEASURES[measure]
    except KeyError:
        options = ", ".join(CENTRALITY_MEASURES)
        raise QueryError(f"unknown centrality measure {measure!r}; choose one of: {options}") from None
    scores = compute(graph)
    return dict(sorted(scores.items(), key=lambda item: (-item[1], _label(graph, item[0]), item[0])))


def simple_view(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph over the same nodes (attributes kept), one edge per linked pair."""
    view = nx.Graph()
    view.add_nodes_from(sorted(graph.nodes(data=True)))
    view.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.edges() if u != v}))
    return view


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: a relation as stated (``source predicate target``) and a sentence
    that states it.

    Attributes:
        source: Label of the relation's subject.
        predicate: The relation ("leaderOf"), or :data:`CLAIMS`.
        target: Label of its object.
        reverse: The path walks this relation from its target to its source.
        evidence: A sentence stating it: the first article's earliest; "" for a gazetteer fact.
        article: The source file of that sentence; without one, the relation's first source
            ("gazetteer" for a gazetteer fact).
    """

    source: str
    predicate: str
    target: str
    reverse: bool
    evidence: str
    article: str


def shortest_path(source: nx.MultiDiGraph | Dataset, a: str, b: str, *, claims: bool = False) -> list[Hop]:
    """The fewest relations that link ``a`` to ``b``, whichever way each relation points.

    Names are matched as ``kg claims --entity`` matches them: a label, alias or any way an
    article named the entity, in any case (an entity IRI works too); on a graph without its
    store, the label or IRI. When a name fits several entities the shortest of their paths wins.

    Args:
        source: A store's dataset (projected with :func:`project`) or a graph from it.
        a: Where the path starts.
        b: Where it ends.
        claims: On a dataset, also walk claimant -> subject edges.

    Raises:
        QueryError: a name matches no entity of the graph, or no path links the two.
    """
    graph = project(source, claims=claims) if isinstance(source, Dataset) else source
    view = simple_view(graph)
    paths = []
    for start in _resolve(source, graph, a):
        for end in _resolve(source, graph, b):
            if nx.has_path(view, start, end):
                nodes = nx.shortest_path(view, start, end)
                paths.append((len(nodes), [_label(graph, node) for node in nodes], nodes))
    if not paths:
        unwalked = (
            "; claims were left out (--claims walks them too)"
            if isinstance(source, Dataset) and not claims
            else ""
        )
        raise QueryError(f"no path between {a!r} and {b!r}: no chain of relations links them{unwalked}")
    return [_hop(graph, u, v) for u, v in pairwise(min(paths)[2])]


def _resolve(source: nx.MultiDiGraph | Dataset, graph: nx.MultiDiGraph, name: str) -> list[str]:
    """The graph's entities called ``name``: by any name an article or the gazetteer gives
    when there is a dataset to ask, else by IRI or label."""
    if name in graph:
        return [name]
    if isinstance(source, Dataset):
        from kg.read.entities import entities_named

        found = set(entities_named(source, name, option="")) & set(graph)
    else:
        wanted = name.strip().lower()
        found = {node for node in graph if _label(graph, node).lower() == wanted}
    if not found:
        raise QueryError(
            f"no entity named {name!r} in the graph (give a label, alias or a name an article used)"
        )
    return sorted(found)


def _hop(graph: nx.MultiDiGraph, u: str, v: str) -> Hop:
    """The edge between two neighbours worth showing: one with a sentence, a relation rather
    than a claim, the path's direction, then by predicate name."""
    stated = [(False, u, v, data) for data in (graph.get_edge_data(u, v) or {}).values()]
    stated += [(True, v, u, data) for data in (graph.get_edge_data(v, u) or {}).values()]
    reverse, subject, obj, data = min(
        stated,
        key=lambda edge: (
            not edge[3]["evidence"],
            edge[3]["predicate"] == CLAIMS,
            edge[0],
            edge[3]["predicate"],
        ),
    )
    evidence: tuple[SourceSentence, ...] = data["evidence"]
    return Hop(
        source=_label(graph, subject),
        predicate=data["predicate"],
        target=_label(graph, obj),
        reverse=reverse,
        evidence=evidence[0].text if evidence else "",
        article=evidence[0].article if evidence else next(iter(data["sources"]), ""),
    )


@dataclass(frozen=True, slots=True)
class Community:
    """A group of entities more linked to each other than to the rest.

    Attributes:
        ids: Member IRIs, in the order of ``labels``.
        labels: Member labels, sorted.
    """

    ids: tuple[str, ...]
    labels: tuple[str, ...]


def communities(graph: nx.MultiDiGraph) -> list[Community]:
    """Louvain communities of the undirected simple view, largest first, then by first label.

    An entity with no relation is a community of its own.
    """
    view = simple_view(graph)
    found = []
    for members in nx.community.louvain_communities(view, seed=_LOUVAIN_SEED):
        ordered = sorted(members, key=lambda node: (_label(graph, node), node))
        found.append(Community(tuple(ordered), tuple(_label(graph, node) for node in ordered)))
    return sorted(found, key=lambda c: (-len(c.ids), c.labels))


@dataclass(frozen=True, slots=True)
class CoMention:
    """Two entities and the articles that mention both.

    Attributes:
        a: Label of the first (the one whose label sorts first).
        b: Label of the second.
        articles: Source files of the shared articles, sorted.
    """

    a: str
    b: str
    articles: tuple[str, ...]


def comention(graph: nx.MultiDiGraph, top: int | None = None) -> list[CoMention]:
    """Pairs of entities mentioned in the same articles, the most shared articles first (then by
    labels); at most ``top`` of them. Pairs that share no article are left out."""
    mentioned: defaultdict[str, list[str]] = defaultdict(list)
    for node, articles in sorted(graph.nodes(data="articles")):
        for article in articles or ():
            mentioned[article].append(node)
    shared: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for article, nodes in mentioned.items():
        for pair in combinations(sorted(nodes, key=lambda node: (_label(graph, node), node)), 2):
            shared[pair].add(article)
    pairs = [
        CoMention(_label(graph, u), _label(graph, v), tuple(sorted(articles)))
        for (u, v), articles in shared.items()
    ]
    pairs.sort(key=lambda pair: (-len(pair.articles), pair.a, pair.b))
    return pairs if top is None else pairs[:top]


def _degree(graph: nx.MultiDiGraph) -> dict[str, float]:
    return dict(nx.degree_centrality(simple_view(graph)))


def _betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    return dict(nx.betweenness_centrality(simple_view(graph), normalized=True))


def _pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank by power iteration on the directed simple graph.

    networkx's own ``pagerank`` needs SciPy, which is not a dependency of ConflictKG; this is
    the same computation (uniform teleport, a dangling node's rank spread evenly) in plain
    Python, which is quick at the sizes an entity graph reaches.
    """
    nodes = sorted(graph.nodes())
    if not nodes:
        return {}
    out_links: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in sorted({(u, v) for u, v in graph.edges() if u != v}):
        out_links[source].append(target)
    share = 1.0 / len(nodes)
    rank = dict.fromkeys(nodes, share)
    for _ in range(_MAX_ITERATIONS):
        dangling = sum(rank[node] for node in nodes if not out_links[node])
        base = (1.0 - _DAMPING) * share + _DAMPING * dangling * share
        following = dict.fromkeys(nodes, base)
        for node in nodes:
            targets = out_links[node]
            for target in targets:
                following[target] += _DAMPING * rank[node] / len(targets)
        change = sum(abs(following[node] - rank[node]) for node in nodes)
        rank = following
        if change < len(nodes) * _TOLERANCE:
            break
    return rank


_MEASURES: dict[str, Callable[[nx.MultiDiGraph], dict[str, float]]] = {
    "degree": _degree,
    "pagerank": _pagerank,
    "betweenness": _betweenness,
}

#: The measures :func:`centrality` knows, in the order the CLI offers them.
CENTRALITY_MEASURES: tuple[str, ...] = tuple(_MEASURES)


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    attributes: dict[str, Any] = graph.nodes[node]
    return str(attributes.get("label", node))
