"""Coordinated words in the parse: "A, B and C", which the parser chains conjunct to conjunct
(B hangs on A, C on B), so that a reader of one list member reaches the others."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["conjuncts"]


def conjuncts(token: Token) -> list[Token]:
    """What is coordinated with a word, however long the list: "officials, an aid group and the UN"."""
    found = [c for c in token.children if c.dep_ == "conj"]
    return found + [d for c in found for d in conjuncts(c)]
