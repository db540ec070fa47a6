"""Records -> RDF quads in named graphs: the only place that mints IRIs and literals.

Each article's statements (the article node, its mentions, later its relations and claims)
go into the named graph whose name is the article IRI; entity descriptions into the shared
entities graph; gazetteer background facts into the gazetteer graph. IRIs derive from content
(text hash, offsets, slugs), so the same input always gives the same quads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.gazetteer import Gazetteer
from kg.model import Article, Claim, Entity, ExtractedArticle, Relation
from kg.ontology import (
    CKG,
    ENTITIES_GRAPH,
    GAZETTEER_GRAPH,
    ID,
    OWL,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WIKIDATA,
    XSD,
    decimal_literal,
    term,
)

__all__ = [
    "Quad",
    "article_iri",
    "article_quads",
    "claim_iri",
    "entity_iri",
    "entity_quads",
    "evidence_iri",
    "gazetteer_quads",
]

Quad = tuple[Node, Node, Node, URIRef]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def entity_iri(key: str) -> URIRef:
    return ID[key]


def article_quads(extracted: ExtractedArticle) -> Iterator[Quad]:
    """The article's own named graph: metadata, every mention with its offsets, the entity
    descriptions as this article gives them (class, the names it uses), relations and claims.

    The shared entities graph is the union of the articles' descriptions; keeping each
    article's own copy is what lets ``kg remove`` take back exactly what one article added.
    """
    article = extracted.article
    node = article_iri(article.id)
    yield from _metadata(article, node)
    for entity in extracted.entities:
        yield from _describe(entity, node)
    for mention, key in extracted.mentions:
        m = URIRef(f"{node}/m/{mention.start}-{mention.end}")
        yield m, RDF.type, CKG.Mention, node
        yield m, CKG.refersTo, entity_iri(key), node
        yield m, CKG.inArticle, node, node
        yield m, CKG.start, Literal(mention.start), node
        yield m, CKG.end, Literal(mention.end), node
        yield m, CKG.text, Literal(mention.text), node
    yield from _relations(extracted.relations, node)
    for claim in extracted.claims:
        yield from _claim(claim, node)


def entity_quads(entities: Iterable[Entity]) -> Iterator[Quad]:
    """Descriptions of entities in the shared entities graph."""
    for entity in entities:
        yield from _describe(entity, ENTITIES_GRAPH)


def gazetteer_quads(gazetteer: Gazetteer) -> Iterator[Quad]:
    """Every gazetteer entry and its background relations, in the gazetteer graph."""
    for entry in gazetteer.entries:
        entity = Entity(entry.id, entry.label, entry.cls, frozenset(entry.aliases), entry.wikidata)
        yield from _describe(entity, GAZETTEER_GRAPH)
    yield from _relations(gazetteer.relations(), GAZETTEER_GRAPH)


def _metadata(article: Article, node: URIRef) -> Iterator[Quad]:
    yield node, RDF.type, CKG.Article, node
    yield node, CKG.sourceFile, Literal(article.source), node
    if article.title:
        yield node, SCHEMA.headline, Literal(article.title), node
    if article.published:
        yield node, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date), node
    if article.publisher:
        yield node, SCHEMA.publisher, Literal(article.publisher), node
    if article.url:
        yield node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI), node


def _describe(entity: Entity, graph: URIRef) -> Iterator[Quad]:
    node = entity_iri(entity.key)
    yield node, RDF.type, CKG[entity.cls], graph
    yield node, RDFS.label, Literal(entity.label), graph
    for alias in sorted(entity.aliases):
        yield node, SKOS.altLabel, Literal(alias), graph
    if entity.wikidata:
        yield node, OWL.sameAs, WIKIDATA[entity.wikidata], graph


def _relations(relations: Iterable[Relation], graph: URIRef) -> Iterator[Quad]:
    """Each relation as a plain triple, and, where a sentence states it, an Evidence node in
    the same graph pointing at that sentence (no RDF reification: the triple stays queryable)."""
    for rel in relations:
        subject, predicate, obj = entity_iri(rel.subject), term(rel.predicate), entity_iri(rel.object)
        yield subject, predicate, obj, graph
        if rel.evidence is None:
            continue
        node = evidence_iri(graph, rel)
        yield node, RDF.type, CKG.Evidence, graph
        yield node, CKG.inArticle, graph, graph
        yield node, CKG.subject, subject, graph
        yield node, CKG.predicate, predicate, graph
        yield node, CKG.object, obj, graph
        yield node, CKG.start, Literal(rel.evidence.start), graph
        yield node, CKG.end, Literal(rel.evidence.end), graph
        yield node, CKG.text, Literal(rel.evidence.text), graph


def evidence_iri(article: URIRef, rel: Relation) -> URIRef:
    """One Evidence per stated triple and sentence: article/evidence/START-END/predicate/subject/object."""
    assert rel.evidence is not None
    span = rel.evidence
    return URIRef(f"{article}/evidence/{span.start}-{span.end}/{rel.predicate}/{rel.subject}/{rel.object}")


def claim_iri(article: URIRef, claim: Claim) -> URIRef:
    """Claims are named by their content's offsets: one content, one claim."""
    return URIRef(f"{article}/claim/{claim.content.start}-{claim.content.end}")


def _claim(claim: Claim, article: URIRef) -> Iterator[Quad]:
    node = claim_iri(article, claim)
    yield node, RDF.type, CKG.Claim, article
    yield node, CKG.reportedIn, article, article
    yield node, CKG.text, Literal(claim.span.text), article
    yield node, CKG.start, Literal(claim.span.start), article
    yield node, CKG.end, Literal(claim.span.end), article
    yield node, CKG.content, Literal(claim.content.text), article
    yield node, CKG.certainty, term(claim.certainty), article
    if claim.cue_lemma:
        yield node, CKG.cue, Literal(claim.cue_lemma), article
    if claim.source is not None:
        yield node, CKG.sourceText, Literal(claim.source.text), article
    if claim.stated_on:
        yield node, CKG.statedOn, Literal(claim.stated_on, datatype=XSD.date), article
    for key in claim.claimants:
        yield node, CKG.claimant, entity_iri(key), article
    for key in claim.via:
        yield node, CKG.via, entity_iri(key), article
    for key in claim.about:
        yield node, CKG.about, entity_iri(key), article
    for quantity in claim.quantities:
        figure = quantity.figure
        q = URIRef(f"{article}/quantity/{figure.start}-{figure.end}")
        yield node, CKG.quantity, q, article
        yield q, RDF.type, CKG.Quantity, article
        yield q, CKG.measure, term(quantity.measure), article
        yield q, CKG.qualifier, term(figure.qualifier), article
        yield q, CKG.text, Literal(figure.text), article
        for predicate, number in (
            (CKG.value, figure.value),
            (CKG.minValue, figure.min_value),
            (CKG.maxValue, figure.max_value),
        ):
            if number is not None:
                yield q, predicate, decimal_literal(number), article
        if quantity.count_of:
            yield q, CKG.countOf, entity_iri(quantity.count_of), article
