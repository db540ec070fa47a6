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

from kg.extract.gazetteer import Gazetteer
from kg.extract.organs import nationality_country
from kg.extract.relationwords import (
    AFFILIATE_NOUNS,
    ALLY_WORDS,
    DEPLOY_NOUNS,
    DEPLOY_PREPOSITIONS,
    DEPLOY_VERBS,
    HOSTILE_NOUNS,
    HOSTILE_PREPOSITIONS,
    HOSTILE_VERBS,
    LEADER_TITLE_PHRASES,
    LEADER_TITLES,
    MEMBER_NOUNS,
    NOT_LEADING,
    RECIPROCAL_HOSTILE_VERBS,
    TITLE_WORDS,
)
from kg.extract.resolve import name_key
from kg.extract.wordlists import CONTINGENT_HEADS
from kg.model import Article, Mention, Relation, Span

__all__ = ["FoundRelations", "relations_from_doc"]

_ORGANISATIONS = frozenset(
    {"GovernmentBody", "MilitaryUnit", "MediaOutlet", "InternationalOrganization", "Organization"}
)
_ACTORS = _ORGANISATIONS | {"State", "Person"}
#: Who fights: states, their forces, and armed groups (an Organization such as ISIL or Hamas).
_FIGHTING_SIDES = frozenset({"State", "MilitaryUnit", "Organization"})
#: Places from small to large: a place lies in a larger one, never in a smaller or equal one.
_PLACE_RANK = {"Settlement": 0, "Region": 1, "State": 2}
_PART_PREPOSITIONS = frozenset({"at", "of", "under", "within"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DEPLOY_WORDS = DEPLOY_VERBS | DEPLOY_NOUNS


@dataclass(frozen=True, slots=True)
class _Named:
    """A resolved mention as tokens: the entity key and class, the token span and its root."""

    key: str
    cls: str
    start: int
    end: int
    root: int
    implied: bool = False  # read off words no mention covers: a nationality, a possessor in a name


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
    return FoundRelations(tuple(found.values()), tuple(implied[span] for span in sorted(implied)))


def _implied_mention(doc: Doc, article: Article, named: _Named) -> Mention:
    start = named.start
    while start < named.end - 1 and doc[start].pos_ == "DET":
        start += 1  # "the Polish": the nationality, not its article
    first, last = doc[start], doc[named.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    text = article.text[start:end]
    return Mention(start, end, text, text, named.cls)


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
            if named.cls in _ORGANISATIONS:
                yield from self._owner(named)
            if named.cls in _PLACE_RANK:
                yield from self._larger_place(named)
            if named.cls == "MilitaryUnit":
                yield from self._deployment(named)
            if named.cls in _FIGHTING_SIDES:
                yield from self._alliance(named)
        yield from self._hostilities(sent)

    # --- people ------------------------------------------------------------------------

    def _title(self, person: _Named) -> Iterator[tuple[str, str, str]]:
        """'Russian President Vladimir Putin', 'NIS Director Cho', "Russia's Deputy Foreign Minister X"."""
        doc = self.doc
        i = person.start
        while i < person.end and doc[i].lower_ in TITLE_WORDS:
            i += 1  # a title the mention itself took in
        title = [t for t in doc[person.start : i]]
        j = person.start - 1
        while j >= 0 and doc[j].lower_ in TITLE_WORDS and self.at(doc[j]) is None:
            title.insert(0, doc[j])
            j -= 1
        if not title:
            return
        if j >= 0 and doc[j].text in _POSSESSIVE:
            j -= 1
        holder = self._holder_before(j)
        if holder is None:
            return
        yield person.key, self._role(title, holder), holder.key

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
        """The actor an appositive names: after of/at/for/with, else its possessor or nationality."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "at", "for", "with"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    named = self.at(pobj)
                    if named is not None and named.cls in _ACTORS and named.cls != "Person":
                        return named
                    return self._modifier_actor(pobj)
        return self._modifier_actor(noun)

    def _modifier_actor(self, noun: Token) -> _Named | None:
        """An actor named in a noun's modifiers: "Ukraine's", "the Ukrainian" (unit)."""
        for child in noun.children:
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
                if parent is not None and parent.cls in _ORGANISATIONS:
                    yield org.key, "partOf", parent.key
                    return  # "Ukraine's Center ... at the Council": the Council is the nearer whole
        state = self._owning_state(org)
        if state is not None:
            yield org.key, "partOf", state.key

    def _owning_state(self, org: _Named) -> _Named | None:
        """'South Korea's NIS', 'the South Korean Ministry ...', 'Security Service of Ukraine'."""
        doc = self.doc
        root = doc[org.root]
        inside = self._possessor_inside(org)
        if inside is not None and inside.cls == "State" and not _is_contingent(doc[org.start : org.end]):
            return inside
        described = self._described_after(org)  # "the State Security Ministry, North Korea's secret police"
        if described is not None:
            return described
        for child in root.children:
            if child.dep_ == "poss" and child.i < org.start:
                owner = self.at(child)
                if owner is not None and owner.cls == "State":
                    return owner
                if owner is not None and owner.cls == "MilitaryUnit" and org.cls == "GovernmentBody":
                    return self._demonym_state_in(owner)  # "the South Korean military's Joint Chiefs"
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
            candidates.append(doc[after])
        for token in candidates:
            larger = self.at(token)
            if larger is not None and _PLACE_RANK.get(larger.cls, -1) > rank:
                yield place.key, "locatedIn", larger.key
                return

    # --- forces, hostility, alliance ---------------------------------------------------

    def _deployment(self, unit: _Named) -> Iterator[tuple[str, str, str]]:
        """'troops deployed to Kursk', 'troops, believed to be deployed in Kursk', 'the deployment
        of troops to Kursk'."""
        root = self.doc[unit.root]
        verbs = [c for c in root.children if c.dep_ in ("acl", "relcl")]
        if root.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(root.head)
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in DEPLOY_NOUNS:
            verbs.append(root.head.head)
        for verb in _with_complements(verbs):
            if verb.lemma_.lower() not in _DEPLOY_WORDS:
                continue
            for prep in verb.children:
                if prep.dep_ in ("prep", "dative") and prep.lower_ in DEPLOY_PREPOSITIONS:
                    for pobj in prep.children:
                        place = self.at(pobj)
                        if pobj.dep_ == "pobj" and place is not None and place.cls in _PLACE_RANK:
                            yield unit.key, "deployedTo", place.key

    def _hostilities(self, sent: DocSpan) -> Iterator[tuple[str, str, str]]:
        """ "Russia's war against Ukraine", "Russia invaded Ukraine", "Russian missiles struck the
        Ukrainian city of X", "Israeli strikes on Hezbollah positions", "X conducted strikes
        against Y", "clashes between the army and the RSF"."""
        for head in sent:
            lemma = head.lemma_.lower()
            if head.pos_ == "VERB" and lemma in HOSTILE_VERBS:
                subjects = [c for c in head.children if c.dep_ == "nsubj"]
                attackers = [self._side_in(c) for c in subjects]
                targets = [c for c in head.children if c.dep_ == "dobj"]
                if lemma in RECIPROCAL_HOSTILE_VERBS:
                    yield from self._each_other(subjects, head)
            elif head.pos_ in ("NOUN", "PROPN") and lemma in HOSTILE_NOUNS:
                attackers = [self._side_of_noun(head)]
                targets = []
                if head.dep_ == "dobj":  # "X conducted strikes against Y"
                    attackers += [self._side_in(c) for c in head.head.children if c.dep_ == "nsubj"]
                yield from self._between(head)
            else:
                continue
            targets += [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in HOSTILE_PREPOSITIONS
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for attacker in attackers:
                for target in targets:
                    other = self._side_in(target, depth=2)
                    if attacker is not None and other is not None:
                        yield attacker.key, "opposes", other.key

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


def _is_contingent(words: DocSpan) -> bool:
    """'Russia's forces', 'North Korean troops': a nationality's troops, whose state is implied."""
    return words[-1].lower_ in CONTINGENT_HEADS


def _with_complements(verbs: list[Token]) -> list[Token]:
    """The verbs and what they govern as complements: "believed to be deployed" -> deployed."""
    out = []
    for verb in verbs:
        out.append(verb)
        out += [c for c in verb.children if c.dep_ in ("xcomp", "conj", "ccomp")]
        out += [g for c in verb.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "xcomp"]
    return out


def _sentence_span(text: str, sent: DocSpan) -> Span | None:
    """The sentence as the article writes it, without what the model saw as spaces around it
    (blanked zones: a dateline glued to the lead, "ANKARA (AP) — ...", is not the sentence's)."""
    seen = sent.text
    start = sent.start_char + len(seen) - len(seen.lstrip())
    end = max(start, sent.start_char + len(seen.rstrip()))
    return Span(start, end, text[start:end]) if start < end else None
