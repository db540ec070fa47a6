"""Readers beside ``kg serve``: the reading commands run on the store a real server process is
serving, and a build of new articles during serving is what ``/sparql`` answers afterwards
(issue: every other kg command on a served store failed with "is another kg process using it?")."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from test_serve import running

from kg.cli import main
from kg.store import open_store

pytestmark = pytest.mark.server

COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_ARTICLES = (
    "SELECT (COUNT(DISTINCT ?a) AS ?n) "
    "WHERE { GRAPH ?g { ?a a <https://w3id.org/conflict-kg/ontology#Article> } }"
)


@pytest.fixture(scope="module")
def served(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A read-only server over a copy of the seed store: its URL and the store folder."""
    folder = tmp_path_factory.mktemp("serve-readers")
    shutil.copytree(seed_store, folder / "store")
    with running(folder, "--store", str(folder / "store")) as (url, _):
        yield url, folder / "store"


def _count(url: str, query: str) -> int:
    response = httpx.get(url + "sparql", params={"query": query}, headers={"Accept": "text/csv"}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.text.splitlines()[1])


@pytest.mark.parametrize(
    "command",
    [
        ["query", "--name", "claims", "--format", "csv"],
        ["claims"],
        ["figures"],
        ["stats", "--format", "json"],
        ["analyze", "centrality", "--top", "3"],
    ],
    ids=lambda c: c[0],
)
def test_reading_command_runs_on_the_store_kg_serve_is_serving(
    command: list[str], served: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, store = served
    assert main([*command, "--store", str(store)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.strip()
    assert _count(url, COUNT_ARTICLES) >= 2  # the server answers on


def test_stats_over_kg_serve_counts_each_quad_once(
    served: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue: over kg serve the union default graph was counted as one more graph, every quad twice."""
    url, store = served
    assert main(["stats", "--format", "json", "--store", str(store)]) == 0
    local = json.loads(capsys.readouterr().out)
    assert main(["stats", "--format", "json", "--store", f"sparql+{url}sparql"]) == 0
    remote = json.loads(capsys.readouterr().out)
    assert remote == local and remote["quads"] == _count(url, COUNT_QUADS)


def test_build_during_serving_is_what_sparql_answers_after_it_with_no_quad_lost(
    served: tuple[str, Path],
    seeds_dir: Path,
    tmp_path: Path,
    generated_articles: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, store = served
    quads_before, articles_before = _count(url, COUNT_QUADS), _count(url, COUNT_ARTICLES)
    articles = generated_articles(seeds_dir, tmp_path / "articles", 2, 3)  # the seeds and 2 new ones
    seen: list[list[int]] = [[] for _ in range(3)]
    failures: list[str] = []
    building = threading.Event()

    def client(counts: list[int]) -> None:  # a SPARQL client asking all through the build
        while building.is_set() or not counts:
            response = httpx.get(
                url + "sparql", params={"query": COUNT_QUADS}, headers={"Accept": "text/csv"}, timeout=30
            )
            if response.status_code != 200:
                failures.append(f"{response.status_code}: {response.text}")
                return
            counts.append(int(response.text.splitlines()[1]))

    building.set()
    clients = [threading.Thread(target=client, args=(counts,)) for counts in seen]
    for thread in clients:
        thread.start()
    try:
        status = main(["build", str(articles), "--out", str(tmp_path / "out"), "--store", str(store)])
        # A reader in the middle of the build: it reads the store as it was when it opened it.
        assert main(["claims", "--store", str(store)]) == 0
    finally:
        building.clear()
        for thread in clients:
            thread.join()
    out = capsys.readouterr().out
    assert status == 0 and not failures
    added = int(re.search(r"triples\s+\d+ \((\d+) new\)", out).group(1))  # type: ignore[union-attr]
    assert "2 added, 2 already in the store" in out and added > 0
    # Every answer during the build showed whole writes only, never fewer quads than before.
    for counts in seen:
        assert counts == sorted(counts) and counts[0] >= quads_before
    reopened = open_store(store, create=False, read_only=True)
    try:
        on_disk = len(reopened)
    finally:
        reopened.close()
    assert _count(url, COUNT_QUADS) == on_disk
    assert _count(url, COUNT_ARTICLES) == articles_before + 2
