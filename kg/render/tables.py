"""Query results for people and for other programs: a terminal table, CSV, TSV or JSON.

JSON follows the SPARQL 1.1 Query Results JSON Format, so other SPARQL tools read it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from rich.console import Console
from rich.table import Table

from kg.read.query import QueryResult

__all__ = ["FORMATS", "format_result", "plain_table", "rich_table"]

Format = Literal["table", "csv", "tsv", "json"]
FORMATS: tuple[Format, ...] = ("table", "csv", "tsv", "json")


def format_result(result: QueryResult, fmt: Format) -> str:
    """The result as text in ``fmt`` (``table`` is rendered without colour, for files and pipes);
    a graph (CONSTRUCT, DESCRIBE) is Turtle whatever ``fmt`` says, or JSON-LD for ``json``."""
    if result.graph is not None:
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "json":
        return json.dumps(_sparql_json(result), indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([_text(cell) for cell in row] for row in result.rows)
        return buffer.getvalue()
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, color_system=None)
    console.print(rich_table(result.variables, [[_text(c) for c in row] for row in result.rows]))
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


_SHORT_CELL = 10
_MIN_WIDTH = 8


def rich_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None) -> Table:
    """A rich table for the terminal: long cells wrap rather than truncate, short ones (dates,
    numbers, bounds) never break, and a rule separates wrapped rows."""
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


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format(cell.normalize(), "f")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def _sparql_json(result: QueryResult) -> dict[str, object]:
    bindings = []
    for row in result.rows:
        binding: dict[str, dict[str, str]] = {}
        for name, cell in zip(result.variables, row, strict=True):
            if cell is None:
                continue
            if isinstance(cell, str) and cell.startswith(("http://", "https://")):
                binding[name] = {"type": "uri", "value": cell}
            else:
                binding[name] = {"type": "literal", "value": _text(cell)}
        bindings.append(binding)
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
