"""``kg analyze``: centrality, paths, communities and co-mentions of a store's entity graph.

Each subcommand asks :mod:`kg.read.analytics` one question of the store's projection
(:func:`kg.read.analytics.project`) and turns the answer into a :class:`Report`: a title, column
names and rows of plain values, which one function prints as a rich table, CSV or JSON, so
every subcommand offers the same formats.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset

from kg.read.analytics import CENTRALITY_MEASURES, centrality, comention, communities, project, shortest_path

__all__ = ["ANALYZE_FORMATS", "Report", "add_parser", "format_report"]

#: ``kg analyze --format`` choices.
ANALYZE_FORMATS = ("table", "csv", "json")

#: A cell: text, a number, or a list of names (joined with "; " in a table or CSV).
Cell = str | int | float | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """An answer ready to print: ``rows`` line up with ``headers``."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Register ``kg analyze`` and its subcommands on the CLI's subparsers."""
    from kg.cli import add_store_option

    common = argparse.ArgumentParser(add_help=False)
    add_store_option(common)
    common.add_argument(
        "--format", choices=ANALYZE_FORMATS, default="table", help="output format (default: table)"
    )

    parser: argparse.ArgumentParser = commands.add_parser(
        "analyze", help="graph analytics: central entities, paths, communities, co-mentions"
    )
    questions = parser.add_subparsers(title="questions", required=True, metavar="QUESTION")

    ranked = questions.add_parser("centrality", parents=[common], help="the most central entities")
    ranked.add_argument(
        "--measure", choices=CENTRALITY_MEASURES, default="pagerank", help="how to score (default: pagerank)"
    )
    _add_top(ranked)
    _add_claims(ranked)
    ranked.set_defaults(run=_runner(_centrality))

    path = questions.add_parser(
        "path", parents=[common], help="the shortest chain of relations between two entities"
    )
    path.add_argument("a", metavar="FROM", help="an entity's name, alias or a name an article used")
    path.add_argument("b", metavar="TO", help="the other entity")
    _add_claims(path)
    path.set_defaults(run=_runner(_path))

    groups = questions.add_parser("communities", parents=[common], help="groups of closely linked entities")
    _add_claims(groups)
    groups.set_defaults(run=_runner(_communities))

    pairs = questions.add_parser(
        "comention", parents=[common], help="pairs of entities mentioned in the same articles"
    )
    _add_top(pairs)
    pairs.set_defaults(run=_runner(_comention))
    return parser


def format_report(report: Report, fmt: str) -> str:
    """The report as CSV or JSON (a list of objects keyed by header); ``table`` is printed by
    :func:`kg.render.tables.print_table` instead."""
    if fmt == "json":
        records = [dict(zip(report.headers, row, strict=True)) for row in report.rows]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(report.headers)
    writer.writerows([_joined(cell) for cell in row] for row in report.rows)
    return buffer.getvalue()


def _runner(ask: Callable[[Dataset, argparse.Namespace], Report]) -> Callable[[argparse.Namespace], int]:
    """The ``run`` of a subcommand: open the store, ask, print."""

    def run(args: argparse.Namespace) -> int:
        from kg.render.tables import print_table
        from kg.store import existing_store

        with existing_store(args.store) as store:
            report = ask(store.dataset, args)
        if args.format == "table":
            rows = [[_text(cell) for cell in row] for row in report.rows]
            print_table(report.headers, rows, title=report.title)
        else:
            print(format_report(report, args.format), end="")  # noqa: T201
        return 0

    return run


def _centrality(dataset: Dataset, args: argparse.Namespace) -> Report:
    graph = project(dataset, claims=args.claims)
    scores = list(centrality(graph, args.measure).items())
    shown = scores[: args.top or None]
    rows: list[tuple[Cell, ...]] = [
        (rank, graph.nodes[node]["label"], graph.nodes[node]["cls"], score)
        for rank, (node, score) in enumerate(shown, start=1)
    ]
    title = f"{len(shown)} of {len(scores)} entities by {args.measure}"
    return Report(title, ("rank", "entity", "class", args.measure), rows)


def _path(dataset: Dataset, args: argparse.Namespace) -> Report:
    hops = shortest_path(dataset, args.a, args.b, claims=args.claims)
    rows: list[tuple[Cell, ...]] = [
        (step, hop.source, hop.predicate, hop.target, hop.reverse, hop.evidence, hop.article)
        for step, hop in enumerate(hops, start=1)
    ]
    headers = ("step", "source", "predicate", "target", "reverse", "evidence", "article")
    return Report(f"{args.a} - {args.b}: {len(hops)} hops", headers, rows)


def _communities(dataset: Dataset, args: argparse.Namespace) -> Report:
    found = communities(project(dataset, claims=args.claims))
    rows: list[tuple[Cell, ...]] = [
        (number, len(group.labels), group.labels) for number, group in enumerate(found, start=1)
    ]
    return Report(f"{len(found)} communities (Louvain)", ("community", "size", "members"), rows)


def _comention(dataset: Dataset, args: argparse.Namespace) -> Report:
    pairs = comention(project(dataset), args.top or None)
    rows: list[tuple[Cell, ...]] = [(pair.a, pair.b, len(pair.articles), pair.articles) for pair in pairs]
    title = f"{len(pairs)} entity pairs by shared articles"
    return Report(title, ("entity", "other", "articles", "shared"), rows)


def _add_top(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--top", type=_count, default=20, metavar="N", help="show the first N rows; 0 for all (default: 20)"
    )


def _add_claims(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--claims", action="store_true", help="also link each claimant to what its claims are about"
    )


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return value


def _joined(cell: Cell) -> str | int | float | bool:
    return "; ".join(cell) if isinstance(cell, tuple) else cell


def _text(cell: Cell) -> str:
    """A cell for the terminal: scores to four places, lists joined."""
    return f"{cell:.4f}" if isinstance(cell, float) else str(_joined(cell))
