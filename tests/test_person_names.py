"""Whole person names where the model tags part of one, and no person where a name is a facility's."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from kg.extract.convert import mentions_from_doc
from kg.extract.nlp import shared_gazetteer
from kg.extract.personnames import complete_person_names
from kg.model import Article, Zone

pytestmark = pytest.mark.slow


def _people_and_organizations(extractor, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(label, class) of the article's persons and organisations."""
    article = Article(id="e" * 16, source="s.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    return {(e.label, e.cls) for e in extracted.entities if e.cls in ("Person", "Organization")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a given word before the name the parse joins to it is the name's
        (
            "Pakistan's Minister of Interior Sardar Muhammad Yousaf said the road was shut.",
            {("Sardar Muhammad Yousaf", "Person")},
        ),
        (
            "Iraq's Minister of Health Sayyid Hassan Kadhim said the wards were full.",
            {("Sayyid Hassan Kadhim", "Person")},
        ),
        (
            "Syria's Minister of Interior Haji Anas Khattab said the roads were reopened.",
            {("Haji Anas Khattab", "Person")},
        ),
        # ... but not the words before a title: they are the office's
        (
            "Kenyan Health Minister Susan Wafula said the clinics were full.",
            {("Susan Wafula", "Person")},
        ),
    ],
)
def test_person_names_are_whole(extractor, sentence: str, expected: set[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _people_and_organizations(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The wounded were taken to the Shifa hospital in the city.",
        "Dozens were treated at the Nasser hospital, medics said.",
        "Children slept in the Zahra school after the shelling.",
    ],
)
def test_person_names_a_name_before_a_facility_noun_is_no_person(extractor, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(cls == "Person" for _, cls in _people_and_organizations(extractor, sentence))


def test_person_names_an_arabic_kinship_word_opens_the_name() -> None:
    """ "Abu", "Umm", "Ibn" before the span the model tagged are the name's first word."""
    doc = spacy.blank("en")("The emir appointed Abu Hamza and Umm Salma to the council.")
    doc.ents = [Span(doc, 4, 5, label="PERSON"), Span(doc, 7, 8, label="PERSON")]
    assert [e.text for e in complete_person_names(doc).ents] == ["Abu Hamza", "Umm Salma"]


def test_person_names_a_full_name_tagged_as_a_group_is_the_person_named_so_elsewhere() -> None:
    """One sense per article: "Abu Salim" tagged NORP where the model elsewhere tagged it PERSON."""
    text = "Abu Salim fled north. The emir named Abu Salim his deputy."
    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 8, 10, label="NORP")]
    article = Article(id="e" * 16, source="s.txt", text=text, zones=(Zone(0, len(text), "body"),))
    mentions = mentions_from_doc(doc, article, shared_gazetteer())
    assert [(m.text, m.start, m.cls) for m in mentions] == [
        ("Abu Salim", 0, "Person"),
        ("Abu Salim", 37, "Person"),
    ]
