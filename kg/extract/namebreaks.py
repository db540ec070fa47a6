"""Where a name the model tagged really starts and ends: after a preposition that opens a
sentence, at a number or a line break inside it, at a comma after a place's type word, and not
at "of".

The small model runs a name into the figures after it and on into the next name: a score line
"Dover 3 Hastings 1" comes out as one organisation, a scorecard's "J. Smith 63" as one
person, a standings row over its line break as one name. No name holds a bare number after a
word other than those a number completes ("Unit 8200", "Channel 12":
:data:`~kg.extract.wordlists.NUMBERED_NAME_HEADS`), nor a line break. The span is cut there
into the runs of words between the breaks, each keeping the model's label. A sentence that
opens with a place ("Near Kobani, a drone hit ...") gives the model a capitalised
preposition it takes into the name; the name starts after it, unless a compass word follows
("Near East").

A name never ends in "of": where the gazetteer's ruler took the place after it first ("the
Government of" + "Iraq"), the organisation's name runs on over the place.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.labels import GAZETTEER_LABEL
from kg.extract.wordlists import (
    ENGLISH_COMPASS,
    LOCATIVE_PREPOSITIONS,
    NUMBERED_NAME_HEADS,
    SUBDIVISION_TYPE_WORDS,
)

__all__ = ["break_names", "is_figure"]

#: Figures as they stand in scores, tallies and datelines: "63", "4-43", "1996-08-30", ".538".
_FIGURE = re.compile(r"^[.+-]?\d[\d.,:/-]*$")
#: Labels of names of actors and places; the rulers' own labels are names the gazetteer knows.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
#: Labels of the place a name in "of" runs on over: the model's and the gazetteer ruler's.
_PLACE_LABELS = frozenset({"GPE", "LOC", GAZETTEER_LABEL})
#: Words that close a place's name, so that a comma after them ends it.
_PLACE_TYPE_WORDS = SUBDIVISION_TYPE_WORDS | frozenset({"township", "city", "town", "village"})


def is_figure(token: Token) -> bool:
    """A score, tally, standing or date written in digits: "63", "4-43", ".538", "1996-08-30"."""
    return bool(_FIGURE.match(token.text))


def break_names(doc: Doc) -> Doc:
    """Cut each name the model tagged at a figure or line break inside it, and run one that
    ends in "of" on over the place after it."""
    ents: list[Span] = []
    changed = False
    for ent in _joined_over_of(doc):
        pieces = _pieces(ent) if ent.label_ in _NAME_LABELS and len(ent) > 1 else [ent]
        changed = changed or pieces != [ent]
        ents.extend(pieces)
    if changed:
        doc.ents = ents
    return doc


def _joined_over_of(doc: Doc) -> list[Span]:
    """The doc's entities, "the Government of" + "Iraq" joined into one organisation's name."""
    ents = list(doc.ents)
    joined: list[Span] = []
    for ent in ents:
        before = joined[-1] if joined else None
        if (
            before is not None
            and before.label_ == "ORG"
            and before[-1].lower_ == "of"
            and before.end == ent.start
            and ent.label_ in _PLACE_LABELS
        ):
            joined[-1] = Span(doc, before.start, ent.end, label="ORG")
            continue
        joined.append(ent)
    if len(joined) != len(ents):
        doc.ents = joined
    return joined


def _pieces(ent: Span) -> list[Span]:
    doc, pieces, start = ent.doc, [], ent.start
    if _opening_preposition(ent):
        start += 1
    for token in ent[start - ent.start :]:
        if _breaks(token, ent.start):
            pieces.append(Span(doc, start, token.i, label=ent.label))
            start = token.i + 1
    pieces.append(Span(doc, start, ent.end, label=ent.label))
    return [p for p in pieces if any(t.is_alpha for t in p)]  # not the "-" of "108 - 3"


def _opening_preposition(ent: Span) -> bool:
    """ "Near Kobani", "Outside Mosul": a capitalised preposition before the name."""
    first, second = ent[0], ent[1]
    return first.is_title and first.lower_ in LOCATIVE_PREPOSITIONS and second.lower_ not in ENGLISH_COMPASS


def _breaks(token: Token, first: int) -> bool:
    """A line break, a figure after a word of the name that no number completes, or a comma
    after a place's type word ("X Township, Y Region" are two places)."""
    if token.is_space:
        return "\n" in token.text
    if token.text == "," and token.i > first:
        before = token.doc[token.i - 1]
        return before.is_title and before.lower_ in _PLACE_TYPE_WORDS
    if token.i == first or not is_figure(token):
        return False
    return token.doc[token.i - 1].lower_ not in NUMBERED_NAME_HEADS
