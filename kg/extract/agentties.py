"""Ties stated by a participle and its agent after a name: "X, led by Y" (Y leads X) and "X,
backed by Y" (X and Y are allies).

Read off the words, since the parser hangs such a participle on whichever noun it likes: the
name right before the participle (a comma between them or not) is what is led or backed, and
the names after "by" (one, or a list "Y and Z") are who leads or backs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.relationwords import AGENT_TIE_PARTICIPLES

__all__ = ["agent_ties"]

#: Who may back or be backed: states, their forces, armed groups and other organisations.
_SIDES = frozenset(
    {"State", "MilitaryUnit", "ArmedGroup", "GovernmentBody", "InternationalOrganization", "Organization"}
)
#: Words that may stand between a name and its participle: "X, reportedly backed by Y".
_BETWEEN = frozenset({",", "reportedly", "allegedly", "also", "openly", "heavily", "largely"})


class Mentioned(Protocol):
    """A resolved mention as the relation finder has it: entity key and class, token span."""

    @property
    def key(self) -> str: ...
    @property
    def cls(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def agent_ties(sent: DocSpan, at: Callable[[Token], Mentioned | None]) -> Iterator[tuple[str, str, str]]:
    """ "X, led by Y" -> (Y, leaderOf, X); "X, backed by Y and Z" -> X alliedWith Y and Z."""
    doc = sent.doc
    for verb in sent:
        predicate = AGENT_TIE_PARTICIPLES.get(verb.lower_)
        if predicate is None or verb.i + 1 >= sent.end or doc[verb.i + 1].lower_ != "by":
            continue
        tied = _name_before(doc, verb.i, sent.start, at)
        if tied is None:
            continue
        for agent in _names_after(doc, verb.i + 2, sent.end, at):
            if predicate == "leaderOf" and agent.cls == "Person" and tied.cls in _SIDES:
                yield agent.key, "leaderOf", tied.key
            elif predicate == "alliedWith" and agent.cls in _SIDES and tied.cls in _SIDES:
                yield tied.key, "alliedWith", agent.key


def _name_before(doc: Doc, i: int, first: int, at: Callable[[Token], Mentioned | None]) -> Mentioned | None:
    """The name right before the participle at ``i``, past a comma and an adverb."""
    j = i - 1
    while j >= first and doc[j].lower_ in _BETWEEN:
        j -= 1
    return at(doc[j]) if j >= first else None


def _names_after(doc: Doc, i: int, end: int, at: Callable[[Token], Mentioned | None]) -> Iterator[Mentioned]:
    """The names after "by": "the X", "X and Y", "X, Y and Z"."""
    while i < end:
        if doc[i].lower_ == "the":
            i += 1
            continue
        named = at(doc[i])
        if named is None:
            return
        yield named
        i = named.end
        if i < end and doc[i].lower_ in (",", "and"):
            i += 1
        else:
            return
