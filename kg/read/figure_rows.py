"""The rows of the figures table, read straight from an Oxigraph store, one article graph at a time.

Reading an article's graph whole with pyoxigraph and assembling its claims in Python is a
hundred times faster than the SPARQL joins of the canned queries, and an article is the unit a
build writes and a removal takes out, so the table can follow the store article by article.
What each row holds is what the canned queries ``claims``, ``figures_by_group``,
``figures_over_time`` and ``disagreeing_figures`` read, with the same rules: a claim needs a
type, a sentence and (for ``claims``) a certainty; a figure needs a measure, a qualifier and its
words, else its claim shows as a claim without a figure.

The names a reader may give for an entity (labels, aliases, the words of its mentions) and the
entities graph's labels are read here too, for the table's lookups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from kg.rdf.ontology import CKG, ENTITIES_GRAPH, RDF, RDFS, SCHEMA, SKOS

__all__ = ["FigureRow", "NameRow", "article_graphs", "article_rows", "entity_labels", "shared_names"]

_TYPE = ox.NamedNode(str(RDF.type))
_ARTICLE = ox.NamedNode(str(CKG.Article))
_CLAIM = ox.NamedNode(str(CKG.Claim))
_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
_ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))


def _ckg(name: str) -> str:
    return str(CKG[name])


_TEXT, _CERTAINTY, _CONTENT = _ckg("text"), _ckg("certainty"), _ckg("content")
_SOURCE, _STATED, _QUANTITY = _ckg("sourceText"), _ckg("statedOn"), _ckg("quantity")
_MEASURE, _QUALIFIER, _VALUE = _ckg("measure"), _ckg("qualifier"), _ckg("value")
_MIN, _MAX, _COUNT_OF = _ckg("minValue"), _ckg("maxValue"), _ckg("countOf")
_CLAIMANT, _VIA, _ABOUT, _REFERS_TO = _ckg("claimant"), _ckg("via"), _ckg("about"), _ckg("refersTo")
_PUBLISHED, _PUBLISHER, _FILE = str(SCHEMA.datePublished), str(SCHEMA.publisher), _ckg("sourceFile")


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One figure of one claim, or a claim without a figure (``quantity`` None); IRIs as text,
    literals in their lexical form, concepts by local name (``Killed``), as SPARQL shows them."""

    article: str
    claim: str
    quantity: str | None
    text: str
    content: str | None
    certainty: str | None
    source: str | None
    stated: str | None
    published: str | None
    day: date | None  # stated, else published, as a date
    outlet: str | None
    file: str | None
    measure: str | None
    qualifier: str | None
    figure: str | None
    value: str | None
    min: str | None
    max: str | None
    counted: str | None
    about: tuple[str, ...]
    claimants: tuple[str, ...]
    via: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameRow:
    """A name a reader may give for an entity (``rdfs:label``, ``skos:altLabel`` or a mention's
    words), found in ``graph``."""

    graph: str
    name: str
    target: str


def article_graphs(store: ox.Store) -> list[str]:
    """Every article graph in the store, sorted."""
    return sorted(
        q.subject.value
        for q in store.quads_for_pattern(None, _TYPE, _ARTICLE, None)
        if isinstance(q.subject, ox.NamedNode) and q.graph_name == q.subject
    )


def article_rows(store: ox.Store, article: str) -> tuple[list[FigureRow], list[NameRow]]:
    """The figure rows and the names of one article graph."""
    graph = ox.NamedNode(article)
    facts: defaultdict[str, defaultdict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list)
    )
    claims, names = [], []
    for quad in store.quads_for_pattern(None, None, None, graph):
        if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
            continue  # RDF-star: never written by ConflictKG
        subject, predicate, obj = quad.subject.value, quad.predicate.value, quad.object
        if predicate == _TYPE.value and obj == _CLAIM:
            claims.append(subject)
        elif predicate in (_LABEL.value, _ALT_LABEL.value) and isinstance(obj, ox.Literal):
            names.append(NameRow(article, obj.value, subject))
        facts[subject][predicate].append(obj)
    for by_predicate in facts.values():
        targets, texts = by_predicate.get(_REFERS_TO, ()), by_predicate.get(_TEXT, ())
        names += [NameRow(article, t.value, r.value) for r in targets for t in texts]
    page = facts[article]
    published, outlet, file = _one(page, _PUBLISHED), _one(page, _PUBLISHER), _one(page, _FILE)
    rows = []
    for claim in sorted(set(claims)):
        c = facts[claim]
        text = _one(c, _TEXT)
        if text is None:
            continue
        stated = _one(c, _STATED)
        shared = {
            "article": article,
            "claim": claim,
            "text": text,
            "content": _one(c, _CONTENT),
            "certainty": _local(_one(c, _CERTAINTY)),
            "source": _one(c, _SOURCE),
            "stated": stated,
            "published": published,
            "day": _date(stated if stated is not None else published),
            "outlet": outlet,
            "file": file,
            "about": _all(c, _ABOUT),
            "claimants": _all(c, _CLAIMANT),
            "via": _all(c, _VIA),
        }
        figures = [
            FigureRow(
                quantity=q,
                measure=_local(_one(facts[q], _MEASURE)),
                qualifier=_local(_one(facts[q], _QUALIFIER)),
                figure=_one(facts[q], _TEXT),
                value=_one(facts[q], _VALUE),
                min=_one(facts[q], _MIN),
                max=_one(facts[q], _MAX),
                counted=_one(facts[q], _COUNT_OF),
                **shared,  # type: ignore[arg-type]
            )
            for q in _all(c, _QUANTITY)
            if all(_one(facts[q], p) is not None for p in (_MEASURE, _QUALIFIER, _TEXT))
        ]
        none = dict.fromkeys(("quantity", "measure", "qualifier", "figure", "value", "min", "max", "counted"))
        rows += figures or [FigureRow(**none, **shared)]  # type: ignore[arg-type]
    return rows, names


def shared_names(store: ox.Store, articles: Iterable[str]) -> Iterator[NameRow]:
    """The labels and aliases of the graphs that are no article's (entities, gazetteer, ...)."""
    skip = set(articles)
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode) or graph.value in skip:
            continue
        for predicate in (_LABEL, _ALT_LABEL):
            for quad in store.quads_for_pattern(None, predicate, None, graph):
                if isinstance(quad.object, ox.Literal) and not isinstance(quad.subject, ox.Triple):
                    yield NameRow(graph.value, quad.object.value, quad.subject.value)


def entity_labels(store: ox.Store) -> Iterator[tuple[str, str]]:
    """(IRI, label) of every entity in the entities graph, where the queries read names."""
    for quad in store.quads_for_pattern(None, _LABEL, None, _ENTITIES):
        if isinstance(quad.object, ox.Literal) and not isinstance(quad.subject, ox.Triple):
            yield quad.subject.value, quad.object.value


def _one(facts: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]], predicate: str) -> str | None:
    """One value (the least, where there are several: SPARQL's SAMPLE may pick any)."""
    found = facts.get(predicate)
    return min(term.value for term in found) if found else None


def _all(facts: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]], predicate: str) -> tuple[str, ...]:
    return tuple(sorted({term.value for term in facts.get(predicate, ())}))


def _local(iri: str | None) -> str | None:
    return None if iri is None else iri.partition("#")[2]


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
