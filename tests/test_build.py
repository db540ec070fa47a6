"""End-to-end builds of the seed articles: files, determinism, idempotence, round trips, SHACL."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.builder.build import build
from kg.cli import main
from kg.extract.nlp import shared_gazetteer
from kg.extract.pipeline import Extractor
from kg.model import Article, ExtractedArticle
from kg.rdf.export import canonical_dataset, read_graph_file, sorted_nquads, union_graph
from kg.rdf.ontology import CKG, ENTITIES_GRAPH, RDFS, SCHEMA, load_context, validate
from kg.store import open_store

pytestmark = pytest.mark.slow

EXPECTED_FILES = ("graph.trig", "graph.nq", "graph.ttl", "graph.jsonld", "graph.html")


def test_build_writes_every_output_and_the_store(seed_build) -> None:  # type: ignore[no-untyped-def]
    report, out = seed_build
    for name in EXPECTED_FILES:
        assert (out / name).stat().st_size > 0, name
    assert (out / "store").is_dir()
    assert report.articles_added == 2
    assert report.counts["articles"] == 2
    assert report.counts["mentions"] > 100
    assert report.entities_by_class["State"] >= 5
    assert report.entities_by_class["Person"] >= 8


def test_build_mentions_point_at_their_text(seed_build, seeds_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_build
    dataset = read_graph_file(out / "graph.trig")
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    query = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        SELECT ?file ?start ?end ?text WHERE { GRAPH ?g {
          ?m a ckg:Mention ; ckg:inArticle ?a ; ckg:start ?start ; ckg:end ?end ; ckg:text ?text .
          ?a ckg:sourceFile ?file } }"""
    rows = list(dataset.query(query))
    assert len(rows) > 100
    for file, start, end, text in rows:
        assert texts[str(file)][int(start) : int(end)] == str(text)


def test_build_north_korea_is_one_canonical_node(seed_build) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_build
    dataset = read_graph_file(out / "graph.trig")
    entities = dataset.graph(ENTITIES_GRAPH)
    (nk,) = {s for s, _, o in entities.triples((None, RDFS.label, Literal("North Korea")))}
    assert (nk, None, URIRef("http://www.wikidata.org/entity/Q423")) in entities
    surfaces = {str(t) for m in dataset.subjects(CKG.refersTo, nk) for t in dataset.objects(m, CKG.text)}
    # "Pyongyang expects aid": the capital as an actor stands for the state.
    assert {"North Korea", "Democratic People\u2019s Republic of Korea", "Pyongyang"} <= surfaces


def test_build_twice_gives_byte_identical_sorted_nquads(  # type: ignore[no-untyped-def]
    seed_memory_build, tmp_path: Path, seeds_dir: Path, extractor
) -> None:
    first, _ = seed_memory_build
    second = build([seeds_dir], tmp_path / "b", store="memory", extractor=extractor)
    nq = first.outputs["nquads"].read_text(encoding="utf-8")
    assert second.outputs["nquads"].read_text(encoding="utf-8") == nq
    assert nq.splitlines() == sorted(nq.splitlines())


def test_build_memory_and_oxigraph_agree(seed_build, seed_memory_build) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_build
    _, memory = seed_memory_build
    for name in ("graph.nq", "graph.trig", "graph.ttl", "graph.jsonld"):
        assert (memory / name).read_bytes() == (out / name).read_bytes(), name
    # The view reads the memory store through the union of its graphs, Oxigraph through GRAPH ?g.
    assert (memory / "graph.html").read_bytes() == (out / "graph.html").read_bytes()


def test_build_counts_agree_across_stores_and_with_the_exported_quads(  # type: ignore[no-untyped-def]
    seed_build, seed_memory_build
) -> None:
    report, out = seed_build
    memory, _ = seed_memory_build
    assert memory.counts == report.counts and memory.entities_by_class == report.entities_by_class
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert report.counts["quads"] == len(lines)
    assert report.counts["articles"] == 2
    assert report.counts["claims"] == sum(f"#type> <{CKG.Claim}>" in line for line in lines)
    assert report.entities_by_class["State"] >= 3  # North Korea, Russia, Ukraine, South Korea...


def test_build_leaves_the_garbage_collector_as_it_found_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, seeds_dir: Path, extractor
) -> None:
    build([seeds_dir], tmp_path / "a", store="memory", extractor=extractor, exports=False)
    assert gc.get_freeze_count() == 0  # what the build froze is free for collection again
    kept = [[] for _ in range(10)]
    gc.freeze()  # a caller's own arrangement stays as it is
    try:
        frozen = gc.get_freeze_count()
        build([seeds_dir], tmp_path / "b", store="memory", extractor=extractor, exports=False)
        # neither unfrozen (0) nor frozen further (more); a frozen object a cache lets go of
        # during the build leaves the permanent generation, so the count may drop a little
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    assert kept


def test_build_again_into_the_same_store_adds_nothing(  # type: ignore[no-untyped-def]
    seed_build, tmp_path: Path, seeds_dir: Path, extractor
) -> None:
    first, built = seed_build
    shutil.copytree(Path(built) / "store", tmp_path / "store")  # a copy of the seeds' store
    second = build([seeds_dir], tmp_path, extractor=extractor, exports=False)
    assert first.new_quads > 0
    assert second.new_quads == 0
    assert second.articles_added == 0
    assert sorted(second.articles_skipped) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert second.counts == first.counts


def _failing(extractor: Extractor, at: int) -> Extractor:
    """The real pipeline, raising when asked for its ``at``-th record: a crash mid-build."""

    class Failing(Extractor):
        def extract(self, articles):  # type: ignore[no-untyped-def]
            for n, extracted in enumerate(super().extract(articles)):
                if n == at:
                    raise RuntimeError("crash in the middle of a build")
                yield extracted

    return Failing(extractor.nlp, extractor.gazetteer)


def _one_then_more(tmp_path: Path, seeds_dir: Path, extractor: Extractor) -> Path:
    """A store (``tmp_path/out``) holding the first seed without its metadata, and a folder of
    both seeds plus a short third article."""
    one = tmp_path / "one"
    one.mkdir(parents=True)
    shutil.copy(seeds_dir / "000_495f311b93d16d41.txt", one)
    build([one], tmp_path / "out", extractor=extractor, exports=False)
    more = tmp_path / "more"
    shutil.copytree(seeds_dir, more)
    (more / "003_extra.txt").write_text("Ukrainian forces shelled positions near Kursk, officials said.\n")
    return more


def test_build_failure_leaves_the_store_as_it_was(  # type: ignore[no-untyped-def]
    tmp_path: Path, seeds_dir: Path, extractor, store_nquads
) -> None:
    """A failure before the first batch is written: nothing of this build reaches the store."""
    more = _one_then_more(tmp_path, seeds_dir, extractor)
    before = store_nquads(tmp_path / "out" / "store")
    with pytest.raises(RuntimeError, match="crash"):
        build([more], tmp_path / "out", extractor=_failing(extractor, at=1), exports=False)
    assert store_nquads(tmp_path / "out" / "store") == before


class _CrashingExtractor:
    """Fails at the first article, before the build writes anything; needs no model."""

    def __init__(self) -> None:
        self.gazetteer = shared_gazetteer()

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        for _ in articles:
            raise RuntimeError("crash before the first write")
        yield from ()


@pytest.mark.parametrize("existed", [False, True], ids=["new folder", "folder there before"])
def test_build_failure_removes_a_store_folder_only_if_it_made_it(
    tmp_path: Path, seeds_dir: Path, existed: bool
) -> None:
    folder = tmp_path / "store"
    if existed:
        folder.mkdir()
    with pytest.raises(RuntimeError, match="crash before the first write"):
        build([seeds_dir], tmp_path / "out", store=folder, extractor=_CrashingExtractor(), exports=False)
    assert folder.is_dir() is existed


def test_build_failure_keeps_whole_batches_and_a_rerun_completes(  # type: ignore[no-untyped-def]
    tmp_path: Path, seeds_dir: Path, extractor, store_nquads
) -> None:
    """Batches of one: the second seed is written whole before the crash, the extra article
    not at all; the rerun skips what is there and ends where an unbroken build ends."""
    more = _one_then_more(tmp_path / "crashed", seeds_dir, extractor)
    out = tmp_path / "crashed" / "out"
    before = store_nquads(out / "store")
    with pytest.raises(RuntimeError, match="crash"):
        build([more], out, extractor=_failing(extractor, at=1), exports=False, batch_size=1)
    after_crash = store_nquads(out / "store")
    assert after_crash != before
    assert "003_extra.txt" not in after_crash
    rerun = build([more], out, extractor=extractor, exports=False)
    assert rerun.articles_added == 1
    assert sorted(rerun.articles_skipped) == ["000_495f311b93d16d41.txt", "002_5ad8a92b4d98f69b.txt"]
    more = _one_then_more(tmp_path / "unbroken", seeds_dir, extractor)
    build([more], tmp_path / "unbroken" / "out", extractor=extractor, exports=False)
    assert store_nquads(out / "store") == store_nquads(tmp_path / "unbroken" / "out" / "store")


def test_build_in_batches_of_one_gives_the_same_graph_and_reports_progress(  # type: ignore[no-untyped-def]
    seed_build, tmp_path: Path, seeds_dir: Path, extractor
) -> None:
    _, out = seed_build
    seen: list[tuple[int, int | None]] = []
    report = build(
        [seeds_dir], tmp_path, extractor=extractor, batch_size=1, progress=lambda *a: seen.append(a)
    )
    assert (tmp_path / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()
    assert report.articles_read == report.articles_added == 2
    assert seen == [(0, 2), (1, 2), (2, 2), (2, 2)]


@pytest.mark.parametrize("name", ["graph.trig", "graph.nq", "graph.ttl", "graph.jsonld"])
def test_build_exports_conform_to_the_shapes(seed_build, name: str) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_build
    conforms, report = validate(read_graph_file(out / name))
    assert conforms, report


def test_build_exports_round_trip_to_isomorphic_graphs(seed_build) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_build
    trig, nq = read_graph_file(out / "graph.trig"), read_graph_file(out / "graph.nq")
    assert _graphs(trig) == _graphs(nq)
    union = union_graph(nq)
    assert isomorphic(union, union_graph(read_graph_file(out / "graph.ttl")))
    assert isomorphic(union, union_graph(read_graph_file(out / "graph.jsonld")))


def test_build_exports_match_what_rdflib_wrote_before(seed_build) -> None:  # type: ignore[no-untyped-def]
    """The streamed exports against rdflib's serialisations of the same store (how they were
    written before): N-Quads byte for byte, TriG and Turtle isomorphic, JSON-LD the same
    compacted nodes (only their order in ``@graph`` differs)."""
    _, out = seed_build
    store = open_store(out / "store", read_only=True)
    try:
        canonical = canonical_dataset(store.dataset)
    finally:
        store.close()
    assert (out / "graph.nq").read_text(encoding="utf-8") == sorted_nquads(canonical)
    trig = Dataset().parse(data=canonical.serialize(format="trig"), format="trig")
    assert sorted_nquads(read_graph_file(out / "graph.trig")) == sorted_nquads(trig)
    union = union_graph(canonical)
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), union)
    before = json.loads(
        union.serialize(format="json-ld", context=load_context(), auto_compact=True, use_native_types=True)
    )
    now = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert now["@context"] == before["@context"]
    assert _nodes(now) == _nodes(before)


def _nodes(document: dict) -> list[str]:  # type: ignore[type-arg]
    """The node objects as sorted JSON text, lists sorted: their order is not the graph's."""
    nodes = [
        {k: sorted(v, key=json.dumps) if isinstance(v, list) else v for k, v in node.items()}
        for node in document["@graph"]
    ]
    return sorted(json.dumps(node, sort_keys=True) for node in nodes)


def test_build_jsonld_expands_with_pyld(seed_build) -> None:  # type: ignore[no-untyped-def]
    pyld = pytest.importorskip("pyld")
    _, out = seed_build
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    nquads = pyld.jsonld.to_rdf(doc, {"format": "application/n-quads"})
    graph = Graph().parse(data=nquads, format="nquads")
    assert isomorphic(graph, union_graph(read_graph_file(out / "graph.nq")))


def test_build_seed_score_meets_the_bar(seed_build, shared_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_build
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))
    scorer = score.Scorer(score.load(out / "graph.trig"))
    for name, article_gold in gold["articles"].items():
        result = scorer.score_article(name, article_gold)
        assert result["entities"]["f1"] >= 0.95, (name, result["entities"])  # captions and credits read
        assert result["entities"]["duplicates"] == [], (name, result["entities"])
        assert result["relations"]["f1"] >= 0.9, (name, result["relations"])
        assert result["claims"]["f1"] >= 0.95, (name, result["claims"])


def _graphs(dataset: Dataset) -> dict[str, frozenset]:
    return {str(g.identifier): frozenset(g.triples((None, None, None))) for g in dataset.graphs() if len(g)}


def test_build_nquads_keep_lines_whole_around_unicode_line_separators(tmp_path: Path, extractor) -> None:  # type: ignore[no-untyped-def]
    """U+2028 and U+0085 in a literal (here the headline) must not split an N-Quads line."""
    jsonl = tmp_path / "a.jsonl"
    record = {
        "id": "sep",
        "title": "Joint Command\u2028Update\u0085Kursk",
        "text": "Officials in Kyiv said Russian forces met Volodymyr Zelenskyy's envoy on Monday.",
    }
    jsonl.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = build([jsonl], tmp_path / "out", store="memory", extractor=extractor)
    nquads = report.outputs["nquads"].read_text(encoding="utf-8")
    assert nquads.count("\n") == report.counts["quads"]
    headlines = set(read_graph_file(report.outputs["nquads"]).objects(None, SCHEMA.headline))
    assert headlines == {Literal(record["title"])}


def test_build_cli_interrupt_says_whole_articles_remain(
    monkeypatch, tmp_path: Path, seeds_dir: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Batches written before Ctrl-C stay in the store, so "unchanged" would be wrong."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module("kg.cli.build"), "build", interrupted)
    assert main(["build", str(seeds_dir), "--out", str(tmp_path)]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "whole articles only" in err


def test_build_exports_are_byte_identical_across_processes(  # type: ignore[no-untyped-def]
    seed_memory_build, tmp_path: Path, seeds_dir: Path
) -> None:
    """A process with other string hashing than this one's writes the same bytes in every
    format as this one did: no export may follow the order of a set."""
    _, here = seed_memory_build
    env = {**os.environ, "PYTHONHASHSEED": _a_hash_seed_other_than_this_process()}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kg", "-q", "build", str(seeds_dir), "--out", str(out)]
    command += ["--store", "memory"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for name in EXPECTED_FILES:
        assert (out / name).read_bytes() == (here / name).read_bytes(), name


def _a_hash_seed_other_than_this_process() -> str:
    """This process hashes strings with PYTHONHASHSEED when it is set (else with a random key)."""
    return "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
