"""Where a view's nodes and labels go (kg.render.layout), checked on hand-made graphs."""

from __future__ import annotations

import numpy as np

from kg.render.layout import CANVAS_HEIGHT, CANVAS_WIDTH, Link, Placed, _label_box, layout


def _graph(linked: int, loose: int) -> tuple[list[Placed], list[Link]]:
    """A ring of ``linked`` entities (each also tied to the first) and ``loose`` ones tied to none."""
    nodes = [Placed(f"urn:n{i}", f"Entity number {i}", 1.0 / (1 + i)) for i in range(linked + loose)]
    links = [Link(f"urn:n{i}", f"urn:n{(i + 1) % linked}", "partOf", 0.25) for i in range(linked)]
    links += [Link(f"urn:n{i}", "urn:n0") for i in range(2, linked)]
    return nodes, links


def test_layout_fills_the_width_and_gathers_unlinked_nodes_under_it() -> None:
    nodes, links = _graph(30, 8)
    placed = layout(nodes, links)
    xs = [placed.positions[n.id][0] for n in nodes[:30]]
    assert max(xs) - min(xs) > 0.75 * CANVAS_WIDTH  # not the middle half of the page
    assert placed.unlinked == 8 and placed.strip_top is not None
    linked_bottom = max(placed.positions[n.id][1] for n in nodes[:30])
    for node in nodes[30:]:
        x, y = placed.positions[node.id]
        assert y > placed.strip_top > linked_bottom and 0 < x < CANVAS_WIDTH and y < CANVAS_HEIGHT


def test_layout_labels_do_not_overlap_and_the_largest_node_has_one() -> None:
    nodes, links = _graph(40, 0)
    placed = layout(nodes, links)
    assert placed.strip_top is None and "urn:n0" in placed.labelled  # the largest
    assert len(placed.labelled) >= 30
    boxes = [
        _label_box(n, np.array(placed.positions[n.id]), above=n.id in placed.above)
        for n in nodes
        if n.id in placed.labelled
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    assert placed.edge_labels and all(0 < t < 1 for t in placed.edge_labels.values())


def test_layout_is_the_same_every_time_and_columns_hold() -> None:
    nodes, links = _graph(12, 2)
    assert layout(nodes, links) == layout(nodes, links)
    sides = [Placed(n.id, n.label, n.weight, 0.0 if i % 2 else 1.0) for i, n in enumerate(nodes[:12])]
    placed = layout(sides, links)
    left = [placed.positions[n.id][0] for n in sides if n.column == 0.0]
    right = [placed.positions[n.id][0] for n in sides if n.column == 1.0]
    assert max(left) < CANVAS_WIDTH / 3 < 2 * CANVAS_WIDTH / 3 < min(right)
