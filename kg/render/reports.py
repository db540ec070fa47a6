"""Answers of ``kg analyze`` ready to show: a title, column names and rows of plain values, as a
terminal table, CSV or JSON, so every question offers the same formats."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from rich.table import Table

from kg.render.tables import csv_text, rich_table

__all__ = ["REPORT_FORMATS", "Cell", "Report", "format_report", "report_table"]

#: ``kg analyze --format`` choices.
REPORT_FORMATS = ("table", "csv", "json")

#: A cell: text, a number, or a list of names (joined with "; " in a table or CSV).
Cell = str | int | float | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """An answer ready to show: ``rows`` line up with ``headers``."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def format_report(report: Report, fmt: Literal["csv", "json"]) -> str:
    """The report as CSV or JSON (a list of objects keyed by header)."""
    if fmt == "json":
        records = [dict(zip(report.headers, row, strict=True)) for row in report.rows]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    return csv_text(report.headers, ([_joined(cell) for cell in row] for row in report.rows))


def report_table(report: Report) -> Table:
    """The report as a terminal table: scores to four places, lists joined."""
    rows = [[_text(cell) for cell in row] for row in report.rows]
    return rich_table(report.headers, rows, title=report.title)


def _joined(cell: Cell) -> str | int | float | bool:
    return "; ".join(cell) if isinstance(cell, tuple) else cell


def _text(cell: Cell) -> str:
    return f"{cell:.4f}" if isinstance(cell, float) else str(_joined(cell))
