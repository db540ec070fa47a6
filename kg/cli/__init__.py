"""The ``kg`` command: each subcommand is a thin wrapper over a library function.

Errors the library raises on purpose (:class:`kg.errors.KGError`) are printed as one line,
``error: <message>``, with exit status 1; nothing else is caught.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset

from kg.errors import KGError, QueryError
from kg.render.tables import FORMATS

__all__ = ["add_store_option", "main"]


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
    add_store_option(build, default=None)
    build.add_argument("--strict", action="store_true", help="stop at the first unreadable article")
    build.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help="extract in N processes on this machine (default 1); with --dask local, the cluster's size",
    )
    build.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="extract on a Dask cluster: its tcp://HOST:PORT address, or 'local' to start one here",
    )
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="check an exported graph against the SHACL shapes")
    validate.add_argument("graph", type=Path, help="a .trig, .nq, .ttl or .jsonld file")
    validate.set_defaults(run=_validate)

    query = commands.add_parser("query", help="run SPARQL: text, a file (-f) or a canned query (--name)")
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("-f", "--file", type=Path, help="read the query from this file")
    query.add_argument("--name", help="a canned query from ontology/queries/ (see --list)")
    query.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="canned query parameter"
    )
    query.add_argument("--list", action="store_true", help="list the canned queries and their parameters")
    query.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    add_store_option(query)
    query.add_argument("--timeout", type=float, help="give up after this many seconds")
    query.set_defaults(run=_query)

    remove = commands.add_parser(
        "remove", help="take articles (by IRI, file name or URL) and what only they said out of the store"
    )
    remove.add_argument("articles", nargs="+", metavar="ARTICLE", help="article IRI, file name or URL")
    remove.add_argument(
        "--out", type=Path, default=Path("out"), help="output folder to refresh (default: out)"
    )
    add_store_option(remove, default=None)
    remove.set_defaults(run=_remove)

    claims = commands.add_parser("claims", help="the claims in the store as a table, newest first")
    claims.add_argument("--entity", default="", help="only claims about (or counting) this entity")
    claims.add_argument("--measure", default="", help="only figures of this measure, e.g. Killed")
    add_store_option(claims)
    claims.set_defaults(run=_claims)

    from kg.cli.analyze import add_parser as add_analyze_parser
    from kg.cli.figures import add_parser as add_figures_parser
    from kg.read.stats import add_parser as add_stats_parser
    from kg.render.network_files import add_export_parser
    from kg.render.views import add_parser as add_view_parser
    from kg.web.serve import add_parser as add_serve_parser

    add_stats_parser(commands)
    add_export_parser(commands)
    add_serve_parser(commands)
    add_analyze_parser(commands)
    add_figures_parser(commands)
    add_view_parser(commands)
    return parser


def add_store_option(parser: argparse.ArgumentParser, default: str | None = "out/store") -> None:
    """The ``--store`` option every command that reads or writes a store shares."""
    parser.add_argument(
        "--store",
        default=default,
        help=f"a store folder, 'memory' or sparql+http://HOST:PORT/... (default: {default or 'OUT/store'})",
    )


def positive_int(text: str) -> int:
    """An argparse type for counts: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def _build(args: argparse.Namespace) -> int:
    from kg.builder.build import build
    from kg.cli.progress import build_progress

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
    print("\n".join(lines))  # noqa: T201
    return 0


def _remove(args: argparse.Namespace) -> int:
    from kg.builder.build import write_outputs
    from kg.builder.remove import remove_articles
    from kg.rdf.export import check_output_folder
    from kg.store import existing_store

    with existing_store(args.store or args.out / "store") as store:
        check_output_folder(args.out)  # a read-only --out stops before the store changes
        report = remove_articles(store, args.articles)
        outputs = write_outputs(store.dataset, args.out)
    lines = [f"removed   {iri}" for iri in report.articles]
    dropped = len(report.entities_dropped)
    lines.append(f"triples   {report.quads_removed} removed; {dropped} entities no longer mentioned")
    lines += [f"wrote     {path}" for path in outputs.values()]
    print("\n".join(lines))  # noqa: T201
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.rdf.export import read_graph_file
    from kg.rdf.ontology import validate

    conforms, report = validate(read_graph_file(args.graph))
    print(f"{args.graph}: {'conforms' if conforms else 'does not conform'}")  # noqa: T201
    if not conforms:
        print(report)  # noqa: T201
    return 0 if conforms else 1


def _query(args: argparse.Namespace) -> int:
    from kg.read.query import canned_queries, run_canned, run_query
    from kg.render.tables import format_result

    if args.list:
        for query in canned_queries().values():
            params = ", ".join(f"{name}: {meaning}" for name, meaning in query.param_help.items())
            print(f"{query.name}\n    {query.description}" + (f"\n    params: {params}" if params else ""))  # noqa: T201
        return 0
    chosen = [bool(args.sparql), args.file is not None, args.name is not None]
    if sum(chosen) != 1:
        raise QueryError("give exactly one of: the query text, -f FILE, or --name NAME (see kg query --list)")
    with _opened(args.store) as dataset:
        if args.name:
            result = run_canned(dataset, args.name, _params(args.param), timeout=args.timeout)
        else:
            text = _read_query_file(args.file) if args.file else args.sparql
            result = run_query(dataset, text, name=str(args.file or "query"), timeout=args.timeout)
    print(format_result(result, args.format), end="")  # noqa: T201
    return 0


def _claims(args: argparse.Namespace) -> int:
    from kg.render.claims_table import claim_table
    from kg.render.tables import print_table

    with _opened(args.store) as dataset:
        headers, rows = claim_table(dataset, entity=args.entity, measure=args.measure)
    print_table(headers, rows, title=f"{len(rows)} claims, newest first")
    return 0


def _params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f'--param {pair!r} is not NAME=VALUE (e.g. --param entity="North Korea")')
        values[name.strip()] = value
    return values


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query file {path}: {exc}") from exc


@contextmanager
def _opened(spec: str) -> Iterator[Dataset]:
    from kg.store import existing_store

    with existing_store(spec) as store:
        yield store.dataset
