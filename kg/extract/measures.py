"""What a figure counts, read from the words around it in the parse.

"about 50 North Korean soldiers were killed": the number modifies "soldiers", which the
passive "killed" governs, so it counts the killed. The counted noun comes from the number's
head ("50 soldiers"), an "of" phrase ("dozens of troops", "the number of injured") or, when
the number stands alone ("of which more than 4,000 have been killed", "some 200 killed and
wounded"), from the number itself. Casualty words on the noun or its verb decide the measure;
people under arms with none count as a troop figure; area units make an area figure.

Each figure of a coordinated report keeps its own verb ("45 were killed and 130 wounded",
"killing 41 and wounding 180"); a modifier on the noun beats the governing verb ("captured two
wounded soldiers"), except a deployment participle, which beats no casualty ("soldiers stationed
there have died"). Predicates ("confirmed dead", "listed as casualties"), raising verbs ("thought
to have died"), tallies ("the toll has risen to 212") and loss idioms ("lost 340 men", "claimed
nine lives") name measures too; people reported missing, and people sent who are not under arms,
count none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.claimwords import (
    AREA_UNITS,
    CASUALTY_ADJECTIVES,
    CASUALTY_NOUNS,
    CASUALTY_VERBS,
    CUSTODY_NOUNS,
    HEDGE_WORDS,
    LIFE_NOUNS,
    LIFE_VERBS,
    LOSS_VERBS,
    MISSING_WORDS,
    PEOPLE_NOUNS,
    PERSONNEL_NOUNS,
    SEVERITY_ADVERBS,
    TALLY_NOUNS,
)
from kg.model import Certainty, Measure

__all__ = ["CountedFigure", "read_measure"]

_AREA = re.compile(
    r"\s*(?:more\s+)?("
    + "|".join(re.escape(u) for u in sorted(AREA_UNITS, key=len, reverse=True))
    + r")s?\b",
    re.IGNORECASE,
)
_TALLY_COMPOUNDS: dict[str, Measure] = {"death": "Killed", "casualty": "KilledOrWounded"}
#: Which measure a lone casualty verb names, when several are found the first wins.
_VERB_MEASURES: tuple[Measure, ...] = ("KilledOrWounded", "Killed", "Wounded", "Captured", "TroopCount")
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"})
#: A conjoined verb with one of these is a clause of its own ("and 130 [were] wounded").
_OWN_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
#: The verb a conjoined one hangs on shares its subject ("the strike killed or wounded 200")
#: but not what it was done to.
_OBJECT_DEPS = frozenset({"nsubjpass", "dobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Dependents of a verb that predicate something of its subject or object ("confirmed dead").
_PREDICATE_DEPS = frozenset({"oprd", "acomp", "attr"})
#: Words that stand for a second group in a coordinated casualty report.
_OTHERS_WORDS = frozenset({"more", "others"})
#: Prepositions that name a part of the counted whole ("including two children").
_PART_PREPOSITIONS = frozenset({"including"})
#: Pronouns a part is taken from ("eight of them", "two of whom").
_PARTITIVE_PRONOUNS = frozenset({"them", "whom", "those", "these"})


@dataclass(frozen=True, slots=True)
class CountedFigure:
    """What a figure counts: the measure, the character span of the counted phrase, the
    hedge its own clause puts on it, and the factor that converts it into the measure's unit."""

    measure: Measure
    counted: tuple[int, int] | None  # character span of the counted noun phrase
    hedge: Certainty | None = None
    factor: float = 1.0


def read_measure(doc: Doc, text: str, start: int, end: int) -> CountedFigure | None:
    """The measure of the figure at characters ``[start, end)`` of ``doc``, if it counts one.

    ``text`` is ``doc.text``, which the caller keeps: spaCy joins every token again on each access.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    number = _number_token(span)
    area = _AREA.match(text, end)
    if area is not None:
        factor = AREA_UNITS[area.group(1).lower().rstrip("s")]
        return CountedFigure("AreaControlled", None, _hedge(number), factor)
    noun = _counted_noun(number)
    measure = _measure(number, noun)
    if measure is None:
        return None
    counted = None
    if noun is not None:
        counted = (_loser(noun) or noun.left_edge).idx, noun.idx + len(noun.text)
    return CountedFigure(measure, counted, _hedge(number))


def _loser(noun: Token) -> Token | None:
    """Whose men a loss counts: "Russia had lost 1,200 troops" counts Russia's, not those of
    whoever reports it; the counted phrase then runs from the loser to the noun."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in LOSS_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None if subject is None else subject.left_edge


def _number_token(span: Span) -> Token:
    """The token that stands for the figure: the number itself, or the head of the phrase."""
    numbers = [t for t in span if t.like_num]
    if not numbers:
        return span.root
    number = numbers[-1]
    while number.dep_ == "conj" and number.head.like_num and number.head in numbers:
        number = number.head  # "between 3,000 and 4,000 soldiers": the noun hangs on the first
    return number


def _counted_noun(number: Token) -> Token | None:
    if _casualty_word_after(number):
        return None  # "seven dead, nine wounded and burned cars": the parser hung both on "cars"
    head = number.head
    if number.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        while head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN") and head.head is not head:
            head = head.head  # "2,000 - 3,000 soldiers": the range's first number hangs on the second
        return head
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj  # "dozens of troops"
    if (
        number.dep_ == "pobj"
        and number.head.lower_ == "of"
        and number.head.head.lemma_.lower() in _FORCE_OF_NOUNS
    ):
        return number.head.head  # "a contingent of 4,200", "a force of 3,000"
    return None


#: Nouns for a body of troops that "of" gives the size of: "a contingent of 4,200".
_FORCE_OF_NOUNS = frozenset({"contingent", "force", "detachment", "garrison"})
#: Nouns a figure counts people by, whatever the words between say of them.
_PEOPLE_OR_PERSONNEL = PEOPLE_NOUNS | PERSONNEL_NOUNS


def _casualty_word_after(number: Token) -> Measure | None:
    """The measure of a casualty adjective right after the number that counts no noun of people:
    "seven dead", "nine wounded and burned cars" (not "nine wounded soldiers")."""
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if after is None or after.lower_ not in CASUALTY_ADJECTIVES:
        return None
    noun = number.head
    if after.head == number or (after.head == noun and noun.lemma_.lower() not in _PEOPLE_OR_PERSONNEL):
        return CASUALTY_ADJECTIVES[after.lower_]
    return None


def _measure(number: Token, noun: Token | None) -> Measure | None:
    """Casualty words decide; people under arms with none are a troop figure."""
    if noun is None and (listed := _casualty_word_after(number)) is not None:
        return listed
    if noun is not None and noun.like_num and noun.i != number.i:
        return _measure(noun, _counted_noun(noun))  # "eight of the 68 injured": the inner figure's
    if noun is not None and noun.lower_ in _PARTITIVE_PRONOUNS and noun.head.lower_ == "of":
        # "eight of them were killed"; "300 were wounded, 40 of them seriously"
        return _severity_after(noun) or _measure(number, None)
    target = noun if noun is not None else number
    lemma = target.lemma_.lower()
    if lemma in CASUALTY_NOUNS:
        return CASUALTY_NOUNS[lemma]
    if noun is not None and noun.lower_ in CASUALTY_NOUNS:
        return CASUALTY_NOUNS[noun.lower_]
    if noun is None and number.dep_ == "nummod" and number.head.lower_ in CASUALTY_ADJECTIVES:
        return CASUALTY_ADJECTIVES[number.head.lower_]  # "left four dead": the adjective is the noun
    if noun is not None and lemma in LIFE_NOUNS and noun.head.lemma_.lower() in LIFE_VERBS:
        return "Killed"  # "the shelling claimed nine lives"
    is_personnel = noun is not None and (
        lemma in PERSONNEL_NOUNS or noun.lower_.rstrip("s") in PERSONNEL_NOUNS
    )
    is_people = noun is None or is_personnel or lemma in PEOPLE_NOUNS or noun.lower_ in PEOPLE_NOUNS
    if not is_people:
        return None
    if _reported_missing(target) or (noun is not None and _reported_missing(number)):
        return None  # "40 sailors were reported missing": no measure counts the missing
    if noun is not None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LOSS_VERBS:
        return "KilledOrWounded"  # "the battalion has lost 340 men"
    measure = _casualty_around(target) or _tally_measure(target) or _included_among(target)
    if measure is None and noun is not None and _is_partitive(number, noun):
        measure = _casualty_around(number)  # "hundreds of soldiers have been wounded"
    if measure is None:
        measure = _verb_before(number)
    if measure == "TroopCount" and noun is not None and not is_personnel:
        return None  # "sent 6,500 farm workers": people sent abroad are not troops
    if measure is not None:
        return measure
    return "TroopCount" if is_personnel else None


def _severity_after(pronoun: Token) -> Measure | None:
    """'40 of them seriously': how badly, right after the part, says they are wounded."""
    after = pronoun.i + 1
    doc = pronoun.doc
    return "Wounded" if after < len(doc) and doc[after].lower_ in SEVERITY_ADVERBS else None


def _included_among(target: Token) -> Measure | None:
    """'The dead included three children', 'those killed included two medics', 'among the dead
    were 12 children': the part is counted as the whole its verb includes it in."""
    anchor = _first_conjunct(target)
    verb = anchor.head
    if anchor.dep_ == "dobj" and verb.lemma_.lower() == "include":
        whole = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    elif anchor.dep_ in ("attr", "nsubj") and verb.lemma_.lower() == "be":
        # "Among the dead were 12 children", "12 children were among those killed"
        among = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"]
        whole = next((p for prep in among for p in prep.children if p.dep_ == "pobj"), None)
    else:
        return None
    if whole is None:
        return None
    named = CASUALTY_ADJECTIVES.get(whole.lower_) or CASUALTY_NOUNS.get(whole.lemma_.lower())
    return named or _casualty_around(whole, inherit=False)


def _verb_before(number: Token) -> Measure | None:
    """ "Shelling killed at least 17 people in Aleppo and an airstrike ...": when the parse
    hangs the figure elsewhere, a casualty verb right before the figure phrase still governs it."""
    start = number.left_edge.i
    if start == 0:
        return None
    verb = number.doc[start - 1]
    if verb.pos_ != "VERB":
        return None
    measure = CASUALTY_VERBS.get(verb.lemma_.lower())
    return measure if measure != "TroopCount" else None


def _reported_missing(target: Token) -> bool:
    """Whether the counted people are said to be missing ("were reported missing")."""
    anchor = _first_conjunct(target)
    words = [*target.children]
    if anchor.dep_ in ("nsubj", "nsubjpass"):
        words += [c for c in anchor.head.children if c.dep_ in _PREDICATE_DEPS or c.dep_ == "xcomp"]
        words.append(anchor.head)
    return any(w.lower_ in MISSING_WORDS for w in words)


def _is_partitive(number: Token, noun: Token) -> bool:
    """ "dozens of troops": the noun hangs on "of" under the number, which the verb governs."""
    return noun.dep_ == "pobj" and noun.head.head.i == number.i


def _casualty_around(target: Token, *, inherit: bool = True) -> Measure | None:
    """A casualty word modifying the counted phrase or governing it as its verb.

    A later conjunct ("125 police and 148 fighters have been killed") is governed by the verb
    of the first; a part named by "including" ("17 people, including two soldiers, were
    killed") shares the measure of the whole it is part of."""
    words = [
        _object_relative(c) or c
        for c in target.children
        if c.dep_ in ("amod", "acl", "relcl")
        and not _acts_on_others(c)
        and (not _own_subject(c) or _object_relative(c) is not None)
    ]
    anchor = _first_conjunct(target)
    if anchor.dep_ in _ARGUMENT_DEPS or anchor.dep_ == "ROOT":
        words.append(anchor.head)
    found = [m for m in map(_casualty_word, words) if m is not None]
    # "soldiers stationed in Syria have died": a deployment participle does not hide the casualty
    measure = next((m for m in found if m != "TroopCount"), None) or (found[0] if found else None)
    if measure is not None:
        return measure
    if not inherit or anchor.dep_ != "pobj" or anchor.head.lower_ not in _PART_PREPOSITIONS:
        return None
    whole = anchor.head.head
    if whole.pos_ in ("NOUN", "PROPN", "NUM"):
        return _casualty_around(whole, inherit=False)
    return _casualty_word(whole)  # "were wounded, including 15 children": the part hangs on the verb


def _acts_on_others(clause: Token) -> bool:
    """A clause on the noun whose verb has an object of its own ("fighters who killed five
    civilians") makes the noun the agent, not the casualty; "taken prisoner" is no such object."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() not in CASUALTY_NOUNS for c in clause.children)


def _object_relative(clause: Token) -> Token | None:
    """The casualty verb of a relative clause the noun is the object of: "the six militants
    (that) it says it seized" (the clause has a subject of its own but no object)."""
    verb = clause
    for _ in range(3):
        if _named(verb) and not _has_arguments(verb, _OBJECT_DEPS):
            return verb
        verb = next((c for c in verb.children if c.dep_ == "ccomp"), verb)
    return None


def _first_conjunct(noun: Token) -> Token:
    """The first of a row of coordinated nouns or numbers, which carries the row's relation."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM") and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _own_subject(clause: Token) -> bool:
    """A clause on the noun with a subject of its own ("soldiers, of which 4,000 were killed")
    speaks of that subject, not of the noun."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that") for c in clause.children
    )


def _casualty_word(word: Token) -> Measure | None:
    """The measure a casualty verb names; "killed and/or wounded" together is both.

    A conjoined verb with arguments of its own ("45 were killed and 130 wounded", "killed 26
    and wounded 100") is a second clause about another figure, not a joint measure."""
    found = _named(word)
    if not found:
        found = _predicated(word)
    if (
        word.dep_ == "conj"
        and not _has_arguments(word, _SUBJECT_DEPS)
        and not _has_arguments(word.head, _OBJECT_DEPS)
    ):
        found |= _named(word.head)  # "killed or wounded 200 people": the object hangs on the second verb
    for conj in word.children:
        if conj.dep_ == "conj" and not _has_arguments(conj) and not _names_others(conj):
            found |= _named(conj)
    if {"Killed", "Wounded"} <= found:
        return "KilledOrWounded"
    return next((m for m in _VERB_MEASURES if m in found), None)


def _named(word: Token) -> set[Measure]:
    """The measure a casualty verb or adjective names by itself."""
    found = {
        CASUALTY_VERBS.get(word.lemma_.lower()),
        CASUALTY_VERBS.get(word.lower_),
        CASUALTY_ADJECTIVES.get(word.lower_),
    }
    return {m for m in found if m is not None}


def _predicated(verb: Token, depth: int = 2) -> set[Measure]:
    """What a verb with no casualty meaning of its own says through its predicate or
    complement: "were confirmed dead", "left nine dead", "were listed as casualties", and the
    raising "are thought to have died" or "are believed to have been killed"."""
    found: set[Measure] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "oprd") and CASUALTY_NOUNS.get(child.lemma_.lower()) == "Captured":
            found.add("Captured")  # "taken prisoner", "held captive"
        elif child.dep_ == "prep" and child.lower_ in ("into", "in") and _holds_custody(child):
            found.add("Captured")  # "taken into custody", "placed in detention"
        elif child.dep_ in _PREDICATE_DEPS:
            found |= _named(child)
        elif child.dep_ == "xcomp" and depth > 0:
            found |= _named(child) or _predicated(child, depth - 1)
        elif child.dep_ == "prep" and child.lower_ == "as":
            found |= {
                CASUALTY_NOUNS[p.lemma_.lower()] for p in child.children if p.lemma_.lower() in CASUALTY_NOUNS
            }
    return found


def _holds_custody(preposition: Token) -> bool:
    return any(c.dep_ == "pobj" and c.lemma_.lower() in CUSTODY_NOUNS for c in preposition.children)


def _names_others(verb: Token) -> bool:
    """ "killed and many more wounded": the parse may hang "more" or "others" on the verb as a
    modifier; it is still a subject of its own."""
    return any(c.lower_ in _OTHERS_WORDS for c in verb.children)


def _has_arguments(verb: Token, deps: frozenset[str] = _OWN_ARGUMENT_DEPS) -> bool:
    """Whether a verb has a subject or object of its own."""
    return any(c.dep_ in deps for c in verb.children)


def _tally_measure(number: Token) -> Measure | None:
    """'the number of injured is expected to reach 1,000': the tally's noun says what is counted."""
    verb = number.head
    if number.dep_ == "pobj" and verb.dep_ == "prep":
        preposition, verb = verb, verb.head  # "has risen to 212", "put the toll at 1,040"
        # the object nearest before the figure: "put the dead at 45 and the wounded at 130"
        objects = [c for c in verb.children if c.dep_ in ("dobj", "conj") and c.i < preposition.i]
        tally = max(objects, key=lambda c: c.i) if objects else None
        if preposition.lower_ == "at" and tally is not None:
            # "put the toll at 1,040"; "put the wounded at 1,900", "put casualties at 640"
            named = CASUALTY_ADJECTIVES.get(tally.lower_) or CASUALTY_NOUNS.get(tally.lemma_.lower())
            return _tally_noun_measure(tally) or named
        if preposition.lower_ == "to" and tally is not None and tally.lemma_.lower() in TALLY_NOUNS:
            return _tally_noun_measure(tally)  # "raised the toll to 70"
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _tally_noun_measure(subject)
        if verb.dep_ not in ("xcomp", "ccomp", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _tally_noun_measure(subject: Token) -> Measure | None:
    if subject.lemma_.lower() not in TALLY_NOUNS:
        return None
    for child in subject.children:
        if child.dep_ == "compound" and child.lemma_.lower() in _TALLY_COMPOUNDS:
            return _TALLY_COMPOUNDS[child.lemma_.lower()]
        if child.dep_ == "compound":
            return CASUALTY_NOUNS.get(child.lemma_.lower())  # "the injury toll"; "the vote count" is none
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                word = pobj.lower_
                if word in CASUALTY_NOUNS or pobj.lemma_.lower() in CASUALTY_NOUNS:
                    return CASUALTY_NOUNS.get(word) or CASUALTY_NOUNS[pobj.lemma_.lower()]
                if pobj.lemma_.lower() in PERSONNEL_NOUNS:
                    return _casualty_around(subject.head) or "TroopCount"
                return None
    if subject.lemma_.lower() == "toll":
        return "Killed"  # "the toll has risen to 212": a toll alone is of the dead
    return None


def _hedge(number: Token) -> Certainty | None:
    """A hedge in the figure's own clause: "believed to be deployed", "expected to reach"."""
    words = [number, *number.ancestors]
    if number.head is not number:
        words += [c for c in number.head.children if c.dep_ in ("acl", "advmod", "aux")]
    for word in words:
        hedge = HEDGE_WORDS.get(word.lower_)
        if hedge is not None:
            return hedge
        if word.dep_ in ("ccomp", "ROOT") and word is not number:
            break  # the reporting clause above is the cue's business
    return None
