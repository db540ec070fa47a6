"""Multinational forces named by a capitalised collective word: "Coalition forces".

Military releases name the force a coalition fields with a capital ("Coalition military forces
shelled the bridge", "Allied troops"), which the small model leaves untagged. A capitalised
:data:`FORCE_NAME_WORDS` inside a sentence, an optional modifier and a force's noun make one
organisation's name; :func:`kg.extract.convert.classify_organization` types it by its noun.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["FORCE_NAME_WORDS", "tag_force_names"]

#: Collective words that, capitalised, name a multinational force.
FORCE_NAME_WORDS = frozenset({"Coalition", "Allied"})
#: Words between the collective word and the noun: "Coalition military forces".
_MODIFIERS = frozenset("military air ground naval maritime special partner".split())
#: Nouns of a force.
_FORCE_NOUNS = frozenset({"forces", "troops"})


def tag_force_names(doc: Doc) -> Doc:
    """Tag "Coalition forces" and the like as ORG where no entity holds their words."""
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
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc
