"""Where a tagged name ends (a figure or line break inside it), the teams of sports tables, and
capitalised common nouns taken for names: components run on hand-made docs, no model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.labels import GAZETTEER_LABEL
from kg.extract.namebreaks import break_names
from kg.extract.nlp import drop_capitalised_common_nouns
from kg.extract.scorelines import label_teams


def _doc(text: str, *ents: tuple[str, str]) -> Doc:
    """``text`` tokenised, with each (surface, label) tagged at its first occurrence."""
    doc = spacy.blank("en").make_doc(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("text", "tagged", "names"),
    [
        ("Bowling: J. Smith 63, P. Jones 4-43.", ("J. Smith 63", "PERSON"), [("J. Smith", "PERSON")]),
        (
            "Dover 3 Hastings 1 on Saturday.",
            ("Dover 3 Hastings 1", "ORG"),
            [("Dover", "ORG"), ("Hastings", "ORG")],
        ),
        ("Dorset 97 - 4 at stumps.", ("Dorset 97 - 4", "ORG"), [("Dorset", "ORG")]),
        ("Standings\nDENVER 70 60", ("Standings\nDENVER", "ORG"), [("Standings", "ORG"), ("DENVER", "ORG")]),
        # a sentence-opening preposition is no part of the name, unless a compass word follows
        ("Near Kobani, a drone hit.", ("Near Kobani", "PERSON"), [("Kobani", "PERSON")]),
        ("Near East envoys met.", ("Near East", "LOC"), [("Near East", "LOC")]),
        # a number completes these names
        ("Unit 8200 hacked it.", ("Unit 8200", "ORG"), [("Unit 8200", "ORG")]),
        ("Channel 12 reported it.", ("Channel 12", "ORG"), [("Channel 12", "ORG")]),
        ("the 47th Brigade said", ("47th Brigade", "ORG"), [("47th Brigade", "ORG")]),
    ],
)
def test_break_names_cuts_a_name_at_a_figure_or_line_break(
    text: str, tagged: tuple[str, str], names: list[tuple[str, str]]
) -> None:
    assert _ents(break_names(_doc(text, tagged))) == names


@pytest.mark.parametrize(
    ("text", "tagged", "names"),
    [
        # a result: two names, each with its score; a bracketed note may follow
        (
            "Dover 2 Hastings 0",
            [("Dover", "GPE"), ("Hastings", "PERSON")],
            [("Dover", "ORG"), ("Hastings", "ORG")],
        ),
        ("DENVER 5 Portland 4 (in 11)", [("DENVER", "GPE")], [("DENVER", "ORG"), ("Portland", "ORG")]),
        # a standings row: a name, then only figures
        ("NEW HAVEN 58 71 .450 12", [("NEW HAVEN", "GPE")], [("NEW HAVEN", "ORG")]),
        # a golfer's rounds: the model's person stays a person
        ("Lee Hartley 68 74 71 69", [("Lee Hartley", "PERSON")], [("Lee Hartley", "PERSON")]),
        # prose with figures is no table
        ("Dover 2 said Hastings 0", [("Dover", "GPE")], [("Dover", "GPE")]),
        ("Shelling killed 12 in Kharkiv 3 days ago", [("Kharkiv", "GPE")], [("Kharkiv", "GPE")]),
    ],
)
def test_label_teams_of_result_and_standings_lines(
    text: str, tagged: list[tuple[str, str]], names: list[tuple[str, str]]
) -> None:
    assert _ents(label_teams(_doc(text, *tagged))) == names


def test_label_teams_reads_each_line_of_a_table() -> None:
    """The table's line is relabelled; the same name in a line of prose keeps its place label."""
    doc = label_teams(_doc("The mayor of Dover spoke.\nResults\nDover 2 Hastings 0", ("Dover", "GPE")))
    assert _ents(doc) == [("Dover", "GPE"), ("Dover", "ORG"), ("Hastings", "ORG")]


def test_break_names_runs_a_name_ending_in_of_over_the_place_after_it() -> None:
    """The gazetteer's ruler took "Chad" first; the organisation's name runs on over it."""
    doc = break_names(
        _doc(
            "He thanked the Government of Chad on Monday.",
            ("the Government of", "ORG"),
            ("Chad", GAZETTEER_LABEL),
        )
    )
    assert _ents(doc) == [("the Government of Chad", "ORG")]


def test_break_names_keeps_a_place_after_a_complete_name() -> None:
    doc = _doc(
        "The Interior Ministry in Chad said so.", ("The Interior Ministry", "ORG"), ("Chad", GAZETTEER_LABEL)
    )
    assert _ents(break_names(doc)) == [("The Interior Ministry", "ORG"), ("Chad", GAZETTEER_LABEL)]


def _tagged(words: list[str], tags: list[str], ents: list[tuple[int, str]]) -> Doc:
    """A doc of ``words`` with their tags, a sentence starting after each ".", and one-word
    entities (index, label)."""
    starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=tags, sent_starts=starts)
    doc.ents = [Span(doc, i, i + 1, label=label) for i, label in ents]
    return doc


_OPENING = ["Photographs", "posted", "online", "showed", "the", "bridge", "."]
_OPENING_TAGS = ["NNS", "VBN", "RB", "VBD", "DT", "NN", "."]


@pytest.mark.parametrize(
    ("words", "tags", "ents", "kept"),
    [
        (_OPENING, _OPENING_TAGS, [(0, "ORG")], []),  # a plural common noun opening the sentence
        (_OPENING, _OPENING_TAGS, [(0, "PERSON")], []),
        (_OPENING, ["NNP", *_OPENING_TAGS[1:]], [(0, "ORG")], [("Photographs", "ORG")]),  # a name
        (_OPENING, _OPENING_TAGS, [(0, "NORP")], [("Photographs", "NORP")]),  # "Islamists" stay
        (  # written capitalised mid-sentence too: a name
            [*_OPENING, "Analysts", "studied", "Photographs", "."],
            [*_OPENING_TAGS, "NNS", "VBD", "NNS", "."],
            [(0, "ORG"), (9, "ORG")],
            [("Photographs", "ORG"), ("Photographs", "ORG")],
        ),
        (
            ["Rescuers", "found", "Sentinels", "."],
            ["NNS", "VBD", "NNS", "."],
            [(2, "ORG")],
            [("Sentinels", "ORG")],
        ),
    ],
)
def test_a_capitalised_plural_common_noun_opening_a_sentence_is_no_name(
    words: list[str], tags: list[str], ents: list[tuple[int, str]], kept: list[tuple[str, str]]
) -> None:
    assert _ents(drop_capitalised_common_nouns(_tagged(words, tags, ents))) == kept
