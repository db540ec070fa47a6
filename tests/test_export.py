"""Turtle and TriG of graphs larger than one serializer call: same statements, stable bytes."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.rdf.export import TURTLE_SUBJECTS_PER_CALL, renderers, union_graph
from kg.rdf.ontology import CKG, RDF, RDFS

ID = "https://w3id.org/conflict-kg/id/"
#: A predicate in no namespace the project binds: each body must use the one header prefix.
SOURCE = URIRef("http://example.org/vocab/source")


def _dataset(articles: int, per_article: int = 30) -> Dataset:
    """Claims in a namespace of their own per article, as builds make them."""
    dataset = Dataset()
    for a in range(articles):
        graph = dataset.graph(URIRef(f"{ID}article/{a:04d}"))
        for c in range(per_article):
            claim = URIRef(f"{ID}claim/{a:04d}/{c}")
            graph.add((claim, RDF.type, CKG.Claim))
            graph.add((claim, RDFS.label, Literal(f"claim {c} of\narticle {a}")))
            graph.add((claim, SOURCE, URIRef(f"{ID}article/{a:04d}")))
    return dataset


def test_export_turtle_of_many_subjects_parses_back_to_the_same_triples() -> None:
    dataset = _dataset(articles=20)
    assert len(set(union_graph(dataset).subjects())) > 2 * TURTLE_SUBJECTS_PER_CALL
    text = renderers(dataset)["turtle"]()
    assert text.count("@prefix ns1: <http://example.org/vocab/>") == 1
    assert "@prefix ns2:" not in text  # one prefix for the namespace, not one per body
    assert set(Graph().parse(data=text, format="turtle")) == set(union_graph(dataset))
    assert renderers(_dataset(articles=20))["turtle"]() == text


def test_export_trig_keeps_every_graph_of_a_large_dataset() -> None:
    dataset = _dataset(articles=20)
    back = Dataset().parse(data=renderers(dataset)["trig"](), format="trig")
    for graph in dataset.graphs():
        if len(graph):
            assert set(back.graph(graph.identifier)) == set(graph)


def test_export_turtle_with_blank_nodes_keeps_them_with_their_referrers() -> None:
    dataset = _dataset(articles=10)
    graph = dataset.graph(URIRef(f"{ID}article/0000"))
    for c in range(TURTLE_SUBJECTS_PER_CALL + 10):  # referrers and their nodes far apart in IRI order
        note = BNode()
        graph.add((URIRef(f"{ID}zz/{c}"), RDFS.comment, note))
        graph.add((note, RDFS.label, Literal(f"note {c}")))
    back = Graph().parse(data=renderers(dataset)["turtle"](), format="turtle")
    assert isomorphic(back, union_graph(dataset))
