"""What an entity page shows, read from the store as plain records.

:func:`entity_facts` gathers an entity's names, classes and Wikidata item, the relations it
takes part in with the sentences they were read from, the claims it makes, passes on or is the
subject of with their figures, and the articles behind all of these. The small helpers at the
end (:func:`iri_values`, :func:`labels`, :func:`named`, ...) are shared with :mod:`kg.read.search`.

As in :mod:`kg.read.projection`, each query is a few ``GRAPH`` patterns joined in Python rather than
one query with OPTIONALs, so rdflib's memory store and Oxigraph answer the same. The records
hold plain strings; :mod:`kg.web.pages` turns them into HTML.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, Literal, URIRef

from kg.rdf.ontology import CKG, ID, SCHEMA
from kg.rdf.sparql import PREFIX_HEADER, is_iri, last_segment, sparql_iri
from kg.read.projection import RELATION_PREDICATES, rows

__all__ = [
    "ArticleInfo",
    "article_infos",
    "ClaimFact",
    "EntityFacts",
    "Evidence",
    "Figure",
    "Named",
    "RelationFact",
    "entity_facts",
    "entity_iri",
    "entity_key",
    "iri_values",
    "labels",
    "named",
]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
_WIKIDATA = re.compile(r"https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)")
_ARTICLE_FIELDS = {
    str(CKG.sourceFile): "file",
    str(SCHEMA.headline): "headline",
    str(SCHEMA.url): "url",
    str(SCHEMA.datePublished): "published",
    str(SCHEMA.publisher): "publisher",
}
#: Instance IRIs under these are not entities: articles (and their parts) and graph names.
_NOT_ENTITIES = ("article/", "graph/")
_KEY = re.compile(r"[\w.~%-]+(?:/[\w.~%-]+)*")


@dataclass(frozen=True, slots=True)
class Named:
    """Something shown by name. ``key`` is its ``/entity/{key}`` (None: no page for it)."""

    iri: str
    label: str
    key: str | None


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """An article's metadata, any of which may be missing."""

    iri: str
    file: str | None = None
    headline: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a relation was read from, and its article's IRI."""

    text: str
    article: str


@dataclass(frozen=True, slots=True)
class RelationFact:
    """One relation of the entity: ``entity predicate other`` when ``outgoing``, else the reverse.

    Attributes:
        graphs: The named graphs that state it: article IRIs, or the gazetteer's graph.
    """

    predicate: str
    other: Named
    outgoing: bool
    graphs: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure of a claim: as written, what it counts, its bounds (decimals, or None)."""

    text: str
    measure: str
    qualifier: str
    value: object
    minimum: object
    maximum: object
    count_of: Named | None


@dataclass(frozen=True, slots=True)
class ClaimFact:
    """A claim the entity takes part in; ``roles`` says how: claimant, via, about, counted."""

    iri: str
    roles: tuple[str, ...]
    text: str
    content: str | None
    cue: str | None
    certainty: str | None
    stated_on: str | None
    source_text: str | None
    claimants: tuple[Named, ...]
    via: tuple[Named, ...]
    about: tuple[Named, ...]
    article: str | None
    start: int
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """Everything an entity page shows."""

    entity: Named
    classes: tuple[str, ...]
    aliases: tuple[str, ...]
    wikidata: tuple[str, ...]
    same_as: tuple[str, ...]
    names_in_text: tuple[tuple[str, int], ...]
    mentions: tuple[tuple[str, int], ...]
    relations: tuple[RelationFact, ...]
    claims: tuple[ClaimFact, ...]
    articles: Mapping[str, ArticleInfo]


def entity_key(iri: str) -> str | None:
    """The ``/entity/{key}`` of an entity IRI; None for anything that is not one."""
    base = str(ID)
    if not iri.startswith(base):
        return None
    key = iri[len(base) :]
    return key if _is_key(key) else None


def entity_iri(key: str) -> str | None:
    """The entity IRI of a page key; None when the key could not be one."""
    return str(ID) + key if _is_key(key) else None


def _is_key(key: str) -> bool:
    """Path segments of word characters, none of them "." or ".." (which a URL resolves away)."""
    return (
        _KEY.fullmatch(key) is not None
        and not key.startswith(_NOT_ENTITIES)
        and not {".", ".."} & set(key.split("/"))
    )


def entity_facts(dataset: Dataset, key: str) -> EntityFacts | None:
    """The facts of the entity ``key`` ("north-korea"); None when the store knows nothing of it."""
    iri = entity_iri(key)
    if iri is None:
        return None
    me = sparql_iri(iri)
    described = rows(dataset, f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {me} ?p ?o }} }}")
    relation_values = " ".join(f"ckg:{name}" for name in RELATION_PREDICATES)
    incoming = rows(
        dataset,
        f"{PREFIX_HEADER}SELECT ?s ?p ?g WHERE {{ VALUES ?p {{ {relation_values} }} "
        f"GRAPH ?g {{ ?s ?p {me} }} }}",
    )
    mentions = rows(
        dataset,
        f"{PREFIX_HEADER}SELECT ?article ?text (COUNT(?m) AS ?n) WHERE {{ GRAPH ?g {{ ?m ckg:refersTo {me} ; "
        "ckg:inArticle ?article ; ckg:text ?text } } GROUP BY ?article ?text",
    )
    roles = rows(
        dataset,
        f"""{PREFIX_HEADER}SELECT DISTINCT ?claim ?role WHERE {{ GRAPH ?g {{
  {{ ?claim ckg:claimant {me} BIND("claimant" AS ?role) }}
  UNION {{ ?claim ckg:via {me} BIND("via" AS ?role) }}
  UNION {{ ?claim ckg:about {me} BIND("about" AS ?role) }}
  UNION {{ ?claim ckg:quantity ?q . ?q ckg:countOf {me} BIND("counted" AS ?role) }} }} }}""",
    )
    if not (described or incoming or mentions or roles):
        return None

    own_labels: set[str] = set()
    aliases: set[str] = set()
    classes: set[str] = set()
    same_as: set[str] = set()
    stated: defaultdict[tuple[str, str, bool], set[str]] = defaultdict(set)
    relation_names = {str(CKG[name]): name for name in RELATION_PREDICATES}
    for p, o, g in described:
        p = str(p)
        if p == _RDFS_LABEL:
            own_labels.add(str(o))
        elif p == _SKOS_ALT:
            aliases.add(str(o))
        elif p == _RDF_TYPE and str(o).startswith(str(CKG)):
            classes.add(str(o)[len(str(CKG)) :])
        elif p == _OWL_SAME_AS:
            same_as.add(str(o))
        elif p in relation_names and isinstance(o, URIRef):
            stated[relation_names[p], str(o), True].add(str(g))
    for s, p, g in incoming:
        if isinstance(s, URIRef):
            stated[relation_names[str(p)], str(s), False].add(str(g))

    evidence = _evidence(dataset, me, iri)
    claims_by_role: defaultdict[str, set[str]] = defaultdict(set)
    for claim, role in roles:
        claims_by_role[str(claim)].add(str(role))
    claim_rows, figure_rows = _claim_rows(dataset, sorted(claims_by_role))

    people = {o for _, o, _ in stated} | _claim_people(claim_rows, figure_rows)
    names = labels(dataset, people)
    relations = tuple(
        RelationFact(
            predicate,
            named(other, names),
            outgoing,
            tuple(sorted(graphs)),
            tuple(
                sorted(
                    evidence.get((iri, predicate, other) if outgoing else (other, predicate, iri), ()),
                    key=lambda e: (e.article, e.text),
                )
            ),
        )
        for (predicate, other, outgoing), graphs in sorted(
            stated.items(), key=lambda item: (not item[0][2], item[0][0], names.get(item[0][1], item[0][1]))
        )
    )
    claims = _claims(claims_by_role, claim_rows, figure_rows, names)

    texts: defaultdict[str, int] = defaultdict(int)
    per_article: defaultdict[str, int] = defaultdict(int)
    for article, text, count in mentions:
        texts[str(text)] += int(count)
        per_article[str(article)] += int(count)
    article_iris = set(per_article) | {c.article for c in claims if c.article}
    article_iris |= {e.article for r in relations for e in r.evidence}
    article_iris |= {g for r in relations for g in r.graphs}
    label = min(own_labels) if own_labels else last_segment(iri)
    return EntityFacts(
        entity=Named(iri, label, key),
        classes=tuple(sorted(classes)),
        aliases=tuple(sorted(aliases - {label}, key=str.lower)),
        wikidata=tuple(sorted(m.group(1) for m in map(_WIKIDATA.fullmatch, same_as) if m)),
        same_as=tuple(sorted(iri for iri in same_as if not _WIKIDATA.fullmatch(iri))),
        names_in_text=tuple(sorted(texts.items(), key=lambda item: (-item[1], item[0]))),
        mentions=tuple(sorted(per_article.items(), key=lambda item: (-item[1], item[0]))),
        relations=relations,
        claims=claims,
        articles=article_infos(dataset, article_iris),
    )


def _evidence(dataset: Dataset, me: str, iri: str) -> dict[tuple[str, str, str], set[Evidence]]:
    found: defaultdict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    fields = "ckg:subject ?s ; ckg:predicate ?p ; ckg:object ?o ; ckg:text ?text ; ckg:inArticle ?article"
    query = (
        f"{PREFIX_HEADER}SELECT ?s ?p ?o ?text ?article WHERE {{\n"
        f"  {{ GRAPH ?g {{ ?ev ckg:subject {me} ; {fields} }} }}\n"
        f"  UNION {{ GRAPH ?g {{ ?ev ckg:object {me} ; {fields} }} }}\n}}"
    )
    for s, p, o, text, article in rows(dataset, query):
        if str(p).startswith(str(CKG)):
            found[str(s), str(p)[len(str(CKG)) :], str(o)].add(Evidence(str(text), str(article)))
    return found


def _claim_rows(
    dataset: Dataset, claims: list[str]
) -> tuple[dict[str, dict[str, list[Any]]], dict[str, dict[str, dict[str, list[Any]]]]]:
    """Each claim's properties, and each claim's quantities' properties (predicate -> values)."""
    details: defaultdict[str, defaultdict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    figures: defaultdict[str, defaultdict[str, defaultdict[str, list[Any]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for values in iri_values(claims):
        for claim, p, o in rows(
            dataset,
            f"SELECT ?claim ?p ?o WHERE {{ VALUES ?claim {{ {values} }} GRAPH ?g {{ ?claim ?p ?o }} }}",
        ):
            details[str(claim)][str(p)].append(o)
        query = (
            f"{PREFIX_HEADER}SELECT ?claim ?q ?p ?o WHERE {{ VALUES ?claim {{ {values} }} "
            "GRAPH ?g { ?claim ckg:quantity ?q . ?q ?p ?o } }"
        )
        for claim, q, p, o in rows(dataset, query):
            figures[str(claim)][str(q)][str(p)].append(o)
    return {k: dict(v) for k, v in details.items()}, {
        k: {q: dict(props) for q, props in v.items()} for k, v in figures.items()
    }


def _claim_people(
    claim_rows: Mapping[str, Mapping[str, list[Any]]],
    figure_rows: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> set[str]:
    people = set()
    for props in claim_rows.values():
        for predicate in ("claimant", "via", "about"):
            people |= {str(o) for o in props.get(str(CKG[predicate]), ())}
    for quantities in figure_rows.values():
        for props in quantities.values():
            people |= {str(o) for o in props.get(str(CKG.countOf), ())}
    return people


def _claims(
    roles: Mapping[str, set[str]],
    claim_rows: Mapping[str, Mapping[str, list[Any]]],
    figure_rows: Mapping[str, Mapping[str, Mapping[str, list[Any]]]],
    names: Mapping[str, str],
) -> tuple[ClaimFact, ...]:
    order = ("claimant", "via", "about", "counted")
    facts = []
    for claim, claim_roles in roles.items():
        props = claim_rows.get(claim, {})

        def one(name: str, props: Mapping[str, list[Any]] = props) -> str | None:
            found = props.get(str(CKG[name]))
            return str(min(found, key=str)) if found else None

        def many(name: str, props: Mapping[str, list[Any]] = props) -> tuple[Named, ...]:
            found = {str(o) for o in props.get(str(CKG[name]), ())}
            return tuple(sorted((named(o, names) for o in found), key=lambda n: n.label))

        figures = tuple(
            sorted(
                (_figure(q_props, names) for q_props in figure_rows.get(claim, {}).values()),
                key=lambda f: (f.measure, f.text),
            )
        )
        start = one("start")
        facts.append(
            ClaimFact(
                iri=claim,
                roles=tuple(role for role in order if role in claim_roles),
                text=one("text") or "",
                content=one("content"),
                cue=one("cue"),
                certainty=_local(one("certainty")),
                stated_on=one("statedOn"),
                source_text=one("sourceText"),
                claimants=many("claimant"),
                via=many("via"),
                about=many("about"),
                article=one("reportedIn"),
                start=int(start) if start and start.isdigit() else 0,
                figures=figures,
            )
        )
    return tuple(sorted(facts, key=lambda c: (c.article or "", c.start, c.iri)))


def _figure(props: Mapping[str, list[Any]], names: Mapping[str, str]) -> Figure:
    def one(name: str) -> Any:
        found = props.get(str(CKG[name]))
        return min(found, key=str) if found else None

    def number(name: str) -> object:
        found = one(name)
        return found.toPython() if isinstance(found, Literal) else None

    count_of = one("countOf")
    return Figure(
        text=str(one("text") or ""),
        measure=_local(one("measure")) or "",
        qualifier=_local(one("qualifier")) or "",
        value=number("value"),
        minimum=number("minValue"),
        maximum=number("maxValue"),
        count_of=named(str(count_of), names) if count_of is not None else None,
    )


def article_infos(dataset: Dataset, iris: Iterable[str]) -> dict[str, ArticleInfo]:
    """Each article's file and metadata, for links to it."""
    fields: defaultdict[str, dict[str, str]] = defaultdict(dict)
    wanted = " ".join(sparql_iri(p) for p in _ARTICLE_FIELDS)
    for values in iri_values(sorted(iris)):
        query = (
            f"SELECT ?a ?p ?o WHERE {{ VALUES ?a {{ {values} }} VALUES ?p {{ {wanted} }} "
            "GRAPH ?g { ?a ?p ?o } }"
        )
        for article, p, o in rows(dataset, query):
            fields[str(article)].setdefault(_ARTICLE_FIELDS[str(p)], str(o))
    return {iri: ArticleInfo(iri, **values) for iri, values in fields.items()}


def labels(dataset: Dataset, iris: Iterable[str]) -> dict[str, str]:
    """Each IRI's ``rdfs:label`` (the least, when it has several); IRIs without one are left out."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for values in iri_values(sorted(iris)):
        query = (
            f"{PREFIX_HEADER}SELECT ?e ?l WHERE {{ VALUES ?e {{ {values} }} "
            "GRAPH ?g { ?e rdfs:label ?l } }"
        )
        for entity, label in rows(dataset, query):
            found[str(entity)].add(str(label))
    return {iri: min(names) for iri, names in found.items()}


def iri_values(iris: Iterable[str], size: int = 200) -> Iterator[str]:
    """The IRIs SPARQL can write, as ``<a> <b> ...`` lists of at most ``size`` for a ``VALUES``
    clause each: one query per list keeps the query text small whatever the number of IRIs."""
    written = [sparql_iri(iri) for iri in iris if is_iri(iri)]
    for start in range(0, len(written), size):
        yield " ".join(written[start : start + size])


def named(iri: str, names: Mapping[str, str]) -> Named:
    """``iri`` with its label from ``names`` (its last path segment when it has none)."""
    return Named(iri, names.get(iri) or last_segment(iri), entity_key(iri))


def _local(iri: str | None) -> str | None:
    return last_segment(iri) if iri else None
