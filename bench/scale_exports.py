"""Exports and start-up at scale: every ``kg export`` format as a whole command, next to
pyoxigraph's own ``Store.dump`` of the same store, in one run.

(a) A synthetic store of about N quads in our shape (bench/synth_graph.py), loaded with
    pyoxigraph's ``bulk_load`` (``--triples``, default 1,000,000; ``--ten-million`` for 10M).
(b) The references: ``Store.dump`` of that store as N-Quads and as TriG, each in a child process
    (interpreter start included, as for ``kg``).
(c) ``kg export --format nquads|trig|turtle|jsonld``, each a child process as a user runs it:
    wall time, the child's peak RSS, and the ratio to the N-Quads dump (target: at most 2, and
    at most 1 GB at 10M quads; N-Quads include the sort).
(d) Start-up: ``kg --help``, and ``kg COMMAND --help`` for the commands that need no model
    (best of three), whether spaCy was imported, and ``kg export`` of an empty store (start-up
    and opening the store, no work).

    python bench/scale_exports.py [--triples N | --ten-million] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say, say_setting, work_folder  # noqa: E402
from synth_graph import write_nquads  # noqa: E402

from kg.rdf.export import EXPORT_FILES  # noqa: E402
from kg.render.tables import plain_table  # noqa: E402

#: Commands that read a store and need no model: their start-up is what ``kg`` costs before work.
READING_COMMANDS = ("query", "figures", "claims", "stats", "export")

#: Child process that dumps a store with pyoxigraph alone: the reference an export is held to.
_DUMP = "import pyoxigraph as ox\nox.Store.read_only(sys.argv[1]).dump(sys.argv[2], format=ox.RdfFormat.{})"

#: Child process that runs ``kg`` with its arguments.
_KG = "from kg.cli import main\nsys.exit(main(sys.argv[1:]))"

#: Put before a child's code: at exit it writes its peak resident memory (VmHWM, which a new
#: program starts afresh, unlike the ru_maxrss a parent reads, which keeps the parent's size
#: from before the exec) to the file its first argument names, and drops that argument.
_PEAK = (
    "import atexit, re, sys\n"
    "_peak_file = sys.argv.pop(1)\n"
    "def _peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    open(_peak_file, 'w').write(re.search(r'VmHWM:\\s+(\\d+)', status)[1])\n"
    "atexit.register(_peak)\n"
)

#: Child process that runs ``kg`` and says afterwards whether spaCy was imported.
_PROBE = (
    "import sys\nfrom kg.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "print('spacy' in sys.modules, file=sys.stderr)"
)


@dataclass(frozen=True, slots=True)
class Run:
    """One child process: its wall time and peak resident memory."""

    seconds: float
    peak_mb: float


def run(code: str, *args: str) -> Run:
    """Run Python ``code`` with ``args`` in a child process to the end; fails loudly with its
    stderr where it fails."""
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        argv = [sys.executable, "-c", _PEAK + code, str(peak), *args]
        started = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
        return Run(seconds, int(peak.read_text()) / 1024)  # kilobytes


def kg(*args: str) -> Run:
    """``kg ARGS`` as a whole command."""
    return run(_KG, *args)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="graph size (default 1,000,000)")
    parser.add_argument("--ten-million", action="store_true", help="a 10,000,000-quad graph")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic graph (default 0)")
    parser.add_argument("--workdir", type=Path, help="where the store and exports go (default: temporary)")
    args = parser.parse_args(argv)
    triples = 10_000_000 if args.ten_million else args.triples
    say_setting(f"pyoxigraph {ox.__version__}")
    with work_folder(args.workdir, "kg-scale-exports-") as workdir:
        store = _store(workdir, triples, args.seed)
        _exports(store, workdir / "out")
        _startup(workdir)


def _store(workdir: Path, triples: int, seed: int) -> Path:
    started = time.perf_counter()
    nquads = workdir / "synth.nq"
    count = write_nquads(nquads, triples, seed)
    made = time.perf_counter() - started
    started = time.perf_counter()
    folder = workdir / "store"
    store = ox.Store(str(folder))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    nquads.unlink()
    say(f"store     {count:,} quads: made in {made:.1f} s, bulk_load {time.perf_counter() - started:.1f} s")
    return folder


def _exports(store: Path, out: Path) -> None:
    out.mkdir()
    dumps = {
        name: run(_DUMP.format(fmt), str(store), str(out / f"dump.{name}"))
        for name, fmt in (("nq", "N_QUADS"), ("trig", "TRIG"))
    }
    reference = dumps["nq"]
    rows = [
        [f"pyoxigraph Store.dump, {name} (baseline)", f"{done.seconds:.1f}", f"{done.peak_mb:,.0f}", ""]
        for name, done in dumps.items()
    ]
    for fmt in EXPORT_FILES:
        done = kg("export", "--store", str(store), "--format", fmt, "--out", str(out))
        size = (out / EXPORT_FILES[fmt]).stat().st_size / 1e6
        ratio, peak = done.seconds / reference.seconds, f"{done.peak_mb:,.0f}"
        name = f"kg export --format {fmt} ({size:,.0f} MB)"
        rows.append([name, f"{done.seconds:.1f}", peak, f"{ratio:.2f}"])
        say(f"ratio     {ratio:.2f} kg export --format {fmt} / Store.dump N-Quads, peak {peak} MB")
    say("")
    say(plain_table(["command", "seconds", "peak RSS (MB)", "ratio to dump"], rows))


def _startup(workdir: Path) -> None:
    empty = workdir / "empty"
    ox.Store(str(empty)).flush()
    rows = []
    for command in ("", *READING_COMMANDS):
        argv = [command, "--help"] if command else ["--help"]
        best = min(kg(*argv).seconds for _ in range(3))
        probe = subprocess.run(
            [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True
        )
        rows.append([f"kg {' '.join(argv)}", f"{best:.2f}", probe.stderr.strip().splitlines()[-1]])
    exported = min(
        kg("export", "--store", str(empty), "--format", "nquads", "--out", str(workdir / "e.nq")).seconds
        for _ in range(3)
    )
    rows.append(["kg export --format nquads of an empty store", f"{exported:.2f}", ""])
    say("")
    say(plain_table(["start-up (whole command, best of 3)", "seconds", "spaCy imported"], rows))


if __name__ == "__main__":
    main()
