"""How many people an arrest names, counted over the whole row of detainees in the parse.

Arrest and detention reports list the people held one by one, and a number covers only its own
part of the row: "detained a gang leader and two accomplices" holds three, "arrested the
smuggler along with four of his associates" five, "confirmed the capture of a rebel commander"
one. The figure regex sees only "two" and "four"; this reads the row: each person named with
"a", "the" or a name is one, each part with a figure its figure, and the total becomes a
``Captured`` figure over the row. A row with a part it cannot count ("the leader and other
suspects", "them") gives none, nor does a negated, intended or uncertain arrest ("no civilians
were detained", "a raid to arrest", "captured or killed").

A row held on top of others ("also detained two suspects", "one additional suspect was
detained", "arrested a leader and detained three suspects") adds to the last count of people
held before it in the article; the caller keeps that count (``added_to``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Span, Token

from kg.extract.claimwords import ADDING_WORDS, CAPTURE_NOUNS, CASUALTY_VERBS, CUSTODY_NOUNS, PEOPLE_NOUNS
from kg.extract.doctext import doc_text
from kg.model import Figure, Qualifier

__all__ = ["DetaineeRow", "added_to", "detainee_rows"]

#: Dependents of an arrest verb that name who was held: its object, or its passive subject.
_HELD_DEPS = frozenset({"dobj", "nsubjpass"})
#: Determiners that make a singular noun one person: "a suspect", "the courier".
_ONE_DETERMINERS = frozenset({"a", "an", "the", "another", "this", "that"})
#: Dependents after a detainee that say something of them rather than name them.
_TAIL_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"})
#: Pronouns that name one person.
_ONE_PRONOUNS = frozenset({"him", "her", "he", "she"})
_CAPTURE_VERBS = frozenset(lemma for lemma, measure in CASUALTY_VERBS.items() if measure == "Captured")
#: Every word an arrest word of :func:`_held` needs in its sentence.
_HOLDING_WORDS = _CAPTURE_VERBS | CAPTURE_NOUNS | CUSTODY_NOUNS

#: One part of a row: how many it counts, and whether that is a bound or a vague word.
_Part = tuple[Decimal, Qualifier]


@dataclass(frozen=True, slots=True)
class DetaineeRow:
    """The figure of one row of people held, and whether they are held on top of those
    counted before ("also detained two suspects", "two additional suspects were detained",
    "arrested a leader and detained three suspects")."""

    figure: Figure
    adds: bool
    alone: bool  # the row is one number, which has a figure of its own


def detainee_rows(
    sent: Span, figures: Sequence[Figure], is_place: Callable[[Token], bool]
) -> list[DetaineeRow]:
    """The rows of people held in ``sent``; ``figures`` are the sentence's number figures, in
    document characters. A row of one part that is a number is left to that number's own
    figure, unless it adds to the people held before (``alone`` marks it). ``is_place`` says
    whether a name resolved to a place: "rebels seized X" took a town the model called a person."""
    found: list[DetaineeRow] = []
    if {t.lemma_.lower() for t in sent}.isdisjoint(_HOLDING_WORDS):
        return found  # no arrest word: most sentences, not walked word by word
    for word, row in _rows(sent):
        parts = [None if is_place(person) else _part(person, figures) for person in row]
        counted = [part for part in parts if part is not None]
        adds = _adds(word, row[0]) and row[0].lower_ not in _ONE_PRONOUNS
        alone = len(row) == 1 and _has_figure(row[0], figures)
        if len(counted) == len(row) and (adds or not alone):
            found.append(DetaineeRow(_total(word, row, counted), adds, alone))
    return found


def added_to(earlier: Figure, row: Figure, text: str) -> Figure:
    """The people held so far: a row that adds to an earlier count, as one figure over both."""
    total = _lower(earlier) + _lower(row)
    start, end = earlier.start, row.end
    qualifiers = {earlier.qualifier, row.qualifier}
    return _figure(start, end, text[start:end], total, qualifiers)


def _adds(word: Token, first: Token) -> bool:
    """Whether a row is held on top of those counted before it: its verb says "also" or
    follows another arrest verb it is joined to, or its first part is "additional" or "other".
    A pronoun holds someone named before again ("captured a courier and detained him")."""
    if any(c.dep_ == "advmod" and c.lower_ in ADDING_WORDS for c in word.children):
        return True
    if word.dep_ == "conj" and word.head.pos_ == "VERB" and _held(word.head):
        return True
    counted = _counted_noun(first)
    return any(c.dep_ == "amod" and c.lower_ in ADDING_WORDS for c in counted.children)


def _rows(sent: Span) -> Iterator[tuple[Token, list[Token]]]:
    """Each arrest word of the sentence that did hold someone, and the people it held in text
    order."""
    for word in sent:
        held = _held(word)
        if held and not _negated(word, held) and not _unsure(word):
            yield word, sorted(held, key=lambda t: t.i)


def _held(word: Token) -> list[Token]:
    """Who an arrest word holds: "detained X and Y", "X was taken into custody", "X captured",
    "the arrest of X", "detained X along with Y"."""
    lemma = word.lemma_.lower()
    if word.pos_ == "NOUN" and lemma in CAPTURE_NOUNS:
        return [person for of in word.children if of.lower_ == "of" for person in _objects(of)]
    if word.pos_ != "VERB" or not (lemma in _CAPTURE_VERBS or _into_custody(word)):
        return []
    held = [c for c in word.children if c.dep_ in _HELD_DEPS]
    if not held and word.dep_ == "acl" and word.head.pos_ in ("NOUN", "PROPN"):
        held = [word.head]  # "two men taken into custody", "a courier captured"
    if not held:
        return []
    held += [c for c in word.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM")]
    held += [w for h in held for w in h.conjuncts if w.i > h.i]
    return [*dict.fromkeys(held), *_along_with(word, held[0]), *_along_with(held[0], held[0])]


def _objects(preposition: Token) -> list[Token]:
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return objects + [w for o in objects for w in o.conjuncts if w.i > o.i]


def _along_with(word: Token, first: Token) -> list[Token]:
    """People held "along with" or "with" the first: "detained the man along with two others"."""
    found = []
    for prep in word.children:
        if prep.i < first.i:
            continue  # "With the capture of X, forces have detained Y"
        if prep.lower_ == "along":
            prep = next((c for c in prep.children if c.lower_ == "with"), prep)
        if prep.lower_ == "with" and prep.dep_ == "prep":
            found += _objects(prep)
    return found


def _into_custody(verb: Token) -> bool:
    """ "taken into custody", "placed in detention"."""
    return any(
        prep.lower_ in ("into", "in") and any(o.lemma_.lower() in CUSTODY_NOUNS for o in prep.children)
        for prep in verb.children
    )


def _unsure(word: Token) -> bool:
    """An arrest that was aimed at ("an operation to arrest a leader") or is one of two
    outcomes ("captured or killed") holds no one known."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
        return True
    joined = [word, word.head] if word.dep_ == "conj" else [word]
    return any(c.dep_ == "cc" and c.lower_ == "or" for w in joined for c in w.children)


def _negated(word: Token, held: list[Token]) -> bool:
    """ "were not detained", "no civilians were detained"."""
    return any(c.dep_ == "neg" for c in word.children) or any(
        c.lower_ == "no" for person in held for c in person.children if c.dep_ == "det"
    )


def _part(person: Token, figures: Sequence[Figure]) -> _Part | None:
    """How many one part of the row counts, None if it names no person or no number."""
    figure = _figure_before(person, figures)
    if figure is not None:
        return (_lower(figure), figure.qualifier) if _is_person(_counted_noun(person)) else None
    if not _is_person(person):
        return None
    if person.lower_ in _ONE_PRONOUNS:
        return Decimal(1), "Exact"
    if person.pos_ == "PROPN" and person.ent_type_ == "PERSON":
        return Decimal(1), "Exact"
    if person.tag_ == "NN" and any(c.dep_ == "poss" or c.lower_ in _ONE_DETERMINERS for c in person.children):
        return Decimal(1), "Exact"  # "a suspect", "the courier", "his deputy"
    return None


def _counted_noun(person: Token) -> Token:
    """The noun a part counts: itself, or "associates" in "two of his associates"."""
    if _is_person(person):
        return person
    of = next((c for c in person.children if c.lower_ == "of"), None)
    objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
    return objects[0] if objects else person


def _is_person(noun: Token) -> bool:
    if noun.lower_ in _ONE_PRONOUNS or (noun.pos_ == "PROPN" and noun.ent_type_ == "PERSON"):
        return True
    return noun.lemma_.lower() in PEOPLE_NOUNS or noun.lower_ in PEOPLE_NOUNS


def _figure_before(person: Token, figures: Sequence[Figure]) -> Figure | None:
    """The figure that counts a part: one that starts in its words up to its head ("several of"
    runs on past "several")."""
    start, end = person.left_edge.idx, person.idx + len(person.text)
    return next((f for f in figures if start <= f.start < end), None)


def _has_figure(person: Token, figures: Sequence[Figure]) -> bool:
    return _figure_before(person, figures) is not None


def _lower(figure: Figure) -> Decimal:
    for bound in (figure.value, figure.min_value, figure.max_value):
        if bound is not None:
            return bound
    return Decimal(0)


def _last_word(person: Token) -> Token:
    """The last word of a part, without what is said of it after it ("in the raid", "who ...",
    ", a cartel accountant"), but with its "of" ("two of his accomplices")."""
    last = person
    for child in person.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            ends = [_last_word(o) for o in child.children if o.dep_ == "pobj"]
        elif child.dep_ in _TAIL_DEPS or child.dep_ == "prep":
            continue
        else:
            ends = [child.right_edge]
        last = max([last, *ends], key=lambda t: t.i)
    return last


def _total(word: Token, row: list[Token], parts: list[_Part]) -> Figure:
    """One figure over the row: exact if every part is, a floor if one is a bound, vague if
    one is a vague word ("a leader and several associates" is at least four)."""
    first = row[0].left_edge
    if row[0].i > word.i and first.i <= word.i:
        first = word.nbor()  # the parse may hang words before the verb on its object
    start = first.idx
    last = max(_last_word(person) for person in row)
    end = last.idx + len(last.text)
    total = sum((count for count, _ in parts), Decimal(0))
    return _figure(start, end, doc_text(word.doc)[start:end], total, {qualifier for _, qualifier in parts})


def _figure(start: int, end: int, text: str, total: Decimal, qualifiers: set[Qualifier]) -> Figure:
    """A sum of parts: exact if every part is, vague if one is a vague word, else a floor."""
    if qualifiers == {"Exact"}:
        return Figure(start, end, text, "Exact", value=total)
    qualifier: Qualifier = "Vague" if "Vague" in qualifiers else "AtLeast"
    return Figure(start, end, text, qualifier, min_value=total)
