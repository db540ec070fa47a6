"""A listing a command shows (``kg figures``, ``kg claims``), computed whole by DuckDB into a
table (:data:`TABLE`) beside the figures table, every column as text: a few rows are fetched for a
rich table; a hundred thousand are written by DuckDB as aligned lines, which Python only passes on
a batch at a time, or as a CSV file, which DuckDB writes itself.

The table has ``grp`` (the group a row belongs to; one table per group is shown), ``seq`` (the
rows' order), ``title`` (the group's title, or NULL) and the shown columns. It lies in an
in-memory database attached to the connection (:data:`SCRATCH`), not among its temporary tables,
because every cursor of the connection sees it there: the CSV file is written from one cursor
while the terminal lines stream from another, each on a core of its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb

from kg.read.sql_text import aligned_line, csv_copy, csv_line, one_line, quoted, string_literal

__all__ = ["BATCH_ROWS", "SCRATCH", "TABLE", "Block", "Listing"]

#: Attaches the in-memory database the listings are computed into (also to a read-only connection).
SCRATCH = "ATTACH IF NOT EXISTS ':memory:' AS scratch (READ_WRITE)"

#: The table a listing query fills, in :data:`SCRATCH`.
TABLE = "scratch.listing"

#: Rows fetched from DuckDB at a time where an answer is streamed (:meth:`Listing.aligned`,
#: :meth:`kg.read.figure_table.FigureTable.tsv_lines`).
BATCH_ROWS = 10_000

#: A group's title (None: the command words it) and its rows.
Block = tuple[str | None, list[list[str]]]


class Listing:
    """The :data:`TABLE` of an open connection; read it before the connection closes."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._db = connection

    def count(self) -> int:
        """How many rows."""
        found = self._db.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
        return int(found[0]) if found else 0

    def filled(self, column: str) -> int:
        """How many rows have text in ``column``."""
        found = self._db.execute(f"SELECT count(*) FROM {TABLE} WHERE {quoted(column)} <> ''").fetchone()
        return int(found[0]) if found else 0

    def blocks(self, columns: Sequence[str]) -> list[Block]:
        """Each group's title and rows of ``columns``, in order: for a few rows."""
        cells = ", ".join(map(quoted, columns))
        found = self._db.execute(f"SELECT grp, title, [{cells}] FROM {TABLE} ORDER BY seq").fetchall()
        blocks: list[Block] = []
        last = None
        for group, title, row in found:
            if group != last:
                blocks.append((title, []))
                last = group
            blocks[-1][1].append(list(row))
        return blocks

    def aligned(self, columns: Sequence[str], *, title: str | None = None, gap: str = "") -> Iterator[str]:
        """Each group as :func:`kg.render.tables.aligned_text` writes it (its title, or ``title``,
        the header, the rows of ``columns`` padded to the group's widest cell), each line ended
        and ``gap`` after each group: text a batch of rows at a time."""
        shown = [f"c{i}" for i in range(len(columns))]
        cells = ", ".join(f"{one_line(quoted(c))} AS {s}" for c, s in zip(columns, shown, strict=True))
        widths = ", ".join(
            f"greatest({len(c)}, max(length({s}))) AS w{s}" for c, s in zip(columns, shown, strict=True)
        )
        headers = [string_literal(c) for c in columns]
        width_of = [f"w{s}" for s in shown]
        title_sql = "title" if title is None else "$title"
        cursor = self._db.execute(
            f"""WITH t AS (SELECT grp, seq, title, {cells} FROM {TABLE}),
                widest AS (SELECT grp, min(seq) AS first, {widths} FROM t GROUP BY grp),
                w AS (SELECT *, {aligned_line(headers, width_of)} AS header FROM widest)
                SELECT CASE WHEN seq = first THEN {title_sql} || chr(10) || header END,
                       {aligned_line(shown, width_of)}
                FROM t JOIN w USING (grp) ORDER BY seq""",
            {} if title is None else {"title": title},
        )
        started = False
        for batch in iter(lambda: cursor.fetchmany(BATCH_ROWS), []):
            text = []
            for head, line in batch:
                if head is not None:  # a group's first row
                    text.append(f"{gap}{head}\n" if started else f"{head}\n")
                    started = True
                text.append(line + "\n")
            yield "".join(text)
        if started:
            yield gap

    def write_csv(self, path: Path, columns: Sequence[str]) -> None:
        """Write the rows of ``columns`` to the file ``path`` as Python's ``csv`` writes them (rows
        ended by a newline, after the header), from a cursor of its own, so that it may run while
        another thread reads the listing. DuckDB's own writer writes them
        (:func:`kg.read.sql_text.csv_copy`), save where a cell holds a carriage return, which it
        would quote: then the lines are made in SQL.

        Raises:
            OSError: the file cannot be written.
        """
        with self._db.cursor() as cursor:
            returns = " OR ".join(f"contains({quoted(c)}, chr(13))" for c in columns)
            found = cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {returns}").fetchone()
            if found and found[0]:
                with path.open("w", encoding="utf-8", newline="") as out:
                    out.writelines(_csv_lines(cursor, columns))
                return
            try:
                cursor.execute(
                    csv_copy(columns, f"SELECT * FROM {TABLE} ORDER BY seq", str(path), line_end="\n")
                )
            except duckdb.IOException as exc:  # a full disk, a folder that takes no files
                raise OSError(str(exc)) from exc


def _csv_lines(connection: duckdb.DuckDBPyConnection, columns: Sequence[str]) -> Iterator[str]:
    """The CSV text, a batch of lines at a time, each line made by :func:`kg.read.sql_text.csv_line`."""
    yield ",".join(columns) + "\n"
    cursor = connection.execute(f"SELECT {csv_line(columns, line_end=chr(10))} FROM {TABLE} ORDER BY seq")
    for batch in iter(lambda: cursor.fetchmany(BATCH_ROWS), []):
        yield "".join(line + "\n" for (line,) in batch)
