"""Query results for people and for other programs: a terminal table, or a SPARQL 1.1 results
format exactly as :mod:`kg.render.results` writes it (the same bytes ``kg serve`` sends), so other
SPARQL tools read it; and plain CSV for tables the program builds itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from kg.read.lexical import LexicalResult, tsv_header, tsv_row
from kg.read.query import QueryResult

if TYPE_CHECKING:
    from rdflib.term import Identifier
    from rich.table import Table

__all__ = [
    "FORMATS",
    "RICH_ROWS",
    "aligned_text",
    "csv_text",
    "format_result",
    "plain_table",
    "plural",
    "rich_table",
]

#: Up to this many rows a command draws its tables with rich (boxes, wrapped cells); beyond,
#: :func:`aligned_text` lines them up as plain columns: rich spends about 2 ms on a row, a
#: minute on the figures of a million-quad store, and nobody reads thousands of boxed rows.
RICH_ROWS = 1000

Format = Literal["table", "csv", "tsv", "json", "xml"]
FORMATS: tuple[Format, ...] = ("table", "csv", "tsv", "json", "xml")

#: What a graph (CONSTRUCT, DESCRIBE) is written as, by ``--format``; Turtle otherwise.
_GRAPH_FORMATS = {"json": "json-ld", "xml": "xml"}


def format_result(result: QueryResult | LexicalResult, fmt: Format) -> str:
    """The result as text in ``fmt``; ``table`` is rendered without colour, for files and pipes.

    A graph is Turtle, or JSON-LD for ``json`` and RDF/XML for ``xml``. SPARQL writes an ASK
    answer only as JSON or XML; in a table, CSV or TSV it is one cell under ``ask``. An answer
    kept as text is written as CSV or TSV without making a term of each cell. rdflib's writers
    and rich are imported here, when needed, not by the commands that stream CSV.
    """
    if isinstance(result, LexicalResult):
        if fmt == "csv":
            rows = [["" if cell is None else cell for cell in row] for row in result.rows]
            return csv_text(result.variables, rows, lineterminator="\r\n")
        if fmt == "tsv":
            line = tsv_row(result.kinds)
            lines = (tsv_header(result.variables), *(line(row) for row in result.rows))
            return "".join(f"{text}\n" for text in lines)
        result = result.terms()
    from rdflib import Literal as RDFLiteral
    from rich.console import Console

    from kg.render.results import write_result

    if result.graph is not None:
        return write_result(result, _GRAPH_FORMATS.get(fmt, "turtle")).decode("utf-8")
    if result.answer is not None and fmt not in ("json", "xml"):
        result = QueryResult("SELECT", ("ask",), ((RDFLiteral(result.answer),),))
    if fmt != "table":
        return write_result(result, fmt).decode("utf-8")
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, color_system=None)
    console.print(rich_table(result.variables, [[_text(c) for c in row] for row in result.rows]))
    return buffer.getvalue()


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]], *, lineterminator: str = "\n") -> str:
    """A table the program built itself as plain CSV, rows ended by a newline (not CRLF, unless
    asked: SPARQL's CSV results end rows with CRLF)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain aligned columns, for logs and READMEs: the first left-aligned, the rest right."""
    cells = [list(headers), *[list(row) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    )


def aligned_text(headers: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None) -> str:
    """A table as plain left-aligned columns, each cell on one line: fast for any number of rows."""
    cells = [list(headers), *[[" ".join(cell.split()) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [title] if title else []
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


_SHORT_CELL = 10
_MIN_WIDTH = 8


def rich_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None) -> Table:
    """A rich table for the terminal: long cells wrap rather than truncate, short ones (dates,
    numbers, bounds) never break, and a rule separates wrapped rows."""
    from rich.table import Table

    table = Table(title=title, show_lines=True, header_style="bold")
    for i, header in enumerate(headers):
        widest = max((len(row[i]) for row in rows), default=0)
        longest_word = max((len(w) for row in rows for w in row[i].split()), default=0)
        table.add_column(
            header,
            overflow="fold",
            no_wrap=widest <= _SHORT_CELL,
            min_width=min(max(longest_word, len(header)), _MIN_WIDTH),
        )
    for row in rows:
        table.add_row(*row)
    return table


def _text(cell: Identifier | None) -> str:
    """What a reader sees of a term: a literal's text, an IRI, ``_:`` and a blank node's label."""
    from rdflib import BNode

    if cell is None:
        return ""
    if isinstance(cell, BNode):
        return f"_:{cell}"
    return str(cell)


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """``number`` with its noun: "1 relation", "1,500 entities"."""
    return f"{number:,} {singular if number == 1 else plural_form or singular + 's'}"
