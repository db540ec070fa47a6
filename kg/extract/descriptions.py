"""What the words around a name say it is: a non-state armed group, or a news outlet.

News introduces an armed group by describing it beside its name, whatever label the model
gives the name itself (a rebel group is often tagged a place or a person): before it ("the
rebel M23", "the paramilitary Rapid Support Forces", "the militant group Hamas"), after it
("M23 rebels", "al-Shabab fighters", "the M23 rebel group"), in an apposition ("X, a
militia", "X, an al-Qaeda-linked armed group") or naming it ("a rebel group known as X").
Read off the words next to the name, since the parser often hangs such descriptions on
another noun. An outlet is told the same way: "the state news agency X", "X television", and
the wire's own attribution "..., X reports." and its caveat "X could not independently verify".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.wordlists import (
    ARMED_COLLECTIVE_NOUNS,
    ARMED_GROUP_MODIFIERS,
    ARMED_GROUP_NOUNS,
    GROUP_NOUNS,
    OUTLET_NOUNS,
)

__all__ = ["described_as_armed_group", "described_as_media_outlet"]

#: Parts of speech a description's words may have: "rebel", "armed", "linked", "group".
_DESCRIPTION_POS = frozenset({"ADJ", "NOUN", "VERB", "PROPN"})
_DETERMINERS = frozenset({"a", "an", "the"})
_DESCRIPTION_NOUNS = ARMED_GROUP_NOUNS | ARMED_COLLECTIVE_NOUNS | GROUP_NOUNS
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAMING_WORDS = frozenset({"called", "named"})
#: Most words a description before or after a name may have.
_REACH = 6


def described_as_armed_group(ent: Span) -> bool:
    """Whether the words next to ``ent`` describe it as a non-state armed group.

    Before a name the model took for a person, or beside it, only group nouns count ("the
    militant group X"): "Hamas militant X" and "X, a rebel" describe a person; members after it
    ("X fighters") do, since a person's men are "X's fighters". Members after a place ("Gaza
    militants", "Darfur rebels") are from there, so a place needs a group noun or a word
    before it.
    """
    doc = ent.doc
    before, after = _words_before(doc, ent.start), _words_after(doc, ent.end)
    if _says_group(before) or _says_group(after):
        return True
    if ent.label_ != "PERSON" and _says_members(before):
        return True
    if ent.label_ not in _PLACE_LABELS and _says_members(after) and not _possessive(ent):
        return True
    return _says_group(_apposition(ent)) or _says_group(_naming_phrase(ent))


def described_as_media_outlet(ent: Span) -> bool:
    """Whether the words next to ``ent`` describe it as a news outlet: an outlet noun before
    ("the state news agency X") or after it ("X television", "the X news agency"), or a name
    the model took for no person that reports ("Lebanon's health ministry said 4 died, X
    reported"), since in news a named body that "reports" is the outlet carrying the story."""
    doc = ent.doc
    if _says_outlet(_words_before(doc, ent.start)) or _says_outlet(_words_after(doc, ent.end)):
        return True
    return ent.label_ != "PERSON" and (_reports(doc, ent.end) or _cannot_verify(doc, ent.end))


def _says_outlet(words: list[str]) -> bool:
    """ "broadcaster", "television", "news agency" as a description's head."""
    if not words:
        return False
    return words[-1] in OUTLET_NOUNS or words[-2:] == ["news", "agency"]


def _reports(doc: Doc, end: int) -> bool:
    """ "X reports", "X reported" closing a sentence or opening a that-clause: the verb right
    after the name, not "X reported to the council" (a body reporting to another)."""
    if end >= len(doc) or doc[end].lemma_.lower() != "report" or doc[end].tag_ not in ("VBZ", "VBD"):
        return False
    after = doc[end + 1] if end + 1 < len(doc) else None
    return after is None or after.is_punct or after.lower_ == "that"


def _cannot_verify(doc: Doc, end: int) -> bool:
    """ "X could not independently verify the reports": the wire's own caveat, said by an outlet
    of what it carries; "independently" is what sets it apart from a body denying a claim."""
    words = [t.lower_ for t in doc[end : end + 6]]
    if "independently" not in words:
        return False
    verb = words.index("independently") + 1
    return verb < len(words) and words[verb].startswith(("verif", "confirm")) and "not" in words[:verb]


def _says_group(words: list[str]) -> bool:
    """ "rebel group", "armed group", "militia", and, before a name, "rebel" or "paramilitary"."""
    if not words:
        return False
    head = words[-1]
    if head in ARMED_COLLECTIVE_NOUNS:
        return True
    return head in GROUP_NOUNS and any(w in ARMED_GROUP_MODIFIERS for w in words[:-1])


def _says_members(words: list[str]) -> bool:
    """ "rebel" or "paramilitary" before a name, "fighters" or "militants" after it."""
    return bool(words) and words[-1] in ARMED_GROUP_NOUNS


def _words_before(doc: Doc, start: int) -> list[str]:
    """The lower-case words right before ``start`` back to a determiner: "the rebel" -> [rebel]."""
    words: list[str] = []
    i = start - 1
    while i >= 0 and len(words) < _REACH and _description_word(doc[i]):
        words.insert(0, doc[i].lower_)
        i -= 1
    return words


def _words_after(doc: Doc, end: int) -> list[str]:
    """The lower-case nouns and adjectives right after a name: "rebel group", "fighters"."""
    words: list[str] = []
    i = end
    while i < len(doc) and len(words) < 3 and doc[i].is_lower and _noun_or_adjective(doc[i]):
        words.append(doc[i].lower_)
        i += 1
    return words


def _apposition(ent: Span) -> list[str]:
    """The words of "X, a/an/the <description>," up to its last noun ("a militia active in
    the hills" -> [militia])."""
    doc = ent.doc
    i = ent.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    if doc[i].lower_ in _DETERMINERS:
        i += 1
    tokens: list[Token] = []
    while i < len(doc) and len(tokens) < _REACH + 2 and (_description_word(doc[i]) or _hyphenated(doc, i)):
        if doc[i].pos_ == "VERB" and any(_common_noun(t) for t in tokens):
            break  # "an armed group based in ...": the description ended at its noun
        tokens.append(doc[i])
        i += 1
    while tokens and not _common_noun(tokens[-1]):
        tokens.pop()
    return [t.lower_ for t in tokens]


def _common_noun(token: Token) -> bool:
    return token.is_lower and _noun_or_adjective(token) and token.pos_ != "ADJ"


def _naming_phrase(ent: Span) -> list[str]:
    """The description a name is given for: "a rebel group, known as X", "a militia called X"."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "known":
        i -= 2
    elif i >= 0 and doc[i].lower_ in _NAMING_WORDS:
        i -= 1
    else:
        return []
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return _words_before(doc, i + 1)


def _description_word(token: Token) -> bool:
    """A word a description is made of: "rebel", "armed", "linked", "group", "Islamist"."""
    if not token.is_alpha or token.lower_ in _DETERMINERS:
        return False
    if token.is_lower:
        return token.pos_ in _DESCRIPTION_POS or token.lower_ in _DESCRIPTION_NOUNS
    return token.pos_ == "ADJ" or token.ent_type_ == "NORP"  # "an Islamist armed group"


def _noun_or_adjective(token: Token) -> bool:
    """Also the description nouns the tagger reads as verbs ("Liwa Zayd militants overnight")."""
    return token.pos_ in ("ADJ", "NOUN") or token.lower_ in _DESCRIPTION_NOUNS


def _hyphenated(doc: Doc, i: int) -> bool:
    """A piece of a hyphenated modifier: "al-Qaeda-linked" is al, -, Qaeda, -, linked."""
    token = doc[i]
    return token.text == "-" or (
        i + 1 < len(doc) and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ and not token.whitespace_
    )


def _possessive(ent: Span) -> bool:
    """ "Haftar's fighters": a person's men, not a group's name."""
    return ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("'s", "’s", "'")
