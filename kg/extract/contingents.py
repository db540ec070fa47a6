"""Finds national contingents: "North Korean troops", "Russia's forces", "DPRK soldiers".

News names the fighting side by nationality plus a collective noun far more often than by
unit name. Each such phrase becomes one military-unit entity per state and branch, so that
"North Korean soldiers" and "North Korean forces" are the same node.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.gazetteer import Gazetteer, GazetteerEntry
from kg.extract.labels import CONTINGENT_LABEL
from kg.extract.wordlists import CONTINGENT_BRANCH_WORDS, CONTINGENT_HEADS

__all__ = [
    "Contingent",
    "ContingentFinder",
    "gazetteer_entry",
    "resolve_contingent",
]

_MAX_BRANCH_WORDS = 3


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
        for ent in doc.ents:
            state, possessive_ok = self._anchor_state(ent)
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

    def _anchor_state(self, ent: Span) -> tuple[GazetteerEntry | None, bool]:
        """The state an entity names as a nationality ("Russian") or by name ("Russia")."""
        by_demonym = self.gazetteer.state_for_demonym(ent.text)
        if by_demonym is None and ent.text.endswith("s"):
            # "North Koreans soldiers": a plural nationality only ever anchors when a
            # military noun follows, which _contingent_after requires.
            by_demonym = self.gazetteer.state_for_demonym(ent.text[:-1])
        if by_demonym is not None:
            return by_demonym, False
        entry = gazetteer_entry(self.gazetteer, ent.ent_id_)
        if entry is None and ent.label_ == "GPE":
            entry = self.gazetteer.lookup(ent.text)
        if entry is not None and entry.cls == "State":
            return entry, True
        return None, False

    def _contingent_after(self, doc: Doc, ent: Span, state: GazetteerEntry, by_name: bool) -> Span | None:
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
        return Span(doc, ent.start, end, label=CONTINGENT_LABEL, span_id=f"{state.id}|{kind}")
