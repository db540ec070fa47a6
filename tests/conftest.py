"""Shared fixtures: paths, the loaded extraction pipeline, one build of the seeds, helpers
that make corpora, read stores and run benchmark scripts, a real Oxigraph SPARQL server, and a
headless Chromium for the browser tests.

The spaCy model is loaded once per test run (it takes seconds): the ``extractor`` fixture and
every in-process build that brings no extractor of its own share one :class:`Extractor`.
Builds in other processes (subprocesses, worker pools, Dask) still load their own.
"""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"{SHARED} is not beside the checkout; the scorer and benchmarks live there")
    return SHARED


_LOADED: list[Any] = []


def _shared_extractor() -> Any:
    """The one loaded pipeline of this test run, loaded on first use."""
    if not _LOADED:
        from kg.extract.pipeline import Extractor

        _LOADED.append(Extractor())
    return _LOADED[0]


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The spaCy pipeline with our components: loaded once, it takes seconds."""
    return _shared_extractor()


@pytest.fixture(autouse=True)
def _builds_share_the_loaded_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """An in-process build without ``extractor=`` (``kg build`` through ``main``) gets the run's
    loaded pipeline instead of loading the model again. An Extractor keeps no state between
    builds; what it does is unchanged, only its loading is shared."""
    parallel = sys.modules.get("kg.builder.parallel")
    if parallel is not None:  # not imported yet: nothing in this test has built so far
        monkeypatch.setattr(parallel, "Extractor", _shared_extractor)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """One build of the seeds into an on-disk Oxigraph store, shared by read-only tests."""
    from kg.builder.build import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out, extractor=extractor)
    yield report, out


@pytest.fixture(scope="session")
def seed_memory_build(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """One build of the seeds into the memory store, with every export: the reference the
    other backends, and other builds of the seeds, are compared with. Read-only."""
    from kg.builder.build import build

    out = tmp_path_factory.mktemp("seed-memory-build")
    report = build([SEEDS], out, store="memory", extractor=extractor)
    yield report, out


@pytest.fixture(scope="session")
def seed_store(seed_build: tuple) -> Path:  # type: ignore[type-arg]
    """The on-disk store of the seed build."""
    _, out = seed_build
    return Path(out) / "store"


def _generated_articles(seeds_dir: Path, folder: Path, count: int, paragraphs: int = 6) -> Path:
    """The seeds and their meta.json, plus ``count`` articles of ``paragraphs`` seed paragraphs
    shuffled with a fixed seed: distinct texts whose names recur across articles."""
    folder.mkdir()
    found = []
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
        found += [p for p in seed.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    shutil.copy(seeds_dir / "meta.json", folder / "meta.json")
    rng = random.Random(20250228)
    for i in range(count):
        text = "\n\n".join(rng.sample(found, paragraphs))
        (folder / f"gen_{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def generated_articles() -> Callable[..., Path]:
    """``(seeds_dir, folder, count, paragraphs=6) -> folder``: a corpus made from the seeds."""
    return _generated_articles


def _run_bench(script: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def run_bench() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``(script, *args, timeout=300) -> CompletedProcess``: a script of bench/ run as users
    run it, in a process of its own, its output captured as text."""
    return _run_bench


def _store_nquads(folder: Path) -> str:
    from kg.rdf.export import sorted_nquads
    from kg.store import open_store

    store = open_store(folder)
    try:
        return sorted_nquads(store.dataset)
    finally:
        store.close()


@pytest.fixture(scope="session")
def store_nquads() -> Callable[[Path], str]:
    """``(store folder) -> sorted N-Quads``: how tests compare stores."""
    return _store_nquads


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: an endpoint that cannot be reached."""
    return _free_port()


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[str]:
    """A fresh ``oxigraph serve`` (the ``oxigraph`` dev dependency) on a free port, its database
    in tmp_path, stopped afterwards; yields its store URL. Tests that use it are marked
    ``server``."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no oxigraph server binary; install the dev extra: pip install -e '.[dev]'")
    port = _free_port()
    log = (tmp_path / "oxigraph.log").open("w")
    server = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_answering(f"http://127.0.0.1:{port}/query", server, tmp_path / "oxigraph.log")
        yield f"sparql+http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_until_answering(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {server.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer within 30 s: {log.read_text()}")


#: Headless Chromium, with nothing of its own that would reach the network in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
    )
    executable = _chromium_path()
    if executable is None:
        pytest.skip("no chromium executable on PATH or at /usr/bin/chromium (make browser installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


#: Fixtures that start a server process (``kg serve`` or ``oxigraph serve``): a test that uses
#: one is a ``server`` test, which ``make test-fast`` leaves out.
SERVER_FIXTURES = frozenset({"endpoint", "empty_url", "seed_url", "hostile_url"})


#: Marks of the tests that take seconds each: a file holding one goes to the workers first.
HEAVY_MARKS = frozenset({"slow", "server", "browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.server)
    _heavy_files_first(items)


def _heavy_files_first(items: list[pytest.Item]) -> None:
    """Files with a slow, server or browser test run before the others, each file's tests in
    their order. ``make test`` gives each worker whole files, in this order (``addopts`` in
    pyproject.toml: ``--no-loadscope-reorder``; by default xdist starts with the files of most
    tests, which left the few long ones, a whole build in a subprocess or a kill test, running
    alone at the end); the quick files then fill in while the long ones finish."""
    heavy = {item.path for item in items if HEAVY_MARKS.intersection(m.name for m in item.iter_markers())}
    items.sort(key=lambda item: item.path not in heavy)  # stable: files and tests keep their order
