"""The graph view: which entities and relations a page shows, and that the page is safe offline.

No spaCy: the dataset is built by hand in the shape kg.rdf.mapping writes (entities and gazetteer
graphs, one graph per article) and read through both rdflib backends the project uses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.rdf.ontology import CKG, ENTITIES_GRAPH, GAZETTEER_GRAPH, ID, OWL, RDF, RDFS, SCHEMA, SKOS, WIKIDATA
from kg.read.projection import ViewEdge, ViewNode, graph_view
from kg.render.layout import CANVAS_HEIGHT, CANVAS_WIDTH
from kg.render.views import most_central_view
from kg.render.viz import DrawEdge, DrawNode, Tip, TipLine, View, view_html, write_view_html

A1 = ID["article/aaa111"]
A2 = ID["article/bbb222"]


def _entity(ds: Dataset, graph: URIRef, key: str, cls: str, label: str, qid: str | None = None) -> None:
    g = ds.graph(graph)
    g.add((ID[key], RDF.type, CKG[cls]))
    g.add((ID[key], RDFS.label, Literal(label)))
    g.add((ID[key], SKOS.altLabel, Literal(label.upper())))
    if qid:
        g.add((ID[key], OWL.sameAs, WIKIDATA[qid]))


def _article(ds: Dataset, node: URIRef, source: str, mentions: list[tuple[int, str]]) -> None:
    g = ds.graph(node)
    g.add((node, RDF.type, CKG.Article))
    g.add((node, CKG.sourceFile, Literal(source)))
    g.add((node, SCHEMA.headline, Literal(f"Headline of {source}")))
    for start, key in mentions:
        m = URIRef(f"{node}/m/{start}-{start + 5}")
        g.add((m, RDF.type, CKG.Mention))
        g.add((m, CKG.refersTo, ID[key]))
        g.add((m, CKG.inArticle, node))
        g.add((m, CKG.start, Literal(start)))
        g.add((m, CKG.end, Literal(start + 5)))
        g.add((m, CKG.text, Literal("xxxxx")))


def make_dataset(store: str) -> Dataset:
    """Two articles, five mentioned entities, two shown relations, one to an unmentioned entity."""
    ds = Dataset(store=store)
    _entity(ds, GAZETTEER_GRAPH, "north-korea", "State", "North Korea", "Q423")
    _entity(ds, GAZETTEER_GRAPH, "russia", "State", "Russia", "Q159")  # never mentioned
    _entity(ds, GAZETTEER_GRAPH, "korean-peoples-army", "Organization", "Korean People's Army")
    _entity(ds, ENTITIES_GRAPH, "korean-peoples-army", "MilitaryUnit", "Korean People's Army", "Q1056346")
    _entity(ds, ENTITIES_GRAPH, "kim-jong-un", "Person", "Kim Jong Un", "Q56226")
    _entity(ds, ENTITIES_GRAPH, "kursk-oblast", "Region", "Kursk Oblast")
    _entity(ds, ENTITIES_GRAPH, "nis", "GovernmentBody", "National Intelligence Service")
    _article(ds, A1, "nk-troops.txt", [(0, "north-korea"), (40, "kim-jong-un"), (90, "north-korea")])
    _article(ds, A2, "kursk.txt", [(3, "korean-peoples-army"), (50, "kursk-oblast"), (80, "north-korea")])
    _article(ds, A2, "kursk.txt", [(120, "nis")])
    # The same relation stated by an article and by the gazetteer is one edge with two sources.
    ds.graph(A1).add((ID["kim-jong-un"], CKG.leaderOf, ID["north-korea"]))
    ds.graph(GAZETTEER_GRAPH).add((ID["kim-jong-un"], CKG.leaderOf, ID["north-korea"]))
    ds.graph(A2).add((ID["korean-peoples-army"], CKG.deployedTo, ID["kursk-oblast"]))
    ds.graph(GAZETTEER_GRAPH).add((ID["north-korea"], CKG.alliedWith, ID["russia"]))
    # Not a relation predicate: never an edge.
    ds.graph(A2).add((ID["nis"], SKOS.related, ID["north-korea"]))
    return ds


EXPECTED_NODES = [
    ViewNode(str(ID["kim-jong-un"]), "Kim Jong Un", "Person", 1, "Q56226", ("nk-troops.txt",)),
    ViewNode(
        str(ID["korean-peoples-army"]), "Korean People's Army", "MilitaryUnit", 1, "Q1056346", ("kursk.txt",)
    ),
    ViewNode(str(ID["kursk-oblast"]), "Kursk Oblast", "Region", 1, None, ("kursk.txt",)),
    ViewNode(str(ID["nis"]), "National Intelligence Service", "GovernmentBody", 1, None, ("kursk.txt",)),
    ViewNode(str(ID["north-korea"]), "North Korea", "State", 3, "Q423", ("kursk.txt", "nk-troops.txt")),
]
EXPECTED_EDGES = [
    ViewEdge(str(ID["kim-jong-un"]), str(ID["north-korea"]), "leaderOf", ("gazetteer", "nk-troops.txt")),
    ViewEdge(str(ID["korean-peoples-army"]), str(ID["kursk-oblast"]), "deployedTo", ("kursk.txt",)),
]


@pytest.mark.parametrize("store", ["default", "Oxigraph"])
def test_viz_graph_view_shows_mentioned_entities_and_their_relations(store: str) -> None:
    nodes, edges = graph_view(make_dataset(store))
    assert nodes == EXPECTED_NODES
    assert edges == EXPECTED_EDGES


def test_viz_graph_view_of_an_empty_dataset_is_empty() -> None:
    assert graph_view(Dataset()) == ([], [])


def _page_data(page: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The node and edge lists the page hands to vis-network."""
    nodes = re.search(r"nodes = new vis\.DataSet\((.*)\);", page)
    edges = re.search(r"edges = new vis\.DataSet\((.*)\);", page)
    assert nodes and edges
    return json.loads(nodes.group(1)), json.loads(edges.group(1))


def write_page(nodes: list[ViewNode], edges: list[ViewEdge], path: Path, *, title: str) -> Path:
    """The page of every entity, as ``kg build`` writes it (no sentences: the records have none)."""
    return write_view_html(most_central_view(nodes, edges, {}, title=title), path)


REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


def test_viz_page_loads_nothing_from_the_network(tmp_path: Path) -> None:
    nodes, edges = graph_view(make_dataset("default"))
    page = write_page(nodes, edges, tmp_path / "graph.html", title="Seeds").read_text(encoding="utf-8")
    assert not REMOTE.search(page)
    assert 'src="http' not in page and 'href="http' not in page
    assert "cdnjs" not in page and "jsdelivr" not in page
    assert "vis.Network(" in page and "data-stabilized" in page
    assert 'network.on("hoverNode"' in page and 'network.on("click"' in page  # the tooltip script
    vis_nodes, vis_edges = _page_data(page)
    assert [n["id"] for n in vis_nodes] == [n.id for n in nodes]
    assert [(e["from"], e["to"], e["text"]) for e in vis_edges] == [
        (e.source, e.target, e.predicate) for e in edges
    ]
    options = json.loads(re.search(r"var options = (\{.*\});", page).group(1))  # type: ignore[union-attr]
    assert options["physics"]["enabled"] is False  # positions come from kg.render.layout
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] == 13  # no label under 12 px
    assert options["edges"]["arrows"]["to"]["enabled"] is True
    for node in vis_nodes:  # inside the drawing area, a readable label or one shown on zoom
        assert 0 < node["x"] < CANVAS_WIDTH and 0 < node["y"] < CANVAS_HEIGHT  # type: ignore[operator]
        assert node["font"] == {"size": 14}


def test_viz_page_escapes_text_from_articles(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    nodes = [
        ViewNode(
            "https://w3id.org/conflict-kg/id/x", evil, "Person", 2, "javascript:alert(1)", ("<b>a</b>.txt",)
        ),
        ViewNode(
            "https://w3id.org/conflict-kg/id/y", "Y", "<img src=x onerror=alert(2)>", 1, None, ("y.txt",)
        ),
    ]
    edges = [ViewEdge(nodes[0].id, nodes[1].id, "opposes", ("y.txt",))]
    page = write_page(nodes, edges, tmp_path / "g.html", title="<i>T</i>").read_text(encoding="utf-8")
    assert evil not in page
    assert "<img src=x" not in page and "<b>a</b>" not in page and "<i>T</i>" not in page
    assert "<title>&lt;i&gt;T&lt;/i&gt;</title>" in page
    assert "&lt;img src=x onerror=alert(2)&gt; (1)" in page  # the legend
    vis_nodes, _ = _page_data(page)
    assert "title" not in vis_nodes[0]  # vis-network would show it as a second, plain tooltip
    tip = str(vis_nodes[0]["tip"])
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in tip
    assert "&lt;b&gt;a&lt;/b&gt;.txt" in tip
    hrefs = re.findall(r"href\s*=\s*\"([^\"]*)\"", tip + str(vis_nodes[1]["tip"]))
    assert hrefs and all(h.startswith("https://www.wikidata.org/") for h in hrefs)
    assert "javascript:" not in "".join(hrefs)
    assert vis_nodes[0]["label"] == evil  # drawn on the canvas as text, not parsed as HTML
    # Tips are shown as HTML (innerHTML), which is why they are escaped.
    assert "box.innerHTML = item.tip;" in page


def test_viz_page_drops_edges_to_missing_nodes_and_sizes_by_relations(tmp_path: Path) -> None:
    nodes = [
        ViewNode("urn:a", "A", "State", 1, "Q1", ("a.txt",)),
        ViewNode("urn:b", "B", "Settlement", 25, None, ("a.txt",)),
        ViewNode("urn:d", "D", "Person", 1, None, ("a.txt",)),
    ]
    edges = [
        ViewEdge("urn:a", "urn:b", "locatedIn", ("a.txt",)),
        ViewEdge("urn:a", "urn:c", "partOf", ()),
        ViewEdge("urn:d", "urn:b", "leaderOf", ("a.txt",)),
    ]
    page = write_page(nodes, edges, tmp_path / "g.html", title="t").read_text(encoding="utf-8")
    vis_nodes, vis_edges = _page_data(page)
    assert [e["to"] for e in vis_edges] == ["urn:b", "urn:b"]
    assert vis_nodes[1]["size"] > vis_nodes[0]["size"]  # type: ignore[operator]
    assert vis_nodes[0]["shape"] != vis_nodes[1]["shape"]
    assert "2 relations" in page


def test_viz_page_is_byte_identical_across_calls(tmp_path: Path) -> None:
    nodes, edges = graph_view(make_dataset("default"))
    first = write_page(nodes, edges, tmp_path / "one.html", title="Seeds").read_bytes()
    second = write_page(nodes, edges, tmp_path / "sub" / "two.html", title="Seeds").read_bytes()
    assert first == second


def test_viz_page_of_an_empty_graph_is_written(tmp_path: Path) -> None:
    path = write_page([], [], tmp_path / "empty.html", title="Nothing yet")
    assert "0 entities, 0 relations" in path.read_text(encoding="utf-8")


def test_viz_view_escapes_tips_and_note_and_links_only_https(tmp_path: Path) -> None:
    urls = [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " https://evil.example/",
        "http://plain.example/",
        "data:text/html,<script>alert(1)</script>",
        "https:///no-host",
        'https://ok.example/a"onmouseover="alert(1)',
        "https://ok.example/b?q=1&r=<2>",
    ]
    tip = Tip(
        "<script>alert(1)</script>",
        tuple(TipLine("<i>n</i>", f"link {i}", url) for i, url in enumerate(urls)),
    )
    nodes = (
        DrawNode("urn:a", "<b>A</b>", "GovernmentBody", 0.5, tip),
        DrawNode("urn:b", "B", "Person", 1.0, Tip("B")),
    )
    edges = (
        DrawEdge(
            "urn:a", "urn:b", "<u>about</u>", Tip("edge", (TipLine("Sentence", "</script><script>x()"),))
        ),
    )
    view = View("T", nodes, edges, "<s>summary</s>", note="<em>only part</em>")
    page = view_html(view)
    assert write_view_html(view, tmp_path / "v.html").read_text(encoding="utf-8") == page
    assert "<s>summary</s>" not in page and "&lt;s&gt;summary&lt;/s&gt;" in page
    assert '<p id="ckg-note">&lt;em&gt;only part&lt;/em&gt;</p>' in page
    assert "</script><script>x()" not in page  # JSON in the page escapes "<" as well
    vis_nodes, vis_edges = _page_data(page)
    node_tip = str(vis_nodes[0]["tip"])
    assert node_tip.startswith("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>")
    assert "&lt;i&gt;n&lt;/i&gt;:" in node_tip
    hrefs = re.findall(r'href="([^"]*)"', node_tip)
    assert hrefs == [
        "https://ok.example/a&quot;onmouseover=&quot;alert(1)",
        "https://ok.example/b?q=1&amp;r=&lt;2&gt;",
    ]
    assert "&lt;/script&gt;&lt;script&gt;x()" in str(vis_edges[0]["tip"])
    assert vis_edges[0]["text"] == "<u>about</u>"  # drawn on the canvas as text
    assert vis_nodes[0]["shape"] == "square" and vis_nodes[1]["size"] > 10  # type: ignore[operator]
    assert "GovernmentBody (1)" in page and "Person (1)" in page
