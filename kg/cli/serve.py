"""``kg serve``: serve the store over HTTP until Ctrl-C; the URL is printed on stderr once listening."""

from __future__ import annotations

import argparse
import sys

from kg.cli.options import port, positive_float, positive_int
from kg.web.serve import ServeSettings, serve
from kg.web.sparql import MAX_RESULT_BYTES, MAX_ROWS

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of ``kg serve``."""
    parser.add_argument("--store", default="out/store", help="store folder or 'memory' (default: out/store)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=port, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument(
        "--allow-update", action="store_true", help="accept SPARQL Update (read-only otherwise)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=30.0,
        metavar="SECONDS",
        help="query time limit (default: 30)",
    )
    parser.add_argument(
        "--max-request-bytes",
        type=positive_int,
        default=1_048_576,
        metavar="N",
        help="largest request body accepted (default: 1048576)",
    )
    parser.add_argument(
        "--max-rows",
        type=positive_int,
        default=MAX_ROWS,
        metavar="N",
        help=f"most rows (or triples) a result may have; a larger one is refused (default: {MAX_ROWS})",
    )
    parser.add_argument(
        "--max-result-bytes",
        type=positive_int,
        default=MAX_RESULT_BYTES,
        metavar="N",
        help=f"largest result sent; a larger one is refused (default: {MAX_RESULT_BYTES})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = ServeSettings(
        allow_update=args.allow_update,
        timeout=args.timeout,
        max_request_bytes=args.max_request_bytes,
        max_rows=args.max_rows,
        max_result_bytes=args.max_result_bytes,
    )
    serve(
        args.store,
        host=args.host,
        port=args.port,
        settings=settings,
        log_level="info" if args.verbose else "warning",
        on_ready=lambda line: print(line, file=sys.stderr, flush=True),  # noqa: T201
    )
    return 0
