"""``kg analyze``: centrality, paths, communities and co-mentions of a store's entity graph.

Each question asks :mod:`kg.read.analytics` of the store's projection and shapes the answer as a
:class:`kg.render.reports.Report`, printed as a table, CSV or JSON.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from rdflib import Dataset
from rich.console import Console

from kg.cli.options import add_store_option, non_negative_int
from kg.read.analytics import CENTRALITY_MEASURES, centrality, comention, communities, project, shortest_path
from kg.render.reports import REPORT_FORMATS, Cell, Report, format_report, report_table
from kg.store import existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The questions of ``kg analyze`` and their options."""
    common = argparse.ArgumentParser(add_help=False)
    add_store_option(common)
    common.add_argument(
        "--format", choices=REPORT_FORMATS, default="table", help="output format (default: table)"
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


def _runner(ask: Callable[[Dataset, argparse.Namespace], Report]) -> Callable[[argparse.Namespace], int]:
    """The ``run`` of a subcommand: open the store, ask, print."""

    def run(args: argparse.Namespace) -> int:
        with existing_store(args.store) as store:
            report = ask(store.dataset, args)
        if args.format == "table":
            Console().print(report_table(report))
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
        "--top",
        type=non_negative_int,
        default=20,
        metavar="N",
        help="show the first N rows; 0 for all (default: 20)",
    )


def _add_claims(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--claims", action="store_true", help="also link each claimant to what its claims are about"
    )
