"""Every notebook in notebooks/ runs end to end, so the walkthroughs never rot."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow


@cache
def _run(path: Path) -> list[dict[str, Any]]:
    """The outputs of every code cell after a run, in order; each notebook runs once per test run."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(path.parent)}}
    nbclient.NotebookClient(notebook, timeout=300, resources=resources).execute()
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def _shown(outputs: list[dict[str, Any]], mime: str) -> str:
    return "\n".join(str(o.get("data", {}).get(mime, "")) for o in outputs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_run_end_to_end(path: Path) -> None:
    outputs = _run(path)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert "'articles': 2" in _shown(outputs, "text/plain")
    assert "North Korea" in _shown(outputs, "text/plain") + _shown(outputs, "text/html")


def test_notebooks_walkthrough_shows_queries_centrality_timeline_and_view() -> None:
    outputs = _run(NOTEBOOKS[0].parent / "walkthrough.ipynb")
    tables = _shown(outputs, "text/html")
    assert "<th>widest: low</th>" in tables and "<td>At least 100</td>" in tables  # the NIS figure
    assert "<th>PageRank</th>" in tables
    # the parquet export read into pandas: the NIS's troop count among the highest figures
    assert "<th>first_stated</th>" in tables and "<td>11000.0</td>" in tables
    assert "<iframe srcdoc=" in tables and "vis.Network(" in tables.replace("&quot;", '"')
    svg = _shown(outputs, "image/svg+xml")
    assert "<svg" in svg and "National Intelligence Service" in svg
