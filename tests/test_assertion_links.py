"""Which assertions of other claimants disagree, read from article graphs as a build stores them:
a figure of one engagement, like an increment, is compared with nothing, as ``kg figures`` does."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.builder.assertions import group_reports, link_assertions, read_reports
from kg.rdf.ontology import CKG, ID, XSD

ARMY, REBELS, VILLAGERS = ID["test-army"], ID["test-rebels"], ID["test-villagers"]


def _claim(ds: Dataset, n: int, claimant: URIRef, value: int, sentence: str) -> None:
    article, claim, quantity = ID[f"article/{n}"], ID[f"claim/{n}"], ID[f"quantity/{n}"]
    graph = ds.graph(article)
    graph.add((claim, CKG.reportedIn, article))
    graph.add((claim, CKG.claimant, claimant))
    graph.add((claim, CKG.text, Literal(sentence)))
    graph.add((claim, CKG.statedOn, Literal("2025-04-13", datatype=XSD.date)))
    graph.add((claim, CKG.quantity, quantity))
    graph.add((quantity, CKG.measure, CKG.Killed))
    graph.add((quantity, CKG.qualifier, CKG.Exact))
    graph.add((quantity, CKG.value, Literal(value, datatype=XSD.decimal)))
    graph.add((quantity, CKG.countOf, VILLAGERS))
    graph.add((quantity, CKG.text, Literal(str(value))))


@pytest.mark.parametrize(
    ("rebels_said", "disagree"),
    [
        ("The rebels said 30 villagers were killed in the battle for the bridge.", False),
        ("The rebels said 30 villagers were killed at one position near the river.", False),
        ("The rebels said 30 villagers were killed in the fighting.", True),
        ("The rebels said 30 villagers were killed in April.", True),
    ],
)
def test_a_figure_of_one_engagement_disagrees_with_no_toll(rebels_said: str, disagree: bool) -> None:
    ds = Dataset()
    _claim(ds, 1, ARMY, 500, "The army said 500 villagers were killed in the war.")
    _claim(ds, 2, REBELS, 30, rebels_said)
    reports = read_reports(ds)
    assertions = group_reports(reports, {r.article: r.article for r in reports}, {}, {})
    link_assertions(assertions, {})
    army, rebels = sorted(assertions, key=lambda a: a.claimants)
    assert army.claimants == (ARMY,) and rebels.claimants == (REBELS,)
    assert (rebels.iri in army.disagrees_with, army.iri in rebels.disagrees_with) == (disagree, disagree)
