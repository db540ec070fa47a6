"""The graph page in a real headless Chromium, opened from file:// with the network cut off.

Checks what a static look at the HTML cannot: the inlined vis-network runs without console
errors, the page asks for nothing beyond file://, every node and edge reaches the network,
physics stops after stabilisation, and hovering a node shows its escaped tooltip.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.projection import ViewEdge, ViewNode
from kg.viz import write_graph_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ROOT / "out" / "test-screens"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
    )
    executable = _chromium_path()
    if executable is None:
        pytest.skip("no chromium executable on PATH or at /usr/bin/chromium (make browser installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


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


def test_viz_browser_page_draws_offline_and_shows_tooltips(browser: Any, tmp_path: Path) -> None:
    nodes, edges = _graph()
    path = write_graph_html(nodes, edges, tmp_path / "graph.html", title="ConflictKG <test>")
    page, errors, blocked = _open(browser, path)
    try:
        assert page.evaluate("network.body.data.nodes.length") == len(nodes)
        assert page.evaluate("network.body.data.edges.length") == len(edges)
        assert page.evaluate("network.physics.options.enabled") is False  # switched off once settled
        assert page.title() == "ConflictKG <test>"
        legend = page.inner_text("#ckg-legend")
        for cls in ("State (3)", "Person (2)", "MilitaryUnit (1)", "Settlement (1)"):
            assert cls in legend

        for node in (nodes[0], nodes[-1]):
            box = page.evaluate(
                """(id) => {
                    const p = network.canvasToDOM(network.getPositions([id])[id]);
                    const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
                    return {x: r.left + p.x, y: r.top + p.y};
                }""",
                node.id,
            )
            page.mouse.move(box["x"], box["y"], steps=4)
            popup = page.locator("#mynetwork div.popup")
            popup.wait_for(state="visible", timeout=5_000)
            text = popup.inner_text()
            assert node.label in text, text  # an HTML label shows as its text: it was escaped
            assert node.articles[0] in text
            if node is nodes[0]:
                assert popup.locator("a").first.get_attribute("href") == "https://www.wikidata.org/wiki/Q423"
                page.mouse.move(box["x"], box["y"])
                SCREENS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENS / "graph.png"))
            else:
                hrefs = [a.get_attribute("href") or "" for a in popup.locator("a").all()]
                assert hrefs and not any(h.lower().startswith("javascript") for h in hrefs)
                assert page.evaluate("document.querySelectorAll('#mynetwork div.popup script').length") == 0
            # Move to an empty corner of the canvas: vis hides the popup on a move off the node,
            # and pyvis's popup disappears 500 ms later.
            corner = page.evaluate(
                "(() => { const r = document.querySelector('#mynetwork canvas')"
                ".getBoundingClientRect(); return {x: r.left + 4, y: r.top + 4}; })()"
            )
            page.mouse.move(corner["x"], corner["y"], steps=4)
            popup.wait_for(state="hidden", timeout=5_000)

        assert errors == []
        assert blocked == []
    finally:
        page.close()


def test_viz_browser_large_graph_settles(browser: Any, tmp_path: Path) -> None:
    """A few hundred nodes stabilise within the bounded iterations and then stop simulating."""
    nodes = [
        ViewNode(
            f"urn:n{i:03d}", f"Entity {i}", ("Person", "State", "Region")[i % 3], 1 + i % 7, None, ("a.txt",)
        )
        for i in range(400)
    ]
    edges = [
        ViewEdge(f"urn:n{i:03d}", f"urn:n{(i * 7 + 3) % 400:03d}", "opposes", ("a.txt",)) for i in range(400)
    ]
    path = write_graph_html(nodes, edges, tmp_path / "big.html", title="big")
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
