"""One claimant under several names: a person speaking for the body whose post they hold, and an
unnamed source that names the claimant of the same figure elsewhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rdflib import Dataset, Literal, URIRef

from kg.builder.assertions import Report, claimant_identity, group_reports
from kg.builder.claimants import Candidate, name_words, named_source, post_holders
from kg.rdf.ontology import CKG, ID, RDF, RDFS

ABIAD, MINISTRY, HEALTH = ID["firas-abiad"], ID["lebanon-health-ministry"], ID["health-ministry"]
SES, UKRAINE = ID["state-emergency-service"], ID["ukraine"]
LABELS = {
    ABIAD: "Firas Abiad",
    MINISTRY: "Lebanon's Health Ministry",
    HEALTH: "Health Ministry",
    SES: "State Emergency Service of Ukraine",
    UKRAINE: "Ukraine",
}


def test_names_agree_on_their_first_letters() -> None:
    assert name_words("Lebanese Health Minister") == name_words("Lebanon's health ministry")
    assert name_words("Emergency services") <= name_words("State Emergency Service of Ukraine")
    assert "the" not in name_words("the Health Ministry")


def test_a_person_named_with_a_bodys_post_speaks_for_it() -> None:
    people = {ABIAD: LABELS[ABIAD]}
    bodies = {MINISTRY: LABELS[MINISTRY], HEALTH: LABELS[HEALTH], SES: LABELS[SES]}
    sources = [
        (ABIAD, "Lebanese Health Minister Firass Abiad"),
        (ABIAD, "Lebanon's health minister, Firas Abiad"),
    ]
    # the longer name wins over the "Health Ministry" it contains
    assert post_holders(sources, people, bodies) == [(ABIAD, MINISTRY)]


def test_no_post_or_no_surname_joins_nothing() -> None:
    people = {ABIAD: LABELS[ABIAD]}
    bodies = {MINISTRY: LABELS[MINISTRY]}
    assert post_holders([(ABIAD, "Firas Abiad, who visited Lebanon's Health Ministry")], people, bodies) == []
    assert post_holders([(ABIAD, "Lebanon's health minister")], people, bodies) == []


def test_an_unnamed_source_is_the_claimant_it_names_most_closely() -> None:
    candidates = [
        Candidate("ses", name_words(LABELS[SES])),
        Candidate("ukraine", name_words(LABELS[UKRAINE])),
    ]
    assert named_source("A statement on Telegram by Ukraine's State Emergency Service", candidates) == "ses"
    assert named_source("Emergency services", candidates) == "ses"
    assert named_source("officials", candidates) is None
    # a word many bodies' names have tells none of them
    lobby = [Candidate("site", name_words("SITE Intelligence Group"))]
    assert named_source("a local lobby group", lobby) is None
    # two claimants named as closely: no choice
    assert (
        named_source("Ukraine", [Candidate("a", frozenset({"ukrai"})), Candidate("b", frozenset({"ukrai"}))])
        is None
    )


def _report(n: int, article: str, figure: int, claimants: tuple[URIRef, ...], source: str | None) -> Report:
    return Report(
        claim=ID[f"claim/{n}"],
        quantity=ID[f"quantity/{n}"],
        article=ID[f"article/{article}"],
        measure=CKG.Wounded,
        qualifier=None,
        numbers=(Decimal(figure), None, None),
        text=str(figure),
        count_of=None,
        claimants=claimants,
        via=(),
        sourced=source is not None,
        day=date(2025, 4, 13),
        source=source,
    )


def test_grouping_joins_an_unnamed_source_to_the_claimant_it_names() -> None:
    reports = [
        _report(1, "a", 117, (SES,), "it"),
        _report(2, "b", 117, (), "Emergency services"),
        _report(3, "c", 117, (), "officials"),
        _report(4, "d", 15, (), "Emergency services"),  # no claimant gave 15
    ]
    story_of = {r.article: r.article for r in reports}
    grouped = group_reports(reports, story_of, {}, {}, LABELS)
    sizes = sorted((len(a.reports), a.claimants) for a in grouped)
    assert sizes == [(1, ()), (1, ()), (2, (SES,))]
    # without labels, nothing is resolved
    assert len(group_reports(reports, story_of, {}, {})) == 4


def test_claimant_identity_joins_a_minister_to_the_ministry_the_store_names() -> None:
    ds = Dataset()
    entities, article = ds.graph(ID["graph/entities"]), ds.graph(ID["article/a"])
    for node, cls in ((ABIAD, CKG.Person), (MINISTRY, CKG.GovernmentBody), (SES, CKG.GovernmentBody)):
        entities.add((node, RDF.type, cls))
        entities.add((node, RDFS.label, Literal(LABELS[node])))
    claim = ID["claim/1"]
    article.add((claim, CKG.claimant, ABIAD))
    article.add((claim, CKG.sourceText, Literal("Lebanese Health Minister Firass Abiad")))
    identity = claimant_identity(ds)
    assert identity[ABIAD] == identity[MINISTRY]
    assert identity.get(SES, SES) != identity[ABIAD]
