"""Listings DuckDB writes as text (kg figures, kg claims on a big store) are the bytes the Python
renderers write: cells on one line, numbers, cut contents, aligned columns, CSV."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kg.read.listing import SCRATCH, TABLE, Listing
from kg.read.sql_text import grouped_number, one_line, plain_number, shortened
from kg.render.claims_table import _number, content_text
from kg.render.tables import aligned_text, csv_text

#: Every character Python's ``str.split()`` splits on.
_PYTHON_WHITESPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


def _one(sql: str, **values: object) -> object:
    found = duckdb.connect().execute(f"SELECT {sql}", values).fetchone()
    assert found is not None
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "  led and trailed  ",
        "tab\there\nand a line",
        f"every{_PYTHON_WHITESPACE}space{_PYTHON_WHITESPACE}",
        "no\u200bbreak: a zero-width space is no space",
        "",
    ],
)
def test_one_line_collapses_whitespace_as_str_split_does(text: str) -> None:
    assert _one(one_line("$t"), t=text) == " ".join(text.split())


@pytest.mark.parametrize("number", ["11000", "49.50", "0.5", "1234567.125", "100", "45.0", "1000000"])
def test_numbers_are_written_as_the_python_renderers_write_them(number: str) -> None:
    decimal = "CAST($n AS DECIMAL(38, 12))"
    assert _one(plain_number(decimal), n=number) == format(Decimal(number).normalize(), "f")
    assert _one(grouped_number(decimal), n=number) == _number(Decimal(number))


@pytest.mark.parametrize(
    "content",
    [
        "the troops withdrew",
        "word " * 20,
        "x" * 80,
        "a" * 49 + " tail",
        "Forces advanced on three villages, then regrouped near the river crossing before dawn",
        "the ministry said that casualties, some of them severe,; continued to rise after the strike",
        "short " + "y" * 60,
        "a" * 24 + " " + "b" * 40,  # a space just before the second half does not count
        "a" * 25 + " " + "b" * 40,  # one in it does
    ],
)
def test_shortened_cuts_what_was_claimed_as_content_text_does(content: str) -> None:
    text = " ".join(content.split())
    assert _one(shortened("$t", 50), t=text) == content_text(content)


def _listing(rows: list[tuple[int, str | None, str, str]]) -> Listing:
    """A ``listing`` table of groups ``(grp, title, name, count)`` in the given order."""
    connection = duckdb.connect()
    connection.execute(SCRATCH)
    connection.execute(
        f"CREATE TABLE {TABLE} AS SELECT unnest($grp) AS grp, unnest($seq) AS seq, "
        "unnest($title) AS title, unnest($name) AS name, unnest($count) AS count",
        {
            "grp": [g for g, _, _, _ in rows],
            "seq": list(range(len(rows))),
            "title": [t for _, t, _, _ in rows],
            "name": [n for _, _, n, _ in rows],
            "count": [c for _, _, _, c in rows],
        },
    )
    return Listing(connection)


_ROWS = [
    (1, "First group", "North  Korean\ttroops", "12"),
    (1, "First group", 'a, with "quotes"', ""),
    (2, "Second, wider group", "x", "1,200 or\nmore"),
    (3, "Third", "“curly” words and a longer name than any", "7"),
    (3, "Third", "a carriage\rreturn", "#8"),
]


def test_listing_aligned_lines_are_those_aligned_text_writes_per_group() -> None:
    listing = _listing(_ROWS)
    expected = ""
    for group in (1, 2, 3):
        rows = [[name, count] for g, _, name, count in _ROWS if g == group]
        title = next(t for g, t, _, _ in _ROWS if g == group)
        expected += aligned_text(["name", "count"], rows, title=title) + "\n\n"
    assert "".join(listing.aligned(["name", "count"], gap="\n")) == expected
    assert listing.count() == 5 and listing.filled("count") == 4
    assert "".join(listing.aligned(["name"], title="All")).startswith("All\nname\nNorth Korean troops\n")


def test_listing_blocks_keep_the_groups() -> None:
    blocks = _listing(_ROWS).blocks(["count"])
    assert blocks == [
        ("First group", [["12"], [""]]),
        ("Second, wider group", [["1,200 or\nmore"]]),
        ("Third", [["7"], ["#8"]]),
    ]


_NO_RETURN = [*_ROWS[:-1], (3, "Third", "#7 opens with a hash", "  ")]


@pytest.mark.parametrize("rows", [_NO_RETURN, _ROWS], ids=["DuckDB's writer", "a carriage return"])
def test_listing_csv_file_is_what_pythons_csv_writes(
    rows: list[tuple[int, str | None, str, str]], tmp_path: Path
) -> None:
    """DuckDB's own CSV writer, but for a carriage return in a cell: empty cells, a '#', quotes,
    commas and line breaks come out as Python's csv writes them."""
    path = tmp_path / "listing.csv"
    _listing(rows).write_csv(path, ["name", "count"])
    assert path.read_bytes().decode() == csv_text(["name", "count"], [r[2:] for r in rows])
