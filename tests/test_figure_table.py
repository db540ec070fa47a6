"""The figures table beside a store answers as SPARQL does, follows every write, and is never
read while it holds another state than the store's."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from rdflib import Literal

from kg.builder.build import build
from kg.builder.remove import remove_articles
from kg.read.figure_table import (
    TABLE_FILE,
    FigureTable,
    answer_canned,
    open_table,
    rebuilt_table,
    recorded_generation,
)
from kg.read.figures import FIGURE_COLUMNS, compare_figures, figure_rows, read_figures
from kg.read.query import QueryResult, run_canned
from kg.render.claims_table import CONTENT_CHARACTERS, HEADERS, claim_table, content_text
from kg.render.tables import format_result
from kg.store import existing_store, open_store
from kg.store.oxigraph import folder_generation

#: The canned queries the table answers, with parameters that select something on the seeds.
CASES = [
    ("claims", {}),
    ("claims", {"entity": "North Korean troops"}),
    ("claims", {"measure": "Killed"}),
    ("figures_by_group", {}),
    ("figures_by_group", {"entity": "north korean troops", "measure": "KilledOrWounded"}),
    ("figures_over_time", {}),
    ("figures_over_time", {"entity": "North Korean troops"}),
    ("disagreeing_figures", {}),
    ("disagreeing_figures", {"window": "0"}),
]

#: Cells SPARQL fills with GROUP_CONCAT, whose order it leaves open ("; " or line separated).
_CONCATENATED = {"claimants", "about", "via", "lowClaimants", "highClaimants"}


def _ordered(result: QueryResult) -> QueryResult:
    """``result`` with the names of each concatenated cell sorted."""
    columns = [i for i, name in enumerate(result.variables) if name in _CONCATENATED]
    rows = []
    for row in result.rows:
        cells = list(row)
        for i in columns:
            if cells[i] is not None:
                sep = "\n" if "\n" in str(cells[i]) or " https://" in str(cells[i]) else "; "
                cells[i] = Literal(sep.join(sorted(str(cells[i]).split(sep))))
        rows.append(tuple(cells))
    return QueryResult("SELECT", result.variables, tuple(rows))


@pytest.fixture(scope="module")
def seed_copy(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed store whose table reflects it (read once, so a stale one is rebuilt)."""
    with existing_store(seed_store) as store, open_table(store) as table:
        assert table is not None
    copy = tmp_path_factory.mktemp("figure-table") / "store"
    shutil.copytree(seed_store, copy)
    return copy


def _recorded(folder: Path) -> str | None:
    return recorded_generation(folder / TABLE_FILE)


def _assert_kept_equals_rebuilt(folder: Path) -> None:
    """The table the writer left is stamped with the store's generation and holds what a table
    rebuilt from the store holds."""
    assert _recorded(folder) == folder_generation(folder), "the writer left the table unstamped"
    with existing_store(folder) as store:
        with open_table(store) as kept:
            assert kept is not None
            contents = kept.contents()
        fresh = rebuilt_table(store)
        assert contents == fresh.contents()
        assert contents["figures"], "an empty table proves nothing"
        fresh.close()


@pytest.mark.slow
@pytest.mark.parametrize(("name", "values"), CASES, ids=[f"{n}-{'-'.join(v.values())}" for n, v in CASES])
def test_figure_table_answers_each_figure_query_as_sparql_does(
    seed_copy: Path, name: str, values: dict[str, str], tmp_path: Path
) -> None:
    with existing_store(seed_copy) as store, open_table(store) as table:
        assert table is not None
        sparql = run_canned(store.dataset, name, values)
        answer = table.canned(name, values)
        header, batches = table.tsv_lines(name, values)  # what kg query writes
        streamed = {"tsv": header + "".join(line for batch in batches for line in batch)}
        assert table.write_csv(name, values, tmp_path / "answer.csv") == len(answer.rows)
        streamed["csv"] = (tmp_path / "answer.csv").read_bytes().decode()
    assert sparql.rows, f"{name} {values} selects nothing on the seeds"
    assert format_result(_ordered(answer.terms()), "tsv") == format_result(_ordered(sparql), "tsv")
    for fmt in ("csv", "tsv"):  # written from the text: the bytes rdflib's writers give
        assert format_result(answer, fmt) == format_result(answer.terms(), fmt) == streamed[fmt]


@pytest.mark.slow
def test_figure_table_kg_claims_and_kg_figures_rows_equal_the_sparql_path(seed_copy: Path) -> None:
    """The listings DuckDB computes whole (kg claims, kg figures) hold the rows, titles and
    order that Python computes over SPARQL's answers; so does the figures read from the table
    and compared with the pairs DuckDB finds (kg figures --html)."""
    with existing_store(seed_copy) as store, open_table(store) as table:
        assert table is not None
        for entity, measure in (("", ""), ("North Korean troops", ""), ("", "Killed")):
            listed = table.claim_listing(
                entity=entity, measure=measure, content_characters=CONTENT_CHARACTERS
            )
            [(_, claims)] = listed.blocks(HEADERS)
            assert claims == claim_table(store.dataset, entity=entity, measure=measure)[1]
        chosen = (("", "", True), ("", "", False), ("", "Killed", True), ("North Korean troops", "", True))
        for entity, measure, per_assertion in chosen:
            from_table = read_figures(
                store.dataset, entity=entity, measure=measure, per_assertion=per_assertion, table=table
            )
            from_sparql = read_figures(
                store.dataset, entity=entity, measure=measure, per_assertion=per_assertion
            )
            for window in (0, 90, 1000):  # the pairs found in SQL, as Python finds them
                groups = compare_figures(from_sparql, window_days=window)
                shown = figure_rows(groups)
                paired = compare_figures(from_table, window_days=window, pairs=table.disagreements)
                assert figure_rows(paired) == shown
                listing = table.figure_listing(
                    entity=entity, measure=measure, window_days=window, per_assertion=per_assertion
                )
                blocks = listing.blocks(FIGURE_COLUMNS)
                assert [title for title, _ in blocks] == [group.title for group in groups]
                assert [row for _, rows in blocks for row in rows] == shown
                flag = FIGURE_COLUMNS.index("flag")
                assert any(row[flag] == "disagrees" for row in shown) or window == 0
        assertion = FIGURE_COLUMNS.index("assertion")
        assert any(row[assertion] for row in shown), "no figure stands for an assertion: the fold is untested"


@pytest.mark.slow
def test_figure_table_after_kg_remove_equals_one_rebuilt_from_the_store(
    seed_copy: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    from kg.cli import main

    store = tmp_path / "store"
    shutil.copytree(seed_copy, store)
    first = sorted(p.name for p in seeds_dir.glob("*.txt"))[0]
    before = _recorded(store)
    assert main(["remove", first, "--store", str(store), "--out", str(tmp_path / "out")]) == 0
    assert _recorded(store) != before
    _assert_kept_equals_rebuilt(store)
    with existing_store(store) as opened, open_table(opened) as table:
        assert table is not None
        files = {row["file"] for row in table.canned("figures_by_group").records()}
    assert first not in files and files


@pytest.mark.slow
def test_figure_table_follows_a_build_batch_by_batch(
    seeds_dir: Path, tmp_path: Path, extractor: object
) -> None:
    one = tmp_path / "one"
    one.mkdir()
    first = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(first, one / first.name)
    shutil.copy(seeds_dir / "meta.json", one / "meta.json")
    out = tmp_path / "out"
    build([one], out, extractor=extractor, exports=False)  # type: ignore[arg-type]
    _assert_kept_equals_rebuilt(out / "store")
    build([seeds_dir], out, extractor=extractor, exports=False, batch_size=1)  # type: ignore[arg-type]
    _assert_kept_equals_rebuilt(out / "store")


@pytest.mark.slow
def test_figure_table_is_rebuilt_when_the_store_changed_behind_it(seed_copy: Path, tmp_path: Path) -> None:
    store_folder = tmp_path / "store"
    shutil.copytree(seed_copy, store_folder)
    writer = open_store(store_folder)
    removed = remove_articles(writer, [sorted(_files(writer))[0]])  # no table given: it goes stale
    writer.close()
    assert _recorded(store_folder) != folder_generation(store_folder)
    with existing_store(store_folder) as store, open_table(store) as table:
        assert table is not None
        articles = {row["claim"].split("/claim/")[0] for row in table.canned("claims").records()}
    assert removed.articles[0] not in articles
    _assert_kept_equals_rebuilt(store_folder)  # the reader rebuilt it and recorded the generation


def test_figure_table_of_an_older_layout_is_rebuilt_though_the_store_is_unchanged(
    seed_copy: Path, tmp_path: Path
) -> None:
    """A table an older release wrote (other columns) is not read: its stamp names its layout."""
    store_folder = tmp_path / "store"
    shutil.copytree(seed_copy, store_folder)
    generation = folder_generation(store_folder)
    with duckdb.connect(str(store_folder / TABLE_FILE)) as connection:
        connection.execute("ALTER TABLE figures DROP COLUMN tally")
        # stamped as the release before the layout went into the stamp did: the bare generation
        connection.execute("UPDATE meta SET value = ? WHERE key = 'generation'", [generation])
    assert _recorded(store_folder) is None
    with existing_store(store_folder) as store, open_table(store) as table:
        assert table is not None
        assert {"Increment", "RunningTotal"} & {
            row["tally"] for row in table.canned("figures_by_group").records()
        }
    assert _recorded(store_folder) == folder_generation(store_folder)


def _files(store: object) -> set[str]:
    from kg.rdf.ontology import CKG

    dataset = store.dataset  # type: ignore[attr-defined]
    return {str(o) for _, _, o, _ in dataset.quads((None, CKG.sourceFile, None, None))}


@pytest.mark.slow
def test_figure_table_exported_as_parquet_holds_every_row(seed_copy: Path, tmp_path: Path) -> None:
    from kg.cli import main

    assert main(["export", "--format", "parquet", "--store", str(seed_copy), "--out", str(tmp_path)]) == 0
    path = tmp_path / "figures.parquet"
    with existing_store(seed_copy) as store:
        claims = run_canned(store.dataset, "claims")
    (counted,) = duckdb.sql(f"SELECT count(*), count(quantity) FROM '{path}'").fetchall()
    assert counted == (len(claims.rows), sum(1 for row in claims.records() if row["figure"] is not None))


#: Runs each command line given (one per argument, words split on spaces) with ``kg.cli.main`` in
#: this fresh interpreter, its stdout to a file, then prints the heavy packages it imported (rich
#: is no more than a table of the seeds' few rows asks for).
_IMPORTS_OF = """
import contextlib, json, sys
from kg.cli import main
for i, line in enumerate(sys.argv[2:]):
    out = open(f"{sys.argv[1]}/{i}.out", "w", encoding="utf-8", newline="")
    with out, contextlib.redirect_stdout(out):
        assert main(line.split()) == 0, line
heavy = ("rdflib", "pyparsing", "oxrdflib", "spacy", "rapidfuzz", "networkx", "kg.rdf")
print(json.dumps(sorted(h for h in heavy if any(m == h or m.startswith(h + ".") for m in sys.modules))))
"""


@pytest.mark.slow
def test_figure_table_commands_import_no_sparql_engine_and_stream_what_the_table_answers(
    seed_copy: Path, tmp_path: Path
) -> None:
    store = f"--store {seed_copy}"
    lines = [
        f"query --name claims --format csv {store}",
        f"query --name disagreeing_figures --format csv {store}",
        f"claims {store}",
        f"figures --csv {tmp_path / 'figures.csv'} {store}",
    ]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_OF, str(tmp_path), *lines], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == [], "a listing from the figures table imported these"
    with existing_store(seed_copy) as store_, open_table(store_) as table:
        assert table is not None
        claims, pairs = table.canned("claims"), table.canned("disagreeing_figures")
        # a reader's DuckDB sorts millions of rows on disk, in the temporary folder, not in memory
        limit, spill = table._db.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchone()
    assert limit == "953.6 MiB" and spill.startswith(tempfile.gettempdir())  # 1 GB
    assert claims.rows and pairs.rows
    assert (tmp_path / "0.out").read_bytes().decode() == format_result(claims, "csv")
    assert (tmp_path / "1.out").read_bytes().decode() == format_result(pairs, "csv")
    assert "disagree" in (tmp_path / "figures.csv").read_text(encoding="utf-8")


_WITHOUT_FSSPEC = """
import sys
sys.modules["fsspec"] = None  # as in a plain install: DuckDB reads Python file objects through it
from kg.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_figure_table_is_built_without_fsspec(seed_copy: Path, tmp_path: Path) -> None:
    """A plain install has no fsspec: the table is still built from the store (Oxigraph's
    answers go through files DuckDB reads), and kg figures lists from it."""
    copy = tmp_path / "store"
    shutil.copytree(seed_copy, copy)
    (copy / TABLE_FILE).unlink()
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FSSPEC, "figures", "--store", str(copy)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Korean People's Army" in done.stdout and "disagrees" in done.stdout
    assert _recorded(copy) == folder_generation(copy), "the reader did not build the table"


def test_figure_table_memory_store_answers_with_sparql_and_exports_no_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    store = open_store("memory")
    with open_table(store) as table:
        assert table is None
    result = answer_canned(store, "claims")
    assert isinstance(result, QueryResult) and result.rows == ()
    assert main(["export", "--format", "parquet", "--store", "memory", "--out", str(tmp_path)]) == 1
    assert "--format parquet writes the figures table kept beside a store folder" in capsys.readouterr().err


def test_figure_table_refuses_parameters_as_sparql_does(tmp_path: Path) -> None:
    from kg.errors import QueryError

    table = FigureTable(duckdb.connect(":memory:"))
    with pytest.raises(QueryError, match="has no parameter 'group'"):
        table.canned("claims", {"group": "x"})
    with pytest.raises(QueryError, match="must be a number"):
        table.canned("disagreeing_figures", {"window": "ninety"})


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("the troops withdrew", "the troops withdrew"),
        ("  spread\nover   lines ", "spread over lines"),
        ("word " * 20, "word word word word word word word word word word\N{HORIZONTAL ELLIPSIS}"),
        ("x" * 80, "x" * 49 + "\N{HORIZONTAL ELLIPSIS}"),
        (None, ""),
    ],
)
def test_claims_table_content_is_cut_at_a_word(content: str | None, shown: str) -> None:
    assert content_text(content) == shown


@pytest.mark.parametrize("line_end", ["\r\n", "\n"], ids=["CRLF", "LF"])
def test_figure_table_csv_written_by_duckdb_is_what_pythons_csv_writes(line_end: str, tmp_path: Path) -> None:
    """kg query --format csv and kg figures --csv from the table have DuckDB write the file
    (csv_copy): quoting, doubled quotes, line breaks, empty and unbound cells, '#', as Python's
    csv module (SPARQL's CSV results) writes them; a carriage return too where rows end in CRLF."""
    import csv
    import io

    from kg.read.sql_text import csv_copy

    cells = ["plain", "a,b", 'say "no"', "two\nlines", "", None, " lead", "tab\there", "“curly”", "#1", '"']
    if line_end == "\r\n":
        cells.append("cr\rhere")
    rows = [(cell, cell[::-1] if cell else cell) for cell in cells]
    values = "SELECT unnest($x) AS x, unnest($y) AS y"
    duckdb.connect().execute(
        csv_copy(["x", "y"], values, str(tmp_path / "t.csv"), line_end=line_end),
        {"x": [x for x, _ in rows], "y": [y for _, y in rows]},
    )
    expected = io.StringIO()
    csv.writer(expected, lineterminator=line_end).writerows(
        [("x", "y"), *(["" if c is None else c for c in row] for row in rows)]
    )
    assert (tmp_path / "t.csv").read_bytes().decode() == expected.getvalue()
