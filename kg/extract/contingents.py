"""Finds national contingents: "North Korean troops", "Russia's forces", "DPRK soldiers".

News names the fighting side by nationality plus a collective noun far more often than by
unit name. Each such phrase becomes one military-unit entity per state and branch, so that
"North Korean soldiers" and "North Korean forces" are the same node. The state is the
gazetteer's where it knows it, else one of :mod:`kg.extract.nationalities` ("the Sudanese
army", "the Myanmar junta"); a nationality word of several states ("Congolese") is the one
the article names, and no contingent when it names none or several of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.gazetteer import Gazetteer, GazetteerEntry
from kg.extract.labels import CONTINGENT_LABEL
from kg.extract.nationalities import Nation, nation, nations_for_demonym, nations_named
from kg.extract.wordlists import CONTINGENT_BRANCH_WORDS, CONTINGENT_HEADS

__all__ = [
    "Contingent",
    "ContingentFinder",
    "contingent_of",
    "gazetteer_entry",
    "named_state",
    "resolve_contingent",
]

_MAX_BRANCH_WORDS = 3
_CONTINGENT_WORDS = CONTINGENT_HEADS | CONTINGENT_BRANCH_WORDS | {"'s", "'", "’s", "’"}
#: Prefix of a contingent's state id when the state is not the gazetteer's: "iso:SD".
_ISO_PREFIX = "iso:"


@dataclass(frozen=True, slots=True)
class Contingent:
    """The canonical identity of a contingent: a gazetteer unit, or a state plus branch."""

    key: str
    label: str
    gazetteer_id: str | None


def resolve_contingent(gazetteer: Gazetteer, state: GazetteerEntry, branch: str) -> Contingent:
    """Map (state, branch) to the gazetteer's armed forces entry when it has one.

    "Ukrainian forces" and "Armed Forces of Ukraine" are one real thing; the gazetteer says
    which entry that is through its aliases, so we ask it in the phrasings news uses.
    """
    demonym = state.demonyms[0] if state.demonyms else state.label
    heads = ("special operations forces",) if branch else ("armed forces", "forces", "military", "army")
    names = [f"{demonym} {head}" for head in heads]
    if not branch:
        names.append(f"armed forces of {state.label}")
    for name in names:
        entry = gazetteer.lookup(name)
        if entry is not None and entry.cls == "MilitaryUnit":
            return Contingent(entry.id, entry.label, entry.id)
    suffix = "special-operations-forces" if branch else "forces"
    label = f"{demonym} {'Special Operations Forces' if branch else 'forces'}"
    return Contingent(f"{state.id}-{suffix}", label, None)


def contingent_of(gazetteer: Gazetteer, span_id: str) -> Contingent:
    """The contingent a CONTINGENT span's id ("<state id>|<branch>") stands for."""
    state_id, _, branch = span_id.partition("|")
    if state_id.startswith(_ISO_PREFIX):
        found = nation(state_id.removeprefix(_ISO_PREFIX))
        if found is not None:
            state = GazetteerEntry(found.key, found.name, "State", demonyms=(found.demonym,))
            return resolve_contingent(gazetteer, state, branch)
    return resolve_contingent(gazetteer, gazetteer.get(state_id), branch)


def named_state(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The state's name a contingent starts with ("Myanmar" in "the Myanmar junta",
    "Russia" in "Russia's forces"), a mention of the state as well; None where a nationality
    word names the state ("Sudanese army")."""
    doc, end = span.doc, span.start
    while end < span.end and doc[end].lower_ not in _CONTINGENT_WORDS:
        end += 1
    name = doc[span.start : end].text
    if end == span.start or gazetteer.state_for_demonym(name) or nations_for_demonym(name):
        return None
    return Span(doc, span.start, end, label="GPE")


def gazetteer_entry(gazetteer: Gazetteer, entry_id: str) -> GazetteerEntry | None:
    """The entry with this id, or None for the empty id spaCy gives unlinked spans."""
    if not entry_id:
        return None
    try:
        return gazetteer.get(entry_id)
    except KeyError:
        return None


class ContingentFinder:
    """spaCy component: merges nationality + collective military noun into one entity.

    The span gets label CONTINGENT and ``ent_id_`` = "<state id>|<branch>" where branch is
    "special-operations" or "" (plain forces); :func:`resolve_contingent` gives its identity.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        named = {n.code for e in doc.ents if e.label_ == "GPE" for n in nations_named(e.text)}
        for ent in sorted([*doc.ents, *self._untagged_nationalities(doc)], key=lambda s: s.start):
            state, possessive_ok = self._anchor_state(ent, named)
            if state is None:
                continue
            span = self._contingent_after(doc, ent, state, possessive_ok)
            if span is not None and not (found and span.start < found[-1].end):
                found.append(span)
        if found:
            taken = {i for span in found for i in range(span.start, span.end)}
            kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
            doc.ents = sorted(kept + found, key=lambda s: s.start)
        return doc

    def _untagged_nationalities(self, doc: Doc) -> list[Span]:
        """Nationality words the model tagged as nothing ("Ugandan troops"), as NORP spans."""
        return [
            Span(doc, t.i, t.i + 1, label="NORP")
            for t in doc
            if not t.ent_type_
            and t.is_title
            and (self.gazetteer.state_for_demonym(t.text) or nations_for_demonym(t.text))
        ]

    def _anchor_state(self, ent: Span, named: set[str]) -> tuple[str | None, bool]:
        """The id of the state an entity names as a nationality ("Russian") or by name
        ("Russia"); ``named`` holds the ISO codes of the states the article names."""
        by_demonym = self.gazetteer.state_for_demonym(ent.text)
        if by_demonym is None and ent.text.endswith("s"):
            # "North Koreans soldiers": a plural nationality only ever anchors when a
            # military noun follows, which _contingent_after requires.
            by_demonym = self.gazetteer.state_for_demonym(ent.text[:-1])
        if by_demonym is not None:
            return by_demonym.id, False
        entry = gazetteer_entry(self.gazetteer, ent.ent_id_)
        if entry is None and ent.label_ == "GPE":
            entry = self.gazetteer.lookup(ent.text)
        if entry is not None and entry.cls == "State":
            return entry.id, True
        if nations_for_demonym(ent.text):
            return self._data_state(nations_for_demonym(ent.text), named), False
        if ent.label_ == "GPE":
            # Not "Chad's military": a possessor's force stays the state's ("Chad's military
            # spokesperson"), as gazetteer states' do not only where news names them so often.
            return self._data_state(nations_named(ent.text), named), False
        return None, False

    def _data_state(self, nations: tuple[Nation, ...], named: set[str]) -> str | None:
        """The id of the one state among ``nations``, or of the one the article names."""
        if len(nations) > 1:
            nations = tuple(n for n in nations if n.code in named)
        if len(nations) != 1:
            return None
        entry = self.gazetteer.lookup(nations[0].name)
        return entry.id if entry is not None and entry.cls == "State" else f"{_ISO_PREFIX}{nations[0].code}"

    def _contingent_after(self, doc: Doc, ent: Span, state: str, by_name: bool) -> Span | None:
        i = ent.end
        if by_name and i < len(doc) and doc[i].lower_ in {"'s", "'"}:
            i += 1
        branch: list[str] = []
        end = None
        while i < len(doc):
            word = doc[i].lower_
            if word in CONTINGENT_HEADS:
                end = i + 1
                # "the Ukrainian military's special operations forces": the branch wins.
                if i + 1 < len(doc) and doc[i + 1].lower_ == "'s" and word in {"military", "army"}:
                    i += 2
                    continue
                break
            if word in CONTINGENT_BRANCH_WORDS and len(branch) < _MAX_BRANCH_WORDS:
                branch.append(word)
                i += 1
                continue
            break
        if end is None:
            return None
        kind = "special-operations" if {"special", "operations"} <= set(branch) else ""
        return Span(doc, ent.start, end, label=CONTINGENT_LABEL, span_id=f"{state}|{kind}")
