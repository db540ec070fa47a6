"""Reported speech and belief in a parsed text: who says, with which verb, what.

Reads the dependency parse. A reporting verb's subject is the source and its clausal
complement the content, whatever the order ("X said (that) ...", "..., X said", "said X");
a participle ("expressed alarm, saying ...") or a relative clause ("a sergeant who confirmed
that ...") takes the source from the word it hangs on; "according to X" puts the source in a
prepositional phrase; "it is estimated that ..." has none; "as cited by Y" names an
intermediary. Sources stay token spans here: claims.py resolves them to entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.claimwords import (
    CASUALTY_ADJECTIVES,
    CLAUSE_ONLY_VERBS,
    EVIDENCE_NOUNS,
    EVIDENCE_VERBS,
    FIGURE_OBJECT_VERBS,
    FIGURE_REVISING_VERBS,
    FIGURE_SETTING_VERBS,
    HEARER_PREPOSITIONS,
    INNER_STANCE_VERBS,
    OBJECT_STATEMENT_VERBS,
    OCCASION_ADVERBS,
    OCCASION_NOUNS,
    PERSON_SOURCE_NOUNS,
    PERSONAL_STANCE_VERBS,
    QUOTE_ONLY_VERBS,
    QUOTING_VERBS,
    REPORT_NOUNS,
    REPORTING_MAKE_OBJECTS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    SPOKES_NOUNS,
    STATE_ORGAN_NOUNS,
    STATEMENT_NOUNS,
    TALLY_NOUNS,
    VERIFYING_VERBS,
)
from kg.extract.labels import GAZETTEER_LABEL
from kg.extract.nlp import shared_gazetteer
from kg.model import Certainty

__all__ = ["Attribution", "find_attributions", "titled_after_bracket"]

_CONTENT_DEPS = ("ccomp", "parataxis")
_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: What a subject becomes when the tagger reads the main verb as a noun: "The U.S. estimate".
_NOUN_SUBJECT_DEPS = frozenset({"nmod", "compound"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "advmod"})
_EDGE_WORDS = frozenset({"that", "whether", ",", ";", ":", ".", '"', "'", "-", "--", "and", "but"})
_EXPLETIVES = frozenset({"it", "there"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
#: Verbs that, governing a reporting verb, cancel it: "declined to confirm", "refused to deny".
_CANCELLING_VERBS = frozenset({"decline", "refuse", "fail", "avoid"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """One reporting event. Token spans ``(start, end)`` are end-exclusive indices into the Doc."""

    sentence: tuple[int, int]
    content: tuple[int, int]
    certainty: Certainty
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    source: tuple[int, int] | None = None
    source_head: int | None = None
    via: tuple[int, ...] = ()  # head tokens of intermediaries
    #: The content is an object, not a clause ("claimed responsibility for an attack that killed
    #: 100"): a figure in it belongs to a report around it, where there is one.
    object_only: bool = False


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in ``doc``, in text order of their cues."""
    found = []
    for sent in doc.sents:
        in_sentence = [
            a
            for token in sent
            if _may_cue(token)
            and (
                a := _according_to(token, sent)
                or _figure_setting(token, sent)
                or _nominal_report(token, sent)
                or _reporting_idiom(token, sent)
                or _reporting_verb(token, sent)
            )
            is not None
        ]
        found += _fold_inner_stances(_drop_inverted(_reported_according_to(in_sentence, doc), doc))
    return found


#: The lemmas the cues below are read at ("according" and "-ing" forms aside): a quick test that
#: spares the other words of a sentence five calls each.
_CUE_LEMMAS = frozenset(
    {*REPORTING_VERBS, *REPORTING_NOUNS, *FIGURE_SETTING_VERBS, *FIGURE_REVISING_VERBS, "put", "make"}
)


def _may_cue(token: Token) -> bool:
    """Whether any reader of :func:`find_attributions` could take ``token`` for a cue."""
    lower, lemma = token.lower_, token.lemma_.lower()
    return (
        lemma in _CUE_LEMMAS
        or _LEMMA_FIXES.get(lower, lemma) in _CUE_LEMMAS
        or lower == "according"
        or lower.endswith("ing")
    )


def _reported_according_to(attributions: list[Attribution], doc: Doc) -> list[Attribution]:
    """ "The ministry said 12 soldiers were killed, according to state media", "According to
    Reuters, the ministry said ...": the ministry's report, which "according to" passes on (a
    report of its own, as PolNeAR marks it, whose content is the ministry's); the report's
    intermediary is the source of "according to" (as in "as cited by"), and the report ends
    before it, so it is not taken for a misparse that swallows "according to"."""
    passed_on: dict[int, Attribution] = {}  # id of the report -> the "according to" passing it on
    for b in attributions:
        if b.cue_lemma != "according to" or b.cue is None or b.source_head is None:
            continue
        for a in attributions:
            if (
                a is not b
                and a.cue_lemma != "according to"
                and a.source is not None
                and a.cue is not None
                and b.content[0] <= a.source[0]
                and a.cue[1] <= b.content[1]
            ):
                passed_on.setdefault(id(a), b)
    kept = []
    for a in attributions:
        passer = passed_on.get(id(a))
        if passer is not None and passer.cue is not None and passer.source_head is not None:
            content = a.content
            if content[0] < passer.cue[0] < content[1]:
                content = _trim(doc, content[0], passer.cue[0]) or content
            a = replace(a, content=content, via=(*a.via, passer.source_head))
        kept.append(a)
    return kept


def _drop_inverted(attributions: list[Attribution], doc: Doc) -> list[Attribution]:
    """Drop an attribution whose content swallows a later source and cue.

    In '"...," calling them a burden, the agency added' the parser may hang "added" under an
    earlier verb as its complement; the sentence-final "the agency added" is the real report.
    A report with no source whose content holds another's source and cue is a misparse too
    ("X suggested that ...: Hold the bridge", "Hold" taken for a verb with X's report as object).
    A cue inside a quotation is words quoted ('Kyiv said Moscow keeps repeating "we warned you,
    they insisted"'), never the real report.
    """
    kept = []
    for a in attributions:
        swallowed = any(
            b is not a
            and b.cue is not None
            and b.source is not None
            and not _quoted(doc[b.cue[0]])
            and a.content[0] <= b.source[0]
            and b.cue[1] <= a.content[1]
            and a.cue is not None
            and (a.cue[0] < b.source[0] and b.content[1] <= min(b.source[0], b.cue[0]) or a.source is None)
            for b in attributions
        )
        if not swallowed:
            kept.append(a)
    return kept


def _fold_inner_stances(attributions: list[Attribution]) -> list[Attribution]:
    """Fold a stance reported inside another attribution into it: "The minister said he
    believes the bridge will hold" is the minister's one claim, as sure as the belief when the
    stance opens what was said; "believes" puts nothing forward of its own."""
    inner = [
        b for b in attributions if b.cue_lemma in INNER_STANCE_VERBS and _reported_inside(b, attributions)
    ]
    kept = []
    for a in attributions:
        if a in inner:
            continue
        opening = next((b for b in inner if b.source is not None and b.source[0] == a.content[0]), None)
        kept.append(a if opening is None else replace(a, certainty=opening.certainty))
    return kept


def _reported_inside(stance: Attribution, attributions: list[Attribution]) -> bool:
    """Whether ``stance``'s cue stands in the content of another attribution of the list."""
    cue = stance.cue
    return cue is not None and any(
        a is not stance and a.content[0] <= cue[0] < a.content[1] for a in attributions
    )


def _cue_lemma(token: Token) -> str | None:
    """The reporting lemma of ``token``; the tagger sometimes calls "saying" a noun, or a
    sentence's main verb ("The U.S. and Ukraine estimate there are ...") a noun with a clause."""
    lemma = _LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
    if token.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS:
        return lemma
    if lemma in REPORTING_VERBS and _misread_main_verb(token):
        return lemma
    if token.tag_ in ("VBG", "NN") and token.lower_.endswith("ing"):
        stem = token.lower_[:-3]
        for guess in (stem, stem + "e"):
            if guess in REPORTING_VERBS:
                return guess
    return None


#: Forms the model's lemmatiser gets wrong ("hopes" -> "hop").
_LEMMA_FIXES = {"hopes": "hope", "hoped": "hope"}


def _passive_opener(verb: Token) -> bool:
    """A past participle with no auxiliary or agent set before its clause ("Asked about X,",
    "Told of the attack,"): its subject heard the words, it did not say them."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and verb.i < verb.head.i
        and not any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children)
    )


def _done_by_a_person(verb: Token) -> bool:
    """Whether the verb's subject is a person: "he" or "she", a name the model tags PERSON, or
    one the shared gazetteer lists as a Person."""
    subject = _subject(verb)
    if subject is None:
        return False
    if subject.ent_type_ == GAZETTEER_LABEL:
        entry = shared_gazetteer().lookup(subject.text)
        return entry is not None and entry.cls == "Person"
    return subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")


def _has_auxiliary(verb: Token) -> bool:
    """ "has often cited X" (a report), not "as cited by X" (an intermediary)."""
    return any(c.dep_ == "aux" for c in verb.children)


def _misread_main_verb(token: Token) -> bool:
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "ROOT"
        and any(c.dep_ == "ccomp" for c in token.children)
        and any(c.dep_ in _NOUN_SUBJECT_DEPS and c.i < token.i for c in token.children)
    )


def _reporting_verb(token: Token, sent: Span) -> Attribution | None:
    lemma = _cue_lemma(token)
    if lemma is None:
        return None
    certainty = REPORTING_VERBS[lemma]
    if lemma in VERIFYING_VERBS and (_negated(token) or _unable(token)):
        return _could_not_verify(token, lemma, sent)
    if _negated(token):
        return None  # "has not confirmed that ...", "declined to deny ..." report nothing
    if _passive_opener(token):
        return None  # "Asked about the tax, Ortiz said ...": Ortiz was asked; "said" reports
    if _quoting_as_saying(token) is not None:
        return None  # "X quoted Y as saying ...": the report is Y's, read at "saying"
    if lemma == "cite" and token.tag_ == "VBG" and (reason := _cited_reason(token)) is not None:
        return _citing_reason(token, reason, sent)  # "..., citing a threat to public health"
    if lemma == "cite" and (token.tag_ == "VBG" or token.tag_ == "VBN" and not _has_auxiliary(token)):
        return None  # "..., X said, citing Y", "as cited by Y": Y is an intermediary (see _via)
    object_only = False
    content = _content(token, lemma, sent)
    speaker = _speaker_in_apposition(token, sent)
    if speaker is not None:  # the content runs up to the speaker the parser hung on it
        content = _trim(token.doc, content[0] if content else token.head.left_edge.i, speaker.left_edge.i)
    personal = lemma not in PERSONAL_STANCE_VERBS or _done_by_a_person(token)
    if lemma in ("decline", "refuse") and _refused_word(token):
        return None  # "declined to comment", "refused to confirm that ...": no statement
    if content is None and lemma in OBJECT_STATEMENT_VERBS and personal:
        content, object_only = _object_statement(token, lemma), True  # not "troops questioned them"
    if content is None:
        content = _as_report(token, lemma) or _beside(token, lemma, sent)
    if content is None or (
        lemma in QUOTE_ONLY_VERBS and not (_quote_against(token, content) or _that_clause(token))
    ):
        return None  # "continued to advance", "responded with artillery"; "replied that ..." reports
    content = _reopened_quote(token, content, sent)
    quoting = _quoting_verb(token)
    source_head = _quoted_object(quoting) if quoting is not None else speaker or _source_head(token)
    source: tuple[int, int] | None
    if source_head is not None and source_head.lower_ in _RELATIVE_PRONOUNS:
        if source_head.lower_ != "who" and token.head.pos_ != "PROPN":
            return None  # "..., which may indicate that ...": a thing, not a speaker
        pronoun, source_head = source_head, token.head  # "a sergeant who confirmed that ..."
        # PARC's source is the pronoun, its claimant the name it stands for; an unnamed one
        # ("a sergeant") keeps its words, which are all a reader gets of it
        named = source_head.pos_ == "PROPN"
        source = (pronoun.i, pronoun.i + 1) if named else _source_span(source_head, token)
    else:
        source = _source_span(source_head, token) if source_head is not None else None
    if source_head is None and (source_head := _noun_before(token)) is not None:
        source = (_name_span(source_head)[0], token.i)
    cue = _cue_words(token)
    if cue[0] <= content[0] < cue[1] < content[1]:
        content = (cue[1], content[1])  # "called for [a truce]": the preposition is the cue's
    return Attribution(
        sentence=(min(sent.start, content[0]), max(sent.end, content[1])),
        content=_with_antecedent(token, content),
        certainty=certainty,
        cue=cue,
        cue_lemma=lemma,
        source=source,
        source_head=source_head.i if source_head is not None else None,
        via=(*_via(token), *_quoting_subject(quoting)),
        object_only=object_only,
    )


def _refused_word(verb: Token) -> bool:
    """ "declined to comment", "refused to confirm": what was refused is a report, so nothing
    is put forward."""
    return any(
        c.dep_ == "xcomp" and (c.lemma_.lower() in REPORTING_VERBS or c.lemma_.lower() == "comment")
        for c in verb.children
    )


def _that_clause(verb: Token) -> bool:
    """ "replied that ...": a complement clause opened by "that"."""
    return any(c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.lefts) for c in verb.children)


#: Heads of what "citing" passes on as a source: speakers, documents, evidence, organs of state.
_CITED_SOURCES = (
    SPOKES_NOUNS | REPORT_NOUNS | STATEMENT_NOUNS | EVIDENCE_NOUNS | STATE_ORGAN_NOUNS | PERSON_SOURCE_NOUNS
)


def _cited_reason(citing: Token) -> Token | None:
    """The object of "citing" when it is a reason given, not a source passed on: "citing a
    threat to public health", not "citing officials", "citing the ministry" or "citing a report"."""
    cited = next((c for c in citing.children if c.dep_ == "dobj"), None)
    if cited is None or cited.ent_type_ or cited.pos_ == "PROPN":
        return None
    return None if cited.lemma_.lower() in _CITED_SOURCES else cited


def _citing_reason(citing: Token, reason: Token, sent: Span) -> Attribution | None:
    """ "The court blocked the sale, citing a threat to public health": the subject gives the
    reason (PolNeAR's cue "citing", its object the content)."""
    subject = _subject(citing)
    end = max(c.right_edge.i for c in citing.rights if c.dep_ not in _NOT_STATEMENT_DEPS) + 1
    content = _trim(sent.doc, reason.left_edge.i, end)  # "citing her work | after the floods"
    if subject is None or content is None:
        return None
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        certainty="Asserted",
        cue=_cue_words(citing),
        cue_lemma="cite",
        source=_source_span(subject, citing),
        source_head=subject.i,
    )


def _quoting_verb(saying: Token) -> Token | None:
    """The "quoted" or "cited" of "X quoted Y as saying ..." for its "saying"."""
    if saying.lemma_.lower() != "say" or saying.head.lower_ != "as":
        return None
    verb = saying.head.head
    return verb if verb.lemma_.lower() in QUOTING_VERBS and _quoted_object(verb) is not None else None


def _quoting_as_saying(verb: Token) -> Token | None:
    """The "saying" of "X quoted Y as saying ..." for its "quoted"."""
    if verb.lemma_.lower() not in QUOTING_VERBS:
        return None
    for prep in verb.children:
        if prep.lower_ == "as":
            saying = next((c for c in prep.children if c.lemma_.lower() == "say"), None)
            if saying is not None and _quoted_object(verb) is not None:
                return saying
    return None


def _quoted_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _quoting_subject(verb: Token | None) -> tuple[int, ...]:
    """Whoever quoted the source: an intermediary of the report."""
    subject = _subject(verb) if verb is not None else None
    return (subject.i,) if subject is not None else ()


def _unable(verb: Token) -> bool:
    """'was unable to confirm', 'was not able to verify'."""
    governor = verb.head
    return verb.dep_ == "xcomp" and (
        governor.lower_ == "unable" or (governor.lower_ == "able" and _negated(governor.head))
    )


def _could_not_verify(verb: Token, lemma: str, sent: Span) -> Attribution | None:
    """'The outlet could not independently verify the reports': a statement of its own, that
    what it names is unverified; its source is whoever could not verify."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    content = _trim(sent.doc, obj.left_edge.i, obj.right_edge.i + 1) if obj is not None else None
    if content is None:
        return None
    subject = _subject(verb)
    if subject is None and verb.dep_ == "xcomp" and verb.head.dep_ == "acomp":
        subject = _subject(verb.head.head)  # "X was unable to verify"
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        certainty="Unverified",
        cue=_cue_words(verb),
        cue_lemma=lemma,
        source=_source_span(subject, verb) if subject is not None else None,
        source_head=subject.i if subject is not None else None,
    )


def _according_to(token: Token, sent: Span) -> Attribution | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    head = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or head is None:
        return None
    phrase_end = max(t.i for t in head.subtree) + 1
    if token.i == sent.start or all(t.is_punct for t in sent.doc[sent.start : token.i]):
        phrase_end = _opening_source_end(head, phrase_end, sent)
        content = _trim(sent.doc, phrase_end, sent.end)
    else:
        content = _trim(sent.doc, sent.start, token.i)
    if content is None:
        return None
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        certainty="Asserted",
        cue=(token.i, to.i + 1),
        cue_lemma="according to",
        source=(min(t.i for t in head.subtree), phrase_end),
        source_head=head.i,
        via=tuple(_via(head)),
    )


def _opening_source_end(head: Token, end: int, sent: Span) -> int:
    """Where the source of an opening "According to X," ends: its phrase, or its first comma
    when the parser hung the rest of the sentence on it ("According to X, the offensive signals
    panic", "signals" read as a noun)."""
    if end < sent.end - 1:
        return end
    return next((t.i for t in sent.doc[head.i : end] if t.text == ","), end)


def _with_antecedent(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """'The contingent of 4,200, which officials say arrived in June': a content opened by the
    relative pronoun speaks of the noun the clause hangs on, so it starts with that phrase
    ("of" phrases climbed: "The contingent of 4,200", not "4,200")."""
    doc = verb.doc
    if verb.dep_ != "relcl" or doc[content[0]].lower_ not in _RELATIVE_PRONOUNS:
        return content
    antecedent = verb.head
    while (
        antecedent.dep_ == "pobj" and antecedent.head.lower_ == "of" and antecedent.head.head.pos_ in _NOUNS
    ):
        antecedent = antecedent.head.head
    return (min(antecedent.left_edge.i, content[0]), content[1])


def _nominal_report(token: Token, sent: Span) -> Attribution | None:
    """ "Moscow's claim that 300 soldiers were killed": a reporting noun with a possessor and a
    that-clause is the possessor's report, whatever the sentence says of it. The cue keeps the
    "'s", as PolNeAR marks it. (An about/of phrase, "X's views on Y", was tried: on PolNeAR dev
    the annotators leave it unmarked more often than not.)"""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma not in REPORTING_NOUNS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    clauses = (c for c in token.children if c.dep_ in ("acl", "ccomp"))
    clause = next((c for c in clauses if any(m.lower_ == "that" for m in c.lefts)), None)
    content = _trim(sent.doc, clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
    if content is None:
        return None
    start = next((c.i for c in owner.children if c.dep_ == "case"), token.i)
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        certainty=REPORTING_NOUNS[lemma],
        cue=(start, token.i + 1),
        cue_lemma=lemma,
        source=(owner.left_edge.i, start if start < token.i else owner.right_edge.i + 1),
        source_head=owner.i,
    )


def _reporting_idiom(token: Token, sent: Span) -> Attribution | None:
    """ "As the general put it, ...", "made clear that ...", "made the case for X", "made no
    secret of X", "expressed concern about X": a report made with a verb that says nothing on
    its own, or says only through its object."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in _IDIOMS or _negated(token):
        return None
    subject = _subject(token)
    found = _IDIOMS[lemma](token)
    if subject is None or found is None:
        return None
    content, cue_end = found
    start, end = _cue_words(token)
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        certainty="Asserted",
        cue=(start, max(end, cue_end)),
        cue_lemma=lemma,
        source=_source_span(subject, token),
        source_head=subject.i,
    )


def _expressed_about(verb: Token) -> tuple[tuple[int, int], int] | None:
    """ "expressed (deep) concern about X", "expressed outrage over X": what the feeling is
    about is the content; the cue runs to the preposition."""
    for feeling in (c for c in verb.children if c.dep_ == "dobj"):
        after = [c for c in verb.children if c.i == feeling.right_edge.i + 1]  # "alarm | at"
        preps = (c for c in (*feeling.children, *after) if c.dep_ == "prep" and c.lower_ in _ABOUT_WORDS)
        prep = next(preps, None)
        if prep is not None and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
            content = _trim(verb.doc, prep.i + 1, prep.right_edge.i + 1)
            return (content, prep.i + 1) if content is not None else None
    return None


#: Prepositions that say what a feeling expressed is about.
_ABOUT_WORDS = frozenset({"about", "over", "at", "regarding"})


def _as_put_it(verb: Token) -> tuple[tuple[int, int], int] | None:
    """ "As one officer put it, the town is a fortress": the content is the clause the as-clause
    hangs on, on either side of it; the cue runs to the "it"."""
    it = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if it is None or not marked or verb.dep_ != "advcl":
        return None
    clause, doc = verb.head, verb.doc
    if verb.i < clause.i:
        content = _trim(doc, verb.right_edge.i + 1, clause.right_edge.i + 1)
    else:
        content = _trim(doc, clause.left_edge.i, verb.left_edge.i)
    return (content, it.i + 1) if content is not None else None


def _made_plain(verb: Token) -> tuple[tuple[int, int], int] | None:
    """ "made (it) clear (that) ...", "made the case for / that ...", "made no secret of ...": the
    clause or the object of the preposition; the cue runs to the adjective or preposition."""
    doc = verb.doc
    for word in verb.children:
        if word.lower_ == "clear" and word.dep_ in ("ccomp", "acomp", "oprd"):
            clauses = [c for c in (*verb.children, *word.children) if c.dep_ in ("ccomp", "advcl")]
            clause = next((c for c in clauses if c.i > word.i), None)
            content = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1) if clause else None
            return (content, word.i + 1) if content is not None else None
        if word.dep_ == "dobj" and word.lemma_.lower() in REPORTING_MAKE_OBJECTS:
            after = [c for c in verb.children if c.i == word.right_edge.i + 1]  # "made the case | for"
            for part in (*word.children, *after):
                if part.dep_ == "acl" and any(m.lower_ == "that" for m in part.children):
                    content = _trim(doc, part.left_edge.i, part.right_edge.i + 1)
                    return (content, word.i + 1) if content is not None else None
                if part.dep_ == "prep" and part.lower_ in ("for", "of", "against", "about"):
                    content = _trim(doc, part.i + 1, part.right_edge.i + 1)
                    return (content, part.i + 1) if content is not None else None
    return None


#: Verbs whose report is an idiom, with the reader of each: content and where the cue ends.
_IDIOMS: dict[str, Callable[[Token], tuple[tuple[int, int], int] | None]] = {
    "put": _as_put_it,
    "make": _made_plain,
    "express": _expressed_about,
}


def _figure_setting(token: Token, sent: Span) -> Attribution | None:
    """'Monitors put the death toll at 1,040', 'the monitor raised the toll to 70': the object
    and its figure are the content."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if lemma in FIGURE_SETTING_VERBS:
        word, certainty = "at", FIGURE_SETTING_VERBS[lemma]
    elif lemma in FIGURE_REVISING_VERBS:
        word, certainty = "to", FIGURE_REVISING_VERBS[lemma]
    else:
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    at = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == word), None)
    if obj is None or at is None or at.i != obj.right_edge.i + 1:
        return None  # "put pressure on the town at 5 a.m.": "at" does not set the object
    if word == "to" and obj.lemma_.lower() not in TALLY_NOUNS:
        return None  # "raised the alert to red", "raised prices to 5 dollars"
    if not any(c.dep_ == "pobj" and c.like_num for c in at.children):
        return None
    content = _trim(sent.doc, min(obj.left_edge.i, at.i), _figure_list_end(token, at))
    if content is None:
        return None
    source_head = _source_head(token)
    return Attribution(
        sentence=(sent.start, sent.end),
        content=content,
        certainty=certainty,
        cue=(token.i, token.i + 1),
        cue_lemma=lemma,
        source=_source_span(source_head, token) if source_head is not None else None,
        source_head=source_head.i if source_head is not None else None,
        via=tuple(_via(token)),
    )


def _source_head(verb: Token) -> Token | None:
    """Who speaks: the subject; in the passive only the agent ("was told by X")."""
    if _misread_main_verb(verb):
        return next(c for c in verb.children if c.dep_ in _NOUN_SUBJECT_DEPS and c.i < verb.i)
    subject = _with_subject(verb) or _subject(verb)
    if subject is None:
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.head.dep_ in ("ROOT", *_SUBJECT_DEPS)):
            return verb.head  # "a sergeant who confirmed ..."; a subject the parser left as root
        return None
    if subject.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return subject


#: Finite verb tags: a subjectless participle or infinitive takes no source from the word before.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _noun_before(verb: Token) -> Token | None:
    """A subject the parser hung elsewhere: the noun right before a finite cue that has none,
    as in "the $20 million experts say it costs" (a relative clause without its pronoun) or
    "in a meeting with the board Smith said that ..."; of nouns joined to one before them ("In
    the siege of Kherson, Moscow and Minsk claim ..."), the first of the coordination."""
    if verb.tag_ not in _FINITE_TAGS or verb.i == 0 or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in _NOUNS or before.dep_ not in ("pobj", "dobj", "compound", "appos", "conj"):
        return None
    while before.dep_ == "conj" and before.head.dep_ == "conj":
        before = before.head
    return before if not before.is_ancestor(verb) else None


#: Entity types of a speaker's name: a person, an organisation, a name of the gazetteer.
_SPEAKER_TYPES = frozenset({"PERSON", "ORG", GAZETTEER_LABEL})


def _speaker_in_apposition(verb: Token, sent: Span) -> Token | None:
    """'Women were among the dead in Tawila, Fatima Idris, the health minister, said': a name
    the parser hung on the last noun of the content (in apposition, or joined by a comma alone),
    set off by commas right up to a cue that has no subject of its own (left as the root, or
    joined to the content's verb), is the speaker; of the phrases so hung, the first that is a
    name or has one in apposition ("the regional governor, Petro Kovalenko"; not "the capital of
    Kassala State", which only holds one)."""
    doc = verb.doc
    if (
        verb.tag_ not in _FINITE_TAGS
        or verb.i < 2
        or doc[verb.i - 1].text != ","
        or any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
        or not (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.i < verb.i))
    ):
        return None
    for token in doc[sent.start : verb.i - 1]:
        if (
            token.dep_ in ("appos", "conj")
            and token.head.i < token.i
            and token.right_edge.i in (verb.i - 2, verb.i - 1)  # the comma, or the word before it
            and doc[token.left_edge.i - 1].text == ","
            and any(t.ent_type_ in _SPEAKER_TYPES for t in (token, *_appositions(token)))
        ):
            return token
    return None


def _appositions(token: Token) -> Iterator[Token]:
    return (c for c in token.children if c.dep_ == "appos")


def _name_span(noun: Token) -> tuple[int, int]:
    """The noun with the nouns compounded before it, no determiner or number."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].pos_ in _NOUNS:
        start -= 1
    return (start, noun.i + 1)


def _with_subject(verb: Token) -> Token | None:
    """'..., with the militia earlier saying ...': the participle's subject is the object of the
    "with" before it, which the parser hangs beside it on the same verb."""
    if verb.tag_ != "VBG" or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.lower_ == "with":
        return verb.head  # the parser's other reading: the participle hangs on the noun
    for sibling in verb.head.children:
        if sibling.dep_ == "prep" and sibling.lower_ == "with" and sibling.i < verb.i:
            noun = next((c for c in sibling.children if c.dep_ == "pobj"), None)
            between = verb.doc[noun.right_edge.i + 1 : verb.i] if noun is not None else None
            if between is not None and all(t.pos_ in ("ADV", "NOUN", "DET", "PROPN") for t in between):
                return noun
    # the "with" hung elsewhere ("some 400 wounded ..., with the militia earlier saying"): its
    # object right before the participle, adverbs aside
    before = verb.i - 1
    while before > 0 and verb.doc[before].pos_ == "ADV":
        before -= 1
    last = verb.doc[before]
    noun = next((t for t in (last, *last.ancestors) if t.dep_ == "pobj" and t.head.lower_ == "with"), None)
    return noun if noun is not None and noun.right_edge.i == before else None


def _negated(token: Token) -> bool:
    """Whether the report is negated or cancelled; a "not" set off from the verb by punctuation
    is part of a quotation the parser hung on it ('"Probably not," she said')."""
    doc = token.doc
    if any(c.dep_ == "neg" and not any(t.is_punct for t in doc[c.i : token.i]) for c in token.children):
        return True
    if token.dep_ in ("xcomp", "conj") and token.head.lemma_.lower() in _CANCELLING_VERBS:
        return True
    if (
        token.dep_ == "conj"
        and token.head.dep_ == "xcomp"
        and token.head.head.lemma_.lower() in _CANCELLING_VERBS
    ):
        return True
    subject = _subject(token)
    return subject is not None and any(c.lower_ == "neither" for c in subject.children)


#: Dependents right before a reporting verb, or before an adverb of its cue, that belong to its
#: cue ("has said", "did not deny", "also noted", "has repeatedly warned", "once again noted").
_CUE_BEFORE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: The most words a phrase of when or where may add to a cue ("at a rally in Ohio on Friday").
_OCCASION_WORDS = 7


def _cue_words(verb: Token) -> tuple[int, int]:
    """The cue as PARC and PolNeAR mark it: the verb with the auxiliaries, negation and adverbs
    right before it, from the verb it is the infinitive of ("appeared to suggest") or that
    issued the statement it hangs on ("issued a statement saying"), then when and where it was
    said right after ("said Monday", "said in an interview"), else the particle of a phrasal
    verb ("called for", "pointed out"; not the "of" of "said of the plan")."""
    doc = verb.doc
    start = verb.i
    while (
        start > verb.sent.start
        and (doc[start - 1].head == verb or doc[start - 1].head.i in range(start, verb.i))
        and doc[start - 1].dep_ in _CUE_BEFORE_DEPS
        and (doc[start - 1].dep_ != "advmod" or doc[start - 1].pos_ == "ADV")
    ):
        start -= 1
    governor = _governor(verb, start) or _issuer(verb) or _governor_through_of(verb)
    if governor is not None:
        start = _cue_words(governor)[0]
    end = verb.i + 1
    for child in verb.rights:
        if child.left_edge.i != end or not _occasion(child):
            break
        end = child.right_edge.i + 1
    after = doc[end] if end == verb.i + 1 and end < verb.sent.end else None
    if (
        after is not None
        and after.head == verb
        and after.dep_ in ("prep", "prt")
        and after.lower_ in _CUE_PARTICLES
        and after.lower_ not in HEARER_PREPOSITIONS.get(verb.lemma_.lower(), ())
    ):
        end += 1
    return start, end


def _governor(verb: Token, start: int) -> Token | None:
    """The verb whose infinitive or gerund the cue verb is, when only its adverbs, particle or
    occasion stand between them ("could not stop pointing out", "attempted on Friday to
    explain", "appeared to suggest"): PolNeAR's cue starts there. Not past an object or a place
    ("took to Telegram to accuse")."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.pos_ not in ("VERB", "AUX") or head.i > verb.i:
        return None
    allowed = {
        t.i
        for c in head.children
        if c.i > head.i and (c.dep_ in ("advmod", "neg", "prt") or _occasion(c))
        for t in c.subtree
    }
    return head if all(i in allowed for i in range(head.i + 1, start)) else None


def _governor_through_of(verb: Token) -> Token | None:
    """The verb of a phrase that a gerund after "of" completes ("stopped short of blaming", "had
    no way of knowing", "is steering clear of criticizing"): PolNeAR's cue starts there."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.lower_ != "of":
        return None
    word = verb.head.head
    while word.pos_ not in ("VERB", "AUX") and word.dep_ in ("advmod", "acomp", "dobj", "oprd", "npadvmod"):
        word = word.head
    if (
        word.pos_ not in ("VERB", "AUX")
        or word.i > verb.i
        or any(t.is_punct for t in verb.doc[word.i : verb.i])
    ):
        return None
    return word


def _issuer(verb: Token) -> Token | None:
    """ "issued a statement saying", "sent a message calling": the verb that put out the
    statement the participle hangs on, with no comma between (PolNeAR's cue starts there; not
    for other things put out, "released a video saying")."""
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or verb.head.dep_ != "dobj":
        return None
    if verb.head.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    issuing = verb.head.head
    if issuing.pos_ != "VERB" or any(t.is_punct for t in verb.doc[issuing.i : verb.i]):
        return None
    return issuing


#: Prepositions and particles PolNeAR counts in a phrasal cue ("called for", "pointed to",
#: "agreed with", "spoke about", "talked of").
_CUE_PARTICLES = frozenset({"for", "on", "out", "to", "with", "about", "of"})


def _occasion(word: Token) -> bool:
    """Whether a dependent right after a reporting verb says when or where it was said:
    "Monday", "this week", "then", "in an interview", "at a rally on Tuesday"; a month or year
    ("in June") dates more than the words, and is left out."""
    if word.dep_ in ("npadvmod", "tmod"):
        return word.ent_type_ in _TIME_ENTITIES
    if word.dep_ == "advmod":
        return word.lower_ in OCCASION_ADVERBS
    if word.dep_ != "prep" or word.lower_ not in ("in", "at", "during", "on"):
        return False
    if len(list(word.subtree)) > _OCCASION_WORDS or any(t.pos_ == "VERB" for t in word.subtree):
        return False  # "at a conference announcing that ...": the content may start there
    objects = [c for c in word.children if c.dep_ == "pobj"]
    if word.lower_ == "in":  # "in an interview", not "in June" (PolNeAR dev marks none of 4)
        return any(o.lemma_.lower() in OCCASION_NOUNS for o in objects)
    return any(o.ent_type_ in _TIME_ENTITIES or o.lemma_.lower() in OCCASION_NOUNS for o in objects)


def _content(verb: Token, lemma: str, sent: Span) -> tuple[int, int] | None:
    """The claimed content the verb governs: a clausal complement, an object with a clause, a
    that-clause after it."""
    doc = sent.doc
    for dep in _CONTENT_DEPS:
        for child in verb.children:
            if child.dep_ == dep and not _semicolon_between(child, verb):
                last = _last_clause_beside(verb, child)
                end = _clause_end(verb, last)
                start = child.left_edge.i
                stops = (t.i for t in doc[start:end] if t.text == ";" and t.head == child and not _quoted(t))
                return _trim(doc, start, next(stops, end))  # not past "; they only learned ..."
    for child in verb.children:
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > verb.i:
            # "suggested looking at ..."; "declared two days of mourning starting on Friday":
            # an object before the participle opens the content
            objects = [c.left_edge.i for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i]
            return _trim(doc, min([child.left_edge.i, *objects]), child.right_edge.i + 1)
        if child.dep_ == "advcl" and child.i > verb.i and lemma in _SAYING and _unmarked_clause(child):
            return _trim(doc, child.left_edge.i, child.right_edge.i + 1)  # "said after the vote he ..."
    if lemma == "call" and (called := _called_as(verb)) is not None:
        return called
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        if any(c.dep_ in _CLAUSE_DEPS for c in child.children):
            return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
        as_phrase = next((t for t in verb.subtree if t.lower_ == "as" and t.i > child.i), None)
        if lemma == "describe" and as_phrase is not None:
            return _trim(doc, child.left_edge.i, as_phrase.right_edge.i + 1)  # "described X as Y"
        if lemma in FIGURE_OBJECT_VERBS and any(t.like_num for t in (child, *child.children)):
            return _trim(doc, child.left_edge.i, _figure_list_end(verb, child))  # "documented 4,000 deaths"
        if lemma in EVIDENCE_VERBS and _evidence(_subject(verb)):
            after = [c for c in verb.rights if c.dep_ not in _NOT_STATEMENT_DEPS]
            return _trim(doc, child.left_edge.i, max(c.right_edge.i for c in after) + 1)
    return _that_clause_after(verb) or _statement_clause(verb) or _clause_past_participle(verb)


def _clause_past_participle(verb: Token) -> tuple[int, int] | None:
    """ "Monitors estimated over 9,400 fighters had entered Iraq", where the parser makes the
    cue a participle of its subject ("monitors estimated ...") and the content's subject its
    object, or a second subject of the main verb: the content runs from there through the main
    verb's clause."""
    subject, doc = verb.head, verb.doc
    main = subject.head
    if verb.dep_ != "acl" or subject.dep_ not in ("nsubj", "nsubjpass") or main.i < verb.i:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # or a second subject of the main verb
    objects += [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i]
    obj = objects[0] if objects else None
    if obj is None or obj.right_edge.i >= main.i or main.pos_ not in ("VERB", "AUX"):
        return None
    return _trim(doc, obj.left_edge.i, main.right_edge.i + 1)


def _figure_list_end(verb: Token, obj: Token) -> int:
    """Where a verb's figure object ends with the figures listed after it, which the parser
    hangs on the verb as clauses of their own: "reported three dead, five wounded and ..."."""
    end = obj.right_edge.i + 1
    for sibling in verb.rights:
        if sibling.i <= obj.i or sibling.left_edge.i > end + 1:
            continue
        counted = any(t.like_num for t in sibling.subtree) or sibling.lower_ in CASUALTY_ADJECTIVES
        if sibling.left_edge.like_num or (sibling.dep_ in ("prep", "conj") and counted):
            end = max(end, sibling.right_edge.i + 1)  # "put the dead at 45 and the wounded at 130"
    return end


def _quoted(token: Token) -> bool:
    """Whether ``token`` stands inside a quotation of its sentence."""
    return sum(t.text in _QUOTE_MARKS for t in token.doc[token.sent.start : token.i]) % 2 == 1


def _semicolon_between(clause: Token, verb: Token) -> bool:
    """Whether a semicolon parts a clause before the verb from it ("A was shut; they learned
    ..."): the clause stands on its own, and is not what the verb reports."""
    return clause.i < verb.i and any(t.text == ";" for t in verb.doc[clause.right_edge.i + 1 : verb.i])


#: Verbs whose clause the parser may hang as an adverbial clause when a phrase comes between.
_SAYING = frozenset({"say", "tell", "add", "write", "claim", "insist", "warn"})


def _unmarked_clause(clause: Token) -> bool:
    """A finite clause with a subject and no conjunction of its own ("he would not accept"), not
    "when he was asked" or "smiling"."""
    return any(c.dep_ in _SUBJECT_DEPS for c in clause.children) and not any(
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in clause.children
    )


def _evidence(subject: Token | None) -> bool:
    """ "The poll", "satellite images", "a 2019 audit": a thing that shows what it records."""
    return subject is not None and subject.lemma_.lower() in EVIDENCE_NOUNS


def _last_clause_beside(verb: Token, clause: Token) -> Token:
    """The last of the verb's complements on the same side as ``clause``: in '"It feels like,
    'Meh, we can wait,'" he said' the parser splits one quotation into two complements."""
    same_side = [
        c for c in verb.children if c.dep_ in _CONTENT_DEPS and (c.i < verb.i) == (clause.i < verb.i)
    ]
    return max(same_side, key=lambda c: c.i)


def _clause_end(verb: Token, clause: Token) -> int:
    """Where the content ends: its clause, what follows a colon closing it, and a gapped clause
    the parser hung on the reporting verb ("said 8 were killed and 19 others injured", with
    "injured", or "others", hung on "said"); not a clause of its own ("..., and officials gave
    details")."""
    end = clause.right_edge.i + 1
    doc = verb.doc
    if end < len(doc) and doc[end].text == ":" and verb.head.i > end and clause.i > verb.i:
        # "noted that three things had changed: A, B and C": the parser makes the report a
        # clause of what follows the colon, which is the rest of what was said
        return verb.sent.end
    for conj in verb.children:
        if conj.i < end:
            continue
        passive = (
            conj.dep_ == "conj"
            and conj.tag_ == "VBN"
            and any(c.dep_ in _SUBJECT_DEPS for c in conj.children)
            and not any(c.dep_ in ("aux", "auxpass") for c in conj.children)
        )
        noun = (  # "... killed and 19 others injured" with "others" the cue's own
            conj.dep_ in ("conj", "dobj")
            and conj.pos_ not in ("VERB", "AUX")
            and conj.left_edge.i == end
            and doc[end - 1].dep_ == "cc"
        )
        if passive or noun:
            end = conj.right_edge.i + 1
    return end


def _statement_clause(verb: Token) -> tuple[int, int] | None:
    """'X said in a statement that ...', where the parser hung the that-clause on "statement":
    the clause is what was said, to the end of the verb's phrase ("... and 25 others were injured")."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in STATEMENT_NOUNS:
                continue
            for clause in noun.children:
                if clause.dep_ in _CLAUSE_DEPS and any(m.lower_ == "that" for m in clause.lefts):
                    start = next(m.i for m in clause.lefts if m.lower_ == "that")
                    return _trim(verb.doc, start, max(clause.right_edge.i, verb.right_edge.i) + 1)
    return None


def _called_as(verb: Token) -> tuple[int, int] | None:
    """'called the plan a failure', 'called the ruling "outrageous"': the object and what it is
    called, and no further (not ", citing ..."); the parser may hang the object under the
    predicate ("called [the shelling] a crime")."""
    predicate = next((c for c in verb.children if c.dep_ == "oprd"), None)
    if predicate is None:
        return _named_in_apposition(verb)
    named = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if named is None and not any(c.dep_ in ("dobj", "nsubj") for c in predicate.children):
        return None
    parts = [predicate] if named is None else [named, predicate]
    return _trim(verb.doc, min(p.left_edge.i for p in parts), max(p.right_edge.i for p in parts) + 1)


def _named_in_apposition(verb: Token) -> tuple[int, int] | None:
    """'called the shelling a war crime', parsed as an object with "a war crime" in apposition:
    an indefinite noun straight after the object, no comma between ("called his envoy, a
    former general," names no one anything)."""
    named = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if named is None:
        return None
    for appos in named.children:
        opening = appos.left_edge
        if (
            appos.dep_ == "appos"
            and opening.lower_ in ("a", "an")
            and opening.i > 0
            and not verb.doc[opening.i - 1].is_punct
        ):
            return _trim(verb.doc, named.left_edge.i, appos.right_edge.i + 1)
    return None


#: Verbs that say something of the clause an as-clause of theirs hangs on ("as officials have
#: said", "as analysts have pointed out"); "as he spoke", "as they wrote to each other" only tell
#: when.
_AS_REPORTING = frozenset(
    """
    say report note predict claim state announce confirm suggest warn write acknowledge estimate
    point
    """.split()
)

#: Dependents by which a verb in an as-clause says something of its own.
_OWN_OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp"})


def _as_report(verb: Token, lemma: str) -> tuple[int, int] | None:
    """ "..., as officials have said", "As the ministry reported on Monday, ...": a report made
    in an as-clause, with nothing it governs, puts forward the clause it hangs on."""
    if verb.dep_ != "advcl" or lemma not in _AS_REPORTING:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None  # "as reported", "as expected": no one is named
    if any(c.dep_ in _OWN_OBJECT_DEPS for c in verb.children):
        return None  # "..., as state media reported further strikes": a report of its own
    head, doc = verb.head, verb.doc
    if head.pos_ not in ("VERB", "AUX"):
        return None  # hung on a noun ("The bridge, as X noted, had ..."): no one clause to take
    if verb.i > head.i:
        return _trim(doc, head.left_edge.i, verb.left_edge.i)
    return _trim(doc, verb.right_edge.i + 1, head.right_edge.i + 1)


def _beside(verb: Token, lemma: str, sent: Span) -> tuple[int, int] | None:
    """Content the verb does not govern: the clause before a parenthetical cue ("..., X said")
    or a quote beside it; not for verbs that need a clause of their own."""
    if lemma in CLAUSE_ONLY_VERBS or _inside_report(verb, sent):
        return None
    return (
        _quote_after(verb, sent)
        or _before_parenthetical(verb, sent)
        or _question_before(verb, sent)
        or _quote_beside(verb, sent)
        or _after_colon(verb, sent)
    )


def _inside_report(verb: Token, sent: Span) -> bool:
    """Whether the verb is in a quotation another cue reports ('"A," X said, "I wrote B."':
    "wrote" is X's words), so that a quote beside it is not its content; a cue outside quotes
    that the parser hung under another (", officials said, Reuters reports") is a cue."""
    marks = sum(t.text in _QUOTE_MARKS for t in sent.doc[sent.start : verb.i])
    return marks % 2 == 1 and any(
        verb in clause.subtree
        for cue in verb.ancestors
        if _cue_lemma(cue) is not None
        for clause in cue.children
        if clause.dep_ in _CONTENT_DEPS
    )


def _quote_after(verb: Token, sent: Span) -> tuple[int, int] | None:
    """'..., she said, adding, "B."': a quotation that opens right after the cue words, with
    only a comma or colon between, to its closing mark or the sentence's end."""
    doc = sent.doc
    if verb.dep_ == "parataxis":
        return None  # 'It was, the president said, "a stone ..."': set inside its clause
    i = _cue_words(verb)[1]
    while i < sent.end and doc[i].text in (",", ":"):
        i += 1
    if i >= sent.end or doc[i].text not in _QUOTE_MARKS:
        return None
    close = next((t.i for t in doc[i + 1 : sent.end] if t.text in _QUOTE_MARKS), sent.end)
    return _trim(doc, i + 1, close)


def _after_colon(verb: Token, sent: Span) -> tuple[int, int] | None:
    """'The governor added:' closing its sentence: what was said is the next paragraph, or
    the rest of this one."""
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    if len(words) < 2 or words[-1].text != ":" or words[-2].i != _cue_words(verb)[1] - 1:
        return None
    start = words[-1].i + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return _trim(doc, start, end)


#: Dependents after a verb that are not part of what it puts forward.
_NOT_STATEMENT_DEPS = frozenset({"punct", "cc", "conj", "advcl", "npadvmod", "advmod", "parataxis"})


def _object_statement(verb: Token, lemma: str) -> tuple[int, int] | None:
    """What a verb of :data:`OBJECT_STATEMENT_VERBS` puts forward: its object and what follows
    ("urged both sides to stop the shelling"), when the words it needs are there."""
    needs = OBJECT_STATEMENT_VERBS[lemma]
    if needs is None and (subject := _passive_subject(verb)) is not None:
        return _trim(verb.doc, subject.left_edge.i, subject.right_edge.i + 1)
    after = [c for c in verb.rights if c.dep_ not in _NOT_STATEMENT_DEPS and not _occasion(c)]
    if lemma == "call" and not after:
        # "called for the militias to disarm", parsed as a clause marked by "for"
        after = [c for c in verb.rights if c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.lefts)]
        if after:
            return _trim(verb.doc, after[0].left_edge.i, after[0].right_edge.i + 1)
    if not after:
        return None
    if needs is not None:
        if lemma == "call":  # "called for X", "called on X to ...": the preposition right after
            first = after[0]
            if not (first.dep_ in ("prep", "prt") and first.lower_ in needs):
                return None
            if first.lower_ == "on" and not any(c.dep_ == "xcomp" for c in verb.children):
                return None  # "called on Monday": a date, not an appeal
        elif not any(t.lower_ in needs for c in after for t in c.subtree):
            return None
    end = max(c.right_edge.i for c in after) + 1
    for clause in (t for c in after for t in c.subtree):
        if clause.dep_ == "relcl" and verb.doc[clause.left_edge.i - 1].text == ",":
            end = min(end, clause.left_edge.i - 1)  # "likened RT to the BBC, which ...": an aside
    first = after[0]
    start = first.i + 1 if first.dep_ == "prt" else first.left_edge.i  # "pointed out": the cue's
    return _trim(verb.doc, start, end)


def _passive_subject(verb: Token) -> Token | None:
    """The subject of a passive with its agent named ("The truce was rejected by the rebels"):
    what the agent puts forward, as the object is in the active."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _that_clause_after(verb: Token) -> tuple[int, int] | None:
    """'X posted on his account that ...' where the parser hung the clause elsewhere: a "that"
    right after the verb's phrase opens the content."""
    doc = verb.doc
    after = verb.right_edge.i + 1
    if after >= len(doc) or doc[after].lower_ != "that" or doc[after].dep_ != "mark":
        return None
    clause = doc[after].head
    if clause.i <= after or clause.is_ancestor(verb):
        return None
    return _trim(doc, after, clause.right_edge.i + 1)


def _before_parenthetical(verb: Token, sent: Span) -> tuple[int, int] | None:
    """'..., the agency added.' / '..., said the NIS.' / '"...?" she asked.': the content is all
    before the comma (or question or exclamation mark);
    'The bridge, the governor said, would reopen': a cue set inside its clause has it all."""
    doc = sent.doc
    subject = _subject(verb)
    if subject is None:
        return None  # "troops, believed to be deployed": a hedge, not a report
    before = min(verb.i, subject.left_edge.i) - 1
    if verb.dep_ == "parataxis" and subject.head == verb:
        if doc[before].text == "," and (rest := _after_cue_clause(verb, subject, sent)):
            return _trim(doc, sent.start, rest)  # "It was, the president said, a stone ..."
        if verb.head.i > verb.i:
            return _trim(doc, verb.head.left_edge.i, verb.head.right_edge.i + 1)
    while before > sent.start and doc[before].text in ('"', "'"):
        before -= 1
    if before <= sent.start or doc[before].text not in (",", "?", "!"):
        return None
    quoted = doc[before + 1].text in _QUOTE_MARKS  # a quotation is what was said, never when
    if not quoted and _adverbial(doc[sent.start : before], verb):
        return None  # "In an essay last week, the minister acknowledged ...": when, not what
    if _unfinished(doc[sent.start : before]) and (rest := _after_cue_clause(verb, subject, sent)):
        return _trim(doc, sent.start, rest)  # "Acts of protest, he said, are acts of patriotism."
    return _trim(doc, sent.start, before)


#: Words that open a clause that cannot stand alone ("Though the road was shut, he said, ...").
_SUBORDINATORS = frozenset("though although while when if because since unless whereas so".split())


def _unfinished(phrase: Span) -> bool:
    """Whether a phrase before a cue needs what follows the cue: it has no verb, or it opens
    with a subordinating word."""
    words = [t for t in phrase if not t.is_punct]
    if not words:
        return False
    return words[0].lower_ in _SUBORDINATORS or not any(t.pos_ in ("VERB", "AUX") for t in words)


#: Words after a cue verb that belong to its clause: "he told me on Friday", "she said later".
_CUE_CLAUSE_DEPS = frozenset({"npadvmod", "prep", "advmod", "dobj", "dative"})


def _after_cue_clause(verb: Token, subject: Token, sent: Span) -> int | None:
    """The end of the sentence when the cue clause is set off by commas with more of the
    sentence after it; None when the sentence ends with the cue."""
    doc = sent.doc
    end = max(verb.i, subject.right_edge.i) + 1
    while end < sent.end and doc[end].head == verb and doc[end].dep_ in _CUE_CLAUSE_DEPS:
        end = doc[end].right_edge.i + 1
    if end >= sent.end - 1 or doc[end].text != ",":
        return None
    rest = [t for t in doc[end + 1 : sent.end] if not t.is_punct]
    return sent.end if len(rest) >= 2 else None


def _question_before(verb: Token, sent: Span) -> tuple[int, int] | None:
    """'"Is the corridor open?" the envoy asked.': the parser ends a sentence at the question
    or exclamation mark, so the quotation that the cue's sentence opens after is the content."""
    doc = sent.doc
    opening = next((t for t in sent if not t.is_punct), None)
    subject = _subject(verb)
    if opening is None or opening not in (verb, *(subject.subtree if subject is not None else ())):
        return None
    last = sent.start - 1
    while last > 0 and doc[last].text in _QUOTE_MARKS:
        last -= 1
    if last <= 0 or doc[last].text not in ("?", "!"):
        return None
    quoted = doc[last].sent
    if quoted[0].text not in _QUOTE_MARKS:
        return None
    return _trim(doc, quoted.start, last)


#: Dependents of a verb that say when, where or how, not what.
_ADVERBIAL_DEPS = frozenset({"prep", "advcl", "advmod", "npadvmod", "intj"})


def _adverbial(phrase: Span, verb: Token) -> bool:
    """Whether every part of ``phrase`` hangs on ``verb`` as an adverbial."""
    roots = [t for t in phrase if not t.is_punct and not (phrase.start <= t.head.i < phrase.end)]
    return bool(roots) and all(t.head == verb and t.dep_ in _ADVERBIAL_DEPS for t in roots)


#: Quotation marks as the tokenizer leaves them; an opening one is tagged ``.
_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})
#: How many words a cue clause between two pieces of one quotation may have ("said Ivan Petrov").
_CUE_CLAUSE_WORDS = 10


def _reopened_quote(verb: Token, content: tuple[int, int], sent: Span) -> tuple[int, int]:
    """'"A," the mayor said, "and B."': a quotation broken by its cue is one content from the
    first piece to the last, whichever piece the parser gave the verb (PolNeAR marks both
    pieces, the cue between)."""
    doc = sent.doc
    marks = [t.i for t in sent if t.text in _QUOTE_MARKS]
    before = [m for m in marks if m < verb.i]
    after = [m for m in marks if m > verb.i]
    if len(before) < 2 or len(before) % 2 or not after:
        return content  # no closed quotation before the cue, or the cue is inside one
    if verb.i - before[-1] > _CUE_CLAUSE_WORDS or after[0] - verb.i > _CUE_CLAUSE_WORDS:
        return content
    if doc[after[0] - 1].text != ",":
        return content  # '"A," he said. "B."' is two sentences' business (quotes.py)
    if any(_cue_lemma(t) for t in doc[before[-1] : after[0]] if t != verb):
        return content  # '"A," she said, adding, "B."': A is "said"'s, B "adding"'s
    first, last = before[-2], after[1] if len(after) > 1 else sent.end
    if not (first < content[1] and content[0] < last):
        return content
    return _trim(doc, first + 1, last) or content


def _quote_against(verb: Token, content: tuple[int, int]) -> bool:
    """Whether the content is a quotation with nothing but its speaker and punctuation between
    it and the verb: '"...," she continued', 'he replied: "..."'; not 'shelling continued near
    the "..."', where the quotation is no speech of the verb's subject."""
    doc = verb.doc
    start, end = content
    if not any(t.text in _QUOTE_MARKS for t in (*doc[max(start - 2, 0) : start], *doc[end : end + 2])):
        return False
    subject = _subject(verb)
    speaker = {t.i for t in subject.subtree} if subject is not None else set()
    between = doc[end : verb.i] if end <= verb.i else doc[verb.i + 1 : start]
    return all(t.is_punct or t.is_space or t.i in speaker for t in between)


def _quote_beside(verb: Token, sent: Span) -> tuple[int, int] | None:
    """A quotation in the sentence the verb stands outside of: '"...," the DIU wrote.'"""
    marks = [t.i for t in sent if t.text in ('"', "\u201c", "\u201d")]
    for open_i, close_i in zip(marks[::2], marks[1::2], strict=False):
        if not open_i < verb.i < close_i and close_i - open_i > 2:
            return _trim(sent.doc, open_i + 1, close_i)
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the clause it hangs on for participles and conjuncts."""
    current = verb
    for _ in range(5):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        titled = [c for c in subjects[1:] if titled_after_bracket(c)]
        if titled:
            return titled[0]  # "Democratic Republic of Congo (DRC) President X said": X speaks
        if subjects:
            return next((c for c in subjects if not _quote_between(c, current)), subjects[0])
        if current.dep_ not in _CLIMB_DEPS or current.head is current:
            return None
        current = current.head
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj"):
            current = current.head  # "Ukraine released a video saying ...": the releaser speaks
    return None


def titled_after_bracket(name: Token) -> bool:
    """Whether ``name`` opens, with its titles, right after a bracketed acronym that ends the
    name before it: "United Kingdom (UK) Prime Minister Keir Starmer", which the parser splits
    at the bracket into the state and the person beside it."""
    doc, start = name.doc, name.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
        start -= 1  # the titles and given names before the name
    return start > 0 and doc[start - 1].text == ")" and doc[start].is_title


def _quote_between(a: Token, b: Token) -> bool:
    """Whether a quotation mark stands between two words: a subject the parser took from inside
    a quotation ('"..., One of the brightest," Petrov said') is not the speaker."""
    low, high = sorted((a.i, b.i))
    return any(t.text in _QUOTE_MARKS for t in a.doc[low:high])


def _source_span(head: Token, verb: Token) -> tuple[int, int]:
    """The source phrase: the head's subtree (PolNeAR keeps its relative clauses, appositions
    and brackets), less the reporting clause when that hangs on it, and less a clause on it
    that reports something of its own ("Mr. X, who stressed that ..., said", "X, speaking to
    veterans, said"): that is another attribution, not who X is."""
    excluded = {t.i for t in verb.subtree} if head.is_ancestor(verb) else set()
    for clause in head.children:
        if clause.dep_ in ("relcl", "acl") and clause.i > head.i and _cue_lemma(clause) is not None:
            excluded.update(t.i for t in clause.subtree)
    tokens = {t.i for t in head.subtree} - excluded
    start = end = head.i
    while start - 1 in tokens:
        start -= 1
    while end + 1 in tokens:
        end += 1
    return _trim(head.doc, start, end + 1) or (head.i, head.i + 1)


def _via(token: Token) -> Iterator[int]:
    """Intermediaries: "as cited by Y", "... reported by Y" under the cue or its source;
    "..., X said, citing Y" beside the cue, or closing the content the parser hung it on."""
    for t in token.subtree:
        if t.lemma_.lower() == "cite" and t.tag_ == "VBN":
            for agent in t.children:
                if agent.dep_ == "agent":
                    yield from (c.i for c in agent.children if c.dep_ == "pobj")
    beside = [*token.children, *(g for c in token.children if c.dep_ == "ccomp" for g in c.children)]
    for t in beside:
        if (
            t.lemma_.lower() == "cite"
            and t.tag_ == "VBG"
            and t.dep_ in ("advcl", "xcomp", "conj")
            and _cited_reason(t) is None
        ):
            yield from (c.i for c in t.children if c.dep_ == "dobj")


def _edge_word(token: Token) -> bool:
    """A word that opens no content: a complementiser or conjunction, not the subject "That"
    of '"That makes me smart"'."""
    return token.lower_ in _EDGE_WORDS and (token.lower_ != "that" or token.dep_ == "mark")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without edge punctuation, quotes and complementisers, nor the words of
    when it was said that the parser put before the complementiser ("said later that X",
    "said on Monday that X"); None if empty."""
    while start < end and (_edge_word(doc[start]) or doc[start].is_punct or doc[start].is_space):
        start += 1
    mark = next(
        (t for t in doc[start : min(end, start + 5)] if t.dep_ == "mark" and t.lower_ == "that"), None
    )
    if mark is not None and all(t.dep_ in _WHEN_SAID_DEPS for t in doc[start : mark.i]):
        start = mark.i + 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and not _closes_bracket(doc, start, end)
    ):
        end -= 1
    return (start, end) if start < end else None


#: Dependents of the words between a cue and its "that" that say when: "later", "on Monday".
_WHEN_SAID_DEPS = frozenset({"advmod", "npadvmod", "prep", "pobj", "det", "amod", "compound"})


def _closes_bracket(doc: Doc, start: int, end: int) -> bool:
    """Whether the span's last token closes a bracket or a quoted phrase it opens: "X (JNIM)"
    keeps its ")", 'nine wounded and "burned cars"' its closing mark."""
    last, before = doc[end - 1].text, doc[start : end - 1].text
    if last == ")":
        return before.count("(") > before.count(")")
    if doc[end - 2].is_punct:
        return False  # a quoted sentence's close, '... for years."', goes with its stop
    if last == "”":
        return before.count("“") > before.count("”")
    return last == '"' and before.count('"') % 2 == 1
