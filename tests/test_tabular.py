"""GraphML and CSV exports of the entity graph, and `kg export`, over the seed build."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import parse
from kg.errors import ExportError, StoreError
from kg.rdf.export import EXPORT_FILES, write_exports
from kg.render.network_files import (
    EDGE_COLUMNS,
    EXPORT_FORMATS,
    NODE_COLUMNS,
    write_csv,
    write_format,
    write_graphml,
)
from kg.store import open_store

ID = "https://w3id.org/conflict-kg/id/"


def _export_args(*argv: str) -> argparse.Namespace:
    return parse(["export", *argv])


@pytest.fixture(scope="module")
def tabular(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """GraphML and CSV of the seed store, written once; the store is closed again at once."""
    out = tmp_path_factory.mktemp("tabular")
    store = open_store(seed_store)
    try:
        write_graphml(store.dataset, out / "graph.graphml")
        write_csv(store.dataset, out)
    finally:
        store.close()
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_tabular_graphml_parses_back_with_the_seed_entities_and_relations(tabular: Path) -> None:
    graph = nx.read_graphml(tabular / "graph.graphml")
    assert graph.is_directed()
    north_korea = graph.nodes[f"{ID}north-korea"]
    assert north_korea["label"] == "North Korea"
    assert north_korea["class"] == "State"
    assert north_korea["wikidata"] == "Q423"
    assert north_korea["mentions"] >= 10 and north_korea["articles"] == 2
    assert graph.nodes[f"{ID}korean-peoples-army"]["class"] == "MilitaryUnit"
    kovalenko = graph.get_edge_data(f"{ID}andrii-kovalenko", f"{ID}center-for-countering-disinformation")
    assert kovalenko is not None
    assert kovalenko["predicate"] == "leaderOf" and kovalenko["articles"] == 1
    assert kovalenko["evidence"].startswith("Andrii Kovalenko, the head of")
    predicates = {data["predicate"] for _, _, data in graph.edges(data=True)}
    assert {"leaderOf", "partOf", "locatedIn"} <= predicates


def test_tabular_csv_headers_and_known_rows(tabular: Path) -> None:
    nodes = _rows(tabular / "nodes.csv")
    assert tuple(nodes[0]) == NODE_COLUMNS
    by_id = {row["id"]: row for row in nodes}
    north_korea = by_id[f"{ID}north-korea"]
    assert (north_korea["label"], north_korea["class"], north_korea["wikidata"]) == (
        "North Korea",
        "State",
        "Q423",
    )
    assert int(north_korea["mentions"]) >= 10 and north_korea["articles"] == "2"
    assert north_korea["sources"] == "000_495f311b93d16d41.txt; 002_5ad8a92b4d98f69b.txt"
    assert [row["id"] for row in nodes] == sorted(by_id)

    edges = _rows(tabular / "edges.csv")
    assert tuple(edges[0]) == EDGE_COLUMNS
    leader = [row for row in edges if row["source"] == f"{ID}andrii-kovalenko" and row["label"] == "leaderOf"]
    assert len(leader) == 1
    assert leader[0]["target"] == f"{ID}center-for-countering-disinformation"
    assert leader[0]["type"] == "Directed" and leader[0]["weight"] == "1"
    assert "Center for Countering Disinformation" in leader[0]["evidence"]
    assert {row["source"] for row in edges} | {row["target"] for row in edges} <= set(by_id)


def test_tabular_writes_are_deterministic_and_leave_no_temporary_files(
    seed_store: Path, tabular: Path, tmp_path: Path
) -> None:
    store = open_store(seed_store)
    try:
        write_graphml(store.dataset, tmp_path / "graph.graphml")
        write_csv(store.dataset, tmp_path)
    finally:
        store.close()
    for name in ("graph.graphml", "nodes.csv", "edges.csv"):
        assert (tmp_path / name).read_bytes() == (tabular / name).read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "graph.graphml", "nodes.csv"]


def test_tabular_export_command_writes_each_rdf_format_as_the_build_does(
    seed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(seed_store)
    try:
        expected = write_exports(store.dataset, tmp_path / "build")
    finally:
        store.close()
    for fmt in EXPORT_FILES:
        args = _export_args("--format", fmt, "--store", str(seed_store), "--out", str(tmp_path / "cmd"))
        assert args.run(args) == 0
        written = tmp_path / "cmd" / EXPORT_FILES[fmt]
        assert capsys.readouterr().out.strip() == str(written)
        assert written.read_bytes() == expected[fmt].read_bytes(), fmt


def test_tabular_export_command_graphml_and_csv_paths(seed_store: Path, tmp_path: Path) -> None:
    args = _export_args(
        "--format", "graphml", "--store", str(seed_store), "--out", str(tmp_path / "g.graphml")
    )
    assert args.run(args) == 0
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 20
    args = _export_args("--format", "csv", "--store", str(seed_store), "--out", str(tmp_path / "tables"))
    assert args.run(args) == 0
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv", "nodes.csv"]
    assert set(EXPORT_FORMATS) == {"trig", "nquads", "turtle", "jsonld", "graphml", "csv"}


def test_tabular_export_without_a_store_is_one_line_naming_it(tmp_path: Path) -> None:
    args = _export_args("--format", "csv", "--store", str(tmp_path / "nowhere"))
    with pytest.raises(StoreError, match=r"no store at .*nowhere; build one first with: kg build"):
        args.run(args)


def test_tabular_unknown_format_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xlsx'; use one of trig, .*graphml, csv"):
        write_format(open_store("memory"), "xlsx", tmp_path)
