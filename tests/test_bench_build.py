"""bench/synth_corpus.py writes valid, distinct, reproducible articles; bench/build_bench.py runs small.

The bench scripts are not a package: bench/ goes on sys.path, as the scripts themselves do.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

from kg.extract.gazetteer import load_gazetteer
from kg.ingest.read import read_articles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
synth = importlib.import_module("synth_corpus")


def test_bench_synth_corpus_same_seed_same_bytes(tmp_path: Path) -> None:
    first, again, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    words = synth.write_corpus(first, 6, seed=0)
    assert synth.write_corpus(again, 6, seed=0) == words
    assert again.read_bytes() == first.read_bytes()
    synth.write_corpus(other, 6, seed=1)
    assert other.read_bytes() != first.read_bytes()
    smaller = tmp_path / "d.jsonl"
    synth.write_corpus(smaller, 3, seed=0)
    assert first.read_bytes().startswith(smaller.read_bytes())  # a smaller corpus is a prefix


def test_bench_synth_corpus_folder_and_jsonl_read_as_distinct_articles(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path / "folder", 12, seed=3, fmt="folder")
    synth.write_corpus(tmp_path / "corpus.jsonl", 12, seed=3, fmt="jsonl")
    folder = list(read_articles([tmp_path / "folder"], strict=True))
    jsonl = list(read_articles([tmp_path / "corpus.jsonl"], strict=True))
    assert len(folder) == len({a.id for a in folder}) == 12
    assert [a.id for a in jsonl] == [a.id for a in folder]
    for article in folder:
        assert synth.MIN_WORDS <= len(article.text.split()) <= synth.MAX_WORDS
        assert article.title and article.publisher and article.url
        assert article.published is not None and "2024-10-01" <= article.published <= "2025-10-01"
    assert len({a.url for a in folder}) == 12
    text = "\n".join(a.text for a in folder)
    known = [e for e in load_gazetteer().entries if e.cls in ("State", "Person", "GovernmentBody")]
    assert sum(any(name in text for name in e.names) for e in known) >= 20
    assert re.search(r"\b(at least|about|more than|between) [\d,]+", text)


def test_bench_synth_corpus_refuses_to_mix_into_an_existing_corpus(tmp_path: Path, run_bench) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "old.txt").write_text("an earlier article", encoding="utf-8")
    done = run_bench("synth_corpus.py", "--articles", "2", "--out", str(tmp_path), timeout=60)
    assert done.returncode == 2 and "exists" in done.stderr


def test_bench_build_bench_sizes_are_comma_separated_numbers() -> None:
    bench = importlib.import_module("build_bench")
    assert bench._sizes("1000,10_000") == [1000, 10000]
    assert bench._sizes("0") == []  # none: the rows are skipped
    for bad in ("", "0,10", "10k"):
        with pytest.raises(argparse.ArgumentTypeError, match="numbers"):
            bench._sizes(bad)


@pytest.mark.slow
def test_bench_build_bench_runs_small_and_prints_ratios(tmp_path: Path, run_bench) -> None:  # type: ignore[no-untyped-def]
    results = tmp_path / "results.json"
    sizes = (
        "--articles 2 --workers 1,2 --dask-workers 1 --rss-sizes 1,2 --store-articles 2 --exports-articles 2"
    )
    done = run_bench(
        "build_bench.py",
        *sizes.split(),
        "--workdir",
        str(tmp_path / "w"),
        "--json",
        str(results),
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^machine\s+\d+ cores", out, flags=re.M)
    ratio = re.search(r"^ratio\s+(\d+\.\d+) \(kg build --store memory, no exports / bare nlp.pipe", out, re.M)
    assert ratio and float(ratio[1]) > 0
    assert re.search(r"^ratio\s+\d+\.\d+ \(peak RSS, 2 / 1 articles", out, flags=re.M)
    assert re.search(r"^embedded store: 2 articles, [\d,]+ quads", out, flags=re.M)
    assert "with exports, 2 articles" in out
    assert re.search(r"^workers\s+this machine has \d+ cores", out, flags=re.M)
    assert re.search(r"^2\s+[\d.]+\s+[\d,]+\s+\d+\.\d+$", out, flags=re.M)  # the workers=2 row
    data = json.loads(results.read_text(encoding="utf-8"))
    assert set(data["throughput"]) == {"bare", "build", "build_with_exports"}
    assert set(data["children"]) == {"1", "2"} and data["children"]["2"]["quads"] > 0
    assert set(data["workers"]) == {"1", "2", "dask local 1"}
    assert re.search(r"^dask local 1\s+[\d.]+\s+[\d,]+\s+\d+\.\d+$", out, flags=re.M)
