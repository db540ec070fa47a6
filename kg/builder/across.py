"""The graphs derived across articles (stories, assertions), brought up to date with the store.

Both are functions of the article graphs alone, so they are recomputed from what the store holds
and only the difference is written: quads that no longer hold are removed, new ones added. That
keeps ``kg build`` and ``kg remove`` exact (a removed copy leaves its story to the others, counts
drop by one) and makes a refresh cut short harmless: the next build or removal recomputes the
same graphs and writes what is missing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rdflib import Graph

from kg.builder.assertions import (
    article_places,
    assertion_quads,
    claimant_identity,
    claimant_labels,
    group_reports,
    link_assertions,
    read_reports,
)
from kg.builder.stories import stored_articles, stored_stories, story_quads
from kg.rdf.export import canonical_literal
from kg.rdf.mapping import Quad
from kg.rdf.ontology import ASSERTIONS_GRAPH, STORIES_GRAPH
from kg.store import QuadStore

__all__ = ["DERIVED_GRAPHS", "RefreshReport", "derived_quads", "refresh"]

DERIVED_GRAPHS = (STORIES_GRAPH, ASSERTIONS_GRAPH)


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh changed."""

    stories: int
    assertions: int
    added: int
    removed: int
    seconds: float


def derived_quads(store: QuadStore) -> tuple[list[Quad], int, int]:
    """The stories and assertions graphs as the store's articles imply them, and their counts."""
    dataset = store.dataset
    articles = stored_articles(dataset)
    stories, story_of = story_quads(articles, stored_stories(dataset))
    outlet_of = {iri: a.outlet for iri, a in articles.items() if a.outlet is not None}
    reports = read_reports(dataset)
    labels = claimant_labels(dataset, {c for r in reports for c in r.claimants})
    assertions = group_reports(reports, story_of, outlet_of, claimant_identity(dataset), labels)
    link_assertions(assertions, article_places(dataset))
    return stories + assertion_quads(assertions), len(set(story_of.values())), len(assertions)


def refresh(store: QuadStore) -> RefreshReport:
    """Recompute the derived graphs and write the difference to the store."""
    started = time.perf_counter()
    wanted, n_stories, n_assertions = derived_quads(store)
    present: dict[Quad, Quad] = {}  # as compared -> as stored
    for name in DERIVED_GRAPHS:
        if not store.has_graph(name):
            continue  # a first build: nothing to compare with
        named = Graph(store.dataset.store, identifier=name)  # Dataset.graph() would write to the store
        for s, p, o, _ in store.dataset.quads((None, None, None, named)):
            present[(s, p, canonical_literal(o), name)] = (s, p, o, name)
    new = {(s, p, canonical_literal(o), g) for s, p, o, g in wanted}
    # in a fixed order, by the terms' text: rdflib's own term ordering costs several times more
    stale = sorted((present[q] for q in present.keys() - new), key=_text)
    fresh = sorted(new - present.keys(), key=_text)
    removed = store.remove(stale) if stale else 0
    added = store.add(fresh) if fresh else 0
    return RefreshReport(n_stories, n_assertions, added, removed, time.perf_counter() - started)


def _text(quad: Quad) -> tuple[str, ...]:
    return tuple(map(str, quad))
