"""The ``kg`` command: one module per subcommand, each a thin wrapper over a library function.

argparse, printing and exit codes live in this package and nowhere else; nothing imports it.
Errors the library raises on purpose (:class:`kg.errors.KGError`) are printed here, once, as one
line, ``error: <message>``, with exit status 1; nothing else is caught.

A subcommand's module is imported only when that subcommand runs (or its ``--help`` is asked
for): ``kg --help`` loads no spaCy, rdflib or pyoxigraph, so it answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from kg.errors import KGError

__all__ = ["COMMANDS", "main", "parse"]

#: Every subcommand: its module in this package and its one-line help, in ``kg --help``'s order.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("build", "extract articles into the store; write exports and the view"),
    "validate": ("validate", "check an exported graph against the SHACL shapes"),
    "query": ("query", "run SPARQL: text, a file (-f) or a canned query (--name)"),
    "remove": ("remove", "take articles (by IRI, file name or URL) and what only they said out of the store"),
    "claims": ("claims", "the claims in the store as a table, newest first"),
    "stats": (
        "stats",
        "count graphs, records, the articles' and the gazetteer's entities, claims",
    ),
    "export": ("export", "write the store as Turtle, TriG, N-Quads, JSON-LD, GraphML or CSV"),
    "serve": ("serve", "serve the store over HTTP: a SPARQL endpoint, the graph view, entity pages, search"),
    "analyze": ("analyze", "graph analytics: central entities, paths, communities, co-mentions"),
    "figures": (
        "figures",
        "every figure per counted group and measure, by source and date; flags those that disagree",
    ),
    "view": ("view", "draw the graph, an entity's neighbourhood or the claims as an offline HTML page"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = parse(sys.argv[1:] if argv is None else argv)
    _configure_logging(logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # the reader went away ("kg stats --format json | head"): no traceback, and none either
        # from the interpreter's own flush of stdout at exit (the Python docs' recipe)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KGError as exc:
        print(f"error: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the store is unchanged", file=sys.stderr)  # noqa: T201
        return 130
    return status


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a command line; ``args.run(args)`` then runs the subcommand chosen.

    Only the chosen subcommand's module is imported and given its options.
    """
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    return _parser(chosen).parse_args(argv)


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and use knowledge graphs of conflict news: actors, places, relations, claims.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    parser.add_argument("-q", "--quiet", action="store_true", help="log errors only")
    # the same options after the subcommand ("kg build ... -q"); unset there, the global value holds
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log every step"
    )
    after.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="log errors only"
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = commands.add_parser(name, help=help_text, description=help_text, parents=[after])
        if name == chosen:
            importlib.import_module(f"kg.cli.{module}").configure(command)
    return parser


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
