"""Namespaces of the ontology contract and access to the files in ``ontology/``.

Only :mod:`kg.rdf.mapping` mints terms; everything else imports the namespaces from here so the
contract's IRIs are written down once. The files themselves (``ckg.ttl``, ``shapes.ttl``,
``context.jsonld``) are read here and nowhere else: a missing or malformed file fails fast with an
:class:`~kg.errors.OntologyError` naming it, instead of surfacing later as an empty graph.
"""

from __future__ import annotations

import copy
import functools
import logging
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from rdflib import ConjunctiveGraph, Graph, Namespace, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import OntologyError
from kg.files import ontology_dir, read_json

__all__ = [
    "CKG",
    "CONTEXT_FILE",
    "ENTITIES_GRAPH",
    "GAZETTEER_GRAPH",
    "GEO",
    "GEONAMES",
    "ID",
    "ONTOLOGY_FILE",
    "ONTOLOGY_GRAPH",
    "STORIES_GRAPH",
    "ASSERTIONS_GRAPH",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SHAPES_FILE",
    "SKOS",
    "WIKIDATA",
    "XSD",
    "decimal_literal",
    "load_context",
    "load_ontology",
    "load_shapes",
    "term",
    "validate",
]

logger = logging.getLogger(__name__)


class _Vocabulary(Namespace):
    """The namespace of a closed vocabulary, each of whose IRIs is made once: rdflib makes (and
    checks) a new IRI on every ``CKG.name``, which the loops over every figure and assertion of a
    store pay for hundreds of thousands of times."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name if isinstance(name, str) else "")


@functools.cache
def _term(base: str, name: str) -> URIRef:
    return URIRef(base + name)


CKG = _Vocabulary("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")
SCHEMA = Namespace("https://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
#: W3C Basic Geo (WGS84) vocabulary: geo:lat and geo:long in decimal degrees.
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
#: GeoNames features, the owl:sameAs of a place the place data knows.
GEONAMES = Namespace("https://sws.geonames.org/")

#: Named graphs that are not articles.
ENTITIES_GRAPH = ID["graph/entities"]
GAZETTEER_GRAPH = ID["graph/gazetteer"]
ONTOLOGY_GRAPH = ID["graph/ontology"]
#: Graphs derived across articles (copies of one text; one claimant's figure), recomputed from
#: the article graphs on every build and removal.
STORIES_GRAPH = ID["graph/stories"]
ASSERTIONS_GRAPH = ID["graph/assertions"]

#: The one table of prefixes bound on every graph, export and query.
PREFIXES: dict[str, Namespace] = {
    "ckg": CKG,
    "id": ID,
    "schema": SCHEMA,
    "wd": WIKIDATA,
    "geo": GEO,
    "gn": GEONAMES,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "xsd": Namespace(str(XSD)),
}

#: File names inside :func:`ontology_dir`.
ONTOLOGY_FILE = "ckg.ttl"
SHAPES_FILE = "shapes.ttl"
CONTEXT_FILE = "context.jsonld"

#: Inference regimes :func:`validate` accepts, as pySHACL names them.
Inference = Literal["none", "rdfs"]
_INFERENCE: tuple[str, ...] = ("none", "rdfs")


def load_ontology(directory: Path | None = None) -> Graph:
    """The OWL ontology ``ckg.ttl`` as a fresh graph the caller may change.

    Args:
        directory: Folder to read from; :func:`ontology_dir` when omitted (tests point it
            elsewhere).

    Raises:
        OntologyError: The file is missing or is not valid Turtle; the message names the file
            and repeats the parser's line and reason.
    """
    return _copy_graph(_cached_turtle(*_stamp(_file(directory, ONTOLOGY_FILE))))


def load_shapes(directory: Path | None = None) -> Graph:
    """The SHACL shapes ``shapes.ttl`` as a fresh graph the caller may change.

    Args:
        directory: Folder to read from; :func:`ontology_dir` when omitted.

    Raises:
        OntologyError: The file is missing or is not valid Turtle.
    """
    return _copy_graph(_cached_turtle(*_stamp(_file(directory, SHAPES_FILE))))


def load_context(directory: Path | None = None) -> dict[str, Any]:
    """The JSON-LD context of ``context.jsonld``: the object under its ``"@context"`` key.

    That inner object is what rdflib's ``Graph.serialize(format="json-ld", context=...)`` embeds
    as the document's ``@context``; passing the whole file instead would nest ``@context`` inside
    ``@context``, which pyld rejects. pyld's ``jsonld.compact(doc, ctx)`` takes either form.
    The result is a deep copy, so callers may change it.

    Args:
        directory: Folder to read from; :func:`ontology_dir` when omitted.

    Raises:
        OntologyError: The file is missing, is not JSON, or has no ``@context`` object.
    """
    return copy.deepcopy(_cached_context(*_stamp(_file(directory, CONTEXT_FILE))))


def decimal_literal(number: Decimal) -> RDFLiteral:
    """xsd:decimal in the lexical form with a decimal point ("1000.0", "0.5").

    Turtle abbreviates a decimal that way and Oxigraph drops the ".0", so one form for every
    store and syntax is what lets exports compare equal literal for literal. Trailing zeros are
    cut from the digits as written, not by ``Decimal.normalize``, which rounds to 28 digits.

    Raises:
        ValueError: ``number`` is NaN or infinite, which xsd:decimal has no form for ("NaN.0"
            would be written otherwise, and no RDF parser reads it back as a number).
    """
    if not number.is_finite():
        raise ValueError(f"xsd:decimal has no lexical form for {number}")
    whole, _, fraction = format(number, "f").partition(".")
    return RDFLiteral(f"{whole}.{fraction.rstrip('0') or '0'}", datatype=XSD.decimal)


def term(name: str, directory: Path | None = None) -> URIRef:
    """The ``ckg:`` IRI of ``name``, refusing names that ``ckg.ttl`` does not declare.

    ``CKG[name]`` accepts any string, so a typo ("leaderof") would silently mint a term no
    query or shape knows; code that builds a term from data (a relation's predicate, an entity's
    class) asks here instead.

    Raises:
        OntologyError: ``name`` is not declared; the message lists the declared names.
    """
    declared = _declared_names(*_stamp(_file(directory, ONTOLOGY_FILE)))
    if name not in declared:
        raise OntologyError(
            f"{name!r} is not a term of the ConflictKG ontology; use one of {', '.join(sorted(declared))}"
        )
    return CKG[name]


def validate(
    data: Graph,
    *,
    inference: Inference = "none",
    directory: Path | None = None,
) -> tuple[bool, str]:
    """Check a graph or dataset against ``shapes.ttl``; returns (conforms, report text).

    The union of all named graphs is copied into rdflib's in-memory store first: pySHACL makes
    many tiny pattern calls, which are much faster there than across into Oxigraph, and the copy
    leaves the caller's data untouched while the ontology is mixed into it. ``ckg.ttl`` goes in
    as pySHACL's ``ont_graph``, so ``sh:class`` follows ``rdfs:subClassOf`` (a State is an Actor
    and a Location) even when the data carries no ontology.

    Args:
        data: An rdflib ``Graph``, or a ``Dataset`` whose named graphs are all checked together.
        inference: ``"none"`` (default) or ``"rdfs"``. The shapes name every concrete class and
            defining property as targets, so they need no inference; ``"rdfs"`` also types nodes
            from ``rdfs:domain``/``rdfs:range`` and is about 3-4 times slower.
        directory: Folder holding the ontology and shapes; :func:`ontology_dir` when omitted.

    Raises:
        ValueError: ``inference`` is not one of the accepted names.
        OntologyError: The ontology or shapes are missing, malformed, or not valid SHACL.
    """
    if inference not in _INFERENCE:
        raise ValueError(f"unknown inference {inference!r}; use one of {', '.join(_INFERENCE)}")
    import pyshacl  # heavy import, needed only here
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    shapes_path = _file(directory, SHAPES_FILE)
    # Cached graphs are passed as they are: pySHACL only reads the shapes and ontology graphs.
    shapes = _cached_turtle(*_stamp(shapes_path))
    ontology = _cached_turtle(*_stamp(_file(directory, ONTOLOGY_FILE)))
    union = Graph()
    if isinstance(data, ConjunctiveGraph):  # Dataset included
        union.addN((s, p, o, union) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        union.addN((s, p, o, union) for s, p, o in data)
    started = time.perf_counter()
    try:
        conforms, _, report = pyshacl.validate(
            union,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference=inference,
            inplace=True,
            abort_on_first=False,
            allow_warnings=False,
            meta_shacl=False,
            advanced=False,
            debug=False,
        )
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as exc:
        raise OntologyError(f"{shapes_path}: pySHACL cannot use these shapes: {exc}") from exc
    logger.debug(
        "validated %d triples in %.2f s: conforms=%s", len(union), time.perf_counter() - started, conforms
    )
    return bool(conforms), str(report)


def _file(directory: Path | None, name: str) -> Path:
    return (directory if directory is not None else ontology_dir()) / name


def _stamp(path: Path) -> tuple[str, int, int]:
    """Cache key for a file: its path, modification time and size, so an edited file is re-read."""
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise OntologyError(
            f"{path}: no such file; the ontology folder ships with ConflictKG, reinstall it or "
            f"point to the folder holding {path.name}"
        ) from exc
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return str(path), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=16)
def _cached_turtle(path: str, mtime_ns: int, size: int) -> Graph:
    """Parsed once per process and file version; shared, so never handed out without a copy."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (SyntaxError, ValueError) as exc:  # rdflib's BadSyntax is a SyntaxError; bad UTF-8 a ValueError
        raise OntologyError(f"{path}: not valid Turtle: {_parser_reason(exc)}") from exc
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    logger.debug("parsed %s: %d triples", path, len(graph))
    return graph


@functools.lru_cache(maxsize=8)
def _cached_context(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    document = read_json(path)
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        raise OntologyError(f'{path}: expected a JSON object with an "@context" object inside')
    return context


@functools.lru_cache(maxsize=8)
def _declared_names(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    graph = _cached_turtle(path, mtime_ns, size)
    prefix = str(CKG)
    return frozenset(
        str(s)[len(prefix) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(prefix) and len(str(s)) > len(prefix)
    )


def _copy_graph(source: Graph) -> Graph:
    graph = Graph()
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=True)
    graph.addN((s, p, o, graph) for s, p, o in source)
    return graph


def _parser_reason(exc: BaseException) -> str:
    """The parser's line number and reason on one line, without rdflib's echo of the input."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    reason = " ".join(lines[:2]).replace(" of <>", "")
    return reason.removesuffix(" at ^ in:").strip()
