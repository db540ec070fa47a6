"""Claims as graph items: claimant -> claim -> counted group (the figure on the edge) or subject.

:mod:`kg.render.views` draws the claims view with these: each :class:`~kg.read.projection.ClaimRecord`
becomes a node (a box with the claim's first words) and its edges, once as
:class:`~kg.read.projection.ViewNode`/:class:`~kg.read.projection.ViewEdge` for the centrality measures of
:mod:`kg.read.analytics`, once as :class:`~kg.render.viz.DrawNode`/:class:`~kg.render.viz.DrawEdge` with their
tooltips (who claims it, the cue, how sure, the figures, the sentence and its article).
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.read.claims import ClaimFigure, ClaimRecord
from kg.read.projection import ViewEdge, ViewNode
from kg.render.viz import DrawEdge, DrawNode, Tip, TipLine, sentence_lines

__all__ = ["claim_as_view_node", "claim_edges", "claim_node", "involved_entities"]


def claim_edges(record: ClaimRecord, labels: Mapping[str, str]) -> list[tuple[ViewEdge, DrawEdge]]:
    """The claim's edges, each as analytics reads it and as the page draws it: claimant -> claim
    (the cue on it), claim -> counted group (the figures on it), claim -> other subjects ("about")."""
    sentence = sentence_lines((record.sentence,))

    def link(source: str, target: str, predicate: str, label: str, tip: Tip) -> tuple[ViewEdge, DrawEdge]:
        return ViewEdge(source, target, predicate, (record.sentence.article,)), DrawEdge(
            source, target, label, tip
        )

    links = [
        link(
            who,
            record.id,
            "claimant",
            record.cue or "claims",
            Tip(f"{labels[who]} claims", _how(record) + sentence),
        )
        for who in record.claimants
    ]
    groups = sorted({figure.group for figure in record.figures if figure.group is not None})
    for group in groups:
        figures = [figure for figure in record.figures if figure.group == group]
        lines = tuple(TipLine("Figure", _figure_text(figure, labels)) for figure in figures)
        label = "; ".join(figure.text for figure in figures)
        links.append(
            link(record.id, group, "countOf", label, Tip(f"{labels[group]}, counted", lines + sentence))
        )
    links += [
        link(record.id, subject, "about", "about", Tip(f"A claim about {labels[subject]}", sentence))
        for subject in record.about
        if subject not in groups
    ]
    return links


def claim_node(record: ClaimRecord, labels: Mapping[str, str], weight: float, *extra: TipLine) -> DrawNode:
    """A claim as a box holding its first words; the tooltip has who, how sure, the figures, the sentence."""
    said_by = ", ".join(labels[who] for who in record.claimants) or "not attributed"
    lines = (
        TipLine("Claimant", said_by),
        *_how(record),
        *(TipLine("Figure", _figure_text(figure, labels)) for figure in record.figures),
        *([TipLine("Claim", record.content)] if record.content else []),
        *extra,
        *sentence_lines((record.sentence,)),
    )
    return DrawNode(record.id, _short(record), "Claim", weight, Tip("Claim", lines))


def claim_as_view_node(record: ClaimRecord) -> ViewNode:
    """The claim as a node for :func:`kg.read.analytics.to_networkx`."""
    return ViewNode(record.id, _short(record), "Claim", 0, None, (record.sentence.article,))


def _how(record: ClaimRecord) -> tuple[TipLine, ...]:
    """How the claim is made: the reporting verb and the certainty."""
    return TipLine("Cue", record.cue or "none"), TipLine("Certainty", record.certainty or "unknown")


def _figure_text(figure: ClaimFigure, labels: Mapping[str, str]) -> str:
    counted = f" of {labels[figure.group]}" if figure.group is not None else ""
    return f"{figure.text} ({figure.measure}){counted}"


def _short(record: ClaimRecord, limit: int = 48) -> str:
    """The claim's first words, for its box."""
    text = " ".join((record.content or record.sentence.text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def involved_entities(record: ClaimRecord) -> set[str]:
    """Every entity the claim links: claimants, subjects and counted groups."""
    groups = {figure.group for figure in record.figures if figure.group is not None}
    return {*record.claimants, *record.about, *groups}
