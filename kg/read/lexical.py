"""A SELECT answer kept as text, for answers read from a table rather than a SPARQL engine.

Making an rdflib term of every cell costs more than the query that found them (a few seconds for
a hundred thousand cells), and most readers want plain values or CSV anyway. A
:class:`LexicalResult` holds each cell's lexical form and each column's kind, and makes rdflib
terms only when asked (:meth:`LexicalResult.terms`): :meth:`records` gives the Python values
:meth:`kg.read.query.QueryResult.records` gives, and :mod:`kg.render.tables` writes CSV and TSV
from the text directly, byte for byte what the rdflib path writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Literal as Kind

from kg.read.query import QueryResult

if TYPE_CHECKING:
    from rdflib.term import Identifier

__all__ = ["ColumnKind", "LexicalResult", "tsv_header", "tsv_row"]

#: What a column holds: IRIs, ``xsd:date``, ``xsd:decimal`` or ``xsd:integer`` literals, or plain strings.
ColumnKind = Kind["iri", "date", "decimal", "integer", "string"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATATYPES = {"date": _XSD + "date", "decimal": _XSD + "decimal", "integer": _XSD + "integer"}


@dataclass(frozen=True, slots=True)
class LexicalResult:
    """A SELECT's answer as text: ``rows`` of lexical forms (None where unbound), lined up with
    ``variables`` and their ``kinds``."""

    variables: tuple[str, ...]
    kinds: tuple[ColumnKind, ...]
    rows: tuple[tuple[str | None, ...], ...]
    form: str = "SELECT"

    def records(self) -> list[dict[str, object]]:
        """The rows by variable as Python values: str, Decimal, date, or None."""
        convert = [_PYTHON[kind] for kind in self.kinds]
        return [
            {
                name: None if cell is None else make(cell)
                for name, make, cell in zip(self.variables, convert, row, strict=True)
            }
            for row in self.rows
        ]

    def terms(self) -> QueryResult:
        """The same answer as rdflib terms, for the writers that need them (JSON, XML, a table)."""
        convert = [_term_maker(kind) for kind in self.kinds]
        rows = tuple(
            tuple(None if cell is None else make(cell) for make, cell in zip(convert, row, strict=True))
            for row in self.rows
        )
        return QueryResult("SELECT", self.variables, rows)


def tsv_header(variables: Sequence[str]) -> str:
    """The header line of SPARQL TSV (no line end): each variable with its ``?``."""
    return "\t".join(f"?{name}" for name in variables)


def tsv_row(kinds: Sequence[ColumnKind]) -> Callable[[Sequence[str | None]], str]:
    """Writes a row of columns of these ``kinds`` as a SPARQL TSV line (no line end)."""
    writers = [_nt_writer(kind) for kind in kinds]
    return lambda row: "\t".join(
        "" if cell is None else write(cell) for write, cell in zip(writers, row, strict=True)
    )


def _date(text: str) -> object:
    """As rdflib reads an ``xsd:date``: a date, or the literal itself where the text is none."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        from rdflib import Literal

        return Literal(text, datatype=_DATATYPES["date"])


_PYTHON: dict[str, Callable[[str], object]] = {
    "iri": str,
    "date": _date,
    "decimal": Decimal,
    "integer": int,
    "string": str,
}


def _term_maker(kind: ColumnKind) -> Callable[[str], Identifier]:
    """How a cell of a ``kind`` column becomes an rdflib term (rdflib imported only when asked)."""
    from rdflib import Literal, URIRef

    if kind == "iri":
        return URIRef
    datatype = _DATATYPES.get(kind)
    return Literal if datatype is None else lambda text: Literal(text, datatype=datatype)


def _nt_writer(kind: ColumnKind) -> Callable[[str], str]:
    from kg.rdf.sparql import nt_lexical, sparql_iri

    if kind == "iri":
        return sparql_iri
    datatype = _DATATYPES.get(kind)
    return lambda text: nt_lexical(text, datatype)
