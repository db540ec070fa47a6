"""The claims view's edges: one per claimant -> counted group and measure, whatever the number of
claims behind it.

A story repeats its figures (the same toll in every paragraph, every outlet's copy), so drawing a
box per claim gave a hairball of dozens of boxes. Here the claims are folded into
:class:`ClaimBundle` records: every figure one claimant gives for one group's measure is one
edge, labelled with the measure and its figures (all of them, with their sentences, in the
tooltip); statements without a figure are one light dashed edge per claimant and subject, with no
label (what was said is in its tooltip). A claim attributed to no one has no claimant to draw
from and is counted instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kg.read.claims import ClaimFigure, ClaimRecord
from kg.render.viz import DrawEdge, Tip, TipLine

__all__ = ["STATEMENT", "ClaimBundle", "bundle_claims", "bundle_edge", "bundle_ends", "involved_entities"]

#: The ``kind`` of a bundle of statements without a figure.
STATEMENT = "statement"

_SHOWN_FIGURES = 2  # on the edge; the tooltip lists every one
_SENTENCE_CHARS = 220


@dataclass(frozen=True, slots=True)
class ClaimBundle:
    """Everything one claimant says of one entity under one measure.

    Attributes:
        claimant: The claimant's IRI.
        target: The counted group's IRI (or, for a figure that counts no named group and for a
            statement, an entity the claim is about).
        kind: The measure's local name ("Killed"), or :data:`STATEMENT`.
        figures: (figure, claim) pairs in reading order; empty for statements.
        claims: The claims behind the bundle, in reading order.
    """

    claimant: str
    target: str
    kind: str
    figures: tuple[tuple[ClaimFigure, ClaimRecord], ...]
    claims: tuple[ClaimRecord, ...]


def bundle_claims(records: Iterable[ClaimRecord]) -> tuple[list[ClaimBundle], int]:
    """The bundles of ``records``, sorted by (claimant, target, kind), and how many claims name
    no claimant (and so are in no bundle)."""
    figures: defaultdict[tuple[str, str, str], list[tuple[ClaimFigure, ClaimRecord]]] = defaultdict(list)
    claims: defaultdict[tuple[str, str, str], list[ClaimRecord]] = defaultdict(list)
    unattributed = 0
    for record in records:
        if not record.claimants:
            unattributed += 1
            continue
        for who in record.claimants:
            for key, figure in _keys(who, record):
                if figure is not None:
                    figures[key].append((figure, record))
                if record not in claims[key]:
                    claims[key].append(record)
    bundles = [
        ClaimBundle(who, target, kind, tuple(figures.get((who, target, kind), ())), tuple(members))
        for (who, target, kind), members in sorted(claims.items())
        if who != target
    ]
    return bundles, unattributed


def _keys(who: str, record: ClaimRecord) -> list[tuple[tuple[str, str, str], ClaimFigure | None]]:
    """Where a claim goes: each figure under (claimant, group, measure), a figure with no group
    under each subject; a claim without figures under (claimant, subject, statement)."""
    if not record.figures:
        return [((who, subject, STATEMENT), None) for subject in record.about]
    return [
        ((who, target, figure.measure), figure)
        for figure in record.figures
        for target in ((figure.group,) if figure.group is not None else record.about)
    ]


def bundle_edge(bundle: ClaimBundle, labels: Mapping[str, str]) -> DrawEdge:
    """The bundle as drawn: measure and figures on the edge, every figure or statement with its
    sentence in the tooltip."""
    who, target = labels[bundle.claimant], labels[bundle.target]
    if bundle.kind == STATEMENT:
        lines = tuple(line for record in bundle.claims for line in _statement_lines(record))
        heading = f"{who} on {target}: {_count(len(bundle.claims), 'statement')}"
        return DrawEdge(bundle.claimant, bundle.target, "", Tip(heading, lines), STATEMENT, dashed=True)
    texts = _distinct(figure.text for figure, _ in bundle.figures)
    shown = ", ".join(texts[:_SHOWN_FIGURES])
    more = f" +{len(texts) - _SHOWN_FIGURES} more" if len(texts) > _SHOWN_FIGURES else ""
    lines = tuple(line for figure, record in bundle.figures for line in _figure_lines(figure, record))
    heading = f"{who} \u2192 {target}: {bundle.kind}, {_count(len(bundle.figures), 'figure')}"
    return DrawEdge(
        bundle.claimant, bundle.target, f"{bundle.kind}\n{shown}{more}", Tip(heading, lines), bundle.kind
    )


def _figure_lines(figure: ClaimFigure, record: ClaimRecord) -> tuple[TipLine, ...]:
    how = ", ".join(part for part in (record.cue, record.certainty) if part)
    return (
        TipLine("Figure", f"{figure.text}" + (f" ({how})" if how else "")),
        TipLine("Sentence", _quoted(record.sentence.text)),
        TipLine("Article", record.sentence.article),
    )


def _statement_lines(record: ClaimRecord) -> tuple[TipLine, ...]:
    return (
        TipLine("Claim", record.content or _quoted(record.sentence.text)),
        TipLine("Article", record.sentence.article),
    )


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    short = text if len(text) <= _SENTENCE_CHARS else text[: _SENTENCE_CHARS - 1].rstrip() + "\u2026"
    return f"\u201c{short}\u201d"


def _distinct(texts: Iterable[str]) -> list[str]:
    """Each figure once, as first written ("About 11,000" and "about 11,000" are one)."""
    first: dict[str, str] = {}
    for text in texts:
        if text:
            first.setdefault(" ".join(text.casefold().split()), text)
    return list(first.values())


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def involved_entities(record: ClaimRecord) -> set[str]:
    """Every entity the claim links: claimants, subjects and counted groups."""
    groups = {figure.group for figure in record.figures if figure.group is not None}
    return {*record.claimants, *record.about, *groups}


def bundle_ends(bundles: Sequence[ClaimBundle]) -> dict[str, int]:
    """How many claims each entity of ``bundles`` makes or is the target of (a claim counted
    once per entity)."""
    seen: defaultdict[str, set[str]] = defaultdict(set)
    for bundle in bundles:
        for record in bundle.claims:
            seen[bundle.claimant].add(record.id)
            seen[bundle.target].add(record.id)
    return {iri: len(ids) for iri, ids in seen.items()}
