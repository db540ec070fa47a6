"""Government organs named by their owner and their field: one GovernmentBody each.

Wire copy names a ministry by the state that owns it and the field it runs rather than by its
title: "Lebanon's health ministry", "the Lebanese health ministry", later "the health
ministry". Each such phrase becomes a mention of its own, apart from the owner's ("Lebanon"),
under one name built from the owner and the organ words ("Lebanon's health ministry"), so all
three spellings resolve to one entity; relations.py then makes it partOf its state. A later
"the health ministry" with no owner joins the last body of the same organ words before it.

Gazetteer bodies keep their entry ("South Korea's spy agency" is the NIS): a head already
inside a gazetteer name is left alone. A head with no portfolio word ("Chad's ministry") or
with no owner the text names stays what it was.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.doctext import doc_text
from kg.extract.gazetteer import Gazetteer
from kg.extract.wordlists import COUNTRY_NAMES, MEDIA_WORDS, ORGAN_HEADS, OWNER_PARTICIPLES
from kg.model import Article, Mention

__all__ = ["nationality_country", "organ_mentions"]

_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_OWNER_CLASSES = frozenset({"State", "Region", "Settlement", "Organization", "MilitaryUnit", "ArmedGroup"})
#: How nationality adjectives end ("Lebanese", "Kenyan", "Yemeni", "Danish"), and how much of
#: a country's name they must keep.
_NATIONALITY_ENDINGS = ("ese", "an", "i", "ish")
_MIN_STEM = 4
#: spaCy labels of a possessor that names an owner the gazetteer does not know.
_OWNER_LABELS = frozenset({"NORP", "ORG", "GPE"})
_POSSESSIVE = frozenset({"'s", "'", "’s", "’"})
#: Where a word that may be an organ head starts: every form of a head begins with the head
#: less its last letter ("ministries", "agencies").
_HEAD_STARTS = re.compile(r"(?i)\b(?:" + "|".join(sorted(h[:-1] for h in ORGAN_HEADS)) + ")")


def organ_mentions(
    doc: Doc, article: Article, mentions: list[Mention], gazetteer: Gazetteer
) -> list[Mention]:
    """``mentions`` with every owned government organ made a mention of its own body."""
    by_start = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in by_start]
    bodies = [(z.start, z.end) for z in article.read_zones()]
    replaced: dict[Mention, list[Mention]] = {}
    added: list[Mention] = []
    # organ words -> (name, gazetteer id) of the body they last stood for
    last_named: dict[str, tuple[str, str | None]] = {}
    for token in _head_candidates(doc):
        if token.lemma_.lower() not in ORGAN_HEADS or token.tag_ in _PLURAL_TAGS:
            continue
        if not any(s <= token.idx < e for s, e in bodies):
            continue
        covering = _covering(by_start, starts, token)
        if covering is not None and covering.cls != "GovernmentBody":
            continue  # a name that is no government organ
        found = _organ(doc, article.text, token, (by_start, starts), gazetteer, covering)
        if found is None:
            continue
        start, words, owner, owner_mention = found
        if any(w in MEDIA_WORDS for w in words.lower().split()):
            continue  # "the state news agency" is an outlet
        if covering is not None and covering.gazetteer_id is not None:
            # "Ukraine's Defence Ministry" is an entry; a later "the Defence Ministry" is too
            last_named[words.lower()] = (covering.name, covering.gazetteer_id)
            continue
        if owner is not None:
            last_named[words.lower()] = (f"{owner} {words}", None)
        if words.lower() not in last_named:
            continue
        name, entry = last_named[words.lower()]
        end = token.idx + len(token.text)
        mention = Mention(start, end, article.text[start:end], name, "GovernmentBody", entry)
        if covering is not None:
            replaced[covering] = [m for m in (owner_mention, mention) if m is not None]
        else:
            added.append(mention)
    if not replaced and not added:
        return mentions
    out = [n for m in mentions for n in replaced.get(m, [m])] + added
    return sorted(out, key=lambda m: (m.start, m.end))


def _head_candidates(doc: Doc) -> Iterator[Token]:
    """The tokens that may be organ heads, found in the text: the heads are rare, and making
    a Python object of every token of a long article costs more than the rest of this stage."""
    for match in _HEAD_STARTS.finditer(doc_text(doc)):
        words = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if words is not None and words[0].idx == match.start():
            yield words[0]


def _covering(by_start: list[Mention], starts: list[int], token: Token) -> Mention | None:
    """The mention around ``token``; names are short, so only those starting near it are asked."""
    i = bisect.bisect_right(starts, token.idx) - 1
    while i >= 0 and token.idx - by_start[i].start <= 200:
        m = by_start[i]
        if m.start <= token.idx < m.end:
            return m
        i -= 1
    return None


def _organ(
    doc: Doc,
    article_text: str,
    head: Token,
    index: tuple[list[Mention], list[int]],
    gazetteer: Gazetteer,
    covering: Mention | None,
) -> tuple[int, str, str | None, Mention | None] | None:
    """(start of the body's words, its organ words, its owner as a possessor ("Lebanon's") or
    nationality ("Lebanese"), a mention for an owner
    the old mention had taken in) for ``head``, or None when no portfolio word names it."""
    by_start, starts = index
    owner: str | None = None
    owner_mention: Mention | None = None
    start = head.idx
    organ: list[Token] = []
    for child in head.lefts:
        if child.dep_ == "poss":
            owner, owner_mention = _possessor(doc, article_text, child, index, gazetteer, covering)
            continue
        if child.dep_ not in _MODIFIERS:
            continue
        phrase = doc[child.left_edge.i : child.i + 1]
        if child.lemma_.lower() in OWNER_PARTICIPLES and child.i > child.left_edge.i:
            runner = _named_in(doc[child.left_edge.i : child.i], index, covering)
            if runner is not None:  # "the Taliban-run interior ministry"
                owner = _label(runner, gazetteer) + "'s"
            continue
        state = gazetteer.state_for_demonym(phrase.text) or gazetteer.state_for_demonym(child.text)
        if state is not None:
            owner, start = f"{state.label}'s", min(start, phrase.start_char)
            continue
        country = nationality_country(phrase[0].text)
        if country is not None:  # "the Lebanese Health Ministry", however the model tagged it
            owner, start = f"{country}'s", min(start, phrase.start_char)
            if phrase[0].i == child.i:
                continue
            phrase = doc[phrase.start + 1 : child.i + 1]
        elif phrase[0].ent_type_ == "NORP":  # a nationality no country list names: as said
            nationality = [t for t in phrase if t.ent_type_ == "NORP"]
            owner, start = doc[phrase.start : nationality[-1].i + 1].text, min(start, phrase.start_char)
            phrase = doc[nationality[-1].i + 1 : child.i + 1]
        named = _covering(by_start, starts, child)
        if named is not None and named is not covering:
            if named.cls in _OWNER_CLASSES:
                owner = _label(named, gazetteer) + "'s"  # "the Gaza civil defence agency"
            continue
        organ.extend(t for t in phrase if not t.is_punct or t.text == "-")
    if not organ:
        return None
    start = min(start, organ[0].idx)
    words = doc[organ[0].i : head.i + 1].text
    return start, words, owner, owner_mention


def _possessor(
    doc: Doc,
    article_text: str,
    poss: Token,
    index: tuple[list[Mention], list[int]],
    gazetteer: Gazetteer,
    covering: Mention | None,
) -> tuple[str | None, Mention | None]:
    """The owner named by a possessor ("Lebanon's", "the rebels'"), and a mention for it when
    the organ's old mention had swallowed it ("Mali's Health Ministry" tagged as one name)."""
    by_start, starts = index
    named = _named_in(doc[poss.left_edge.i : poss.right_edge.i + 1], index, covering)
    if named is not None:
        return _label(named, gazetteer) + "'s", None
    words = [t for t in poss.subtree if t.lower_ not in ("the", "a", "an") and t.text not in _POSSESSIVE]
    if not words:
        return None, None
    phrase = doc[words[0].i : words[-1].i + 1]
    entry = gazetteer.lookup(phrase.text)
    if entry is not None and entry.cls in _OWNER_CLASSES:
        cls, key, name = entry.cls, entry.id, entry.label
    elif phrase.text in COUNTRY_NAMES:
        cls, key, name = "State", None, phrase.text
    elif any(t.ent_type_ in _OWNER_LABELS for t in phrase):
        return phrase.text + "'s", None  # "the Tuareg rebels' interior ministry"
    else:
        return None, None
    mention = None
    if covering is not None and covering.start <= phrase.start_char:
        text = article_text[phrase.start_char : phrase.end_char]
        mention = Mention(phrase.start_char, phrase.end_char, text, phrase.text, cls, key)
    return name + "'s", mention


def _named_in(
    words: Span, index: tuple[list[Mention], list[int]], covering: Mention | None
) -> Mention | None:
    """The last mention of a possible owner among ``words``, other than the organ's own."""
    by_start, starts = index
    for token in reversed(words):
        named = _covering(by_start, starts, token)
        if named is not None and named is not covering and named.cls in _OWNER_CLASSES:
            return named
    return None


def _label(mention: Mention, gazetteer: Gazetteer) -> str:
    if mention.gazetteer_id is not None:
        try:
            return gazetteer.get(mention.gazetteer_id).label
        except KeyError:
            pass
    return mention.name


@lru_cache(maxsize=4096)
def nationality_country(word: str) -> str | None:
    """The country a nationality adjective the gazetteer lacks is formed from: the country
    name sharing the longest stem with it ("Lebanese" -> Lebanon, "Nigerian" -> Nigeria, not
    Niger), when the word ends as nationalities do and the stem is most of the name. Cached:
    the same few words come back in every article, and each look-up scans every country."""
    if not word[:1].isupper() or not word.lower().endswith(_NATIONALITY_ENDINGS):
        return None
    best: list[str] = []
    best_stem = 0
    for country in COUNTRY_NAMES:
        stem = len(os.path.commonprefix([word, country]))
        if stem < _MIN_STEM or len(country) - stem > 2:
            continue
        if stem > best_stem:
            best, best_stem = [country], stem
        elif stem == best_stem:
            best.append(country)
    return best[0] if len(best) == 1 else None
