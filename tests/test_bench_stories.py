"""bench/stories_bench.py plants copies the way it says and finds them; small runs only.

The bench scripts are not a package: bench/ goes on sys.path, as the scripts themselves do.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
bench = importlib.import_module("stories_bench")


def test_planted_copies_are_reproducible_and_of_every_kind() -> None:
    first = bench.planted_corpus(60, 0.5, seed=2)
    again = bench.planted_corpus(60, 0.5, seed=2)
    assert [(t.name, t.text) for t in first] == [(t.name, t.text) for t in again]
    originals = {t.family: t for t in first if t.kind == "original"}
    copies = [t for t in first if t.kind != "original"]
    assert len(originals) == 60 and copies
    assert {t.kind for t in copies} == set(bench.KINDS)
    for copy in copies:
        assert copy.text != originals[copy.family].text
        if copy.kind == "truncated":
            assert originals[copy.family].text.startswith(copy.text.strip())


def test_detection_finds_the_planted_pairs_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = bench.main(["--originals", "40", "--copied", "0.5", "--build", "0", "--workdir", str(tmp_path)])
    found = result["detection"]
    assert found["articles"] == found["originals"] + found["copies"] and found["copies"] > 0
    assert found["precision"] >= 0.95 and found["recall"] >= 0.95
    assert found["added"] == 20 and found["add_same"]  # a later build's articles join the same stories
    assert result["cost"] is None
    assert "(a) detection" in capsys.readouterr().out


@pytest.mark.slow
def test_cost_times_the_refresh_inside_a_real_build(tmp_path: Path) -> None:
    result = bench.main(["--originals", "4", "--copied", "1", "--build", "2", "--workdir", str(tmp_path)])
    spent = result["cost"]
    assert spent["articles"] >= 4
    assert 0 < spent["refresh_seconds"] < spent["build_seconds"]
    assert set(spent["parts"]) == {
        "stories",
        "read reports",
        "claimant identity and labels",
        "grouping",
        "corroboration links",
    }
