"""``kg build``: extract articles into the store, write the exports and the view, print a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.builder.build import BuildReport, build
from kg.cli.options import add_store_option, positive_int
from kg.cli.progress import build_progress

__all__ = ["configure", "summary"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg build``."""
    parser.add_argument(
        "inputs", nargs="+", type=Path, metavar="INPUT", help="folder, .txt/.html file or .jsonl"
    )
    parser.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    add_store_option(parser, default=None)
    parser.add_argument("--strict", action="store_true", help="stop at the first unreadable article")
    parser.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help="extract in N processes on this machine (default 1); with --dask local, the cluster's size",
    )
    parser.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="extract on a Dask cluster: its tcp://HOST:PORT address, or 'local' to start one here",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        with build_progress(quiet=args.quiet) as progress:
            report = build(
                args.inputs,
                args.out,
                store=args.store,
                strict=args.strict,
                workers=args.workers,
                dask=args.dask,
                progress=progress,
            )
    except KeyboardInterrupt:  # batches already written stay: say so, not "unchanged"
        message = (
            "error: interrupted; the store holds whole articles only: run the build again to add the rest"
        )
        print(message, file=sys.stderr)  # noqa: T201
        return 130
    print(summary(report))  # noqa: T201
    return 0


def summary(report: BuildReport) -> str:
    """The lines ``kg build`` prints: what was added, what the store now holds, what was written."""
    counts = report.counts
    lines = [
        f"articles  {report.articles_added} added, {len(report.articles_skipped)} already in the store, "
        f"{counts['articles']} in all",
        f"entities  {counts['entities']}  "
        + ", ".join(f"{cls} {n}" for cls, n in report.entities_by_class.items()),
        f"mentions  {counts['mentions']}",
        f"claims    {counts['claims']}",
        f"triples   {counts['quads']} ({report.new_quads} new)",
        f"store     {report.store}",
        f"seconds   {report.seconds:.1f}",
    ]
    lines += [f"skipped   {source} (already in the store)" for source in report.articles_skipped]
    lines += [f"wrote     {path}" for path in report.outputs.values()]
    return "\n".join(lines)
