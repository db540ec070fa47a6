"""What ``kg view`` draws: the view chosen, ready for :mod:`kg.render.viz` to draw.

Three views, all read through :mod:`kg.read.projection`:

- :func:`whole_view`: every mentioned entity and the relations among them;
- :func:`neighbourhood_view`: the entities within some hops of the one a name picks out
  (by label, alias or the words an article used for it, as ``kg query``'s canned queries match);
- :func:`claims_view`: one edge per claimant -> counted group and measure, the figures on it, and
  one per claimant -> subject for statements without a figure, for every claim or for the claims
  an entity takes part in (edges from :mod:`kg.render.claimgraph`).

Nodes are sized by what a reader counts as weight: an entity's relations and the claims it makes
or is the subject of (the main source of a story has few relations but many claims). A browser
draws a few thousand nodes at most without freezing, so beyond ``max_nodes`` a view keeps the
most central by a measure of :mod:`kg.read.analytics` (in a neighbourhood, the closest first)
and the page says how many it leaves out.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from rdflib import Dataset

from kg.errors import KGError
from kg.rdf.sparql import last_segment
from kg.read.analytics import centrality, to_networkx
from kg.read.claims import ClaimRecord, claim_records
from kg.read.projection import (
    UNKNOWN_CLASS,
    SourceSentence,
    ViewEdge,
    ViewNode,
    graph_view,
    relation_evidence,
)
from kg.read.search import entities_named
from kg.render.claimgraph import ClaimBundle, bundle_claims, bundle_edge, bundle_ends, involved_entities
from kg.render.viz import TipLine, View, entity_node, plural, relation_edge

__all__ = [
    "DEFAULT_MAX_NODES",
    "ViewError",
    "claim_counts",
    "claims_view",
    "most_central_view",
    "neighbourhood_view",
    "whole_view",
]

#: Nodes drawn at most by default. On a 2-core machine headless Chromium settles and draws 1,500
#: of them (and their few thousand relations) in about 6 s; all 20,000 of the synthetic graph of
#: bench/view_bench.py took 108 s and a 54 MB page.
DEFAULT_MAX_NODES = 1500

_MEASURE_NAMES = {"pagerank": "PageRank", "degree": "degree", "betweenness": "betweenness"}
_HOVER = "Hover or click a node or an edge for its sources."
_SIZE = "Size: relations and claims."


class ViewError(KGError):
    """A view cannot be drawn: no entity answers to the name given, or it is never mentioned."""


def whole_view(dataset: Dataset, *, max_nodes: int = DEFAULT_MAX_NODES, measure: str = "pagerank") -> View:
    """Every mentioned entity and relation; beyond ``max_nodes``, the most central."""
    nodes, edges = graph_view(dataset)
    return most_central_view(
        nodes,
        edges,
        relation_evidence(dataset),
        claim_counts(claim_records(dataset)),
        max_nodes=max_nodes,
        measure=measure,
        title="ConflictKG",
    )


def most_central_view(
    nodes: Sequence[ViewNode],
    edges: Sequence[ViewEdge],
    evidence: Mapping[tuple[str, str, str], Sequence[SourceSentence]],
    claims: Mapping[str, tuple[int, int]] | None = None,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    measure: str = "pagerank",
    title: str,
) -> View:
    """The ``max_nodes`` most central of ``nodes`` and the relations among them, with their sentences.

    Args:
        nodes: Entities, as :func:`kg.read.projection.graph_view` gives them.
        edges: Relations among them.
        evidence: Sentences by (source, predicate, target), as :func:`kg.read.projection.relation_evidence`.
        claims: Claims made and claims about, by entity (:func:`claim_counts`): they size nodes
            with the relations.
        max_nodes: Most nodes drawn; the page says how many more there are.
        measure: A :data:`kg.read.analytics.CENTRALITY_MEASURES` name: picks the nodes drawn.
        title: The page's title.
    """
    scores = _scores(nodes, edges, measure)
    keep = set(list(scores)[:max_nodes])
    note = ""
    if len(nodes) > len(keep):
        note = (
            f"Showing {len(keep):,} of {plural(len(nodes), 'entity', 'entities')}, the most central by "
            f"{_name(measure)}; --max-nodes draws more."
        )
    return _entity_view(nodes, edges, evidence, claims or {}, keep, scores, measure, title, note)


def neighbourhood_view(
    dataset: Dataset,
    name: str,
    *,
    hops: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
    measure: str = "pagerank",
) -> View:
    """The entities within ``hops`` relations (either direction) of the entity called ``name``.

    Beyond ``max_nodes`` the closest are kept, the most central first among equally close ones.

    Raises:
        ViewError: No entity is called ``name``, or no article mentions it.
    """
    nodes, edges = graph_view(dataset)
    labels = {node.id: node.label for node in nodes}
    centres = [iri for iri in entities_named(dataset, name) if iri in labels]
    if not centres:
        raise ViewError(f"no article mentions {name!r}, so it has no neighbourhood to draw")
    distance = _distances(edges, centres, hops)
    near = [node for node in nodes if node.id in distance]
    near_edges = [edge for edge in edges if edge.source in distance and edge.target in distance]
    scores = _scores(near, near_edges, measure)
    order = sorted(distance, key=lambda iri: (distance[iri], -scores[iri], iri))
    keep = set(order[:max_nodes])
    note = ""
    if len(distance) > len(keep):
        note = (
            f"Showing {len(keep):,} of the {plural(len(distance), 'entity', 'entities')} within "
            f"{plural(hops, 'hop')}, the closest and most central by {_name(measure)}; "
            "--max-nodes draws more."
        )
    title = f"Around {' / '.join(sorted(labels[iri] for iri in centres))} ({plural(hops, 'hop')})"
    extra = {iri: TipLine("Hops away", str(hops_away)) for iri, hops_away in distance.items()}
    claims = claim_counts(claim_records(dataset))
    return _entity_view(
        near, near_edges, relation_evidence(dataset), claims, keep, scores, measure, title, note, extra
    )


def claims_view(
    dataset: Dataset, *, entity: str = "", max_nodes: int = DEFAULT_MAX_NODES, measure: str = "pagerank"
) -> View:
    """Who claims what: one edge per claimant -> counted group and measure, its figures on it,
    and one per claimant -> subject for statements without a figure.

    With ``entity``, only the claims it makes, passes on, is about or has its people counted in.

    Raises:
        ViewError: No entity is called ``entity``.
    """
    records = claim_records(dataset)
    if entity:
        wanted = set(entities_named(dataset, entity))
        records = [record for record in records if wanted & involved_entities(record)]
    bundles, unattributed = bundle_claims(records)
    nodes, _ = graph_view(dataset)
    known = {node.id: node for node in nodes}
    involved = sorted({iri for bundle in bundles for iri in (bundle.claimant, bundle.target)})
    entities = {iri: known.get(iri) or _unmentioned(iri) for iri in involved}
    labels = {iri: node.label for iri, node in entities.items()}
    links = [ViewEdge(b.claimant, b.target, b.kind, ()) for b in bundles]
    scores = _scores(list(entities.values()), links, measure)
    keep = set(list(scores)[:max_nodes])
    counts = bundle_ends(bundles)
    top = max((counts.get(iri, 0) for iri in keep), default=0)
    columns = _columns(bundles)
    drawn = tuple(
        replace(
            entity_node(node, _weight(count := counts.get(node.id, 0), top), TipLine("Claims", str(count))),
            column=columns[node.id],
        )
        for node in entities.values()
        if node.id in keep
    )
    edges = tuple(
        bundle_edge(bundle, labels) for bundle in bundles if bundle.claimant in keep and bundle.target in keep
    )
    note = ""
    if len(scores) > len(keep):
        note = (
            f"Showing {len(keep):,} of {plural(len(scores), 'entity', 'entities')}, the most central by "
            f"{_name(measure)}; --max-nodes draws more."
        )
    shown = len({record.id for bundle in bundles for record in bundle.claims})
    aimless = len(records) - unattributed - shown  # a claimant, but no subject and no group
    left_out = " and ".join(
        part
        for part in (
            f"{plural(unattributed, 'claim')} naming no source" if unattributed else "",
            f"{plural(aimless, 'claim')} naming nothing {'it is' if aimless == 1 else 'they are'} about"
            if aimless
            else "",
        )
        if part
    )
    verb = "is" if unattributed + aimless == 1 else "are"
    unnamed = f" {left_out} {verb} not drawn (kg claims lists every claim)." if left_out else ""
    summary = (
        f"{plural(shown, 'claim')} by {plural(len({b.claimant for b in bundles}), 'claimant')}, as "
        f"{plural(len(edges), 'edge')}: one per claimant → counted group and measure, its figures on "
        f"it (dashed: statements without a figure).{unnamed} Size: claims. {_HOVER}"
    )
    title = f"Claims involving {entity}" if entity else "Claims"
    return View(title, drawn, edges, summary, note)


def _columns(bundles: Sequence[ClaimBundle]) -> dict[str, float]:
    """Each entity's column: 0 for one that only claims, 1 for one that is only claimed about or
    counted, between them by the share of its bundles it is the target of."""
    out: defaultdict[str, int] = defaultdict(int)
    into: defaultdict[str, int] = defaultdict(int)
    for bundle in bundles:
        out[bundle.claimant] += 1
        into[bundle.target] += 1
    return {iri: into[iri] / (into[iri] + out[iri]) for iri in out.keys() | into.keys()}


def claim_counts(records: Iterable[ClaimRecord]) -> dict[str, tuple[int, int]]:
    """(claims it makes, claims about it or counting its people) by entity IRI."""
    made: defaultdict[str, int] = defaultdict(int)
    about: defaultdict[str, int] = defaultdict(int)
    for record in records:
        for who in record.claimants:
            made[who] += 1
        for iri in involved_entities(record) - set(record.claimants):
            about[iri] += 1
    return {iri: (made[iri], about[iri]) for iri in made.keys() | about.keys()}


def _entity_view(
    nodes: Sequence[ViewNode],
    edges: Sequence[ViewEdge],
    evidence: Mapping[tuple[str, str, str], Sequence[SourceSentence]],
    claims: Mapping[str, tuple[int, int]],
    keep: set[str],
    scores: Mapping[str, float],
    measure: str,
    title: str,
    note: str,
    extra: Mapping[str, TipLine] | None = None,
) -> View:
    """Entities in ``keep`` sized by their relations and claims, with the relations among them
    and their sentences."""
    labels = {node.id: node.label for node in nodes}
    relations: defaultdict[str, int] = defaultdict(int)
    for edge in edges:
        if edge.source in labels and edge.target in labels:
            relations[edge.source] += 1
            relations[edge.target] += 1
    made_about = {iri: claims.get(iri, (0, 0)) for iri in keep}
    size = {iri: relations[iri] + sum(made_about[iri]) for iri in keep}
    top = max(size.values(), default=0)
    score_lines = _score_lines(scores, measure)
    drawn = tuple(
        entity_node(
            node,
            _weight(size[node.id], top),
            TipLine("Relations", str(relations[node.id])),
            TipLine("Claims", f"{made_about[node.id][0]} made, {made_about[node.id][1]} about it"),
            score_lines[node.id],
            *([extra[node.id]] if extra and node.id in extra else []),
        )
        for node in nodes
        if node.id in keep
    )
    kept = tuple(
        relation_edge(edge, labels, evidence.get((edge.source, edge.predicate, edge.target), ()))
        for edge in edges
        if edge.source in keep and edge.target in keep
    )
    summary = f"{plural(len(drawn), 'entity', 'entities')}, {plural(len(kept), 'relation')}. {_SIZE} {_HOVER}"
    return View(title, drawn, kept, summary, note)


def _unmentioned(iri: str) -> ViewNode:
    """An entity no article mentions (a claim can still name it): no class, no mentions."""
    return ViewNode(iri, last_segment(iri), UNKNOWN_CLASS, 0, None, ())


def _scores(nodes: Sequence[ViewNode], edges: Sequence[ViewEdge], measure: str) -> dict[str, float]:
    """Centrality of every node, highest first (see :func:`kg.read.analytics.centrality`)."""
    return centrality(to_networkx(nodes, edges), measure)


def _score_lines(scores: Mapping[str, float], measure: str) -> dict[str, TipLine]:
    """Each node's tooltip line for its score and rank ("PageRank: 0.0412 (rank 3 of 38)")."""
    name, total = _name(measure), len(scores)
    return {
        iri: TipLine(name, f"{score:.3g} (rank {rank:,} of {total:,})")
        for rank, (iri, score) in enumerate(scores.items(), start=1)
    }


def _weight(score: float, top: float) -> float:
    return score / top if top > 0 else 0.0


def _name(measure: str) -> str:
    return _MEASURE_NAMES.get(measure, measure)


def _distances(edges: Iterable[ViewEdge], centres: Iterable[str], hops: int) -> dict[str, int]:
    """Hops from the nearest centre to every entity at most ``hops`` relations away, either direction."""
    neighbours: defaultdict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    distance = dict.fromkeys(centres, 0)
    queue = deque(distance)
    while queue:
        here = queue.popleft()
        if distance[here] == hops:
            continue
        for there in sorted(neighbours[here] - distance.keys()):
            distance[there] = distance[here] + 1
            queue.append(there)
    return distance
