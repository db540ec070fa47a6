"""Where a view's nodes go, computed here rather than by the browser's physics.

vis-network's physics lays a graph out as a disc, so on a wide window it used the middle half of
the page, and :meth:`fit` then zoomed out until labels were 5 px. Here the layout is made for the
drawing area at scale 1 (:data:`CANVAS_WIDTH` x :data:`CANVAS_HEIGHT` CSS px, the graph's box on
a 1400 x 900 window; the page stretches it to the box it gets), so labels are drawn at their font
size at first paint:

- linked entities by a force-directed layout (Fruchterman-Reingold with a pull to the centre,
  vectorised with numpy in :mod:`kg.render.forces`: networkx's own takes 9 s on 1,500 nodes)
  stretched to fill the area;
- entities linked to nothing gathered in rows along the bottom, under a caption, rather than
  thrown to the edges;
- labelled nodes pushed apart until their labels no longer overlap; a label that would still
  cover another label or a shape is left for zooming in (the largest nodes keep theirs), as is
  any beyond one per ~11,000 px² (a crowd of 1,500 labels is unreadable at any size), and an
  edge's label where it would cover one; every label is also in its tooltip.

The same input gives the same positions (a fixed seed, positions rounded to 0.1 px).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kg.render.forces import clamp, fill, forces, separate

__all__ = [
    "CANVAS_HEIGHT",
    "CANVAS_WIDTH",
    "EDGE_PX",
    "LABEL_PX",
    "SMALL_PX",
    "Layout",
    "Link",
    "Placed",
    "label_lift",
    "layout",
    "node_size",
]

#: The drawing area positions are computed for, in CSS px at scale 1.
CANVAS_WIDTH, CANVAS_HEIGHT = 1360.0, 700.0

#: Font size of a label drawn at first paint (CSS px); unlabelled nodes get :data:`SMALL_PX`,
#: which vis-network does not draw below 12 px and so shows from a zoom of 1.4 on.
LABEL_PX, SMALL_PX = 14, 9

#: Font size of an edge's label (CSS px).
EDGE_PX = 12

#: Drawn node radius: a weight of 0 gives the smallest, 1 the largest.
MIN_SIZE, MAX_SIZE = 10.0, 40.0

_PAD_X, _PAD_Y = 80.0, 30.0  # room for the labels of the outermost nodes
_CAPTION, _SMALL_ROW = 26.0, 30.0  # the strip of unlinked entities: its caption, a row of shapes
_MAX_STRIP = 0.35  # of the height, at most
_LABEL_AREA = 11000.0  # px² of the linked nodes' area per label wanted at first paint
_CHAR_PX = 0.55 * LABEL_PX  # average width of a character of a sans-serif label
_SEPARATE_ALL = 400  # up to this many linked nodes, unlabelled ones are kept apart too
_GRAZE = 4.0  # px of a shape a label may cover
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # where along an edge its label may go, in this order
_FEW_STARTS = 300  # up to this many linked nodes, several starting layouts are tried
_MOST_STARTS = 8  # ... until every wanted label is readable, or this many have been tried


@dataclass(frozen=True, slots=True)
class Placed:
    """A node to place: its id, its label, its weight (0..1, as :class:`kg.render.viz.DrawNode`)
    and, when it has one, the column it belongs in (0 the left edge, 1 the right: the claims view
    puts those who claim on the left and what they count on the right, so the edges between them
    run across the page with room for their figures)."""

    id: str
    label: str
    weight: float
    column: float | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """An edge to place: its ends, its label ("" for none), how hard it pulls its ends together
    (1, or less to leave room for a label) and how far it bends (vis-network's roundness; 0:
    straight, negative: the other way)."""

    source: str
    target: str
    label: str = ""
    pull: float = 1.0
    bend: float = 0.0


@dataclass(frozen=True, slots=True)
class Layout:
    """Positions in CSS px at scale 1 (origin top left), the nodes whose labels show at first
    paint (and those of them whose label is over the shape, :func:`label_lift`), the edges (by
    index) whose labels do with where along the edge (0 at its source, 1 at its target), where
    the strip of unlinked nodes begins (None when every node is linked) and how many it holds."""

    positions: dict[str, tuple[float, float]]
    labelled: frozenset[str]
    above: frozenset[str]
    edge_labels: dict[int, float]
    strip_top: float | None
    unlinked: int


def node_size(weight: float) -> float:
    """The drawn radius of a node of ``weight`` (area grows with the weight)."""
    weight = min(max(weight, 0.0), 1.0) if math.isfinite(weight) else 0.0
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(weight), 2)


def layout(nodes: Sequence[Placed], edges: Sequence[Link], *, seed: int = 7) -> Layout:
    """Positions for ``nodes`` linked by ``edges`` (edges to ids not among ``nodes`` are ignored),
    which nodes and edges show their label at first paint, and where the strip of unlinked nodes is."""
    index = {node.id: i for i, node in enumerate(nodes)}
    pull: dict[tuple[int, int], float] = {}
    for edge in edges:
        a, b = index.get(edge.source), index.get(edge.target)
        if a is not None and b is not None and a != b:
            pair = (min(a, b), max(a, b))
            pull[pair] = max(pull.get(pair, 0.0), edge.pull)
    pairs = sorted(pull)
    linked_set = {i for pair in pairs for i in pair}
    by_weight = sorted(range(len(nodes)), key=lambda i: (-nodes[i].weight, nodes[i].label, nodes[i].id))
    linked = [i for i in by_weight if i in linked_set]
    loose = [i for i in by_weight if i not in linked_set]

    xy = np.zeros((len(nodes), 2))
    labelled: set[int] = set()
    strip_top = None
    bottom = CANVAS_HEIGHT - _PAD_Y
    if loose:
        strip_top, cells, with_labels = _strip([nodes[i] for i in loose])
        xy[loose] = cells
        labelled.update(loose[:with_labels])
        bottom = strip_top - _PAD_Y
    best = _Labels(xy, labelled, set(), {})
    if linked:
        local = {i: k for k, i in enumerate(linked)}
        budget = int(CANVAS_WIDTH * max(bottom - _PAD_Y, 0.0) / _LABEL_AREA)
        wanted = linked[:budget]
        columns = [nodes[i].column for i in linked]
        links = [(local[a], local[b], pull[a, b]) for a, b in pairs]
        chosen = set(wanted)
        boxes = np.array([_box(nodes[i], i in chosen) for i in linked])
        crowd = [k for k, i in enumerate(linked) if i in chosen or len(linked) <= _SEPARATE_ALL]
        area = (8.0, _PAD_Y, CANVAS_WIDTH - 8.0, bottom)
        # Starts until every wanted label is readable (one past _FEW_STARTS nodes, where a layout
        # costs a second) and two ways to push labels apart: freely, then back into the area (best
        # in the open), or kept inside it all along (best along its edges); the page gets the try
        # that shows the most names, then the most relation names.
        tries: list[_Labels] = []
        starts = range(seed, seed + (_MOST_STARTS if len(linked) <= _FEW_STARTS else 1))
        for begin, inside in ((begin, inside) for begin in starts for inside in (False, True)):
            if begin > seed + 2 and any(set(wanted) <= t.nodes for t in tries):
                break
            placed = forces(len(linked), links, columns, begin)
            placed = fill(placed, (_PAD_X, _PAD_Y + 10.0, CANVAS_WIDTH - _PAD_X, bottom - 20.0))
            for _ in range(3):
                placed = clamp(separate(placed, crowd, boxes, area if inside else None), boxes, area)
            at = xy.copy()
            at[linked] = np.round(placed, 1)
            readable = _readable(wanted, nodes, at, linked)
            shown = labelled | readable.keys()
            above = {i for i, up in readable.items() if up}
            tries.append(
                _Labels(at, shown, above, _edge_labels(edges, _positions(nodes, at), nodes, shown, above))
            )
        # Names first, then relation names; the first of equals.
        best = max(tries, key=lambda t: (len(t.nodes), len(t.edges)))
    return Layout(
        _positions(nodes, best.xy),
        frozenset(nodes[i].id for i in best.nodes),
        frozenset(nodes[i].id for i in best.above),
        best.edges,
        strip_top,
        len(loose),
    )


@dataclass(frozen=True, slots=True)
class _Labels:
    """One try at a layout: positions, the nodes labelled (those of them over their shape) and
    the edges labelled, with where along them."""

    xy: np.ndarray
    nodes: set[int]
    above: set[int]
    edges: dict[int, float]


def _positions(nodes: Sequence[Placed], xy: np.ndarray) -> dict[str, tuple[float, float]]:
    return {node.id: (float(x), float(y)) for node, (x, y) in zip(nodes, xy.tolist(), strict=True)}


def _readable(
    candidates: Sequence[int], nodes: Sequence[Placed], xy: np.ndarray, linked: Sequence[int]
) -> dict[int, bool]:
    """The candidates, largest first, whose label covers neither a label kept before it nor any
    node's shape, under the node or else above it (True); a label that would overlap either
    way is left for zooming in."""
    rows = np.array(linked)
    row_of = {i: k for k, i in enumerate(linked)}
    # Each shape's corners, a few px inside: a label may graze a shape, not cover it.
    sizes = np.array([node_size(nodes[i].weight) for i in linked])[:, None] - _GRAZE
    low, high = xy[rows] - sizes, xy[rows] + sizes
    kept = _Boxes(len(candidates))
    chosen: dict[int, bool] = {}
    for i in candidates:
        for above in (False, True):
            box = _label_box(nodes[i], xy[i], above=above)
            hits = (low[:, 0] < box[2]) & (high[:, 0] > box[0]) & (low[:, 1] < box[3]) & (high[:, 1] > box[1])
            hits[row_of[i]] = False
            if not hits.any() and not kept.hits(box):
                kept.add(box)
                chosen[i] = above
                break
    return chosen


def _label_box(node: Placed, at: np.ndarray, *, above: bool = False) -> tuple[float, float, float, float]:
    """Where vis-network draws a node's label: centred under its shape, or over it."""
    x, y = float(at[0]), float(at[1])
    size = node_size(node.weight)
    half, top = (_CHAR_PX * len(node.label) + 4.0) / 2, y + size + 2.0
    if above:
        top = y - size - LABEL_PX - 5.0
    return x - half, top, x + half, top + LABEL_PX + 3.0


def label_lift(node: Placed) -> float:
    """vis-network's ``font.vadjust`` that draws a node's label over its shape instead of under it."""
    return -(2 * node_size(node.weight) + LABEL_PX + 7.0)


def _edge_labels(
    edges: Sequence[Link],
    at: dict[str, tuple[float, float]],
    nodes: Sequence[Placed],
    labelled: set[int],
    above: set[int],
) -> dict[int, float]:
    """Where along each edge its label goes at first paint, by edge index: for an edge whose ends
    are both labelled, the first of :data:`_ALONG` that keeps the label clear of the node labels,
    of the shapes and of the edge labels placed before it. Edges left out show theirs when zoomed in."""
    taken = _Boxes(len(labelled) + len(nodes) + len(edges))
    for i in labelled:
        taken.add(_label_box(nodes[i], np.array(at[nodes[i].id]), above=i in above))
    for node in nodes:  # shapes too, a few px inside
        (x, y), size = at[node.id], node_size(node.weight) - _GRAZE
        taken.add((x - size, y - size, x + size, y + size))
    ids = {nodes[i].id for i in labelled}
    placed: dict[int, float] = {}
    for n, edge in enumerate(edges):
        if not edge.label or edge.source not in ids or edge.target not in ids:
            continue
        (x0, y0), (x1, y1) = at[edge.source], at[edge.target]
        cx, cy = _control_point((x0, y0), (x1, y1), edge.bend)
        width, height = _edge_box(edge.label)
        for t in _ALONG:
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if not taken.hits(box):
                taken.add(box)
                placed[n] = t
                break
    return placed


class _Boxes:
    """Boxes (left, top, right, bottom) already on the page, checked against a new one at once."""

    def __init__(self, most: int) -> None:
        self._boxes = np.zeros((max(most, 1), 4))
        self._count = 0

    def add(self, box: tuple[float, float, float, float]) -> None:
        self._boxes[self._count] = box
        self._count += 1

    def hits(self, box: tuple[float, float, float, float]) -> bool:
        """Whether ``box`` overlaps one of the boxes."""
        b = self._boxes[: self._count]
        return bool(((b[:, 0] < box[2]) & (box[0] < b[:, 2]) & (b[:, 1] < box[3]) & (box[1] < b[:, 3])).any())


def _control_point(start: tuple[float, float], end: tuple[float, float], bend: float) -> tuple[float, float]:
    """The control point of the quadratic curve vis-network draws for an edge with ``smooth``
    "curvedCW" (``bend`` > 0) or "curvedCCW" (< 0) and roundness ``abs(bend)``; the middle of a
    straight edge for 0 (its BezierEdgeStatic._getViaCoordinates)."""
    (x0, y0), (x1, y1) = start, end
    if not bend:
        return (x0 + x1) / 2, (y0 + y1) / 2
    roundness = abs(bend)
    dx, dy = x1 - x0, y0 - y1
    turn = 0.5 * roundness + 0.5 if bend > 0 else -0.5 * roundness + 0.5
    angle = (math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi)
    reach = (0.5 * roundness + 0.5) * math.hypot(dx, dy)
    return x0 + reach * math.sin(angle), y0 + reach * math.cos(angle)


def _strip(loose: Sequence[Placed]) -> tuple[float, np.ndarray, int]:
    """The unlinked nodes, largest first, in rows along the bottom: the strip's top, each node's
    centre, and how many of the first get a label. Labelled nodes take their label's width; as
    many are labelled as let the strip stay within :data:`_MAX_STRIP` of the height."""
    room = CANVAS_HEIGHT * _MAX_STRIP - _CAPTION
    low, high = 0, len(loose)
    while low < high:  # the most labels that fit
        middle = (low + high + 1) // 2
        if _flow(loose, middle)[1] <= room:
            low = middle
        else:
            high = middle - 1
    cells, height = _flow(loose, low)
    if height > room:  # too many even without labels: squeeze the columns, shapes may touch
        columns = math.ceil(len(loose) / max(1, int(room // _SMALL_ROW)))
        step = (CANVAS_WIDTH - 24.0) / columns
        cells = [
            (12.0 + (k % columns + 0.5) * step, (k // columns + 0.5) * _SMALL_ROW) for k in range(len(loose))
        ]
        height = math.ceil(len(loose) / columns) * _SMALL_ROW
    top = CANVAS_HEIGHT - height - _CAPTION - 6.0
    return top, np.array([(x, top + _CAPTION + y) for x, y in cells]), low


def _flow(loose: Sequence[Placed], labelled: int) -> tuple[list[tuple[float, float]], float]:
    """Cells left to right, wrapping: the first ``labelled`` as wide as their labels. Returns
    each cell's centre (y from the strip's top) and the rows' height."""
    width = CANVAS_WIDTH - 24.0
    cells: list[tuple[float, float]] = []
    x = row_top = row_height = 0.0
    for k, node in enumerate(loose):
        size = node_size(node.weight)
        w = max(2 * size, _CHAR_PX * len(node.label)) + 16.0 if k < labelled else 2 * size + 6.0
        h = 2 * size + (LABEL_PX + 10.0 if k < labelled else 6.0)
        if x + w > width and x > 0:
            x, row_top, row_height = 0.0, row_top + row_height, 0.0
        cells.append((12.0 + x + w / 2, row_top + size + 3.0))
        x += w
        row_height = max(row_height, h)
    return cells, row_top + row_height


def _box(node: Placed, labelled: bool) -> tuple[float, float, float]:
    """Width and height of a node drawn with its label (if any) under it, and its radius; the
    box's centre lies half the height less the radius below the node's."""
    size = node_size(node.weight)
    if not labelled:
        return 2 * size + 4.0, 2 * size + 4.0, size
    return max(2 * size, _CHAR_PX * len(node.label)) + 12.0, 2 * size + LABEL_PX + 10.0, size


def _edge_box(label: str) -> tuple[float, float]:
    """Width and height of an edge's label (one line per ``\\n``)."""
    lines = label.split("\n")
    return 0.55 * EDGE_PX * max(len(line) for line in lines) + 6.0, (EDGE_PX + 3.0) * len(lines)
