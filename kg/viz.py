"""Interactive HTML views of the graph: who is mentioned, and how they relate.

:func:`write_graph_html` turns the records of :func:`kg.projection.graph_view`
(:class:`~kg.projection.ViewNode`, :class:`~kg.projection.ViewEdge`) into one self-contained pyvis
page. The page must open from ``file://`` on a laptop with no network, so every script and style
is inlined and the CDN references of pyvis's template are stripped (a check refuses to write a
page that would still fetch anything). Node and edge lists are built here, not with pyvis's
``add_node``/``add_edge``, whose duplicate check is quadratic. Physics runs for a bounded number
of iterations and is then switched off, so large graphs do not keep the tab busy.

Everything shown comes from news text, so every string that reaches HTML is escaped here.
"""

from __future__ import annotations

import html
import logging
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kg.errors import ExportError
from kg.projection import ViewEdge, ViewNode

__all__ = ["write_graph_html"]

logger = logging.getLogger(__name__)

#: Colour (Tableau 10, readable on white and for most colour-blind readers) and vis-network
#: shape per class, in legend order. Shapes are all ones whose size vis scales with ``size``;
#: families share a shape (organisations are squares, places point down) and colour tells
#: them apart.
_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "State": ("#b07aa1", "star"),
    "Organization": ("#f28e2b", "square"),
    "GovernmentBody": ("#e15759", "square"),
    "MilitaryUnit": ("#59a14f", "triangle"),
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


def write_graph_html(nodes: Sequence[ViewNode], edges: Sequence[ViewEdge], path: Path, *, title: str) -> Path:
    """Write the nodes and edges as one interactive page that works offline.

    The same input always gives the same bytes (fixed layout seed, sorted JSON), so a rebuilt
    graph does not show up as a changed file.

    Args:
        nodes: Entities to draw; their order is kept.
        edges: Relations to draw; ends that are not among ``nodes`` are dropped.
        path: Where to write the page; parent folders are created.
        title: Page title and heading (escaped).

    Returns:
        ``path``.

    Raises:
        ExportError: The page could not be written, or pyvis's template changed so that
            the page would load something from the network.
    """
    from pyvis.network import Network  # imports IPython and jinja2: only when drawing

    net = Network(height="80vh", width="100%", directed=True, heading="", cdn_resources="in_line")
    shown = {node.id for node in nodes}
    kept = [edge for edge in edges if edge.source in shown and edge.target in shown]
    # pyvis's generate_html() renders these lists as they are; building them here skips the
    # quadratic duplicate check of add_edge.
    net.nodes = [_vis_node(node) for node in nodes]
    net.edges = [_vis_edge(index, edge) for index, edge in enumerate(kept)]
    net.options = _options(len(nodes))
    page = _offline(net.generate_html(), path)
    page = _insert_once(page, '<meta charset="utf-8">', f"\n<title>{html.escape(title)}</title>", path)
    page = _insert_once(page, "<body>", _header(nodes, len(kept), title), path)
    page = _insert_once(page, "</body>", _SETTLE_SCRIPT, path, before=True, last=True)
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page  # standards mode: the template has no doctype
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the graph view: {exc.strerror or exc}") from exc
    logger.debug("wrote %s: %d nodes, %d edges", path, len(nodes), len(kept))
    return path


def _style(cls: str) -> tuple[str, str]:
    return _STYLE.get(cls, _OTHER_STYLE)


def _vis_node(node: ViewNode) -> dict[str, Any]:
    colour, shape = _style(node.cls)
    return {
        "id": node.id,
        "label": node.label,  # drawn on the canvas as text, never parsed as HTML
        "title": _tooltip(node),
        "shape": shape,
        "color": colour,
        "size": round(10 + 6 * math.sqrt(node.mentions), 2),
        "cls": node.cls,
        "mentions": node.mentions,
    }


def _vis_edge(index: int, edge: ViewEdge) -> dict[str, Any]:
    # No "title": pyvis's link popup looks every hovered item up among the nodes and would
    # throw on an edge. The sources ride along as data for scripts and inspection.
    return {
        "id": f"e{index}",
        "from": edge.source,
        "to": edge.target,
        "label": edge.predicate,
        "sources": list(edge.sources),
    }


def _tooltip(node: ViewNode) -> str:
    """The node's popup as HTML in which every piece of data is escaped.

    Every popup carries a link (the Wikidata item, or a Wikidata search for the label), which
    makes pyvis render titles as HTML in a popup that stays open while hovered, so the link can
    be clicked; without one it would fall back to vis-network's plain-text tooltip.
    """
    esc = html.escape
    if node.wikidata is not None and _QID.fullmatch(node.wikidata):
        wikidata = _link(f"https://www.wikidata.org/wiki/{node.wikidata}", node.wikidata)
    else:
        search = _link(f"https://www.wikidata.org/w/index.php?search={quote(node.label, safe='')}", "search")
        wikidata = (esc(node.wikidata) + " (not a Wikidata id); " if node.wikidata else "none; ") + search
    articles = "".join(f"<li>{esc(name)}</li>" for name in node.articles)
    plural = "" if node.mentions == 1 else "s"
    return (
        f'<div class="ckg-tip"><b>{esc(node.label)}</b><br>'
        f"{esc(node.cls)} &middot; {node.mentions} mention{plural}<br>"
        f"Wikidata: {wikidata}<br>"
        f"Articles:<ul>{articles}</ul></div>"
    )


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{html.escape(text)}</a>'


def _options(node_count: int) -> dict[str, Any]:
    """vis-network options: a seeded layout, bounded physics, arrows and predicate labels."""
    return {
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 200},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.3,
                "springLength": 140,
                "springConstant": 0.04,
                "damping": 0.2,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 25, "fit": True},
        },
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333"},
            "font": {"size": 11, "align": "middle", "color": "#555555"},
            "smooth": {"enabled": True, "type": "continuous"},
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
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


def _offline(page: str, path: Path) -> str:
    """Drop the template's CDN tags (Bootstrap, which the page does not need) and its empty headings."""
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    leftover = _REMOTE_ANY.search(page)
    if leftover:
        raise ExportError(
            f"{path}: pyvis's template still loads {leftover.group(0)!r} from the network; "
            "the page would not work offline. Use the pyvis version pinned in pyproject.toml"
        )
    return page


def _insert_once(
    page: str, marker: str, text: str, path: Path, *, before: bool = False, last: bool = False
) -> str:
    index = page.rfind(marker) if last else page.find(marker)
    if index < 0:
        raise ExportError(
            f"{path}: pyvis's template has no {marker!r}; use the pyvis version pinned in pyproject.toml"
        )
    at = index if before else index + len(marker)
    return page[:at] + text + page[at:]


def _header(nodes: Sequence[ViewNode], edge_count: int, title: str) -> str:
    """Heading, counts and the class legend, as escaped HTML."""
    counts: defaultdict[str, int] = defaultdict(int)
    for node in nodes:
        counts[node.cls] += 1
    order = {name: index for index, name in enumerate(_STYLE)}
    items = []
    for cls in sorted(counts, key=lambda name: (order.get(name, len(order)), name)):
        colour, shape = _style(cls)
        items.append(
            f'<li data-class="{html.escape(cls)}"><span class="ckg-glyph" style="color:{colour}">'
            f"{_GLYPH.get(shape, _GLYPH['dot'])}</span> {html.escape(cls)} ({counts[cls]})</li>"
        )
    return f"""
<style>
  body {{ font-family: sans-serif; margin: 0 12px; }}
  #ckg-header h1 {{ font-size: 1.4em; margin: 10px 0 4px; }}
  #ckg-header p {{ margin: 0 0 6px; color: #555; }}
  #ckg-legend {{ list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0;
    margin: 0 0 8px; font-size: 0.9em; }}
  .ckg-glyph {{ font-size: 1.2em; }}
  .ckg-tip {{ font: 13px sans-serif; padding: 6px 8px; max-width: 420px; white-space: normal; }}
  .ckg-tip ul {{ margin: 2px 0 0; padding-left: 18px; }}
</style>
<div id="ckg-header">
  <h1>{html.escape(title)}</h1>
  <p>{len(nodes)} entities, {edge_count} relations. Size: mentions. Hover a node for its sources.</p>
  <ul id="ckg-legend">{"".join(items)}</ul>
</div>
"""


# vis-network keeps simulating after stabilisation; switching physics off once the bounded
# stabilisation is done keeps large graphs from pinning a CPU. ``network`` is the global the
# pyvis template assigns; its stabilisation starts asynchronously, after this script has run.
_SETTLE_SCRIPT = """<script>
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    document.body.setAttribute("data-stabilized", "true");
  });
</script>
"""
