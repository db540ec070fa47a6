"""Names the model leaves untagged where only a place can stand.

The small model tags no entity in many lines of strike reports (". Near Ayn Dhiyab, one strike
destroyed ...") and in names of structures ("the construction of the Qaryat Dam"). These slots
say a place whatever the model made of them: a run of capitalised proper nouns right after
"near" or "outside" (people stand near a person rarely, and never as a capitalised run after
the preposition) or after a hyphenated participle of holding ("M23-held X"); such a run closed
by a structure's noun ("Kaldoun Barrage", :data:`~kg.extract.wordlists.STRUCTURE_NOUNS`), or
by a subdivision's type word ("Tanin Region", "Zerin Province") unless another name goes on
after it ("X District Council"); one followed by a lower-case "village(s)", "suburb",
"district" or "camp" ("A and B villages"); and one a settlement noun describes in apposition
("X, a desert town"). Words another entity holds are never taken.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.relationwords import HOLDING_PARTICIPLES
from kg.extract.wordlists import PERSON_TITLES, SETTLEMENT_KIND_NOUNS, STRUCTURE_NOUNS

__all__ = ["tag_untagged_places"]

#: Prepositions whose object is a place and nothing else ("around" takes people, "inside" groups).
_ONLY_PLACES_BEFORE = frozenset({"near", "outside"})
#: Type words that close a subdivision's name. Not "state" ("Islamic State"), "division" or
#: "department", which close the names of armies and offices as often.
_SUBDIVISION_NOUNS = frozenset(
    "region province township governorate oblast district county prefecture".split()
)
#: Lower-case nouns after a place's name, which is not theirs: a settlement's kind, or "the X
#: district".
_VILLAGE_NOUNS = SETTLEMENT_KIND_NOUNS | {"district"}
#: Nouns of a settlement in apposition after a name: "X, a desert town", "X, the provincial capital".
_APPOSED_SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "capital"})
#: Most words of a place's name read after the preposition: "Tell Abu Sabir".
_MAX_NAME_WORDS = 4
#: The words that can open a slot. A document is searched by their hashes in
#: ``Doc.to_array(LOWER)``, without making a Python object of each of its tokens.
_TRIGGERS = sorted(
    _ONLY_PLACES_BEFORE
    | HOLDING_PARTICIPLES
    | STRUCTURE_NOUNS
    | _SUBDIVISION_NOUNS
    | _VILLAGE_NOUNS
    | _APPOSED_SETTLEMENT_NOUNS
)


def tag_untagged_places(doc: Doc) -> Doc:
    """Tag the places of the slots as FAC (a structure) and GPE (the others)."""
    found = []
    triggers = [doc.vocab.strings[word] for word in _TRIGGERS]
    for i in np.flatnonzero(np.isin(doc.to_array(LOWER), triggers)).tolist():
        token = doc[i]
        lower = token.lower_
        if (lower in _ONLY_PLACES_BEFORE or _holding(doc, i)) and token.i + 1 < len(doc):
            end = _run_end(doc, token.i + 1)
            if end > token.i + 1:
                found.append(Span(doc, token.i + 1, end, label="GPE"))
        elif lower in STRUCTURE_NOUNS and token.is_title and not token.ent_type_:
            start = _run_start(doc, token.i)
            if start < token.i:
                found.append(Span(doc, start, token.i + 1, label="FAC"))
        elif lower in _SUBDIVISION_NOUNS and token.is_title and not token.ent_type_ and _closes(doc, token.i):
            start = _run_start(doc, token.i)
            if start < token.i:
                found.append(Span(doc, start, token.i + 1, label="GPE"))
        elif lower in _APPOSED_SETTLEMENT_NOUNS and token.dep_ == "appos" and _apposed_to_a_name(doc, token):
            head = token.head
            found.append(Span(doc, _run_start(doc, head.i + 1), head.i + 1, label="GPE"))
        elif lower in _VILLAGE_NOUNS and _closes(doc, token.i) and not _compound_goes_on(doc, token.i):
            start = _run_start(doc, token.i)
            if start < token.i and doc[start].lower_ not in PERSON_TITLES:
                found.append(Span(doc, start, token.i, label="GPE"))
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc


def _name_word(token: Token) -> bool:
    """A capitalised proper noun that no entity holds."""
    return token.is_title and token.pos_ == "PROPN" and not token.ent_type_


def _apposed_to_a_name(doc: Doc, noun: Token) -> bool:
    """Whether a settlement noun describes an untagged name right before its comma: "Kidal, a
    Malian desert town", not "the town" after a person ("Ali, a man from the town")."""
    head = noun.head
    return (
        head.i < noun.i
        and _name_word(head)
        and head.i + 1 < len(doc)
        and doc[head.i + 1].text == ","
        and doc[head.i].lower_ not in PERSON_TITLES
        and any(c.dep_ == "det" for c in noun.children)
    )


def _holding(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` is a participle of holding after a name and a hyphen: "M23-held"."""
    return doc[i].lower_ in HOLDING_PARTICIPLES and i >= 2 and doc[i - 1].text == "-"


def _closes(doc: Doc, i: int) -> bool:
    """Whether no name goes on after the word at ``i``."""
    return i + 1 == len(doc) or not (doc[i + 1].ent_type_ or doc[i + 1].is_title)


def _compound_goes_on(doc: Doc, i: int) -> bool:
    """Whether a noun follows the one at ``i`` as part of one compound: "the X district council"."""
    return i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN"


def _run_end(doc: Doc, start: int) -> int:
    """The end of the run of name words from ``start`` (``start`` when there is none), or
    ``start`` when the run is longer than a place's name or runs into another name."""
    end = start
    while end < len(doc) and end - start < _MAX_NAME_WORDS and _name_word(doc[end]):
        end += 1
    if end < len(doc) and (doc[end].ent_type_ or doc[end].is_title and doc[end].pos_ == "PROPN"):
        return start
    return end


def _run_start(doc: Doc, head: int) -> int:
    """The first of the name words right before a structure's noun at ``head``."""
    start = head
    while start > 0 and head - start < _MAX_NAME_WORDS:
        if _name_word(doc[start - 1]):
            start -= 1
        elif start > 1 and doc[start - 1].text == "-" and _name_word(doc[start - 2]) and start < head:
            start -= 2  # "Al-Kalakla"
        else:
            break
    return start
