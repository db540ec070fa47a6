"""Interactive HTML views of the graph: who is mentioned, and how they relate.

:func:`graph_view` reads a store's dataset into plain records (:class:`ViewNode`,
:class:`ViewEdge`) with SPARQL; :func:`write_graph_html` turns them into one self-contained pyvis
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
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import Dataset, URIRef

from kg.errors import ExportError
from kg.ontology import CKG, GAZETTEER_GRAPH

__all__ = ["RELATION_PREDICATES", "ViewEdge", "ViewNode", "graph_view", "write_graph_html"]

logger = logging.getLogger(__name__)

#: ckg: properties drawn as edges between entities (the relation table of DESIGN.md).
RELATION_PREDICATES: tuple[str, ...] = (
    "affiliatedWith",
    "alliedWith",
    "deployedTo",
    "leaderOf",
    "locatedIn",
    "memberOf",
    "opposes",
    "partOf",
)

#: What a node is called when the data gives it no ckg: class at all.
UNKNOWN_CLASS = "Unknown"

#: Depth of each entity class in the ontology's rdfs:subClassOf tree (Actor and Location are
#: roots); an entity typed with several classes is shown as its deepest one. Classes the
#: ontology may add later rank below these, so a known subclass still wins.
_CLASS_DEPTH: dict[str, int] = {
    "Actor": 1,
    "Location": 1,
    "Person": 2,
    "Organization": 2,
    "State": 2,
    "Region": 2,
    "Settlement": 2,
    "GovernmentBody": 3,
    "MilitaryUnit": 3,
    "MediaOutlet": 3,
    "InternationalOrganization": 3,
}

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

_WIKIDATA_ENTITY = ("http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/")
_QID = re.compile(r"Q[1-9][0-9]*")

_PREFIXES = f"""PREFIX ckg: <{CKG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

# One query per kind of fact, joined in Python: each is a single GRAPH pattern, which both
# rdflib's memory store and Oxigraph answer quickly, and no OPTIONAL is needed (whose results
# once differed between the two, kglab #203).
_MENTIONS_QUERY = (
    _PREFIXES
    + """SELECT ?entity ?article (COUNT(DISTINCT ?mention) AS ?n) WHERE {
  GRAPH ?g { ?mention ckg:refersTo ?entity ; ckg:inArticle ?article . }
} GROUP BY ?entity ?article"""
)
_ARTICLES_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?article ?file WHERE {
  GRAPH ?g { ?article a ckg:Article ; ckg:sourceFile ?file . }
}"""
)
_DESCRIPTIONS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?entity ?p ?o WHERE {
  VALUES ?p { rdf:type rdfs:label owl:sameAs }
  GRAPH ?g { ?entity ?p ?o . }
}"""
)
_RELATIONS_QUERY = (
    _PREFIXES
    + "SELECT DISTINCT ?s ?p ?o ?g WHERE {\n  VALUES ?p { "
    + " ".join(f"ckg:{name}" for name in RELATION_PREDICATES)
    + " }\n  GRAPH ?g { ?s ?p ?o . }\n}"
)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


@dataclass(frozen=True, slots=True)
class ViewNode:
    """An entity as the page shows it.

    Attributes:
        id: The entity IRI.
        label: Its ``rdfs:label`` (the IRI's last segment when it has none).
        cls: Its most specific ``ckg:`` class, as a local name.
        mentions: How many mentions refer to it, over all articles.
        wikidata: Its Wikidata id ("Q423") from ``owl:sameAs``, if any.
        articles: Source files of the articles that mention it, sorted.
    """

    id: str
    label: str
    cls: str
    mentions: int
    wikidata: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ViewEdge:
    """One relation between two shown entities, merged over every graph that states it.

    Attributes:
        source: Subject entity IRI.
        target: Object entity IRI.
        predicate: The relation's ``ckg:`` local name ("leaderOf").
        sources: Source files of the stating articles, or "gazetteer", sorted.
    """

    source: str
    target: str
    predicate: str
    sources: tuple[str, ...]


def graph_view(dataset: Dataset) -> tuple[list[ViewNode], list[ViewEdge]]:
    """The mentioned entities and the relations among them, ready to draw.

    Only entities with at least one mention are nodes: the gazetteer describes many more, and a
    view of everything known rather than everything reported would bury the articles' actors.
    Relations are kept when both ends are nodes. Facts are read from every named graph, so the
    same code serves rdflib's memory store and Oxigraph.

    Args:
        dataset: The store's dataset (entities, gazetteer and article graphs).

    Returns:
        Nodes sorted by IRI, and edges sorted by (source, target, predicate).
    """
    mentions: defaultdict[str, int] = defaultdict(int)
    mentioned_in: defaultdict[str, set[str]] = defaultdict(set)
    for entity, article, count in _rows(dataset, _MENTIONS_QUERY):
        if isinstance(entity, URIRef):
            mentions[str(entity)] += int(count)
            mentioned_in[str(entity)].add(str(article))

    files: defaultdict[str, set[str]] = defaultdict(set)
    for article, file in _rows(dataset, _ARTICLES_QUERY):
        files[str(article)].add(str(file))

    types: defaultdict[str, set[str]] = defaultdict(set)
    labels: defaultdict[str, set[str]] = defaultdict(set)
    wikidata: defaultdict[str, set[str]] = defaultdict(set)
    for entity, p, o in _rows(dataset, _DESCRIPTIONS_QUERY):
        key = str(entity)
        if key not in mentions:
            continue
        if str(p) == _RDF_TYPE and isinstance(o, URIRef) and str(o).startswith(str(CKG)):
            types[key].add(str(o)[len(str(CKG)) :])
        elif str(p) == _RDFS_LABEL:
            labels[key].add(str(o))
        elif str(p) == _OWL_SAME_AS and str(o).startswith(_WIKIDATA_ENTITY):
            wikidata[key].add(str(o).rsplit("/", 1)[1])

    nodes = [
        ViewNode(
            id=key,
            label=min(labels[key]) if labels[key] else _last_segment(key),
            cls=_most_specific(types[key]),
            mentions=mentions[key],
            wikidata=min(wikidata[key]) if wikidata[key] else None,
            articles=tuple(
                sorted({f for article in mentioned_in[key] for f in files.get(article) or {article}})
            ),
        )
        for key in sorted(mentions)
    ]

    stated_in: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, g in _rows(dataset, _RELATIONS_QUERY):
        if str(s) in mentions and str(o) in mentions:
            stated_in[str(s), str(p)[len(str(CKG)) :], str(o)].add(_graph_source(str(g), files))
    edges = [
        ViewEdge(source=s, target=o, predicate=p, sources=tuple(sorted(graphs)))
        for (s, p, o), graphs in sorted(
            stated_in.items(), key=lambda item: (item[0][0], item[0][2], item[0][1])
        )
    ]
    logger.debug("graph view: %d nodes, %d edges", len(nodes), len(edges))
    return nodes, edges


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


def _rows(dataset: Dataset, query: str) -> list[tuple[Any, ...]]:
    """All result rows, read eagerly so rdflib's own deprecation noise stays inside the filter.

    rdflib 7's SPARQL engine evaluates ``GRAPH ?g`` over a memory Dataset through its own
    deprecated ``Dataset.contexts``/``default_context``; the warning is about rdflib's code, not
    ours, and would fail every caller that runs with warnings as errors.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Dataset\.\w+ is deprecated", category=DeprecationWarning)
        return [tuple(row) for row in dataset.query(query)]  # type: ignore[arg-type]


def _most_specific(classes: set[str]) -> str:
    if not classes:
        return UNKNOWN_CLASS
    return max(sorted(classes), key=lambda name: _CLASS_DEPTH.get(name, 0))


def _last_segment(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _graph_source(graph: str, files: dict[str, set[str]]) -> str:
    """What a reader calls the graph a relation came from: its article's file, or "gazetteer"."""
    if graph == str(GAZETTEER_GRAPH):
        return "gazetteer"
    article_files = files.get(graph)
    return min(article_files) if article_files else graph


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
