"""Relations between the entities of a parsed article, each with the sentence that states it.

Read from the dependency parse around resolved mentions, in the ways news English links actors:
a title before a name ("Russian President Vladimir Putin" -> leaderOf; "South Korean lawmaker
Lee Seong-kweun" -> affiliatedWith), an apposition after it ("Andrii Kovalenko, the head of
the Center ..." -> leaderOf; "..., a member of the Ukrainian unit" -> affiliatedWith), the
owner of an organisation ("South Korea's National Intelligence Service", "the Center ... at the
Council", "Defence Intelligence of Ukraine" -> partOf), chains of places ("Russia's Kursk
region", "Toretsk, Donetsk region, Ukraine" -> locatedIn), forces sent somewhere ("troops
deployed to Kursk", "the deployment of troops to Kursk" -> deployedTo) and hostility or
alliance stated between actors ("Russia's war against Ukraine" -> opposes; "Russia's ally
North Korea" -> alliedWith). Only what one sentence says is read; nothing is inferred.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.agentties import agent_ties
from kg.extract.contingents import resolve_contingent
from kg.extract.convert import classify_organization
from kg.extract.coordination import conjuncts
from kg.extract.doctext import doc_text, span_text
from kg.extract.gazetteer import Gazetteer
from kg.extract.hostility import claimed_attacks, exchanges_of_fire, hostile_pronoun_subjects
from kg.extract.nationalities import nations_for_demonym
from kg.extract.organs import nationality_country
from kg.extract.relationwords import (
    AFFILIATE_GROUP_NOUNS,
    AFFILIATE_NOUNS,
    AGENT_TIE_PARTICIPLES,
    ALLY_WORDS,
    BODY_HEADS,
    COREFERENT_NOUNS,
    DEPLOY_NOUNS,
    DEPLOY_PREPOSITIONS,
    DEPLOY_VERBS,
    EXCHANGE_VERBS,
    FIRED_AT_PREPOSITIONS,
    FIRED_WEAPONS,
    FIRING_VERBS,
    FORCE_NOUNS,
    HELD_PLACE_NOUNS,
    HOLDING_PARTICIPLES,
    HOSTILE_NOUNS,
    HOSTILE_PREPOSITIONS,
    HOSTILE_VERBS,
    LEADER_TITLE_PHRASES,
    LEADER_TITLES,
    LEADING_VERBS,
    MEMBER_NOUNS,
    MUTUAL_HOSTILE_NOUNS,
    NOT_LEADING,
    PARTITIVE_HEADS,
    PLACE_NOUNS,
    PRESENCE_PREPOSITIONS,
    PRESENCE_VERBS,
    RECIPROCAL_HOSTILE_VERBS,
    SEAT_WORDS,
    SHORE_NOUNS,
    STATE_OUTLET_WORDS,
    TIE_PARTICIPLES,
    TITLE_WORDS,
    WHERE_IN_WORDS,
)
from kg.extract.resolve import name_key
from kg.extract.speakerlabels import SpeakerLabel, speaker_labels
from kg.extract.wordlists import CONTINGENT_HEADS, UNIT_HEADS
from kg.model import Article, Mention, Relation, Span

__all__ = ["FoundRelations", "relations_from_doc"]

_ORGANISATIONS = frozenset(
    {
        "GovernmentBody",
        "MilitaryUnit",
        "ArmedGroup",
        "MediaOutlet",
        "InternationalOrganization",
        "Organization",
    }
)
_ACTORS = _ORGANISATIONS | {"State", "Person"}
#: Who fights: states, their forces, armed groups, and organisations not known to be either.
_FIGHTING_SIDES = frozenset({"State", "MilitaryUnit", "ArmedGroup", "Organization"})
#: What is sent somewhere: a state's forces and armed groups.
_FORCES = frozenset({"MilitaryUnit", "ArmedGroup"})
#: Whose base is where they are seated rather than where forces were sent.
_BASED_BODIES = frozenset({"ArmedGroup", "Organization"})
#: Whose hold on a place puts its forces there ("the M23-held town of X"): not a state's, which
#: the words name by a nationality ("Russian-held") more often than as the state.
_PLACE_HOLDERS = _FIGHTING_SIDES - {"State"}
#: Organisations a nationality makes part of its state: its forces and its government's bodies.
_STATE_ORGANS = frozenset({"MilitaryUnit", "GovernmentBody"})
_STATE = frozenset({"State"})
#: Places from small to large: a place lies in a larger one, never in a smaller or equal one.
_PLACE_RANK = {"Settlement": 0, "Region": 1, "State": 2}
#: What a role after "of"/"at"/"in" may be held in: any actor but a person, or a place it governs.
_HOLDERS = (_ACTORS | frozenset(_PLACE_RANK)) - {"Person"}
_PART_PREPOSITIONS = frozenset({"at", "of", "under", "within"})
#: Nouns for a place its name follows: "in the capital Amman", "in the city Y".
_NAMED_PLACE_NOUNS = frozenset({"capital", "city", "town"})
#: Adjectives inside a title that say which office: "Kharkiv regional governor", "city mayor".
_OFFICE_ADJECTIVES = frozenset({"regional", "provincial", "municipal", "city", "district", "local"})
_REGIONAL_WORDS = frozenset({"regional", "provincial"})
#: Titles of whoever governs a place named before them: "Dnipro Mayor X", "Zhytomyr governor X".
_GOVERNING_TITLES = frozenset({"mayor", "governor"})
#: Words inside a title after its office: "Minister of the Interior", "Minister for Foreign Affairs".
_PORTFOLIO_LINKS = frozenset({"of", "for"})
_PORTFOLIO_WORDS = frozenset({"the", "affairs"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
#: Prepositions under which a place may sit inside a longer phrase: "the province of X".
_NESTED_PLACE_PREPOSITIONS = frozenset({"of", "in", "near", "around", "outside"})
_DEFINITE = frozenset({"the", "these", "those"})


@dataclass(frozen=True, slots=True)
class _Named:
    """A resolved mention as tokens: the entity key and class, the token span and its root."""

    key: str
    cls: str
    start: int
    end: int
    root: int
    implied: bool = False  # read off words no mention covers: a nationality, a possessor in a name
    name: str | None = None  # the name an implied mention gives its entity ("Turkish forces")


@dataclass(frozen=True, slots=True)
class FoundRelations:
    """The relations of an article, and the state mentions they rest on that no name covered:
    "Belarusian" in "Belarusian President X", "China" in the one name "China's Foreign Ministry".
    Without a mention of its own such a state would be a relation's end the article never names."""

    relations: tuple[Relation, ...]
    implied_mentions: tuple[tuple[Mention, str], ...]  # (mention, Entity.key)


def relations_from_doc(
    doc: Doc,
    article: Article,
    mentions: tuple[tuple[Mention, str], ...],
    classes: dict[str, str],
    gazetteer: Gazetteer,
) -> FoundRelations:
    """Every relation the article's sentences state, once per triple and sentence, in text order."""
    finder = _RelationFinder(doc, mentions, classes, gazetteer)
    found: dict[tuple[str, str, str, int], Relation] = {}
    implied: dict[tuple[int, int], tuple[Mention, str]] = {}
    covered = {(m.start, m.end) for m, _ in mentions}
    for sent in doc.sents:
        evidence = _sentence_span(article.text, sent)
        if evidence is None:
            continue
        for subject, predicate, obj in finder.in_sentence(sent):
            read_off = finder.take_implied()
            if subject == obj:
                continue
            found.setdefault(
                (subject, predicate, obj, evidence.start), Relation(subject, predicate, obj, evidence)
            )
            for named in read_off:
                if named.key in (subject, obj):
                    mention = _implied_mention(doc, article, named)
                    if (mention.start, mention.end) not in covered:
                        implied.setdefault((mention.start, mention.end), (mention, named.key))
    bodies = [(z.start, z.end) for z in article.body_zones()]  # not a photo credit "Name / AFP"
    for label in speaker_labels(doc_text(doc)):
        if not any(s <= label.line.start and label.line.end <= e for s, e in bodies):
            continue
        for subject, predicate, obj, ends in _label_relations(finder, label, gazetteer):
            evidence = Span(label.line.start, label.line.end, article.text[label.line.start : label.line.end])
            found.setdefault(
                (subject, predicate, obj, evidence.start), Relation(subject, predicate, obj, evidence)
            )
            for one in ends:
                mention = _implied_mention(doc, article, one)
                if (mention.start, mention.end) not in covered:
                    implied.setdefault((mention.start, mention.end), (mention, one.key))
    return FoundRelations(tuple(found.values()), tuple(implied[span] for span in sorted(implied)))


def _label_relations(
    finder: _RelationFinder, label: SpeakerLabel, gazetteer: Gazetteer
) -> Iterator[tuple[str, str, str, list[_Named]]]:
    """ "Jana Novak / Defence Committee (SDS)": Novak is a member of the committee and the party."""
    person = finder.name_at(label.person, "Person")
    if person is None:
        return
    for span in (label.body, label.party):
        body = None if span is None else finder.name_at(span, classify_organization(span.text))
        if body is not None:
            yield person.key, "memberOf", body.key, [n for n in (person, body) if n.implied]


def _implied_mention(doc: Doc, article: Article, named: _Named) -> Mention:
    start = named.start
    while start < named.end - 1 and doc[start].pos_ == "DET":
        start += 1  # "the Polish": the nationality, not its article
    first, last = doc[start], doc[named.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    text = article.text[start:end]
    return Mention(start, end, text, named.name or text, named.cls)


class _RelationFinder:
    def __init__(
        self,
        doc: Doc,
        mentions: tuple[tuple[Mention, str], ...],
        classes: dict[str, str],
        gazetteer: Gazetteer,
    ) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.classes = classes
        self.named: list[_Named] = []
        for mention, key in sorted(mentions, key=lambda pair: pair[0].start):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and len(span):
                self.named.append(
                    _Named(key, classes.get(key, mention.cls), span.start, span.end, span.root.i)
                )
        self.starts = [n.start for n in self.named]
        self.read_off: list[_Named] = []

    def take_implied(self) -> list[_Named]:
        """The implied names read since the last call: those the relation just found may rest on."""
        taken, self.read_off = self.read_off, []
        return taken

    def _implied(self, key: str, cls: str, start: int, end: int) -> _Named:
        named = _Named(key, cls, start, end, end - 1, implied=True)
        self.read_off.append(named)
        return named

    def name_at(self, span: Span, cls: str) -> _Named | None:
        """The mention of exactly these characters, or a name of class ``cls`` read there."""
        words = self.doc.char_span(span.start, span.end)
        if words is None:
            return None
        named = self.at(words[0])
        if named is not None and (named.start, named.end) == (words.start, words.end):
            return named
        entry = self.gazetteer.lookup(span.text)
        key, cls = (entry.id, entry.cls) if entry is not None else (name_key(span.text), cls)
        return _Named(key, cls, words.start, words.end, words.end - 1, implied=True)

    def at(self, token: Token) -> _Named | None:
        """The mention covering ``token``, if any."""
        i = bisect.bisect_right(self.starts, token.i) - 1
        if i >= 0 and self.named[i].start <= token.i < self.named[i].end:
            return self.named[i]
        return None

    def in_sentence(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        lo, hi = bisect.bisect_left(self.starts, sent.start), bisect.bisect_left(self.starts, sent.end)
        for named in self.named[lo:hi]:
            if named.cls == "Person":
                yield from self._title(named)
                yield from self._apposition(named)
                yield from self._body_after(named)
            if named.cls in _ORGANISATIONS:
                yield from self._owner(named)
                yield from self._ties(named)
            place = self._as_place(named)
            if place is not None:
                yield from self._larger_place(place)
                yield from self._holder(place)
            if named.cls in _FIGHTING_SIDES:
                yield from self._alliance(named)
        # the finders below act only at their own words: a sentence without any is not walked
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        hostile = not words.isdisjoint(HOSTILE_VERBS | HOSTILE_NOUNS | FIRING_VERBS)
        if hostile:
            yield from self._hostilities(sent)
        yield from self._deployments(sent)
        if not words.isdisjoint(SEAT_WORDS):
            yield from self._seats(sent)
        yield from self._roles_before_names(sent)
        if not words.isdisjoint(ALLY_WORDS):
            yield from self._ally_of_pronoun(sent)
        if not words.isdisjoint(AGENT_TIE_PARTICIPLES):
            yield from agent_ties(sent, self.at)
        if not words.isdisjoint(LEADING_VERBS):
            yield from self._leading_verbs(sent)
        if not words.isdisjoint(EXCHANGE_VERBS):
            yield from exchanges_of_fire(sent, self._side_in)
        if hostile:
            yield from claimed_attacks(sent, self._named_side, self._target_side)
            yield from hostile_pronoun_subjects(sent, self._side_in, self._target_side)

    # --- people ------------------------------------------------------------------------

    def _title(self, person: _Named) -> Iterator[tuple[str, str, str]]:
        """'Russian President Vladimir Putin', 'NIS Director Cho', "Russia's Deputy Foreign Minister
        X", "Kenya's Minister of Interior X"."""
        doc = self.doc
        i = person.start
        while i < person.end and doc[i].lower_ in TITLE_WORDS:
            i += 1  # a title the mention itself took in
        title = [t for t in doc[person.start : i]]
        j = person.start - 1
        while j >= 0 and self.at(doc[j]) is None:
            word = doc[j].lower_
            portfolio = title and word in _PORTFOLIO_LINKS and j >= 1 and doc[j - 1].lower_ in TITLE_WORDS
            office = title and word in _OFFICE_ADJECTIVES  # "Kharkiv regional governor X"
            if not (word in TITLE_WORDS or word in _PORTFOLIO_WORDS or portfolio or office):
                break
            title.insert(0, doc[j])  # "Minister of the Interior X", "Minister for Foreign Affairs X"
            j -= 1
        while title and title[0].lower_ in _PORTFOLIO_WORDS:
            j = title.pop(0).i  # "the", taken in before a title with nothing before it
        if not title:
            return
        j = _before_parenthesis(doc, j)  # "United Kingdom (UK) Prime Minister X"
        if j >= 0 and doc[j].text in _POSSESSIVE:
            j -= 1
        holder = self._holder_before(j)
        if holder is not None:
            yield person.key, self._role(title, holder), holder.key
        elif title[-1].lower_ in _GOVERNING_TITLES:
            place = self._governed_place(j, title)
            if place is not None:
                yield person.key, "leaderOf", place.key

    def _governed_place(self, j: int, title: list[Token]) -> _Named | None:
        """The place a mayor or governor named before the title governs: "Dnipro Mayor X"; for a
        governor or with "regional", the region the article names after the city ("Kharkiv
        regional governor X" governs the Kharkiv region), never the city."""
        named = self.at(self.doc[j]) if j >= 0 else None
        place = self._as_place(named) if named is not None else None
        if place is None or place.cls == "State":
            return None
        words = {t.lower_ for t in title}
        if place.cls == "Settlement" and ("governor" in words or not _REGIONAL_WORDS.isdisjoint(words)):
            regions = sorted(
                k for k, c in self.classes.items() if c == "Region" and k.startswith(place.key + "-")
            )
            return _Named(regions[0], "Region", place.start, place.end, place.root) if regions else None
        return place

    def _holder_before(self, j: int) -> _Named | None:
        """What a title belongs to, ending at token ``j``: a named actor, or a nationality."""
        if j < 0:
            return None
        named = self.at(self.doc[j])
        if named is not None:
            return named if named.cls in _ACTORS and named.cls != "Person" else None
        return self._demonym_state(j)

    def _demonym_state(self, j: int) -> _Named | None:
        """'North Korean' or 'Ukrainian' ending at token ``j`` as the state it names."""
        doc = self.doc
        for width in (2, 1):
            first = j - width + 1
            if first < 0:
                continue
            state = self.gazetteer.state_for_demonym(doc[first : j + 1].text)
            if state is not None:
                return self._implied(state.id, "State", first, j + 1)
        nations = nations_for_demonym(doc[j].text) if doc[j].text[:1].isupper() else ()
        if len(nations) == 1:  # "the Yemeni capital": a state the gazetteer does not hold
            named = _Named(nations[0].key, "State", j, j + 1, j, implied=True, name=nations[0].name)
            self.read_off.append(named)
            return named
        return None

    def _country_of_nationality(self, j: int) -> _Named | None:
        """'the Lebanese Health Ministry': a nationality the gazetteer lacks, as the state the
        article names whose country name it is formed from."""
        country = nationality_country(self.doc[j].text)
        if country is None:
            return None
        key = name_key(country)
        return self._implied(key, "State", j, j + 1) if self.classes.get(key) == "State" else None

    def _role(self, title: list[Token], holder: _Named) -> str:
        words = [t.lower_ for t in title]
        leads = words[-1] in LEADER_TITLES or " ".join(words[-2:]) in LEADER_TITLE_PHRASES
        if leads and not NOT_LEADING & set(words):
            return "leaderOf"
        return "affiliatedWith"

    def _apposition(self, person: _Named) -> Iterator[tuple[str, str, str]]:
        """'Andrii Kovalenko, the head of X', '..., a member of the Ukrainian unit', '..., X's envoy'."""
        root = self.doc[person.root]
        for noun in root.children:
            if noun.dep_ != "appos" or noun.pos_ not in ("NOUN", "PROPN") or self.at(noun) is not None:
                continue
            word = noun.lower_
            modifiers = {c.lower_ for c in noun.children}
            if word in LEADER_TITLES and not NOT_LEADING & modifiers:
                role = "leaderOf"
            elif word in MEMBER_NOUNS:
                role = "memberOf"
            elif word in AFFILIATE_NOUNS:
                role = "affiliatedWith"
            else:
                continue
            target = self._appositive_target(noun)
            if target is None:
                continue
            if role == "memberOf" and target.cls == "State":
                role = "affiliatedWith"  # "a member of the Ukrainian unit": the unit is not named
            yield person.key, role, target.key

    def _appositive_target(self, noun: Token) -> _Named | None:
        """The actor an appositive names: after of/at/for/with, else its possessor or nationality;
        before "in" the body the noun names beats the place it serves in ("the UN coordinator in
        Chad")."""
        for child in noun.children:
            if (
                child.dep_ == "prep"
                and child.lower_ == "in"
                and (owner := self._modifier_actor(noun)) is not None
            ):
                return owner
            if child.dep_ == "prep" and child.lower_ in ("of", "at", "for", "with", "in"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    named = self.at(pobj) or self._unit_name(pobj)
                    if named is not None and named.cls in _HOLDERS:  # "the governor of Darfur province"
                        return named
                    return self._modifier_actor(pobj)
        return self._modifier_actor(noun) or self._coreferent_owner(noun)

    def _unit_name(self, head: Token) -> _Named | None:
        """A numbered unit the model left untagged: "the 4th Mechanised Brigade"."""
        if head.lower_ not in UNIT_HEADS or not head.text[0].isupper():
            return None
        start = head.i
        while start > 0 and (self.doc[start - 1].text[0].isupper() or self.doc[start - 1].like_num):
            start -= 1
            if self.doc[start].head.i != head.i or self.at(self.doc[start]) is not None:
                return None
        if not any(t.like_num or t.text[0].isdigit() for t in self.doc[start : head.i]):
            return None
        name = self.doc[start : head.i + 1].text
        entry = self.gazetteer.lookup(name)
        return self._implied(entry.id if entry else name_key(name), "MilitaryUnit", start, head.i + 1)

    def _coreferent_owner(self, noun: Token) -> _Named | None:
        """A possessor that refers back: "its ally", "the country's prime minister", "the
        brigade's spokesman" -> the last actor of that kind the article named before."""
        for child in noun.children:
            if child.dep_ != "poss" or self.at(child) is not None:
                continue
            if child.lower_ in ("its", "their"):
                return self._last_named_before(child.i, _FIGHTING_SIDES | _ORGANISATIONS)
            classes = COREFERENT_NOUNS.get(child.lemma_.lower())
            if classes is not None and any(d.lower_ == "the" for d in child.children):
                if classes == _STATE:  # "Iranian media said the country's ambassador ..."
                    return self._state_earlier_in_sentence(child) or self._last_named_before(child.i, _STATE)
                return self._last_named_before(child.i, classes)
        return None

    def _state_earlier_in_sentence(self, token: Token) -> _Named | None:
        """The nearest state the sentence names before ``token``, by name or nationality."""
        for before in reversed(token.sent[: token.i - token.sent.start]):
            named = self.at(before)
            if named is not None and named.cls == "State":
                return named
            state = self._demonym_state(before.i) if named is None and before.pos_ == "ADJ" else None
            if state is not None:
                return state
        return None

    def _last_named_before(self, i: int, classes: frozenset[str]) -> _Named | None:
        """The nearest actor of one of ``classes`` that the article names before token ``i``."""
        at = bisect.bisect_left(self.starts, i) - 1
        while at >= 0:
            if self.named[at].cls in classes:
                return self.named[at]
            at -= 1
        return None

    def _roles_before_names(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """The description before the names: "the two opposition members of the X Committee,
        A and B", "the country's prime minister, X", "the brigade's spokesman, Major X",
        "Lukashenko's ally, X"."""
        for noun in sent:
            if noun.pos_ not in ("NOUN", "PROPN") or self.at(noun) is not None:
                continue
            persons = [
                named
                for appos in noun.children
                if appos.dep_ == "appos"
                for token in (appos, *(conjuncts(appos) if noun.tag_ == "NNS" else ()))
                if (named := self.at(token)) is not None and named.cls == "Person"
            ]
            if not persons:
                continue
            lemma = noun.lemma_.lower()
            if lemma in ALLY_WORDS:
                owner = self._possessor(noun)
                yield from ((p.key, "alliedWith", owner.key) for p in persons if owner is not None)
                continue
            title = [c for c in noun.lefts if c.dep_ in ("amod", "compound")] + [noun]
            target = self._appositive_target(noun)
            if target is None:
                continue
            if lemma in MEMBER_NOUNS:
                role = "memberOf" if target.cls != "State" else "affiliatedWith"
            elif noun.lower_ in TITLE_WORDS or lemma in AFFILIATE_NOUNS:
                role = self._role(title, target)
            else:
                continue
            yield from ((p.key, role, target.key) for p in persons)

    def _possessor(self, noun: Token) -> _Named | None:
        """Whose a noun is, people included: "Lukashenko's ally", "its ally"."""
        for child in noun.children:
            if child.dep_ == "poss" and (named := self.at(child)) is not None:
                return named
        return self._coreferent_owner(noun)

    def _body_after(self, person: _Named) -> Iterator[tuple[str, str, str]]:
        """ "Senator Maria Lopez of the Liberal Party": the body a person is introduced by."""
        for prep in self.doc[person.root].children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    body = self.at(pobj) if pobj.dep_ == "pobj" else None
                    if body is not None and body.cls in _ORGANISATIONS:
                        yield person.key, "memberOf", body.key

    def _modifier_actor(self, noun: Token) -> _Named | None:
        """An actor named in a noun's modifiers, the nearest first: "Ukraine's", "the Ukrainian"
        (unit), "Sudan's Darfur" (province)."""
        for child in reversed(list(noun.lefts)):
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                named = self.at(child)
                if named is not None and named.cls in _ACTORS and named.cls != "Person":
                    return named
                state = self._demonym_state(child.i)
                if state is not None:
                    return state
        return None

    # --- organisations and places ------------------------------------------------------

    def _owner(self, org: _Named) -> Iterator[tuple[str, str, str]]:
        """The larger body an organisation belongs to; the nearest one the sentence names."""
        doc = self.doc
        for token in doc[org.start : org.end]:
            for child in token.children:
                if child.dep_ != "prep" or child.lower_ not in _PART_PREPOSITIONS or child.i < org.end:
                    continue
                parent = next((self.at(p) for p in child.children if p.dep_ == "pobj"), None)
                if parent is not None and (parent.cls in _ORGANISATIONS or self._named_like_body(parent)):
                    yield org.key, "partOf", parent.key
                    return  # "Ukraine's Center ... at the Council": the Council is the nearer whole
        state = self._owning_state(org)
        if state is not None:  # a state's news agency speaks for it but is no organ of it
            yield org.key, "affiliatedWith" if org.cls == "MediaOutlet" else "partOf", state.key

    def _named_like_body(self, named: _Named) -> bool:
        """A name the model took for a place whose head word says it is a body: "the X Center"."""
        return named.cls in _PLACE_RANK and self.doc[named.end - 1].lower_ in BODY_HEADS

    def _owning_state(self, org: _Named) -> _Named | None:
        """'South Korea's NIS', 'the South Korean Ministry ...', 'Security Service of Ukraine'."""
        doc = self.doc
        root = doc[org.root]
        inside = self._possessor_inside(org)
        if inside is not None and not _is_contingent(doc[org.start : org.end]):
            state = inside if inside.cls == "State" else self._state_of_capital(inside, org)
            if state is not None:
                return state
        described = self._described_after(org)  # "the State Security Ministry, North Korea's secret police"
        if described is not None:
            return described
        appositives = [c for c in root.children if c.dep_ == "appos"] if org.cls in _STATE_ORGANS else []
        for appositive in appositives:  # "X, an Iranian paramilitary unit"; not "X, a Korean newspaper"
            for child in appositive.children:
                state = self._demonym_state(child.i) if child.dep_ == "amod" else None
                if state is not None:
                    return state
        owners = root.head if root.dep_ == "conj" else root  # "Egypt's Second Army and Third Army"
        for child in [*root.children, *(owners.children if owners is not root else [])]:
            if child.dep_ == "poss" and child.i < org.start:
                owner = self.at(child)
                if owner is not None and owner.cls == "State":
                    return owner
                if owner is not None and (state := self._state_of_capital(owner, org)) is not None:
                    return state
                if owner is not None and owner.cls == "MilitaryUnit" and org.cls == "GovernmentBody":
                    return self._demonym_state_in(owner)  # "the South Korean military's Joint Chiefs"
        if org.cls == "MediaOutlet":
            return self._state_of_outlet(org)
        if org.cls != "GovernmentBody":
            return None  # a contingent ("Ukrainian forces") carries its state in its name
        before = org.start - 1
        if before >= 0 and self.at(doc[before]) is None:
            state = self._demonym_state(before)
            if state is not None:
                return state
        return (
            self._demonym_state_in(org)
            or self._state_after_of(org)
            or self._country_of_nationality(org.start)
            or (
                self._country_of_nationality(before) if before >= 0 and self.at(doc[before]) is None else None
            )
        )

    def _state_of_outlet(self, outlet: _Named) -> _Named | None:
        """ "the Syrian state news agency X", "Iran's official broadcaster X": a nationality or
        a state in a description that calls the outlet the state's own; "the Qatari
        broadcaster X" says where it is from, not whose it is."""
        doc = self.doc
        before: list[int] = []
        i = outlet.start - 1
        while i >= 0 and len(before) < 6 and doc[i].lower_ not in _DEFINITE | {"a", "an"}:
            if not (doc[i].is_alpha or doc[i].text in _POSSESSIVE or doc[i].text == "-"):
                break  # "Iranian state-run X" goes on over its hyphen
            before.insert(0, i)  # the words back to its article: "Syrian state news agency"
            i -= 1
        if not any(self.doc[i].lower_ in STATE_OUTLET_WORDS for i in before):
            return None
        for i in before:
            named = self.at(self.doc[i])
            if named is not None and named.cls == "State":
                return named
            state = self._demonym_state(i) if named is None else None
            if state is not None:
                return state
        return None

    def _described_after(self, named: _Named) -> _Named | None:
        """A state owning the appositive right after a name: "X, North Korea's secret police".
        Read off the words, since the parser often hangs such appositives on the wrong noun."""
        doc = self.doc
        if named.end + 2 >= len(doc) or doc[named.end].text != ",":
            return None
        owner = self.at(doc[named.end + 1])
        if (
            owner is None
            or owner.cls != "State"
            or owner.end >= len(doc)
            or doc[owner.end].text not in _POSSESSIVE
        ):
            return None
        return owner

    def _state_of_capital(self, possessor: _Named, org: _Named) -> _Named | None:
        """The state a capital stands for when it owns a government body: "Tehran's Intelligence
        Ministry" is Iran's (a place in a capital, "Tehran's main prison", stays in the city)."""
        if (
            org.cls not in _STATE_ORGANS
            or possessor.cls != "Settlement"
            or possessor.key not in self.gazetteer
        ):
            return None
        state = self.gazetteer.capital_of(possessor.key)
        return None if state is None else self._implied(state.id, state.cls, possessor.start, possessor.end)

    def _possessor_inside(self, named: _Named) -> _Named | None:
        """A possessor the mention took in as part of a known name: "Russia's Kursk region"."""
        doc = self.doc
        for i in range(named.start + 1, named.end - 1):
            if doc[i].text in _POSSESSIVE:
                entry = self.gazetteer.lookup(doc[named.start : i].text)
                if entry is not None:
                    return self._implied(entry.id, entry.cls, named.start, i)
        return None

    def _demonym_state_in(self, named: _Named) -> _Named | None:
        """A nationality opening the mention itself: "South Korean Ministry of National Defense"."""
        for width in (2, 1):
            if named.start + width < named.end:
                state = self._demonym_state(named.start + width - 1)
                if state is not None:
                    return state
        return None

    def _state_after_of(self, org: _Named) -> _Named | None:
        """'Defence Intelligence of Ukraine': a state closing the organisation's own name."""
        tokens = self.doc[org.start : org.end]
        words = [t.lower_ for t in tokens]
        if "of" not in words:
            return None
        first = org.start + len(words) - words[::-1].index("of")
        entry = self.gazetteer.lookup(self.doc[first : org.end].text)
        if entry is not None and entry.cls == "State":
            return self._implied(entry.id, "State", first, org.end)
        return None

    def _larger_place(self, place: _Named) -> Iterator[tuple[str, str, str]]:
        """ "Russia's Kursk region", "Toretsk, Donetsk region, Ukraine", "Sudzha in the Kursk region"."""
        doc = self.doc
        root = doc[place.root]
        rank = _PLACE_RANK[place.cls]
        inside = self._possessor_inside(place)
        if inside is not None and _PLACE_RANK.get(inside.cls, -1) > rank:
            yield place.key, "locatedIn", inside.key
            return
        candidates = [c for c in root.children if c.dep_ == "poss"]
        candidates += [
            p for c in root.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for p in c.children
        ]
        after = place.end
        if after + 1 < len(doc) and doc[after].text == ",":  # "Toretsk, Donetsk region", "Sudzha, in the ..."
            after += 1
            while after < len(doc) - 1 and doc[after].lower_ in ("in", "the"):
                after += 1
            if not self._kinds_listed(place.end):
                candidates.append(doc[after])
        for token in candidates:
            larger = self._place_in(token, depth=0)
            if larger is not None and _PLACE_RANK.get(larger.cls, -1) > rank:
                yield place.key, "locatedIn", larger.key
                return
        # a kind noun says what the place is inside the larger one: "Sanaa's X district", "the
        # X neighbourhood in Y", so a district of a city lies in it though both are settlements
        for gloss in [root, *_place_glosses(root)]:
            larger = self._place_on_shore(gloss) if gloss is root else self._place_of_gloss(gloss)
            if larger is not None and larger.key != place.key and _PLACE_RANK.get(larger.cls, -1) >= rank:
                yield place.key, "locatedIn", larger.key
                yield from self._gloss_place_in(gloss, larger)
                return
        larger, kind_named = self._place_in_after(place)
        if larger is not None and larger.key != place.key:
            larger_rank = _PLACE_RANK.get(larger.cls, -1)
            if larger_rank > rank or (kind_named and larger_rank == rank):
                yield place.key, "locatedIn", larger.key

    def _holder(self, place: _Named) -> Iterator[tuple[str, str, str]]:
        """The armed actor whose forces hold a place: "M23-held X", "the SLM-controlled city of X",
        "the Hamas stronghold of X", "X, a rebel bastion". Read off the words: the parser
        hangs the hyphenated participle anywhere."""
        doc = self.doc
        j = place.start - 1
        kind = None
        if j >= 1 and doc[j].lower_ == "of":
            kind, j = doc[j - 1], j - 2
        elif j >= 0 and doc[j].lower_ in HELD_PLACE_NOUNS:  # "the Hamas stronghold X"
            kind, j = doc[j], j - 1
        elif j >= 0 and doc[j].lower_ in PLACE_NOUNS and doc[j].tag_ == "NN":  # "the M23-held town X"
            j -= 1
        holder = None
        if kind is not None and kind.lower_ in HELD_PLACE_NOUNS:
            holder = self._actor_ending_at(j)
        elif kind is not None and kind.lemma_.lower() not in PLACE_NOUNS:
            return
        elif j >= 2 and doc[j].lower_ in HOLDING_PARTICIPLES and doc[j - 1].text == "-":
            holder = self._actor_ending_at(j - 2)
        if holder is None:
            holder = self._holder_apposed(place.end)
        if holder is not None and holder.cls in _PLACE_HOLDERS:
            yield holder.key, "deployedTo", place.key

    def _holder_apposed(self, end: int) -> _Named | None:
        """The holder an apposition after a place names: "X, a Hamas stronghold", "X, a
        stronghold of the Y Brigade"; not "X, Y and the Hamas stronghold of Z"."""
        doc = self.doc
        if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the"):
            return None
        for i in range(end + 2, min(end + 7, len(doc))):
            if doc[i].lower_ in HELD_PLACE_NOUNS and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                return self._actor_starting_at(i + 2)  # "X, a stronghold of the Y Brigade"
            if doc[i].lower_ in HELD_PLACE_NOUNS:
                return self._actor_ending_at(i - 1)
            if not self._description_token(i) or doc[i].pos_ in ("ADP", "CCONJ"):
                return None
        return None

    def _place_in_after(self, place: _Named) -> tuple[_Named | None, bool]:
        """The place named in the words right after a place, read off the words since parsers
        hang the phrase on the verb: "X in the Y district", "A, B and C villages in Y". The
        flag says whether a kind noun ("villages") came between."""
        doc = self.doc
        j = self._after_place_list(place.end)
        kind_named = j < len(doc) and doc[j].lemma_.lower() in PLACE_NOUNS
        j += kind_named
        if kind_named and j < len(doc) - 1 and doc[j].text == ",":
            j += 1  # "the X suburb, in the capital Y"
        if j >= len(doc) - 1 or doc[j].lower_ != "in":
            return None, kind_named
        j += 1 + (doc[j + 1].lower_ == "the")
        while j < len(doc) - 1 and doc[j].lower_ in WHERE_IN_WORDS and doc[j].pos_ == "ADJ":
            j += 1  # "X in western Y"
        if j < len(doc) - 1 and doc[j].lower_ in _NAMED_PLACE_NOUNS and self.at(doc[j]) is None:
            j += 1  # "in the capital Y"
        larger = self._place_in(doc[j], depth=0) if j < len(doc) else None
        if larger is not None and larger.end < len(doc) and doc[larger.end].text in _POSSESSIVE:
            return None, kind_named  # "X in Sudan's Y state": X lies in Y, which the model may not name
        return larger, kind_named

    def _kinds_listed(self, end: int) -> bool:
        """Whether the place ending at ``end`` opens a list of places a plural kind noun closes:
        "A, B and C villages", where B is no larger place of A as in "A, B region"."""
        j = self._after_place_list(end)
        return (
            j > end
            and j < len(self.doc)
            and self.doc[j].tag_ == "NNS"
            and self.doc[j].lemma_.lower() in PLACE_NOUNS
        )

    def _after_place_list(self, j: int) -> int:
        """The first token after a list of places that starts at ``j``: ", B and C"."""
        doc = self.doc
        while j < len(doc) - 1 and doc[j].lower_ in (",", "and"):
            named = self.at(doc[j + 1])
            if named is None or named.cls == "Person":  # the kind noun after the list says "place"
                break
            j = named.end
        return j

    def _place_of_gloss(self, gloss: Token) -> _Named | None:
        """The larger place a describing noun puts a place in: "an Iraqi border town", "Syria's
        province of X", "the largest city of Hasakah province"."""
        for child in gloss.children:
            if child.dep_ == "poss":
                owner = self.at(child)
                if owner is not None:
                    return owner
            if child.dep_ == "amod":
                state = self._demonym_state(child.i)
                if state is not None:
                    return state
        shore = self._place_on_shore(gloss)  # before "of": "the town of X on Y's coast"
        if shore is not None:
            return shore
        for prep in _preps(gloss, frozenset({"of", "in"})):
            for pobj in prep.children:
                place = self._place_in(pobj, depth=0) if pobj.dep_ == "pobj" else None
                if place is not None:
                    return place
        return None

    def _place_on_shore(self, token: Token) -> _Named | None:
        """The place whose coast a word is on: "the town of X on Libya's west coast", "X, on
        the Libyan coast", "on the coast of Y"."""
        for prep in _preps(token, frozenset({"on", "along"})):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in SHORE_NOUNS:
                    return self._place_of_gloss(pobj)
        return None

    def _gloss_place_in(self, gloss: Token, place: _Named) -> Iterator[tuple[str, str, str]]:
        """The larger place a describing noun names after the one it gives: "the capital of X in
        western Y" puts X in Y too."""
        for prep in _preps(gloss, frozenset({"in"})):
            for pobj in prep.children:
                larger = self._place_in(pobj, depth=0) if pobj.dep_ == "pobj" else None
                if (
                    larger is not None
                    and larger.key != place.key
                    and _PLACE_RANK.get(larger.cls, -1) > _PLACE_RANK.get(place.cls, -1)
                ):
                    yield place.key, "locatedIn", larger.key
                    return

    def _ties(self, group: _Named) -> Iterator[tuple[str, str, str]]:
        """ "the Iran-backed militia X", "X, an al-Qaeda-linked armed group", "the London-based
        X" (a hyphenated tie in the description before or after the name), "X, an affiliate
        of Y", "Y affiliate X",
        "X, Y's affiliate". Read off the words: parsers split hyphenated names apart."""
        doc = self.doc
        before = self._description_before(group.start)
        after = self._apposition_after(group.end)
        for i in [*before, *after]:
            predicate = TIE_PARTICIPLES.get(doc[i].lower_)
            if predicate is not None and i >= 2 and doc[i - 1].text == "-":
                other = self.at(doc[i - 2])
                ends = _PLACE_RANK if predicate == "locatedIn" else _ACTORS - {"Person"}
                if other is not None and other.cls in ends:
                    yield group.key, predicate, other.key
        if before and doc[before[-1]].lower_ in AFFILIATE_GROUP_NOUNS:
            other = self._actor_ending_at(before[-1] - 1)
            if other is not None:
                yield group.key, "affiliatedWith", other.key  # "Y affiliate X", "Y's affiliate X"
        for i in after:
            if doc[i].lower_ not in AFFILIATE_GROUP_NOUNS:
                continue
            after_of = i + 2 < len(doc) and doc[i + 1].lower_ == "of"
            other = self._actor_starting_at(i + 2) if after_of else self._actor_ending_at(i - 1)
            if other is not None:
                yield group.key, "affiliatedWith", other.key  # "X, an affiliate of Y", "X, Y's affiliate"

    def _description_before(self, start: int) -> list[int]:
        """Token indices of the description right before a name, back to a determiner or
        anything else: "the Iran-backed militia X" -> Iran, -, backed, militia."""
        out: list[int] = []
        i = start - 1
        while i >= 0 and len(out) < 8 and self._description_token(i):
            out.insert(0, i)
            i -= 1
        return out

    def _apposition_after(self, end: int) -> list[int]:
        """Token indices of "X, a/an/the <description>" after a name, up to the next comma."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ",":
            return []
        i = end + 1
        if doc[i].lower_ in ("a", "an", "the"):
            i += 1
        out: list[int] = []
        while i < len(doc) and len(out) < 10 and doc[i].text not in (",", ";", ".", ")", "("):
            out.append(i)
            i += 1
        return out

    def _description_token(self, i: int) -> bool:
        token = self.doc[i]
        if token.lower_ in ("a", "an", "the") or token.is_punct and token.text != "-":
            return False
        return token.is_lower or token.text == "-" or self.at(token) is not None

    def _actor_ending_at(self, j: int) -> _Named | None:
        """A named organisation or state ending at token ``j``, or at its possessive."""
        if j >= 0 and self.doc[j].text in _POSSESSIVE:
            j -= 1
        named = self.at(self.doc[j]) if j >= 0 else None
        return named if named is not None and named.cls in _ACTORS and named.cls != "Person" else None

    def _actor_starting_at(self, i: int) -> _Named | None:
        doc = self.doc
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        named = self.at(doc[i]) if i < len(doc) else None
        return named if named is not None and named.cls in _ACTORS and named.cls != "Person" else None

    # --- forces, hostility, alliance ---------------------------------------------------

    def _deployments(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """Forces and the places they were sent to, are in or fight in: 'troops deployed to
        Kursk', 'the deployment of troops to Kursk', 'Ankara sent 900 commandos to Libya',
        'soldiers remain in Iraq', 'commandos took part in clashes near Zakho', 'the troops in X'."""
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma in DEPLOY_VERBS and token.pos_ in ("VERB", "AUX"):
                preps, forces = DEPLOY_PREPOSITIONS, self._forces_of_verb(token, sending=True)
            elif lemma in PRESENCE_VERBS and token.pos_ in ("VERB", "AUX"):
                preps, forces = PRESENCE_PREPOSITIONS, self._forces_of_verb(token, sending=False)
            elif lemma in DEPLOY_NOUNS and token.pos_ == "NOUN":  # "the deployment of troops to X"
                preps = DEPLOY_PREPOSITIONS
                forces = [self._force_in(p) for c in token.children if c.lower_ == "of" for p in c.children]
            elif token.pos_ in ("NOUN", "PROPN") and token.dep_ != "pobj":
                # "the Turkish troops in Duhok"; "troops in <a state>" counts them there more often
                # than it says they were sent ("there are 10,000 troops in X"): only below a state.
                places = [
                    place
                    for prep in _preps(token, frozenset({"in", "inside"}))
                    for place in self._places_after(prep)
                    if place.cls != "State"
                ]
                force = self._force_in(token)
                if force is not None:
                    yield from ((force.key, "deployedTo", place.key) for place in places)
                continue
            else:
                continue
            places = [place for prep in _preps(token, preps) for place in self._places_after(prep)]
            for force in forces:
                for place in places:
                    if force is not None:
                        yield force.key, "deployedTo", place.key

    def _seats(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """Where an organisation is seated: "X, headquartered in Y", "X is headquartered in Y",
        "X is based in Y" (forces based somewhere are sent there), "X's headquarters in Y", "Y is
        the main base of X" (an armed group's or another non-state body's base: a state's base
        abroad is where its forces are sent)."""
        for token in sent:
            lower = token.lower_
            if token.lemma_.lower() in ("headquarter", "base") and token.tag_ == "VBN":
                # "X, headquartered in Y", "X is headquartered in Y", "X, which is headquartered in Y"
                subjects = [self.at(_antecedent(c)) for c in token.children if c.dep_ == "nsubjpass"]
                owner = self.at(token.head) if token.dep_ == "acl" else next(filter(None, subjects), None)
                places = [p for prep in _preps(token, frozenset({"in"})) for p in self._places_after(prep)]
            elif lower in SEAT_WORDS and token.pos_ == "NOUN":
                owners = [self.at(c) for c in token.children if c.dep_ == "poss"]
                owners += [self.at(o) for prep in _preps(token, frozenset({"of"})) for o in prep.children]
                owner = next((o for o in owners if o is not None), None)
                places = [p for prep in _preps(token, frozenset({"in"})) for p in self._places_after(prep)]
                if token.dep_ == "attr" and token.head.lemma_ == "be":  # "Y is the main base of X"
                    subjects = [self.at(c) for c in token.head.children if c.dep_ == "nsubj"]
                    places += [p for s in subjects if s is not None and (p := self._as_place(s)) is not None]
                if owner is not None and lower == "base" and owner.cls not in _BASED_BODIES:
                    owner = None
            else:
                continue
            if owner is not None and token.lemma_.lower() == "base" and owner.cls in _FORCES:
                owner = None  # forces based somewhere are sent there (deployedTo, read elsewhere)
            if owner is not None and owner.cls in _ORGANISATIONS:
                yield from ((owner.key, "locatedIn", place.key) for place in places)

    def _forces_of_verb(self, verb: Token, *, sending: bool) -> list[_Named | None]:
        """The forces a verb moves or places: its subject (or the one it shares with the verbs it
        complements), the noun it modifies, and for an active sending verb its object."""
        holder = verb
        while not any(c.dep_ in ("nsubj", "nsubjpass") for c in holder.children) and holder.dep_ in (
            "xcomp",
            "conj",
            "ccomp",
        ):
            holder = holder.head
        subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [c for s in subjects for c in s.children if c.dep_ == "conj"]  # "X and Y fought in Z"
        # "Half of the Turkish commandos", "hundreds of Iranian soldiers": the force after "of"
        forces = [self._force_in(c, depth=int(c.like_num or c.lower_ in PARTITIVE_HEADS)) for c in subjects]
        if holder.dep_ in ("acl", "relcl"):
            forces.append(self._force_in(holder.head, depth=2))
        if sending:
            agent = next((self.at(c) for c in subjects if c.dep_ == "nsubj"), None)
            forces += [self._force_in(c, agent) for c in verb.children if c.dep_ == "dobj"]
        return forces

    def _force_in(self, token: Token, agent: _Named | None = None, depth: int = 0) -> _Named | None:
        """The force a noun phrase names: a unit ("the 4th Brigade", "Turkish troops"), a
        nationality's troops the model left unnamed ("Iranian advisers and militiamen"), troops
        of the state that sends them ("Ankara sent 900 commandos"), "the units" that were
        named before; to ``depth`` of/from prepositions down ("members of the X Brigade")."""
        named = self.at(token)
        if named is not None:
            return named if named.cls in _FORCES else None
        word = token.lower_
        if word in CONTINGENT_HEADS or word in FORCE_NOUNS:
            state = self._nationality_of(token)
            if state is None and agent is not None and agent.cls == "State":
                state = agent
            if state is not None:
                return self._contingent(state, token)
            if any(c.lower_ in _DEFINITE for c in token.children) and not list(token.lefts)[1:]:
                return self._last_unit_before(token)
        if depth:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for pobj in child.children:
                        found = self._force_in(pobj, depth=depth - 1) if pobj.dep_ == "pobj" else None
                        if found is not None:
                            return found
        return None

    def _nationality_of(self, noun: Token) -> _Named | None:
        """ "Iranian advisers", and "militiamen" in "Iranian advisers and militiamen"."""
        for owner in (noun, noun.head) if noun.dep_ == "conj" else (noun,):
            for child in owner.children:
                if child.dep_ == "amod" and child.i < owner.i:
                    state = self._demonym_state(child.i)
                    if state is not None:
                        return state
        return None

    def _contingent(self, state: _Named, noun: Token) -> _Named | None:
        """The state's troops as one unit, named by the noun (and its nationality before it)."""
        try:
            entry = self.gazetteer.get(state.key)
        except KeyError:
            return None
        contingent = resolve_contingent(self.gazetteer, entry, "")
        key = contingent.gazetteer_id or name_key(contingent.label)  # as resolution keys its mentions
        start = min([noun.i] + [c.i for c in noun.children if c.dep_ == "amod" and c.i == state.start])
        named = _Named(key, "MilitaryUnit", start, noun.i + 1, noun.i, True, contingent.label)
        self.read_off.append(named)
        return named

    def _last_unit_before(self, token: Token) -> _Named | None:
        """ "the units", "the troops": the last unit the article named before, if any."""
        i = bisect.bisect_left(self.starts, token.i) - 1
        while i >= 0:
            if self.named[i].cls in _FORCES:
                return self.named[i]
            i -= 1
        return None

    def _places_after(self, prep: Token) -> Iterator[_Named]:
        """The places a preposition's object names, read through a descriptive phrase: "the
        Iraqi province of Nineveh", "the front line near Sinjar", "heavy clashes near Zakho"."""
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                place = self._place_in(pobj, depth=2)
                if place is not None:
                    yield place

    def _place_in(self, token: Token, depth: int) -> _Named | None:
        named = self.at(token)
        if named is not None:
            return self._as_place(named)
        for child in token.children:
            if child.dep_ == "compound":  # "the Duhok hills"
                named = self.at(child)
                if named is not None and named.cls in _PLACE_RANK:
                    return named
        if depth:
            for prep in _preps(token, _NESTED_PLACE_PREPOSITIONS):
                for pobj in prep.children:
                    place = self._place_in(pobj, depth - 1) if pobj.dep_ == "pobj" else None
                    if place is not None:
                        return place
        return None

    def _as_place(self, named: _Named) -> _Named | None:
        """A place mention, or a name a place noun introduces whatever the model took it for:
        "the province of Nineveh", "the town of X"."""
        if named.cls in _PLACE_RANK:
            return named
        token = self.doc[named.root]
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            rank = PLACE_NOUNS.get(token.head.head.lemma_.lower())
            if rank is not None:
                return _Named(named.key, rank, named.start, named.end, named.root)
        return None

    def _hostilities(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """ "Russia's war against Ukraine", "Russia invaded Ukraine", "Russian missiles struck the
        Ukrainian city of X", "Israeli strikes on Hezbollah positions", "X conducted strikes
        against Y", "clashes between the army and the RSF"."""
        for head in sent:
            lemma = head.lemma_.lower()
            prepositions = HOSTILE_PREPOSITIONS
            if head.pos_ == "VERB" and lemma in HOSTILE_VERBS:
                subjects = [_antecedent(c) for c in head.children if c.dep_ == "nsubj"]
                attackers = [self._side_in(c) for c in subjects]
                targets = [c for c in head.children if c.dep_ == "dobj"]
                if lemma in RECIPROCAL_HOSTILE_VERBS:
                    yield from self._each_other(subjects, head)
            elif head.pos_ == "VERB" and lemma in FIRING_VERBS:
                # "X fired missiles at Y": the place it aims at hangs on the verb or the weapon
                weapons = [c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in FIRED_WEAPONS]
                if not weapons:
                    continue
                attackers = [self._side_in(_antecedent(c)) for c in head.children if c.dep_ == "nsubj"]
                targets = [
                    p
                    for w in weapons
                    for c in w.children
                    if c.lower_ in FIRED_AT_PREPOSITIONS
                    for p in c.children
                ]
                prepositions = FIRED_AT_PREPOSITIONS
            elif head.pos_ in ("NOUN", "PROPN") and lemma in HOSTILE_NOUNS:
                attackers = [self._side_of_noun(head)]
                targets = []
                if head.dep_ == "dobj":  # "X conducted strikes against Y"
                    attackers += [
                        self._side_in(_antecedent(c)) for c in head.head.children if c.dep_ == "nsubj"
                    ]
                if head.dep_ == "pobj" and head.head.lower_ == "at":  # "X is at war with Y"
                    attackers += [
                        self._side_in(_antecedent(c)) for c in head.head.head.children if c.dep_ == "nsubj"
                    ]
                if lemma in MUTUAL_HOSTILE_NOUNS:
                    prepositions = HOSTILE_PREPOSITIONS | {"with"}
                yield from self._between(head)
            else:
                continue
            targets += [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in prepositions
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for attacker in attackers:
                for target in targets:
                    other = self._side_in(target, depth=2)
                    if attacker is not None and other is not None:
                        yield attacker.key, "opposes", other.key

    def _leading_verbs(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """ "X leads Y", "X, who heads Y", "X has commanded Y since May": a person over a body."""
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in LEADING_VERBS:
                continue
            leaders = [self.at(_antecedent(c)) for c in verb.children if c.dep_ == "nsubj"]
            led = [self.at(c) for c in verb.children if c.dep_ == "dobj"]
            for leader in leaders:
                for body in led:
                    if leader is not None and leader.cls == "Person" and body is not None:
                        if body.cls in _ACTORS and body.cls != "Person":
                            yield leader.key, "leaderOf", body.key

    def _each_other(self, subjects: list[Token], verb: Token) -> Iterator[tuple[str, str, str]]:
        """'Indian and Chinese troops clashed', 'X fought Y', 'X clashed with Y'."""
        for subject in subjects:
            sides = [subject, *(c for c in subject.children if c.dep_ == "conj")]
            sides += [p for c in verb.children if c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
            named = [side for side in map(self._side_in, sides) if side is not None]
            for first, second in zip(named, named[1:], strict=False):
                yield first.key, "opposes", second.key

    def _between(self, head: Token) -> Iterator[tuple[str, str, str]]:
        """'clashes between the army and the RSF', 'fighting between X and Y'."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "between":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                sides = [self._side_in(t) for t in (pobj, *(c for c in pobj.children if c.dep_ == "conj"))]
                named = [side for side in sides if side is not None]
                for first, second in zip(named, named[1:], strict=False):
                    yield first.key, "opposes", second.key

    def _side_of_noun(self, noun: Token) -> _Named | None:
        """Who a hostile noun belongs to: "Russia's war", "Israeli strikes", "a Russian missile strike"."""
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
                side = self._side_in(child)
                if side is not None:
                    return side
        return None

    def _named_side(self, token: Token) -> _Named | None:
        """The fighting side a phrase names ("the X militia"), but not the one an affiliate
        belongs to: in "the X affiliate Y", X is not the one acting."""
        if self.at(token) is None and token.lemma_.lower() in AFFILIATE_GROUP_NOUNS:
            return None
        return self._side_in(token)

    def _target_side(self, token: Token) -> _Named | None:
        """The side a hostile act's object names, through "the heart of X"-like phrases."""
        return self._side_in(token, depth=2)

    def _side_in(self, token: Token, depth: int = 0) -> _Named | None:
        """The fighting side a noun phrase names: the phrase itself ("Russia", "the RSF"), the
        nationality or owner of its head ("Russian missiles", "Hezbollah positions"), or, to
        ``depth`` prepositions down, of what it is part of ("the heart of the Ukrainian city")."""
        named = self.at(token)
        if named is not None:
            return named if named.cls in _FIGHTING_SIDES else None
        if token.pos_ == "ADJ" or token.dep_ in ("amod", "compound"):
            state = self._demonym_state(token.i)
            if state is not None:
                return state
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < token.i:
                found = self.at(child)
                if found is not None and found.cls in _FIGHTING_SIDES:
                    return found
                state = self._demonym_state(child.i)
                if state is not None:
                    return state
        if depth:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                    for pobj in child.children:
                        side = self._side_in(pobj, depth - 1) if pobj.dep_ == "pobj" else None
                        if side is not None:
                            return side
        return None

    def _ally_of_pronoun(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """ "Syria and its ally Iran": the ally of whom "its" refers back to."""
        for noun in sent:
            if noun.lower_ not in ALLY_WORDS or not any(c.lower_ in ("its", "their") for c in noun.children):
                continue
            owner = self._coreferent_owner(noun)
            for token in noun.children:
                other = (
                    self.at(token) if token.dep_ in ("appos", "compound") or token.i == noun.i + 1 else None
                )
                if owner is not None and other is not None and other.cls in _FIGHTING_SIDES:
                    yield owner.key, "alliedWith", other.key

    def _alliance(self, side: _Named) -> Iterator[tuple[str, str, str]]:
        """ "Russia's ally North Korea", "Russia allied with North Korea"."""
        root = self.doc[side.root]
        head = root.head
        if head.lower_ not in ALLY_WORDS:
            return
        partners = []
        if root.dep_ == "poss":
            partners = [c for c in head.children if c.dep_ in ("appos", "compound") or c.i == head.i + 1]
        elif root.dep_ == "nsubj":
            partners = [
                p for c in head.children if c.lower_ == "with" for p in c.children if p.dep_ == "pobj"
            ]
        for token in partners:
            other = self.at(token)
            if other is not None and other.cls in _FIGHTING_SIDES:
                yield side.key, "alliedWith", other.key


def _antecedent(subject: Token) -> Token:
    """A relative pronoun's noun ("Al-Qaeda, which has been fighting X": Al-Qaeda), else the subject."""
    verb = subject.head
    if subject.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _before_parenthesis(doc: Doc, j: int) -> int:
    """The token before a short parenthesis ending at ``j`` ("(UK)"), else ``j`` itself."""
    if j < 0 or doc[j].text != ")":
        return j
    for k in range(j - 1, max(j - 5, -1), -1):
        if doc[k].text == "(":
            return k - 1
    return j


def _is_contingent(words: DocSpan) -> bool:
    """'Russia's forces', 'North Korean troops': a nationality's troops, whose state is implied."""
    return words[-1].lower_ in CONTINGENT_HEADS


def _place_glosses(root: Token) -> list[Token]:
    """Nouns that describe a place by its kind: "the province of X" (X's head), "X, an Iraqi
    border town", "X (the largest city of Y)" (its appositives), "the Iraqi capital X" (a noun
    before it), "Iraq's X province", "Iraq's capital, X" (the noun it names or stands beside)."""
    glosses = [
        c
        for c in root.children
        if (c.dep_ == "appos" or (c.dep_ == "compound" and c.i < root.i)) and c.lemma_.lower() in PLACE_NOUNS
    ]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        glosses.append(root.head.head)
    first = root
    while first.dep_ == "conj":  # "A, B and C villages": the list's first name holds the noun
        first = first.head
    if first.dep_ in ("compound", "appos") and first.head.lemma_.lower() in PLACE_NOUNS:
        glosses.append(first.head)
    return glosses


def _preps(token: Token, words: frozenset[str]) -> list[Token]:
    """The prepositions among a word's children, and those coordinated with them ("to X and to Y")."""
    found = [c for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ in words]
    return found + [c for p in found for c in p.children if c.dep_ == "conj" and c.lower_ in words]


def _sentence_span(text: str, sent: DocSpan) -> Span | None:
    """The sentence as the article writes it, without what the model saw as spaces around it
    (blanked zones: a dateline glued to the lead, "ANKARA (AP) — ...", is not the sentence's)."""
    seen = span_text(sent)
    start = sent.start_char + len(seen) - len(seen.lstrip())
    end = max(start, sent.start_char + len(seen.rstrip()))
    return Span(start, end, text[start:end]) if start < end else None
