"""The canned queries in ``ontology/queries/``: their catalogue and their parameters' values.

A canned query is one ``.rq`` file whose leading comment says what it answers and declares its
parameters (``# param NAME: meaning (default ...)``); ``{{NAME}}`` marks where a value goes. A
value is inserted quoted (:func:`fill`: a SPARQL string literal with every quote and backslash
escaped) or, for a parameter whose default is a number, as a validated number, so a parameter can
never change the query's structure.

Kept apart from :mod:`kg.read.query` so that commands answering from the figures table (SQL with
the same parameters) read the catalogue without importing rdflib's SPARQL engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.errors import QueryError
from kg.files import ontology_dir

__all__ = ["CannedQuery", "canned_queries", "fill", "parameters"]

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


def parameters(query: CannedQuery, values: Mapping[str, str]) -> dict[str, str]:
    """Every parameter of ``query``: the value given, else its default; numbers checked (none
    below 0) and written plainly ("90.0" stays "90.0", " 90" becomes "90").

    Raises:
        QueryError: an unknown parameter, or a number parameter given something else.
    """
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        raise QueryError(
            f"query {query.name!r} has no parameter {unknown[0]!r}; "
            f"its parameters are: {', '.join(sorted(query.params)) or 'none'}"
        )
    chosen = {}
    for name, default in query.params.items():
        given = values.get(name, default)
        if _is_number(default):
            if not _is_number(given) or Decimal(given) < 0:  # a count of days, none negative
                raise QueryError(
                    f"parameter {name!r} of query {query.name!r} must be a number, 0 or more, not {given!r}"
                )
            given = str(Decimal(given))
        chosen[name] = given
    return chosen


def fill(query: CannedQuery, values: Mapping[str, str], quote: Callable[[str], str]) -> str:
    """The query's text with every ``{{param}}`` replaced: a number as it is, anything else
    through ``quote``.

    Raises:
        QueryError: as :func:`parameters`.
    """
    chosen = parameters(query, values)

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        given = chosen.get(name, "")
        return given if _is_number(query.params.get(name, "")) else quote(given)

    return _PLACEHOLDER.sub(value, query.text)


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except (InvalidOperation, ValueError):
        return False
