"""``kg claims``: the claims in the store as a table, newest first."""

from __future__ import annotations

import argparse

from rich.console import Console

from kg.cli.options import add_store_option
from kg.render.claims_table import claim_table
from kg.render.tables import rich_table
from kg.store import existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg claims``."""
    parser.add_argument("--entity", default="", help="only claims about (or counting) this entity")
    parser.add_argument("--measure", default="", help="only figures of this measure, e.g. Killed")
    add_store_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with existing_store(args.store) as store:
        headers, rows = claim_table(store.dataset, entity=args.entity, measure=args.measure)
    Console().print(rich_table(headers, rows, title=f"{len(rows)} claims, newest first"))
    return 0
