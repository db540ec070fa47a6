"""What each ``kg view`` draws: the whole graph, a neighbourhood, the claims, and the node limit.

No spaCy: the dataset is built by hand in the shape kg.rdf.mapping writes (an entities and a
gazetteer graph, one graph per article with its mentions, relations with their evidence, and
claims with their figures). :func:`make_world` is also drawn by the browser tests.
"""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.cli import parse
from kg.errors import QueryError
from kg.rdf.ontology import CKG, ENTITIES_GRAPH, GAZETTEER_GRAPH, ID, OWL, RDF, RDFS, SKOS, WIKIDATA
from kg.read.analytics import centrality, to_networkx
from kg.read.projection import graph_view
from kg.read.search import entities_named
from kg.render.views import ViewError, claims_view, neighbourhood_view, whole_view
from kg.render.viz import View
from kg.store import open_store

A1 = ID["article/aaa111"]
A2 = ID["article/bbb222"]
EVIL_SENTENCE = "The KPA <script>alert('x')</script> moved into Kursk Oblast."
EVIL_CLAIM = "Russia lost <img src=x onerror=alert(1)> nothing, a post said."

#: (key, class, label, aliases, Wikidata id) of every entity; China is never mentioned.
ENTITIES = [
    ("north-korea", "State", "North Korea", (), "Q423"),
    ("kim-jong-un", "Person", "Kim Jong Un", (), "Q56226"),
    ("kpa", "MilitaryUnit", "Korean People's Army", ("KPA",), None),
    ("kursk-oblast", "Region", "Kursk Oblast", (), None),
    ("nis", "GovernmentBody", "National Intelligence Service", ("NIS",), None),
    ("south-korea", "State", "South Korea", (), "Q884"),
    ("russia", "State", "Russia", (), "Q159"),
    ("ukraine", "State", "Ukraine", (), "Q212"),
    ("sudzha", "Settlement", "Sudzha", (), None),
    ("china", "State", "China", (), "Q148"),
]
#: (article, mentions as (start, key, text)).
MENTIONS = [
    (A1, [(0, "north-korea", "North Korea"), (20, "kim-jong-un", "Kim"), (40, "nis", "the spy agency")]),
    (A1, [(60, "south-korea", "South Korea"), (80, "kpa", "North Korean troops")]),
    (A2, [(0, "kpa", "KPA"), (10, "kursk-oblast", "Kursk"), (30, "russia", "Russia")]),
    (A2, [(50, "ukraine", "Ukraine"), (70, "sudzha", "Sudzha"), (90, "kpa", "the troops")]),
]
#: (graph, subject, predicate, object, evidence sentence or None).
RELATIONS = [
    (A1, "kim-jong-un", "leaderOf", "north-korea", "Kim Jong Un leads North Korea."),
    (GAZETTEER_GRAPH, "kim-jong-un", "leaderOf", "north-korea", None),
    (GAZETTEER_GRAPH, "kpa", "partOf", "north-korea", None),
    (A2, "kpa", "deployedTo", "kursk-oblast", EVIL_SENTENCE),
    (GAZETTEER_GRAPH, "kursk-oblast", "partOf", "russia", None),
    (A2, "sudzha", "locatedIn", "kursk-oblast", "Sudzha, a town in Kursk Oblast."),
    (A2, "russia", "opposes", "ukraine", "Russia fights Ukraine."),
    (A1, "nis", "partOf", "south-korea", "South Korea's NIS said so."),
    (GAZETTEER_GRAPH, "north-korea", "alliedWith", "china", None),  # China is not shown
]
#: Whole graph: every mentioned entity, every relation between two of them.
WHOLE_NODES, WHOLE_EDGES = 9, 7
#: KPA within 2 hops: North Korea, Kursk Oblast (1); Kim Jong Un, Russia, Sudzha (2).
KPA_2_NODES, KPA_2_EDGES = 6, 5


def _claim(
    ds: Dataset,
    article: URIRef,
    start: int,
    text: str,
    claimants: list[str],
    about: list[str],
    figures: list[tuple[str, str, str]],
) -> None:
    """A claim as kg.rdf.mapping writes it; figures are (text, measure, counted group)."""
    g = ds.graph(article)
    claim = URIRef(f"{article}/claim/{start}-{start + len(text)}")
    g.add((claim, RDF.type, CKG.Claim))
    g.add((claim, CKG.reportedIn, article))
    g.add((claim, CKG.text, Literal(text)))
    g.add((claim, CKG.content, Literal(text.rstrip("."))))
    g.add((claim, CKG.start, Literal(start)))
    g.add((claim, CKG.end, Literal(start + len(text))))
    g.add((claim, CKG.certainty, CKG.Estimated))
    g.add((claim, CKG.cue, Literal("say")))
    for key in claimants:
        g.add((claim, CKG.claimant, ID[key]))
    for key in about:
        g.add((claim, CKG.about, ID[key]))
    for offset, (figure, measure, group) in enumerate(figures):
        q = URIRef(f"{article}/quantity/{start + offset}-{start + offset + 1}")
        g.add((claim, CKG.quantity, q))
        g.add((q, RDF.type, CKG.Quantity))
        g.add((q, CKG.measure, CKG[measure]))
        g.add((q, CKG.qualifier, CKG.Approximately))
        g.add((q, CKG.text, Literal(figure)))
        g.add((q, CKG.value, Literal(Decimal(re.sub(r"\D", "", figure)))))
        g.add((q, CKG.countOf, ID[group]))


def make_world(store: str = "default") -> Dataset:
    """Two articles, nine mentioned entities, seven shown relations, three claims."""
    ds = Dataset(store=store)
    for key, cls, label, aliases, qid in ENTITIES:
        g = ds.graph(GAZETTEER_GRAPH if key in ("china", "russia") else ENTITIES_GRAPH)
        g.add((ID[key], RDF.type, CKG[cls]))
        g.add((ID[key], RDFS.label, Literal(label)))
        for alias in aliases:
            g.add((ID[key], SKOS.altLabel, Literal(alias)))
        if qid:
            g.add((ID[key], OWL.sameAs, WIKIDATA[qid]))
    for article, source in ((A1, "nk-troops.txt"), (A2, "kursk.txt")):
        ds.graph(article).add((article, RDF.type, CKG.Article))
        ds.graph(article).add((article, CKG.sourceFile, Literal(source)))
    for article, mentions in MENTIONS:
        g = ds.graph(article)
        for start, key, text in mentions:
            m = URIRef(f"{article}/m/{start}-{start + len(text)}")
            g.add((m, RDF.type, CKG.Mention))
            g.add((m, CKG.refersTo, ID[key]))
            g.add((m, CKG.inArticle, article))
            g.add((m, CKG.text, Literal(text)))
    for graph, s, p, o, sentence in RELATIONS:
        ds.graph(graph).add((ID[s], CKG[p], ID[o]))
        if sentence is not None:
            ev = URIRef(f"{graph}/evidence/0-{len(sentence)}/{p}/{s}/{o}")
            for predicate, value in (
                (RDF.type, CKG.Evidence),
                (CKG.inArticle, graph),
                (CKG.subject, ID[s]),
                (CKG.predicate, CKG[p]),
                (CKG.object, ID[o]),
                (CKG.start, Literal(0)),
                (CKG.end, Literal(len(sentence))),
                (CKG.text, Literal(sentence)),
            ):
                ds.graph(graph).add((ev, predicate, value))
    _claim(
        ds, A1, 100, "About 11,000 North Korean troops are in Kursk, the NIS said.", ["nis"],
        ["kpa", "kursk-oblast"], [("About 11,000", "TroopCount", "kpa")],
    )  # fmt: skip
    _claim(
        ds, A2, 200, "Ukraine said at least 100 were killed and 1,000 wounded.", ["ukraine"], ["kpa"],
        [("at least 100", "Killed", "kpa"), ("1,000", "Wounded", "kpa")],
    )  # fmt: skip
    _claim(ds, A2, 300, EVIL_CLAIM, ["ukraine"], ["russia"], [])
    return ds


#: Claims view: NIS, KPA, Ukraine, Russia; NIS -> KPA (TroopCount), Ukraine -> KPA (Killed),
#: Ukraine -> KPA (Wounded), Ukraine -> Russia (a statement, dashed).
CLAIMS_NODES, CLAIMS_EDGES = 4, 4


def _ids(view: View) -> set[str]:
    return {node.id for node in view.nodes}


def _tips(view: View) -> str:
    return json.dumps([node.tip for node in view.nodes] + [edge.tip for edge in view.edges], default=repr)


@pytest.mark.parametrize("store", ["default", "Oxigraph"])
def test_views_whole_graph_sizes_by_centrality_and_carries_evidence(store: str) -> None:
    view = whole_view(make_world(store))
    assert (len(view.nodes), len(view.edges)) == (WHOLE_NODES, WHOLE_EDGES)
    assert view.note == ""
    assert str(ID["china"]) not in _ids(view)
    by_id = {node.id: node for node in view.nodes}
    assert max(view.nodes, key=lambda node: node.weight).weight == 1.0
    # Three relations point at Kursk Oblast or from it onwards; nothing points at Sudzha.
    assert by_id[str(ID["russia"])].weight > by_id[str(ID["sudzha"])].weight
    deployed = next(edge for edge in view.edges if edge.label == "deployedTo")
    assert deployed.tip.heading == "Korean People's Army deployedTo Kursk Oblast"
    assert [(line.name, line.text) for line in deployed.tip.lines] == [
        ("Sources", "kursk.txt"),
        ("Sentence", f"\u201c{EVIL_SENTENCE}\u201d"),
        ("Article", "kursk.txt"),
    ]
    assert "Size: relations and claims" in view.summary and "9 entities, 7 relations" in view.summary
    # Size counts claims as well as relations: the NIS makes one, the KPA's people are counted twice.
    tips = {node.label: {line.name: line.text for line in node.tip.lines} for node in view.nodes}
    assert tips["National Intelligence Service"]["Claims"] == "1 made, 0 about it"
    assert tips["Korean People's Army"]["Claims"] == "0 made, 2 about it"
    size = {
        label: sum(map(int, re.findall(r"\d+", t["Relations"] + " " + t["Claims"])))
        for label, t in tips.items()
    }
    top = max(size.values())
    assert {node.label: node.weight for node in view.nodes} == {label: n / top for label, n in size.items()}


def test_views_whole_graph_beyond_the_limit_keeps_the_most_central() -> None:
    ds = make_world()
    view = whole_view(ds, max_nodes=4, measure="degree")
    nodes, edges = graph_view(ds)
    expected = list(centrality(to_networkx(nodes, edges), "degree"))[:4]
    assert _ids(view) == set(expected)
    assert all(edge.source in expected and edge.target in expected for edge in view.edges)
    assert view.note == "Showing 4 of 9 entities, the most central by degree; --max-nodes draws more."


@pytest.mark.parametrize("name", ["KPA", "korean people's army", "North Korean troops"])
def test_views_neighbourhood_finds_the_entity_by_label_alias_or_mention(name: str) -> None:
    one = neighbourhood_view(make_world(), name, hops=1)
    assert _ids(one) == {str(ID[key]) for key in ("kpa", "north-korea", "kursk-oblast")}
    assert len(one.edges) == 2
    assert one.title == "Around Korean People's Army (1 hop)"
    two = neighbourhood_view(make_world(), name, hops=2)
    assert (len(two.nodes), len(two.edges)) == (KPA_2_NODES, KPA_2_EDGES)
    sudzha = next(node for node in two.nodes if node.label == "Sudzha")
    assert ("Hops away", "2") in [(line.name, line.text) for line in sudzha.tip.lines]


def test_views_neighbourhood_beyond_the_limit_keeps_the_closest() -> None:
    view = neighbourhood_view(make_world(), "KPA", hops=2, max_nodes=3)
    assert _ids(view) == {str(ID[key]) for key in ("kpa", "north-korea", "kursk-oblast")}
    assert view.note.startswith("Showing 3 of the 6 entities within 2 hops, the closest")


def test_views_an_unknown_or_unmentioned_name_is_a_one_line_error() -> None:
    ds = make_world()
    with pytest.raises(
        QueryError, match=r"^--entity 'Korea' names no entity in the store; did you mean .*'North Korea'"
    ):
        neighbourhood_view(ds, "Korea")
    with pytest.raises(ViewError, match=r"no article mentions 'China'"):
        neighbourhood_view(ds, "China")
    assert entities_named(ds, "  nis ") == (str(ID["nis"]),)


@pytest.mark.parametrize("store", ["default", "Oxigraph"])  # the union of graphs, or GRAPH ?g
def test_views_claims_one_edge_per_claimant_group_and_measure(store: str) -> None:
    ds = make_world(store)
    # The NIS repeats its figure in another article and adds one; a claim names no source.
    _claim(ds, A2, 400, "The NIS again said about 11,000 soldiers had gone.", ["nis"], ["kpa"],
           [("about 11,000", "TroopCount", "kpa")])  # fmt: skip
    _claim(ds, A2, 500, "Later the NIS put the number at 12,000.", ["nis"], ["kpa"],
           [("12,000", "TroopCount", "kpa")])  # fmt: skip
    _claim(ds, A2, 600, "Some 300 were said to be wounded.", [], ["kpa"], [("Some 300", "Wounded", "kpa")])
    view = claims_view(ds)
    assert (len(view.nodes), len(view.edges)) == (CLAIMS_NODES, CLAIMS_EDGES)
    assert not any(node.cls == "Claim" for node in view.nodes)  # no box per claim
    edges = {(edge.source, edge.target, edge.kind): edge for edge in view.edges}
    assert len(edges) == len(view.edges)  # at most one per claimant, group and measure
    nis, kpa, ukraine = str(ID["nis"]), str(ID["kpa"]), str(ID["ukraine"])
    troops = edges[nis, kpa, "TroopCount"]
    assert troops.label == "TroopCount\nabout 11,000, 12,000"  # each figure once, in reading order
    figures = sorted(line.text for line in troops.tip.lines if line.name == "Figure")
    assert figures == [
        "12,000 (say, Estimated)",
        "About 11,000 (say, Estimated)",
        "about 11,000 (say, Estimated)",
    ]
    assert (
        troops.tip.heading
        == "National Intelligence Service \u2192 Korean People's Army: TroopCount, 3 figures"
    )
    assert edges[ukraine, kpa, "Killed"].label == "Killed\nat least 100"
    assert edges[ukraine, kpa, "Wounded"].label == "Wounded\n1,000"
    said = edges[ukraine, str(ID["russia"]), "statement"]
    assert said.dashed and said.label == ""
    assert [line.text for line in said.tip.lines if line.name == "Claim"] == [EVIL_CLAIM.rstrip(".")]
    assert view.summary.startswith("5 claims by 2 claimants, as 4 edges")
    assert "1 claim naming no source is not drawn (kg claims lists every claim)" in view.summary
    sizes = {node.label: node.weight for node in view.nodes}
    assert sizes["Korean People's Army"] == 1.0 and sizes["National Intelligence Service"] == 3 / 4


def test_views_claims_of_one_entity() -> None:
    view = claims_view(make_world(), entity="the spy agency")
    assert (len(view.nodes), len(view.edges)) == (2, 1)
    assert view.title == "Claims involving the spy agency"
    limited = claims_view(make_world(), max_nodes=2)
    assert len(limited.nodes) == 2 and limited.note.startswith("Showing 2 of 4 entities")


def _parse(argv: list[str]) -> argparse.Namespace:
    return parse(argv)


def test_views_command_writes_each_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(tmp_path / "store")
    try:
        store.add(list(make_world().quads((None, None, None, None))))  # type: ignore[arg-type]
    finally:
        store.close()
    for extra, expected in (
        ([], "9 nodes, 7 edges"),
        (["--entity", "KPA", "--hops", "2"], "6 nodes, 5 edges"),
        (["--claims", "--max-nodes", "3"], "Showing 3 of 4"),
    ):
        out = tmp_path / "view.html"
        args = _parse(["view", "--store", str(tmp_path / "store"), "--out", str(out), *extra])
        assert args.run(args) == 0
        assert expected in capsys.readouterr().out
        assert out.is_file()
    args = _parse(["view", "--store", str(tmp_path / "store"), "--hops", "2"])
    with pytest.raises(ViewError, match="--hops needs --entity"):
        args.run(args)
    with pytest.raises(SystemExit):
        _parse(["view", "--max-nodes", "0"])
    with pytest.raises(SystemExit):
        _parse(["view", "--size-by", "closeness"])
