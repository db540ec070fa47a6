"""``kg claims``: the claims in the store as a table, newest first; with ``--assertions`` one row
per claimant's figure however many articles carry it, since ten copies of one wire story are
one source, not ten."""

from __future__ import annotations

import argparse

from kg.cli.options import add_store_option, named_entity, say_empty
from kg.read.figure_table import open_table
from kg.read.measures import measure_name
from kg.render.claims_table import assertion_table, claim_table
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
            title = f"{len(rows)} assertions, most independent stories first"
        else:
            dataset = store.dataset if table is None else None
            headers, rows = claim_table(dataset, entity=entity, measure=measure, table=table)
            title = f"{_counted(rows, headers.index('figure'))}, newest first"
    if not rows:
        say_empty("assertions" if args.assertions else "claims", {"--entity": entity, "--measure": measure})
    if len(rows) > RICH_ROWS:
        print(aligned_text(headers, rows, title=title))  # noqa: T201
    else:
        from rich.console import Console

        Console().print(rich_table(headers, rows, title=title))
    return 0


def _counted(rows: list[list[str]], figure: int) -> str:
    """What the rows hold, each thing counted once: a row is a figure, or a claim without one
    (a claim with three figures is three rows, so the rows are no count of claims)."""
    figures = sum(1 for row in rows if row[figure])
    bare = len(rows) - figures
    parts = [plural(figures, "figure")] if figures else []
    parts += [plural(bare, "claim") + " without a figure"] if bare else []
    return " and ".join(parts) or "0 claims"
