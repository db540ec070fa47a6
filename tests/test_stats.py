"""`kg stats`: counts of the seed build by graph, class, measure and certainty."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from kg.cli import parse
from kg.errors import StoreError
from kg.rdf.export import read_graph_file
from kg.read.stats import NO_FIGURE, STATS_HEADERS, Stats, format_stats, store_stats
from kg.store import open_store

SEED_FILES = ["000_495f311b93d16d41.txt", "002_5ad8a92b4d98f69b.txt"]


def _stats_args(*argv: str) -> argparse.Namespace:
    return parse(["stats", *argv])


@pytest.fixture(scope="module")
def seed_stats(seed_store: Path) -> tuple[Stats, int]:
    """The seed store's stats and its size as the store counts it; the store is closed again."""
    store = open_store(seed_store)
    try:
        return store_stats(store.dataset), len(store)
    finally:
        store.close()


def test_stats_seed_articles_and_graphs(seed_stats: tuple[Stats, int]) -> None:
    stats, size = seed_stats
    assert stats.articles == 2
    assert stats.quads == size
    kinds = [count.kind for count in stats.graphs]
    assert kinds == ["entities", "gazetteer", "ontology", "stories", "assertions", "article", "article"]
    articles = [count for count in stats.graphs if count.kind == "article"]
    assert [count.source for count in articles] == SEED_FILES
    assert all(count.headline and count.quads > 500 for count in articles)
    assert "North Korea" in (articles[0].headline or "") + (articles[1].headline or "")
    assert sum(count.quads for count in stats.graphs) == stats.quads


def test_stats_seed_claims_by_measure_and_certainty(seed_stats: tuple[Stats, int]) -> None:
    stats, _ = seed_stats
    claims = stats.records["Claim"]
    assert claims >= 40
    assert stats.claims_by_measure["Killed"] >= 2
    assert stats.claims_by_measure["TroopCount"] >= 2
    assert stats.claims_by_measure[NO_FIGURE] > claims // 2
    assert list(stats.claims_by_measure)[-1] == NO_FIGURE
    assert sum(stats.claims_by_certainty.values()) == claims
    assert max(stats.claims_by_certainty, key=stats.claims_by_certainty.__getitem__) == "Asserted"
    assert stats.records["Quantity"] >= sum(n for m, n in stats.claims_by_measure.items() if m != NO_FIGURE)


def test_stats_seed_classes_match_the_build_report(
    seed_build: tuple[Any, Path], seed_stats: tuple[Stats, int]
) -> None:
    report, _ = seed_build
    stats, _ = seed_stats
    assert stats.records["Article"] == 2
    assert stats.records["Mention"] == report.counts["mentions"]
    assert stats.records["Claim"] == report.counts["claims"]
    assert "State" not in stats.records and "Person" not in stats.records  # entities are apart
    assert stats.entities_by_class == report.entities_by_class
    assert stats.entities == report.counts["entities"]


def test_stats_counts_the_gazetteers_entities_apart_from_the_articles(
    seed_stats: tuple[Stats, int],
) -> None:
    """Issue: "class Person 122" (gazetteer included) beside "entities Person 10"."""
    stats, _ = seed_stats
    assert stats.gazetteer_by_class["State"] >= 40  # the gazetteer's states, mentioned or not
    assert stats.entities_by_class["Person"] < stats.gazetteer_by_class["Person"]
    rows = format_stats(stats)
    sections = {section for section, _, _ in rows}
    assert "class" not in sections and {"records", "entities", "gazetteer"} <= sections
    assert ["entities", "all (the articles')", str(stats.entities)] in rows
    assert ["gazetteer", "Person", str(stats.gazetteer_by_class["Person"])] in rows


def test_stats_same_counts_from_an_export_in_memory(
    seed_build: tuple[Any, Path], seed_stats: tuple[Stats, int]
) -> None:
    _, out = seed_build
    stats, _ = seed_stats
    assert store_stats(read_graph_file(Path(out) / "graph.trig")) == stats


def test_stats_rows_for_the_table(seed_stats: tuple[Stats, int]) -> None:
    stats, _ = seed_stats
    rows = format_stats(stats)
    assert STATS_HEADERS == ("section", "name", "count")
    assert ["total", "articles", "2"] in rows
    assert ["graph", "entities", str(stats.graphs[0].quads)] in rows
    assert ["measure", "Killed", str(stats.claims_by_measure["Killed"])] in rows
    assert any(row[0] == "article" and row[1].startswith(SEED_FILES[0] + ": ") for row in rows)
    assert all(len(row) == 3 and all(isinstance(cell, str) for cell in row) for row in rows)
    short = format_stats(stats, max_articles=1)
    assert ["article", "... 1 more", str(stats.graphs[-1].quads)] in short


def test_stats_command_json_and_table(seed_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _stats_args("--store", str(seed_store), "--format", "json")
    assert args.run(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 2
    assert data["claims_by_measure"]["Killed"] >= 2
    args = _stats_args("--store", str(seed_store))
    assert args.run(args) == 0
    table = capsys.readouterr().out
    assert "certainty" in table and "Killed" in table and "quads" in table


def test_stats_without_a_store_is_one_line_naming_it(tmp_path: Path) -> None:
    args = _stats_args("--store", str(tmp_path / "nowhere"))
    with pytest.raises(StoreError, match=r"no store at .*nowhere; build one first with: kg build"):
        args.run(args)
