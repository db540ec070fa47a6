"""``kg validate``: check an exported graph against the SHACL shapes."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.rdf.export import read_graph_file
from kg.rdf.ontology import validate

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg validate``."""
    parser.add_argument("graph", type=Path, help="a .trig, .nq, .ttl or .jsonld file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    conforms, report = validate(read_graph_file(args.graph))
    print(f"{args.graph}: {'conforms' if conforms else 'does not conform'}")  # noqa: T201
    if not conforms:
        print(report)  # noqa: T201
    return 0 if conforms else 1
