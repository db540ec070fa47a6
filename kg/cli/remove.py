"""``kg remove``: take articles, and what only they said, out of the store; refresh the exports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.builder.build import write_outputs
from kg.builder.remove import remove_articles
from kg.cli.options import add_store_option
from kg.rdf.export import check_output_folder
from kg.read.figure_table import TableUpkeep
from kg.store import existing_store

__all__ = ["PART_REMOVED", "configure"]

#: What Ctrl-C during a removal means where the store takes it in several requests.
PART_REMOVED = "error: interrupted; the endpoint may have taken part of the removal: run kg remove again"


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg remove``."""
    parser.add_argument("articles", nargs="+", metavar="ARTICLE", help="article IRI, file name or URL")
    parser.add_argument(
        "--out", type=Path, default=Path("out"), help="output folder to refresh (default: out)"
    )
    add_store_option(parser, default=None)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec = args.store or args.out / "store"
    with TableUpkeep(spec) as table:
        with existing_store(spec, read_only=False) as store:
            check_output_folder(args.out)  # a read-only --out stops before the store changes
            try:
                report = remove_articles(store, args.articles, table=table)
            except KeyboardInterrupt:
                if store.capabilities.transactional:
                    raise  # the removal is one batch: none of it is in, as the common message says
                # An endpoint takes the removal in several requests: some may have been applied.
                print(PART_REMOVED, file=sys.stderr)  # noqa: T201
                return 130
            outputs = write_outputs(store, args.out)
        table.stamp()
    lines = [f"removed   {iri}" for iri in report.articles]
    dropped = len(report.entities_dropped)
    lines.append(f"triples   {report.quads_removed} removed; {dropped} entities no longer mentioned")
    lines += [f"wrote     {path}" for path in outputs.values()]
    print("\n".join(lines))  # noqa: T201
    return 0
