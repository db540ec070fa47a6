"""A store path that is no store is refused before anything is written: a folder of articles,
an export file, a missing folder (issue: a reading command once wrote RocksDB files into the
user's article folder and printed an empty result)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.cli import main

READERS = [
    ["stats"],
    ["claims"],
    ["figures"],
    ["query", "--name", "claims"],
    ["export", "--format", "nquads"],
    ["view"],
]


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_reading_command_refuses_a_folder_of_articles_and_leaves_it_as_it_was(
    command: list[str], seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(seeds_dir, articles)
    before = _listing(articles)
    status = main([*command, "--store", str(articles)])
    err = capsys.readouterr().err
    assert status == 1
    assert len(err.strip().splitlines()) == 1
    assert f"{articles} is a folder but not a ConflictKG store" in err and "meta.json" in err
    assert _listing(articles) == before


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_reading_command_says_an_export_file_is_a_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trig = tmp_path / "graph.trig"
    trig.write_text("", encoding="utf-8")
    assert main([*command, "--store", str(trig)]) == 1
    assert f"{trig} is a file, not a store" in capsys.readouterr().err
    assert trig.read_text(encoding="utf-8") == ""


def test_build_refuses_a_folder_of_articles_as_its_store_and_creates_no_output(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(seeds_dir, articles)
    before = _listing(articles)
    out = tmp_path / "out"
    assert main(["build", str(seeds_dir), "--out", str(out), "--store", str(articles)]) == 1
    assert "holds files but no ConflictKG store" in capsys.readouterr().err
    assert _listing(articles) == before
    assert not out.exists()


def test_build_refuses_a_file_as_its_store_and_creates_no_output(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# notes\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(seeds_dir), "--out", str(out), "--store", str(readme)]) == 1
    assert f"{readme} is a file, not a store" in capsys.readouterr().err
    assert not out.exists() and readme.read_text(encoding="utf-8") == "# notes\n"
