"""Serialisations of a store: TriG and N-Quads keep the named graphs, Turtle and JSON-LD give
their union. Files are written through :func:`kg.files.write_whole`, as one set: a failed or
killed export leaves every old file as it was, never half a file.

Every format streams from a pyoxigraph Store through Oxigraph's own serialisers, so memory stays
flat in the store's size: the store dumps N-Quads (or a graph's N-Triples) into a
:class:`~kg.rdf.linesort.LineSorter`, whose sorted lines are written out (N-Quads) or parsed
back by pyoxigraph into its TriG and Turtle writers with the project's prefixes; JSON-LD is
compacted a node at a time (:mod:`kg.rdf.jsonld`). Sorting makes the bytes depend on the quads
alone, whichever backend or batch order wrote them: N-Quads lines in code point order, TriG's
graphs in IRI order, each graph's (and the union's) triples in N-Triples order.

The rdflib helpers below (:func:`sorted_nquads`, :func:`canonical_dataset`, :func:`union_graph`)
give the same canonical forms of an rdflib Dataset, for comparing stores in memory.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import IdentifiedNode, Node

from kg.errors import ExportError, InputError
from kg.files import Writer, check_writable, explain, write_files
from kg.rdf.jsonld import write_jsonld
from kg.rdf.linesort import LineSorter
from kg.rdf.ontology import PREFIXES, XSD, decimal_literal, load_context

__all__ = [
    "EXPORT_FILES",
    "canonical_dataset",
    "canonical_literal",
    "check_output_folder",
    "export_files",
    "export_writer",
    "oxigraph_copy",
    "read_graph_file",
    "sorted_nquads",
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


def oxigraph_copy(dataset: Dataset) -> ox.Store:
    """An in-memory pyoxigraph Store holding ``dataset``'s quads, for the exports to stream
    from where the store is not Oxigraph (rdflib's memory store, a SPARQL endpoint)."""
    from oxrdflib._converter import to_ox  # oxrdflib loads rdflib's SPARQL engine (0.2 s)

    copy = ox.Store()
    copy.bulk_extend(
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), _ox_graph(g))  # type: ignore[arg-type]
        for s, p, o, g in _quads(dataset)
    )
    return copy


def export_files(source: ox.Store | Dataset, out_dir: Path) -> dict[str, tuple[Path, Writer]]:
    """Export format -> its file in ``out_dir`` and the writer of that file.

    ``source`` is best an Oxigraph store (:meth:`kg.store.QuadStore.oxigraph`): the writers
    stream from it; an rdflib Dataset is copied into one first.
    """
    store = source if isinstance(source, ox.Store) else oxigraph_copy(source)
    return {fmt: (out_dir / name, export_writer(store, fmt)) for fmt, name in EXPORT_FILES.items()}


def export_writer(store: ox.Store, fmt: str) -> Writer:
    """The writer of ``store`` in the export format ``fmt`` (a key of :data:`EXPORT_FILES`).

    Raises:
        ExportError: an unknown format.
    """
    if fmt not in _WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FILES)}")
    return partial(_WRITERS[fmt], store)


def write_exports(source: ox.Store | Dataset, out_dir: Path) -> dict[str, Path]:
    """Write every export format into ``out_dir``, all or none; returns format -> path.

    Raises:
        ExportError: a file cannot be written; the old files are left as they were.
    """
    files = export_files(source, out_dir)
    write_files(dict(files.values()))
    return {fmt: path for fmt, (path, _) in files.items()}


def check_output_folder(folder: Path) -> None:
    """Fail before the work, not after it, where the output folder cannot take files.

    Raises:
        ExportError: ``folder`` cannot be created or written to.
    """
    try:
        check_writable(folder)
    except OSError as exc:
        raise ExportError(f"cannot write to the output folder {folder}: {explain(exc)}") from exc


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


def _write_nquads(store: ox.Store, path: Path) -> None:
    """Every quad, the lines sorted: identical input, identical bytes."""
    sorter = _sorter(path)
    store.dump(_as_file(sorter), format=ox.RdfFormat.N_QUADS)
    with path.open("wb") as output:
        output.writelines(sorter.blocks())


def _write_trig(store: ox.Store, path: Path) -> None:
    """The default graph, then each named graph in IRI order, its triples sorted."""
    quads = ox.parse(_reader(_graph_blocks(store, path)), format=ox.RdfFormat.TRIG)
    ox.serialize(quads, str(path), format=ox.RdfFormat.TRIG, prefixes=_prefixes())


def _write_turtle(store: ox.Store, path: Path) -> None:
    """The union of all graphs, each triple once, sorted."""
    triples = ox.parse(_reader(_union_lines(store, path)), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(triples, str(path), format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


def _write_jsonld(store: ox.Store, path: Path) -> None:
    """The union of all graphs, compacted with the project's context a node at a time."""
    triples = ox.parse(_reader(_union_lines(store, path)), format=ox.RdfFormat.N_TRIPLES)
    with path.open("wb") as output:
        write_jsonld(triples, load_context(), output)


_WRITERS: dict[str, Callable[[ox.Store, Path], None]] = {
    "trig": _write_trig,
    "nquads": _write_nquads,
    "turtle": _write_turtle,
    "jsonld": _write_jsonld,
}

#: An xsd:decimal with no decimal point, as Oxigraph writes whole numbers ("2000"), in
#: N-Triples or N-Quads text: a term opens after a space, and a quote inside a literal is escaped.
#: (The leading space, rather than a look-behind, lets the engine skip to candidates: ten times faster.)
_WHOLE_DECIMAL = re.compile(rb' "(-?[0-9]+)"(\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>)')


def _decimal_point(block: bytes) -> bytes:
    """Decimals in :func:`kg.rdf.ontology.decimal_literal`'s form ("2000.0"), whichever store wrote them."""
    return _WHOLE_DECIMAL.sub(rb' "\1.0"\2', block)


def _sorter(path: Path) -> LineSorter:
    """Sorted runs spill beside the file being written: into the folder the export was given."""
    return LineSorter(path.parent, transform=_decimal_point)


def _graph_names(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    named = sorted(store.named_graphs(), key=str)
    return [ox.DefaultGraph(), *named]


def _union_lines(store: ox.Store, path: Path) -> Iterator[bytes]:
    """The triples of every graph as sorted N-Triples, each once."""
    sorter = _sorter(path)
    for graph in _graph_names(store):
        store.dump(_as_file(sorter), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return sorter.blocks(unique=True)


def _graph_blocks(store: ox.Store, path: Path) -> Iterator[bytes]:
    """TriG text of the store, a graph at a time, each graph's triples as sorted N-Triples."""
    for graph in _graph_names(store):
        sorter = _sorter(path)
        store.dump(_as_file(sorter), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        if isinstance(graph, ox.DefaultGraph):
            yield from sorter.blocks()
        else:
            yield f"{graph} {{\n".encode()
            yield from sorter.blocks()
            yield b"}\n"


def _reader(blocks: Iterator[bytes]) -> IO[bytes]:
    """A binary file reading ``blocks`` one after the other, for pyoxigraph's parser."""
    return io.BufferedReader(_BlockReader(blocks), buffer_size=1 << 16)


class _BlockReader(io.RawIOBase):
    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks = blocks
        self._block = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._block:
            block = next(self._blocks, None)
            if block is None:
                return 0
            self._block = memoryview(block)
        size = min(len(buffer), len(self._block))
        buffer[:size] = self._block[:size]
        self._block = self._block[size:]
        return size


def _prefixes() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _ox_graph(name: IdentifiedNode | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    if name is None or name == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(name, BNode):
        return ox.BlankNode(str(name))
    return ox.NamedNode(str(name))


def _as_file(sorter: LineSorter) -> IO[bytes]:
    """The sorter as the binary file pyoxigraph writes into: it has the ``write`` that needs."""
    return cast(IO[bytes], sorter)
