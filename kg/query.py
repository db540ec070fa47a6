"""SPARQL over a store: ad hoc queries and the canned ones in ``ontology/queries/``.

A canned query is one ``.rq`` file whose leading comment says what it answers and declares its
parameters (``# param NAME: meaning (default ...)``); ``{{NAME}}`` marks where a value goes. A
value is inserted as a SPARQL string literal with every quote and backslash escaped, or, for a
parameter whose default is a number, as a validated number, so a parameter can never change
the query's structure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Dataset, Literal
from rdflib.term import Node

from kg.errors import QueryError
from kg.ontology import ontology_dir

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
    """Rows of a SELECT query as plain Python values (str, int, Decimal, date) or None."""

    variables: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


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


def run_query(dataset: Dataset, sparql: str, *, name: str = "query") -> QueryResult:
    """Run a SELECT query; a syntax or evaluation error becomes a one-line QueryError."""
    try:
        result = dataset.query(sparql)
        variables = tuple(str(v) for v in (result.vars or ()))
        rows = tuple(tuple(_python(cell) for cell in row) for row in result)  # type: ignore[union-attr]
    except Exception as exc:  # rdflib and pyparsing raise many unrelated types
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"{name}: {first_line}") from exc
    return QueryResult(variables, rows)


def run_canned(
    dataset: Dataset, name: str, values: Mapping[str, str] | None = None, directory: Path | None = None
) -> QueryResult:
    """Run the canned query ``name`` with parameter ``values``.

    Raises:
        QueryError: no such query (the message lists them), or a bad parameter.
    """
    queries = canned_queries(directory)
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; choose one of: {', '.join(sorted(queries))}")
    return run_query(dataset, render(queries[name], values or {}), name=f"query {name!r}")


def _python(cell: Node | None) -> object:
    if cell is None:
        return None
    if isinstance(cell, Literal):
        return cell.toPython()
    return str(cell)
