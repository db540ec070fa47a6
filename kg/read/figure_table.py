"""The figures table: every figure and claim of an Oxigraph store in a DuckDB file beside it, so an
analyst's listings answer in milliseconds where SPARQL over millions of quads takes seconds.

The store is the truth; the table is derived from it and never holds a fact the store lacks:

- the file (:data:`TABLE_FILE`, in the store folder) records the store generation it reflects
  (:func:`kg.store.oxigraph.folder_generation`, which every write to the store changes);
- a reader uses it only where that generation is the one its view of the store shows; else it
  rebuilds the file from its view (in a temporary file, renamed into place), or, where a writer
  holds the table or the folder takes no files, answers from the store (SPARQL, or a table in
  memory);
- a writer (``kg build``, ``kg remove``: :class:`TableUpkeep`) holds the table's lock, clears the
  recorded generation with the first batch it applies, applies each batch of whole articles as
  the store takes it, and records the generation once the store is closed. A writer killed in
  between leaves no generation, or an old one, so the table is rebuilt before anyone reads it.

Stores without a folder (``memory``, an endpoint) have no table: their callers use SPARQL.

Reading the table imports neither rdflib nor its SPARQL engine; what fills it (the store read
through :mod:`kg.read.figure_load`, the assertions through SPARQL) is imported where it is filled.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from kg.read.assertions import AssertionSummary
from kg.read.canned import canned_queries, parameters
from kg.read.figure_sql import CANNED_SQL, DISAGREEMENTS, EXPORT, FIGURE_LISTING, NAMES, SCHEMA, claim_listing
from kg.read.figures import SHOWN_DISAGREEMENTS
from kg.read.lexical import ColumnKind, LexicalResult, tsv_header, tsv_row
from kg.read.listing import BATCH_ROWS, SCRATCH, Listing
from kg.read.sql_text import csv_copy, string_literal
from kg.store import REMOTE_SCHEMES, QuadStore
from kg.store.oxigraph import folder_generation

if TYPE_CHECKING:
    from kg.read.figures import Comparable, Disagreements
    from kg.read.query import QueryResult

__all__ = [
    "TABLE_FILE",
    "FigureTable",
    "TableUpkeep",
    "answer_canned",
    "open_table",
    "rebuilt_table",
    "recorded_generation",
]

log = logging.getLogger(__name__)

#: The table's file in the store folder; its lock beside it.
TABLE_FILE = "kg-figures.duckdb"
_LOCK_FILE = "kg-figures.lock"

#: A file every store folder holds (:mod:`kg.store`): no lock is made in a folder without it.
_STORE_MARKER = "CURRENT"

#: The tables of the file that hold facts (``meta`` holds the generation).
_TABLES = ("figures", "names", "shared_names", "labels", "entity_names", "claim_names", "reports")

#: DuckDB's memory while it answers a reader: a sort or join bigger than this (the pairs that
#: disagree of ten million quads, 9.4 million of them, once listed whole with their sentences)
#: spills to disk rather than being held (5.9 GB at its peak without it, 1.1 GB with it).
_MEMORY_LIMIT = "1GB"

#: The kinds of the answers' columns that are not plain strings.
_KINDS: dict[str, ColumnKind] = {
    "claim": "iri",
    "quantity": "iri",
    "date": "date",
    "periodStart": "date",
    "periodEnd": "date",
    "lowDate": "date",
    "highDate": "date",
    "value": "decimal",
    "min": "decimal",
    "max": "decimal",
    "disagreeing": "integer",
    "pairs": "integer",
}


class FigureTable:
    """An open figures table that reflects its store: the figure canned queries answered in SQL."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._db = connection

    def answers(self, name: str) -> bool:
        """Whether the canned query ``name`` is answered here."""
        return name in CANNED_SQL

    def canned(self, name: str, values: Mapping[str, str] | None = None) -> LexicalResult:
        """The answer of canned query ``name`` (one :meth:`answers`), as the store would give it.

        Raises:
            QueryError: an unknown parameter or a bad number, as :func:`kg.read.canned.parameters` says.
        """
        params = parameters(canned_queries()[name], values or {})  # the SPARQL path's refusals
        cursor, variables, kinds = self._execute(name, params)
        return LexicalResult(variables, kinds, tuple(cursor.fetchall()))

    def write_csv(self, name: str, values: Mapping[str, str] | None, path: Path) -> int:
        """Write the answer of :meth:`canned` to the file ``path`` as SPARQL CSV (rows ended by
        CRLF), byte for byte what :func:`kg.render.tables.format_result` writes, by DuckDB's own
        writer (:func:`kg.read.sql_text.csv_copy`); how many rows. Memory stays flat however
        many rows there are.

        Raises:
            QueryError: as :meth:`canned`.
        """
        params = parameters(canned_queries()[name], values or {})  # the SPARQL path's refusals
        variables = self._variables(name, params)
        found = self._db.execute(csv_copy(variables, CANNED_SQL[name], str(path), line_end="\r\n"), params)
        written = found.fetchone()
        return int(written[0]) if written else 0

    def tsv_lines(
        self, name: str, values: Mapping[str, str] | None = None
    ) -> tuple[str, Iterator[list[str]]]:
        """The answer of :meth:`canned` as SPARQL TSV text, byte for byte what
        :func:`kg.render.tables.format_result` writes: the header line, then the rows' lines a
        batch at a time as DuckDB produces them, each line ended. Memory stays that of one batch
        however many rows there are; read them before the table is closed.

        Raises:
            QueryError: as :meth:`canned`.
        """
        params = parameters(canned_queries()[name], values or {})  # the SPARQL path's refusals
        cursor, variables, kinds = self._execute(name, params)
        write = tsv_row(kinds)
        rows = (
            [write(row) + "\n" for row in batch] for batch in iter(lambda: cursor.fetchmany(BATCH_ROWS), [])
        )
        return tsv_header(variables) + "\n", rows

    def _variables(self, name: str, params: Mapping[str, str]) -> tuple[str, ...]:
        """The columns canned query ``name`` answers with, asked of DuckDB without running it."""
        found = self._db.execute(f"DESCRIBE {CANNED_SQL[name]}", params).fetchall()
        return tuple(row[0] for row in found)

    def _execute(
        self, name: str, params: Mapping[str, str]
    ) -> tuple[duckdb.DuckDBPyConnection, tuple[str, ...], tuple[ColumnKind, ...]]:
        cursor = self._db.execute(CANNED_SQL[name], params)
        variables = tuple(column[0] for column in cursor.description or ())
        return cursor, variables, tuple(_KINDS.get(name, "string") for name in variables)

    def assertions_by_claim(self) -> dict[str, AssertionSummary]:
        """Each reported claim's assertion, as :func:`kg.read.assertions.assertions_by_claim` reads it."""
        rows = self._db.execute("SELECT * FROM reports").fetchall()
        return {
            claim: AssertionSummary(iri, reports, stories, tuple(corroborated), tuple(disagrees))
            for claim, iri, reports, stories, corroborated, disagrees in rows
        }

    def figure_listing(self, *, entity: str, measure: str, window_days: int, per_assertion: bool) -> Listing:
        """``kg figures``' rows, numbered, flagged and grouped as :func:`kg.read.figures.read_figures`,
        :func:`kg.read.figures.compare_figures` and :func:`kg.read.figures.figure_rows` give them
        (:data:`kg.read.figure_sql.FIGURE_LISTING`), computed whole in DuckDB."""
        values = {"entity": entity, "measure": measure, "window": window_days, "shown": SHOWN_DISAGREEMENTS}
        self._db.execute(SCRATCH)
        self._db.execute(FIGURE_LISTING, {**values, "per_assertion": per_assertion})
        return Listing(self._db)

    def claim_listing(self, *, entity: str, measure: str, content_characters: int) -> Listing:
        """``kg claims``' rows as :func:`kg.render.claims_table.claim_table` gives them, computed
        whole in DuckDB (:func:`kg.read.figure_sql.claim_listing`)."""
        self._db.execute(SCRATCH)
        self._db.execute(claim_listing(content_characters), {"entity": entity, "measure": measure})
        return Listing(self._db)

    def disagreements(self, comparables: Sequence[Comparable], window_days: int) -> Disagreements:
        """The figures of ``comparables`` that disagree, found by DuckDB as an interval join with
        the rules of :func:`kg.read.figures.disagree` (a figure whose bounds lie wholly below
        another's, of the same group, stated at most ``window_days`` before it or at any time
        after it: a running tally cannot shrink), each with how many others it disagrees with
        and the first ids of them. A :data:`kg.read.figures.PairFinder`."""
        if not comparables:
            return {}
        ids, groups, bounds, days = zip(*comparables, strict=True)
        columns = {  # DuckDB takes them as lists and unnests them side by side
            "id": list(ids),
            "grp": list(groups),
            "low": [_plain(b.low) for b in bounds],
            "high": [None if b.high is None else _plain(b.high) for b in bounds],
            "low_open": [b.low_open for b in bounds],
            "high_open": [b.high_open for b in bounds],
            "day": [d.toordinal() for d in days],
        }
        found = self._db.execute(
            DISAGREEMENTS, {**columns, "window": window_days, "shown": SHOWN_DISAGREEMENTS}
        )
        return {
            int(figure): (int(count), tuple(int(i) for i in first))
            for figure, count, first in found.fetchall()
        }

    def write_parquet(self, path: Path) -> None:
        """Every figure and claim as one Parquet file (:data:`kg.read.figure_sql.EXPORT`), for
        pandas, polars and DuckDB users."""
        self._db.execute(f"COPY ({EXPORT}) TO {string_literal(str(path))} (FORMAT parquet)")

    def contents(self) -> dict[str, list[tuple[object, ...]]]:
        """Every table's rows in a fixed order, the recorded generation aside: what two figures
        tables are compared by (one kept up to date, one rebuilt from the store)."""
        return {name: self._db.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in _TABLES}

    def close(self) -> None:
        self._db.close()


def _plain(number: Decimal) -> str:
    return format(number, "f")


@contextlib.contextmanager
def open_table(store: QuadStore) -> Iterator[FigureTable | None]:
    """The figures table of ``store``, rebuilt first where it does not reflect the store; None
    where the store has none (no folder, no generation) or a writer holds it: then ask SPARQL."""
    generation, folder, native = store.generation(), store.folder, store.native
    if generation is None or folder is None or native is None:
        yield None
        return
    path = folder / TABLE_FILE
    connection = _reader(path, generation)
    if connection is None:
        connection = _rebuilt_for_reader(store, path, generation)
    if connection is None:
        yield None
        return
    table = FigureTable(connection)
    try:
        yield table
    finally:
        table.close()


def answer_canned(
    store: QuadStore, name: str, values: Mapping[str, str] | None = None, *, timeout: float | None = None
) -> QueryResult | LexicalResult:
    """Canned query ``name``'s answer: from the figures table where it answers that query and
    the store has one, else SPARQL over the store (:func:`kg.read.query.run_canned`).

    Raises:
        QueryError: no such query, a bad parameter, or SPARQL's own refusals.
    """
    if name in CANNED_SQL:
        with open_table(store) as table:
            if table is not None:
                return table.canned(name, values)
    from kg.read.query import run_canned

    return run_canned(store.dataset, name, values, timeout=timeout)


def _reading_config() -> dict[str, str | bool | int | float | list[str]]:
    """DuckDB's memory held to :data:`_MEMORY_LIMIT`, beyond which it sorts and joins on disk, in a
    folder of this process's own in the system's temporary folder (DuckDB makes it only when it
    needs it and removes it when the table is closed)."""
    spill = Path(tempfile.gettempdir()) / f"kg-figures-{os.getpid()}.tmp"
    return {"memory_limit": _MEMORY_LIMIT, "temp_directory": str(spill)}


def _reader(path: Path, generation: str) -> duckdb.DuckDBPyConnection | None:
    """The file opened read-only where it reflects ``generation``; None otherwise."""
    if not path.is_file():
        return None
    try:
        connection = duckdb.connect(str(path), read_only=True, config=_reading_config())
    except duckdb.Error as exc:  # a writer holds it, or it is no DuckDB file
        log.info("cannot read the figures table %s: %s", path, exc)
        return None
    if _generation(connection) == generation:
        return connection
    connection.close()
    return None


def _rebuilt_for_reader(store: QuadStore, path: Path, generation: str) -> duckdb.DuckDBPyConnection | None:
    """A fresh table from the reader's view: in the file where this process may write it (no
    writer holds its lock), else in memory."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with _locked(path.parent, blocking=False) as got:
            if not got:
                return None  # a writer is at work: its table is not ours to read or replace
            _remove_leftovers(path)
            with duckdb.connect(str(tmp)) as connection:
                _fill(connection, store, generation)
            os.replace(tmp, path)
            log.info("rebuilt the figures table %s from the store", path)
    except (OSError, duckdb.Error) as exc:
        log.info("cannot write the figures table %s (%s); building it in memory", path, exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return _in_memory(store)
    return _reader(path, generation)


def rebuilt_table(store: QuadStore) -> FigureTable:
    """A figures table of ``store`` as it is now, in memory (``store`` must have a native engine)."""
    return FigureTable(_in_memory(store))


def _in_memory(store: QuadStore) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    _fill(connection, store, None)
    return connection


def _fill(connection: duckdb.DuckDBPyConnection, store: QuadStore, generation: str | None) -> None:
    """The whole table from ``store``, recording ``generation``."""
    connection.execute(SCHEMA)
    _replace_articles(connection, store, None)
    _refresh_shared(connection, store)
    _record(connection, generation)


def _replace_articles(
    connection: duckdb.DuckDBPyConnection, store: QuadStore, articles: Sequence[str] | None
) -> None:
    """The rows of ``articles`` (every article where None) as the store holds them now."""
    from kg.read.figure_load import load_articles

    native = store.native
    assert native is not None  # only stores with a native engine have a table
    load_articles(connection, native, articles)


def _refresh_shared(connection: duckdb.DuckDBPyConnection, store: QuadStore) -> None:
    """What no one article holds: the labels and shared names, each claim's names, and each
    claim's assertion (read with SPARQL: the assertions graph is small, and only stores built
    with assertions have one)."""
    from kg.rdf.ontology import ASSERTIONS_GRAPH
    from kg.read.assertions import assertions_by_claim
    from kg.read.figure_load import load_shared

    native = store.native
    assert native is not None
    load_shared(connection, native)
    connection.execute(NAMES)
    connection.execute("DELETE FROM reports")
    if not store.has_graph(ASSERTIONS_GRAPH):
        return
    for claim, a in sorted(assertions_by_claim(store.dataset).items()):
        connection.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?)",
            [claim, a.iri, a.reports, a.stories, list(a.corroborated_by), list(a.disagrees_with)],
        )


#: The table's layout (its tables and the names derived from them), recorded with the
#: generation: a file an older layout wrote is rebuilt even when the store has not changed since.
_LAYOUT = hashlib.sha256((SCHEMA + NAMES).encode()).hexdigest()[:12]


def _record(connection: duckdb.DuckDBPyConnection, generation: str | None) -> None:
    connection.execute("DELETE FROM meta WHERE key = 'generation'")
    if generation is not None:
        connection.execute("INSERT INTO meta VALUES ('generation', ?)", [f"{_LAYOUT}:{generation}"])


def recorded_generation(path: Path) -> str | None:
    """The store generation the table file at ``path`` says it reflects (None: unstamped, or
    written by another layout of the table)."""
    with duckdb.connect(str(path), read_only=True) as connection:
        return _generation(connection)


def _generation(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The store generation the table reflects; None when unrecorded or of another layout."""
    try:
        found = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    except duckdb.Error:
        return None
    layout, _, generation = str(found[0]).partition(":") if found is not None else ("", "", "")
    return generation if layout == _LAYOUT else None


def _remove_leftovers(path: Path) -> None:
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(folder: Path, *, blocking: bool) -> Iterator[bool]:
    """The table's lock (an advisory ``flock``): whether it was got."""
    with open(folder / _LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class TableUpkeep:
    """A writing command's part in keeping the table (see the module docstring); does nothing
    for a store without a folder (``memory``, an endpoint), which has no table.

    Entered before the store is opened for writing (opening changes the generation), so it can
    tell whether the table reflected the store as the command found it; where it did, each batch
    is applied as the store takes it, else the table is rebuilt whole once the writes are done.
    The table is derived, so a failure to write it (a full disk, a read-only folder) never fails
    the command: the upkeep stops, the table keeps no generation of the new store, and the next
    reader rebuilds it.
    """

    def __init__(self, store: str | Path | None) -> None:
        remote = str(store).lower().startswith(REMOTE_SCHEMES)
        self._folder = None if store is None or str(store) == "memory" or remote else Path(store)
        self._lock = contextlib.ExitStack()
        self._held = False
        self._current = False
        self._touched = False

    def __enter__(self) -> TableUpkeep:
        if self._folder is not None and (self._folder / _STORE_MARKER).is_file():
            with self._guarded("reading it", level=logging.INFO):  # the store's own error follows
                self._hold(self._folder)
                connection = _reader(self._folder / TABLE_FILE, folder_generation(self._folder))
                self._current = connection is not None
                if connection is not None:
                    connection.close()
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.close()

    def written(self, store: QuadStore, articles: Sequence[str]) -> None:
        """``articles`` were just written to (or taken out of) ``store``."""
        if self._folder is not None and self._current and articles:
            with self._guarded("applying a batch"), self._session(self._folder) as connection:
                _replace_articles(connection, store, articles)

    def finish(self, store: QuadStore) -> None:
        """The writes are done, the store still open: bring up to date what no one article holds,
        or build the whole table where it was stale."""
        if self._folder is None or store.native is None:
            return
        folder = self._folder
        with self._guarded("bringing it up to date"):
            self._hold(folder)
            if self._current:
                with self._session(folder) as connection:
                    _refresh_shared(connection, store)
                return
            path = folder / TABLE_FILE
            _remove_leftovers(path)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                with duckdb.connect(str(tmp)) as connection:
                    _fill(connection, store, None)
                os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
            self._touched = True

    def stamp(self) -> None:
        """The store is closed: record the generation it is at, which the table now reflects."""
        if self._folder is None or not self._touched:
            return
        with self._guarded("recording the generation"), duckdb.connect(str(self._folder / TABLE_FILE)) as db:
            _record(db, folder_generation(self._folder))

    def _hold(self, folder: Path) -> None:
        if not self._held:
            self._lock.enter_context(_locked(folder, blocking=True))
            self._held = True

    @contextlib.contextmanager
    def _guarded(self, doing: str, *, level: int = logging.WARNING) -> Iterator[None]:
        """Stop the upkeep where writing the table fails: see the class docstring."""
        try:
            yield
        except (OSError, duckdb.Error) as exc:
            message = "the figures table in %s is left for the next reader to rebuild: %s failed: %s"
            log.log(level, message, self._folder, doing, exc)
            self._folder = None

    @contextlib.contextmanager
    def _session(self, folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on the table file; the first clears the recorded generation."""
        with duckdb.connect(str(folder / TABLE_FILE)) as connection:
            connection.execute("BEGIN")
            if not self._touched:
                _record(connection, None)
            yield connection
            connection.execute("COMMIT")
            self._touched = True
