"""``kg query``: SPARQL text, a file, or a canned query; its canned queries with ``--list``."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from kg.cli.options import add_store_option, named_entity, say_empty
from kg.errors import QueryError
from kg.read.canned import canned_queries
from kg.read.figure_sql import CANNED_SQL
from kg.read.figure_table import FigureTable, answer_canned, open_table
from kg.read.measures import measure_name
from kg.read.pipe import through_pipe
from kg.read.query import run_query
from kg.render.tables import FORMATS, format_result
from kg.store import existing_store

__all__ = ["configure"]

#: Canned-query parameters that name an entity, read as ``--entity`` is.
_ENTITY_PARAMS = frozenset({"entity", "claimant"})


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg query``."""
    parser.add_argument("sparql", nargs="?", help="the query text")
    parser.add_argument("-f", "--file", type=Path, help="read the query from this file")
    parser.add_argument("--name", help="a canned query from ontology/queries/ (see --list)")
    parser.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="canned query parameter"
    )
    parser.add_argument("--list", action="store_true", help="list the canned queries and their parameters")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="a table (the default) or a SPARQL results format: json, xml, csv, tsv",
    )
    add_store_option(parser)
    parser.add_argument("--timeout", type=float, help="give up after this many seconds")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        for query in canned_queries().values():
            params = ", ".join(f"{name}: {meaning}" for name, meaning in query.param_help.items())
            print(f"{query.name}\n    {query.description}" + (f"\n    params: {params}" if params else ""))  # noqa: T201
        return 0
    chosen = [bool(args.sparql), args.file is not None, args.name is not None]
    if sum(chosen) != 1:
        raise QueryError("give exactly one of: the query text, -f FILE, or --name NAME (see kg query --list)")
    values = _params(args.param)  # a bad parameter is refused before the store is opened
    with existing_store(args.store) as store:
        if args.name:
            for name in _ENTITY_PARAMS.intersection(values):
                values[name] = named_entity(store, values[name], option=f"--param {name}=")
            if args.name in CANNED_SQL and args.format in ("csv", "tsv"):
                with open_table(store) as table:
                    if table is not None:
                        if not _write_answer(table, args.name, values, args.format):
                            _say_empty(values)
                        return 0
            result = answer_canned(store, args.name, values, timeout=args.timeout)
        else:
            text = _read_query_file(args.file) if args.file else args.sparql
            result = run_query(store.dataset, text, name=str(args.file or "query"), timeout=args.timeout)
    if result.form == "SELECT" and not result.rows:
        _say_empty(values)
    text = format_result(result, args.format)
    print(text, end="" if text.endswith("\n") else "\n")  # noqa: T201  (JSON comes without one)
    return 0


def _write_answer(table: FigureTable, name: str, values: dict[str, str], fmt: str) -> int:
    """Write the answer to stdout as the figures table gives it: CSV as DuckDB writes it, through
    a pipe; TSV a batch of lines at a time. How many rows there were."""
    sys.stdout.flush()
    if fmt == "csv":
        count = through_pipe(partial(table.write_csv, name, values), sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return count
    header, batches = table.tsv_lines(name, values)
    sys.stdout.write(header)
    count = 0
    for batch in batches:
        sys.stdout.write("".join(batch))
        count += len(batch)
    return count


def _say_empty(values: dict[str, str]) -> None:
    say_empty("rows", {f"--param {name}=": value for name, value in values.items()})


def _params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f'--param {pair!r} is not NAME=VALUE (e.g. --param entity="North Korea")')
        values[name.strip()] = (
            measure_name(value, option="--param measure=") if name.strip() == "measure" else value
        )
    return values


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query file {path}: {exc}") from exc
