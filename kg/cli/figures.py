"""``kg figures``: every figure per counted group and measure - who gave it, when, where it was
reported - with those that cannot both be true flagged; a table per group on the terminal, and
on request one CSV row per figure and the HTML timeline (:mod:`kg.render.timeline`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import add_store_option, named_entity, say_empty
from kg.errors import QueryError
from kg.files import write_files
from kg.read.figure_table import open_table
from kg.read.figures import (
    FIGURE_COLUMNS,
    SAME_PERIOD_DAYS,
    FigureGroup,
    compare_figures,
    figure_rows,
    read_figures,
)
from kg.read.measures import MEASURES, measure_name
from kg.render.tables import RICH_ROWS, aligned_text, csv_text, rich_table
from kg.render.timeline import timeline_html
from kg.store import existing_store

__all__ = ["configure"]


#: The columns of :data:`kg.read.figures.FIGURE_COLUMNS` the terminal shows.
_TABLE_COLUMNS = ("id", "date", "claimant", "via", "figure", "bounds", "flag", "outlet", "assertion")
_SHOWN = [FIGURE_COLUMNS.index(name) for name in _TABLE_COLUMNS]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg figures``."""
    parser.add_argument(
        "--entity",
        default="",
        help="only figures counting this group (its name, an alias or an article's words)",
    )
    parser.add_argument("--measure", default="", help=f"only this measure: {', '.join(MEASURES)}")
    parser.add_argument(
        "--window",
        type=int,
        default=SAME_PERIOD_DAYS,
        metavar="DAYS",
        help=f"days apart two figures may be stated and describe one period (default: {SAME_PERIOD_DAYS})",
    )
    parser.add_argument(
        "--every-report",
        action="store_true",
        help="one row per article's figure, not one per assertion (one claimant's figure in every article)",
    )
    parser.add_argument("--csv", type=Path, metavar="PATH", help="write one row per figure to this CSV file")
    parser.add_argument(
        "--html", type=Path, metavar="PATH", help="write the timeline chart to this HTML file"
    )
    add_store_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read, compare, print, and write the files asked for."""
    measure = measure_name(args.measure)
    if args.window < 0:
        raise QueryError(f"--window {args.window}: give a number of days, 0 or more")
    with existing_store(args.store) as store, open_table(store) as table:
        entity = named_entity(store, args.entity)
        records = read_figures(
            store.dataset if table is None else None,
            entity=entity,
            measure=measure,
            per_assertion=not args.every_report,
            table=table,
        )
        pairs = None if table is None else table.disagreements
        groups = compare_figures(records, window_days=args.window, pairs=pairs)
    rows = figure_rows(groups)  # once, for the terminal and the CSV
    plain, start = len(records) > RICH_ROWS, 0
    for group in groups:
        shown = _table_rows(rows[start : start + len(group.figures)])
        start += len(group.figures)
        if plain:
            print(aligned_text(_TABLE_COLUMNS, shown, title=_title(group)) + "\n")  # noqa: T201
        else:
            from rich.console import Console

            Console().print(rich_table(_TABLE_COLUMNS, shown, title=_title(group)))
    if not groups:
        say_empty("figures", {"--entity": entity, "--measure": measure})
    if args.csv:
        _write(args.csv, csv_text(FIGURE_COLUMNS, rows))
    if args.html:
        title = "Figures over time" + (f": {_selection(entity, measure)}" if entity or measure else "")
        _write(args.html, timeline_html(groups, title=title))
    return 0


def _selection(entity: str, measure: str) -> str:
    return " and ".join(part for part in (f"entity {entity!r}" if entity else "", measure) if part)


def _table_rows(rows: list[list[str]]) -> list[list[str]]:
    """The columns the terminal shows of a group's :func:`kg.read.figures.figure_rows`."""
    return [[row[i] for i in _SHOWN] for row in rows]


def _title(group: FigureGroup) -> str:
    disagree = f", {group.disagreeing} disagree" if group.disagreeing else ""
    return f"{group.group_label} \N{EM DASH} {group.measure}: {len(group.figures)} figures{disagree}"


def _write(path: Path, text: str) -> None:
    write_files({path: lambda tmp: tmp.write_text(text, encoding="utf-8")})  # whole or not at all
    print(f"wrote     {path}")  # noqa: T201
