"""Hostility that news states without a hostile verb between the two sides' names.

Three ways: fire exchanged ("X traded fire with Y", "X began exchanging fire with Y"), an attack
claimed ("X claimed responsibility for an attack that killed 40 Y soldiers", "... for the attack
on Y"), and a pronoun standing for the side the sentence named ("X bombarded the south, saying it
was targeting Y sites"): the pronoun is the subject of the clause it hangs from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from kg.extract.agentties import Mentioned
from kg.extract.relationwords import (
    EXCHANGE_VERBS,
    EXCHANGED_FIRE,
    HOSTILE_NOUNS,
    HOSTILE_VERBS,
    TOLL_VERBS,
)

__all__ = ["claimed_attacks", "exchanges_of_fire", "hostile_pronoun_subjects"]

SideFinder = Callable[[Token], Mentioned | None]

#: Clauses whose subject, if a pronoun, is the subject of the clause above: "saying it was ...".
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "conj"})


def exchanges_of_fire(sent: DocSpan, side_in: SideFinder) -> Iterator[tuple[str, str, str]]:
    """ "X traded fire with Y", "X and Y exchanged fire", "X began trading fire with Y"."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in EXCHANGE_VERBS:
            continue
        fire = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in EXCHANGED_FIRE]
        if not fire:
            continue
        sides = [*_subjects(verb)]
        sides += [p for t in (verb, *fire) for c in t.children if c.lower_ == "with" for p in c.children]
        named = [side for side in map(side_in, sides) if side is not None]
        for first, second in zip(named, named[1:], strict=False):
            yield first.key, "opposes", second.key


def claimed_attacks(
    sent: DocSpan, side_in: SideFinder, target_in: SideFinder
) -> Iterator[tuple[str, str, str]]:
    """ "X claimed responsibility for an attack that killed 40 Y soldiers" (or "on Y"): X opposes Y."""
    for attack in sent:
        if attack.lemma_.lower() not in HOSTILE_NOUNS or attack.dep_ != "pobj" or attack.head.lower_ != "for":
            continue
        responsibility = attack.head.head
        claim = responsibility.head
        if responsibility.lemma_.lower() != "responsibility" or claim.lemma_.lower() != "claim":
            continue
        attackers = [side for side in map(side_in, _subjects(claim)) if side is not None]
        targets = [p for c in attack.children if c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
        targets += [
            o
            for clause in attack.children
            if clause.dep_ == "relcl" and clause.lemma_.lower() in TOLL_VERBS
            for o in clause.children
            if o.dep_ == "dobj"
        ]
        for attacker in attackers:
            for target in filter(None, map(target_in, targets)):
                yield attacker.key, "opposes", target.key


def hostile_pronoun_subjects(
    sent: DocSpan, side_in: SideFinder, target_in: SideFinder
) -> Iterator[tuple[str, str, str]]:
    """ "X bombarded the south, saying it was targeting Y sites": "it" is X."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in HOSTILE_VERBS:
            continue
        pronouns = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("it", "they")]
        if not pronouns or verb.dep_ not in _CLAUSE_DEPS:
            continue
        attacker = _subject_above(verb, side_in)
        if attacker is None:
            continue
        for target in filter(None, (target_in(c) for c in verb.children if c.dep_ == "dobj")):
            yield attacker.key, "opposes", target.key


def _subjects(verb: Token) -> list[Token]:
    """A verb's subjects and their conjuncts, or those of the verb it complements ("began trading")."""
    holder = verb
    while holder.dep_ in ("xcomp", "conj") and not any(c.dep_ == "nsubj" for c in holder.children):
        holder = holder.head
    subjects = [c for c in holder.children if c.dep_ == "nsubj"]
    return subjects + [c for s in subjects for c in s.children if c.dep_ == "conj"]


def _subject_above(verb: Token, side_in: SideFinder) -> Mentioned | None:
    """The named subject of the nearest clause above ``verb`` that has one."""
    clause = verb
    while clause.dep_ in _CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if subjects:
            return side_in(subjects[0])
    return None
