"""Builds killed with SIGKILL at random points leave whole articles and whole files behind.

Eight builds go into one embedded store, the n-th of the first n eighths of a corpus of 60
articles, each killed after a seeded random delay: half the delays fall in the extraction and
the store writes (batches of two articles, so many of them), the others anywhere in the build,
the exports and the HTML view included. After each kill the store must open, conform to the
shapes (unless it holds the very quads of a store checked before), and hold every article it
has exactly as a build that was never killed holds it, nothing else and nothing twice; every
export present must be a whole file; the figures table a reader then gets must be the store's.
A last build, let finish, must then give the store and the N-Quads export of the unkilled
build, and leave a figures table that is up to date.

Starting Python and loading the spaCy model takes longer than one of these builds, so the
builds are forked from one process that loaded the model and built one short article in memory,
which imports and warms up what a build uses (``_BUILDER``). It never opens an Oxigraph store:
RocksDB's background threads would not exist in a forked child, whose writes would then wait
for them forever. That process also sends the kill, to a child it has not reaped yet, so the
signal cannot reach another process that was given the same pid.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.builder.across import DERIVED_GRAPHS
from kg.rdf.export import sorted_nquads
from kg.rdf.ontology import validate
from kg.read.figure_table import TABLE_FILE, open_table, rebuilt_table, recorded_generation
from kg.store import existing_store, open_store
from kg.store.oxigraph import BULK_FILES, JOURNAL, WAS_EMPTY, folder_generation

pytestmark = pytest.mark.slow

#: Articles in the corpus (the two seeds and short ones made from their paragraphs), kills,
#: articles per store write, and the seed of the kill delays.
ARTICLES = 60
KILLS = 8
BATCH = 2
KILL_SEED = 20250301
LIMIT_S = 120  # an unkilled build that takes longer hangs: it is killed and the test fails

SOURCE_FILE = "<https://w3id.org/conflict-kg/ontology#sourceFile>"
EXPORT_FORMATS = {
    "graph.trig": ox.RdfFormat.TRIG,
    "graph.ttl": ox.RdfFormat.TURTLE,
    "graph.jsonld": ox.RdfFormat.JSON_LD,
}

#: Builds argv[1] into argv[2] in memory to warm up, then reads lines
#: "OUT<TAB>SECONDS<TAB>FILE...", forks a build of the files into OUT, kills it after SECONDS
#: (if negative, after a limit no build here comes near) and answers "EXIT-CODE SECONDS-TAKEN".
_BUILDER = f"""
import os, signal, sys, time, traceback
from pathlib import Path
import kg.store.oxigraph  # imported, never opened here
from kg.builder.build import build
from kg.extract.pipeline import Extractor

extractor = Extractor()
build([Path(sys.argv[1])], Path(sys.argv[2]), store="memory", extractor=extractor)
print("ready", flush=True)
for line in sys.stdin:
    out, delay, *files = line.rstrip("\\n").split("\\t")
    limit = float(delay) if float(delay) >= 0 else {LIMIT_S}
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            build([Path(f) for f in files], Path(out), extractor=extractor, workers=1, batch_size={BATCH})
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - started >= limit:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            break
        time.sleep(0.002)
    print(os.waitstatus_to_exitcode(status), time.perf_counter() - started, flush=True)
"""


class _Builder:
    """The process that forks the builds, warmed up on ``warm_input``; its stderr goes to ``log``."""

    def __init__(self, warm_input: Path, warm_out: Path, log: Path) -> None:
        self.log = log
        with log.open("w") as stderr:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _BUILDER, str(warm_input), str(warm_out)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        assert self._readline() == "ready", self.log.read_text()

    def run(self, out: Path, files: list[Path], kill_after: float = -1.0) -> tuple[int, float]:
        """Build ``files`` into ``out``; returns the exit code (-9: killed) and the seconds taken."""
        assert self._process.stdin is not None
        self._process.stdin.write("\t".join([str(out), str(kill_after), *map(str, files)]) + "\n")
        self._process.stdin.flush()
        code, seconds = self._readline().split()
        return int(code), float(seconds)

    def close(self) -> None:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.close()
        self._process.wait(timeout=60)
        self._process.stdout.close()

    def _readline(self) -> str:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        assert line, f"the build process died:\n{self.log.read_text()}"
        return line.strip()


@pytest.fixture
def files(tmp_path: Path, seeds_dir: Path, generated_articles: Callable[..., Path]) -> list[Path]:
    """The corpus: short articles made from the seeds' paragraphs, then the long seeds."""
    corpus = generated_articles(seeds_dir, tmp_path / "in", ARTICLES - 2, paragraphs=2)
    short = sorted(corpus.glob("gen_*.txt"))
    return short + sorted(set(corpus.glob("*.txt")) - set(short))


@pytest.fixture
def builder(tmp_path: Path, files: list[Path]) -> Iterator[_Builder]:
    """The forking process, warmed up on the first short article."""
    forker = _Builder(files[0], tmp_path / "warm", tmp_path / "builder.log")
    yield forker
    forker.close()


@dataclass(frozen=True, slots=True)
class _Whole:
    """The sorted N-Quads of the unkilled build, and its article graphs line by line."""

    lines: frozenset[str]
    articles: dict[str, frozenset[str]]

    @classmethod
    def of(cls, nquads: str) -> _Whole:
        lines = nquads.splitlines()
        return cls(frozenset(lines), {g: frozenset(q) for g, q in _article_graphs(lines).items()})

    def check(self, nquads: str, where: str) -> int:
        """Assert that ``nquads`` holds whole articles of this build only, each once; returns
        how many articles it holds."""
        lines = nquads.splitlines()
        assert len(lines) == len(set(lines)), f"{where}: repeated quads"
        # stories and assertions describe the articles a store holds, so a store of fewer
        # articles has other ones; the last, whole build must agree with the reference
        lines = [line for line in lines if line.rsplit(" ", 2)[-2] not in _DERIVED]
        assert set(lines) <= self.lines, f"{where}: quads no unkilled build has: {set(lines) - self.lines}"
        graphs = _article_graphs(lines)
        for name, quads in graphs.items():
            missing = len(self.articles[name] - quads)
            assert quads == self.articles[name], f"{where}: article {name} lacks {missing} quads"
        sources = Counter(line.split(SOURCE_FILE)[1] for line in lines if SOURCE_FILE in line)
        assert all(n == 1 for n in sources.values()), f"{where}: an article twice: {sources}"
        return len(graphs)


_DERIVED = frozenset(f"<{graph}>" for graph in DERIVED_GRAPHS)


def _article_graphs(lines: list[str]) -> dict[str, set[str]]:
    graphs: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        graph = line.rsplit(" ", 2)[-2]  # "<s> <p> <o> <g> ."
        if "/article/" in graph:
            graphs[graph].add(line)
    return graphs


def _check_store(folder: Path, whole: _Whole, conforming: set[str]) -> int:
    """The store opens (undoing any write cut short), conforms to the shapes and holds whole
    articles only; returns how many. ``conforming``: the N-Quads of stores found to conform
    so far; a store that holds the same quads as one of them is not validated again."""
    store = open_store(folder)
    try:
        assert not [p.name for p in folder.glob(BULK_FILES)], "the bulk loader's leftovers stayed"
        assert not (folder / JOURNAL).exists() and not (folder / WAS_EMPTY).exists()
        nquads = sorted_nquads(store.dataset)
        held = whole.check(nquads, str(folder))
        if nquads not in conforming:
            conforms, report = validate(store.dataset)
            assert conforms, report
            conforming.add(nquads)
        return held
    finally:
        store.close()


def _check_table(folder: Path, *, kept: bool = False) -> None:
    """The figures table a reader gets (the killed build's, or one rebuilt because it was not
    the store's) holds what a table rebuilt from the store holds; ``kept``: the build left it
    up to date, so the reader used it as it was."""
    if kept:
        assert recorded_generation(folder / TABLE_FILE) == folder_generation(folder)
    with existing_store(folder) as store:
        with open_table(store) as table:
            assert table is not None
            held = table.contents()
        fresh = rebuilt_table(store)
        assert held == fresh.contents(), f"{folder}: the figures table is not the store's"
        fresh.close()


def _check_exports(out: Path, whole: _Whole) -> None:
    """Every export present is a whole file: the N-Quads whole articles, the other formats
    parse to the end, the HTML view is closed."""
    if (out / "graph.nq").exists():
        whole.check((out / "graph.nq").read_text(encoding="utf-8"), "graph.nq")
    for name, fmt in EXPORT_FORMATS.items():
        if (out / name).exists():
            assert list(ox.parse(path=str(out / name), format=fmt)), name
    if (out / "graph.html").exists():
        assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_crash_killed_builds_leave_whole_articles_and_a_last_build_completes(
    tmp_path: Path, files: list[Path], builder: _Builder, store_nquads: Callable[[Path], str]
) -> None:
    assert len(files) == ARTICLES
    reference = tmp_path / "reference"
    code, full = builder.run(reference, files)
    assert code == 0, builder.log.read_text()
    code, again = builder.run(reference, files)  # adds nothing: what a build costs besides articles
    assert code == 0, builder.log.read_text()
    whole = _Whole.of(store_nquads(reference / "store"))
    assert len(whole.articles) == ARTICLES

    rng = random.Random(KILL_SEED)
    per_article = max(full - again, 0.0) / ARTICLES
    out = tmp_path / "out"
    held, killed = 0, 0
    conforming: set[str] = set()
    for kill in range(KILLS):
        given = files[: ARTICLES * (kill + 1) // KILLS]
        extracting = per_article * (len(given) - held)
        whole_build = extracting + again * len(given) / ARTICLES
        code, _ = builder.run(out, given, kill_after=rng.uniform(0.0, rng.choice((extracting, whole_build))))
        assert code in (0, -9), builder.log.read_text()
        killed += code == -9
        if (out / "store").exists():
            _check_table(out / "store")
            held = _check_store(out / "store", whole, conforming)
        _check_exports(out, whole)
    assert killed >= KILLS // 2, f"only {killed} of {KILLS} builds were killed before they ended"

    code, _ = builder.run(out, files)
    assert code == 0, builder.log.read_text()
    _check_table(out / "store", kept=True)  # before anything opens the store to write
    assert store_nquads(out / "store") == store_nquads(reference / "store")
    assert (out / "graph.nq").read_bytes() == (reference / "graph.nq").read_bytes()
    assert not list(out.glob(".*.tmp")) and not list((out / "store").glob(".*.tmp"))
