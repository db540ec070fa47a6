"""Graph analytics: the networkx projection, centrality, paths, communities, co-mentions, `kg analyze`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset

from kg.cli import main
from kg.errors import QueryError
from kg.read.analytics import (
    CLAIMS,
    CoMention,
    Hop,
    centrality,
    comention,
    communities,
    project,
    shortest_path,
    to_networkx,
)
from kg.read.projection import SourceSentence, ViewEdge, ViewNode
from kg.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _node(key: str, label: str, articles: tuple[str, ...] = ()) -> ViewNode:
    return ViewNode(id=f"id:{key}", label=label, cls="Person", mentions=1, wikidata=None, articles=articles)


def _edge(source: str, predicate: str, target: str, sources: tuple[str, ...] = ("a.txt",)) -> ViewEdge:
    return ViewEdge(source=f"id:{source}", target=f"id:{target}", predicate=predicate, sources=sources)


def _graph(nodes: dict[str, str], edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    return to_networkx([_node(k, label) for k, label in nodes.items()], [_edge(*e) for e in edges])


@pytest.fixture()
def star() -> nx.MultiDiGraph:
    """Three members of a hub, one entity that reaches the hub only through a member, and a
    self-loop and a second relation on one pair, which no measure may count."""
    return _graph(
        {"h": "Hub", "a": "A", "b": "B", "c": "C", "d": "D"},
        [
            ("a", "memberOf", "h"),
            ("b", "memberOf", "h"),
            ("c", "memberOf", "h"),
            ("d", "partOf", "c"),
            ("c", "alliedWith", "d"),
            ("h", "alliedWith", "h"),
        ],
    )


def test_to_networkx_keeps_attributes_and_one_edge_per_predicate() -> None:
    sentence = SourceSentence("A leads B.", "a.txt", 0, 10)
    graph = to_networkx(
        [_node("a", "A", ("a.txt",)), _node("b", "B")],
        [_edge("a", "leaderOf", "b"), _edge("a", "memberOf", "b"), _edge("a", "opposes", "missing")],
        evidence={("id:a", "leaderOf", "id:b"): (sentence,)},
    )
    assert graph.nodes["id:a"] == {
        "label": "A",
        "cls": "Person",
        "mentions": 1,
        "wikidata": None,
        "articles": ("a.txt",),
    }
    assert sorted(graph.edges(keys=True)) == [("id:a", "id:b", "leaderOf"), ("id:a", "id:b", "memberOf")]
    assert graph.edges["id:a", "id:b", "leaderOf"]["evidence"] == (sentence,)
    assert graph.edges["id:a", "id:b", "memberOf"]["evidence"] == ()
    assert graph.edges["id:a", "id:b", "memberOf"]["sources"] == ("a.txt",)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("degree", {"id:h": 0.75, "id:c": 0.5, "id:a": 0.25, "id:b": 0.25, "id:d": 0.25}),
        ("betweenness", {"id:h": 5 / 6, "id:c": 0.5, "id:a": 0.0, "id:b": 0.0, "id:d": 0.0}),
    ],
)
def test_centrality_ranks_hub_then_bridge(
    star: nx.MultiDiGraph, measure: str, expected: dict[str, float]
) -> None:
    scores = centrality(star, measure)
    assert list(scores) == ["id:h", "id:c", "id:a", "id:b", "id:d"]  # ties by label
    assert scores == pytest.approx(expected)


def test_centrality_pagerank_follows_direction(star: nx.MultiDiGraph) -> None:
    scores = centrality(star)
    # D is linked once, as A and B are, but C points to it and no one points to A or B.
    assert list(scores) == ["id:h", "id:c", "id:d", "id:a", "id:b"]
    assert sum(scores.values()) == pytest.approx(1.0)
    # Two nodes, a -> b: a = 0.15/2 + 0.85 b/2 and b = a's share + the same, so a = 20/57, b = 37/57.
    pair = centrality(_graph({"a": "A", "b": "B"}, [("a", "partOf", "b")]), "pagerank")
    assert pair == pytest.approx({"id:b": 37 / 57, "id:a": 20 / 57}, abs=1e-5)


@pytest.mark.parametrize("measure", ["degree", "pagerank", "betweenness"])
def test_centrality_empty_graph_and_isolated_nodes(measure: str) -> None:
    assert centrality(nx.MultiDiGraph(), measure) == {}
    scores = centrality(_graph({"a": "A", "b": "B", "z": "Z"}, [("a", "alliedWith", "b")]), measure)
    assert set(scores) == {"id:a", "id:b", "id:z"}
    assert list(scores)[-1] == "id:z"


def test_centrality_unknown_measure_lists_the_choices(star: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryError, match=r"'closeness'; choose one of: degree, pagerank, betweenness$"):
        centrality(star, "closeness")


@pytest.fixture()
def chain() -> nx.MultiDiGraph:
    """A -> B <- C -> D, a longer way round A -> E -> F -> D, and an unlinked Z; A and B are
    linked both ways, with and without sentences."""
    nodes = [_node(k, k.upper()) for k in "abcdefz"]
    edges = [
        _edge("a", "leaderOf", "b"),
        _edge("a", "memberOf", "b"),
        _edge("b", "alliedWith", "a"),
        _edge("c", "partOf", "b", ("b.txt",)),
        _edge("c", "memberOf", "d", ("gazetteer",)),
        _edge("a", "alliedWith", "e"),
        _edge("e", "alliedWith", "f"),
        _edge("f", "alliedWith", "d"),
    ]
    evidence = {
        ("id:a", "leaderOf", "id:b"): (
            SourceSentence("Later, A led B.", "a.txt", 50, 65),
            SourceSentence("A heads B.", "a.txt", 3, 13),
        ),
        ("id:b", "alliedWith", "id:a"): (SourceSentence("B backs A.", "a.txt", 20, 30),),
        ("id:c", "partOf", "id:b"): (SourceSentence("C is part of B.", "b.txt", 0, 15),),
    }
    return to_networkx(nodes, edges, evidence=evidence)


def test_shortest_path_hops_ignore_direction_and_carry_evidence(chain: nx.MultiDiGraph) -> None:
    assert shortest_path(chain, "a", "id:d") == [
        Hop("A", "leaderOf", "B", reverse=False, evidence="Later, A led B.", article="a.txt"),
        Hop("C", "partOf", "B", reverse=True, evidence="C is part of B.", article="b.txt"),
        Hop("C", "memberOf", "D", reverse=False, evidence="", article="gazetteer"),
    ]


def test_shortest_path_to_itself_is_empty(chain: nx.MultiDiGraph) -> None:
    assert shortest_path(chain, "B", "b") == []


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("A", "Z", r"^no path between 'A' and 'Z': no chain of relations links them$"),
        ("Nobody", "A", r"^no entity named 'Nobody' in the graph \(give a label.*\)$"),
    ],
)
def test_shortest_path_errors_are_one_line(chain: nx.MultiDiGraph, a: str, b: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        shortest_path(chain, a, b)


def test_communities_two_clusters_largest_first() -> None:
    triangle = [("1", "alliedWith", "2"), ("2", "alliedWith", "3"), ("3", "alliedWith", "1")]
    edges = [(f"a{s}", p, f"a{t}") for s, p, t in triangle] + [(f"b{s}", p, f"b{t}") for s, p, t in triangle]
    labels = {f"{side}{n}": f"{'Beta' if side == 'b' else 'Alpha'} {n}" for side in "ab" for n in "123"}
    graph = _graph(labels | {"z": "Loner"}, [*edges, ("a3", "opposes", "b1"), ("b2", "memberOf", "b3")])
    found = communities(graph)
    assert [c.labels for c in found] == [
        ("Alpha 1", "Alpha 2", "Alpha 3"),
        ("Beta 1", "Beta 2", "Beta 3"),
        ("Loner",),
    ]
    assert found[0].ids == ("id:a1", "id:a2", "id:a3")
    assert communities(graph) == found
    assert communities(nx.MultiDiGraph()) == []


def test_comention_counts_shared_articles() -> None:
    nodes = [
        _node("x", "X", ("a.txt", "b.txt", "c.txt")),
        _node("y", "Y", ("a.txt", "b.txt")),
        _node("z", "Z", ("b.txt",)),
        _node("w", "W"),
    ]
    graph = to_networkx(nodes, [])
    assert comention(graph) == [
        CoMention("X", "Y", ("a.txt", "b.txt")),
        CoMention("X", "Z", ("b.txt",)),
        CoMention("Y", "Z", ("b.txt",)),
    ]
    assert [(pair.a, pair.b) for pair in comention(graph, top=2)] == [("X", "Y"), ("X", "Z")]


@pytest.fixture()
def seed_dataset(seed_store: Path) -> Iterator[Dataset]:
    """The seed store, open for one test only: Oxigraph locks it, and the CLI tests open it too."""
    store = open_store(seed_store)
    try:
        yield store.dataset
    finally:
        store.close()


@pytest.mark.slow
def test_seed_path_by_alias_has_sentences_from_the_articles(seed_dataset: Dataset) -> None:
    hops = shortest_path(seed_dataset, "NIS", "kim jong un", claims=True)
    assert hops[0].source == "National Intelligence Service"
    assert "Kim Jong Un" in (hops[-1].source, hops[-1].target)
    with_evidence = [hop for hop in hops if hop.evidence]
    assert with_evidence
    for hop in with_evidence:
        assert hop.evidence in (SEEDS / hop.article).read_text(encoding="utf-8")


@pytest.mark.slow
def test_seed_projection_claims_edges(seed_dataset: Dataset) -> None:
    relations = project(seed_dataset)
    graph = project(seed_dataset, claims=True)
    assert relations.number_of_nodes() == graph.number_of_nodes()
    assert not any(key == CLAIMS for _, _, key in relations.edges(keys=True))
    claims = [data for _, _, key, data in graph.edges(keys=True, data=True) if key == CLAIMS]
    assert claims and all(data["claims"] >= 1 and data["evidence"] for data in claims)
    assert any(data["figures"] for data in claims)
    for data in claims:
        sentence = data["evidence"][0]
        assert (SEEDS / sentence.article).read_text(encoding="utf-8")[
            sentence.start : sentence.end
        ] == sentence.text


@pytest.mark.slow
def test_analyze_command_formats(seed_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(seed_store)]
    assert main(["analyze", "path", "NIS", "Kim Jong Un", "--claims", "--format", "json", *store]) == 0
    hops = json.loads(capsys.readouterr().out)
    assert hops[0]["step"] == 1 and hops[0]["source"] == "National Intelligence Service"

    assert (
        main(["analyze", "centrality", "--measure", "degree", "--top", "3", "--format", "csv", *store]) == 0
    )
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["rank", "entity", "class", "degree"] and len(rows) == 4
    assert [float(row[3]) for row in rows[1:]] == sorted((float(row[3]) for row in rows[1:]), reverse=True)

    assert main(["analyze", "communities", *store]) == 0
    assert "communities (Louvain)" in capsys.readouterr().out

    assert main(["analyze", "comention", "--top", "0", "--format", "json", *store]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert pairs[0]["articles"] == 2 == len(pairs[0]["shared"])


@pytest.mark.slow
def test_analyze_errors_are_one_line_exit_1(
    seed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(seed_store)
    try:
        graph = project(store.dataset)
    finally:
        store.close()
    loner = next(graph.nodes[node]["label"] for node in sorted(graph) if graph.degree(node) == 0)
    cases = [
        (
            ["path", "Nobody", "Kim Jong Un", "--store", str(seed_store)],
            "error: 'Nobody' names no entity in the store",
        ),
        (["path", loner, "Kim Jong Un", "--store", str(seed_store)], f"error: no path between '{loner}'"),
        (["communities", "--store", str(tmp_path / "nowhere")], "error: no store at"),
    ]
    for argv, start in cases:
        assert main(["analyze", *argv]) == 1
        err = capsys.readouterr().err
        assert err.startswith(start) and err.count("\n") == 1, err
