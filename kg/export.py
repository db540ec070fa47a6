"""Serialisations of a store: TriG and N-Quads keep the named graphs, Turtle and JSON-LD give
their union. Every file is written to a temporary name and renamed, so a failed export never
leaves a half-written file where a good one was.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.term import IdentifiedNode, Node

from kg.errors import ExportError, InputError
from kg.ontology import PREFIXES, XSD, decimal_literal, load_context

__all__ = [
    "EXPORT_FILES",
    "canonical_dataset",
    "read_graph_file",
    "sorted_nquads",
    "union_graph",
    "write_exports",
]

#: Export format -> file name in the output folder.
EXPORT_FILES = {
    "trig": "graph.trig",
    "nquads": "graph.nq",
    "turtle": "graph.ttl",
    "jsonld": "graph.jsonld",
}


#: File suffix -> rdflib parser name, for reading exports back.
PARSE_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def read_graph_file(path: Path) -> Dataset:
    """Parse an exported graph file into a Dataset, its format told by the suffix."""
    fmt = PARSE_FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"{path}: unknown graph format; use one of {', '.join(sorted(PARSE_FORMATS))}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    dataset = Dataset(default_union=True)  # triple lookups see every graph, as readers expect
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: not valid {fmt}: {first_line}") from exc
    return dataset


def canonical_dataset(dataset: Dataset) -> Dataset:
    """An in-memory copy with every simple literal written the one way RDF 1.1 means it.

    Oxigraph hands back plain strings typed ``xsd:string`` while rdflib keeps them untyped;
    both mean the same literal, but rdflib compares and serialises them differently. Copying
    through this makes every backend export the same bytes.
    """
    copy = Dataset()
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace)
    copy.addN((s, p, _plain(o), copy.graph(g)) for s, p, o, g in _quads(dataset))
    return copy


def sorted_nquads(dataset: Dataset) -> str:
    """N-Quads with the lines sorted: the canonical, diffable form of a build."""
    # split("\n"), not splitlines(): a literal may hold U+2028 or U+0085, which N-Quads keeps raw.
    lines = canonical_dataset(dataset).serialize(format="nquads").split("\n")
    return "".join(sorted(f"{line}\n" for line in lines if line.strip()))


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs in one graph, with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in _quads(dataset):
        graph.add((s, p, _plain(o)))
    return graph


def write_exports(dataset: Dataset, out_dir: Path) -> dict[str, Path]:
    """Write every export format into ``out_dir``; returns format -> path."""
    dataset = canonical_dataset(dataset)
    union = union_graph(dataset)
    writers: dict[str, Callable[[], str]] = {
        "trig": lambda: dataset.serialize(format="trig"),
        "nquads": lambda: sorted_nquads(dataset),
        "turtle": lambda: union.serialize(format="turtle"),
        "jsonld": lambda: _jsonld(union),
    }
    return {fmt: _write_atomic(out_dir / EXPORT_FILES[fmt], writers[fmt]) for fmt in EXPORT_FILES}


def _quads(dataset: Dataset) -> Iterator[tuple[Node, Node, Node, IdentifiedNode | None]]:
    for s, p, o, g in dataset.quads((None, None, None, None)):
        yield s, p, o, g.identifier if isinstance(g, Graph) else g


def _plain(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return decimal_literal(Decimal(str(term)))
    return term


def _jsonld(graph: Graph) -> str:
    context = load_context()
    text = graph.serialize(format="json-ld", context=context, auto_compact=True, use_native_types=True)
    # Re-dump for stable key order and indentation across rdflib versions.
    return json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _write_atomic(path: Path, render: Callable[[], str]) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(render(), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
