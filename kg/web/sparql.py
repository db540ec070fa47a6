"""SPARQL 1.1 Protocol operations: what a request asks, which format answers it, and the answer.

:func:`read_operation` turns a request's method, Content-Type, query string and body into one
:class:`Operation` (a query or an update, and the RDF dataset it names), following the three
ways the protocol allows: ``GET ?query=``, a form POST (``query=`` or ``update=``), and a POST
whose body is the query or update itself. :func:`negotiate` picks a result format from the
Accept header. :func:`answer_query` runs a query the way ``kg query`` does
(:func:`kg.read.query.start_query` and :func:`~kg.read.query.read_answer`, with this endpoint's
limits) and writes its result with :func:`kg.render.results.write_result`; :func:`apply_update`
runs an update. :mod:`kg.web.keywords` decides, before any of this runs, whether the text could
make the engine fetch a URL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal as TypingLiteral
from urllib.parse import parse_qsl

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.rdf.sparql import is_iri
from kg.read.query import Watch, error_line, read_answer, start_query
from kg.render.results import write_result
from kg.web import ProtocolError

__all__ = [
    "FORMATS",
    "MAX_RESULT_BYTES",
    "MAX_ROWS",
    "Answer",
    "Cancelled",
    "Format",
    "Operation",
    "answer_query",
    "apply_update",
    "negotiate",
    "not_acceptable",
    "read_operation",
]


#: Rows (or triples) and bytes a result may hold by default; see :func:`answer_query`.
MAX_ROWS = 100_000
MAX_RESULT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Format:
    """One way to write a result.

    Attributes:
        media_type: The response's Content-Type.
        name: The format's name for :func:`kg.render.results.write_result`.
        accepts: Media types in an Accept header that ask for it, the canonical one first.
    """

    media_type: str
    name: str
    accepts: tuple[str, ...]


_JSON = Format(
    "application/sparql-results+json", "json", ("application/sparql-results+json", "application/json")
)
_XML = Format("application/sparql-results+xml", "xml", ("application/sparql-results+xml", "application/xml"))

#: Result type -> the formats offered for it, the default first.
FORMATS: dict[str, tuple[Format, ...]] = {
    "SELECT": (
        _JSON,
        _XML,
        Format("text/csv; charset=utf-8", "csv", ("text/csv",)),
        Format("text/tab-separated-values; charset=utf-8", "tsv", ("text/tab-separated-values",)),
    ),
    "ASK": (_JSON, _XML),
}
FORMATS["CONSTRUCT"] = FORMATS["DESCRIBE"] = (
    Format("text/turtle; charset=utf-8", "turtle", ("text/turtle", "application/x-turtle")),
    Format("application/n-triples", "nt", ("application/n-triples",)),
    Format("application/ld+json", "json-ld", ("application/ld+json",)),
    Format("application/rdf+xml", "xml", ("application/rdf+xml",)),
)


@dataclass(frozen=True, slots=True)
class Operation:
    """One protocol operation.

    Attributes:
        kind: "query" or "update".
        text: The SPARQL text.
        default_graph: The one ``default-graph-uri`` the request named, if any.
    """

    kind: TypingLiteral["query", "update"]
    text: str
    default_graph: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """A response body and its Content-Type."""

    body: bytes
    media_type: str


class Cancelled(Exception):  # noqa: N818 - a signal between threads, not an error for users
    """Raised inside a worker when the request that wanted the answer has given up on it."""


_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_UNSUPPORTED_DATASET = (
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)


def read_operation(
    method: str, content_type: str | None, params: Sequence[tuple[str, str]], body: bytes
) -> Operation | None:
    """The operation a request asks for; None for a GET without a query (the form page).

    Raises:
        ProtocolError: 400 for a malformed request, 415 for a body type the protocol lacks.
    """
    fields = list(params)
    if method == "GET":
        if any(name == "update" for name, _ in fields):
            raise ProtocolError(400, "an update must be sent with POST, not GET")
    else:
        media = (content_type or "").split(";")[0].strip().lower()
        if media == _FORM:
            fields += parse_qsl(_utf8(body), keep_blank_values=True)
        elif media in (_QUERY_BODY, _UPDATE_BODY):
            fields.append(("query" if media == _QUERY_BODY else "update", _utf8(body)))
        else:
            raise ProtocolError(
                415,
                f"unsupported Content-Type {media or '(none)'!r}; POST one of: {_FORM}, {_QUERY_BODY}, "
                f"{_UPDATE_BODY}",
            )
    texts = [(name, value) for name, value in fields if name in ("query", "update")]
    if not texts:
        if method == "GET":
            return None
        raise ProtocolError(400, "no 'query' or 'update' in the request")
    if len(texts) > 1:
        raise ProtocolError(400, "give exactly one 'query' or 'update' per request")
    kind, text = texts[0]
    if not text.strip():
        raise ProtocolError(400, f"the {kind} is empty")
    unsupported = sorted({name for name, _ in fields if name in _UNSUPPORTED_DATASET})
    default_graphs = [value for name, value in fields if name == "default-graph-uri"]
    if unsupported or len(default_graphs) > 1 or (kind == "update" and default_graphs):
        named = ", ".join(unsupported or ["default-graph-uri"])
        raise ProtocolError(
            400, f"this endpoint does not support {named} here; name graphs in the {kind} (FROM, GRAPH, WITH)"
        )
    default_graph = default_graphs[0] if default_graphs else None
    if default_graph is not None and not is_iri(default_graph):
        raise ProtocolError(400, f"default-graph-uri {default_graph!r} is not an absolute IRI")
    return Operation("query" if kind == "query" else "update", text, default_graph)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not UTF-8 (byte {exc.start})") from exc


def negotiate(accept: str | None, formats: Sequence[Format]) -> Format | None:
    """The format the Accept header prefers: the first offered on a tie or with no header; None
    when the header accepts none of them."""
    ranges = _media_ranges(accept or "")
    if not ranges:
        return formats[0]
    best, best_q = None, 0.0
    for fmt in formats:
        quality = max(_quality(media, ranges) for media in fmt.accepts)
        if quality > best_q:
            best, best_q = fmt, quality
    return best


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (field.strip() for field in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _quality(media: str, ranges: Iterable[tuple[str, float]]) -> float:
    """The q of the most specific range that matches ``media`` (0 when none does)."""
    kind = media.split("/")[0]
    found, specificity = 0.0, -1
    for accepted, quality in ranges:
        level = 2 if accepted == media else 1 if accepted == f"{kind}/*" else 0 if accepted == "*/*" else -1
        if level > specificity:
            found, specificity = quality, level
    return found


def answer_query(
    dataset: Dataset,
    text: str,
    accept: str | None,
    cancelled: threading.Event,
    *,
    default_graph: str | None = None,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_RESULT_BYTES,
) -> Answer:
    """Run a query and write its result in the format ``accept`` prefers.

    SELECT rows are read one at a time, so a query the caller gave up on (``cancelled``) stops
    at the next row; a query that computes long before its first row (an aggregate, a sort, a
    CONSTRUCT) cannot be stopped that way and runs to its end.

    A result over ``max_rows`` rows (SELECT) or triples (CONSTRUCT, DESCRIBE), or whose written
    body is over ``max_bytes``, is refused whole rather than cut short: a SPARQL client has no way
    to tell a truncated result from a complete one, and an analyst counting rows would be misled.
    Reading stops as soon as either limit is passed (for SELECT, once the values alone are larger).

    Raises:
        ProtocolError: 400 for a query the engine rejects, 406 for an Accept header that takes
            none of the formats of the query's result, 422 for a result over the limits, 500
            when the store or evaluation fails.
        Cancelled: ``cancelled`` was set while rows were being read.
    """
    target: Graph = (
        dataset if default_graph is None else Graph(dataset.store, identifier=URIRef(default_graph))
    )
    try:
        started = start_query(target, text, name="bad query")
    except QueryError as exc:
        if isinstance(exc.__cause__, OSError):
            raise ProtocolError(500, f"the store failed: {error_line(exc.__cause__)}") from exc
        raise ProtocolError(400, str(exc)) from exc
    fmt = negotiate(accept, FORMATS[started.type])
    if fmt is None:
        raise not_acceptable(started.type, accept)
    watch = _limits(started.type, cancelled, max_rows, max_bytes)
    try:
        body = write_result(
            read_answer(started, name="the query failed while running", watch=watch), fmt.name
        )
    except QueryError as exc:
        raise ProtocolError(500, str(exc)) from exc
    if len(body) > max_bytes:
        raise _too_large(max_bytes)
    return Answer(body, fmt.media_type)


def not_acceptable(result_type: str, accept: str | None) -> ProtocolError:
    """The 406 for a query whose result no format in ``accept`` can carry."""
    offered = ", ".join(fmt.accepts[0] for fmt in FORMATS[result_type])
    return ProtocolError(
        406, f"a {result_type} result cannot be sent as {accept!r}; this endpoint offers: {offered}"
    )


def apply_update(dataset: Dataset, text: str) -> None:
    """Run an update on the store.

    Raises:
        ProtocolError: 400 for an update the engine rejects, 500 when the store fails.
    """
    try:
        dataset.update(text)
    except OSError as exc:
        raise ProtocolError(500, f"the store failed: {error_line(exc)}") from exc
    except Exception as exc:  # rdflib, pyparsing and pyoxigraph raise many unrelated types
        raise ProtocolError(400, f"bad update: {error_line(exc, text, update=True)}") from exc


_CHECK_EVERY = 64  # rows between looks at the cancel flag


def _too_many(max_rows: int, what: str) -> ProtocolError:
    return ProtocolError(
        422,
        f"the result has more than {max_rows:,} {what}, the most this endpoint sends (kg serve "
        "--max-rows); add LIMIT (and OFFSET to page through it) or narrow the query",
    )


def _too_large(max_bytes: int) -> ProtocolError:
    return ProtocolError(
        422,
        f"the result is larger than {max_bytes:,} bytes, the most this endpoint sends (kg serve "
        "--max-result-bytes); add LIMIT, select fewer or shorter values, or narrow the query",
    )


def _limits(form: str, cancelled: threading.Event, max_rows: int, max_bytes: int) -> Watch:
    """What :func:`read_answer` calls on each row or triple: stop when the caller gave up or the
    answer is over the limits."""
    what = "rows" if form == "SELECT" else "triples"
    size = 0  # characters of a SELECT's values: every format writes at least as many bytes

    def watch(index: int, terms: tuple[Identifier | None, ...]) -> None:
        nonlocal size
        if index % _CHECK_EVERY == 0 and cancelled.is_set():
            raise Cancelled
        if index == max_rows:
            raise _too_many(max_rows, what)
        if form == "SELECT":
            size += sum(len(str(term)) for term in terms if term is not None)
            if size > max_bytes:
                raise _too_large(max_bytes)

    return watch
