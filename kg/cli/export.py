"""``kg export``: one format from the store; prints the path(s) written."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.render.network_files import EXPORT_FORMATS, write_format
from kg.store import existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg export``."""
    parser.add_argument(
        "--format", choices=EXPORT_FORMATS, default="trig", help="output format (default: trig)"
    )
    parser.add_argument("--store", default="out/store", help="store folder (default: out/store)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("out"),
        help="file to write, or a folder to write the format's usual name into (default: out/); "
        "for csv, the folder that gets nodes.csv and edges.csv",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with existing_store(args.store) as store:
        written = write_format(store, args.format, args.out)
    for path in written:
        print(path)  # noqa: T201
    return 0
