"""Which place a name in an article denotes, and where the article's places lie.

:mod:`kg.extract.places` says what a name can denote; the article decides. A country name is
the state unless the article names the country of a same-named subdivision or city ("Georgia"
beside Atlanta); a city or subdivision name found in several countries is the one in a country
the article names; when the article names none or several ("Tripoli"), the place is left out
and the name keeps only its class (a city where one reading is a city). A name the model
tagged as a person or organisation is a place only in a place's slot ("in Kherson", "the
capital Bamako", "Aleppo and Homs", "southwest of Rafah") or when the place lies in a state the
article names, never when it is part of another person's full name in the same article ("Jordan"
beside "Jordan Peterson"), and never with a figure after it ("Dover 3": a team). Where a city and a
subdivision share a name in one country, a type word beside it ("Kassala province") makes it
the subdivision, else it is the city; beside a type word the subdivision's English names count
too ("Latakia province" for ISO's "Al Lādhiqīyah").
A name the data does not know (a town under its size cut) that the
model took for a person or group is a town only where nothing but a place fits ("near X", "the
town of X"; "in X" for a person's tag).

After resolution, each place entity (state, subdivision or city) gets its GeoNames point and
``locatedIn`` its state where the text states no larger place for it, when the article names
that state. A city is not put
in its state when the article names a region of that state: which region holds the city the
data does not say, and the state would then be the wrong link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.namebreaks import is_figure
from kg.extract.places import Place, PlaceIndex, place_index
from kg.extract.relationwords import HELD_PLACE_NOUNS, HOLDING_PARTICIPLES
from kg.extract.wordlists import (
    ENGLISH_COMPASS,
    LOCATIVE_PREPOSITIONS,
    PERSON_TITLES,
    PLACE_NOUNS,
    SETTLEMENT_KIND_NOUNS,
    SUBDIVISION_TYPE_WORDS,
)
from kg.model import Entity, ExtractedArticle, Mention, Relation

__all__ = ["PLACE_CLASSES", "ArticlePlaces", "PlaceChoice", "article_places", "geolocate"]

PLACE_CLASSES = frozenset({"State", "Region", "Settlement"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions that say where, whatever the parse makes of the name after them ("Near Kobani,
#: a strike hit ..."); "to", "from" and "at" also take people ("said to Kerry").
_WHERE_PREPOSITIONS = frozenset("in near outside around inside across throughout within".split())
#: Of those, the ones whose object is a place and nothing else: people are "around" a leader,
#: groups "inside" a coalition.
_ONLY_PLACES_PREPOSITIONS = frozenset({"near", "outside", "throughout"})
#: Nouns an apposition describes a place by: "X, the capital of Y", "X, a rebel stronghold".
_APPOSED_PLACE_NOUNS = PLACE_NOUNS | HELD_PLACE_NOUNS
#: Nouns whose "of" names a place the place data knows, or else its holder or a body: "the
#: stronghold of X", "took control of X".
_HELD_OR_CONTROLLED = HELD_PLACE_NOUNS | {"control"}
#: Verbs whose object, where the place data knows its name, is a place taken or fought for
#: ("rebels seized X", "troops recaptured X"), whatever the model tagged it.
_TAKEN_PLACE_VERBS = frozenset(
    "seize capture recapture retake overrun storm besiege encircle surround liberate".split()
)
#: Compass adjectives before a place's name: "southern X".
_COMPASS_ADJECTIVES = frozenset(w for w in ENGLISH_COMPASS if w.endswith("ern"))
#: Nouns of a subdivision whose "of" names one: "the province of X".
_REGION_NOUNS = frozenset("province region district governorate county oblast".split())
#: Nouns of a settlement that put the name beside them in its slot ("the town of X", "X village").
_SETTLEMENT_NOUNS = frozenset("city town cities towns".split()) | SETTLEMENT_KIND_NOUNS
#: ... and those of a place an armed actor holds, beside it: "X, a Hamas bastion" (not "of":
#: "a stronghold of the X Brigade" names its holder).
_HELD_SETTLEMENT_NOUNS = _SETTLEMENT_NOUNS | HELD_PLACE_NOUNS


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """What a name denotes here: a class, and the place itself when one fits."""

    cls: str
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """What the whole article says that bears on its place names."""

    countries: frozenset[str]  # ISO codes of the states it names
    person_names: frozenset[tuple[str, ...]]  # its full person names, as folded words
    index: PlaceIndex

    def choose(self, ent: Span, name: str, label: str) -> PlaceChoice | None:
        """The place ``ent`` (named ``name``, tagged ``label``) denotes, or None."""
        if label not in _PLACE_LABELS and not self._place_here(ent, name):
            return None
        words = name.split()
        if len(words) > 1 and words[-1].casefold() in SUBDIVISION_TYPE_WORDS:
            return self._region(" ".join(words[:-1]))
        after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
        if after in SUBDIVISION_TYPE_WORDS and self.index.regions(name):
            return self._region(name)
        candidates = self.index.candidates(name)
        if not candidates:
            if label in _PLACE_LABELS:
                return PlaceChoice("Region") if _region_slot(ent) else None
            return _unlisted_place(ent, label)
        states = [p for p in candidates if p.cls == "State"]
        others = [p for p in candidates if p.cls != "State"]
        named_here = [p for p in others if p.country in self.countries]
        if len(states) == 1 and not any(p.country != states[0].country for p in named_here):
            return PlaceChoice("State", states[0])
        pool = named_here or others
        if len({p.country for p in pool}) != 1:
            # Several countries and no context to choose: which place is left out; the class
            # is the city's where one reading is a city, else the one every reading has.
            classes = {p.cls for p in pool}
            if "Settlement" in classes:
                return PlaceChoice("Settlement")  # as in one country, the city without a type word
            return PlaceChoice(classes.pop()) if len(classes) == 1 else None
        cls = "Settlement" if any(p.cls == "Settlement" for p in pool) else pool[0].cls
        return self._pick([p for p in pool if p.cls == cls], cls)

    def _region(self, name: str) -> PlaceChoice | None:
        """The subdivision a name beside its type word denotes: the one in a state the article
        names where there is one, else the only one."""
        found = self.index.regions(name)
        here = [p for p in found if p.country in self.countries] or list(found)
        return self._pick(here, "Region") if here else None

    def _place_here(self, ent: Span, name: str) -> bool:
        """A name the model took for a person or organisation is a place in a place's slot, or
        when the place lies in a state the article names; never when a person's name holds it."""
        words = tuple(w.casefold() for w in name.split())
        if any(set(words) <= set(person) for person in self.person_names if person != words):
            return False  # "Jordan" beside "Jordan Peterson"; not "Ed Damer" beside a person "Ed Kamil"
        if ent.end < len(ent.doc) and is_figure(ent.doc[ent.end]):
            return False  # "Dover 3", "NEW HAVEN 58 71": a team with its score or standing
        return _in_place_slot(ent) or any(p.country in self.countries for p in self.index.candidates(name))

    @staticmethod
    def _pick(found: list[Place], cls: str) -> PlaceChoice:
        """The class is sure; the place only when one fits (three Washingtons in one state: none)."""
        return PlaceChoice(cls, found[0] if len(found) == 1 else None)


def article_places(doc: Doc, state_names: Iterable[str]) -> ArticlePlaces:
    """The article's context: the states it names (``state_names`` are the gazetteer's states
    it mentions; the model's place names add the rest) and its people's names."""
    index = place_index()
    countries: set[str] = set()
    names = list(state_names) + [e.text for e in doc.ents if e.label_ == "GPE"]
    for name in names:
        states = [p for p in index.candidates(name) if p.cls == "State"]
        if len(states) == 1:
            countries.add(states[0].country)
    person_names = {
        tuple(w.casefold() for w in e.text.split()) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
    }
    return ArticlePlaces(frozenset(countries), frozenset(person_names), index)


def _unlisted_place(ent: Span, label: str) -> PlaceChoice | None:
    """A name the place data does not know (a town under its size cut, a spelling it lacks)
    that the model took for a person or group is a town where only a place fits: "near X",
    "outside X", "the town of X", "X village", "X, a town", "X, Y and Z villages", "X, a rebel
    stronghold", "southern X", "headquartered in X", "based in X"; and for a person's tag "in X"
    too (a group can be in NATO; "fighting in X" is no place for a person). "The province of X"
    makes it a region."""
    root, doc = ent.root, ent.doc
    if ent[0].lower_ in PERSON_TITLES:
        return None  # "near President X": the title says who
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    head = root.head
    settled = (
        before in _ONLY_PLACES_PREPOSITIONS
        or _after_compass_adjective(ent)
        or after in _SETTLEMENT_NOUNS
        or _listed_before_kind(ent)
        or (root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _SETTLEMENT_NOUNS)
        or any(c.dep_ == "appos" and c.lower_ in _HELD_SETTLEMENT_NOUNS for c in root.children)
        or (label == "PERSON" and root.dep_ == "pobj" and head.lower_ == "in")
        or (root.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in _SEATED_AT)
    )
    if settled:
        return PlaceChoice("Settlement")
    return PlaceChoice("Region") if _region_slot(ent) else None


#: Participles of where a body sits: "headquartered in X", "based in X" name a place.
_SEATED_AT = frozenset({"headquarter", "base"})


def _region_slot(ent: Span) -> bool:
    """ "the Iraqi province of X": a subdivision's noun names the place after "of"."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _REGION_NOUNS


def _after_compass_adjective(ent: Span) -> bool:
    """ "southern X": a lower-case compass adjective right before the name."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.is_lower and before.lower_ in _COMPASS_ADJECTIVES


def _listed_before_kind(ent: Span) -> bool:
    """Whether a name opens a list of names a settlement noun closes: "A, B and C villages"."""
    doc, j = ent.doc, ent.end
    listed = False
    while j + 1 < len(doc) and doc[j].lower_ in (",", "and") and doc[j + 1].ent_iob_ == "B":
        j += 2
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        listed = True
    return listed and j < len(doc) and doc[j].lower_ in _SETTLEMENT_NOUNS


def _in_place_slot(ent: Span) -> bool:
    """ "in X", "near the city of X", "the capital X", "X province", "X, the capital of Y", "X and
    <place>", "X, Y and Z villages", "rebel-held X", "southern X", "control of X", "seized X"."""
    root, doc = ent.root, ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if before in PLACE_NOUNS or after in PLACE_NOUNS | _SETTLEMENT_NOUNS or before in _WHERE_PREPOSITIONS:
        return True
    if _after_compass_adjective(ent):
        return True  # "southern X"
    if _listed_before_kind(ent) or (
        before in HOLDING_PARTICIPLES and ent.start > 1 and doc[ent.start - 2].text == "-"
    ):
        return True  # "A, B and C villages", "the M23-held X"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    if (
        root.dep_ == "dobj"
        and head.lemma_.lower() in _TAKEN_PLACE_VERBS
        and ent[0].lower_ not in PERSON_TITLES
        and not any(c.dep_ == "appos" for c in root.children)  # "captured X, a rebel commander"
    ):
        return True  # "rebels seized X"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS | ENGLISH_COMPASS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _HELD_OR_CONTROLLED:
        return bool(place_index().candidates(ent.text))  # "the stronghold of <a place or its holder>"
    if root.dep_ in ("appos", "compound") and head.lower_ in PLACE_NOUNS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in _APPOSED_PLACE_NOUNS for c in root.children):
        return True  # "X, the capital of Y", "X, a rebel stronghold"
    conjuncts = [head] if root.dep_ == "conj" else []
    conjuncts += [c for c in root.children if c.dep_ == "conj"]
    return any(_is_place_token(t) for t in conjuncts)


def _is_place_token(token: Token) -> bool:
    """A token of a name the model tagged a place, or one the place data knows."""
    if token.ent_type_ in _PLACE_LABELS:
        return True
    ents = [e for e in token.doc.ents if e.start <= token.i < e.end]
    return bool(ents) and bool(place_index().candidates(ents[0].text))


def geolocate(extracted: ExtractedArticle, stated: Iterable[Relation]) -> ExtractedArticle:
    """Points on the article's place entities, and the state the data puts a place in where
    the text (``stated``) gives it no larger one. That state is part of the place's
    description (the entities graph), not a relation of the article's graph: the article did
    not state it."""
    index = place_index()
    chosen: dict[str, set[str]] = defaultdict(set)
    for mention, key in extracted.mentions:
        if mention.place_id is not None:
            chosen[key].add(mention.place_id)
    places = {
        e.key: index.get(next(iter(chosen[e.key])))
        for e in extracted.entities
        if e.cls in PLACE_CLASSES and len(chosen[e.key]) == 1
    }
    states = _states_of(extracted.entities, places, stated)
    entities = tuple(
        replace(_with_point(e, places.get(e.key)), located_in=states.get(e.key)) for e in extracted.entities
    )
    return replace(extracted, entities=entities)


def _with_point(entity: Entity, place: Place | None) -> Entity:
    if place is None or place.geo is None or place.cls != entity.cls:
        return entity
    return replace(entity, geo=place.geo)


def _states_of(
    entities: tuple[Entity, ...], places: dict[str, Place], stated: Iterable[Relation]
) -> dict[str, str]:
    """place key -> its state's key, for the places the text puts in no larger place."""
    placed = {r.subject for r in stated if r.predicate == "locatedIn"}
    state_keys = {p.country: k for k, p in places.items() if p.cls == "State"}
    region_countries = {
        places[e.key].country if e.key in places else None for e in entities if e.cls == "Region"
    }
    links = {}
    for key, place in sorted(places.items()):
        if place.cls == "State" or key in placed or place.country not in state_keys:
            continue
        if place.cls == "Settlement" and (place.country in region_countries or None in region_countries):
            continue  # the city may lie in a region the article names: the data cannot tell
        links[key] = state_keys[place.country]
    return links


def place_mention(mention: Mention, choice: PlaceChoice | None) -> Mention:
    """``mention`` typed and tied to the place chosen for it."""
    if choice is None:
        return mention
    place_id = None if choice.place is None else choice.place.id
    return replace(mention, cls=choice.cls, place_id=place_id)
