"""Who a figure is from, across articles that name its source differently.

One statement reaches readers under several names: "Lebanon's health minister, Firas Abiad" in
one article, "the Health Ministry" in another; "the State Emergency Service" in one and
"emergency services said" in another. Grouping figures into assertions by claimant needs these
to be one claimant, so this module compares the words that name a source with the labels of the
claimants, word by word on their first letters ("Lebanese"/"Lebanon's", "minister"/"Ministry"
agree), and decides two things:

- a person whose own source words carry a body's whole name and a post ("Lebanese Health
  Minister Firass Abiad", body "Lebanon's Health Ministry") speaks for that body
  (:func:`post_holders`);
- an unnamed source whose words share a name with a claimant that gave the same figure of the
  same measure in another article ("Emergency services said 117 were wounded", the State
  Emergency Service's 117) is that claimant re-reported (:func:`named_source`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import URIRef

__all__ = ["GENERIC", "POST_WORDS", "PREFIX", "Candidate", "name_words", "named_source", "post_holders"]

#: Words compared by their first letters: enough to join "Lebanese" and "Lebanon's", "minister"
#: and "Ministry", "services" and "Service".
PREFIX = 5
#: Words that say a person holds a post in a body, whole ("minister", not the "Ministry" of the
#: body's own name).
POST_WORDS = frozenset(
    (
        "minister", "spokesman", "spokeswoman", "spokesperson", "head", "chief", "director",
        "commander", "leader", "secretary", "chairman", "chair", "governor", "mayor", "president",
        "official", "representative", "coordinator", "administrator", "general",
    )
)  # fmt: skip
#: Words of many bodies' names, which alone tell no claimant ("a local lobby group" is not the
#: SITE Intelligence Group), as compared (their first :data:`PREFIX` letters).
GENERIC = frozenset(
    w[:PREFIX]
    for w in (
        "group", "local", "officials", "sources", "authorities", "agency", "organisation", "organization",
        "government", "state", "national", "department", "ministry", "service", "security", "military",
        "forces", "committee", "council", "office", "people",
    )
)  # fmt: skip
_STOP = frozenset({"the", "of", "and", "for", "a", "an", "on", "by", "in", "at", "to", "its", "their"})
_WORD = re.compile(r"[^\W\d_]+")


def name_words(text: str) -> frozenset[str]:
    """The words of a name or source as compared: case folded, cut to :data:`PREFIX` letters,
    without function words and possessive endings."""
    words = (w.casefold() for w in _WORD.findall(text.replace("\u2019", "'").replace("'s", "")))
    return frozenset(w[:PREFIX] for w in words if len(w) > 1 and w not in _STOP)


def post_holders(
    sources: Iterable[tuple[URIRef, str]], people: Mapping[URIRef, str], bodies: Mapping[URIRef, str]
) -> list[tuple[URIRef, URIRef]]:
    """(person, body) pairs: the person's source words (``sources`` pairs a claimant with the
    words that named them) carry the person's surname, a post word and every word of the body's
    label. A body whose name is all in the words of another matching body (a "Health Ministry"
    beside "Lebanon's Health Ministry") loses to the longer."""
    body_words = {b: w for b, label in bodies.items() if (w := name_words(label))}
    pairs: set[tuple[URIRef, URIRef]] = set()
    for person, text in sources:
        label = people.get(person)
        if not label:
            continue
        words = name_words(text)
        surname = name_words(label.split()[-1])
        posts = {w.casefold() for w in _WORD.findall(text)} & POST_WORDS
        if not surname or not surname <= words or not posts:
            continue
        found = [b for b, w in body_words.items() if w <= words]
        found = [b for b in found if not any(body_words[b] < body_words[o] for o in found)]
        pairs.update((person, b) for b in found)
    return sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1])))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claimant an unnamed source may be: its grouping key and the words of its label."""

    key: str
    words: frozenset[str]


def named_source(source: str, candidates: Iterable[Candidate]) -> str | None:
    """The key of the one candidate whose label shares the most words with ``source`` (at least
    one not in :data:`GENERIC`); None when none does or two share as many."""
    words = name_words(source)
    if not words - GENERIC:
        return None
    candidates = [c for c in candidates if (words & c.words) - GENERIC]
    scored = sorted(
        ((len(words & c.words), c.key) for c in candidates if words & c.words), key=lambda s: (-s[0], s[1])
    )
    best = [key for score, key in scored if score == scored[0][0]] if scored else []
    return best[0] if len(set(best)) == 1 else None
