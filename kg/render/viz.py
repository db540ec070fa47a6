"""Interactive HTML views of the graph: who is mentioned, how they relate, who claims what.

:func:`write_view_html` draws a :class:`View` (nodes, edges and their tooltips, already chosen)
as one self-contained pyvis page; :func:`entity_node` and :func:`relation_edge` turn the records
of :mod:`kg.read.projection` into drawn items. Which nodes a page shows (the whole graph, a
neighbourhood, the claims) is decided in :mod:`kg.render.views`.

The page must open from ``file://`` on a laptop with no network, so every script and style is
inlined and the CDN references of pyvis's template are stripped (a check refuses to write a page
that would still fetch anything). Node and edge lists are built here, not with pyvis's
``add_node``/``add_edge``, whose duplicate check is quadratic. Positions and which labels show
come from :mod:`kg.render.layout`, with physics off: the page is drawn at once, at scale 1, and
the tab does no layout work (:mod:`kg.render.viewscripts` places it).

Everything shown comes from news text, so every string that reaches HTML is escaped here, and
only ``https://`` URLs become links. Tooltips are the page's own popup rather than
vis-network's (which shows HTML only as text) or pyvis's (which knows nodes only): it opens on
hover and on click, for nodes and edges, and stays open while the pointer is on it so its links
can be followed.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from kg.errors import ExportError
from kg.rdf.export import write_files
from kg.read.projection import SourceSentence, ViewEdge, ViewNode
from kg.render.layout import (
    LABEL_PX,
    SMALL_PX,
    Layout,
    Link,
    Placed,
    label_lift,
    layout,
    node_size,
)
from kg.render.tables import plural
from kg.render.viewscripts import TIP_SCRIPT, place_script

__all__ = [
    "DrawEdge",
    "DrawNode",
    "Tip",
    "TipLine",
    "View",
    "entity_node",
    "plural",
    "relation_edge",
    "sentence_lines",
    "write_view_html",
]

logger = logging.getLogger(__name__)

#: Colour (Tableau 10, readable on white and for most colour-blind readers) and vis-network
#: shape per class, in legend order. Shapes are all ones whose size vis scales with ``size``;
#: families share a shape (organisations are squares, places point down) and colour tells them apart.
_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "State": ("#b07aa1", "star"),
    "Organization": ("#f28e2b", "square"),
    "GovernmentBody": ("#e15759", "square"),
    "MilitaryUnit": ("#59a14f", "triangle"),
    "ArmedGroup": ("#499894", "triangle"),
    "MediaOutlet": ("#edc948", "square"),
    "InternationalOrganization": ("#76b7b2", "hexagon"),
    "Region": ("#ff9da7", "diamond"),
    "Settlement": ("#9c755f", "triangleDown"),
    "Actor": ("#bab0ac", "dot"),
    "Location": ("#bab0ac", "diamond"),
}
_OTHER_STYLE = ("#79706e", "dot")

#: Legend glyphs drawn in HTML for the vis-network shapes above.
_GLYPH: dict[str, str] = {
    "dot": "\u25cf",
    "square": "\u25a0",
    "triangle": "\u25b2",
    "triangleDown": "\u25bc",
    "diamond": "\u25c6",
    "star": "\u2605",
    "hexagon": "\u2b22",
}

_QID = re.compile(r"Q[1-9][0-9]*")

#: Below this many CSS px vis-network draws no label (its check is ``size < drawThreshold - 1``):
#: a label is 12 px or more, or not drawn until the reader zooms in.
_DRAW_THRESHOLD = 13

#: How hard a labelled edge pulls its ends together in the layout, against 1 for others: weaker,
#: so that the label has room.
_LABEL_PULL = 0.25


@dataclass(frozen=True, slots=True)
class TipLine:
    """One line of a tooltip: what it is, its text, and a link for the text (kept only when
    it is ``https://``)."""

    name: str
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Tip:
    """A tooltip: a bold heading and lines, all plain text until :func:`write_view_html` escapes them."""

    heading: str
    lines: tuple[TipLine, ...] = ()


@dataclass(frozen=True, slots=True)
class DrawNode:
    """A node as drawn.

    Attributes:
        id: Unique among the page's nodes (an IRI).
        label: Text drawn on the canvas (as text, never parsed as HTML).
        cls: Class that picks the colour, the shape and the legend entry.
        weight: 0..1, how large to draw it (1 for the most important node of the page).
        tip: Its tooltip.
        column: Where across the page it belongs (0 left, 1 right), if the view says
            (:class:`kg.render.layout.Placed`).
    """

    id: str
    label: str
    cls: str
    weight: float
    tip: Tip
    column: float | None = None


@dataclass(frozen=True, slots=True)
class DrawEdge:
    """A directed edge as drawn, with the text on it (none: "") and its tooltip; ``kind`` says
    what it stands for (a measure) for programs reading the page; a dashed edge is drawn light."""

    source: str
    target: str
    label: str
    tip: Tip
    kind: str = ""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class View:
    """Everything a page shows.

    Attributes:
        title: Page title and heading.
        nodes: Nodes in drawing order.
        edges: Edges; those with an end not among ``nodes`` are dropped when drawn.
        summary: The line under the heading (what is counted, what size means).
        note: A warning shown above the graph, e.g. that only part of the graph is drawn.
    """

    title: str
    nodes: tuple[DrawNode, ...]
    edges: tuple[DrawEdge, ...]
    summary: str
    note: str = ""


def entity_node(node: ViewNode, weight: float, *extra: TipLine) -> DrawNode:
    """An entity with its tooltip: class, mentions, Wikidata item (or a search for the label), articles."""
    if node.wikidata is not None and _QID.fullmatch(node.wikidata):
        wikidata = [TipLine("Wikidata", node.wikidata, f"https://www.wikidata.org/wiki/{node.wikidata}")]
    else:
        search = f"https://www.wikidata.org/w/index.php?search={quote(node.label, safe='')}"
        wikidata = [TipLine("Wikidata", f"{node.wikidata} (not a Wikidata id)")] if node.wikidata else []
        wikidata.append(TipLine("Wikidata", "search", search))
    lines = (
        TipLine("Class", node.cls),
        TipLine("Mentions", str(node.mentions)),
        *wikidata,
        *extra,
        TipLine("Articles", ", ".join(node.articles) or "none"),
    )
    return DrawNode(node.id, node.label, node.cls, weight, Tip(node.label, lines))


def relation_edge(
    edge: ViewEdge, labels: dict[str, str], sentences: Sequence[SourceSentence] = ()
) -> DrawEdge:
    """A relation with its tooltip: who relates to whom, the sources, the sentences it was read from.

    Args:
        edge: The relation.
        labels: Entity labels by IRI, for the heading.
        sentences: The relation's evidence (:func:`kg.read.projection.relation_evidence`).
    """
    heading = (
        f"{labels.get(edge.source, edge.source)} {edge.predicate} {labels.get(edge.target, edge.target)}"
    )
    lines = (TipLine("Sources", ", ".join(edge.sources) or "none"), *sentence_lines(sentences))
    return DrawEdge(edge.source, edge.target, edge.predicate, Tip(heading, lines))


def sentence_lines(sentences: Sequence[SourceSentence]) -> tuple[TipLine, ...]:
    """Two tooltip lines per sentence: the sentence, quoted, and the article it is from."""
    return tuple(
        line
        for s in sentences
        for line in (TipLine("Sentence", f"\u201c{s.text}\u201d"), TipLine("Article", s.article))
    )


def view_html(view: View) -> str:
    """``view`` as one interactive page that works offline.

    The same view always gives the same text (fixed layout seed, sorted JSON), so a rebuilt
    graph does not show up as a changed file.

    Raises:
        ExportError: pyvis's template changed so that the page would load something from the
            network, or lacks a place this module fills in.
    """
    from pyvis.network import Network  # imports IPython and jinja2: only when drawing

    net = Network(height="80vh", width="100%", directed=True, heading="", cdn_resources="in_line")
    shown = {node.id for node in view.nodes}
    kept = [edge for edge in view.edges if edge.source in shown and edge.target in shown]
    # pyvis's generate_html() renders these lists as they are; building them here skips the
    # quadratic duplicate check of add_edge.
    bends = _bends(kept)
    placed = layout(
        [Placed(node.id, node.label, node.weight, node.column) for node in view.nodes],
        [
            Link(e.source, e.target, e.label, _LABEL_PULL if e.label else 1.0, bend)
            for e, bend in zip(kept, bends, strict=True)
        ],
    )
    net.nodes = [_vis_node(node, placed) for node in view.nodes]
    net.edges = _vis_edges(kept, bends, placed)
    net.options = _options(len(view.nodes), len(kept))
    page = _offline(net.generate_html())
    page = _insert_once(page, '<meta charset="utf-8">', f"\n<title>{html.escape(view.title)}</title>")
    page = _insert_once(page, "<body>", _header(view))
    page = _insert_once(page, "drawGraph();", place_script(placed) + TIP_SCRIPT, last=True)
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page  # standards mode: the template has no doctype
    return page


def write_view_html(view: View, path: Path) -> Path:
    """Write :func:`view_html` of ``view`` to ``path``, whole or not at all.

    Raises:
        ExportError: The page could not be made or written; the message names ``path``.
    """
    try:
        page = view_html(view)
    except ExportError as exc:
        raise ExportError(f"{path}: {exc}") from exc
    write_files({path: lambda tmp: tmp.write_text(page, encoding="utf-8")})
    logger.debug("wrote %s: %d nodes, %d edges", path, len(view.nodes), len(view.edges))
    return path


def _style(cls: str) -> tuple[str, str]:
    return _STYLE.get(cls, _OTHER_STYLE)


def _vis_node(node: DrawNode, placed: Layout) -> dict[str, Any]:
    colour, shape = _style(node.cls)
    x, y = placed.positions[node.id]
    return {
        "id": node.id,
        "label": node.label,  # drawn on the canvas as text, never parsed as HTML
        "tip": _tip_html(node.tip),
        "shape": shape,
        "color": colour,
        "size": node_size(node.weight),
        "font": _font(node, placed),
        "x": x,
        "y": y,
        "cls": node.cls,
    }


def _font(node: DrawNode, placed: Layout) -> dict[str, float]:
    """A label the layout found room for is drawn at full size (over the shape where it said so);
    others small, which vis-network draws only once zoomed in."""
    if node.id not in placed.labelled:
        return {"size": SMALL_PX}
    if node.id in placed.above:
        return {"size": LABEL_PX, "vadjust": label_lift(Placed(node.id, node.label, node.weight))}
    return {"size": LABEL_PX}


def _bends(edges: Sequence[DrawEdge]) -> list[float]:
    """How far each edge bends: edges between one pair of nodes curve apart, alternating sides,
    so that each label can be read; the first is straight."""
    between: Counter[frozenset[str]] = Counter()
    bends = []
    for edge in edges:
        pair = frozenset((edge.source, edge.target))
        nth = between[pair]
        between[pair] += 1
        bends.append(0.2 * ((nth + 1) // 2) * (1 if nth % 2 else -1))
    return bends


def _vis_edges(edges: Sequence[DrawEdge], bends: Sequence[float], placed: Layout) -> list[dict[str, Any]]:
    """The edges as vis-network reads them, with their labels for the page's script to draw: at
    first paint where the layout found room for them, the others from a zoom of
    :data:`kg.render.viewscripts.ZOOM_LABELS` on; every label is in its edge's tooltip too."""
    vis = []
    for index, (edge, bend) in enumerate(zip(edges, bends, strict=True)):
        item: dict[str, Any] = {"id": f"e{index}", "from": edge.source, "to": edge.target}
        if edge.label:  # drawn by the page's script, not by vis-network (which puts it at the middle)
            item["text"] = edge.label
            item["along"] = placed.edge_labels.get(index, 0.5)
            item["first"] = index in placed.edge_labels
        item["tip"] = _tip_html(edge.tip)
        if edge.kind:
            item["kind"] = edge.kind
        if edge.dashed:
            item["dashes"] = True
            item["color"] = {"color": "#c4c4c4", "highlight": "#333333", "hover": "#333333"}
        if bend:
            side = "curvedCW" if bend > 0 else "curvedCCW"
            item["smooth"] = {"enabled": True, "type": side, "roundness": abs(bend)}
        vis.append(item)
    return vis


def _tip_html(tip: Tip) -> str:
    """The tooltip as HTML in which every piece of data is escaped and only https URLs are links."""
    rows = "".join(
        f'<div><span class="ckg-tip-name">{html.escape(line.name)}:</span> {_text_or_link(line)}</div>'
        for line in tip.lines
    )
    return f"<b>{html.escape(tip.heading)}</b>{rows}"


def _text_or_link(line: TipLine) -> str:
    text = html.escape(line.text)
    if line.url is None or not _is_https(line.url):
        return text
    return f'<a href="{html.escape(line.url)}" target="_blank" rel="noopener noreferrer">{text}</a>'


def _is_https(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and url.startswith("https://")


def _options(node_count: int, edge_count: int) -> dict[str, Any]:
    """vis-network options: positions fixed by :mod:`kg.render.layout` (no physics), arrows,
    labels never drawn under 12 px; beyond a few hundred items, no edges while dragging or zooming."""
    large = node_count > 200 or edge_count > 400
    return {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": LABEL_PX, "face": "sans-serif"},
            "scaling": {"label": {"enabled": False, "drawThreshold": _DRAW_THRESHOLD}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333"},
            "smooth": {"enabled": False},
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
    }


# Any tag that would make the browser fetch a script or stylesheet over the network.
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>\s*", re.I)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*", re.I)
_REMOTE_ANY = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|url\(\s*[\"']?(?:https?:)?//|@import",
    re.I,
)
_EMPTY_HEADING = re.compile(r"\s*<center>\s*<h1>\s*</h1>\s*</center>")


def _offline(page: str) -> str:
    """Drop the template's CDN tags (Bootstrap, which the page does not need) and its empty headings."""
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    leftover = _REMOTE_ANY.search(page)
    if leftover:
        raise ExportError(
            f"pyvis's template still loads {leftover.group(0)!r} from the network; "
            "the page would not work offline. Use the pyvis version pinned in pyproject.toml"
        )
    return page


def _insert_once(page: str, marker: str, text: str, *, last: bool = False) -> str:
    index = page.rfind(marker) if last else page.find(marker)
    if index < 0:
        raise ExportError(
            f"pyvis's template has no {marker!r}; use the pyvis version pinned in pyproject.toml"
        )
    at = index + len(marker)
    return page[:at] + text + page[at:]


def _header(view: View) -> str:
    """Heading, summary, the note if any, and the class legend, as escaped HTML."""
    counts = Counter(node.cls for node in view.nodes)
    order = {name: index for index, name in enumerate(_STYLE)}
    items = []
    for cls in sorted(counts, key=lambda name: (order.get(name, len(order)), name)):
        colour, shape = _style(cls)
        items.append(
            f'<li data-class="{html.escape(cls)}"><span class="ckg-glyph" style="color:{colour}">'
            f"{_GLYPH.get(shape, _GLYPH['dot'])}</span> {html.escape(cls)} ({counts[cls]:,})</li>"
        )
    note = f'\n  <p id="ckg-note">{html.escape(view.note)}</p>' if view.note else ""
    return f"""
<style>
  body {{ font-family: sans-serif; margin: 0 12px; }}
  #mynetwork {{ visibility: hidden; }}  /* until placed at scale 1 (kg.render.viewscripts) */
  #ckg-header h1 {{ font-size: 1.4em; margin: 10px 0 4px; }}
  #ckg-header p {{ margin: 0 0 6px; color: #555; }}
  #ckg-header #ckg-note {{ color: #8a4b00; font-weight: bold; }}
  #ckg-legend {{ list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0;
    margin: 0 0 8px; font-size: 0.9em; }}
  .ckg-glyph {{ font-size: 1.2em; text-shadow: 0 0 1px #666; }}
  #ckg-tip {{ position: absolute; z-index: 10; display: none; font: 13px sans-serif; padding: 6px 8px;
    max-width: 420px; white-space: normal; background: #fffef6; border: 1px solid #888;
    border-radius: 3px; box-shadow: 3px 3px 10px rgba(0, 0, 0, 0.2); }}
  #ckg-tip div {{ margin-top: 3px; }}
  .ckg-tip-name {{ color: #666; }}
</style>
<div id="ckg-header">
  <h1>{html.escape(view.title)}</h1>
  <p id="ckg-summary">{html.escape(view.summary)}</p>{note}
  <ul id="ckg-legend">{"".join(items)}</ul>
</div>
"""
