"""The assertions an entity page lists: those the entity makes and those that count it.

An assertion is one claimant's figure however many articles report it (graph
``id:graph/assertions``, :mod:`kg.builder.assertions`). On an entity's page an analyst wants the
figures it gave and the figures given about it, each once, with the articles that report it
grouped by story (copies of one wire story are one origin), and the other claimants whose
figures corroborate it or disagree with it. Queries are small ``GRAPH`` patterns joined in
Python, as in :mod:`kg.read.facts`; the records hold plain strings for :mod:`kg.web.pages`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset

from kg.rdf.ontology import ASSERTIONS_GRAPH, CKG, STORIES_GRAPH
from kg.rdf.sparql import PREFIX_HEADER, is_iri, sparql_iri
from kg.read.facts import ArticleInfo, Named, article_infos, entity_iri, iri_values, labels, named
from kg.read.projection import rows

__all__ = ["AssertionFact", "LinkedAssertion", "entity_assertions"]

_GRAPH = sparql_iri(str(ASSERTIONS_GRAPH))
_STORIES = sparql_iri(str(STORIES_GRAPH))


@dataclass(frozen=True, slots=True)
class LinkedAssertion:
    """Another claimant's assertion that corroborates or contradicts one: who, and the figure."""

    claimants: tuple[Named, ...]  # empty: an unnamed source
    figure: str


@dataclass(frozen=True, slots=True)
class AssertionFact:
    """One assertion as an entity page lists it.

    Attributes:
        iri: The ``ckg:Assertion``.
        roles: How the entity takes part: "claimant" (it gave the figure), "counted" (the figure
            counts it), or both.
        claimants: Who asserts it.
        measure: Local name of the figure's measure (Killed, TroopCount, ...).
        figure: The figure as its earliest report writes it.
        counts: The group it counts, when named.
        stories: The reporting articles, one tuple per story (independent origin), in a fixed
            order; an article whose story is unknown is a story of its own.
        first_stated: The earliest date its reports give, ISO 8601, or "".
        last_stated: The latest, or "".
        corroborated_by: Other claimants' compatible figures.
        disagrees_with: Other claimants' figures that cannot be true with it.
    """

    iri: str
    roles: tuple[str, ...]
    claimants: tuple[Named, ...]
    measure: str
    figure: str
    counts: Named | None
    stories: tuple[tuple[str, ...], ...]
    first_stated: str = ""
    last_stated: str = ""
    corroborated_by: tuple[LinkedAssertion, ...] = ()
    disagrees_with: tuple[LinkedAssertion, ...] = ()

    @property
    def reports(self) -> int:
        """How many articles report it."""
        return sum(len(articles) for articles in self.stories)


def entity_assertions(dataset: Dataset, key: str) -> tuple[tuple[AssertionFact, ...], dict[str, ArticleInfo]]:
    """The assertions the entity ``key`` makes or is counted in (most independent stories first),
    and the metadata of the articles that report them; empty for a store without assertions."""
    iri = entity_iri(key)
    if iri is None:
        return (), {}
    me = sparql_iri(iri)
    query = (
        f"{PREFIX_HEADER}SELECT DISTINCT ?a ?role WHERE {{ GRAPH {_GRAPH} {{ "
        f'{{ ?a ckg:claimant {me} BIND("claimant" AS ?role) }} '
        f'UNION {{ ?a ckg:quantity ?q . ?q ckg:countOf {me} BIND("counted" AS ?role) }} }} }}'
    )
    roles: defaultdict[str, set[str]] = defaultdict(set)
    for assertion, role in rows(dataset, query):
        roles[str(assertion)].add(str(role))
    if not roles:
        return (), {}
    props = _properties(dataset, roles)
    linked = {str(o) for a in roles for p in ("corroboratedBy", "disagreesWith") for o in props[a].get(p, [])}
    props.update(_properties(dataset, linked - set(roles)))
    reports = _reports(dataset, roles)
    people = {str(o) for a in props.values() for p in ("claimant", "countOf") for o in a.get(p, [])}
    names = labels(dataset, people)

    def claimants(assertion: str) -> tuple[Named, ...]:
        found = (named(str(w), names) for w in props[assertion].get("claimant", []))
        return tuple(sorted(found, key=lambda n: (n.label.casefold(), n.iri)))

    def linked_to(assertion: str, predicate: str) -> tuple[LinkedAssertion, ...]:
        others = sorted(str(o) for o in props[assertion].get(predicate, []))
        found = (LinkedAssertion(claimants(o), _one(props[o], "text")) for o in others if o in props)
        return tuple(sorted(found, key=lambda f: ([n.label.casefold() for n in f.claimants], f.figure)))

    facts = []
    for assertion, found in roles.items():
        own = props[assertion]
        counted = _one(own, "countOf")
        facts.append(
            AssertionFact(
                iri=assertion,
                roles=tuple(sorted(found)),
                claimants=claimants(assertion),
                measure=_one(own, "measure").rpartition("#")[2],
                figure=_one(own, "text"),
                counts=named(counted, names) if counted else None,
                stories=reports.get(assertion, ()),
                first_stated=_one(own, "firstStated"),
                last_stated=_one(own, "lastStated"),
                corroborated_by=linked_to(assertion, "corroboratedBy"),
                disagrees_with=linked_to(assertion, "disagreesWith"),
            )
        )
    facts.sort(key=lambda f: (-len(f.stories), -f.reports, f.first_stated, f.iri))
    articles = {a for f in facts for story in f.stories for a in story}
    return tuple(facts), article_infos(dataset, articles)


def _properties(dataset: Dataset, assertions: Iterable[str]) -> dict[str, dict[str, list[Any]]]:
    """Each assertion's properties and its quantity's, by local name (predicate -> values)."""
    found: defaultdict[str, defaultdict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for values in iri_values(sorted(assertions)):
        query = (
            f"{PREFIX_HEADER}SELECT ?a ?p ?o WHERE {{ VALUES ?a {{ {values} }} GRAPH {_GRAPH} {{ "
            "{ ?a ?p ?o } UNION { ?a ckg:quantity ?q . ?q ?p ?o } } }"
        )
        for assertion, p, o in rows(dataset, query):
            if str(p).startswith(str(CKG)):
                found[str(assertion)][str(p)[len(str(CKG)) :]].append(o)
    return {a: dict(p) for a, p in found.items()} | {a: {} for a in assertions if a not in found}


def _reports(dataset: Dataset, assertions: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each assertion's reporting articles, grouped by their story."""
    articles: defaultdict[str, set[str]] = defaultdict(set)
    for values in iri_values(sorted(assertions)):
        query = (
            f"{PREFIX_HEADER}SELECT ?a ?article WHERE {{ VALUES ?a {{ {values} }} "
            f"GRAPH {_GRAPH} {{ ?a ckg:reportedAs ?claim }} GRAPH ?g {{ ?claim ckg:reportedIn ?article }} }}"
        )
        for assertion, article in rows(dataset, query):
            articles[str(assertion)].add(str(article))
    story_of: dict[str, str] = {}
    for values in iri_values(sorted({a for found in articles.values() for a in found if is_iri(a)})):
        query = (
            f"{PREFIX_HEADER}SELECT ?article ?story WHERE {{ VALUES ?article {{ {values} }} "
            f"GRAPH {_STORIES} {{ ?article ckg:story ?story }} }}"
        )
        story_of.update((str(article), str(story)) for article, story in rows(dataset, query))
    return {a: _by_story(found, story_of) for a, found in articles.items()}


def _by_story(articles: Iterable[str], story_of: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    stories: defaultdict[str, list[str]] = defaultdict(list)
    for article in sorted(articles):
        stories[story_of.get(article, article)].append(article)
    return tuple(sorted((tuple(members) for members in stories.values()), key=lambda s: (-len(s), s)))


def _one(props: Mapping[str, list[Any]], name: str) -> str:
    values = props.get(name)
    return min(str(v) for v in values) if values else ""
