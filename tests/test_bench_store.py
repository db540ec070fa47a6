"""bench/synth_graph.py makes valid ConflictKG graphs; bench/store_bench.py runs and prints ratios.

The bench scripts are not a package, so they are imported by file path (as in test_bench_quality).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from kg.rdf.export import read_graph_file
from kg.rdf.ontology import CKG, RDF, RDFS, SCHEMA, validate
from kg.read.lexical import LexicalResult
from kg.read.query import QueryResult, run_canned
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
TINY = 5000


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "bench"))  # store_bench imports synth_graph by name
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


synth = _load("synth_graph")


@pytest.fixture(scope="module")
def tiny_nq(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("synth") / "tiny.nq"
    return path, synth.write_nquads(path, TINY, seed=0)


def test_bench_synth_graph_is_valid_nquads_the_shapes_accept(tiny_nq: tuple[Path, int]) -> None:
    path, count = tiny_nq
    assert TINY <= count < TINY + 3000  # stops at the first article boundary past N
    dataset = read_graph_file(path)
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == count
    conforms, report = validate(dataset)
    assert conforms, report
    types = Counter(o for _, _, o, _ in dataset.quads((None, RDF.type, None, None)))
    assert types[CKG.Article] >= 1 and types[CKG.Claim] >= 10 and types[CKG.Quantity] >= 5
    assert types[CKG.Evidence] >= 5 and types[CKG.Mention] >= 50


def test_bench_synth_graph_is_deterministic(tiny_nq: tuple[Path, int], tmp_path: Path) -> None:
    path, count = tiny_nq
    assert synth.write_nquads(tmp_path / "again.nq", TINY, seed=0) == count
    assert (tmp_path / "again.nq").read_bytes() == path.read_bytes()
    assert synth.write_nquads(tmp_path / "other.nq", TINY, seed=1) > 0
    assert (tmp_path / "other.nq").read_bytes() != path.read_bytes()


def test_bench_synth_graph_spread_covers_a_year_per_million_quads(monkeypatch: pytest.MonkeyPatch) -> None:
    """--spread: a graph of four years' quads is published over four years, not one."""
    published = SCHEMA.datePublished

    def days(quads: list[tuple[object, ...]]) -> int:
        dates = sorted(str(o) for _, p, o, _ in quads if p == published)
        return (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days

    one_year = list(synth.synthetic_quads(TINY * 4, seed=0, background=False))
    monkeypatch.setattr(synth, "QUADS_PER_YEAR", TINY)
    four_years = list(synth.synthetic_quads(TINY * 4, seed=0, background=False, spread=True))
    assert days(one_year) < 365 < 3 * 365 < days(four_years) < 4 * 365


def test_bench_synth_graph_offsets_point_at_the_text() -> None:
    extracted = next(synth.synthetic_articles(seed=0))
    text = extracted.article.text
    assert all(text[m.start : m.end] == m.text for m, _ in extracted.mentions)
    for claim in extracted.claims:
        assert text[claim.span.start : claim.span.end] == claim.span.text
        for quantity in claim.quantities:
            figure = quantity.figure
            assert text[figure.start : figure.end] == figure.text
    for relation in extracted.relations:
        assert relation.evidence is not None
        assert text[relation.evidence.start : relation.evidence.end] == relation.evidence.text


def test_bench_canned_queries_return_rows_on_the_synthetic_graph(tmp_path: Path) -> None:
    quads = list(synth.synthetic_quads(TINY, seed=0))
    store = open_store(tmp_path / "store")
    try:
        store.add(quads)
        dataset = store.dataset
        claims = {s for s, p, o, _ in quads if p == RDF.type and o == CKG.Claim}
        with_figures = Counter(s for s, p, _, _ in quads if p == CKG.quantity)
        labels = {s: str(o) for s, p, o, g in quads if p == RDFS.label}
        counted = Counter(labels[o] for _, p, o, _ in quads if p == CKG.countOf)
        claimants = Counter(labels[o] for _, p, o, _ in quads if p == CKG.claimant)

        rows = run_canned(dataset, "claims").rows
        assert len(rows) == sum(with_figures.values()) + len(claims - set(with_figures))
        group = counted.most_common(1)[0][0]
        about = run_canned(dataset, "claims_about", {"entity": group}).rows
        assert len(about) >= counted[group] // 2
        claimant, said = claimants.most_common(1)[0]
        assert len(run_canned(dataset, "claims_by_claimant", {"claimant": claimant}).rows) == said
        assert len(run_canned(dataset, "figures_over_time").rows) == sum(with_figures.values())
        assert run_canned(dataset, "figures_over_time", {"entity": group}).rows
        assert run_canned(dataset, "disagreeing_figures").rows
    finally:
        store.close()


def test_bench_store_bench_runs_small_and_prints_ratios(tmp_path: Path, run_bench) -> None:  # type: ignore[no-untyped-def]
    done = run_bench(
        "store_bench.py",
        "--triples",
        str(TINY),
        "--timeout",
        "2",
        "--workdir",
        str(tmp_path / "w"),
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    ratios = re.findall(r"^ratio\s+(\d+\.\d+) \(kg add", out, flags=re.M)
    assert len(ratios) == 2 and all(float(r) > 0 for r in ratios)
    assert re.search(r"^machine\s+\d+ cores", out, flags=re.M)
    assert "pyoxigraph Store.bulk_load" in out and "pyoxigraph Store.extend of to_ox terms" in out
    for name in ("claims", "claims_about", "claims_by_claimant", "figures_over_time", "disagreeing_figures"):
        assert re.search(rf"^{name}\b", out, flags=re.M), name


@pytest.mark.slow
def test_bench_disagreeing_figures_from_the_table_equal_sparql_on_the_synthetic_graph(tmp_path: Path) -> None:
    """Dozens of groups of running tolls: the figures table's SQL (running bounds over days)
    and SPARQL (every pair) count the same figures and pairs and show the same widest pair,
    for each window."""
    from kg.read.figure_table import rebuilt_table

    def rows(result: LexicalResult | QueryResult) -> list[tuple[str | None, ...]]:
        def cell(value: object) -> str | None:  # names in a cell sorted: SPARQL leaves their order open
            return None if value is None else "; ".join(sorted(str(value).split("; ")))

        return [tuple(cell(value) for value in record.values()) for record in result.records()]

    store = open_store(tmp_path / "store")
    try:
        store.add(list(synth.synthetic_quads(60_000, seed=1)))
        table = rebuilt_table(store)
        for window in ("0", "90", "400"):
            sparql = rows(run_canned(store.dataset, "disagreeing_figures", {"window": window}))
            assert len(sparql) > 10 and max(int(r[3] or 0) for r in sparql) > 20
            assert rows(table.canned("disagreeing_figures", {"window": window})) == sparql
        table.close()
    finally:
        store.close()
