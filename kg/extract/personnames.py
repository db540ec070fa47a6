"""A person's whole name, as the model often gets it only in part.

The small English model ends names early ("Oleksandr" of "Oleksandr Khorunzhyi"), starts them
late ("Muhammad Asif" of "Khawaja Muhammad Asif", "Hamza" of "Abu Hamza"), tags a name in a
list of names as an organisation ("Tarek Yaqub, Ali Turki and ..."), and takes the name of a hospital for a
person's ("the Bahman hospital"). The parse still joins the words of one name as compounds of
its last word; these rules read the name off that, and off the words around it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.wordlists import FACILITY_NOUNS, PERSON_TITLES

__all__ = ["complete_person_names"]

_NAME_DEPS = frozenset({"compound", "flat"})
#: Capitalised words that open an Arabic name by kinship ("Abu Hamza", "Umm Khalid", "Ibn Saud"),
#: which the model leaves out of the person's span.
_KUNYA_WORDS = frozenset({"Abu", "Umm", "Ibn", "Bin"})


def complete_person_names(doc: Doc) -> Doc:
    """Grow each PERSON span over the untagged name words the parse joins to it, make an
    organisation listed beside persons a person, and drop a "person" that names a facility."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    kept: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            if _names_a_facility(ent):
                continue
            ent = _grown(ent)
        elif ent.label_ == "ORG" and _listed_with(ent, people):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        kept.append(ent)
    doc.ents = filter_spans(kept)
    return doc


def _grown(ent: Span) -> Span:
    doc, start, end = ent.doc, ent.start, ent.end
    while end < len(doc) and _name_word(doc[end]) and _joins(doc[end - 1], end):
        end += 1  # "Oleksandr" + "Khorunzhyi", its head
    while start > 0 and doc[start - 1].text in _KUNYA_WORDS and not doc[start - 1].ent_type_:
        start -= 1  # "Abu" before "Hamza": an Arabic name's "father of" is part of it
    titled = ent[0].lower_ in PERSON_TITLES  # "Minister Ali Musa": no name words before the title
    while not titled and start > 0 and _name_word(doc[start - 1]) and doc[start - 1].dep_ in _NAME_DEPS:
        if not start <= doc[start - 1].head.i < end:
            break
        start -= 1  # "Khawaja" before "Muhammad Asif", a compound of the name
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label="PERSON")


def _joins(token: Token, head: int) -> bool:
    """Whether ``token`` is a name part of the word at ``head``."""
    return token.head.i == head and token.dep_ in _NAME_DEPS


def _name_word(token: Token) -> bool:
    """A capitalised proper noun no entity holds and no title is: a word of a name."""
    return (
        token.is_title
        and token.is_alpha
        and token.pos_ == "PROPN"
        and not token.ent_type_
        and token.lower_ not in PERSON_TITLES
    )


def _listed_with(ent: Span, people: list[Span]) -> bool:
    """An organisation of two capitalised words or more joined by the parse, as a conjunct, to
    a person's name: "Tarek Yaqub, Ali Turki": names in one list are of one kind."""
    if len(ent) < 2 or not all(t.is_title for t in ent):
        return False
    root = ent.root
    partners = {root.head.i} if root.dep_ == "conj" else set()
    partners |= {c.i for c in root.children if c.dep_ == "conj"}
    return any(p.start <= i < p.end for p in people for i in partners)


def _names_a_facility(ent: Span) -> bool:
    """ "the Bahman hospital": a name before a facility noun is the facility's, not a person's."""
    if ent.end >= len(ent.doc):
        return False
    after = ent.doc[ent.end]
    return after.is_lower and after.lower_ in FACILITY_NOUNS
