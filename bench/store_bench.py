"""Bulk-load rate and canned-query latency of our embedded store, next to pyoxigraph's own.

One run, one synthetic graph (bench/synth_graph.py, about N triples shaped like ``kg build``'s):

(a) Load: pyoxigraph's ``Store.bulk_load`` of the N-Quads file (the raw rate), then our public
    path, ``kg.store.open_store(folder).add(quads)``, fed rdflib quads as ``kg build`` feeds it:
    once as one batch (a first build of the whole corpus) and once in batches of ``--batch``
    quads (incremental builds). For comparison, what ``add`` did before it used the bulk loader:
    term-by-term conversion and one transactional ``Store.extend`` per batch. Ratios are against
    ``bulk_load`` in the same run.
(b) Queries: every canned query of ``ontology/queries`` (default parameters, plus realistic ones
    where a parameter names something) through rdflib + oxrdflib on the embedded store (as
    ``kg query`` runs them), directly with pyoxigraph's ``Store.query``, and on rdflib's
    in-memory store. ``--compare DIR`` times a second set of .rq files (rewrites) the same way.
    Oxigraph queries run in a child process that is killed after ``--timeout`` seconds (a Rust
    query cannot be interrupted); rdflib queries are interrupted by an alarm.

    python bench/store_bench.py [--triples N] [--batch Q] [--timeout S] [--compare DIR]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import cast

import pyoxigraph as ox
import rdflib
from oxrdflib._converter import to_ox
from rdflib import Dataset

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say, say_setting, work_folder  # noqa: E402
from synth_graph import synthetic_quads, write_nquads  # noqa: E402

from kg.rdf.mapping import Quad  # noqa: E402
from kg.read.query import CannedQuery, canned_queries, render, run_query  # noqa: E402
from kg.render.tables import plain_table  # noqa: E402
from kg.store import open_store  # noqa: E402

#: Parameters a reader would give (the defaults of claims_about and claims_by_claimant match nothing).
CASES: tuple[tuple[str, dict[str, str]], ...] = (
    ("claims", {}),
    ("claims", {"entity": "North Korea"}),
    ("claims_about", {"entity": "North Korea"}),
    ("claims_by_claimant", {"claimant": "National Intelligence Service"}),
    ("figures_over_time", {}),
    ("figures_over_time", {"measure": "Killed", "entity": "North Korean troops"}),
    ("disagreeing_figures", {}),
)


@dataclass(frozen=True, slots=True)
class Timing:
    """One query on one backend: seconds and rows, or why there is no answer."""

    seconds: float | None
    rows: int | None = None
    failure: str | None = None  # "timeout" or the error's first line

    def cell(self, timeout: float) -> str:
        if self.failure == "timeout":
            return f"> {timeout * 1000:.0f}"
        if self.failure is not None:
            return "error"
        assert self.seconds is not None
        return f"{self.seconds * 1000:.0f}"


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--worker"]:
        _worker(*argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="graph size (default 1,000,000)")
    parser.add_argument("--batch", type=int, default=50_000, help="quads per add() when batched (50,000)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per query (default 10)")
    parser.add_argument("--compare", type=Path, help="a folder of rewritten .rq files to time as well")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic graph (default 0)")
    parser.add_argument("--workdir", type=Path, help="where stores go (default: a temporary folder)")
    args = parser.parse_args(argv)

    say_setting(f"pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}")
    with work_folder(args.workdir, "kg-store-bench-") as workdir:
        _run(args, workdir)


def _run(args: argparse.Namespace, workdir: Path) -> None:
    started = time.perf_counter()
    nquads = workdir / "synth.nq"
    count = write_nquads(nquads, args.triples, args.seed)
    say(f"graph     {count} quads, {nquads.stat().st_size / 1e6:.0f} MB of N-Quads ({_since(started)})")

    loads = _load(args, workdir, nquads, count)
    say("")
    say(plain_table(["load", "seconds", "triples/s", "ratio"], loads))

    memory = Dataset()
    started = time.perf_counter()
    for batch in _batched(synthetic_quads(args.triples, args.seed), args.batch):
        memory.addN((s, p, o, memory.graph(g)) for s, p, o, g in batch)
    say(f"\nrdflib memory store: {count} quads loaded with addN in {_since(started)}")

    sets = {"ontology/queries": canned_queries()}
    if args.compare:
        sets[str(args.compare)] = canned_queries(args.compare)
    for label, queries in sets.items():
        say(f"\nqueries of {label}, ms (> {args.timeout:g} s: stopped), {count} triples")
        texts = [
            (_case_name(name, params), render(queries[name], params)) for name, params in _cases(queries)
        ]
        embedded = _in_child("rdflib", workdir / "ours-batched", texts, args.timeout)
        direct = _in_child("pyoxigraph", workdir / "raw", texts, args.timeout)
        in_memory = [_in_process(memory, text, args.timeout) for _, text in texts]
        rows = []
        for (case, _), e, d, m in zip(texts, embedded, direct, in_memory, strict=True):
            answered = next((t.rows for t in (e, d, m) if t.rows is not None), None)
            rows.append(
                [
                    case,
                    "" if answered is None else str(answered),
                    e.cell(args.timeout),
                    d.cell(args.timeout),
                    m.cell(args.timeout),
                ]
            )
        say(plain_table(["query", "rows", "embedded (rdflib+oxrdflib)", "pyoxigraph", "rdflib memory"], rows))
        for (case, _), timings in zip(texts, zip(embedded, direct, in_memory, strict=True), strict=True):
            for backend, timing in zip(("embedded", "pyoxigraph", "rdflib memory"), timings, strict=True):
                if timing.failure not in (None, "timeout"):
                    say(f"  {backend} {case}: {timing.failure}")


def _load(args: argparse.Namespace, workdir: Path, nquads: Path, count: int) -> list[list[str]]:
    """Every load of the same quads; returns table rows with ratios to bulk_load."""
    started = time.perf_counter()
    raw = ox.Store(str(workdir / "raw"))
    raw.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    raw_s = time.perf_counter() - started
    assert len(raw) == count, (len(raw), count)
    del raw

    batches = list(_batched(synthetic_quads(args.triples, args.seed), args.batch))  # not timed
    rows: list[tuple[str, float]] = [("pyoxigraph Store.bulk_load (N-Quads file)", raw_s)]

    store = open_store(workdir / "ours-one")
    started = time.perf_counter()
    added = store.add(list(itertools.chain.from_iterable(batches)))
    one_s = time.perf_counter() - started
    store.close()
    assert added == count, (added, count)
    rows.append(("kg OxigraphStore.add, one batch (a first kg build)", one_s))
    _rmtree(workdir / "ours-one")

    store = open_store(workdir / "ours-batched")
    started = time.perf_counter()
    added = sum(store.add(batch) for batch in batches)
    add_s = time.perf_counter() - started
    assert added == count == len(store), (added, count)
    store.close()

    # What add() did before it used the bulk loader: rdflib terms converted one by one, then
    # one transactional Store.extend per batch.
    extended = ox.Store(str(workdir / "extend"))
    started = time.perf_counter()
    for batch in batches:
        extended.extend([cast(ox.Quad, to_ox(quad)) for quad in batch])  # type: ignore[arg-type]
    extended.flush()
    extend_s = time.perf_counter() - started
    del extended
    _rmtree(workdir / "extend")
    del batches

    rows += [
        (f"kg OxigraphStore.add, batches of {args.batch:,} (incremental builds)", add_s),
        (f"pyoxigraph Store.extend of to_ox terms, batches of {args.batch:,} (transactional)", extend_s),
    ]
    table = [
        [name, f"{seconds:.1f}", f"{count / seconds:,.0f}", f"{raw_s / seconds:.2f}"]
        for name, seconds in rows
    ]
    say(f"ratio     {raw_s / one_s:.2f} (kg add, one batch / pyoxigraph bulk_load, triples per second)")
    say(f"ratio     {raw_s / add_s:.2f} (kg add, batches of {args.batch:,} / pyoxigraph bulk_load)")
    return table


def _cases(queries: dict[str, CannedQuery]) -> Iterator[tuple[str, dict[str, str]]]:
    known = {name for name, _ in CASES}
    yield from ((name, params) for name, params in CASES if name in queries)
    yield from ((name, {}) for name in sorted(queries) if name not in known)


def _case_name(name: str, params: dict[str, str]) -> str:
    return name + "".join(f" {key}={value!r}" for key, value in params.items())


def _in_child(mode: str, store: Path, texts: list[tuple[str, str]], timeout: float) -> list[Timing]:
    """Time each query in a child process, killed and restarted past ``timeout`` seconds."""
    results: list[Timing] = []
    jobs = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        jobs.write_text(json.dumps([text for _, text in texts]), encoding="utf-8")
        while len(results) < len(texts):
            command = [sys.executable, __file__, "--worker", mode, str(store), str(jobs), str(len(results))]
            child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
            assert child.stdout is not None
            deadline = time.monotonic() + 300  # opening the store
            while len(results) < len(texts):
                line_ready, _, _ = select.select([child.stdout], [], [], 1.0)
                if line_ready:
                    line = child.stdout.readline()
                    if not line:
                        results.append(Timing(None, failure="worker died"))
                        break
                    message = json.loads(line)
                    if "ready" in message:
                        deadline = time.monotonic() + timeout
                        continue
                    results.append(Timing(message.get("seconds"), message.get("rows"), message.get("error")))
                    deadline = time.monotonic() + timeout
                elif time.monotonic() > deadline:
                    results.append(Timing(None, failure="timeout"))
                    break
            child.kill()
            child.wait()
    finally:
        jobs.unlink(missing_ok=True)
    return results


def _worker(mode: str, store_path: str, jobs_path: str, first: str) -> None:
    """The child of :func:`_in_child`: runs queries from ``first`` on, one JSON line each."""
    warnings.simplefilter("ignore")
    texts = json.loads(Path(jobs_path).read_text(encoding="utf-8"))[int(first) :]
    if mode == "rdflib":
        store = open_store(store_path)
        dataset = store.dataset
    else:
        raw = ox.Store.read_only(store_path)
    print(json.dumps({"ready": True}), flush=True)  # noqa: T201
    for text in texts:
        started = time.perf_counter()
        try:
            if mode == "rdflib":
                rows = len(run_query(dataset, text).rows)
            else:
                rows = 0
                for solution in raw.query(text):  # type: ignore[union-attr]
                    tuple(solution)  # every cell, as a caller reads them
                    rows += 1
            message: dict[str, object] = {"seconds": time.perf_counter() - started, "rows": rows}
        except Exception as exc:  # report any failure as a cell, keep going
            message = {"seconds": None, "error": str(exc).strip().splitlines()[0][:160]}
        print(json.dumps(message), flush=True)  # noqa: T201


class _Alarm(BaseException):
    """Raised by SIGALRM inside rdflib's pure-Python evaluation (a BaseException, so no
    ``except Exception`` on the way up swallows it)."""


def _in_process(dataset: Dataset, text: str, timeout: float) -> Timing:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = len(run_query(dataset, text).rows)
        return Timing(time.perf_counter() - started, rows)
    except _Alarm:
        return Timing(None, failure="timeout")
    except Exception as exc:  # a failing query is a result of the benchmark, not its end
        return Timing(None, failure=str(exc).strip().splitlines()[0][:160])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _batched(quads: Iterator[Quad], size: int) -> Iterator[list[Quad]]:
    while batch := list(itertools.islice(quads, size)):
        yield batch


def _rmtree(path: Path) -> None:
    gc.collect()  # drop the last handle, which holds the database lock
    shutil.rmtree(path, ignore_errors=True)


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


if __name__ == "__main__":
    main()
