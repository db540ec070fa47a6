"""Serialisations of a store: TriG and N-Quads keep the named graphs, Turtle and JSON-LD give
their union. Files are written through :func:`kg.files.write_whole`, as one set: a failed or
killed export leaves every old file as it was, never half a file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, Namespace
from rdflib.term import IdentifiedNode, Node

from kg.errors import ExportError, InputError
from kg.files import Writer, check_writable, explain, write_whole
from kg.rdf.ontology import PREFIXES, XSD, decimal_literal, load_context

__all__ = [
    "canonical_literal",
    "EXPORT_FILES",
    "canonical_dataset",
    "check_output_folder",
    "export_files",
    "read_graph_file",
    "renderers",
    "sorted_nquads",
    "text_writer",
    "union_graph",
    "write_exports",
    "write_files",
]

#: Export format -> file name in the output folder.
EXPORT_FILES = {
    "trig": "graph.trig",
    "nquads": "graph.nq",
    "turtle": "graph.ttl",
    "jsonld": "graph.jsonld",
}


#: Subjects per call of rdflib's Turtle serializer (see :func:`_turtle`).
TURTLE_SUBJECTS_PER_CALL = 200

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
    graphs: dict[IdentifiedNode | None, Graph] = {}

    def graph(name: IdentifiedNode | None) -> Graph:
        """Each graph object made once: ``Dataset.addN`` makes one per quad."""
        found = graphs.get(name)
        if found is None:
            found = graphs[name] = copy.graph(name)
        return found

    copy.store.addN((s, p, canonical_literal(o), graph(g)) for s, p, o, g in _quads(dataset))
    return copy


def sorted_nquads(dataset: Dataset) -> str:
    """N-Quads with the lines sorted: the canonical, diffable form of a build."""
    return _sorted_nquads(canonical_dataset(dataset))


def _sorted_nquads(canonical: Dataset) -> str:
    # split("\n"), not splitlines(): a literal may hold U+2028 or U+0085, which N-Quads keeps raw.
    lines = canonical.serialize(format="nquads").split("\n")
    return "".join(sorted(f"{line}\n" for line in lines if line.strip()))


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs in one graph, with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in _quads(dataset):
        graph.add((s, p, canonical_literal(o)))
    return graph


def renderers(dataset: Dataset) -> dict[str, Callable[[], str]]:
    """Export format -> a function serialising ``dataset`` in it; the canonical copy and the
    union graph are made once, when a format first needs them."""
    canonical = cache(lambda: canonical_dataset(dataset))
    union = cache(lambda: union_graph(canonical()))
    return {
        "trig": lambda: _trig(canonical()),
        "nquads": lambda: _sorted_nquads(canonical()),
        "turtle": lambda: _turtle(union()),
        "jsonld": lambda: _jsonld(union()),
    }


def export_files(dataset: Dataset, out_dir: Path) -> dict[str, tuple[Path, Writer]]:
    """Export format -> its file in ``out_dir`` and the writer of that file."""
    render = renderers(dataset)
    return {fmt: (out_dir / name, text_writer(render[fmt])) for fmt, name in EXPORT_FILES.items()}


def write_exports(dataset: Dataset, out_dir: Path) -> dict[str, Path]:
    """Write every export format into ``out_dir``, all or none; returns format -> path.

    Raises:
        ExportError: a file cannot be written; the old files are left as they were.
    """
    files = export_files(dataset, out_dir)
    write_files(dict(files.values()))
    return {fmt: path for fmt, (path, _) in files.items()}


def write_files(writers: Mapping[Path, Writer]) -> None:
    """Write the files whole, all or none (see :func:`kg.files.write_whole`).

    Raises:
        ExportError: a file cannot be written; the message names it, the reason and the remedy.
    """
    try:
        write_whole(writers)
    except OSError as exc:
        raise ExportError(f"cannot write {exc.filename}: {explain(exc)}") from exc


def check_output_folder(folder: Path) -> None:
    """Fail before the work, not after it, where the output folder cannot take files.

    Raises:
        ExportError: ``folder`` cannot be created or written to.
    """
    try:
        check_writable(folder)
    except OSError as exc:
        raise ExportError(f"cannot write to the output folder {folder}: {explain(exc)}") from exc


def text_writer(render: Callable[[], str]) -> Writer:
    """A writer of the UTF-8 text ``render`` returns."""
    return lambda tmp: tmp.write_text(render(), encoding="utf-8")


def _quads(dataset: Dataset) -> Iterator[tuple[Node, Node, Node, IdentifiedNode | None]]:
    for s, p, o, g in dataset.quads((None, None, None, None)):
        yield s, p, o, g.identifier if isinstance(g, Graph) else g


def canonical_literal(term: Node) -> Node:
    """One form per literal value, as stores hand them back: a plain string for xsd:string,
    a decimal in :func:`decimal_literal`'s form."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return decimal_literal(Decimal(str(term)))
    return term


def _trig(dataset: Dataset) -> str:
    """TriG with the named graphs in IRI order: rdflib writes them in the order of a set of
    graphs, which changes from one process to the next. Each graph's body is rdflib's Turtle
    (whose order is stable) inside its ``{ }`` block, under one prefix header."""
    namespaces = _namespaces(p for _, p, _, _ in dataset.quads((None, None, None, None)))
    blocks = []
    for context in sorted(dataset.graphs(), key=lambda graph: str(graph.identifier)):
        if len(context):
            body = _turtle_body(context, namespaces)
            blocks.append(f"{context.identifier.n3()} {{\n{body}\n}}\n")
    return _prefix_header(namespaces) + "\n" + "\n".join(blocks)


def _turtle(graph: Graph) -> str:
    """Turtle of ``graph``, written :data:`TURTLE_SUBJECTS_PER_CALL` subjects at a time, in IRI order.

    rdflib's serializer looks every IRI up in a list of all the namespaces it has met, and our
    IRIs have namespaces of their own per article (``.../claim/ARTICLE/3``), so one call over
    a large graph is quadratic: 1,000 articles took over 20 minutes. Bodies of a bounded number
    of subjects under one prefix header say the same. A graph with blank nodes (only a SPARQL
    update makes them) is written in one call, as a blank node must stay with its referrer.
    """
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph.serialize(format="turtle")
    namespaces = _namespaces(graph.predicates(unique=True))
    subjects = sorted(set(graph.subjects()), key=str)
    bodies = []
    for start in range(0, len(subjects), TURTLE_SUBJECTS_PER_CALL):
        chunk = subjects[start : start + TURTLE_SUBJECTS_PER_CALL]
        bodies.append(_turtle_body((t for s in chunk for t in graph.triples((s, None, None))), namespaces))
    return _prefix_header(namespaces) + "\n" + "\n\n".join(bodies) + "\n"


def _namespaces(predicates: Iterable[Node]) -> dict[str, Namespace]:
    """The project's prefixes and one for every other namespace of a predicate, bound up front so
    that no body written on its own needs a prefix of its own."""
    namespaces = dict(PREFIXES)
    known = {str(namespace) for namespace in namespaces.values()}
    extra = sorted({_namespace(str(p)) for p in predicates} - known)
    namespaces.update({f"ns{n}": Namespace(namespace) for n, namespace in enumerate(extra, start=1)})
    return namespaces


def _prefix_header(namespaces: Mapping[str, Namespace]) -> str:
    return "".join(f"@prefix {prefix}: <{iri}> ." + "\n" for prefix, iri in sorted(namespaces.items()))


def _turtle_body(triples: Iterable[tuple[Node, Node, Node]], namespaces: Mapping[str, Namespace]) -> str:
    """rdflib's Turtle of ``triples`` without its prefix lines and outer blank lines."""
    graph = Graph(bind_namespaces="none")
    for prefix, iri in namespaces.items():
        graph.bind(prefix, iri)
    for triple in triples:
        graph.add(triple)
    lines = graph.serialize(format="turtle").split("\n")
    # Not indented: a literal may span lines.
    return "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")


def _namespace(iri: str) -> str:
    return iri[: max(iri.rfind("#"), iri.rfind("/")) + 1]


def _jsonld(graph: Graph) -> str:
    context = load_context()
    text = graph.serialize(format="json-ld", context=context, auto_compact=True, use_native_types=True)
    # Re-dump for stable key order and indentation across rdflib versions.
    return json.dumps(_in_order(json.loads(text)), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _in_order(value: Any, key: str = "") -> Any:
    """JSON-LD with every array sorted (nodes, and the values of a property): rdflib emits them in
    the order of its sets, which changes from one process to the next. ``@list`` keeps its order."""
    if isinstance(value, dict):
        return {k: _in_order(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_in_order(v) for v in value]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value
