"""A SELECT answer kept as text, for answers read from a table rather than a SPARQL engine.

Making an rdflib term of every cell costs more than the query that found them (a few seconds for
a hundred thousand cells), and most readers want plain values or CSV anyway. A
:class:`LexicalResult` holds each cell's lexical form and each column's kind, and makes rdflib
terms only when asked (:meth:`LexicalResult.terms`): :meth:`records` gives the Python values
:meth:`kg.read.query.QueryResult.records` gives, and :mod:`kg.render.tables` writes CSV and TSV
from the text directly, byte for byte what the rdflib path writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal as Kind

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.rdf.ontology import XSD
from kg.rdf.sparql import nt_lexical, sparql_iri
from kg.read.query import QueryResult

__all__ = ["ColumnKind", "LexicalResult"]

#: What a column holds: IRIs, ``xsd:date`` or ``xsd:decimal`` literals, or plain strings.
ColumnKind = Kind["iri", "date", "decimal", "string"]

_DATATYPES = {"date": str(XSD.date), "decimal": str(XSD.decimal)}


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
        convert = [_TERM[kind] for kind in self.kinds]
        rows = tuple(
            tuple(None if cell is None else make(cell) for make, cell in zip(convert, row, strict=True))
            for row in self.rows
        )
        return QueryResult("SELECT", self.variables, rows)

    def csv_cells(self) -> list[list[str]]:
        """Header and rows as rdflib's CSV results writer gives them: lexical forms, unbound empty."""
        return [list(self.variables), *[["" if cell is None else cell for cell in row] for row in self.rows]]

    def tsv_lines(self) -> list[str]:
        """Header and rows as SPARQL TSV: each term as N-Triples writes it, unbound empty."""
        writers = [_nt_writer(kind) for kind in self.kinds]
        lines = ["\t".join(f"?{name}" for name in self.variables)]
        lines += [
            "\t".join("" if cell is None else write(cell) for write, cell in zip(writers, row, strict=True))
            for row in self.rows
        ]
        return lines


def _date(text: str) -> object:
    """As rdflib reads an ``xsd:date``: a date, or the literal itself where the text is none."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return Literal(text, datatype=XSD.date)


_PYTHON: dict[str, Callable[[str], object]] = {"iri": str, "date": _date, "decimal": Decimal, "string": str}
_TERM: dict[str, Callable[[str], Identifier]] = {
    "iri": URIRef,
    "date": lambda text: Literal(text, datatype=XSD.date),
    "decimal": lambda text: Literal(text, datatype=XSD.decimal),
    "string": Literal,
}


def _nt_writer(kind: ColumnKind) -> Callable[[str], str]:
    if kind == "iri":
        return sparql_iri
    datatype = _DATATYPES.get(kind)
    return lambda text: nt_lexical(text, datatype)
