"""bench/profile_build.py: how it splits profiled time between the model and the rest.

The bench scripts are not a package: bench/ goes on sys.path, as the scripts themselves do.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
profile = importlib.import_module("profile_build")

BUILD = ("/venv/src/kg/build.py", 1, "build")
PIPE = ("/venv/site-packages/spacy/language.py", 10, "pipe")
COMPONENTS = ("/venv/site-packages/spacy/util.py", 20, "_pipe")
RULER = ("/venv/site-packages/spacy/pipeline/entityruler.py", 30, "__call__")
MATCHER = ("spacy/matcher/phrasematcher.pyx", 40, "__call__")
LEN = ("~", 0, "<built-in method builtins.len>")


def _edge(seconds: float) -> tuple[int, int, float, float]:
    return 1, 1, seconds, seconds


#: build -> nlp.pipe -> the components -> the gazetteer ruler -> its phrase matcher; both
#: build and the components call len(), the components three times as long.
TABLE = {
    BUILD: (1, 1, 1.0, 10.0, {}),
    PIPE: (1, 1, 0.5, 8.0, {BUILD: _edge(8.0)}),
    COMPONENTS: (1, 1, 5.0, 7.5, {PIPE: _edge(7.5)}),
    RULER: (1, 1, 0.2, 1.0, {COMPONENTS: _edge(1.0)}),
    MATCHER: (1, 1, 0.8, 0.8, {RULER: _edge(0.8)}),
    LEN: (4, 4, 0.4, 0.4, {BUILD: _edge(0.1), COMPONENTS: _edge(0.3)}),
}


def test_bench_profile_splits_time_by_caller() -> None:
    share = profile.share_outside_model(TABLE)
    assert share[BUILD] == 1.0 and share[RULER] == 1.0  # ours, wherever it runs
    assert share[PIPE] == 0.0 and share[COMPONENTS] == 0.0  # the model's own
    assert share[MATCHER] == pytest.approx(1.0)  # called only by the ruler
    assert share[LEN] == pytest.approx(0.25)  # a quarter of its time on build's behalf


def test_bench_profile_finds_what_drives_the_model() -> None:
    assert profile.callers_of(TABLE, [PIPE]) == [BUILD]
    assert profile.callers_of(TABLE, [BUILD]) == []


@pytest.mark.slow
def test_bench_profile_runs_small(run_bench) -> None:  # type: ignore[no-untyped-def]
    if not profile.ISAF.is_file():
        pytest.skip(f"{profile.ISAF} is absent")
    done = run_bench("profile_build.py", *"--limit 2 --repeat 1 --top 3".split())
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^corpus\s+isaf_test_gold.jsonl: 2 articles, \d+ words, \d+ quads", out, flags=re.M)
    assert re.search(r"^ratio\s+\d+\.\d+ \(kg build / bare nlp.pipe", out, flags=re.M)
    assert re.search(r"^profiled\s+[\d.]+ s: the model's own \d+%, outside it \d+%", out, flags=re.M)
    for title in ("cumulative", "own"):
        table = out.split(f"top 3 by {title} time", 1)[1].splitlines()[1:4]
        assert all(re.match(r"^\s+\d+\.\d{3}\s+\d+\.\d%\s+\d+\s+\S", line) for line in table), table
