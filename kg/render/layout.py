"""Where a view's nodes go, computed here rather than by the browser's physics.

vis-network's physics lays a graph out as a disc, so on a wide window it used the middle half of
the page, and :meth:`fit` then zoomed out until labels were 5 px. Here the layout is made for the
drawing area at scale 1 (:data:`CANVAS_WIDTH` x :data:`CANVAS_HEIGHT` CSS px, the graph's box on
a 1400 x 900 window; the page stretches it to the box it gets), so labels are drawn at their font
size at first paint:

- linked entities by a force-directed layout (Fruchterman-Reingold with a pull to the centre,
  vectorised with numpy: networkx's own takes 9 s on 1,500 nodes) stretched to fill the area;
- entities linked to nothing gathered in rows along the bottom, under a caption, rather than
  thrown to the edges;
- only the :data:`LABEL_BUDGET` largest nodes get a label at first paint (a crowd of 1,500
  labels is unreadable at any size); the others show theirs when zoomed in, and in their tooltip;
- labelled nodes pushed apart until their labels no longer overlap.

The same input gives the same positions (a fixed seed, positions rounded to 0.1 px).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "CANVAS_HEIGHT",
    "CANVAS_WIDTH",
    "LABEL_BUDGET",
    "LABEL_PX",
    "Layout",
    "Placed",
    "layout",
    "node_size",
]

#: The drawing area positions are computed for, in CSS px at scale 1.
CANVAS_WIDTH, CANVAS_HEIGHT = 1360.0, 700.0

#: Font size of a label drawn at first paint (CSS px); unlabelled nodes get :data:`SMALL_PX`,
#: which vis-network does not draw below 12 px and so shows from a zoom of 1.4 on.
LABEL_PX, SMALL_PX = 14, 9

#: Nodes labelled at first paint: about one label per 9,000 px² of the area.
LABEL_BUDGET = int(CANVAS_WIDTH * CANVAS_HEIGHT / 9000)

#: Drawn node radius: a weight of 0 gives the smallest, 1 the largest.
MIN_SIZE, MAX_SIZE = 10.0, 40.0

_PAD_X, _PAD_Y = 80.0, 30.0  # room for the labels of the outermost nodes
_CELL_WIDTH, _CELL_HEIGHT, _CAPTION = 150.0, 56.0, 26.0  # the strip of unlinked entities
_MAX_STRIP = 0.35  # of the height, at most
_CHAR_PX = 0.55 * LABEL_PX  # average width of a character of a sans-serif label
_SEPARATE_ALL = 400  # up to this many linked nodes, unlabelled ones are kept apart too


@dataclass(frozen=True, slots=True)
class Placed:
    """A node to place: its id, its label and its weight (0..1, as :class:`kg.render.viz.DrawNode`)."""

    id: str
    label: str
    weight: float


@dataclass(frozen=True, slots=True)
class Layout:
    """Positions in CSS px at scale 1 (origin top left), the nodes labelled at first paint, and
    where the strip of unlinked nodes begins (None when every node is linked)."""

    positions: dict[str, tuple[float, float]]
    labelled: frozenset[str]
    strip_top: float | None
    unlinked: int


def node_size(weight: float) -> float:
    """The drawn radius of a node of ``weight`` (area grows with the weight)."""
    weight = min(max(weight, 0.0), 1.0) if math.isfinite(weight) else 0.0
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(weight), 2)


def layout(nodes: Sequence[Placed], edges: Sequence[tuple[str, str, float]], *, seed: int = 7) -> Layout:
    """Positions for ``nodes`` linked by ``edges`` (node ids and a pull: 1 for an edge without a
    label, less for one whose label needs room; edges to ids not among ``nodes`` are ignored)."""
    index = {node.id: i for i, node in enumerate(nodes)}
    pull: dict[tuple[int, int], float] = {}
    for a, b, strength in edges:
        if a in index and b in index and a != b:
            pair = (min(index[a], index[b]), max(index[a], index[b]))
            pull[pair] = max(pull.get(pair, 0.0), strength)
    pairs = sorted(pull)
    linked_ids = sorted({i for pair in pairs for i in pair})
    linked_set = set(linked_ids)
    by_weight = sorted(range(len(nodes)), key=lambda i: (-nodes[i].weight, nodes[i].label, nodes[i].id))
    labelled = set(by_weight[:LABEL_BUDGET])
    loose = [i for i in by_weight if i not in linked_set]

    positions: dict[str, tuple[float, float]] = {}
    strip_top = None
    bottom = CANVAS_HEIGHT - _PAD_Y
    if loose:
        strip_top, loose_xy = _strip(len(loose))
        positions.update((nodes[i].id, xy) for i, xy in zip(loose, loose_xy, strict=True))
        bottom = strip_top - _PAD_Y
    if linked_ids:
        local = {i: k for k, i in enumerate(linked_ids)}
        xy = _forces(len(linked_ids), [(local[a], local[b], pull[a, b]) for a, b in pairs], seed)
        area = (8.0, _PAD_Y, CANVAS_WIDTH - 8.0, bottom)
        xy = _fill(xy, (_PAD_X, _PAD_Y + 10.0, CANVAS_WIDTH - _PAD_X, bottom - 20.0))
        boxes = np.array([_box(nodes[i], i in labelled) for i in linked_ids])
        crowd = [k for k, i in enumerate(linked_ids) if i in labelled or len(linked_ids) <= _SEPARATE_ALL]
        for _ in range(3):
            xy = _clamp(_separate(xy, crowd, boxes[crowd]), boxes, area)
        rounded = [(round(x, 1), round(y, 1)) for x, y in xy.tolist()]
        positions.update((nodes[i].id, at) for i, at in zip(linked_ids, rounded, strict=True))
    return Layout(positions, frozenset(nodes[i].id for i in labelled), strip_top, len(loose))


def _strip(count: int) -> tuple[float, list[tuple[float, float]]]:
    """Rows of cells along the bottom for ``count`` unlinked nodes, the largest first: the strip's
    top and each cell's centre. Past :data:`_MAX_STRIP` of the height the cells narrow."""
    width = CANVAS_WIDTH - 2 * _PAD_X + _CELL_WIDTH
    max_rows = max(1, int((CANVAS_HEIGHT * _MAX_STRIP - _CAPTION) // _CELL_HEIGHT))
    columns = max(int(width // _CELL_WIDTH), math.ceil(count / max_rows))
    rows = math.ceil(count / columns)
    cell = width / columns
    top = CANVAS_HEIGHT - rows * _CELL_HEIGHT - _CAPTION
    left = (CANVAS_WIDTH - width) / 2
    row_top = top + _CAPTION + 0.3 * _CELL_HEIGHT
    cells = [
        (round(left + (k % columns + 0.5) * cell, 1), round(row_top + (k // columns) * _CELL_HEIGHT, 1))
        for k in range(count)
    ]
    return top, cells


def _forces(count: int, pairs: Sequence[tuple[int, int, float]], seed: int) -> np.ndarray:
    """Fruchterman-Reingold in the unit square with a pull to the centre, so that small
    components stay near the large one instead of drifting to the corners."""
    rng = np.random.default_rng(seed)
    xy = rng.random((count, 2))
    if count == 1:
        return xy
    adjacent = np.zeros((count, count))
    for a, b, strength in pairs:
        adjacent[a, b] = adjacent[b, a] = strength
    k = math.sqrt(1.0 / count)
    iterations = 120 if count <= 300 else 60
    step = 0.1
    for _ in range(iterations):
        delta = xy[:, None, :] - xy[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance**2 - adjacent * distance / k
        move = np.einsum("ijk,ij->ik", delta, force) - 4.0 * k * (xy - 0.5) * count**0.5
        length = np.maximum(np.linalg.norm(move, axis=-1), 0.01)
        xy = xy + move * (step / length)[:, None]
        step -= 0.1 / (iterations + 1)
    return xy


def _fill(xy: np.ndarray, area: tuple[float, float, float, float]) -> np.ndarray:
    """``xy`` stretched to fill ``area`` (left, top, right, bottom), each axis on its own."""
    left, top, right, bottom = area
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 1e-9, high - low, 1.0)
    unit = np.where(high - low > 1e-9, (xy - low) / span, 0.5)
    return np.column_stack((left + unit[:, 0] * (right - left), top + unit[:, 1] * (bottom - top)))


def _box(node: Placed, labelled: bool) -> tuple[float, float, float]:
    """Width and height of a node drawn with its label (if any) under it, and its radius."""
    size = node_size(node.weight)
    if not labelled:
        return 2 * size + 4.0, 2 * size + 4.0, size
    return max(2 * size, _CHAR_PX * len(node.label)) + 12.0, 2 * size + LABEL_PX + 10.0, size


def _separate(xy: np.ndarray, which: Sequence[int], boxes: np.ndarray) -> np.ndarray:
    """Push the boxes (width, height, radius) of ``which`` apart along their shallower overlap
    until none overlap (or 80 rounds have passed)."""
    if len(which) < 2:
        return xy
    xy = xy.copy()
    rows = np.array(which)
    half = boxes[:, :2] / 2
    reach = half[:, None, :] + half[None, :, :]
    for _ in range(80):
        at = xy[rows]
        delta = at[:, None, :] - at[None, :, :]
        overlap = reach - np.abs(delta)
        hit = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        axis = (overlap[..., 1] < overlap[..., 0]).astype(int)  # 1: y is the shallower overlap
        sign = np.where(delta >= 0, 1.0, -1.0)
        push = np.zeros_like(delta)
        for a in (0, 1):
            chosen = hit & (axis == a)
            push[..., a] = np.where(chosen, overlap[..., a] * sign[..., a] * 0.5, 0.0)
        xy[rows] = at + push.sum(axis=1) * 0.5
    return xy


def _clamp(xy: np.ndarray, boxes: np.ndarray, area: tuple[float, float, float, float]) -> np.ndarray:
    """Each node moved back into ``area``, its label included (the label hangs under the node)."""
    left, top, right, bottom = area
    half, size = boxes[:, 0] / 2, boxes[:, 2]
    x = np.clip(xy[:, 0], left + half, right - half)
    y = np.clip(xy[:, 1], top + size, bottom - (boxes[:, 1] - size))
    return np.column_stack((x, y))
