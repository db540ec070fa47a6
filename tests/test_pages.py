"""The entity page as a reader sees it: clean sentences, each once, the articles' own relations first.

Hand-built facts, so each rule is checked on its own; tests/test_serve.py serves the seed store's pages.
"""

from __future__ import annotations

import re

import pytest

from kg.rdf.ontology import GAZETTEER_GRAPH
from kg.read.facts import ClaimFact, EntityFacts, Evidence, Figure, Named, RelationFact
from kg.web.pages import balanced, clean_sentence, entity_page

A1 = "https://w3id.org/conflict-kg/id/article/a1"
ME = Named("https://w3id.org/conflict-kg/id/the-agency", "The Agency", "the-agency")
OTHER = Named("https://w3id.org/conflict-kg/id/the-ministry", "The Ministry", "the-ministry")
STATE = Named("https://w3id.org/conflict-kg/id/the-state", "The State", "the-state")
TROOPS = Named("https://w3id.org/conflict-kg/id/the-troops", "The Troops", "the-troops")
TWO_FIGURES = "The Agency said 300 soldiers were killed and 900 were wounded in the winter."


def _claim(start: int, figure: str, measure: str, content: str | None = None) -> ClaimFact:
    return ClaimFact(
        iri=f"{A1}/claim/{start}",
        roles=("claimant",),
        text=TWO_FIGURES,
        content=content,
        cue="say",
        certainty="Asserted",
        stated_on=None,
        source_text=None,
        claimants=(ME,),
        via=(),
        about=(),
        article=A1,
        start=0,
        figures=(Figure(figure, measure, "Exact", figure, None, None, TROOPS),),
    )


def _page() -> str:
    gazetteer = RelationFact("partOf", STATE, True, (str(GAZETTEER_GRAPH),), ())
    stated = RelationFact(
        "affiliatedWith",
        OTHER,
        True,
        (A1,),
        (
            Evidence("The Agency works with The Ministry, officials said.\n\nFighting in the north", A1),
            Evidence("The Agency works with The Ministry, officials said.", A1),
        ),
    )
    facts = EntityFacts(
        entity=ME,
        classes=("GovernmentBody",),
        aliases=(),
        wikidata=(),
        same_as=(),
        names_in_text=(),
        mentions=((A1, 2),),
        relations=(gazetteer, stated),  # the order kg.read.facts gives: by predicate
        claims=(
            _claim(0, "300", "Killed", content="[The winter] was hard]"),
            _claim(0, "900", "Wounded"),
        ),
        articles={},
    )
    return entity_page(facts)


def test_pages_entity_shows_a_sentence_once_with_each_claim_under_it() -> None:
    page = _page()
    assert page.count(TWO_FIGURES) == 1  # two claims, one sentence
    assert "<td>300</td>" in page and "<td>900</td>" in page
    assert page.count('<div class="claim">') == 1
    assert "What is claimed: [The winter] was hard<" in page  # the unmatched "]" is gone


def test_pages_entity_lists_the_articles_relations_before_the_gazetteers() -> None:
    page = _page()
    assert page.index("affiliatedWith") < page.index("partOf")
    # The evidence shows once, without the heading a line break glued onto it.
    quotes = re.findall(r"<blockquote>([^<]*)</blockquote>", page)
    assert quotes.count("The Agency works with The Ministry, officials said.") == 1
    assert not any("Fighting in the north" in quote for quote in quotes)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("They shouted his name.\n\nSigns of a wider war", "They shouted his name."),
        ("Photo: a long caption of a photo\nThe army said 40 had crossed.", "The army said 40 had crossed."),
        ("One  line,\tspaced   oddly.", "One line, spaced oddly."),
    ],
)  # fmt: skip
def test_pages_clean_sentence_drops_zone_text_a_line_break_glued_on(text: str, clean: str) -> None:
    assert clean_sentence(text) == clean


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The statement] is a grave threat", "The statement is a grave threat"),
        ("He said (it was [late]) and left", "He said (it was [late]) and left"),
        ("a (dangling open and a close)) here", "a (dangling open and a close) here"),
        ("[unclosed bracket at the start", "unclosed bracket at the start"),
    ],
)
def test_pages_balanced_keeps_pairs_and_drops_strays(text: str, kept: str) -> None:
    assert balanced(text) == kept
