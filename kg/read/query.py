"""SPARQL over a store: ad hoc queries and the canned ones in ``ontology/queries/``.

A query runs in two steps that ``kg query`` and ``kg serve`` share: :func:`start_query` parses it
and starts it, :func:`read_answer` reads the whole answer as rdflib terms (a :class:`QueryResult`,
which :mod:`kg.render.results` writes in any SPARQL results format). Either step turns whatever
the engine raises into a :class:`~kg.errors.QueryError` (one line, but for a syntax error's line
and caret); :func:`run_query` does both,
with a time limit.

A canned query (:mod:`kg.read.canned`) runs as its text with the parameters filled in
(:func:`render`).

rdflib and its SPARQL parser are imported where a query runs, not with this module: commands
that answer from the figures table use :class:`QueryResult`'s neighbours and never run SPARQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.read.canned import CannedQuery, canned_queries, fill

if TYPE_CHECKING:
    from rdflib import Dataset, Graph
    from rdflib.query import Result
    from rdflib.term import Identifier

#: An ``xsd:string`` literal's datatype, which :func:`read_answer` drops.
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

__all__ = [
    "CannedQuery",
    "QueryResult",
    "Watch",
    "canned_queries",
    "error_line",
    "read_answer",
    "render",
    "run_canned",
    "run_query",
    "start_query",
]


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's whole answer as rdflib terms, so that it can be written in any SPARQL results
    format as it is: a string that looks like a URL stays a literal, datatypes and language tags
    stay. :meth:`records` gives plain Python values to code that computes with them.

    Attributes:
        form: "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE".
        variables: A SELECT's variables, in order.
        rows: A SELECT's solutions, each lined up with ``variables``; None where one is unbound.
        answer: An ASK's answer.
        graph: The graph a CONSTRUCT or DESCRIBE built.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    answer: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict[str, object]]:
        """The rows by variable, as Python values (str, int, Decimal, date, ...) or None."""
        return [
            {name: _python(cell) for name, cell in zip(self.variables, row, strict=True)} for row in self.rows
        ]


def render(query: CannedQuery, values: Mapping[str, str]) -> str:
    """The query's text with every ``{{param}}`` replaced by a safely quoted value.

    Raises:
        QueryError: an unknown parameter, or a number parameter given something else.
    """
    from kg.rdf.sparql import sparql_string

    return fill(query, values, sparql_string)


def run_query(
    dataset: Dataset, sparql: str, *, name: str = "query", timeout: float | None = None
) -> QueryResult:
    """Run a query and read its whole answer (:func:`start_query`, then :func:`read_answer`).

    Raises:
        QueryError: one line naming the query: a syntax error with its line and column, an
            evaluation error, or no answer within ``timeout`` seconds.
    """
    if timeout is None:
        return read_answer(start_query(dataset, sparql, name=name), name=name)
    outcome: list[QueryResult | QueryError] = []

    def work() -> None:
        try:
            outcome.append(read_answer(start_query(dataset, sparql, name=name), name=name))
        except QueryError as exc:
            outcome.append(exc)

    # A daemon thread: rdflib cannot be interrupted mid-query, but it must not keep the process alive.
    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise QueryError(f"{name}: no answer within {timeout:g} s (--timeout); narrow the query")
    if isinstance(outcome[0], QueryError):
        raise outcome[0]
    return outcome[0]


def run_canned(
    dataset: Dataset,
    name: str,
    values: Mapping[str, str] | None = None,
    directory: Path | None = None,
    *,
    timeout: float | None = None,
) -> QueryResult:
    """Run the canned query ``name`` with parameter ``values``.

    Raises:
        QueryError: no such query (the message lists them), or a bad parameter.
    """
    queries = canned_queries(directory)
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; choose one of: {', '.join(sorted(queries))}")
    return run_query(dataset, render(queries[name], values or {}), name=f"query {name!r}", timeout=timeout)


def start_query(target: Graph, sparql: str, *, name: str = "query") -> Result:
    """Parse ``sparql`` and start it on ``target`` (a Dataset, or one graph of it as the default
    graph). A SELECT's rows are computed as :func:`read_answer` reads them.

    Raises:
        QueryError: ``"{name}: "`` and the engine's reason on one line (:func:`error_line`); its
            ``__cause__`` is the engine's own exception, so a caller can tell a failing store
            (an ``OSError``) from a bad query.
    """
    with _engine_errors(name, sparql):
        return target.query(sparql)


#: Called with each row (SELECT) or triple (CONSTRUCT, DESCRIBE) and its index before it is
#: kept; it may raise to stop reading (``kg serve`` stops a cancelled or too large answer so).
Watch = Callable[[int, tuple["Identifier | None", ...]], None]


def read_answer(started: Result, *, name: str = "query", watch: Watch | None = None) -> QueryResult:
    """The whole answer of a query :func:`start_query` started.

    A string typed ``xsd:string`` comes back as the plain literal it is (Oxigraph types them,
    rdflib does not, and would compare the two as different), so every store answers alike. A
    graph has :data:`kg.rdf.ontology.PREFIXES` bound.

    Raises:
        QueryError: the engine failed while computing the answer: ``"{name}: "`` and its reason
            on one line. What ``watch`` raises leaves unchanged.
    """
    if started.type == "ASK":
        return QueryResult("ASK", answer=bool(started.askAnswer))
    from rdflib import Graph

    from kg.rdf.ontology import PREFIXES

    if started.type == "SELECT":
        rows = []
        for index, row in enumerate(_each(started, name)):
            cells = tuple(None if cell is None else _plain(cell) for cell in row)
            if watch is not None:
                watch(index, cells)
            rows.append(cells)
        return QueryResult("SELECT", tuple(str(v) for v in started.vars or ()), tuple(rows))
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for index, (s, p, o) in enumerate(_each(started, name)):
        triple = (s, p, _plain(o))
        if watch is not None:
            watch(index, triple)
        graph.add(triple)
    return QueryResult(started.type, graph=graph)


def _each(started: Result, name: str) -> Iterator[Any]:
    """The rows or triples of ``started``, the engine's failures while computing them mapped; what
    the caller raises between two of them is not the engine's and is left alone."""
    items = iter(started)
    while True:
        with _engine_errors(name):
            item = next(items, None)
        if item is None:
            return
        yield item


@contextmanager
def _engine_errors(name: str, text: str | None = None) -> Iterator[None]:
    try:
        yield
    except Exception as exc:  # rdflib, pyparsing and Oxigraph raise many unrelated types
        raise QueryError(f"{name}: {error_line(exc, text)}") from exc


def error_line(exc: BaseException, text: str | None = None, *, update: bool = False) -> str:
    """The engine's message on one line, its position written the same way for both engines; a
    syntax error in ``text`` (a query, or an ``update``) also names the word found there and
    shows the line with a caret under it (:mod:`kg.read.syntax`), on two more lines."""
    from kg.read.syntax import ENGINE_POSITION, syntax_message

    message = " ".join(str(exc).split()) or type(exc).__name__
    shown = syntax_message(text, message, update=update) if text is not None else None
    if shown is not None:
        return shown
    for pattern in ENGINE_POSITION:
        match = pattern.search(message)
        if match:
            rest = (message[: match.start()] + message[match.end() :]).strip()
            return f"syntax error at line {match.group(1)}, column {match.group(2)}: {rest}"
    return message


def _plain(term: Identifier) -> Identifier:
    from rdflib import Literal

    if isinstance(term, Literal) and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def _python(cell: Identifier | None) -> object:
    from rdflib import Literal

    if cell is None:
        return None
    if isinstance(cell, Literal):
        return cell.toPython()
    return str(cell)
