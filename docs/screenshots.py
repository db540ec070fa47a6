"""The README's screenshots: the graph view, the claims view, the figures timeline and the table
of figures (what ``kg figures`` lists, one row per assertion) of a store, each as a 1400 x 900
window of headless Chromium shows it at first paint.

    python docs/screenshots.py [--store out/store] [--out docs] [--prefix NAME-]
        [--pages graph claims timeline figures]

``make screenshots`` builds the seeds and the stories set and runs it for each. The pages are
written to a temporary folder and opened from ``file://`` with every other request refused (they
need no network); only the PNG files (``PREFIX + page + .png``) are written to ``--out``. The
timeline is shown from the panel with the most figures (or the one above it, when that one has a
disagreement to show), the figures table from that panel's table. Needs the dev extra
(Playwright) and Debian's ``chromium``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.read.figures import compare_figures, read_figures
from kg.render.timeline import Panel, chart_panels, timeline_html
from kg.render.views import claims_view, whole_view
from kg.render.viz import write_view_html
from kg.store import existing_store

WINDOW = {"width": 1400, "height": 900}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


PAGES = ("graph", "claims", "timeline", "figures")


def write_pages(store: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    """The pages of ``store`` in ``folder``: name -> (page, CSS selector to scroll to or "")."""
    with existing_store(store) as opened:
        graph = write_view_html(whole_view(opened.dataset), folder / "graph.html")
        claims = write_view_html(claims_view(opened.dataset), folder / "claims.html")
        groups = compare_figures(read_figures(opened.dataset))
    timeline = folder / "timeline.html"
    timeline.write_text(timeline_html(groups), encoding="utf-8")
    anchor = _anchor(chart_panels(groups))
    return {
        "graph": (graph, ""),
        "claims": (claims, ""),
        "timeline": (timeline, f"#{anchor}" if anchor else ""),
        "figures": (timeline, f"#{anchor} details" if anchor else "details"),
    }


def _anchor(panels: Sequence[Panel]) -> str:
    """The panel to show first: the one with the most figures, or the one above it when that one
    has figures that disagree (so that a red ring is in the picture too)."""
    if not panels:
        return ""
    fullest = max(range(len(panels)), key=lambda i: len(panels[i].marks))
    above = panels[fullest - 1] if fullest else None
    if above is not None and any(mark.disagrees_with for mark in above.marks):
        return above.id
    return panels[fullest].id


def shoot(browser: Any, page_path: Path, anchor: str, png: Path) -> None:
    """Open ``page_path`` offline, wait until it is drawn, scroll to the element ``anchor``
    selects, save ``png``."""
    page = browser.new_page(viewport=WINDOW)
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(page_path.as_uri())
        page.wait_for_function(
            "typeof network === 'undefined' || document.body.dataset.stabilized === 'true'", timeout=120_000
        )
        if anchor:
            page.evaluate("(sel) => document.querySelector(sel).scrollIntoView()", anchor)
        page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=str(png))
    finally:
        page.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path("out/store"), help="default: out/store")
    parser.add_argument(
        "--out", type=Path, default=Path("docs"), help="folder for the PNG files (default: docs)"
    )
    parser.add_argument("--prefix", default="", help="put before each file name (e.g. stories-)")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES), help="default: all")
    args = parser.parse_args(argv)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        sys.exit("no chromium on PATH (make browser installs it)")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ckg-screens-") as folder, sync_playwright() as playwright:
        pages = write_pages(args.store, Path(folder))
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            for name in args.pages:
                page_path, anchor = pages[name]
                png = args.out / f"{args.prefix}{name}.png"
                shoot(browser, page_path, anchor, png)
                print(f"wrote     {png}")  # noqa: T201
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
