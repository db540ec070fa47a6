"""Attributions, figures and dates of a parsed article -> :class:`Claim` records.

The second exit of spaCy types (after convert.py). Sources become claimants here: a name is
its entity; "he" and "the agency" are the last speaker or actor of a fitting kind; "a
spokesperson for X" and "South Korea's spy agency" speak for X and South Korea; a person an
actor overheard or questioned ("According to the nurse", after "the SBU said it intercepted a
call between a nurse ...") speaks through that actor. A source that stays unnamed keeps its
text and no claimant. Quoted sentences join the claim of the speaker named once for them;
every figure that counts something joins the innermost claim around it, or a claim with no
claimant for its sentence. A figure whose own clause is hedged ("expected to reach 1,000")
gets a claim of its own with that certainty.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.attribution import Attribution, find_attributions, titled_after_bracket
from kg.extract.claimwords import (
    ANAPHOR_CLASSES,
    LEADER_ORGAN_NOUNS,
    MONITOR_NAME_WORDS,
    MONITOR_NOUNS,
    NEWS_STAFF_NOUNS,
    PERSON_SOURCE_NOUNS,
    PRONOUN_CLASSES,
    QUOTED_SPEAKER_PRONOUNS,
    REPORT_NOUNS,
    SPOKES_NOUNS,
    STATE_ORGAN_NOUNS,
    STATEMENT_NOUNS,
    UNVERIFIED_PATTERN,
)
from kg.extract.coordination import conjuncts
from kg.extract.dates import find_dates
from kg.extract.detainees import added_to, detainee_rows
from kg.extract.doctext import doc_text, span_text
from kg.extract.figures import find_figures
from kg.extract.figuretime import figure_time
from kg.extract.gazetteer import Gazetteer
from kg.extract.measures import read_measure
from kg.extract.organs import nationality_country
from kg.extract.quotes import quote_regions
from kg.extract.speakerlines import find_speaker_lines
from kg.extract.wordlists import ORGAN_HEADS
from kg.model import Article, Certainty, Claim, Figure, Mention, Quantity, Span

__all__ = ["claims_from_doc"]

#: A claim takes the strongest of its cue's and its figures' certainties, in this order.
_CERTAINTY_RANK: dict[Certainty, int] = {
    "Asserted": 0,
    "Estimated": 1,
    "Expected": 2,
    "Unverified": 3,
    "Denied": 4,
}
_UNVERIFIED = re.compile(UNVERIFIED_PATTERN, re.IGNORECASE)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_ACTOR_CLASSES = frozenset(
    {
        "State",
        "GovernmentBody",
        "Organization",
        "MilitaryUnit",
        "ArmedGroup",
        "MediaOutlet",
        "InternationalOrganization",
        "Person",
    }
)
_COUNTED_CLASSES = ("MilitaryUnit", "ArmedGroup", "State", "Organization", "GovernmentBody")
_STATE = frozenset({"State"})
_PLACE_CLASSES = frozenset({"State", "Region", "Settlement"})
_WORD = re.compile(r"[a-z]+")
_COMPASS = frozenset({"north", "south", "east", "west"})
_PERSON = frozenset({"Person"})
#: What a monitoring group is typed: an NGO, or a body of an international organisation.
_MONITOR_CLASSES = frozenset({"Organization", "InternationalOrganization"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN", "PRON"})
#: How far back (characters) "the agency" may look for the agency it means.
_ANAPHOR_REACH = 1500


@dataclass(frozen=True, slots=True)
class _Source:
    """A singular source as written, where its cue stands, and whom it was resolved to."""

    pos: int
    kind: str  # "person" or "thing"
    claimants: tuple[str, ...]


@dataclass
class _Draft:
    """A claim being assembled; frozen into a Claim at the end."""

    start: int
    end: int
    content: tuple[int, int]
    certainty: Certainty
    paragraph: int
    attribution: Attribution | None = None
    claimants: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    stated_on: str | None = None
    quantities: list[tuple[Quantity, Certainty | None]] = field(default_factory=list)  # with own hedge


class _Entities:
    """The article's resolved mentions, looked up by character position."""

    def __init__(self, mentions: tuple[tuple[Mention, str], ...], classes: dict[str, str]) -> None:
        self.items = sorted((m.start, m.end, key) for m, key in mentions)
        self.starts = [s for s, _, _ in self.items]
        self.classes = classes
        self.words: dict[str, set[str]] = defaultdict(set)  # key -> the words of its names
        for m, key in mentions:
            self.words[key].update(_WORD.findall(f"{m.name} {m.text}".lower()))

    def at(self, start: int, end: int) -> str | None:
        """The entity of the mention overlapping ``[start, end)``, if any."""
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.items[i][1] > start - 200:
            s, e, key = self.items[i]
            if s < end and start < e:
                return key
            i -= 1
        return None

    def starting(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, key) of the mentions that start inside ``[start, end)``, in text order."""
        return self.items[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]

    def within(self, start: int, end: int) -> list[str]:
        """Entities mentioned inside ``[start, end)``, in text order, once each."""
        return list(dict.fromkeys(key for _, e, key in self.starting(start, end) if e <= end))

    def last_before(
        self, pos: int, classes: frozenset[str], words: frozenset[str] = frozenset()
    ) -> str | None:
        """The most recent entity of one of ``classes`` mentioned before ``pos`` whose names
        have all of ``words``."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.items[i][0] > pos - _ANAPHOR_REACH:
            key = self.items[i][2]
            if self.classes.get(key) in classes and words <= self.words[key]:
                return key
            i -= 1
        return None


def claims_from_doc(
    doc: Doc,
    article: Article,
    mentions: tuple[tuple[Mention, str], ...],
    classes: dict[str, str],
    gazetteer: Gazetteer,
) -> tuple[Claim, ...]:
    """Every claim of the article: attributed statements and the figures of its sentences."""
    builder = _ClaimBuilder(doc, article, _Entities(mentions, classes), gazetteer)
    return builder.build()


class _ClaimBuilder:
    def __init__(self, doc: Doc, article: Article, entities: _Entities, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.article = article
        self.entities = entities
        self.gazetteer = gazetteer
        self.newlines = [m.start() for m in re.finditer("\n", article.text)]
        # class -> (order, position, entity key) of the speakers of that class, in text order
        self.speakers: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.spoken = itertools.count()  # the order of the speakers across classes
        self.descriptors: dict[str, tuple[str, ...]] = {}  # source head lemma -> its claimants
        self.sources: list[_Source] = []  # singular sources so far, for "he", "she" and "it"
        self.drafts: list[_Draft] = []  # attributed claims so far, in text order
        self.said: dict[str, list[_Draft]] = defaultdict(list)  # lemma -> drafts whose content has it
        self.published = _parse_date(article.published)
        self.quotes = quote_regions(article.text)

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos)

    def build(self) -> tuple[Claim, ...]:
        found = find_attributions(self.doc) + [a for a in find_speaker_lines(self.doc) if not self._place(a)]
        for attribution in sorted(found, key=lambda a: a.cue or a.content):
            if self._quoted_speaker_aside(attribution):
                continue
            draft = self._draft(attribution)
            self.drafts.append(draft)
            words = self.doc.char_span(*draft.content, alignment_mode="expand")
            for lemma in dict.fromkeys(t.lemma_.lower() for t in words or ()):
                self.said[lemma].append(draft)
        self._name_later()
        self._monitor_named()
        drafts = list(self.drafts)
        self._attach_quotes(drafts)
        drafts += self._place_figures(drafts)
        drafts = self._split_hedged(drafts)
        self._mark_unverified(drafts)
        claims: dict[tuple[int, int], Claim] = {}
        for draft in sorted(drafts, key=lambda d: (d.content, d.start)):
            if draft.attribution is None and not draft.quantities:
                continue
            claim = self._freeze(draft)
            key = (claim.content.start, claim.content.end)
            if key in claims:  # two cues over one content ("X and Y said"): one claim
                continue
            claims[key] = claim
        return tuple(sorted(claims.values(), key=lambda c: (c.span.start, c.content.start)))

    # --- attributions -------------------------------------------------------------------

    def _draft(self, a: Attribution) -> _Draft:
        doc = self.doc
        sent_start, sent_end = doc[a.sentence[0]].idx, _end_char(doc, a.sentence[1])
        content = (doc[a.content[0]].idx, _end_char(doc, a.content[1]))
        source = (doc[a.source[0]].idx, _end_char(doc, a.source[1])) if a.source else None
        cue = (doc[a.cue[0]].idx, _end_char(doc, a.cue[1])) if a.cue else None
        claimants = self._claimants(a) if a.source_head is not None else ()
        reported_within = self._reported_within(cue)
        for key in claimants if not reported_within else ():
            spoken = (next(self.spoken), cue[0] if cue else sent_start, key)
            self.speakers[self.entities.classes.get(key, "")].append(spoken)
        if a.source_head is not None and not reported_within:
            self._remember_source(doc[a.source_head], cue[0] if cue else sent_start, claimants)
        via = tuple(k for i in a.via if (k := self._mention_at(doc[i])) is not None and k not in claimants)
        draft = _Draft(
            start=sent_start,
            end=sent_end,
            content=content,
            certainty=a.certainty,
            paragraph=self.paragraph(sent_start),
            attribution=a,
            claimants=claimants,
            via=via,
            source=source,
            cue=cue,
        )
        draft.stated_on = self._stated_on(draft)
        return draft

    def _is_place(self, token: Token) -> bool:
        """Whether ``token`` is in a name resolved to a place."""
        key = self._mention_at(token)
        return key is not None and self.entities.classes.get(key) in _PLACE_CLASSES

    def _place(self, a: Attribution) -> bool:
        """Whether the source of a labelled line is a place: a dateline ("KYIV: ..."), or a
        headline's topic ("Ukraine: ..."), not a speaker."""
        if a.source is None:
            return False
        key = self.entities.at(self.doc[a.source[0]].idx, _end_char(self.doc, a.source[1]))
        return key is not None and self.entities.classes.get(key) in _PLACE_CLASSES

    def _reported_within(self, cue: tuple[int, int] | None) -> bool:
        """Whether a cue stands inside what an earlier speaker said ("Rudenko said Trump wants
        talks"): its source is talked about, and a "he" after it still means the speaker."""
        return cue is not None and any(
            d.claimants and d.content[0] <= cue[0] < d.content[1] for d in self.drafts[-3:]
        )

    def _name_later(self) -> None:
        """'A senior lawmaker said ... The lawmaker, Hassan Karim, added': a source first left
        unnamed ("a" + noun) is the person a later "the" + same noun names in apposition, within
        three paragraphs; until then it spoke for whom its words said (the state, or no one)."""
        unnamed: dict[str, list[_Draft]] = defaultdict(list)
        for draft in self.drafts:
            a = draft.attribution
            if a is None or a.source_head is None or self.doc[a.source_head].pos_ != "NOUN":
                continue
            head = self.doc[a.source_head]
            lemma = head.lemma_.lower()
            determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
            if determiner in _INDEFINITE:
                unnamed[lemma].append(draft)
            elif determiner in _DEFINITE and lemma in unnamed and self._named_person(head, draft):
                for earlier in unnamed.pop(lemma):
                    if draft.paragraph - earlier.paragraph <= 3:
                        earlier.claimants = draft.claimants

    def _monitor_named(self) -> None:
        """'..., a rights monitor reported. The Kivu Human Rights Observatory said ...': a monitor
        left unnamed is the one monitoring group the article names anywhere (a name with
        "Observatory", "Monitor" or "Watch" in it), before or after; with two, no one."""
        monitors = [
            key
            for key, words in self.entities.words.items()
            if self.entities.classes.get(key) in _MONITOR_CLASSES and not words.isdisjoint(MONITOR_NAME_WORDS)
        ]
        if len(monitors) != 1:
            return
        for draft in self.drafts:
            a = draft.attribution
            if draft.claimants or a is None or a.source_head is None:
                continue
            if self.doc[a.source_head].lemma_.lower() in MONITOR_NOUNS:
                draft.claimants = (monitors[0],)

    def _named_person(self, head: Token, draft: _Draft) -> bool:
        """Whether ``draft``'s one claimant is a person its source names beside ``head``."""
        return (
            len(draft.claimants) == 1
            and self.entities.classes.get(draft.claimants[0]) == "Person"
            and any(c.dep_ == "appos" for c in head.children)
        )

    def _mention_at(self, token: Token) -> str | None:
        return self.entities.at(token.idx, token.idx + len(token.text))

    def _remember_source(self, head: Token, pos: int, claimants: tuple[str, ...]) -> None:
        """Keep a singular source for the pronouns after it, resolved or not; a statement the
        source made ("..., the ministry said in a statement") for "the statement added"."""
        kind = self._source_kind(head)
        if kind is not None:
            self.sources.append(_Source(pos, kind, claimants))
        verb = head.head
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in" and claimants:
                for noun in prep.children:
                    if noun.dep_ == "pobj" and noun.lemma_.lower() in STATEMENT_NOUNS:
                        self.descriptors[noun.lemma_.lower()] = claimants

    def _source_kind(self, head: Token) -> str | None:
        """ "person" or "thing" for a singular source ("he", "a nurse", "the agency"), else None."""
        word, lemma = head.lower_, head.lemma_.lower()
        if word in PRONOUN_CLASSES:
            return "person" if PRONOUN_CLASSES[word] == _PERSON else "thing"
        if head.pos_ not in _NOUN_TAGS:
            return None
        key = self._mention_at(head)
        if key is not None:  # the tagger calls "Guterres" plural: a name's class decides
            return "person" if self.entities.classes.get(key) == "Person" else "thing"
        if head.pos_ == "PROPN" or head.tag_ == "NNS":
            return None
        classes = ANAPHOR_CLASSES.get(lemma)
        if classes is not None:
            return "person" if classes == _PERSON else "thing"
        return "person" if lemma in PERSON_SOURCE_NOUNS or lemma in SPOKES_NOUNS else None

    def _pronoun_antecedent(self, head: Token) -> tuple[str, ...] | None:
        """'A rebel commander said ... He added': the last singular source of the pronoun's kind
        before it, even one left unnamed (then no claimant, rather than an older speaker)."""
        kind = "person" if PRONOUN_CLASSES[head.lower_] == _PERSON else "thing"
        for source in reversed(self.sources):
            if source.pos < head.idx and source.kind == kind:
                return source.claimants
        return None

    def _claimants(self, a: Attribution) -> tuple[str, ...]:
        head = self.doc[a.source_head] if a.source_head is not None else None
        if head is None:
            return ()
        if head.lower_ in PRONOUN_CLASSES and not any(c.dep_ == "conj" for c in head.children):
            antecedent = self._pronoun_antecedent(head)
            if antecedent is not None:
                return antecedent
        appositives = [c for c in head.children if c.dep_ == "appos"]
        titled = [c for c in appositives if titled_after_bracket(c)]  # "United Kingdom (UK) Prime Minister X"
        heads = titled or [head, *appositives, *conjuncts(head)]
        keys = [k for h in heads if (k := self._resolve(h, a)) is not None]
        if not keys:
            keys = list(self._through_reporter(head, a))
        claimants = tuple(dict.fromkeys(keys))
        if claimants and (head.pos_ == "NOUN" or head.is_lower):
            self.descriptors[head.lemma_.lower()] = claimants
        return claimants

    def _resolve(self, head: Token, a: Attribution) -> str | None:
        """One source word -> an entity: a name, a pronoun, or a descriptor noun."""
        key = self._mention_at(head)
        if key is not None:
            return key
        if head.pos_ == "PROPN" and (key := self._short_name(head)) is not None:
            return key
        word = head.lower_
        lemma = head.lemma_.lower()
        if word in PRONOUN_CLASSES:
            return self._last_speaker(head.idx, PRONOUN_CLASSES[word])
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        if lemma in SPOKES_NOUNS or lemma in STATE_ORGAN_NOUNS or lemma in REPORT_NOUNS:
            owner = self._owner(head)
            if owner is not None:
                return owner
        if lemma in NEWS_STAFF_NOUNS and (outlet := self._outlet(head)) is not None:
            return outlet
        if ANAPHOR_CLASSES.get(lemma) == frozenset({"Person"}) and a.source is not None:
            start, end = self.doc[a.source[0]].idx, _end_char(self.doc, a.source[1])
            people = [k for k in self.entities.within(start, end) if self.entities.classes.get(k) == "Person"]
            if len(people) == 1:
                return people[0]  # "The commander, whose call sign is Green"
        if lemma in ANAPHOR_CLASSES and (named := self._named_in(head, ANAPHOR_CLASSES[lemma])) is not None:
            return named
        determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        field = frozenset(c.lower_ for c in head.children if c.dep_ in ("compound", "amod"))
        if lemma in ORGAN_HEADS and field:
            # "the defence ministry": the body before whose names have "defence", not any body
            return self.entities.last_before(head.idx, ANAPHOR_CLASSES[lemma], field)
        if determiner in _DEFINITE and lemma in ANAPHOR_CLASSES and not _unknown_name(head):
            return self._described(head, field)
        return None

    def _named_in(self, head: Token, classes: frozenset[str]) -> str | None:
        """'the M23 rebel group': the name a descriptor noun carries, when it is of the noun's kind."""
        for child in head.children:
            key = self._mention_at(child) if child.dep_ in ("compound", "nmod") else None
            if key is not None and self.entities.classes.get(key) in classes:
                return key
        return None

    def _described(self, head: Token, field: frozenset[str] = frozenset()) -> str | None:
        """'the group': the actor last called so, else the last one of its kind. With words of
        its own it is the actor named before with those words and the noun in its name, whatever
        its kind ("the youth committee" after "the Kassala Youth Committee"), else it
        re-describes an actor already speaking ("the medical group", "the rights monitor"), so
        the last speaker of that kind comes before the last one named."""
        lemma = head.lemma_.lower()
        remembered = self.descriptors.get(lemma)
        if remembered:
            return remembered[0]
        classes = ANAPHOR_CLASSES[lemma]
        if field and classes != _PERSON:
            named = self.entities.last_before(head.idx, _ACTOR_CLASSES, field | {head.lower_})
            if named is not None:
                return named
            speaker = self._last_speaker(head.idx, classes)
            if speaker is not None:
                return speaker
        return self.entities.last_before(head.idx, classes)

    def _short_name(self, head: Token) -> str | None:
        """'SITE said', 'The Irrawaddy could not verify': a name the model did not tag here,
        whose words belong to the names of one entity of the article and no other."""
        words = {t.lower_ for t in head.subtree if t.pos_ == "PROPN" and t.i <= head.i}
        if not words:
            return None
        found = [key for key, names in self.entities.words.items() if words <= names]
        return found[0] if len(found) == 1 else None

    def _owner(self, head: Token) -> str | None:
        """Whom a spokesperson or state organ speaks for: "for X", "X's", "<demonym>"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from", "with"):
                for pobj in child.children:
                    key = self._mention_at(pobj)
                    if pobj.dep_ == "pobj" and key is not None:
                        return key
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                key = self._mention_at(child) or self._compass_state(child) or self._this_state(child)
                if key is not None and self.entities.classes.get(key) in _ACTOR_CLASSES:
                    if head.lemma_.lower() in LEADER_ORGAN_NOUNS:
                        return self._led_state(key) or key
                    return key
                phrase = self.doc[child.left_edge.i : child.i + 1].text
                state = self.gazetteer.state_for_demonym(phrase) or self.gazetteer.state_for_demonym(
                    child.text
                )
                if state is not None:
                    return state.id
                if (country := nationality_country(child.text)) is not None:
                    if (key := self._state_named(country)) is not None:
                        return key  # "the Nigerian government": Nigeria, named in the article
        for child in head.children:
            # "a group spokesman", "an army spokeswoman": the group or army of the story
            classes = ANAPHOR_CLASSES.get(child.lemma_.lower())
            if child.dep_ == "compound" and classes is not None and classes != _PERSON:
                return self._described(child)
        return None

    def _state_named(self, country: str) -> str | None:
        """The state of the article named ``country``: of those whose names hold its words, the
        one with the fewest words ("Sudan", not "South Sudan"), if only one has that few."""
        wanted = set(_WORD.findall(country.lower()))
        found = sorted(
            (len(words), key)
            for key, words in self.entities.words.items()
            if self.entities.classes.get(key) == "State" and wanted <= words
        )
        if not found or (len(found) > 1 and found[0][0] == found[1][0]):
            return None
        return found[0][1]

    def _outlet(self, staff: Token) -> str | None:
        """The news outlet a reporter works for: "an AFP correspondent", "Reuters' reporter",
        "a reporter for Reuters"."""
        for child in staff.children:
            named = [child] if child.dep_ in ("compound", "poss", "nmod", "amod") else []
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "with", "from"):
                named = [c for c in child.children if c.dep_ == "pobj"]
            for word in named:
                key = self._mention_at(word)
                if key is not None and self.entities.classes.get(key) == "MediaOutlet":
                    return key
        return None

    def _compass_state(self, word: Token) -> str | None:
        """'the North's ministry': "the North" is the last state named "North ..." before it."""
        if word.lower_ not in _COMPASS or not any(c.lower_ == "the" for c in word.children):
            return None
        prefix = word.lower_ + "-"
        i = bisect.bisect_left(self.entities.starts, word.idx) - 1
        while i >= 0:
            key = self.entities.items[i][2]
            if key.startswith(prefix) and self.entities.classes.get(key) == "State":
                return key
            i -= 1
        return None

    def _led_state(self, key: str) -> str | None:
        """'the Trump administration': the state its leader leads, by the gazetteer's leaderOf."""
        try:
            led = self.gazetteer.get(key).leader_of
        except KeyError:
            return None
        return next((k for k in led if self._is_state(k)), None)

    def _is_state(self, key: str) -> bool:
        try:
            return self.gazetteer.get(key).cls == "State"
        except KeyError:
            return False

    def _this_state(self, word: Token) -> str | None:
        """'the country's navy': "the country" is the state named last before it."""
        if ANAPHOR_CLASSES.get(word.lemma_.lower()) != _STATE or not any(
            c.lower_ in _DEFINITE for c in word.children
        ):
            return None
        return self.entities.last_before(word.idx, _STATE)

    def _last_speaker(self, pos: int, classes: frozenset[str]) -> str | None:
        """The speaker of one of ``classes`` named last before ``pos``."""
        found: tuple[int, str] | None = None
        for cls in classes:
            for order, spoken_at, key in reversed(self.speakers[cls]):
                if spoken_at < pos:
                    found = max(found, (order, key)) if found else (order, key)
                    break
        return found[1] if found else None

    def _through_reporter(self, head: Token, a: Attribution) -> tuple[str, ...]:
        """An unnamed person earlier named inside an actor's claim (within three paragraphs)
        speaks through that actor; not a group or body ("The rebel group denied", after "X
        blamed a rebel group")."""
        if self._source_kind(head) != "person":
            return ()
        paragraph = self.paragraph(head.idx)
        for earlier in reversed(self.said.get(head.lemma_.lower(), ())):
            if paragraph - earlier.paragraph > 3:
                break
            if earlier.content[1] <= head.idx:
                return earlier.claimants
        return ()

    # --- quotations ----------------------------------------------------------------------

    def _quoted_speaker_aside(self, a: Attribution) -> bool:
        """'"I think the bridge will hold," the mayor said': a report in the first or second
        person inside a quotation is the quoted speaker's own aside, not a claim of its own;
        its words stay in the quotation, which joins the speaker's claim."""
        if a.source_head is None or a.cue is None:
            return False
        head = self.doc[a.source_head]
        return (
            head.lower_ in QUOTED_SPEAKER_PRONOUNS
            and _quoted_region(self.quotes, head.idx, head.idx + 1) is not None
        )

    def _attach_quotes(self, drafts: list[_Draft]) -> None:
        """Quoted sentences with no cue of their own join the claim of the speaker named once."""
        regions = self.quotes
        if not regions:
            return
        claimed = {(d.start, d.end) for d in drafts if not _quoted_cue(regions, d)}
        for sent in self.doc.sents:
            start, end = sent.start_char, _end_char(self.doc, sent.end)
            if (start, end) in claimed or not span_text(sent).strip():
                continue
            region = _quoted_region(regions, start, end)
            if region is None:
                continue
            owner = self._quote_owner(drafts, region, start)
            if owner is not None and not _cue_within(owner, start, end):
                owner.start, owner.end = min(owner.start, start), max(owner.end, end)
                owner.content = (min(owner.content[0], start), max(owner.content[1], end))

    def _quote_owner(self, drafts: list[_Draft], region: tuple[int, int], start: int) -> _Draft | None:
        """The claim a quoted sentence belongs to: same quotation, else same paragraph."""
        for d in drafts:
            if (
                d.cue is not None
                and d.start <= region[1]
                and region[0] <= d.end
                and not (region[0] <= d.cue[0] < region[1])
            ):
                return d
        paragraph = self.paragraph(start)
        same = [d for d in drafts if d.paragraph == paragraph and d.cue is not None]
        before = [d for d in same if d.start < start]
        if before:
            return before[-1]
        return same[0] if same else None

    # --- figures -------------------------------------------------------------------------

    def _place_figures(self, drafts: list[_Draft]) -> list[_Draft]:
        """Give every counting figure to the innermost claim around it; new claims for the rest."""
        extra: dict[int, _Draft] = {}
        around = _Around(drafts)
        held: list[Figure] = []  # the article's Captured figures so far, for rows that add to them
        measured: list[str] = []  # the measures of the article's figures so far
        for sent in self.doc.sents:
            start = sent.start_char
            found = find_figures(span_text(sent))
            figures = [replace(f, start=f.start + start, end=f.end + start) for f in found]
            for figure in figures:
                innermost = around.innermost(figure.start, figure.end)
                quantity = self._quantity(figure, innermost)
                if quantity is not None:
                    quantity = (
                        _added_to_another_measure(self._timed(quantity[0], sent, innermost), measured),
                        quantity[1],
                    )
                    measured.append(quantity[0].measure)
                    self._give(quantity, innermost or extra.get(start), sent, extra)
                    held += [figure] if quantity[0].measure == "Captured" else []
            for row in detainee_rows(sent, figures, self._is_place):
                figure = row.figure
                earlier = [f for f in held if f.end <= figure.start]
                if row.adds and earlier:
                    figure = added_to(earlier[-1], figure, self.text)
                elif row.alone:
                    continue  # nothing before to add to: the number's own figure says it all
                innermost = around.innermost(row.figure.start, row.figure.end)
                self._give(self._detainees(figure, innermost), innermost or extra.get(start), sent, extra)
                held.append(figure)
        return list(extra.values())

    def _give(
        self,
        quantity: tuple[Quantity, Certainty | None],
        owner: _Draft | None,
        sent: SpacySpan,
        extra: dict[int, _Draft],
    ) -> None:
        """Add a quantity to its claim, or to a new claim with no claimant for its sentence."""
        if owner is None:
            start, end = sent.start_char, _end_char(self.doc, sent.end)
            owner = _Draft(start, end, (start, end), "Asserted", self.paragraph(start))
            extra[start] = owner
        owner.quantities.append(quantity)

    def _detainees(self, figure: Figure, owner: _Draft | None) -> tuple[Quantity, Certainty | None]:
        """The ``Captured`` quantity of a row of detainees (see ``kg.extract.detainees``)."""
        floor = owner.start if owner is not None else self._sentence_start(figure.start)
        text = self.article.text[figure.start : figure.end]
        return Quantity(replace(figure, text=text), "Captured", self._last_unit(floor, figure.start)), None

    def _quantity(self, figure: Figure, owner: _Draft | None) -> tuple[Quantity, Certainty | None] | None:
        """The figure's quantity and its own hedge; ``owner`` is the innermost claim around it."""
        counted = read_measure(self.doc, self.text, figure.start, figure.end)
        if counted is None:
            return None
        if counted.factor != 1.0:
            figure = _scaled(figure, Decimal(str(counted.factor)))
        count_of = None
        if counted.measure != "AreaControlled":
            if counted.counted is not None:
                count_of = self._counted_entity(*counted.counted)
            if count_of is None:
                floor = owner.start if owner is not None else self._sentence_start(figure.start)
                count_of = self._last_unit(floor, figure.start)
        text = self.article.text[figure.start : figure.end]
        return Quantity(replace(figure, text=text), counted.measure, count_of), counted.hedge

    def _timed(self, quantity: Quantity, sent: SpacySpan, owner: _Draft | None) -> Quantity:
        """The quantity with the period it counts and its tally (:mod:`kg.extract.figuretime`),
        read from its sentence, less what is not claimed when the figure is in the claim: the
        words that date the statement are not the figure's."""
        figure = quantity.figure
        stretch = sent.start_char, _end_char(self.doc, sent.end)
        if owner is not None and owner.content[0] <= figure.start and figure.end <= owner.content[1]:
            stretch = max(stretch[0], owner.content[0]), min(stretch[1], owner.content[1])
        said = _parse_date(owner.stated_on) if owner is not None else None
        time = figure_time(self.text, (figure.start, figure.end), stretch, self.published, said)
        return replace(
            quantity,
            period_start=time.start.isoformat() if time.start else None,
            period_end=time.end.isoformat() if time.end else None,
            tally=time.tally,
        )

    def _sentence_start(self, pos: int) -> int:
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span.sent.start_char if span is not None else 0

    def _counted_entity(self, start: int, end: int) -> str | None:
        for key in self.entities.within(start, end):
            if self.entities.classes.get(key) in _COUNTED_CLASSES:
                return key
        return None

    def _last_unit(self, floor: int, pos: int) -> str | None:
        """The nearest military contingent named before the figure in its claim or sentence."""
        key = self.entities.last_before(pos, frozenset({"MilitaryUnit"}))
        if key is None:
            return None
        return key if any(k == key for _, _, k in self.entities.starting(floor, pos)) else None

    def _split_hedged(self, drafts: list[_Draft]) -> list[_Draft]:
        """A figure hedged in its own clause moves to a claim of that clause and certainty."""
        out = []
        for draft in drafts:
            keep = []
            for quantity, hedge in draft.quantities:
                certainty = _stronger(draft.certainty, hedge)
                if certainty == draft.certainty:
                    keep.append((quantity, hedge))
                    continue
                clause = self._clause(quantity.figure)
                out.append(
                    replace(draft, content=clause, certainty=certainty, quantities=[(quantity, hedge)])
                )
            draft.quantities = keep
            out.append(draft)
        return out

    def _clause(self, figure: Figure) -> tuple[int, int]:
        span = self.doc.char_span(figure.start, figure.end, alignment_mode="expand")
        assert span is not None
        token = span.root
        while token.dep_ not in ("conj", "ccomp", "ROOT", "advcl") and token.head is not token:
            token = token.head
        words = [t for t in token.subtree if not (t.i == token.left_edge.i and t.dep_ == "cc")]
        words = [t for t in words if not t.is_punct] or [token]
        return words[0].idx, words[-1].idx + len(words[-1].text)

    def _mark_unverified(self, drafts: list[_Draft]) -> None:
        """'X has not been able to independently verify ...' hedges the claims just before it."""
        starts = [match.start() for match in _UNVERIFIED.finditer(self.text)]
        paragraphs = [self.paragraph(start) for start in starts]
        for draft in drafts:
            # the last such phrase at most one paragraph after the claim's: is it after its start?
            last = bisect.bisect_right(paragraphs, draft.paragraph + 1) - 1
            if last >= 0 and starts[last] > draft.start:
                draft.certainty = _stronger(draft.certainty, "Unverified")

    # --- dates and freezing ---------------------------------------------------------------

    def _stated_on(self, draft: _Draft) -> str | None:
        """The date the report was made: a date outside the content, or right after the cue."""
        sentence = self.text[draft.start : draft.end]
        for found in find_dates(sentence, self.published):
            start, end = found.start + draft.start, found.end + draft.start
            outside = end <= draft.content[0] or start >= draft.content[1]
            after_cue = draft.cue is not None and 0 <= start - draft.cue[1] <= 2
            if (outside or after_cue) and found.earliest is not None:
                return found.earliest.isoformat()
        return None

    def _freeze(self, draft: _Draft) -> Claim:
        text = self.article.text
        content = _span(text, self.text, *draft.content)
        about = self.entities.within(*draft.content)
        quantities = sorted((q for q, _ in draft.quantities), key=lambda q: q.figure.start)
        about += [q.count_of for q in quantities if q.count_of and q.count_of not in about]
        return Claim(
            span=_span(text, self.text, draft.start, draft.end),
            content=content,
            certainty=draft.certainty,
            source=_span(text, self.text, *draft.source) if draft.source else None,
            cue=_span(text, self.text, *draft.cue) if draft.cue else None,
            cue_lemma=draft.attribution.cue_lemma if draft.attribution else None,
            claimants=draft.claimants,
            via=draft.via,
            about=tuple(about),
            stated_on=draft.stated_on,
            quantities=tuple(quantities),
        )


#: The measures of people harmed in one event: "a further" one of them after another counts
#: more victims of the event, not more of the same measure.
_HARMED = frozenset({"Killed", "Wounded", "KilledOrWounded", "Captured"})


def _unknown_name(head: Token) -> bool:
    """ "The Zaporizhzhia City Council": a capitalised name the model did not tag, not a
    description of an actor named before ("the council", "the Council")."""
    return head.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)


def _added_to_another_measure(quantity: Quantity, measured: list[str]) -> Quantity:
    """No increment where "a further 117" follows the victims of other measures only ("40 were
    killed; a further 117 were wounded"): this is the first count of its measure, not an
    addition to one. With no figure before it, "another 500 were killed" still adds to a toll
    given elsewhere, and "another 200 soldiers were sent" after a toll to troops sent before."""
    if (
        quantity.tally == "Increment"
        and quantity.measure in _HARMED
        and measured
        and measured[-1] in _HARMED
        and quantity.measure not in measured
    ):
        return replace(quantity, tally=None)
    return quantity


def _end_char(doc: Doc, token_end: int) -> int:
    """End character of the tokens before ``token_end``, trailing whitespace tokens left out
    (they may stand for a blanked heading, which is not part of the sentence)."""
    last = token_end - 1
    while last > 0 and doc[last].is_space:
        last -= 1
    return doc[last].idx + len(doc[last].text)


def _span(text: str, seen: str, start: int, end: int) -> Span:
    """``[start, end)`` of ``text`` without the whitespace around it as the model ``seen`` it:
    a blanked dateline glued to the lead ("ANKARA (AP) — Roughly ...") is not the sentence's."""
    while start < end and seen[start].isspace():
        start += 1
    while end > start and seen[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def _cue_within(draft: _Draft, start: int, end: int) -> bool:
    """Whether the draft's own cue is in ``[start, end)``: that sentence is the claim's own,
    already read ('"PETROV: ...' in a transcript quoted line by line), not one to join."""
    return draft.cue is not None and start <= draft.cue[0] < end


def _quoted_cue(regions: list[tuple[int, int]], draft: _Draft) -> bool:
    """Whether the draft's cue is inside a quotation: '"... we believe the road is open."' is
    the quoted speaker's own words, so its sentence still belongs to the quotation's speaker."""
    if draft.cue is None:
        return False
    region = _quoted_region(regions, *draft.cue)
    return region is not None


def _quoted_region(regions: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation covering most of ``[start, end)``, when it covers at least half of it.

    ``regions`` are in text order and apart, so only those from the first ending after
    ``start`` up to the last beginning before ``end`` can overlap it.
    """
    i = bisect.bisect_right(regions, start, key=lambda r: r[1])
    while i < len(regions) and regions[i][0] < end:
        r_start, r_end = regions[i]
        overlap = min(end, r_end) - max(start, r_start)
        if overlap * 2 >= end - start:
            return r_start, r_end
        i += 1
    return None


class _Around:
    """The innermost draft whose content holds a span, for spans asked in text order.

    A sweep: only drafts open at the current position are looked at, so a long article costs
    no more per figure than a short one (asking every draft about every figure was quadratic).
    """

    def __init__(self, drafts: list[_Draft]) -> None:
        self.drafts = drafts
        self.waiting = sorted(range(len(drafts)), key=lambda i: drafts[i].content[0], reverse=True)
        self.open: list[int] = []

    def innermost(self, start: int, end: int) -> _Draft | None:
        """The shortest content around ``[start, end)``; of equal ones, the first draft. A
        content that is only an object ("claimed responsibility for ...") comes after any other."""
        drafts = self.drafts
        while self.waiting and drafts[self.waiting[-1]].content[0] <= start:
            self.open.append(self.waiting.pop())
        self.open = [i for i in self.open if drafts[i].content[1] > start]
        around = [i for i in self.open if end <= drafts[i].content[1]]
        if not around:
            return None
        return drafts[min(around, key=lambda i: (_object_only(drafts[i]), _length(drafts[i].content), i))]


def _object_only(draft: _Draft) -> bool:
    return draft.attribution is not None and draft.attribution.object_only


def _length(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _stronger(current: Certainty, other: Certainty | None) -> Certainty:
    if other is None or _CERTAINTY_RANK[other] <= _CERTAINTY_RANK[current]:
        return current
    return other


def _scaled(figure: Figure, factor: Decimal) -> Figure:
    def scale(value: Decimal | None) -> Decimal | None:
        return None if value is None else (value * factor).normalize()

    return replace(
        figure,
        value=scale(figure.value),
        min_value=scale(figure.min_value),
        max_value=scale(figure.max_value),
    )


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
