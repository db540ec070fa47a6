"""The only exit of spaCy types: a parsed article's entities become :class:`Mention` records.

Each spaCy label is mapped onto an ontology class here, by the gazetteer first and by the
words of the name second; names are cleaned of leading articles, possessives and titles, and
what cannot be an actor or a place (dates, numbers, platforms, weapons, bare nationalities)
is dropped.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.claimwords import CITY_ORGAN_NOUNS, REPORTING_VERBS, STATE_ORGAN_NOUNS
from kg.extract.contingents import contingent_of, gazetteer_entry, named_state
from kg.extract.descriptions import described_as_armed_group, described_as_media_outlet
from kg.extract.gazetteer import Gazetteer, GazetteerEntry
from kg.extract.labels import CONTINGENT_LABEL, GAZETTEER_LABEL, NON_ACTOR_LABEL
from kg.extract.locate import PLACE_CLASSES, ArticlePlaces, PlaceChoice, article_places, place_mention
from kg.extract.nationalities import nations_for_demonym
from kg.extract.organs import organ_mentions
from kg.extract.places import Place
from kg.extract.relationwords import ACTOR_TIE_PARTICIPLES, AFFILIATE_GROUP_NOUNS
from kg.extract.wordlists import (
    ARMED_NAME_WORDS,
    COUNTRY_NAMES,
    GOVERNMENT_WORDS,
    INTERNATIONAL_WORDS,
    JOB_NOUNS,
    LINE_LABELS,
    MEDIA_WORDS,
    MILITARY_WORDS,
    NAME_PARTICLES,
    NON_ENTITY_LABELS,
    OPERATION_WORDS,
    PERSON_TITLES,
    SHIP_PREFIXES,
    STRUCTURE_NOUNS,
    TECHNICAL_TERMS,
)
from kg.model import Article, Mention

__all__ = ["classify_organization", "mentions_from_doc"]

_REGION_WORDS = frozenset("region oblast province krai republic district peninsula territory".split())
#: Last words that make a name the model tagged as a place an organisation instead.
_ORGANIZATION_HEADS = MILITARY_WORDS | frozenset("front movement network group party coalition".split())
#: The Arabic article that transliterated names open with in lower case: "al-Qassimiya", "el-Obeid".
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z]")
#: Arabic "and" in transliterated names: "Jamaat Harakat ul-Haqq wal-Mujahidin".
_JOINING_WORDS = frozenset({"wa", "wal"})
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # "UAVs", "ICBMs": equipment, not actors
_PLURAL_ENDING = re.compile(r"(?:'s|s'|s|')$")
_LETTERS = re.compile(r"[A-Za-z]+")
#: A letter of the Latin script, accented or not: an English text's names have one.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ARTICLES = frozenset({"the", "a", "an"})
_EDGE_JUNK = " \t\n\"'()[]{},;:"
_MAX_NAME_TOKENS = 10


def mentions_from_doc(doc: Doc, article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Typed mentions for the entities of ``doc``, which was parsed from ``article.text``.

    Only entities inside the zones the model reads count; the caller blanks the rest, and this
    check keeps an entity that straddles a zone edge out too.
    """
    bodies = [(z.start, z.end) for z in article.read_zones()]
    ents = [e for e in doc.ents if any(s <= e.start_char and e.end_char <= end for s, end in bodies)]
    places = article_places(doc, _gazetteer_states(ents, gazetteer))
    mentions = []
    for ent in ents:
        state = named_state(ent, gazetteer) if ent.label_ == CONTINGENT_LABEL else None
        for span in (ent,) if state is None else (state, ent):
            mention = _mention(span, article.text, gazetteer, places)
            if mention is not None:
                mentions.append(mention)
    return organ_mentions(doc, article, mentions, gazetteer)


def classify_organization(name: str) -> str:
    """The ontology class of an organisation from the words of its name."""
    words = {w.lower() for w in _LETTERS.findall(name)}
    if words & MEDIA_WORDS or "news agency" in name.lower():
        return "MediaOutlet"
    if words & INTERNATIONAL_WORDS and len(words) > 1:
        return "InternationalOrganization"
    if words & ARMED_NAME_WORDS or (words >= {"people", "defence"} or words >= {"people", "defense"}):
        return "ArmedGroup"  # "Kosovo Liberation Army", "People's Defence Force"
    if words & MILITARY_WORDS:
        return "MilitaryUnit"
    if words & GOVERNMENT_WORDS:
        return "GovernmentBody"
    return "Organization"


def _gazetteer_states(ents: list[Span], gazetteer: Gazetteer) -> list[str]:
    """Labels of the gazetteer's states among ``ents``: the states the article names by an alias."""
    entries = (gazetteer_entry(gazetteer, e.ent_id_) for e in ents if e.label_ == GAZETTEER_LABEL)
    return [entry.label for entry in entries if entry is not None and entry.cls == "State"]


def _mention(ent: Span, text: str, gazetteer: Gazetteer, places: ArticlePlaces) -> Mention | None:
    label = ent.label_
    if label in NON_ENTITY_LABELS or label == NON_ACTOR_LABEL:
        return None
    if label == "NORP":
        return _place_for_group(ent, text, gazetteer, places)
    if label == CONTINGENT_LABEL:
        contingent = contingent_of(gazetteer, ent.ent_id_)
        return _make(ent, text, "MilitaryUnit", contingent.gazetteer_id, name=contingent.label)
    entry = gazetteer_entry(gazetteer, ent.ent_id_) if label == GAZETTEER_LABEL else None
    if entry is not None:
        listed = _metonym(ent, entry, gazetteer)
        return _listed_place(_make(ent, text, entry.cls, listed.id), ent, listed, places)
    start, end = _clean_bounds(ent, strip_titles=label == "PERSON")
    if start >= end:
        return None
    name = _model_text(ent, start, end)
    if not _plausible_name(name, gazetteer, ent):
        return None
    entry = gazetteer.lookup(name)
    if entry is not None:
        return _listed_place(
            Mention(start, end, text[start:end], name, entry.cls, entry.id), ent, entry, places
        )
    if _names_a_structure(name):
        return Mention(start, end, text[start:end], name, "Location")
    choice = places.choose(ent, name, label)
    capital = _state_of_capital(ent, name, label, choice, places)
    if capital is not None:
        state = gazetteer.lookup(capital.name)
        if state is not None and state.cls == "State":
            return Mention(start, end, text[start:end], state.label, "State", state.id, capital.id)
        return Mention(start, end, text[start:end], capital.name, "State", None, capital.id)
    if choice is not None:
        return place_mention(Mention(start, end, text[start:end], name, choice.cls), choice)
    cls = _class_for(label, name)
    if cls == "Person" and _names_a_movement(ent, name):
        cls = "Organization"
    if cls in PLACE_CLASSES and _tied_actor(ent):
        cls = classify_organization(name)  # "M23-held", "ISIS-linked": no place the data knows
    if (
        cls is not None
        and cls != "State"
        and (described_as_armed_group(ent) or _armed_groups_affiliate(ent, gazetteer))
    ):
        cls = "ArmedGroup"
    elif cls in ("Organization", "Person") and described_as_media_outlet(ent):
        cls = "MediaOutlet"
    return None if cls is None else Mention(start, end, text[start:end], name, cls)


def _names_a_movement(ent: Span, name: str) -> bool:
    """ "The Houthis fired ...": one plural name after "the" is a movement or a people, which the
    model takes for a person: news does not name a person with "the" and a plural."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    first = ent[0].lower_
    words = name.split()
    return (
        (first == "the" or before == "the")
        and len(words) == 1
        and name.endswith("s")
        and not name.endswith("'s")
        and name[0].isupper()
    )


def _tied_actor(ent: Span) -> bool:
    """Whether a hyphenated participle after the name ties it to something as an actor: "the
    M23-held town", "an ISIS-linked cell"."""
    doc, end = ent.doc, ent.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in ACTOR_TIE_PARTICIPLES


def _armed_groups_affiliate(ent: Span, gazetteer: Gazetteer) -> bool:
    """Whether ``ent`` is introduced as an affiliate of an armed group the gazetteer knows, so an
    armed group itself, whatever the model took the name for: "Islamic State affiliate X", "X,
    an al-Qaeda affiliate", "X, an offshoot of Y"."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in AFFILIATE_GROUP_NOUNS:
        return _armed_group_at(doc, ent.start - 1, gazetteer, ending=True)
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ not in _ARTICLES:
        return False
    for i in range(ent.end + 2, min(ent.end + 8, len(doc))):
        if doc[i].lower_ in AFFILIATE_GROUP_NOUNS:
            if i + 2 < len(doc) and doc[i + 1].lower_ == "of":
                return _armed_group_at(doc, i + 2 + (doc[i + 2].lower_ in _ARTICLES), gazetteer, ending=False)
            return _armed_group_at(doc, i, gazetteer, ending=True)
        if doc[i].is_punct and doc[i].text != "-":
            break
    return False


def _armed_group_at(doc: Doc, i: int, gazetteer: Gazetteer, *, ending: bool) -> bool:
    """Whether a name of an armed group the gazetteer knows ends right before ``i`` (``ending``)
    or starts at it."""
    for ent in doc.ents:
        if (ent.end == i if ending else ent.start == i) and ent.label_ == GAZETTEER_LABEL:
            entry = gazetteer_entry(gazetteer, ent.ent_id_)
            return entry is not None and entry.cls == "ArmedGroup"
    return False


def _place_for_group(ent: Span, text: str, gazetteer: Gazetteer, places: ArticlePlaces) -> Mention | None:
    """A nationality or group is no entity, but the model tags some city names so ("conditions
    in Aleppo"): one that is no demonym and that the place data puts in a place's
    slot or in a state the article names is the place. A name it tags so that ends in a
    force's head word ("U.S. Marines", "Iraqi Army") is that force, and one it tags as a
    person's full name elsewhere in the article is that person."""
    start, end = _clean_bounds(ent, strip_titles=False)
    name = _model_text(ent, start, end)
    if start >= end or not _plausible_name(name, gazetteer, ent):
        return None
    words = name.split()
    if len(words) > 1 and words[-1].lower() in MILITARY_WORDS and words[-1][0].isupper():
        return Mention(start, end, text[start:end], name, classify_organization(name))
    if tuple(w.casefold() for w in words) in places.person_names:
        return Mention(start, end, text[start:end], name, "Person")
    if nations_for_demonym(_PLURAL_ENDING.sub("", name)):
        return None
    choice = places.choose(ent, name, ent.label_)
    if choice is None:
        return None
    return place_mention(Mention(start, end, text[start:end], name, choice.cls), choice)


def _listed_place(mention: Mention, ent: Span, entry: GazetteerEntry, places: ArticlePlaces) -> Mention:
    """A gazetteer place keeps its id and class, and gains the data's place of that class."""
    if entry.cls not in PLACE_CLASSES:
        return mention
    choice = places.choose(ent, entry.label, "GPE")
    return place_mention(mention, choice) if choice is not None and choice.cls == entry.cls else mention


def _make(ent: Span, text: str, cls: str, gazetteer_id: str | None, *, name: str | None = None) -> Mention:
    start, end = _clean_bounds(ent, strip_titles=False)
    surface = _model_text(ent, start, end)
    return Mention(start, end, text[start:end], name or surface, cls, gazetteer_id)


def _model_text(ent: Span, start: int, end: int) -> str:
    """The characters ``[start, end)`` inside ``ent`` as the model read them.

    From the span's own text: ``Doc.text`` joins every token of the article on each access,
    which made reading an article's names quadratic in its length.
    """
    return ent.text[start - ent.start_char : end - ent.start_char]


def _metonym(ent: Span, entry: GazetteerEntry, gazetteer: Gazetteer) -> GazetteerEntry:
    """A capital that acts ("Pyongyang expects aid"), is cited ("according to Kyiv") or owns an
    organ of state ("Kyiv's military") stands for its state's government."""
    acts = ent.root.dep_ in {"nsubj", "nsubjpass"} or _cited(ent) or _owns_an_organ_of_state(ent)
    if entry.capital_of and acts:
        return gazetteer.get(entry.capital_of)
    return entry


def _state_of_capital(
    ent: Span, name: str, label: str, choice: PlaceChoice | None, places: ArticlePlaces
) -> Place | None:
    """The state a city stands for where it speaks for one: the city chosen, or, where the
    context chose none, the biggest of its namesakes if that is a capital ("Tripoli accused" is
    Libya's capital, not the Lebanese city; "Victoria said" is not the Seychelles' capital,
    smaller than the Canadian city); a capital the model took for an organisation too
    ("Nairobi said")."""
    if not _speaks_for_its_state(ent):
        return None
    index = places.index
    if choice is not None and choice.cls == "Settlement" and choice.place is not None:
        return index.capital_of(choice.place)
    if (choice is not None and choice.cls == "Settlement") or (choice is None and label == "ORG"):
        namesakes = [p for p in index.candidates(name) if p.cls == "Settlement"]
        return index.capital_of(max(namesakes, key=lambda p: p.population)) if namesakes else None
    return None


def _speaks_for_its_state(ent: Span) -> bool:
    """A capital the place data knows stands for its state where it reports ("Damascus denied
    the raid", "according to Damascus") or owns an organ of state ("the Kabul government"); not
    where it is a place that things happen to ("Damascus fell", "Damascus was shelled")."""
    root = ent.root
    reports = root.dep_ == "nsubj" and root.head.lemma_.lower() in REPORTING_VERBS
    return reports or _cited(ent) or _owns_an_organ_of_state(ent)


def _cited(ent: Span) -> bool:
    """ "according to X": a source."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


def _owns_an_organ_of_state(ent: Span) -> bool:
    """ "Kyiv's military", "the Kabul government": not "Paris police", a city's own."""
    root = ent.root
    organ = root.head.lemma_.lower()
    return root.dep_ in {"poss", "compound"} and organ in STATE_ORGAN_NOUNS and organ not in CITY_ORGAN_NOUNS


def _names_a_structure(name: str) -> bool:
    """ "Qaryat Dam", "the Grand Mosque": a structure is a place however the model tagged it."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in STRUCTURE_NOUNS


def _class_for(label: str, name: str) -> str | None:
    last = name.split()[-1].lower()
    if label == "PERSON":  # "Ansar al-Furqan Movement": no person's name ends in Movement or Front
        return classify_organization(name) if last in _ORGANIZATION_HEADS else "Person"
    if label == "ORG":
        return classify_organization(name)
    if label in ("GPE", "LOC", "FAC") and last in _ORGANIZATION_HEADS:
        return classify_organization(name)  # "... People's Defense Force", "... Liberation Front"
    if label == "GPE":
        if name in COUNTRY_NAMES:
            return "State"
        return "Region" if last in _REGION_WORDS else "Settlement"
    if label == "LOC":
        return "Region"
    if label == "FAC":
        return "Settlement"
    return None


def _plausible_name(name: str, gazetteer: Gazetteer, ent: Span) -> bool:
    """Reject what NER tags but no reader would call a name of an actor or place."""
    if not any(c.isalpha() for c in name) or "\n" in name or "/" in name:
        return False
    if (
        (name[0].islower() and not (_ARTICLE_PREFIX.match(name) and _opens_a_name(ent)))
        or len(name.split()) > _MAX_NAME_TOKENS
        or _PLURAL_ACRONYM.match(name)
    ):
        return False
    if gazetteer.non_actor(name) is not None or gazetteer.non_actor(name.split(".")[0]) is not None:
        return False  # "X.", "X. Media": a platform the tokenizer kept with the full stop after it
    if name.split()[0] in SHIP_PREFIXES:
        return False  # "USS Mahan": a warship
    if name in TECHNICAL_TERMS or name.casefold() in LINE_LABELS or not _LATIN.search(name):
        return False  # "MHz", "QUESTION:"; a name in another script glosses the English one beside it
    if name.split()[-1].lower() in JOB_NOUNS:
        return False  # "Project Coordinator": a post, not a body
    if all(word.lower() in PERSON_TITLES for word in name.split()):
        return False  # "Brig.", "Lt Gen": a rank the model took for a name
    if len(name.split()) > 1 and name.split()[0].lower() in OPERATION_WORDS:
        return False  # "Operation Desert Storm": a campaign, which the ontology has no class for
    words = name.split()
    if len(words) == 2 and words[1].islower() and nations_for_demonym(words[0]):
        return False  # "a Nigerien city": a description, not a name
    # A nationality, singular or plural, is not an entity: "Russians", "the North Koreans".
    bare = _PLURAL_ENDING.sub("", name)
    return gazetteer.state_for_demonym(name) is None and gazetteer.state_for_demonym(bare) is None


def _opens_a_name(ent: Span) -> bool:
    """ "in al-Qassimiya" opens a name; "Harakat ul-Haqq wa al-Mujahidin" goes on one the model cut
    at a lower-case particle, and its tail is no name of its own."""
    if ent.start == 0:
        return True
    before = ent.doc[ent.start - 1]
    return not (before.is_lower and (before.lower_ in NAME_PARTICLES or before.lower_ in _JOINING_WORDS))


def _clean_bounds(ent: Span, *, strip_titles: bool) -> tuple[int, int]:
    """Character bounds of the name without leading articles, titles, possessives, punctuation,
    or a bracketed part the model ran into it."""
    tokens = list(ent)
    bracket = next((k for k, t in enumerate(tokens) if k and t.text == "("), None)
    if bracket is not None:
        tokens = tokens[:bracket]  # "Allied Democratic Forces (ADF": the acronym is its own mention
    while tokens and (tokens[0].lower_ in _ARTICLES or (strip_titles and tokens[0].lower_ in PERSON_TITLES)):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower_ in {"'s", "'"}:
        tokens = tokens[:-1]
    if not tokens:
        return ent.start_char, ent.start_char
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text, base = ent.text, ent.start_char
    while start < end and (text[start - base] in _EDGE_JUNK or text[start - base].isspace()):
        start += 1
    while end > start and (text[end - 1 - base] in _EDGE_JUNK or text[end - 1 - base].isspace()):
        end -= 1
    return start, end
