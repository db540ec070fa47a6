"""``kg view``: the whole graph, an entity's neighbourhood or the claims, as an offline HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import add_store_option, positive_int
from kg.read.analytics import CENTRALITY_MEASURES
from kg.render.views import DEFAULT_MAX_NODES, ViewError, claims_view, neighbourhood_view, whole_view
from kg.render.viz import plural, write_view_html
from kg.store import existing_store

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg view``."""
    parser.add_argument(
        "--entity",
        default="",
        help="draw this entity's neighbourhood (a name, alias or any way an article names it); "
        "with --claims, only the claims it takes part in",
    )
    parser.add_argument(
        "--hops", type=positive_int, help="with --entity: relations away to draw (default: 1)"
    )
    parser.add_argument(
        "--claims",
        action="store_true",
        help="draw claimant -> claim -> counted group, the figure on the edge",
    )
    parser.add_argument(
        "--max-nodes",
        type=positive_int,
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help=f"draw at most N nodes, the most central (default: {DEFAULT_MAX_NODES})",
    )
    parser.add_argument(
        "--size-by",
        dest="measure",
        choices=CENTRALITY_MEASURES,
        default="pagerank",
        help="centrality that sizes the nodes and picks them beyond --max-nodes (default: pagerank)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("out/view.html"), help="page to write (default: out/view.html)"
    )
    add_store_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the store, choose the view, write the page, say where."""
    if args.hops is not None and (not args.entity or args.claims):
        raise ViewError("--hops needs --entity and no --claims: it sets how far a neighbourhood reaches")
    with existing_store(args.store) as store:
        dataset, most, measure = store.dataset, args.max_nodes, args.measure
        if args.claims:
            view = claims_view(dataset, entity=args.entity, max_nodes=most, measure=measure)
        elif args.entity:
            view = neighbourhood_view(
                dataset, args.entity, hops=args.hops or 1, max_nodes=most, measure=measure
            )
        else:
            view = whole_view(dataset, max_nodes=most, measure=measure)
    path = write_view_html(view, args.out)
    print(f"wrote {path}: {plural(len(view.nodes), 'node')}, {plural(len(view.edges), 'edge')}")  # noqa: T201
    if view.note:
        print(view.note)  # noqa: T201
    return 0
