"""Forces named by a capitalised collective word ("Coalition forces") or by their number ("the
4th Brigade").

Military releases name the force a coalition fields with a capital ("Coalition military forces
shelled the bridge", "Allied troops"), which the small model leaves untagged. A capitalised
:data:`FORCE_NAME_WORDS` inside a sentence, an optional modifier and a force's noun make one
organisation's name; :func:`kg.extract.convert.classify_organization` types it by its noun.
The model also leaves some numbered units untagged ("The 4th Brigade was hit"): an ordinal,
up to three capitalised words and a unit's capitalised noun ("the 4th Mechanised Brigade")
make one organisation's name when no name goes on after the noun.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.wordlists import UNIT_HEADS

__all__ = ["FORCE_NAME_WORDS", "tag_force_names"]

#: Collective words that, capitalised, name a multinational force.
FORCE_NAME_WORDS = frozenset({"Coalition", "Allied"})
#: Words between the collective word and the noun: "Coalition military forces".
_MODIFIERS = frozenset("military air ground naval maritime special partner".split())
#: Nouns of a force.
_FORCE_NOUNS = frozenset({"forces", "troops"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
#: What the model may have made of a numbered unit's words after its ordinal: nothing, or an
#: organisation's name.
_UNIT_LABELS = frozenset({"", "ORG"})
#: Most capitalised words between the ordinal and the noun: "the 4th Separate Mechanised Brigade".
_MAX_UNIT_WORDS = 3


def tag_force_names(doc: Doc) -> Doc:
    """Tag "Coalition forces", "the 4th Brigade" and the like as ORG where no entity holds their
    words."""
    found = []
    # by the words' hashes in the ORTH column: no Python object is made of the other tokens
    words = [doc.vocab.strings[word] for word in sorted(FORCE_NAME_WORDS)]
    for i in np.flatnonzero(np.isin(doc.to_array(ORTH), words)).tolist():
        token = doc[i]
        if token.ent_type_:
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].lower_ in _MODIFIERS and doc[end].is_lower:
            end += 1
        if end < len(doc) and doc[end].lower_ in _FORCE_NOUNS and not doc[end].ent_type_:
            found.append(Span(doc, token.i, end + 1, label="ORG"))
    units = [doc.vocab.strings[word] for word in sorted(UNIT_HEADS)]
    for i in np.flatnonzero(np.isin(doc.to_array(LOWER), units)).tolist():
        start = _numbered_unit_start(doc, i)
        if start is not None:
            found.append(Span(doc, start, i + 1, label="ORG"))
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc


def _numbered_unit_start(doc: Doc, head: int) -> int | None:
    """Where the numbered unit whose noun is at ``head`` starts (its ordinal), when the model
    tagged none of it as a name or only the words after the ordinal ("Separate Mountain
    Brigade" of "the 9th Separate Mountain Brigade"), and no name goes on after the noun."""
    noun = doc[head]
    if (
        not noun.is_title
        or noun.ent_type_ not in _UNIT_LABELS
        or (head + 1 < len(doc) and doc[head + 1].is_title)
    ):
        return None
    i = head - 1
    while i >= 0 and head - i <= _MAX_UNIT_WORDS and doc[i].is_title and doc[i].ent_type_ in _UNIT_LABELS:
        i -= 1
    if i < 0 or not _ORDINAL.match(doc[i].text) or doc[i].ent_type_ not in ("", "ORDINAL"):
        return None
    return i
