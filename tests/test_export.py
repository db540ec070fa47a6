"""Exports streamed from Oxigraph: every graph and triple kept, N-Quads sorted in bounded memory,
the same bytes whatever wrote the store, in whatever order, in whichever process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.rdf import linesort
from kg.rdf.export import EXPORT_FILES, sorted_nquads, union_graph, write_exports
from kg.rdf.jsonld import indented
from kg.rdf.linesort import LineSorter
from kg.rdf.mapping import Quad
from kg.rdf.ontology import CKG, RDF, RDFS, XSD
from kg.store import open_store

ID = "https://w3id.org/conflict-kg/id/"
#: A predicate in no namespace the project binds.
SOURCE = URIRef("http://example.org/vocab/source")


def _quads(articles: int, per_article: int = 30) -> list[Quad]:
    """Claims in a namespace of their own per article, as builds make them, with figures and
    text that needs escaping."""
    quads: list[Quad] = []
    for a in range(articles):
        graph = URIRef(f"{ID}article/{a:04d}")
        for c in range(per_article):
            claim = URIRef(f"{ID}claim/{a:04d}/{c}")
            quads += [
                (claim, RDF.type, CKG.Claim, graph),
                (claim, RDFS.label, Literal(f'claim {c} of\n"article" {a}\u2028\t'), graph),
                (claim, CKG.value, Literal(f"{c}.0" if c % 2 else f"{c}.25", datatype=XSD.decimal), graph),
                (claim, SOURCE, graph, graph),
            ]
    return quads


def _dataset(quads: list[Quad]) -> Dataset:
    dataset = Dataset()
    for s, p, o, g in quads:
        dataset.graph(g).add((s, p, o))
    return dataset


def _store(folder: Path, batches: list[list[Quad]]) -> Path:
    store = open_store(folder)
    try:
        for batch in batches:
            store.add(batch)
    finally:
        store.close()
    return folder


def test_export_turtle_of_many_subjects_parses_back_to_the_same_triples(tmp_path: Path) -> None:
    dataset = _dataset(_quads(articles=20))
    text = write_exports(dataset, tmp_path / "a")["turtle"].read_text(encoding="utf-8")
    assert "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> ." in text
    assert set(Graph().parse(data=text, format="turtle")) == set(union_graph(dataset))
    assert write_exports(_dataset(_quads(articles=20)), tmp_path / "b")["turtle"].read_text() == text


def test_export_trig_keeps_every_graph_in_iri_order(tmp_path: Path) -> None:
    dataset = _dataset(_quads(articles=20))
    text = write_exports(dataset, tmp_path)["trig"].read_text(encoding="utf-8")
    back = Dataset().parse(data=text, format="trig")
    for graph in dataset.graphs():
        if len(graph):
            assert set(back.graph(graph.identifier)) == set(graph)
    opened = [text.index(f"id:article\\/{a:04d} {{") for a in range(20)]
    assert opened == sorted(opened)


def test_export_turtle_with_blank_nodes_keeps_them_with_their_referrers(tmp_path: Path) -> None:
    dataset = _dataset(_quads(articles=10))
    graph = dataset.graph(URIRef(f"{ID}article/0000"))
    for c in range(210):
        note = BNode()
        graph.add((URIRef(f"{ID}zz/{c}"), RDFS.comment, note))
        graph.add((note, RDFS.label, Literal(f"note {c}")))
    back = Graph().parse(write_exports(dataset, tmp_path)["turtle"], format="turtle")
    assert isomorphic(back, union_graph(dataset))


def test_export_union_formats_write_a_triple_of_several_graphs_once(tmp_path: Path) -> None:
    claim = URIRef(f"{ID}claim/shared")
    quads: list[Quad] = [(claim, RDF.type, CKG.Claim, URIRef(f"{ID}article/{a}")) for a in range(3)]
    files = write_exports(_dataset(quads), tmp_path)
    assert files["turtle"].read_text(encoding="utf-8").count("ckg:Claim") == 1
    assert files["jsonld"].read_text(encoding="utf-8").count('"Claim"') == 1
    assert files["nquads"].read_text(encoding="utf-8").count("\n") == 3


def test_export_nquads_sorted_in_runs_on_disk_equal_one_sort_in_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dataset = _dataset(_quads(articles=20))
    in_memory = write_exports(dataset, tmp_path / "memory")["nquads"].read_bytes()
    monkeypatch.setattr(linesort, "RUN_BYTES", 4096)  # about 20 lines a run: 120 runs to merge
    in_runs = write_exports(dataset, tmp_path / "runs")
    assert in_runs["nquads"].read_bytes() == in_memory
    lines = in_memory.split(b"\n")[:-1]
    assert lines == sorted(lines) and len(lines) == 20 * 30 * 4
    assert b'"0.25"^^<http://www.w3.org/2001/XMLSchema#decimal>' in in_memory
    assert b'"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in in_memory  # Oxigraph writes "1"
    # rdflib's canonical form but for the tab, which Oxigraph escapes and rdflib wrote raw
    assert in_memory.decode("utf-8") == sorted_nquads(dataset).replace("\t", "\\t")
    # the runs had no names: nothing but the exports is left in the folder
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == sorted(EXPORT_FILES.values())


@pytest.mark.parametrize("run_bytes", [10, 100, 1 << 20])
def test_export_line_sorter_sorts_merges_and_drops_repeats(tmp_path: Path, run_bytes: int) -> None:
    lines = [f'<s{i % 37}> <p> "x\u2028{i % 11}" .'.encode() for i in range(500)]
    sorter = LineSorter(tmp_path, run_bytes=run_bytes)
    text = b"".join(line + b"\n" for line in lines)
    for start in range(0, len(text), 7):  # pieces that cut lines and characters in two
        sorter.write(text[start : start + 7])
    assert list(sorter.lines(unique=True)) == sorted({line + b"\n" for line in lines})
    assert list(tmp_path.iterdir()) == []


def test_export_line_sorter_keeps_a_last_line_without_its_newline(tmp_path: Path) -> None:
    sorter = LineSorter(tmp_path, run_bytes=8)
    sorter.write(b"b .\na .\nc .")
    assert b"".join(sorter.blocks()) == b"a .\nb .\nc .\n"


def test_export_store_order_and_process_do_not_change_the_bytes(tmp_path: Path) -> None:
    """The same quads written in other batches, in the other order, into a store folder or
    rdflib's memory store, exported by two processes with different string hashing: the
    same bytes in every format."""
    quads = _quads(articles=12)
    forward = _store(tmp_path / "forward", [quads[i : i + 100] for i in range(0, len(quads), 100)])
    backward = _store(tmp_path / "backward", [quads[::-1]])
    exported = {}
    for run, (store, seed) in enumerate([(forward, "1"), (backward, "2")]):
        out = tmp_path / f"out{run}"
        commands = [
            ["export", "--store", str(store), "--format", fmt, "--out", str(out)] for fmt in EXPORT_FILES
        ]
        done = subprocess.run(  # kg export of each format, in one process
            [
                sys.executable,
                "-c",
                f"from kg.cli import main\nfor argv in {commands!r}:\n    assert main(argv) == 0",
            ],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        exported[run] = {name: (out / name).read_bytes() for name in EXPORT_FILES.values()}
    memory = write_exports(_dataset(quads), tmp_path / "memory")
    for fmt, name in EXPORT_FILES.items():
        assert exported[0][name] == exported[1][name] == memory[fmt].read_bytes(), name


def test_export_parses_back_with_pyoxigraph_to_the_same_quads(tmp_path: Path) -> None:
    quads = _quads(articles=3)
    files = write_exports(_dataset(quads), tmp_path)
    expected = {(str(s), str(p), str(o), str(g)) for s, p, o, g in quads}
    for fmt in ("nquads", "trig"):
        parsed = ox.parse(path=str(files[fmt]), format=ox.RdfFormat.from_extension(files[fmt].suffix[1:]))
        found = {(q.subject.value, q.predicate.value, _value(q.object), q.graph_name.value) for q in parsed}
        assert found == expected, fmt


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return term.value if not isinstance(term, ox.Triple) else str(term)


@pytest.mark.parametrize(
    "value",
    [
        {"b": [1, {"id": "x"}], "a": 'quote " back \\ tab \t \u2028 é 日本', "c": {}, "d": [], "e": True},
        [{"@language": "en", "@value": "x"}, "y", 3],
        "plain",
    ],
)
def test_export_jsonld_indents_as_the_standard_library(value: object) -> None:
    assert indented(value) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def test_export_and_the_reading_commands_load_no_model(tmp_path: Path) -> None:
    """``kg export`` of an RDF format loads neither spaCy nor rdflib's SPARQL engine (oxrdflib);
    the other commands that read a store load no spaCy either."""
    store, out = str(_store(tmp_path / "store", [_quads(articles=2)])), str(tmp_path)
    probe = (
        "import sys\nfrom kg.cli import main\n"
        f"assert main(['export', '--store', {store!r}, '--format', 'trig', '--out', {out!r}]) == 0\n"
        "loaded = sorted({'spacy', 'oxrdflib', 'kg.read.projection'} & set(sys.modules))\n"
        "for argv in (['stats'], ['query', '--name', 'claims'], ['claims'], ['figures']):\n"
        f"    assert main([*argv, '--store', {store!r}]) == 0, argv\n"
        "print(loaded, 'spacy' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[] False"
