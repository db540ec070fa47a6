"""The geometry of :mod:`kg.render.layout`, on numpy arrays of positions: a force-directed layout
(with columns for nodes that have one), stretching it to an area, and pushing boxes apart.

Kept apart from the layout's choices (what to label, where the strip goes) because it knows
nothing of nodes or labels: positions, box sizes and areas only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["clamp", "fill", "forces", "separate"]

_ONE_FILE, _FILE_STEP = 12, 0.1  # nodes of a column per file; the files' distance apart
_ROUNDS = 80  # of pushing boxes apart, at most
_GRAVITY = 4.0  # the pull to the centre that keeps small components near the large one


def forces(
    count: int, pairs: Sequence[tuple[int, int, float]], columns: Sequence[float | None], seed: int
) -> np.ndarray:
    """Fruchterman-Reingold in the unit square with a pull to the centre, so that small
    components stay near the large one instead of drifting to the corners; a node with a column
    keeps its x there and moves only up and down."""
    rng = np.random.default_rng(seed)
    xy = rng.random((count, 2))
    fixed = np.array([c is not None for c in columns])
    xs = np.array([c if c is not None else 0.0 for c in columns])
    xy[fixed, 0] = xs[fixed]
    if count == 1:
        return xy
    # float32 and one array per axis: a 1,500-node page lays out in about a second.
    adjacent = np.zeros((count, count), dtype=np.float32)
    for a, b, strength in pairs:
        adjacent[a, b] = adjacent[b, a] = strength
    k = np.float32(math.sqrt(1.0 / count))
    iterations = 120 if count <= 300 else 50
    x, y = xy[:, 0].astype(np.float32), xy[:, 1].astype(np.float32)
    pull = np.float32(_GRAVITY * math.sqrt(count)) * k
    step = 0.1
    for _ in range(iterations):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        squared = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        force = k * k / squared - adjacent * np.sqrt(squared) / k
        move_x = (dx * force).sum(axis=1) - pull * (x - 0.5)
        move_y = (dy * force).sum(axis=1) - pull * (y - 0.5)
        scale = np.float32(step) / np.maximum(np.sqrt(move_x * move_x + move_y * move_y), np.float32(0.01))
        x, y = x + move_x * scale, y + move_y * scale
        x[fixed] = xs[fixed]
        step -= 0.1 / (iterations + 1)
    xy = np.column_stack((x, y)).astype(np.float64)
    return _columns(xy, xs, fixed)


def _columns(xy: np.ndarray, xs: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """Nodes of one column spaced evenly from top to bottom, in the order the forces put them,
    dealt into files side by side when there are more than :data:`_ONE_FILE` (labels of several
    files fit where one would crowd)."""
    xy = xy.copy()
    for column in sorted({round(float(x), 1) for x in xs[fixed]}):
        members = [k for k in np.flatnonzero(fixed) if round(float(xs[k]), 1) == column]
        members.sort(key=lambda k: float(xy[k, 1]))
        files = math.ceil(len(members) / _ONE_FILE)
        inward = 1.0 if column < 0.5 else -1.0
        for rank, k in enumerate(members):
            xy[k, 1] = (rank + 0.5) / len(members)
            xy[k, 0] = column + inward * (rank % files) * _FILE_STEP
    return xy


def fill(xy: np.ndarray, area: tuple[float, float, float, float]) -> np.ndarray:
    """``xy`` stretched to fill ``area`` (left, top, right, bottom), each axis on its own."""
    left, top, right, bottom = area
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 1e-9, high - low, 1.0)
    unit = np.where(high - low > 1e-9, (xy - low) / span, 0.5)
    return np.column_stack((left + unit[:, 0] * (right - left), top + unit[:, 1] * (bottom - top)))


def separate(
    xy: np.ndarray, which: Sequence[int], boxes: np.ndarray, area: tuple[float, float, float, float] | None
) -> np.ndarray:
    """Push the boxes (width, height, radius) of the nodes ``which`` apart along their shallower
    overlap, keeping every node in ``area`` if given, until none overlap (or :data:`_ROUNDS`
    have passed). A labelled node's box hangs below it."""
    if len(which) < 2:
        return xy
    xy = xy.copy()
    rows = np.array(which)
    every = boxes
    boxes = boxes[rows]
    half_w, half_h = boxes[:, 0] / 2, boxes[:, 1] / 2
    down = half_h - boxes[:, 2]  # from the node down to its box's centre
    reach_x, reach_y = half_w[:, None] + half_w[None, :], half_h[:, None] + half_h[None, :]
    for _ in range(_ROUNDS):
        x, y = xy[rows, 0], xy[rows, 1] + down
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        over_x, over_y = reach_x - np.abs(dx), reach_y - np.abs(dy)
        hit = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        along_y = over_y < over_x  # push along the shallower overlap
        push_x = np.where(hit & ~along_y, np.copysign(over_x, dx), 0.0).sum(axis=1)
        push_y = np.where(hit & along_y, np.copysign(over_y, dy), 0.0).sum(axis=1)
        xy[rows, 0] += push_x * 0.25
        xy[rows, 1] += push_y * 0.25
        if area is not None:
            xy = clamp(xy, every, area)
    return xy


def clamp(xy: np.ndarray, boxes: np.ndarray, area: tuple[float, float, float, float]) -> np.ndarray:
    """Each node moved back into ``area``, its label included (the label hangs under the node)."""
    left, top, right, bottom = area
    half, size = boxes[:, 0] / 2, boxes[:, 2]
    x = np.clip(xy[:, 0], left + half, right - half)
    y = np.clip(xy[:, 1], top + size, bottom - (boxes[:, 1] - size))
    return np.column_stack((x, y))
