"""``kg stats``: what the store holds, as a table or as JSON (every article listed) for programs."""

from __future__ import annotations

import argparse
import dataclasses
import json

from rich.console import Console

from kg.read.stats import STATS_HEADERS, format_stats, store_stats
from kg.render.tables import rich_table
from kg.store import existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg stats``."""
    parser.add_argument("--store", default="out/store", help="store folder (default: out/store)")
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format (default: table)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with existing_store(args.store) as store:
        stats = store_stats(store.dataset)
    if args.format == "json":
        print(json.dumps(dataclasses.asdict(stats), indent=2, ensure_ascii=False))  # noqa: T201
    else:
        title = f"{args.store}: {stats.quads} quads"
        Console().print(rich_table(STATS_HEADERS, format_stats(stats), title=title))
    return 0
