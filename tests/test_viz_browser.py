"""The graph pages in a real headless Chromium, opened from file:// with the network cut off.

Checks what a static look at the HTML cannot: the inlined vis-network runs without console
errors, the page asks for nothing beyond file://, every node and edge reaches the network,
the page is placed with physics off, and hovering or clicking a node or an edge shows its escaped
tooltip. Each ``kg view`` (whole graph, neighbourhood, claims) is drawn from hand-built records
for exact counts (tests/test_views.py's make_world) and, marked slow, from the seed store.
Screenshots go to out/test-screens/. The ``browser`` fixture is in conftest.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_views import (
    CLAIMS_EDGES,
    CLAIMS_NODES,
    EVIL_CLAIM,
    EVIL_SENTENCE,
    KPA_2_EDGES,
    KPA_2_NODES,
    WHOLE_EDGES,
    WHOLE_NODES,
    make_world,
)
from test_viz import write_page

from kg.rdf.ontology import ID
from kg.read.projection import ViewEdge, ViewNode
from kg.render.views import claims_view, neighbourhood_view, whole_view
from kg.render.viz import write_view_html
from kg.store import existing_store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ROOT / "out" / "test-screens"


def _graph() -> tuple[list[ViewNode], list[ViewEdge]]:
    base = "https://w3id.org/conflict-kg/id/"
    nodes = [
        ViewNode(base + "north-korea", "North Korea", "State", 12, "Q423", ("kursk.txt", "nk-troops.txt")),
        ViewNode(base + "russia", "Russia", "State", 9, "Q159", ("kursk.txt",)),
        ViewNode(base + "ukraine", "Ukraine", "State", 7, "Q212", ("kursk.txt",)),
        ViewNode(base + "kim-jong-un", "Kim Jong Un", "Person", 3, "Q56226", ("nk-troops.txt",)),
        ViewNode(base + "kpa", "Korean People's Army", "MilitaryUnit", 5, None, ("nk-troops.txt",)),
        ViewNode(
            base + "nis", "National Intelligence Service", "GovernmentBody", 4, None, ("nk-troops.txt",)
        ),
        ViewNode(base + "kursk", "Kursk", "Region", 6, None, ("kursk.txt",)),
        ViewNode(base + "yonhap", "Yonhap", "MediaOutlet", 1, None, ("nk-troops.txt",)),
        ViewNode(base + "un", "United Nations", "InternationalOrganization", 1, "Q1065", ("kursk.txt",)),
        ViewNode(base + "sudzha", "Sudzha", "Settlement", 2, None, ("kursk.txt",)),
        ViewNode(base + "evil", "<script>alert(1)</script>", "Person", 1, "javascript:alert(1)", ("x.txt",)),
    ]
    edges = [
        ViewEdge(base + "kim-jong-un", base + "north-korea", "leaderOf", ("gazetteer", "nk-troops.txt")),
        ViewEdge(base + "kpa", base + "north-korea", "partOf", ("gazetteer",)),
        ViewEdge(base + "kpa", base + "kursk", "deployedTo", ("kursk.txt", "nk-troops.txt")),
        ViewEdge(base + "north-korea", base + "russia", "alliedWith", ("kursk.txt",)),
        ViewEdge(base + "russia", base + "ukraine", "opposes", ("kursk.txt",)),
        ViewEdge(base + "nis", base + "north-korea", "affiliatedWith", ("nk-troops.txt",)),
        ViewEdge(base + "sudzha", base + "kursk", "locatedIn", ("kursk.txt",)),
        ViewEdge(base + "kursk", base + "russia", "partOf", ("gazetteer",)),
    ]
    return nodes, edges


def _open(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """Open ``path`` with every non-file request aborted; returns (page, errors, blocked URLs)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def guard(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(path.as_uri())
    page.wait_for_function(
        "typeof network !== 'undefined' && network !== null && document.body.dataset.stabilized === 'true'",
        timeout=60_000,
    )
    return page, errors, blocked


def _xy(page: Any, script: str, arg: str) -> dict[str, float]:
    """Page coordinates of the canvas point ``script`` computes for ``arg`` (a node or edge id)."""
    return page.evaluate(  # type: ignore[no-any-return]
        f"""(id) => {{
            const p = network.canvasToDOM({script});
            const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
            return {{x: r.left + p.x, y: r.top + p.y}};
        }}""",
        arg,
    )


def _node_xy(page: Any, node_id: str) -> dict[str, float]:
    return _xy(page, "network.getPositions([id])[id]", node_id)


def _edge_xy(page: Any, source: str, target: str) -> tuple[str, dict[str, float]]:
    """The id of the edge ``source`` -> ``target`` and the middle of its drawn line."""
    edge_id = page.evaluate(
        "([a, b]) => edges.get({filter: (e) => e.from === a && e.to === b})[0].id", [source, target]
    )
    return edge_id, _xy(page, "network.body.edges[id].edgeType.getPoint(0.5)", edge_id)


def _canvas_corner(page: Any) -> dict[str, float]:
    """A point just inside the canvas's top left corner, where the fixed layout puts no node."""
    return page.evaluate(  # type: ignore[no-any-return]
        "(() => { const r = document.querySelector('#mynetwork canvas')"
        ".getBoundingClientRect(); return {x: r.left + 4, y: r.top + 4}; })()"
    )


def _hide_tip(page: Any) -> None:
    """Click an empty corner of the canvas: the tooltip closes."""
    corner = _canvas_corner(page)
    page.mouse.move(corner["x"], corner["y"], steps=4)
    page.mouse.click(corner["x"], corner["y"])
    page.locator("#ckg-tip").wait_for(state="hidden", timeout=5_000)


def _click_tip(page: Any, where: dict[str, float], item: str) -> Any:
    """Click at ``where`` and return the tooltip, checked to be the one of ``item``."""
    _hide_tip(page)
    page.mouse.click(where["x"], where["y"])
    tip = page.locator("#ckg-tip")
    tip.wait_for(state="visible", timeout=5_000)
    assert tip.get_attribute("data-item") == item
    return tip


def _screenshot(page: Any, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / name))


def test_viz_browser_page_draws_offline_and_shows_tooltips(browser: Any, tmp_path: Path) -> None:
    nodes, edges = _graph()
    path = write_page(nodes, edges, tmp_path / "graph.html", title="ConflictKG <test>")
    page, errors, blocked = _open(browser, path)
    try:
        assert page.evaluate("network.body.data.nodes.length") == len(nodes)
        assert page.evaluate("network.body.data.edges.length") == len(edges)
        assert page.evaluate("network.physics.options.enabled") is False  # the layout is computed in Python
        assert page.title() == "ConflictKG <test>"
        legend = page.inner_text("#ckg-legend")
        for cls in ("State (3)", "Person (2)", "MilitaryUnit (1)", "Settlement (1)"):
            assert cls in legend

        tip = page.locator("#ckg-tip")
        for node in (nodes[0], nodes[-1]):
            box = _node_xy(page, node.id)
            page.mouse.move(box["x"], box["y"], steps=4)
            tip.wait_for(state="visible", timeout=5_000)
            text = tip.inner_text()
            assert node.label in text, text  # an HTML label shows as its text: it was escaped
            assert node.articles[0] in text
            if node is nodes[0]:
                assert tip.locator("a").first.get_attribute("href") == "https://www.wikidata.org/wiki/Q423"
                _screenshot(page, "graph.png")
            else:
                hrefs = [a.get_attribute("href") or "" for a in tip.locator("a").all()]
                assert hrefs and not any(h.lower().startswith("javascript") for h in hrefs)
                assert page.evaluate("document.querySelectorAll('#ckg-tip script').length") == 0
            # Moving off the node, to an empty corner of the canvas, hides the tooltip a moment later.
            corner = _canvas_corner(page)
            page.mouse.move(corner["x"], corner["y"], steps=4)
            tip.wait_for(state="hidden", timeout=5_000)

        assert errors == []
        assert blocked == []
    finally:
        page.close()


#: Each view of make_world(): how to make it, its exact counts, the edge to click and its sentence.
VIEWS = {
    "whole": (whole_view, WHOLE_NODES, WHOLE_EDGES, ("kpa", "kursk-oblast"), EVIL_SENTENCE),
    "neighbourhood": (
        lambda ds: neighbourhood_view(ds, "KPA", hops=2),
        KPA_2_NODES,
        KPA_2_EDGES,
        ("kpa", "kursk-oblast"),
        EVIL_SENTENCE,
    ),
    "claims": (claims_view, CLAIMS_NODES, CLAIMS_EDGES, (None, "russia"), EVIL_CLAIM.rstrip(".")),
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_viz_browser_each_view_draws_offline_and_clicks_show_tips(
    browser: Any, tmp_path: Path, name: str
) -> None:
    """Hand-built records, so the counts are exact; a click on a node or an edge shows its tooltip,
    and a sentence with markup in it shows as text."""
    make, node_count, edge_count, (source, target), sentence = VIEWS[name]
    view = make(make_world())
    page, errors, blocked = _open(browser, write_view_html(view, tmp_path / f"{name}.html"))
    try:
        assert page.evaluate("network.body.data.nodes.length") == node_count
        assert page.evaluate("network.body.data.edges.length") == edge_count
        node = max(view.nodes, key=lambda n: n.weight)  # the largest entity
        text = _click_tip(page, _node_xy(page, node.id), node.id).inner_text()
        assert node.tip.heading in text
        assert ("Claims:" in text) if name == "claims" else ("PageRank:" in text and "Relations:" in text)

        edge = next(
            e
            for e in view.edges
            if e.target == str(ID[target]) and (source is None or e.source == str(ID[source]))
        )
        edge_id, where = _edge_xy(page, edge.source, edge.target)
        assert sentence in _click_tip(page, where, edge_id).inner_text()
        assert page.evaluate("document.querySelectorAll('#ckg-tip script, #ckg-tip img').length") == 0
        _screenshot(page, f"view-{name}.png")
        _hide_tip(page)
        assert errors == [] and blocked == []
    finally:
        page.close()


def test_viz_browser_large_graph_settles(browser: Any, tmp_path: Path) -> None:
    """A few hundred nodes are placed at once and nothing keeps simulating."""
    nodes = [
        ViewNode(
            f"urn:n{i:03d}", f"Entity {i}", ("Person", "State", "Region")[i % 3], 1 + i % 7, None, ("a.txt",)
        )
        for i in range(400)
    ]
    edges = [
        ViewEdge(f"urn:n{i:03d}", f"urn:n{(i * 7 + 3) % 400:03d}", "opposes", ("a.txt",)) for i in range(400)
    ]
    path = write_page(nodes, edges, tmp_path / "big.html", title="big")
    page, errors, blocked = _open(browser, path)
    try:
        assert page.evaluate("network.body.data.nodes.length") == 400
        assert page.evaluate("network.physics.options.enabled") is False
        assert errors == [] and blocked == []
    finally:
        page.close()


@pytest.mark.slow
def test_viz_browser_seed_graph_shows_every_mentioned_entity(browser: Any, seed_build: Any) -> None:
    """The real out/graph.html of the seeds, offline: one node per entity the articles mention."""
    report, out = seed_build
    page, errors, blocked = _open(browser, out / "graph.html")
    try:
        assert page.evaluate("network.body.data.nodes.length") == report.counts["entities"]
        labels = page.evaluate("network.body.data.nodes.get().map(n => n.label)")
        assert {"North Korea", "Kim Jong Un", "National Intelligence Service"} <= set(labels)
        assert page.evaluate("network.body.data.edges.length") > 0
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "seed-graph.png"))
        assert errors == [] and blocked == []
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["whole", "nis", "claims"])
def test_viz_browser_seed_views(browser: Any, seed_store: Path, tmp_path: Path, name: str) -> None:
    """Each view of the real seed store, offline: every chosen node and edge drawn, tips on click."""
    with existing_store(seed_store) as store:
        if name == "whole":
            view = whole_view(store.dataset)
        elif name == "nis":
            view = neighbourhood_view(store.dataset, "NIS", hops=2)
        else:
            view = claims_view(store.dataset)
    assert len(view.nodes) > 3 and view.edges
    page, errors, blocked = _open(browser, write_view_html(view, tmp_path / f"{name}.html"))
    try:
        assert page.evaluate("network.body.data.nodes.length") == len(view.nodes)
        assert page.evaluate("network.body.data.edges.length") == len(view.edges)
        node = max(view.nodes, key=lambda n: n.weight)
        assert node.tip.heading in _click_tip(page, _node_xy(page, node.id), node.id).inner_text()
        _hide_tip(page)
        _screenshot(page, f"seed-view-{name}.png")
        assert errors == [] and blocked == []
    finally:
        page.close()


#: Records every text the page draws on a canvas with its size on screen: the font's px times the
#: scale of the canvas transform (rotation included), over the device pixel ratio.
_RECORD_TEXT = """
  window.ckgTexts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const px = parseFloat((/([0-9.]+)px/.exec(this.font) || [0, 0])[1]);
    const t = this.getTransform();
    window.ckgTexts.push({text: String(text), px: px * Math.hypot(t.a, t.b) / window.devicePixelRatio});
    return fill.call(this, text, x, y, ...rest);
  };
"""


def _drawn_texts(browser: Any, path: Path) -> dict[str, float]:
    """Each text drawn at first paint in a 1400 x 900 window, with its smallest size in CSS px."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.add_init_script(_RECORD_TEXT)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(path.as_uri())
        page.wait_for_function("document.body.dataset.stabilized === 'true'", timeout=60_000)
        assert page.evaluate("getComputedStyle(document.getElementById('mynetwork')).visibility") == "visible"
        page.evaluate("window.ckgTexts = []; network.redraw()")  # what the reader sees, drawn again
        page.evaluate(_DRAWN)
        texts: dict[str, float] = {}
        for item in page.evaluate("window.ckgTexts"):
            texts[item["text"]] = min(item["px"], texts.get(item["text"], item["px"]))
        return texts
    finally:
        page.close()


_DRAWN = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(0))))"


@pytest.mark.slow
def test_viz_browser_seed_labels_are_12_px_or_more_at_first_paint(browser: Any, seed_build: Any) -> None:
    """The real out/graph.html of the seeds: every label drawn at first paint is 12 px or more on
    screen, every entity's label is among them, and the claims view draws one edge per claimant,
    counted group and measure."""
    report, out = seed_build
    texts = _drawn_texts(browser, out / "graph.html")
    small = {text: px for text, px in texts.items() if px < 12}
    assert not small, small
    with existing_store(out / "store") as store:
        labels = {node.label for node in whole_view(store.dataset).nodes}
        claims = claims_view(store.dataset)
    assert len(labels) == report.counts["entities"] and labels <= set(texts)  # all of them readable
    assert {"leaderOf", "partOf"} <= set(texts)  # relation names on the edges too
    page, errors, blocked = _open(browser, write_view_html(claims, out.parent / "claims-view.html"))
    try:
        drawn = page.evaluate("edges.get().map((e) => [e.from, e.to, e.kind])")
        assert len(drawn) == len(claims.edges) > 10
        assert len({tuple(edge) for edge in drawn}) == len(drawn)  # one per claimant, group and measure
        assert page.evaluate("nodes.get().filter((n) => n.cls === 'Claim').length") == 0  # no claim boxes
        assert errors == [] and blocked == []
    finally:
        page.close()
    claims_texts = _drawn_texts(browser, out.parent / "claims-view.html")
    assert min(claims_texts.values()) >= 12, claims_texts
    assert any(text.startswith("TroopCount") for text in claims_texts)  # the figures' edges are labelled
