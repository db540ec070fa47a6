"""The entity graph as files other tools open: GraphML (Gephi, yEd, Cytoscape) and CSV.

Nodes are the mentioned entities and edges the relations among them, exactly as the HTML view
draws them (:func:`kg.read.projection.graph_view`); each edge also carries how many articles state
it and one sentence that does (its ``ckg:Evidence``). Rows come out in a fixed order (nodes by
IRI, edges by source, target, predicate) and files are written through
:func:`kg.rdf.export.write_files`: a failed or killed export never leaves half a file where a good
one was.

:func:`write_format` is ``kg export``: the RDF formats go through :mod:`kg.rdf.export`'s writers,
GraphML and CSV through the ones here, which alone import the reading of the entity graph.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ExportError
from kg.files import Writer
from kg.rdf.export import EXPORT_FILES, export_writer, write_files

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.read.projection import ViewEdge, ViewNode
    from kg.store import QuadStore

__all__ = [
    "EDGE_COLUMNS",
    "EXPORT_FORMATS",
    "NODE_COLUMNS",
    "TabularEdge",
    "entity_table",
    "write_csv",
    "write_format",
    "write_graphml",
]

logger = logging.getLogger(__name__)

#: ``kg export --format`` choices: kg.rdf.export's RDF serialisations, then the tabular ones.
EXPORT_FORMATS: tuple[str, ...] = (*EXPORT_FILES, "graphml", "csv")

#: Header of nodes.csv. ``id`` and ``label`` are the names Gephi's spreadsheet import looks for.
NODE_COLUMNS = ("id", "label", "class", "wikidata", "mentions", "articles", "sources")

#: Header of edges.csv. ``source``, ``target``, ``type``, ``label`` and ``weight`` are Gephi's.
EDGE_COLUMNS = ("source", "target", "type", "label", "weight", "articles", "sources", "evidence")

_GAZETTEER = "gazetteer"


@dataclass(frozen=True, slots=True)
class TabularEdge:
    """A relation as a row: the view's edge plus its article count and one stating sentence.

    Attributes:
        edge: The merged relation from :func:`kg.read.projection.graph_view`.
        articles: How many articles state it (the gazetteer is not an article).
        evidence: A sentence that states it: from the first stating article in source-file
            order, the earliest in that article; empty for gazetteer-only facts.
    """

    edge: ViewEdge
    articles: int
    evidence: str


def entity_table(dataset: Dataset) -> tuple[list[ViewNode], list[TabularEdge]]:
    """The nodes and edges the exports write, in their order."""
    # imported here: ``kg export`` of an RDF format needs none of the entity graph's reading
    from kg.read.projection import graph_view, relation_evidence

    nodes, edges = graph_view(dataset)
    evidence = relation_evidence(dataset)
    rows = []
    for edge in edges:
        stated = evidence.get((edge.source, edge.predicate, edge.target), ())
        articles = [source for source in edge.sources if source != _GAZETTEER]
        rows.append(TabularEdge(edge, len(articles), stated[0].text if stated else ""))
    logger.debug("entity table: %d nodes, %d edges", len(nodes), len(rows))
    return nodes, rows


def write_graphml(dataset: Dataset, path: Path) -> Path:
    """The entity graph as GraphML: a directed multigraph, one edge per relation predicate.

    Node attributes: ``label``, ``class``, ``wikidata`` ("" when unknown), ``mentions``,
    ``articles``; edge attributes: ``label`` and ``predicate`` (the relation), ``weight`` and
    ``articles`` (stating articles, at least 1 so that layouts keep gazetteer facts),
    ``sources`` and ``evidence``. Node ids are the entity IRIs.

    Raises:
        ExportError: the file cannot be written.
    """
    import networkx as nx

    nodes, edges = entity_table(dataset)
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(
            node.id,
            label=node.label,
            **{"class": node.cls},
            wikidata=node.wikidata or "",
            mentions=node.mentions,
            articles=len(node.articles),
        )
    for row in edges:
        edge = row.edge
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.predicate,
            label=edge.predicate,
            predicate=edge.predicate,
            weight=max(row.articles, 1),
            articles=row.articles,
            sources="; ".join(edge.sources),
            evidence=row.evidence,
        )

    def render() -> bytes:
        buffer = io.BytesIO()
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()

    write_files({path: _bytes_writer(render)})
    return path


def write_csv(dataset: Dataset, folder: Path) -> tuple[Path, Path]:
    """``nodes.csv`` and ``edges.csv`` in ``folder`` (UTF-8, RFC 4180); returns their paths.

    Raises:
        ExportError: a file cannot be written.
    """
    nodes, edges = entity_table(dataset)
    node_rows = [
        [
            node.id,
            node.label,
            node.cls,
            node.wikidata or "",
            node.mentions,
            len(node.articles),
            "; ".join(node.articles),
        ]
        for node in nodes
    ]
    edge_rows = [
        [
            row.edge.source,
            row.edge.target,
            "Directed",
            row.edge.predicate,
            max(row.articles, 1),
            row.articles,
            "; ".join(row.edge.sources),
            row.evidence,
        ]
        for row in edges
    ]
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    write_files(
        {
            nodes_path: _bytes_writer(lambda: _csv(NODE_COLUMNS, node_rows)),
            edges_path: _bytes_writer(lambda: _csv(EDGE_COLUMNS, edge_rows)),
        }
    )
    return nodes_path, edges_path


def write_format(store: QuadStore, fmt: str, out: Path) -> list[Path]:
    """Write ``store`` as ``fmt`` to ``out`` (a file, or a folder for the usual file name): the
    RDF formats streamed from Oxigraph (:mod:`kg.rdf.export`), the entity graph through rdflib.

    Raises:
        ExportError: an unknown format, or a file that cannot be written.
    """
    if fmt == "csv":
        return list(write_csv(store.dataset, out))
    if fmt == "graphml":
        return [write_graphml(store.dataset, _target(out, "graph.graphml"))]
    if fmt not in EXPORT_FILES:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    path = _target(out, EXPORT_FILES[fmt])
    write_files({path: export_writer(store.oxigraph(), fmt)})
    return [path]


def _target(out: Path, default_name: str) -> Path:
    """``out`` itself, or ``out/default_name`` when ``out`` is a folder or names none."""
    return out / default_name if out.is_dir() or not out.suffix else out


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _bytes_writer(render: Callable[[], bytes]) -> Writer:
    return lambda tmp: tmp.write_bytes(render())
