"""`kg remove` takes back exactly one article, and a killed build leaves only whole articles.

Real Oxigraph stores on disk; the kill test runs `kg build` as its own process and SIGKILLs it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.builder.build import build
from kg.cli import main
from kg.store import open_store

FIRST, SECOND = "000_495f311b93d16d41.txt", "002_5ad8a92b4d98f69b.txt"
CKG_SOURCE_FILE = "https://w3id.org/conflict-kg/ontology#sourceFile"
SECOND_URL = "https://japannews.yomiuri.co.jp/world/europe/20250228-240775"


def _only(seeds_dir: Path, name: str, folder: Path) -> Path:
    """A copy of the seed folder holding one article and its metadata."""
    folder.mkdir()
    shutil.copy(seeds_dir / name, folder / name)
    meta = json.loads((seeds_dir / "meta.json").read_text(encoding="utf-8"))
    (folder / "meta.json").write_text(json.dumps({name: meta[name]}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def first_only(  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, extractor, store_nquads: Callable[[Path], str]
) -> str:
    """Sorted N-Quads of a store built from the first seed alone."""
    tmp = tmp_path_factory.mktemp("first-only")
    build([_only(seeds_dir, FIRST, tmp / "in")], tmp / "out", extractor=extractor, exports=False)
    return store_nquads(tmp / "out" / "store")


@pytest.mark.slow
@pytest.mark.parametrize("selector", [SECOND, SECOND_URL, "article-iri"])
def test_remove_leaves_exactly_the_other_article(  # type: ignore[no-untyped-def]
    tmp_path: Path, seed_build, first_only: str, selector: str, capsys, store_nquads
) -> None:
    _, built = seed_build
    out = tmp_path / "out"
    shutil.copytree(Path(built) / "store", out / "store")  # a copy of the seeds' store
    if selector == "article-iri":
        store = open_store(out / "store")
        sources = store.dataset.quads((None, URIRef(CKG_SOURCE_FILE), None, None))
        (selector,) = [str(s) for s, _, o, _ in sources if str(o) == SECOND]
        store.close()
    assert main(["remove", selector, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "removed   https://w3id.org/conflict-kg/id/article/" in printed
    assert (out / "graph.nq").read_text(encoding="utf-8") == first_only
    assert store_nquads(out / "store") == first_only  # the other seed's graph, and only its entities


def test_remove_unknown_article_is_one_line_and_changes_nothing(  # type: ignore[no-untyped-def]
    seed_build, tmp_path: Path, capsys, store_nquads
) -> None:
    _, built = seed_build
    out = tmp_path / "out"
    shutil.copytree(Path(built) / "store", out / "store")
    before = store_nquads(out / "store")
    assert main(["remove", "no-such-article.txt", "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no article 'no-such-article.txt'" in err and FIRST in err
    assert store_nquads(out / "store") == before


def test_remove_without_a_store_says_how_to_build_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["remove", FIRST, "--out", str(tmp_path / "nothing")]) == 1
    assert "kg build" in capsys.readouterr().err
    assert not (tmp_path / "nothing").exists()


def _article_graphs(store_dir: Path) -> dict[str, frozenset[str]]:
    store = open_store(store_dir)
    try:
        graphs: dict[str, set[str]] = {}
        for s, p, o, g in store.dataset.quads((None, None, None, None)):
            name = str(g.identifier if hasattr(g, "identifier") else g)
            if "/article/" in name:
                graphs.setdefault(name, set()).add(f"{s.n3()} {p.n3()} {o.n3()}")
        return {name: frozenset(quads) for name, quads in graphs.items()}
    finally:
        store.close()


#: What ``kg -v build`` logs once it has made its store and starts loading the model.
LOADING_THE_MODEL = "loading spaCy model"


@pytest.mark.slow
def test_remove_killed_build_leaves_whole_articles_and_completes_next_time(  # type: ignore[no-untyped-def]
    tmp_path: Path, seeds_dir: Path, seed_build, store_nquads
) -> None:
    """The ``kg build`` command, SIGKILLed while it loads the model (its store made, nothing in
    it yet), then run again. Kills later in a build (extraction, store writes, exports) are
    test_crash.py's, many of them, in builds forked from a process that loaded the model."""
    _, reference = seed_build
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kg", "-v", "build", str(seeds_dir), "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    logged = []
    for line in process.stderr:  # the build logs each step; kill it at the model load
        logged.append(line)
        if LOADING_THE_MODEL in line:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "".join(logged)
    assert (out / "store").is_dir() and not _article_graphs(out / "store")  # it opens, and is empty
    assert main(["build", str(seeds_dir), "--out", str(out)]) == 0
    whole = _article_graphs(Path(reference) / "store")
    assert len(whole) == 2 and _article_graphs(out / "store") == whole
    assert store_nquads(out / "store") == store_nquads(Path(reference) / "store")


@pytest.mark.parametrize("kind", ["folder", pytest.param("endpoint", marks=pytest.mark.server)])
def test_remove_interrupted_says_what_the_store_may_hold(  # type: ignore[no-untyped-def]
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch, capsys
) -> None:
    """Ctrl-C during a removal: one batch on a transactional store (nothing of it is in), several
    requests on an endpoint (some may be)."""
    import kg.cli.remove

    spec = str(tmp_path / "store") if kind == "folder" else request.getfixturevalue("endpoint")
    open_store(spec).close()  # an empty store of that kind, there to be opened

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.cli.remove, "remove_articles", interrupted)
    assert main(["remove", FIRST, "--store", spec, "--out", str(tmp_path / "out")]) == 130
    expected = {
        "folder": "error: interrupted; the store is unchanged",
        "endpoint": kg.cli.remove.PART_REMOVED,
    }
    assert capsys.readouterr().err == expected[kind] + "\n"
