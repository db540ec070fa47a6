"""An analyst's figure listings on big stores, timed as a user runs them, next to DuckDB alone.

For each size (``--quads``, default 1M and 10M), a synthetic store shaped like ``kg build``'s
(bench/synth_graph.py, loaded with pyoxigraph's ``bulk_load``), then:

(a) the figures table built from the store (the first reading command builds it; timed once);
(b) every figure command as a whole process, as a user runs it, output to a file: ``kg figures``,
    ``kg claims``, and ``kg query --name X --format csv`` for each figure canned query and
    ``disagreeing_figures``: wall time and peak RSS (``wait4``);
(c) the reference for each: a Python process that opens the same DuckDB table and has DuckDB run
    the same SQL and write the same rows as CSV (interpreter start and ``import duckdb``
    included), and the ratio of the two;
(d) with ``--sparql``, the same listing through SPARQL (``run_canned`` on the store, what the
    commands did before the table), for the before/after numbers;
(e) what a build pays to keep the table: one batch of 64 articles applied to it, the size of
    ``kg build``'s batches.

Targets (issue 20): at 1M quads every command <= 1 s and within 5x of DuckDB plus start-up; at
10M <= 2 s.

With ``--spread`` a graph above 1M quads covers a year of news per million quads (ten years at
10M) instead of one year ten times as dense: the figures that disagree, pairs within a group
and a few months, then grow in step with the graph instead of with its square.

    python bench/scale_bench.py [--quads 1000000,10000000] [--work DIR] [--runs N] [--sparql] [--spread]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say, say_setting, work_folder  # noqa: E402
from synth_graph import QUADS_PER_YEAR, write_nquads  # noqa: E402

from kg.read.figure_sql import CANNED_SQL  # noqa: E402
from kg.read.figure_table import TABLE_FILE  # noqa: E402
from kg.render.tables import plain_table  # noqa: E402

KG = [sys.executable, "-m", "kg"]
TARGET_S = {1_000_000: 1.0, 10_000_000: 2.0}
MAX_RATIO = 5.0
BATCH_ARTICLES = 64

#: (what a user types, the canned query whose SQL DuckDB runs alone as its reference).
COMMANDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("kg figures --csv F", ("figures", "--csv", "{out}.csv"), "figures_by_group"),
    ("kg claims", ("claims",), "claims"),
    ("kg query --name claims", ("query", "--name", "claims", "--format", "csv"), "claims"),
    (
        "kg query --name figures_over_time",
        ("query", "--name", "figures_over_time", "--format", "csv"),
        "figures_over_time",
    ),
    (
        "kg query --name figures_by_group",
        ("query", "--name", "figures_by_group", "--format", "csv"),
        "figures_by_group",
    ),
    (
        "kg query --name disagreeing_figures",
        ("query", "--name", "disagreeing_figures", "--format", "csv"),
        "disagreeing_figures",
    ),
)

#: DuckDB alone: open the table, run the query, write its rows as CSV to stdout.
_REFERENCE = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("COPY (" + sys.argv[2] + ") TO '/dev/stdout' (FORMAT csv, HEADER)", {params})
"""

_SPARQL = """
import sys
from kg.read.query import run_canned
from kg.render.tables import format_result
from kg.store import existing_store
with existing_store(sys.argv[1]) as store:
    sys.stdout.write(format_result(run_canned(store.dataset, sys.argv[2]), "csv"))
"""


@dataclass(frozen=True, slots=True)
class Run:
    """One process: its wall time, peak resident memory and exit code."""

    seconds: float
    peak_mb: float
    code: int


def run(argv: Sequence[str], out: Path, timeout: float = 600.0) -> Run:
    """``argv`` as a child process with stdout to ``out``: wall time and peak RSS from ``wait4``;
    killed after ``timeout`` seconds (exit code -9): an answer of millions of rows can take
    minutes and more memory than the machine has."""
    started = time.perf_counter()
    with out.open("wb") as sink:
        child = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.005)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, child.returncode)


def best(argv: Sequence[str], out: Path, runs: int, timeout: float = 600.0) -> Run:
    """The median of ``runs`` runs (all must succeed); one killed at ``timeout`` is the answer."""
    done = []
    for _ in range(runs):
        done.append(run(argv, out, timeout))
        if done[-1].code == -9:
            return done[-1]
    failed = [r for r in done if r.code != 0]
    if failed:
        raise SystemExit(f"{' '.join(argv)} exited {failed[0].code}")
    seconds = statistics.median(r.seconds for r in done)
    return Run(seconds, max(r.peak_mb for r in done), 0)


#: Bulk-loads argv[2] into a new store at argv[1], in a child: the bench process stays small, so
#: the children it forks to time start small too (a child's peak RSS counts its parent's pages).
_LOAD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)
store.flush()
"""


def make_store(folder: Path, quads: int, spread: bool) -> tuple[Path, float]:
    """The synthetic store of about ``quads`` quads in ``folder`` (``spread`` over a year per
    million quads), made once and kept there; returns it and the seconds its load took (0 when
    it was there)."""
    name = f"{quads}-spread" if spread and quads > QUADS_PER_YEAR else str(quads)
    store = folder / f"store-{name}"
    if (store / "CURRENT").is_file():
        return store, 0.0
    nq = folder / f"{name}.nq"
    if not nq.is_file():
        write_nquads(nq, quads, spread=spread)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _LOAD, str(store), str(nq)], check=True)
    return store, time.perf_counter() - started


def store_size(store: Path) -> int:
    """Quads in the store, counted in a child (see :data:`_LOAD`)."""
    code = "import sys, pyoxigraph as ox; print(len(ox.Store.read_only(sys.argv[1])))"
    return int(
        subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, check=True).stdout
    )


#: Copies the table of store argv[1] to argv[2], then times applying one build batch (argv[3]
#: article graphs) to the copy, as ``kg build`` does after each store write.
_BATCH = """
import shutil, sys, time, duckdb, pyoxigraph as ox
from kg.read.figure_load import load_articles
from kg.read.figure_table import TABLE_FILE
from kg.rdf.ontology import CKG
shutil.copy(sys.argv[1] + "/" + TABLE_FILE, sys.argv[2])
store = ox.Store.read_only(sys.argv[1])
query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a <" + str(CKG.Article) + "> } } LIMIT "
articles = [row[0].value for row in store.query(query + sys.argv[3])]
with duckdb.connect(sys.argv[2]) as con:
    started = time.perf_counter()
    con.execute("BEGIN")
    load_articles(con, store, articles)
    con.execute("COMMIT")
    print(time.perf_counter() - started)
"""


def batch_cost(store: Path) -> float:
    """Seconds to apply one build batch to a copy of the store's table."""
    copy = store.parent / f".batch-{os.getpid()}.duckdb"
    argv = [sys.executable, "-c", _BATCH, str(store), str(copy), str(BATCH_ARTICLES)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=True)
    finally:
        copy.unlink(missing_ok=True)
        Path(f"{copy}.wal").unlink(missing_ok=True)
    return float(done.stdout.strip())


def measure(
    store: Path, size: int, scratch: Path, runs: int, sparql: bool, timeout: float
) -> list[list[str]]:
    """The rows of the results table for one store."""
    (store / TABLE_FILE).unlink(missing_ok=True)
    first = run(
        [*KG, "query", "--name", "claims", "--format", "csv", "--store", str(store)], scratch / "first"
    )
    say(
        f"table     built from the store by the first reading command in {first.seconds:.1f} s, "
        f"{first.peak_mb:,.0f} MB peak"
    )
    say(
        f"batch     one build batch of {BATCH_ARTICLES} articles applied to the table: "
        f"{batch_cost(store):.2f} s"
    )
    target = TARGET_S.get(size, 2.0)
    rows = []
    for label, argv, query in COMMANDS:
        out = scratch / query
        args = [a.replace("{out}", str(out)) for a in argv]
        ours = best([*KG, *args, "--store", str(store)], out, runs, timeout)
        params = {"entity": "", "measure": ""} | ({"window": "90"} if "window" in CANNED_SQL[query] else {})
        params_code = repr({k: v for k, v in params.items() if f"${k}" in CANNED_SQL[query]})
        reference = best(
            [
                sys.executable,
                "-c",
                _REFERENCE.format(params=params_code),
                str(store / TABLE_FILE),
                CANNED_SQL[query],
            ],
            scratch / "reference",
            runs,
        )
        ratio = ours.seconds / reference.seconds
        row = [
            label,
            f"{ours.seconds:.2f}" if ours.code == 0 else f"killed at {timeout:g}",
            f"{ours.peak_mb:,.0f}",
            f"{reference.seconds:.2f}",
            f"{ratio:.1f}x",
            "ok" if ours.seconds <= target and ratio <= MAX_RATIO else f"MISSED (<= {target:g} s, <= 5x)",
        ]
        if sparql:
            before = run([sys.executable, "-c", _SPARQL, str(store), query], scratch / "sparql")
            row.insert(3, f"{before.seconds:.1f}")
        rows.append(row)
        say(f"measured  {label}: {' '.join(row[1:])}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", default="1000000,10000000", help="store sizes, comma-separated")
    parser.add_argument("--work", type=Path, help="keep the corpora and stores here (reused when present)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the median counts (default 3)")
    parser.add_argument("--sparql", action="store_true", help="also time each query through SPARQL (slow)")
    parser.add_argument(
        "--spread",
        action="store_true",
        help="spread a bigger graph over a year of news per million quads (default: all in one year)",
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="kill a command after this many seconds (default 300)"
    )
    args = parser.parse_args()
    say_setting(f"pyoxigraph {ox.__version__}, duckdb {__import__('duckdb').__version__}")
    with _kept_folder(args.work) as folder:
        scratch = folder / "outputs"
        scratch.mkdir(exist_ok=True)
        for quads in (int(q) for q in args.quads.split(",")):
            store, loaded = make_store(folder, quads, args.spread)
            size = store_size(store)
            say(
                f"store     {store.name}: {size:,} quads"
                + (f", bulk-loaded in {loaded:.1f} s" if loaded else " (kept)")
            )
            rows = measure(store, quads, scratch, args.runs, args.sparql, args.timeout)
            headers = ["command", "wall s", "peak MB", "DuckDB alone s", "ratio", "target"]
            if args.sparql:
                headers.insert(3, "SPARQL s")
            say(f"\n{size:,} quads\n" + plain_table(headers, rows) + "\n")


@contextlib.contextmanager
def _kept_folder(given: Path | None) -> Iterator[Path]:
    """``given``, kept with its corpora and stores for the next run; else a temporary folder."""
    if given is None:
        with work_folder(None, "kg-scale-") as folder:
            yield folder
        return
    given.mkdir(parents=True, exist_ok=True)
    yield given


if __name__ == "__main__":
    main()
