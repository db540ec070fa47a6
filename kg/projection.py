"""The one place that reads the graph for views: RDF dataset -> plain node and edge records.

Every view (the pyvis page of :mod:`kg.viz`, the networkx graph of :mod:`kg.analytics`) draws
from :func:`graph_view`, so they all see the same nodes and edges: the same rule for which
entities are shown, the same most specific class, the same merged relation sources.
:func:`relation_evidence` adds the sentences behind each relation and :func:`claim_links` who
claims what about whom. The records hold plain strings and ints, no rdflib types, so the code
that renders or analyses them never touches SPARQL or a store.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, URIRef

from kg.ontology import CKG, GAZETTEER_GRAPH

__all__ = [
    "RELATION_PREDICATES",
    "ClaimFigure",
    "ClaimLink",
    "ClaimRecord",
    "SourceSentence",
    "ViewEdge",
    "ViewNode",
    "claim_links",
    "claim_records",
    "graph_view",
    "relation_evidence",
]

logger = logging.getLogger(__name__)

#: ckg: properties drawn as edges between entities (the relation table of DESIGN.md).
RELATION_PREDICATES: tuple[str, ...] = (
    "affiliatedWith",
    "alliedWith",
    "deployedTo",
    "leaderOf",
    "locatedIn",
    "memberOf",
    "opposes",
    "partOf",
)

#: What a node is called when the data gives it no ckg: class at all.
UNKNOWN_CLASS = "Unknown"

#: Depth of each entity class in the ontology's rdfs:subClassOf tree (Actor and Location are
#: roots); an entity typed with several classes is shown as its deepest one. Classes the
#: ontology may add later rank below these, so a known subclass still wins.
_CLASS_DEPTH: dict[str, int] = {
    "Actor": 1,
    "Location": 1,
    "Person": 2,
    "Organization": 2,
    "State": 2,
    "Region": 2,
    "Settlement": 2,
    "GovernmentBody": 3,
    "MilitaryUnit": 3,
    "MediaOutlet": 3,
    "InternationalOrganization": 3,
}

_WIKIDATA_ENTITY = ("http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/")

_PREFIXES = f"""PREFIX ckg: <{CKG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

# One query per kind of fact, joined in Python: each is a single GRAPH pattern, which both
# rdflib's memory store and Oxigraph answer quickly, and no OPTIONAL is needed (whose results
# once differed between the two, kglab #203).
_MENTIONS_QUERY = (
    _PREFIXES
    + """SELECT ?entity ?article (COUNT(DISTINCT ?mention) AS ?n) WHERE {
  GRAPH ?g { ?mention ckg:refersTo ?entity ; ckg:inArticle ?article . }
} GROUP BY ?entity ?article"""
)
_ARTICLES_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?article ?file WHERE {
  GRAPH ?g { ?article a ckg:Article ; ckg:sourceFile ?file . }
}"""
)
_DESCRIPTIONS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?entity ?p ?o WHERE {
  VALUES ?p { rdf:type rdfs:label owl:sameAs }
  GRAPH ?g { ?entity ?p ?o . }
}"""
)
_RELATIONS_QUERY = (
    _PREFIXES
    + "SELECT DISTINCT ?s ?p ?o ?g WHERE {\n  VALUES ?p { "
    + " ".join(f"ckg:{name}" for name in RELATION_PREDICATES)
    + " }\n  GRAPH ?g { ?s ?p ?o . }\n}"
)

_EVIDENCE_QUERY = (
    _PREFIXES
    + "SELECT ?s ?p ?o ?article ?start ?end ?text WHERE {\n  VALUES ?p { "
    + " ".join(f"ckg:{name}" for name in RELATION_PREDICATES)
    + """ }
  GRAPH ?g { ?e a ckg:Evidence ; ckg:subject ?s ; ckg:predicate ?p ; ckg:object ?o ;
                ckg:inArticle ?article ; ckg:start ?start ; ckg:end ?end ; ckg:text ?text . }
}"""
)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


@dataclass(frozen=True, slots=True)
class ViewNode:
    """An entity as the page shows it.

    Attributes:
        id: The entity IRI.
        label: Its ``rdfs:label`` (the IRI's last segment when it has none).
        cls: Its most specific ``ckg:`` class, as a local name.
        mentions: How many mentions refer to it, over all articles.
        wikidata: Its Wikidata id ("Q423") from ``owl:sameAs``, if any.
        articles: Source files of the articles that mention it, sorted.
    """

    id: str
    label: str
    cls: str
    mentions: int
    wikidata: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ViewEdge:
    """One relation between two shown entities, merged over every graph that states it.

    Attributes:
        source: Subject entity IRI.
        target: Object entity IRI.
        predicate: The relation's ``ckg:`` local name ("leaderOf").
        sources: Source files of the stating articles, or "gazetteer", sorted.
    """

    source: str
    target: str
    predicate: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """A sentence of an article that states a relation or a claim.

    Attributes:
        text: The sentence as the article has it.
        article: The article's source file (its IRI when it has none).
        start: Character offset of the sentence in the article text.
        end: Offset just past its end.
    """

    text: str
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """What one actor claims about one entity, over every article.

    Attributes:
        claimant: The claimant entity IRI (``ckg:claimant``).
        subject: The entity the claims are about (``ckg:about``) or whose people a figure of
            theirs counts (``ckg:countOf``).
        claims: How many distinct claims link the two.
        figures: The figures of those claims as written ("11,000"), distinct, sorted.
        sources: Source files of the articles that report them, sorted.
        evidence: The claims' sentences, by article and then offset.
    """

    claimant: str
    subject: str
    claims: int
    figures: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[SourceSentence, ...]


def graph_view(dataset: Dataset) -> tuple[list[ViewNode], list[ViewEdge]]:
    """The mentioned entities and the relations among them, ready to draw.

    Only entities with at least one mention are nodes: the gazetteer describes many more, and a
    view of everything known rather than everything reported would bury the articles' actors.
    Relations are kept when both ends are nodes. Facts are read from every named graph, so the
    same code serves rdflib's memory store and Oxigraph.

    Args:
        dataset: The store's dataset (entities, gazetteer and article graphs).

    Returns:
        Nodes sorted by IRI, and edges sorted by (source, target, predicate).
    """
    mentions: defaultdict[str, int] = defaultdict(int)
    mentioned_in: defaultdict[str, set[str]] = defaultdict(set)
    for entity, article, count in _rows(dataset, _MENTIONS_QUERY):
        if isinstance(entity, URIRef):
            mentions[str(entity)] += int(count)
            mentioned_in[str(entity)].add(str(article))

    files = _source_files(dataset)

    types: defaultdict[str, set[str]] = defaultdict(set)
    labels: defaultdict[str, set[str]] = defaultdict(set)
    wikidata: defaultdict[str, set[str]] = defaultdict(set)
    for entity, p, o in _rows(dataset, _DESCRIPTIONS_QUERY):
        key = str(entity)
        if key not in mentions:
            continue
        if str(p) == _RDF_TYPE and isinstance(o, URIRef) and str(o).startswith(str(CKG)):
            types[key].add(str(o)[len(str(CKG)) :])
        elif str(p) == _RDFS_LABEL:
            labels[key].add(str(o))
        elif str(p) == _OWL_SAME_AS and str(o).startswith(_WIKIDATA_ENTITY):
            wikidata[key].add(str(o).rsplit("/", 1)[1])

    nodes = [
        ViewNode(
            id=key,
            label=min(labels[key]) if labels[key] else _last_segment(key),
            cls=_most_specific(types[key]),
            mentions=mentions[key],
            wikidata=min(wikidata[key]) if wikidata[key] else None,
            articles=tuple(
                sorted({f for article in mentioned_in[key] for f in files.get(article) or {article}})
            ),
        )
        for key in sorted(mentions)
    ]

    stated_in: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, g in _rows(dataset, _RELATIONS_QUERY):
        if str(s) in mentions and str(o) in mentions:
            stated_in[str(s), str(p)[len(str(CKG)) :], str(o)].add(_graph_source(str(g), files))
    edges = [
        ViewEdge(source=s, target=o, predicate=p, sources=tuple(sorted(graphs)))
        for (s, p, o), graphs in sorted(
            stated_in.items(), key=lambda item: (item[0][0], item[0][2], item[0][1])
        )
    ]
    logger.debug("graph view: %d nodes, %d edges", len(nodes), len(edges))
    return nodes, edges


def relation_evidence(dataset: Dataset) -> dict[tuple[str, str, str], tuple[SourceSentence, ...]]:
    """The sentences each relation was read from, keyed like :class:`ViewEdge`: (source, predicate,
    target), sentences by article and then offset. Gazetteer facts have none."""
    files = _source_files(dataset)
    found: defaultdict[tuple[str, str, str], set[SourceSentence]] = defaultdict(set)
    for s, p, o, article, start, end, text in _rows(dataset, _EVIDENCE_QUERY):
        sentence = SourceSentence(str(text), _article_file(str(article), files), int(start), int(end))
        found[str(s), str(p)[len(str(CKG)) :], str(o)].add(sentence)
    return {key: _in_reading_order(sentences) for key, sentences in sorted(found.items())}


def claim_links(dataset: Dataset) -> list[ClaimLink]:
    """Claimant -> subject links of every attributed claim, sorted by (claimant, subject).

    :func:`claim_records` folded into pairs: a claim with several claimants or subjects links
    each claimant to each subject; a claim attributed to no one links nothing.
    """
    linked: defaultdict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for record in claim_records(dataset):
        subjects = set(record.about) | {figure.group for figure in record.figures if figure.group}
        for who in record.claimants:
            for subject in subjects:
                linked[who, subject].append(record)
    return [
        ClaimLink(
            claimant=who,
            subject=subject,
            claims=len(records),
            figures=tuple(sorted({f.text for record in records for f in record.figures if f.text})),
            sources=tuple(sorted({record.sentence.article for record in records})),
            evidence=_in_reading_order(record.sentence for record in records),
        )
        for (who, subject), records in sorted(linked.items())
    ]


def _source_files(dataset: Dataset) -> dict[str, set[str]]:
    """Article IRI -> its ``ckg:sourceFile`` names."""
    files: defaultdict[str, set[str]] = defaultdict(set)
    for article, file in _rows(dataset, _ARTICLES_QUERY):
        files[str(article)].add(str(file))
    return files


def _article_file(article: str, files: dict[str, set[str]]) -> str:
    return min(files[article]) if files.get(article) else article


def _in_reading_order(sentences: Iterable[SourceSentence]) -> tuple[SourceSentence, ...]:
    return tuple(sorted(set(sentences), key=lambda s: (s.article, s.start, s.end, s.text)))


def _rows(dataset: Dataset, query: str) -> list[tuple[Any, ...]]:
    """All result rows, read eagerly so rdflib's own deprecation noise stays inside the filter.

    rdflib 7's SPARQL engine evaluates ``GRAPH ?g`` over a memory Dataset through its own
    deprecated ``Dataset.contexts``/``default_context``; the warning is about rdflib's code, not
    ours, and would fail every caller that runs with warnings as errors.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Dataset\.\w+ is deprecated", category=DeprecationWarning)
        return [tuple(row) for row in dataset.query(query)]  # type: ignore[arg-type]


def _most_specific(classes: set[str]) -> str:
    if not classes:
        return UNKNOWN_CLASS
    return max(sorted(classes), key=lambda name: _CLASS_DEPTH.get(name, 0))


def _last_segment(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _graph_source(graph: str, files: dict[str, set[str]]) -> str:
    """What a reader calls the graph a relation came from: its article's file, or "gazetteer"."""
    if graph == str(GAZETTEER_GRAPH):
        return "gazetteer"
    article_files = files.get(graph)
    return min(article_files) if article_files else graph


_CLAIM_SENTENCES_QUERY = (
    _PREFIXES
    + """SELECT ?claim ?article ?start ?end ?text WHERE {
  GRAPH ?g { ?claim a ckg:Claim ; ckg:reportedIn ?article ;
               ckg:start ?start ; ckg:end ?end ; ckg:text ?text . }
}"""
)
_CLAIM_FACTS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?claim ?p ?o WHERE {
  VALUES ?p { ckg:claimant ckg:about ckg:content ckg:cue ckg:certainty }
  GRAPH ?g { ?claim ?p ?o . }
}"""
)
_CLAIM_QUANTITIES_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?claim ?q ?p ?o WHERE {
  VALUES ?p { ckg:text ckg:measure ckg:countOf }
  GRAPH ?g { ?claim ckg:quantity ?q . ?q ?p ?o . }
}"""
)


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """A figure of a claim as written ("Some 11,000"), what it measures, and whose people it
    counts (an entity IRI; None when the text names no group)."""

    text: str
    measure: str
    group: str | None


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with the sentence it was read from: the unit of the claims view.

    Attributes:
        id: The claim IRI.
        sentence: The claim's sentence and its article.
        content: What is claimed, when the extractor told it apart from the sentence.
        cue: The reporting verb's lemma ("say"), if any.
        certainty: Its ``ckg:certainty`` as a local name ("Estimated").
        claimants: Entity IRIs of who makes it, sorted; empty when unattributed.
        about: Entity IRIs it is about (``ckg:about``), sorted.
        figures: Its figures, by text.
    """

    id: str
    sentence: SourceSentence
    content: str | None
    cue: str | None
    certainty: str | None
    claimants: tuple[str, ...]
    about: tuple[str, ...]
    figures: tuple[ClaimFigure, ...]


def claim_records(dataset: Dataset) -> list[ClaimRecord]:
    """Every claim with its claimants, subjects and figures, in reading order (article, offset).

    Unlike :func:`claim_links`, which folds claims into claimant -> subject pairs, each claim
    stays one record, so a view can draw claimant -> claim -> counted group with the figure.
    """
    files = _source_files(dataset)
    sentences = {
        str(claim): SourceSentence(str(text), _article_file(str(article), files), int(start), int(end))
        for claim, article, start, end, text in _rows(dataset, _CLAIM_SENTENCES_QUERY)
    }
    facts: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for claim, p, o in _rows(dataset, _CLAIM_FACTS_QUERY):
        facts[str(claim), _last_segment(str(p))].add(str(o))
    quantities: defaultdict[str, defaultdict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for claim, q, p, o in _rows(dataset, _CLAIM_QUANTITIES_QUERY):
        quantities[str(claim)][str(q)].setdefault(_last_segment(str(p)), str(o))

    def one(claim: str, name: str) -> str | None:
        found = facts.get((claim, name))
        return min(found) if found else None

    records = [
        ClaimRecord(
            id=claim,
            sentence=sentence,
            content=one(claim, "content"),
            cue=one(claim, "cue"),
            certainty=_last_segment(certainty) if (certainty := one(claim, "certainty")) else None,
            claimants=tuple(sorted(facts.get((claim, "claimant"), ()))),
            about=tuple(sorted(facts.get((claim, "about"), ()))),
            figures=tuple(
                sorted(
                    (
                        ClaimFigure(q.get("text", ""), _last_segment(q.get("measure", "")), q.get("countOf"))
                        for q in quantities[claim].values()
                    ),
                    key=lambda figure: (figure.text, figure.measure, figure.group or ""),
                )
            ),
        )
        for claim, sentence in sentences.items()
    ]
    return sorted(records, key=lambda record: (record.sentence.article, record.sentence.start, record.id))
