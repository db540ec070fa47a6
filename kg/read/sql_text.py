"""SQL expressions (DuckDB) that write a cell's text as the Python renderers write it, so a
listing of a hundred thousand rows is formatted where it is computed and Python only passes
lines on: a CSV line as ``csv`` writes it, a cell on one line as ``" ".join(cell.split())``, a
number as ``Decimal.normalize()`` prints it, aligned columns as
:func:`kg.render.tables.aligned_text` pads them.

Each takes and returns SQL text; the column names given are quoted.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "WHITESPACE",
    "aligned_line",
    "csv_copy",
    "csv_line",
    "grouped_number",
    "one_line",
    "plain_number",
    "quoted",
    "shortened",
    "string_literal",
]

#: What ``str.split()`` splits on, as an RE2 class: RE2's ``\s`` knows only ASCII spaces.
WHITESPACE = (
    r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)


def quoted(name: str) -> str:
    """A column name as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def string_literal(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def csv_line(columns: Sequence[str], line_end: str) -> str:
    """One row of ``columns`` (text) as a CSV line, as Python's ``csv`` writes it
    (``QUOTE_MINIMAL``) with rows ended by ``line_end``: a cell quoted where it holds a comma, a
    quote or a character of ``line_end``, its quotes doubled; an unbound cell empty."""
    special = " OR ".join(f"contains({{c}}, chr({ord(char)}))" for char in sorted({",", '"', *line_end}))
    cells = (
        f"""CASE WHEN {c} IS NULL THEN '' WHEN {special.format(c=c)} """
        f"""THEN '"' || replace({c}, '"', '""') || '"' ELSE {c} END"""
        for c in map(quoted, columns)
    )
    return " || ',' || ".join(cells)


def csv_copy(columns: Sequence[str], rows: str, path: str, *, line_end: str) -> str:
    """A statement that writes ``columns`` (text) of the query ``rows`` to the file ``path`` as
    CSV, with a header, as Python's ``csv`` writes it (rows ended by ``line_end``), by DuckDB's own
    writer, a third faster than lines made by :func:`csv_line`: an empty cell made NULL, as DuckDB
    quotes an empty string; the comment character unset, as DuckDB would quote a ``#``. It still
    quotes a carriage return, which Python leaves bare where rows end with a newline alone."""
    cells = ", ".join(f"nullif({c}, '') AS {c}" for c in map(quoted, columns))
    ends = "".join(f"\\x{ord(char):02x}" for char in line_end)
    return (
        f"COPY (SELECT {cells} FROM ({rows})) TO {string_literal(path)} "
        f"(FORMAT csv, HEADER, comment '', new_line e'{ends}')"
    )


#: What :func:`one_line` changes: whitespace other than a space, two spaces, a space at an end.
_NOT_ONE_LINE = WHITESPACE.replace(r"[\s", r"[\t\n\x{0c}\r") + "|  |^ | $"


def one_line(text: str) -> str:
    """``text`` with every run of whitespace made one space and none at the ends; NULL stays NULL.
    Most cells are on one line already: they are only searched, which costs a third of a replace."""
    collapsed = f"trim(regexp_replace({text}, '{WHITESPACE}+', ' ', 'g'), ' ')"
    return f"CASE WHEN regexp_matches({text}, '{_NOT_ONE_LINE}') THEN {collapsed} ELSE {text} END"


def plain_number(number: str) -> str:
    """A DECIMAL as plain digits without trailing zeros (11000, 49.5); '' for NULL."""
    text = f"CAST({number} AS VARCHAR)"
    return (
        f"CASE WHEN {number} IS NULL THEN '' WHEN contains({text}, '.') "
        f"THEN rtrim(rtrim({text}, '0'), '.') ELSE {text} END"
    )


def grouped_number(number: str) -> str:
    """A DECIMAL as :func:`plain_number` with thousands separated by commas (11,000; 1,234.5)."""
    plain = plain_number(number)
    return (
        f"format('{{:,}}', trunc({number})::HUGEINT) "
        f"|| CASE WHEN contains({plain}, '.') THEN '.' || split_part({plain}, '.', 2) ELSE '' END"
    )


def aligned_line(cells: Sequence[str], widths: Sequence[str]) -> str:
    """One line of left-aligned columns two spaces apart, trailing spaces cut: each of ``cells``
    (text, on one line) padded to the width of its column in ``widths``."""
    padded = [  # repeat is twice as fast as rpad; the last cell's padding would be cut
        f"{cell} || repeat(' ', {width} - length({cell}))"
        for cell, width in zip(cells[:-1], widths[:-1], strict=True)
    ]
    joined = " || '  ' || ".join([*padded, cells[-1]])
    return f"rtrim({joined}, ' ')"


def shortened(text: str, limit: int) -> str:
    """``text`` (on one line) cut at a word with an ellipsis past ``limit`` characters, as
    :func:`kg.render.claims_table.content_text` cuts it."""
    cut = f"left({text}, {limit - 1})"
    last_space = f"{limit - 1} - strpos(reverse({cut}), ' ')"  # the index of the cut's last space
    word_cut = (
        f"CASE WHEN substr({text}, {limit}, 1) <> ' ' AND strpos(substr({text}, {limit // 2 + 1}, "
        f"{limit - 1 - limit // 2}), ' ') > 0 THEN left({cut}, {last_space}) ELSE {cut} END"
    )
    ellipsis = "\N{HORIZONTAL ELLIPSIS}"
    cut_short = f"rtrim({word_cut}, ' ,;:') || '{ellipsis}'"
    return f"CASE WHEN length({text}) <= {limit} THEN {text} ELSE {cut_short} END"
