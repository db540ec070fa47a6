"""SPARQL over a store: ad hoc queries and the canned ones in ``ontology/queries/``.

A canned query is one ``.rq`` file whose leading comment says what it answers and declares its
parameters (``# param NAME: meaning (default ...)``); ``{{NAME}}`` marks where a value goes. A
value is inserted as a SPARQL string literal with every quote and backslash escaped, or, for a
parameter whose default is a number, as a validated number, so a parameter can never change
the query's structure.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.term import Node

from kg.errors import QueryError
from kg.files import ontology_dir

__all__ = ["CannedQuery", "QueryResult", "canned_queries", "render", "run_canned", "run_query"]

_PARAM_LINE = re.compile(r"^#\s*param\s+(\w+):\s*(.*)$")
_DEFAULT = re.compile(r"\(default ([^)]*)\)|;\s*(\"\") for all")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """A named query from ``ontology/queries/``: its text, what it answers, its parameters."""

    name: str
    description: str
    text: str
    params: Mapping[str, str]  # name -> default ("" when the parameter may be left out)
    param_help: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (or ASK) query as plain Python values (str, int, Decimal, date) or None,
    or the graph a CONSTRUCT or DESCRIBE query built."""

    variables: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    graph: Graph | None = None  # the answer of a CONSTRUCT or DESCRIBE query


def canned_queries(directory: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query, by name (the file's stem)."""
    folder = directory or ontology_dir() / "queries"
    return {path.stem: _load(path) for path in sorted(folder.glob("*.rq"))}


def _load(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    description, params, helps = [], {}, {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        param = _PARAM_LINE.match(line)
        if param is None:
            description.append(line.lstrip("# ").rstrip())
            continue
        name, meaning = param.groups()
        default = _DEFAULT.search(meaning)
        params[name] = (default.group(1) or "").strip() if default and default.group(1) else ""
        helps[name] = meaning
    return CannedQuery(path.stem, " ".join(description), text, params, helps)


def render(query: CannedQuery, values: Mapping[str, str]) -> str:
    """The query's text with every ``{{param}}`` replaced by a safely quoted value.

    Raises:
        QueryError: an unknown parameter, or a number parameter given something else.
    """
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        raise QueryError(
            f"query {query.name!r} has no parameter {unknown[0]!r}; "
            f"its parameters are: {', '.join(sorted(query.params)) or 'none'}"
        )

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        given = values.get(name, query.params.get(name, ""))
        if _is_number(query.params.get(name, "")):
            if not _is_number(given):
                raise QueryError(
                    f"parameter {name!r} of query {query.name!r} must be a number, not {given!r}"
                )
            return str(Decimal(given))
        return _string_literal(given)

    return _PLACEHOLDER.sub(value, query.text)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string_literal(text: str) -> str:
    """``text`` as a one-line SPARQL string literal (ECHAR escapes), whatever it holds."""
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except (InvalidOperation, ValueError):
        return False


def run_query(
    dataset: Dataset, sparql: str, *, name: str = "query", timeout: float | None = None
) -> QueryResult:
    """Run a query: SELECT and ASK give rows, CONSTRUCT and DESCRIBE a graph.

    Raises:
        QueryError: one line naming the query: a syntax error with its line and column, an
            evaluation error, or no answer within ``timeout`` seconds.
    """
    if timeout is None:
        return _evaluate(dataset, sparql, name)
    outcome: list[QueryResult | QueryError] = []

    def work() -> None:
        try:
            outcome.append(_evaluate(dataset, sparql, name))
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


def _evaluate(dataset: Dataset, sparql: str, name: str) -> QueryResult:
    try:
        result = dataset.query(sparql)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            graph = Graph()
            for prefix, namespace in dataset.namespaces():
                graph.bind(prefix, namespace)
            for triple in result:
                graph.add(triple)  # type: ignore[arg-type]
            return QueryResult((), (), graph)
        if result.type == "ASK":
            return QueryResult(("ask",), ((bool(result.askAnswer),),))
        variables = tuple(str(v) for v in (result.vars or ()))
        rows = tuple(tuple(_python(cell) for cell in row) for row in result)  # type: ignore[union-attr]
    except Exception as exc:  # rdflib, pyparsing and Oxigraph raise many unrelated types
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"{name}: {first_line}") from exc
    return QueryResult(variables, rows)


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


def _python(cell: Node | None) -> object:
    if cell is None:
        return None
    if isinstance(cell, Literal):
        return cell.toPython()
    return str(cell)
