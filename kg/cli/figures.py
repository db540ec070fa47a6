"""``kg figures``: every figure per counted group and measure - who gave it, when, where it was
reported - with those that cannot both be true flagged; a table per group on the terminal, and
on request one CSV row per figure and the HTML timeline (:mod:`kg.render.timeline`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
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
from kg.read.listing import Listing
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
    """Read, compare, print, and write the files asked for: from the store's figures table where
    it has one, computed whole in DuckDB, else in Python over the store."""
    measure = measure_name(args.measure)
    if args.window < 0:
        raise QueryError(f"--window {args.window}: give a number of days, 0 or more")
    per_assertion = not args.every_report
    with existing_store(args.store) as store, open_table(store) as table:
        entity = named_entity(store, args.entity)
        if table is None:
            records = read_figures(store.dataset, entity=entity, measure=measure, per_assertion=per_assertion)
            groups = compare_figures(records, window_days=args.window)
            found = _show_groups(groups, args.csv)
        else:
            listing = table.figure_listing(
                entity=entity, measure=measure, window_days=args.window, per_assertion=per_assertion
            )
            found = _show_listing(listing, args.csv)
            if args.html:  # the chart draws the figures as Python compares them
                records = read_figures(
                    None, entity=entity, measure=measure, per_assertion=per_assertion, table=table
                )
                groups = compare_figures(records, window_days=args.window, pairs=table.disagreements)
    if not found:
        say_empty("figures", {"--entity": entity, "--measure": measure})
    if args.html:
        title = "Figures over time" + (f": {_selection(entity, measure)}" if entity or measure else "")
        html = timeline_html(groups, title=title)
        _write(args.html, lambda tmp: tmp.write_text(html, encoding="utf-8"))
    return 0


def _show_groups(groups: Sequence[FigureGroup], csv: Path | None) -> int:
    """Print the groups compared in Python, write their CSV where asked; how many figures."""
    rows = figure_rows(groups)  # once, for the terminal and the CSV
    blocks, start = [], 0
    for group in groups:
        blocks.append((group.title, _table_rows(rows[start : start + len(group.figures)])))
        start += len(group.figures)
    _print_blocks(blocks, plain=len(rows) > RICH_ROWS)
    if csv:
        text = csv_text(FIGURE_COLUMNS, rows)
        _write(csv, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return len(rows)


def _show_listing(listing: Listing, csv: Path | None) -> int:
    """Print the listing DuckDB computed, write its CSV where asked; how many figures. Many rows
    are written as DuckDB lines them up, a batch at a time, while DuckDB writes the CSV file from
    another thread: on two cores a listing of 100,000 figures takes a fifth less time so."""
    count = listing.count()
    with ThreadPoolExecutor(max_workers=1) as pool:
        write_csv = partial(listing.write_csv, columns=FIGURE_COLUMNS)
        written = pool.submit(write_files, {csv: write_csv}) if csv else None
        if count > RICH_ROWS:
            sys.stdout.writelines(listing.aligned(_TABLE_COLUMNS, gap="\n"))
        else:
            blocks = listing.blocks(_TABLE_COLUMNS)
            _print_blocks([(title or "", rows) for title, rows in blocks], plain=False)
        if written is not None:
            written.result()
            print(f"wrote     {csv}")  # noqa: T201
    return count


def _print_blocks(blocks: Sequence[tuple[str, list[list[str]]]], *, plain: bool) -> None:
    """Each group's table under its title: plain aligned columns, or rich's boxes for a few rows."""
    for title, rows in blocks:
        if plain:
            print(aligned_text(_TABLE_COLUMNS, rows, title=title) + "\n")  # noqa: T201
        else:
            from rich.console import Console

            Console().print(rich_table(_TABLE_COLUMNS, rows, title=title))


def _selection(entity: str, measure: str) -> str:
    return " and ".join(part for part in (f"entity {entity!r}" if entity else "", measure) if part)


def _table_rows(rows: Sequence[list[str]]) -> list[list[str]]:
    """The columns the terminal shows of a group's :func:`kg.read.figures.figure_rows`."""
    return [[row[i] for i in _SHOWN] for row in rows]


def _write(path: Path, write: Callable[[Path], object]) -> None:
    write_files({path: write})  # whole or not at all
    print(f"wrote     {path}")  # noqa: T201
