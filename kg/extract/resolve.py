"""Mentions -> canonical entities: one node per real-world thing across all articles.

Identity comes from the gazetteer where it knows the name (its ids are fixed IRIs), and
otherwise from a slug of the name's romanisation fold (:func:`kg.extract.names.fold_name`), so the same
person named in two articles meets in one node however each spells it ("Andriy Melnyk",
"Andrii Melnyk": ``andry-melnyk``). A key depends on the name alone, never on other articles,
so building article B never renames what article A made.

In order, a mention's key comes from:

1. the gazetteer: its linked id, else a lookup of its name (exact, then folded);
2. a fuzzy match of a person's full name to a gazetteer person ("Volodimir Zelensky"), at the
   measured :data:`FUZZY_THRESHOLD`, refused when two entries come within :data:`FUZZY_MARGIN`;
3. the article: an acronym introduced as "..., or NIS" or "... (NIS)" joins the name before
   it; a surname or call sign used alone ("Kovalenko", "Kim") joins the one fuller name it
   can belong to, and is dropped when it fits several ("Lee" beside two Lees), even where
   the model took the lone word for an organisation's name ("Nassar said", after "General Ahmed Nassar");
4. otherwise the slug of its own folded name.

A capital standing for its state ("Pyongyang said") arrives already linked to the state by
:mod:`kg.extract.convert`; "in Pyongyang" stays the city. Ambiguous cases are dropped, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.gazetteer import Gazetteer
from kg.extract.names import fold_name
from kg.extract.wordlists import OUTLET_NOUNS
from kg.model import Article, Entity, ExtractedArticle, Mention

__all__ = [
    "CLASS_PRIORITY",
    "FUZZY_CLASSES",
    "FUZZY_MARGIN",
    "FUZZY_THRESHOLD",
    "name_key",
    "resolve_article",
    "slugify",
    "with_mentions",
]

#: When mentions of one entity disagree on its class and the votes tie, the earlier wins.
CLASS_PRIORITY = (
    "State",
    "Person",
    "ArmedGroup",
    "MilitaryUnit",
    "GovernmentBody",
    "MediaOutlet",
    "InternationalOrganization",
    "Organization",
    "Region",
    "Settlement",
)

#: Lowest similarity (0-100, :func:`kg.extract.names.name_similarity`) at which a person's full name
#: merges with a gazetteer person. Measured, not chosen: bench/quality/fuzzy_threshold.py takes
#: the lowest threshold without a false merge on the gazetteer's persons (typos and aliases
#: against their entry; names against every other entry) and on real namesakes it lists. Its
#: line, on the 557-entry gazetteer (119 persons), with the hardest negative "Andrei Rudskoy"
#: against Andrei Rudenko at 71.4:
#:     72  TP=941 FN=39 FP=0 P=1.000 R=0.960
#: tests/test_resolve.py reruns the measurement: the gazetteer grows, and a new entry that
#: makes this threshold merge two people fails the suite.
FUZZY_THRESHOLD = 72

#: Points within which a second entry makes a fuzzy match ambiguous, so that none is made.
#: Not measured (the threshold is measured with the margin off); a guard for names that sit
#: between two people, as a Kim sits between the Kims.
FUZZY_MARGIN = 5.0

#: Classes a fuzzy match may join (a Person mention only meets gazetteer persons). Not
#: organisations or places: their names differ from other units and places by one short word
#: ("255th" against the 155th brigade scores 80, "East Sea" against "Yellow Sea" 75; the
#: script prints both), and their spelling variants are few enough to list as aliases.
FUZZY_CLASSES = frozenset({"Person"})

_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
#: "(RSF)" right after a name: an acronym the writer defines for it.
_BRACKETED_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Z&]{1,7})\s*\)")
_ACRONYM_LINK = re.compile(r"^\s*(?:,\s*or|\(|,\s*also known as|,\s*known as)\s*(?:the\s+)?$")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_LETTERS = re.compile(r"[A-Za-z]+")


def slugify(name: str) -> str:
    """A stable ASCII slug: "Lee Seong-kweun" -> "lee-seong-kweun"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_name.lower().replace("'", "")).strip("-")
    return slug or "entity"


def name_key(name: str) -> str:
    """The entity key of a name outside the gazetteer: the slug of its romanisation fold.

    "Andrii Melnyk", "Andriy Melnyk" and "Andrij Melnyk" all give ``andry-melnyk``.
    """
    return slugify(fold_name(name))


def resolve_article(article: Article, mentions: Iterable[Mention], gazetteer: Gazetteer) -> ExtractedArticle:
    """Give every mention an entity key and describe the entities of the article."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    keys: dict[Mention, str] = {}
    for m in ordered:
        entry = gazetteer.get(m.gazetteer_id) if m.gazetteer_id else gazetteer.lookup(m.name)
        if entry is None and m.cls in FUZZY_CLASSES:
            entry = gazetteer.similar(m.name, {m.cls}, threshold=FUZZY_THRESHOLD, margin=FUZZY_MARGIN)
        if entry is not None:
            keys[m] = entry.id
    ordered = sorted([*ordered, *_link_acronyms(article.text, ordered, keys)], key=lambda m: (m.start, m.end))
    ordered = _lone_names_as_people(ordered, keys)
    ambiguous = _link_short_person_names(ordered, keys)
    for m in ordered:
        if m not in keys and m not in ambiguous:
            keys[m] = name_key(m.name)
    ordered = [m for m in ordered if m in keys]
    ordered += _propagate_person_names(article, ordered, keys)
    ordered.sort(key=lambda m: (m.start, m.end))
    entities = _describe(ordered, keys, gazetteer)
    return ExtractedArticle(
        article=article,
        mentions=tuple((m, keys[m]) for m in ordered),
        entities=entities,
    )


def with_mentions(
    extracted: ExtractedArticle, keyed: Iterable[tuple[Mention, str]], gazetteer: Gazetteer
) -> ExtractedArticle:
    """The article with more mentions whose entity is already known (a state a relation read
    off a nationality), its entities described again from all of them."""
    pairs = sorted({*extracted.mentions, *keyed}, key=lambda pair: (pair[0].start, pair[0].end, pair[1]))
    if len(pairs) == len(extracted.mentions):
        return extracted
    keys = dict(pairs)
    entities = _describe([m for m, _ in pairs], keys, gazetteer)
    return ExtractedArticle(
        article=extracted.article,
        mentions=tuple(pairs),
        entities=entities,
        relations=extracted.relations,
        claims=extracted.claims,
    )


def _link_acronyms(text: str, ordered: list[Mention], keys: dict[Mention, str]) -> list[Mention]:
    """ "the National Intelligence Service, or NIS": NIS is that service in this article.

    An acronym defined in brackets right after a name, "the Rapid Support Forces (RSF)", is
    that name's even where the model tagged no entity in the brackets: the definition becomes a
    mention, returned, and every later use of the acronym in the article joins the name.
    """
    by_name: dict[str, str] = {}
    for prev, m in zip(ordered, ordered[1:], strict=False):
        if m in keys or not _ACRONYM.match(m.name):
            continue
        between = text[prev.end : m.start]
        if _ACRONYM_LINK.match(between) and _initials_fit(m.name, prev.name):
            by_name[m.name] = keys.get(prev) or name_key(prev.name)
    starts = {m.start for m in ordered}
    defined = []
    for m in ordered:
        found = _BRACKETED_ACRONYM.match(text, m.end)
        if m.cls == "Person" or found is None or not _initials_fit(found[1], m.name):
            continue
        acronym = found[1]
        by_name.setdefault(acronym, keys.get(m) or name_key(m.name))
        if found.start(1) not in starts:
            defined.append(Mention(found.start(1), found.end(1), acronym, acronym, m.cls))
    for m in [*ordered, *defined]:
        if m not in keys and m.name in by_name:
            keys[m] = by_name[m.name]
    return defined


def _initials_fit(acronym: str, name: str) -> bool:
    """ "DIU" fits "Defence Intelligence of Ukraine": the acronym's letters are word initials."""
    initials = "".join(w[0] for w in _LETTERS.findall(name)).upper()
    it = iter(initials)
    return all(letter in it for letter in acronym.replace("&", ""))


def _lone_names_as_people(ordered: list[Mention], keys: dict[Mention, str]) -> list[Mention]:
    """A lone capitalised word the model took for an organisation is a person where it opens or
    closes a full person name of the article: after "General Ahmed Karim", "Karim said" is
    the general, whatever the model's tag. Gazetteer names and acronyms keep their class."""
    owners = _name_owners(ordered, keys)
    return [
        replace(m, cls="Person")
        if m not in keys and m.cls == "Organization" and _one_word(m.name) and fold_name(m.name) in owners
        else m
        for m in ordered
    ]


def _one_word(name: str) -> bool:
    """One capitalised word, not an acronym: "Karim", not "NATO" or "Red Cross"."""
    return name.isalpha() and name[0].isupper() and name[1:].islower()


def _link_short_person_names(ordered: list[Mention], keys: dict[Mention, str]) -> set[Mention]:
    """Join one-word person names to the one full name they fit; return those fitting several."""
    owners = _name_owners(ordered, keys)
    ambiguous = set()
    for m in ordered:
        if m in keys or m.cls != "Person" or len(m.name.split()) != 1:
            continue
        fitting = owners.get(fold_name(m.name), set())
        if len(fitting) == 1:
            keys[m] = next(iter(fitting))
        elif fitting:
            ambiguous.add(m)
    return ambiguous


def _name_owners(ordered: list[Mention], keys: dict[Mention, str]) -> dict[str, set[str]]:
    """The first and last words of the article's full person names, folded ("Syrsky" for
    "Oleksandr Syrskyi"), each with the keys of the names it opens or closes.

    Built once per article: asking every one-word name of a long article about every full name
    folded the same names over and over.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for m in ordered:
        parts = m.name.split()
        if m.cls == "Person" and len(parts) > 1:
            key = keys.get(m) or name_key(m.name)
            owners[fold_name(parts[0])].add(key)
            owners[fold_name(parts[-1])].add(key)
    return owners


#: An outlet noun right after a name: "X news agency", "X television".
_OUTLET_AFTER = re.compile(r"\s+(?:news\s+agency|" + "|".join(sorted(OUTLET_NOUNS)) + r")\b", re.IGNORECASE)


def _propagate_person_names(
    article: Article, ordered: list[Mention], keys: dict[Mention, str]
) -> list[Mention]:
    """One sense per discourse: a person's name used again where NER missed it is a mention.

    Looks for the full single-word names (call signs like "Green") and surnames of the
    article's people in its body text, wherever no mention covers them yet. Where an outlet
    noun follows ("X news agency", "X television"), the name was an outlet's all along.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for m in ordered:
        word = m.name.split()[-1]
        if m.cls == "Person" and len(word) > 2 and word[0].isupper():
            owners[word].add(keys[m])
    names = sorted((word, keys_.pop()) for word, keys_ in owners.items() if len(keys_) == 1)
    patterns = [(re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])"), word, key) for word, key in names]
    # One byte per character, 1 where a mention lies, so the overlap test does not grow with
    # the number of mentions: mentions are never empty, and two overlap when they share one.
    taken = bytearray(len(article.text))
    for m in ordered:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    added = []
    for zone in article.read_zones():
        segment = article.text[zone.start : zone.end]
        for pattern, word, key in patterns:
            for hit in pattern.finditer(segment):
                start, end = zone.start + hit.start(), zone.start + hit.end()
                if taken.find(1, start, end) >= 0:
                    continue
                cls = "MediaOutlet" if _OUTLET_AFTER.match(article.text, end) else "Person"
                mention = Mention(start, end, word, word, cls)
                keys[mention] = key
                taken[start:end] = b"\x01" * (end - start)
                added.append(mention)
    return added


def _describe(ordered: list[Mention], keys: dict[Mention, str], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in ordered:
        by_key[keys[m]].append(m)
    entities = []
    for key, group in sorted(by_key.items()):
        surfaces = {m.name for m in group}
        try:
            entry = gazetteer.get(key)
        except KeyError:
            entry = None
        if entry is not None:
            entities.append(
                Entity(key, entry.label, entry.cls, frozenset(surfaces - {entry.label}), entry.wikidata)
            )
            continue
        label = _best_label(group)
        entities.append(Entity(key, label, _vote_class(group), frozenset(surfaces - {label})))
    return tuple(entities)


def _best_label(group: list[Mention]) -> str:
    """The longest name the article uses for the entity; ties broken alphabetically."""
    return min((m.name for m in group), key=lambda n: (-len(n.split()), -len(n), n))


def _vote_class(group: list[Mention]) -> str:
    """Most mentions win; "Organization" only says the head words told nothing, so it votes last.

    An armed group described as one anywhere in the article ("the rebel X", "X, a militia") is
    one wherever else the model gave its name another label; so is a news outlet ("the state
    news agency X", "X reports") that the model elsewhere took for an organisation or a person.
    """
    if any(m.cls == "ArmedGroup" for m in group):
        return "ArmedGroup"
    if any(m.cls == "MediaOutlet" for m in group):
        return "MediaOutlet"
    votes = Counter(m.cls for m in group if m.cls != "Organization") or Counter(m.cls for m in group)
    return min(votes, key=lambda c: (-votes[c], CLASS_PRIORITY.index(c) if c in CLASS_PRIORITY else 99))
