"""How long a large graph's ``kg view`` page takes to appear, against a small page in the same run.

Makes a synthetic entity graph (20,000 entities and about 60,000 relations by preferential
attachment: a few hubs and a long tail, as news coverage has), chooses what to draw as
``kg view`` does (the ``--max-nodes`` most central by PageRank, :func:`kg.render.views.most_central_view`),
writes the page and opens it from ``file://`` in headless Chromium with the network cut off,
timing until the page has placed its nodes (computed in Python, physics off) and drawn a frame.
The baseline is the same pipeline limited to 200 nodes; the ratio says what the larger page costs.

    python bench/view_bench.py [--entities N] [--edges M] [--max-nodes K] [--baseline B] [--seed S]

Needs Playwright and a Chromium executable (Debian's ``chromium``, not Playwright's download).
A benchmark, not a test: it prints and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say  # noqa: E402

from kg.read.projection import RELATION_PREDICATES, SourceSentence, ViewEdge, ViewNode  # noqa: E402
from kg.render.views import most_central_view  # noqa: E402
from kg.render.viz import write_view_html  # noqa: E402

#: Classes drawn, with how often each appears (people and places dominate a news corpus).
CLASSES = {
    "Person": 30,
    "Settlement": 20,
    "MilitaryUnit": 15,
    "GovernmentBody": 10,
    "Organization": 8,
    "Region": 6,
    "MediaOutlet": 5,
    "State": 4,
    "InternationalOrganization": 2,
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

#: Page time: until placed with physics off, then two animation frames so one is drawn.
_SETTLED = "document.body.dataset.stabilized === 'true' && network.physics.options.enabled === false"
_DRAWN = (
    "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))"
)


#: Entities, relations, and the sentences of each relation by (source, predicate, target).
Graph = tuple[list[ViewNode], list[ViewEdge], dict[tuple[str, str, str], tuple[SourceSentence, ...]]]


@dataclass(frozen=True, slots=True)
class Timing:
    """One page: what it draws and how long each step took, in seconds."""

    nodes: int
    edges: int
    choose_s: float
    write_s: float
    page_mb: float
    browser_s: float
    errors: int


def synthetic_graph(entities: int, edges: int, seed: int) -> Graph:
    """Entities, relations (each new entity points at ones already there, picked by degree) and
    one evidence sentence per relation."""
    rng = random.Random(seed)
    classes = rng.choices(list(CLASSES), weights=list(CLASSES.values()), k=entities)
    ids = [f"https://w3id.org/conflict-kg/id/synthetic/{i}" for i in range(entities)]
    nodes = [
        ViewNode(
            ids[i],
            f"{classes[i]} {i}",
            classes[i],
            1 + int(rng.paretovariate(1.2)),
            None,
            (f"a{i % 997}.txt",),
        )
        for i in range(entities)
    ]
    per_entity = max(1, round(edges / entities))
    ends: list[int] = [0]  # every edge end once: picking from it picks by degree
    relations: dict[tuple[str, str, str], int] = {}
    for i in range(1, entities):
        for _ in range(per_entity):
            target = rng.choice(ends)
            key = (ids[i], rng.choice(RELATION_PREDICATES), ids[target])
            if target != i and key not in relations:
                relations[key] = len(relations)
                ends += [i, target]
        ends.append(i)
    view_edges = [ViewEdge(s, o, p, (f"a{n % 997}.txt",)) for (s, p, o), n in relations.items()]
    evidence: dict[tuple[str, str, str], tuple[SourceSentence, ...]] = {
        (s, p, o): (SourceSentence(f"Synthetic sentence {n} says {p}.", f"a{n % 997}.txt", 0, 40),)
        for (s, p, o), n in relations.items()
    }
    return nodes, view_edges, evidence


def measure_page(browser: Any, graph: Graph, max_nodes: int, folder: Path) -> Timing:
    """Choose, write and open the view of ``graph`` limited to ``max_nodes``; time each step."""
    started = time.perf_counter()
    view = most_central_view(*graph, max_nodes=max_nodes, measure="pagerank", title="bench")
    chosen = time.perf_counter()
    path = write_view_html(view, folder / f"view-{max_nodes}.html")
    written = time.perf_counter()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort()
    )
    try:
        page.goto(path.as_uri())
        page.wait_for_function(_SETTLED, timeout=600_000, polling=50)
        drawn_ms = page.evaluate(_DRAWN)  # since navigation started
    finally:
        page.close()
    return Timing(
        nodes=len(view.nodes),
        edges=len(view.edges),
        choose_s=chosen - started,
        write_s=written - chosen,
        page_mb=path.stat().st_size / 1e6,
        browser_s=drawn_ms / 1000,
        errors=len(errors),
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--edges", type=int, default=60_000, help="about this many relations")
    parser.add_argument("--max-nodes", type=int, default=1_500, help="the page under test")
    parser.add_argument("--baseline", type=int, default=200, help="the page to compare with")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        sys.exit("no chromium executable on PATH (apt-get install chromium)")
    started = time.perf_counter()
    graph = synthetic_graph(args.entities, args.edges, args.seed)
    seconds = time.perf_counter() - started
    say(f"graph: {len(graph[0]):,} entities, {len(graph[1]):,} relations ({seconds:.1f} s)")
    with tempfile.TemporaryDirectory(prefix="view-bench-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            sizes = (args.baseline, args.max_nodes)
            timings = {size: measure_page(browser, graph, size, Path(folder)) for size in sizes}
        finally:
            browser.close()
    headings = ("page", "nodes", "edges", "choose s", "write s", "MB", "browser s", "errs")
    say(" ".join(f"{h:>{w}}" for h, w in zip(headings, (10, 7, 7, 9, 8, 6, 10, 4), strict=True)))
    for size, t in timings.items():
        say(
            f"{'max ' + str(size):>10} {t.nodes:>7,} {t.edges:>7,} {t.choose_s:>9.2f} {t.write_s:>8.2f} "
            f"{t.page_mb:>6.2f} {t.browser_s:>10.2f} {t.errors:>4}"
        )
    ratio = timings[args.max_nodes].browser_s / timings[args.baseline].browser_s
    say(f"browser time, {args.max_nodes:,} nodes over {args.baseline:,} nodes: {ratio:.1f}x")


if __name__ == "__main__":
    main()
