"""Options, argument types, and the word on an empty selection, that several subcommands share."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.store import QuadStore

__all__ = [
    "add_store_option",
    "named_entity",
    "non_negative_int",
    "port",
    "positive_float",
    "positive_int",
    "say_empty",
]


def named_entity(store: QuadStore, given: str, *, option: str = "--entity") -> str:
    """``given`` without its outer spaces once the store knows the name
    (:func:`kg.read.entities.entity_name`), "" for none. Only a name given opens the store's rdflib
    view and its SPARQL engine: a listing of everything answers from the figures table without them.

    Raises:
        QueryError: No entity has that name; the message offers up to three close ones.
    """
    if not given.strip():
        return ""
    from kg.read.entities import entity_name

    return entity_name(store.dataset, given, option=option)


def say_empty(what: str, selection: dict[str, str]) -> None:
    """Say on stderr that nothing matched, and what was asked (``{"--entity": "NIS"}``): an
    empty table alone does not tell a reader whether the names were right."""
    asked = " ".join(f"{option} {value!r}" for option, value in selection.items() if value)
    print(f"no {what} match {asked}" if asked else f"no {what} in the store", file=sys.stderr)  # noqa: T201


def add_store_option(parser: argparse.ArgumentParser, default: str | None = "out/store") -> None:
    """The ``--store`` option every command that reads or writes a store shares."""
    parser.add_argument(
        "--store",
        default=default,
        help=f"a store folder, 'memory' or sparql+http://HOST:PORT/... (default: {default or 'OUT/store'})",
    )


def positive_int(text: str) -> int:
    """Counts: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def non_negative_int(text: str) -> int:
    """A count where 0 means "all": a whole number of at least 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return value


def positive_float(text: str) -> float:
    """Seconds: a finite number more than 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number more than 0, not {text}")
    return value


def port(text: str) -> int:
    """A TCP port; 0 lets the system pick a free one."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)
