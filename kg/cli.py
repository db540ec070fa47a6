"""The ``kg`` command: each subcommand is a thin wrapper over a library function.

Errors the library raises on purpose (:class:`kg.errors.KGError`) are printed as one line,
``error: <message>``, with exit status 1; nothing else is caught.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING)
    try:
        status: int = args.run(args)
    except KGError as exc:
        print(f"error: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the store is unchanged", file=sys.stderr)  # noqa: T201
        return 130
    return status


class _CliHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The one handler the command line puts on the ``kg`` logger."""


def _configure_logging(level: int) -> None:
    logger = logging.getLogger("kg")
    for handler in [h for h in logger.handlers if isinstance(h, _CliHandler)]:
        logger.removeHandler(handler)
    handler = _CliHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and use knowledge graphs of conflict news: actors, places, relations, claims.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    parser.add_argument("-q", "--quiet", action="store_true", help="log errors only")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="extract articles into the store; write exports and the view")
    build.add_argument(
        "inputs", nargs="+", type=Path, metavar="INPUT", help="folder, .txt/.html file or .jsonl"
    )
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    build.add_argument("--store", help="'memory' or a store folder (default: OUT/store)")
    build.add_argument("--strict", action="store_true", help="stop at the first unreadable article")
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="check an exported graph against the SHACL shapes")
    validate.add_argument("graph", type=Path, help="a .trig, .nq, .ttl or .jsonld file")
    validate.set_defaults(run=_validate)
    return parser


def _build(args: argparse.Namespace) -> int:
    from kg.build import build

    report = build(args.inputs, args.out, store=args.store, strict=args.strict)
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
    lines += [f"wrote     {path}" for path in report.outputs.values()]
    print("\n".join(lines))  # noqa: T201
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.export import read_graph_file
    from kg.ontology import validate

    conforms, report = validate(read_graph_file(args.graph))
    print(f"{args.graph}: {'conforms' if conforms else 'does not conform'}")  # noqa: T201
    if not conforms:
        print(report)  # noqa: T201
    return 0 if conforms else 1
