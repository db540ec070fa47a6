"""Records -> RDF quads in named graphs: the only place that mints IRIs and literals.

Each article's statements (the article node, its mentions, later its relations and claims)
go into the named graph whose name is the article IRI; entity descriptions into the shared
entities graph; gazetteer background facts into the gazetteer graph. IRIs derive from content
(text hash, offsets, slugs), so the same input always gives the same quads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.extract.gazetteer import Gazetteer
from kg.model import Article, Claim, Entity, ExtractedArticle, Relation
from kg.rdf.ontology import (
    ENTITIES_GRAPH,
    GAZETTEER_GRAPH,
    GEO,
    GEONAMES,
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
    "assertion_iri",
    "story_iri",
]

Quad = tuple[Node, Node, Node, URIRef]

# Terms minted once. An rdflib namespace builds and validates a new URIRef on every attribute
# access, and the memory store looks terms up in its indexes, where one shared object is an
# identity check but an equal copy costs a call to rdflib's ``__eq__``.
_TYPE, _LABEL, _ALT_LABEL, _SAME_AS = RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs
#: ``ckg:`` terms by name, each checked against the ontology once.
_ckg = cache(term)
#: Entity keys and character offsets recur across mentions and articles; both caches are
#: bounded so that a long build's memory stays flat.
_CACHE_SIZE = 1 << 16


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def story_iri(article_id: str) -> URIRef:
    """A Story is named by the id of its earliest member article."""
    return ID[f"story/{article_id}"]


def assertion_iri(quantity: URIRef) -> URIRef:
    """An Assertion is named by the figure of its earliest report: id:assertion/ARTICLE/START-END."""
    local = str(quantity).removeprefix(str(ID["article/"]))
    return ID["assertion/" + local.replace("/quantity/", "/", 1)]


@lru_cache(maxsize=_CACHE_SIZE)
def entity_iri(key: str) -> URIRef:
    return ID[key]


@lru_cache(maxsize=_CACHE_SIZE)
def _integer(number: int) -> Literal:
    return Literal(number)


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
        yield m, _TYPE, _ckg("Mention"), node
        yield m, _ckg("refersTo"), entity_iri(key), node
        yield m, _ckg("inArticle"), node, node
        yield m, _ckg("start"), _integer(mention.start), node
        yield m, _ckg("end"), _integer(mention.end), node
        yield m, _ckg("text"), Literal(mention.text), node
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
    yield node, _TYPE, _ckg("Article"), node
    yield node, _ckg("sourceFile"), Literal(article.source), node
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
    yield node, _TYPE, _ckg(entity.cls), graph
    yield node, _LABEL, Literal(entity.label), graph
    for alias in sorted(entity.aliases):
        yield node, _ALT_LABEL, Literal(alias), graph
    if entity.wikidata:
        yield node, _SAME_AS, WIKIDATA[entity.wikidata], graph
    if entity.geo is not None:
        yield node, _SAME_AS, GEONAMES[f"{entity.geo.geonames_id}/"], graph
        yield node, GEO.lat, decimal_literal(entity.geo.latitude), graph
        yield node, GEO.long, decimal_literal(entity.geo.longitude), graph
    if entity.located_in is not None:
        # schema:containedInPlace, not ckg:locatedIn: the place data says so, the article did not
        yield node, SCHEMA.containedInPlace, entity_iri(entity.located_in), graph


def _relations(relations: Iterable[Relation], graph: URIRef) -> Iterator[Quad]:
    """Each relation as a plain triple, and, where a sentence states it, an Evidence node in
    the same graph pointing at that sentence (no RDF reification: the triple stays queryable)."""
    for rel in relations:
        subject, predicate, obj = entity_iri(rel.subject), _ckg(rel.predicate), entity_iri(rel.object)
        yield subject, predicate, obj, graph
        if rel.evidence is None:
            continue
        node = evidence_iri(graph, rel)
        yield node, _TYPE, _ckg("Evidence"), graph
        yield node, _ckg("inArticle"), graph, graph
        yield node, _ckg("subject"), subject, graph
        yield node, _ckg("predicate"), predicate, graph
        yield node, _ckg("object"), obj, graph
        yield node, _ckg("start"), _integer(rel.evidence.start), graph
        yield node, _ckg("end"), _integer(rel.evidence.end), graph
        yield node, _ckg("text"), Literal(rel.evidence.text), graph


def evidence_iri(article: URIRef, rel: Relation) -> URIRef:
    """One Evidence per stated triple and sentence: article/evidence/START-END/predicate/subject/object."""
    assert rel.evidence is not None
    span = rel.evidence
    return URIRef(f"{article}/evidence/{span.start}-{span.end}/{rel.predicate}/{rel.subject}/{rel.object}")


def claim_iri(article: URIRef, claim: Claim) -> URIRef:
    """Claims are named by their content's offsets, and a claim with a figure by the figure's
    too: one content with two figures is two claims."""
    node = f"{article}/claim/{claim.content.start}-{claim.content.end}"
    if claim.quantities:
        figure = claim.quantities[0].figure
        node += f"/{figure.start}-{figure.end}"
    return URIRef(node)


def _claim(claim: Claim, article: URIRef) -> Iterator[Quad]:
    node = claim_iri(article, claim)
    yield node, _TYPE, _ckg("Claim"), article
    yield node, _ckg("reportedIn"), article, article
    yield node, _ckg("text"), Literal(claim.span.text), article
    yield node, _ckg("start"), _integer(claim.span.start), article
    yield node, _ckg("end"), _integer(claim.span.end), article
    yield node, _ckg("content"), Literal(claim.content.text), article
    yield node, _ckg("certainty"), _ckg(claim.certainty), article
    if claim.cue_lemma:
        yield node, _ckg("cue"), Literal(claim.cue_lemma), article
    if claim.source is not None:
        yield node, _ckg("sourceText"), Literal(claim.source.text), article
    if claim.stated_on:
        yield node, _ckg("statedOn"), Literal(claim.stated_on, datatype=XSD.date), article
    for key in claim.claimants:
        yield node, _ckg("claimant"), entity_iri(key), article
    for key in claim.via:
        yield node, _ckg("via"), entity_iri(key), article
    for key in claim.about:
        yield node, _ckg("about"), entity_iri(key), article
    for span in claim.repeated_in:
        again = URIRef(f"{node}/restated/{span.start}-{span.end}")
        yield node, _ckg("restatedIn"), again, article
        yield again, _TYPE, _ckg("Restatement"), article
        yield again, _ckg("inArticle"), article, article
        yield again, _ckg("start"), _integer(span.start), article
        yield again, _ckg("end"), _integer(span.end), article
        yield again, _ckg("text"), Literal(span.text), article
    for quantity in claim.quantities:
        figure = quantity.figure
        q = URIRef(f"{article}/quantity/{figure.start}-{figure.end}")
        yield node, _ckg("quantity"), q, article
        yield q, _TYPE, _ckg("Quantity"), article
        yield q, _ckg("measure"), _ckg(quantity.measure), article
        yield q, _ckg("qualifier"), _ckg(figure.qualifier), article
        yield q, _ckg("text"), Literal(figure.text), article
        for predicate, number in (
            (_ckg("value"), figure.value),
            (_ckg("minValue"), figure.min_value),
            (_ckg("maxValue"), figure.max_value),
        ):
            if number is not None:
                yield q, predicate, decimal_literal(number), article
        if quantity.count_of:
            yield q, _ckg("countOf"), entity_iri(quantity.count_of), article
        if quantity.tally:
            yield q, _ckg("tally"), _ckg(quantity.tally), article
        for name, day in (("periodStart", quantity.period_start), ("periodEnd", quantity.period_end)):
            if day:
                yield q, _ckg(name), Literal(day, datatype=XSD.date), article
