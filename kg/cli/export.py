"""``kg export``: one format from the store; prints the path(s) written."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.errors import ExportError
from kg.rdf.export import write_files
from kg.read.figure_table import open_table
from kg.render.network_files import EXPORT_FORMATS, write_format
from kg.store import QuadStore, existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg export``."""
    parser.add_argument(
        "--format",
        choices=(*EXPORT_FORMATS, "parquet"),
        default="trig",
        help="output format (default: trig); parquet: the figures table, one row per figure",
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
        if args.format == "parquet":
            written = [_write_parquet(store, args.out)]
        else:
            written = write_format(store, args.format, args.out)
    for path in written:
        print(path)  # noqa: T201
    return 0


def _write_parquet(store: QuadStore, out: Path) -> Path:
    """The store's figures table as ``figures.parquet`` (or the file ``out`` names)."""
    path = out / "figures.parquet" if out.is_dir() or not out.suffix else out
    with open_table(store) as table:
        if table is None:
            raise ExportError(
                f"--format parquet writes the figures table kept beside a store folder; {store.location} "
                "has none: give a store folder (kg build --out DIR makes DIR/store)"
            )
        write_files({path: table.write_parquet})
    return path
