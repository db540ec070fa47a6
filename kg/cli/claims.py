"""``kg claims``: the claims in the store as a table, newest first; with ``--assertions`` one row
per claimant's figure however many articles carry it, since ten copies of one wire story are
one source, not ten."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kg.cli.options import add_store_option, named_entity, say_empty
from kg.read.figure_table import open_table
from kg.read.listing import Listing
from kg.read.measures import measure_name
from kg.render.claims_table import CONTENT_CHARACTERS, HEADERS, assertion_table, claim_table
from kg.render.tables import RICH_ROWS, aligned_text, plural, rich_table
from kg.store import existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg claims``."""
    parser.add_argument("--entity", default="", help="only claims about (or counting) this entity")
    parser.add_argument("--measure", default="", help="only figures of this measure, e.g. Killed")
    parser.add_argument(
        "--assertions",
        action="store_true",
        help="one row per assertion (a claimant's figure), with its reports and independent stories",
    )
    add_store_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    measure = measure_name(args.measure)
    with existing_store(args.store) as store, open_table(store) as table:
        entity = named_entity(store, args.entity)
        if args.assertions:
            headers, rows = assertion_table(store.dataset, entity=entity, measure=measure)
            _show(headers, rows, f"{len(rows)} assertions, most independent stories first")
            found = len(rows)
        elif table is None:
            headers, rows = claim_table(store.dataset, entity=entity, measure=measure)
            figures = sum(1 for row in rows if row[headers.index("figure")])
            _show(headers, rows, _counted(figures, len(rows) - figures))
            found = len(rows)
        else:
            found = _show_listing(
                table.claim_listing(entity=entity, measure=measure, content_characters=CONTENT_CHARACTERS)
            )
    if not found:
        say_empty("assertions" if args.assertions else "claims", {"--entity": entity, "--measure": measure})
    return 0


def _show(headers: Sequence[str], rows: list[list[str]], title: str) -> None:
    """The table under its title: plain aligned columns for many rows, rich's boxes for a few."""
    if len(rows) > RICH_ROWS:
        print(aligned_text(headers, rows, title=title))  # noqa: T201
    else:
        from rich.console import Console

        Console().print(rich_table(headers, rows, title=title))


def _show_listing(listing: Listing) -> int:
    """The claims DuckDB listed, as :func:`_show` shows them; many rows written as DuckDB lines
    them up, a batch at a time. How many rows."""
    count, figures = listing.count(), listing.filled("figure")
    title = _counted(figures, count - figures)
    if count > RICH_ROWS:
        sys.stdout.writelines(listing.aligned(HEADERS, title=title))
    else:
        _show(HEADERS, [row for _, rows in listing.blocks(HEADERS) for row in rows], title)
    return count


def _counted(figures: int, bare: int) -> str:
    """What the rows hold, each thing counted once: a row is a figure, or a claim without one
    (a claim with three figures is three rows, so the rows are no count of claims)."""
    parts = [plural(figures, "figure")] if figures else []
    parts += [plural(bare, "claim") + " without a figure"] if bare else []
    return " and ".join(parts) + ", newest first" if parts else "0 claims, newest first"
