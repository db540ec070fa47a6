"""The ontology files against the contract in DESIGN.md: terms, shapes, JSON-LD context, loading.

No spaCy model is needed: the data checked here is built by hand in the shape kg.rdf.mapping writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import SH

from kg.errors import OntologyError
from kg.files import ontology_dir
from kg.rdf.ontology import (
    CKG,
    CONTEXT_FILE,
    ENTITIES_GRAPH,
    GAZETTEER_GRAPH,
    ID,
    ONTOLOGY_FILE,
    OWL,
    RDF,
    RDFS,
    SCHEMA,
    SHAPES_FILE,
    SKOS,
    WIKIDATA,
    XSD,
    load_context,
    load_ontology,
    load_shapes,
    term,
    validate,
)

# --- the contract, as a table -----------------------------------------------------------------

CLASSES = [
    "Actor",
    "Person",
    "Organization",
    "State",
    "GovernmentBody",
    "MilitaryUnit",
    "ArmedGroup",
    "MediaOutlet",
    "InternationalOrganization",
    "Location",
    "Region",
    "Settlement",
    "Article",
    "Mention",
    "Claim",
    "Quantity",
    "Evidence",
]
SUBCLASSES = [
    ("Person", "Actor"),
    ("Organization", "Actor"),
    ("State", "Actor"),
    ("State", "Location"),
    ("GovernmentBody", "Organization"),
    ("MilitaryUnit", "Organization"),
    ("ArmedGroup", "Organization"),
    ("MediaOutlet", "Organization"),
    ("InternationalOrganization", "Organization"),
    ("Region", "Location"),
    ("Settlement", "Location"),
]
RELATIONS = [
    "leaderOf",
    "memberOf",
    "partOf",
    "affiliatedWith",
    "locatedIn",
    "deployedTo",
    "alliedWith",
    "opposes",
]
OBJECT_PROPERTIES = [
    "refersTo",
    "inArticle",
    *RELATIONS,
    "reportedIn",
    "claimant",
    "via",
    "about",
    "certainty",
    "quantity",
    "measure",
    "qualifier",
    "countOf",
    "subject",
    "predicate",
    "object",
]
DATATYPE_PROPERTIES = [
    ("sourceFile", XSD.string),
    ("start", XSD.integer),
    ("end", XSD.integer),
    ("text", XSD.string),
    ("cue", XSD.string),
    ("content", XSD.string),
    ("sourceText", XSD.string),
    ("statedOn", XSD.date),
    ("value", XSD.decimal),
    ("minValue", XSD.decimal),
    ("maxValue", XSD.decimal),
]
SCHEMES = {
    "CertaintyScheme": ["Asserted", "Estimated", "Expected", "Unverified", "Denied"],
    "MeasureScheme": ["TroopCount", "Killed", "Wounded", "KilledOrWounded", "Captured", "AreaControlled"],
    "QualifierScheme": [
        "Exact",
        "Approximately",
        "Nearly",
        "AtLeast",
        "MoreThan",
        "AtMost",
        "LessThan",
        "Range",
        "Vague",
    ],
}
CONCEPTS = [(scheme, concept) for scheme, concepts in SCHEMES.items() for concept in concepts]

TERMS = (
    [(name, OWL.Class) for name in CLASSES]
    + [(name, OWL.ObjectProperty) for name in OBJECT_PROPERTIES]
    + [(name, OWL.DatatypeProperty) for name, _ in DATATYPE_PROPERTIES]
    + [(name, SKOS.ConceptScheme) for name in SCHEMES]
    + [(name, SKOS.Concept) for _, name in CONCEPTS]
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.mark.parametrize(("name", "kind"), TERMS, ids=[name for name, _ in TERMS])
def test_ontology_declares_every_contract_term_with_label_and_comment(
    ontology: Graph, name: str, kind: URIRef
) -> None:
    node = CKG[name]
    assert (node, RDF.type, kind) in ontology, f"ckg:{name} is not declared as {kind}"
    for predicate in (RDFS.label, RDFS.comment):
        values = [str(v).strip() for v in ontology.objects(node, predicate)]
        assert values and all(values), f"ckg:{name} has no {predicate}"


@pytest.mark.parametrize(("scheme", "concept"), CONCEPTS, ids=[c for _, c in CONCEPTS])
def test_ontology_concepts_are_skos_concepts_in_their_scheme(
    ontology: Graph, scheme: str, concept: str
) -> None:
    node = CKG[concept]
    assert (node, SKOS.inScheme, CKG[scheme]) in ontology
    assert ontology.value(node, SKOS.prefLabel) is not None
    assert str(ontology.value(node, SKOS.definition) or "").strip()


@pytest.mark.parametrize(("sub", "sup"), SUBCLASSES, ids=[f"{a}<{b}" for a, b in SUBCLASSES])
def test_ontology_class_hierarchy(ontology: Graph, sub: str, sup: str) -> None:
    assert (CKG[sub], RDFS.subClassOf, CKG[sup]) in ontology


def test_ontology_state_is_both_actor_and_location(ontology: Graph) -> None:
    assert set(ontology.objects(CKG.State, RDFS.subClassOf)) == {CKG.Actor, CKG.Location}


@pytest.mark.parametrize(("name", "datatype"), DATATYPE_PROPERTIES, ids=[n for n, _ in DATATYPE_PROPERTIES])
def test_ontology_datatype_property_ranges(ontology: Graph, name: str, datatype: URIRef) -> None:
    assert (CKG[name], RDFS.range, datatype) in ontology


def test_ontology_allied_with_is_symmetric(ontology: Graph) -> None:
    assert (CKG.alliedWith, RDF.type, OWL.SymmetricProperty) in ontology


def test_ontology_has_no_blank_nodes(ontology: Graph) -> None:
    # The build copies the ontology into a named graph; blank nodes would make the sorted
    # N-Quads of two identical builds differ.
    blanks = [t for t in ontology if any(isinstance(x, BNode) for x in t)]
    assert not blanks, blanks[:3]


def test_ontology_header_describes_the_reused_terms(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/conflict-kg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    comment = str(ontology.value(header, RDFS.comment))
    for reused in ("rdfs:label", "skos:altLabel", "owl:sameAs", "schema:headline", "schema:datePublished"):
        assert reused in comment
    assert "schema:publisher" in comment and "schema:url" in comment


def test_ontology_loads_are_independent_copies() -> None:
    first = load_ontology()
    size = len(first)
    first.remove((None, None, None))
    assert len(load_ontology()) == size
    context = load_context()
    context.clear()
    assert load_context()


def test_ontology_term_accepts_declared_names_and_lists_the_rest() -> None:
    assert term("leaderOf") == CKG.leaderOf
    assert term("Killed") == CKG.Killed
    with pytest.raises(OntologyError, match=r"'leaderof' is not a term.*leaderOf"):
        term("leaderof")


# --- loading failures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loader", "name"),
    [(load_ontology, ONTOLOGY_FILE), (load_shapes, SHAPES_FILE), (load_context, CONTEXT_FILE)],
    ids=["ontology", "shapes", "context"],
)
def test_ontology_missing_file_names_it(tmp_path: Path, loader: Callable[..., object], name: str) -> None:
    with pytest.raises(OntologyError, match="no such file") as caught:
        loader(tmp_path)
    assert str(tmp_path / name) in str(caught.value)


@pytest.mark.parametrize(("loader", "name"), [(load_ontology, ONTOLOGY_FILE), (load_shapes, SHAPES_FILE)])
def test_ontology_malformed_turtle_names_the_file_and_line(
    tmp_path: Path, loader: Callable[..., object], name: str
) -> None:
    (tmp_path / name).write_text(
        "@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .\n\nckg:A a \n", "utf-8"
    )
    with pytest.raises(OntologyError, match="not valid Turtle") as caught:
        loader(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / name) in message
    assert "line" in message and "\n" not in message


def test_ontology_malformed_turtle_is_reread_once_fixed(tmp_path: Path) -> None:
    path = tmp_path / ONTOLOGY_FILE
    path.write_text("this is not turtle", "utf-8")
    with pytest.raises(OntologyError):
        load_ontology(tmp_path)
    path.write_text((ontology_dir() / ONTOLOGY_FILE).read_text("utf-8") + "\n", "utf-8")
    assert (CKG.State, RDFS.subClassOf, CKG.Location) in load_ontology(tmp_path)


@pytest.mark.parametrize(
    ("text", "reason"),
    [('{"@context": {"id": "@id",}}', "not valid JSON"), ('{"id": "@id"}', '"@context" object')],
    ids=["bad-json", "no-context"],
)
def test_ontology_malformed_context_names_the_file(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / CONTEXT_FILE).write_text(text, "utf-8")
    with pytest.raises(OntologyError, match=reason) as caught:
        load_context(tmp_path)
    assert str(tmp_path / CONTEXT_FILE) in str(caught.value)


def test_ontology_validate_rejects_unknown_inference() -> None:
    with pytest.raises(ValueError, match="'owlrl'.*none, rdfs"):
        validate(Graph(), inference="owlrl")  # type: ignore[arg-type]


# --- SHACL shapes -------------------------------------------------------------------------------

ARTICLE = ID["article/0123456789abcdef"]
MENTION = URIRef(f"{ARTICLE}/m/10-21")
CLAIM = URIRef(f"{ARTICLE}/claim/0-60")
QUANTITY = URIRef(f"{ARTICLE}/quantity/17-23")
NORTH_KOREA = ID["north_korea"]
RUSSIA = ID["russia"]
KURSK = ID["kursk_oblast"]


def _sample() -> Dataset:
    """One article, one mention, three entities, a relation, one claim with one quantity."""
    dataset = Dataset()
    article = dataset.graph(ARTICLE)
    for triple in [
        (ARTICLE, RDF.type, CKG.Article),
        (ARTICLE, CKG.sourceFile, Literal("000_sample.txt")),
        (ARTICLE, SCHEMA.headline, Literal("North Korean troops in Kursk")),
        (ARTICLE, SCHEMA.datePublished, Literal("2024-12-20", datatype=XSD.date)),
        (ARTICLE, SCHEMA.publisher, Literal("American Military News")),
        (ARTICLE, SCHEMA.url, Literal("https://example.org/a", datatype=XSD.anyURI)),
        (MENTION, RDF.type, CKG.Mention),
        (MENTION, CKG.refersTo, NORTH_KOREA),
        (MENTION, CKG.inArticle, ARTICLE),
        (MENTION, CKG.start, Literal(10)),
        (MENTION, CKG.end, Literal(21)),
        (MENTION, CKG.text, Literal("North Korea")),
        (NORTH_KOREA, CKG.deployedTo, KURSK),
        (NORTH_KOREA, CKG.alliedWith, RUSSIA),
        (CLAIM, RDF.type, CKG.Claim),
        (CLAIM, CKG.reportedIn, ARTICLE),
        (CLAIM, CKG.claimant, RUSSIA),
        (CLAIM, CKG.cue, Literal("estimate")),
        (CLAIM, CKG.text, Literal("Officials estimate about 11,000 North Korean troops are in Kursk.")),
        (CLAIM, CKG.start, Literal(0)),
        (CLAIM, CKG.end, Literal(60)),
        (CLAIM, CKG.about, NORTH_KOREA),
        (CLAIM, CKG.statedOn, Literal("2024-12-19", datatype=XSD.date)),
        (CLAIM, CKG.certainty, CKG.Estimated),
        (CLAIM, CKG.quantity, QUANTITY),
        (QUANTITY, RDF.type, CKG.Quantity),
        (QUANTITY, CKG.measure, CKG.TroopCount),
        (QUANTITY, CKG.value, Literal(Decimal("11000"))),
        (QUANTITY, CKG.qualifier, CKG.Approximately),
        (QUANTITY, CKG.countOf, NORTH_KOREA),
    ]:
        article.add(triple)
    entities = dataset.graph(ENTITIES_GRAPH)
    for triple in [
        (NORTH_KOREA, RDF.type, CKG.State),
        (NORTH_KOREA, RDFS.label, Literal("North Korea")),
        (NORTH_KOREA, SKOS.altLabel, Literal("DPRK")),
        (NORTH_KOREA, OWL.sameAs, WIKIDATA.Q423),
        (KURSK, RDF.type, CKG.Region),
        (KURSK, RDFS.label, Literal("Kursk Oblast")),
    ]:
        entities.add(triple)
    gazetteer = dataset.graph(GAZETTEER_GRAPH)
    gazetteer.add((RUSSIA, RDF.type, CKG.State))
    gazetteer.add((RUSSIA, RDFS.label, Literal("Russia")))
    return dataset


def _union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_ontology_validate_accepts_a_conforming_dataset(inference: str) -> None:
    conforms, report = validate(_sample(), inference=inference)  # type: ignore[arg-type]
    assert conforms, report


def test_ontology_validate_takes_a_graph_and_leaves_it_untouched() -> None:
    graph = _union(_sample())
    before = len(graph)
    conforms, report = validate(graph, inference="rdfs")
    assert conforms, report
    assert len(graph) == before


def test_ontology_shapes_work_without_the_ontology_or_inference() -> None:
    import pyshacl

    shapes = load_shapes()
    assert set(shapes.subjects(RDF.type, SH.NodeShape))
    conforms, _, report = pyshacl.validate(_union(_sample()), shacl_graph=shapes, inference="none")
    assert conforms, report
    # Without the ontology, a Settlement is still an entity the shapes look at.
    broken = _union(_sample())
    broken.add((ID["sudzha"], RDF.type, CKG.Settlement))
    conforms, _, report = pyshacl.validate(broken, shacl_graph=shapes, inference="none")
    assert not conforms and "sudzha" in report


def test_ontology_shapes_hold_an_armed_group_to_the_entity_shape() -> None:
    """An ArmedGroup is an entity to the shapes by its own class: labelled, sameAs an IRI."""
    import pyshacl

    shapes = load_shapes()
    group = ID["coastal-liberation-front"]
    unlabelled = _union(_sample())
    unlabelled.add((group, RDF.type, CKG.ArmedGroup))
    conforms, _, report = pyshacl.validate(unlabelled, shacl_graph=shapes, inference="none")
    assert not conforms and "coastal-liberation-front" in report and "rdfs:label" in report
    labelled = _union(_sample())
    labelled.add((group, RDF.type, CKG.ArmedGroup))
    labelled.add((group, RDFS.label, Literal("Coastal Liberation Front")))
    conforms, _, report = pyshacl.validate(labelled, shacl_graph=shapes, inference="none")
    assert conforms, report


def _drop(*triple: object) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        graph.remove(triple)  # type: ignore[arg-type]

    return mutate


def _put(subject: URIRef, predicate: URIRef, value: object) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        graph.set((subject, predicate, value))  # type: ignore[arg-type]

    return mutate


def _add(*triple: object) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        graph.add(triple)  # type: ignore[arg-type]

    return mutate


def _without_figure(graph: Graph) -> None:
    graph.remove((QUANTITY, CKG.value, None))


def _reversed_range(graph: Graph) -> None:
    graph.remove((QUANTITY, CKG.value, None))
    graph.add((QUANTITY, CKG.minValue, Literal(Decimal("12000"))))
    graph.add((QUANTITY, CKG.maxValue, Literal(Decimal("10000"))))
    graph.set((QUANTITY, CKG.qualifier, CKG.Range))


BROKEN = [
    (
        "mention-without-refersTo",
        _drop(MENTION, CKG.refersTo, None),
        [str(MENTION), "ckg:refersTo", "Less than 1"],
    ),
    (
        "qualifier-outside-scheme",
        _put(QUANTITY, CKG.qualifier, CKG.Killed),
        [str(QUANTITY), "ckg:Killed", "not in list"],
    ),
    (
        "mention-start-equals-end",
        _put(MENTION, CKG.start, Literal(21)),
        [str(MENTION), "must be less than ckg:end"],
    ),
    (
        "mention-start-after-end",
        _put(MENTION, CKG.start, Literal(30)),
        [str(MENTION), "must be less than ckg:end"],
    ),
    ("claim-start-after-end", _put(CLAIM, CKG.start, Literal(70)), [str(CLAIM), "must be less than ckg:end"]),
    ("negative-offset", _put(MENTION, CKG.start, Literal(-1)), [str(MENTION), "ckg:start"]),
    ("mention-text-empty", _put(MENTION, CKG.text, Literal("")), [str(MENTION), "ckg:text"]),
    ("mention-untyped", _drop(MENTION, RDF.type, CKG.Mention), [str(MENTION), "class ckg:Mention"]),
    ("mention-iri-off-pattern", _add(ID["m1"], RDF.type, CKG.Mention), [str(ID["m1"]), "pattern"]),
    ("mention-two-entities", _add(MENTION, CKG.refersTo, RUSSIA), [str(MENTION), "More than 1"]),
    (
        "mention-refers-to-literal",
        _put(MENTION, CKG.refersTo, Literal("North Korea")),
        ["ckg:refersTo", "IRI"],
    ),
    ("article-without-source", _drop(ARTICLE, CKG.sourceFile, None), [str(ARTICLE), "ckg:sourceFile"]),
    ("article-bad-date", _put(ARTICLE, SCHEMA.datePublished, Literal("20 Dec")), [str(ARTICLE), "xsd:date"]),
    ("entity-without-label", _drop(KURSK, RDFS.label, None), [str(KURSK), "rdfs:label"]),
    ("same-as-literal", _add(NORTH_KOREA, OWL.sameAs, Literal("Q423")), [str(NORTH_KOREA), "owl:sameAs"]),
    (
        "relation-to-literal",
        _add(NORTH_KOREA, CKG.opposes, Literal("Ukraine")),
        [str(NORTH_KOREA), "ckg:opposes"],
    ),
    ("claim-without-text", _drop(CLAIM, CKG.text, None), [str(CLAIM), "ckg:text"]),
    (
        "claim-in-two-articles",
        _add(CLAIM, CKG.reportedIn, ID["article/ffffffffffffffff"]),
        [str(CLAIM), "More than 1"],
    ),
    (
        "certainty-outside-scheme",
        _put(CLAIM, CKG.certainty, CKG.Exact),
        [str(CLAIM), "ckg:Exact", "not in list"],
    ),
    ("claim-date-not-a-date", _put(CLAIM, CKG.statedOn, Literal("Thursday")), [str(CLAIM), "ckg:statedOn"]),
    ("measure-outside-scheme", _put(QUANTITY, CKG.measure, CKG.Asserted), [str(QUANTITY), "ckg:Asserted"]),
    ("quantity-without-measure", _drop(QUANTITY, CKG.measure, None), [str(QUANTITY), "ckg:measure"]),
    ("quantity-without-figure", _without_figure, [str(QUANTITY), "at least one of ckg:value"]),
    ("value-not-decimal", _put(QUANTITY, CKG.value, Literal("about 11,000")), [str(QUANTITY), "xsd:decimal"]),
    ("range-reversed", _reversed_range, [str(QUANTITY), "ckg:minValue must not exceed ckg:maxValue"]),
    ("evidence-incomplete", _add(ID["ev1"], RDF.type, CKG.Evidence), [str(ID["ev1"]), "ckg:subject"]),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_ontology_validate_reports_why_a_graph_does_not_conform(
    mutate: Callable[[Graph], None], expected: list[str]
) -> None:
    graph = _union(_sample())
    mutate(graph)
    conforms, report = validate(graph)
    assert not conforms
    for text in expected:
        assert text in report, f"{text!r} not in report:\n{report}"


# --- JSON-LD context ----------------------------------------------------------------------------


def _assert_isomorphic(expected: Graph, actual: Graph) -> None:
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lost = "\n".join(sorted(only_expected.serialize(format="nt").splitlines()))
    gained = "\n".join(sorted(only_actual.serialize(format="nt").splitlines()))
    pytest.fail(f"graphs differ\nlost:\n{lost}\ngained:\n{gained}")


def test_ontology_context_is_json_ld_1_1_with_plain_keys() -> None:
    with open(ontology_dir() / CONTEXT_FILE, encoding="utf-8") as handle:
        document = json.load(handle)
    context = load_context()
    assert document["@context"] == context
    assert context["@version"] == 1.1
    assert context["id"] == "@id" and context["type"] == "@type"
    assert context["@vocab"] == str(CKG)
    for name in RELATIONS + ["refersTo", "inArticle", "reportedIn", "claimant", "via", "about", "quantity"]:
        assert context[name] == {"@id": f"ckg:{name}", "@type": "@id"}, name
    for name in ("certainty", "measure", "qualifier"):
        assert context[name]["@type"] == "@vocab", name


def test_ontology_context_compacts_with_rdflib_and_expands_back_with_pyld() -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    graph = _union(_sample()) + load_ontology()  # the union export carries the ontology graph too
    document = json.loads(graph.serialize(format="json-ld", context=load_context(), auto_compact=True))
    nquads = jsonld.to_rdf(jsonld.expand(document), {"format": "application/n-quads"})
    _assert_isomorphic(graph, Graph().parse(data=nquads, format="nt"))


def test_ontology_context_makes_pyld_compaction_read_as_plain_json() -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    graph = _union(_sample())
    expanded = jsonld.from_rdf(graph.serialize(format="nt"), {"format": "application/n-quads"})
    compacted = jsonld.compact(expanded, {"@context": load_context()})
    nodes = {node["id"]: node for node in compacted["@graph"]}
    quantity = nodes["ckgid:article/0123456789abcdef/quantity/17-23"]
    assert quantity["type"] == "Quantity"
    assert quantity["measure"] == "TroopCount" and quantity["qualifier"] == "Approximately"
    assert quantity["value"] == "11000" and quantity["countOf"] == "ckgid:north_korea"
    north_korea = nodes["ckgid:north_korea"]
    assert north_korea["label"] == "North Korea" and north_korea["altLabel"] == ["DPRK"]
    assert north_korea["sameAs"] == "wd:Q423" and north_korea["deployedTo"] == "ckgid:kursk_oblast"
    assert nodes["ckgid:article/0123456789abcdef/claim/0-60"]["certainty"] == "Estimated"
    nquads = jsonld.to_rdf(jsonld.expand(compacted), {"format": "application/n-quads"})
    _assert_isomorphic(graph, Graph().parse(data=nquads, format="nt"))
