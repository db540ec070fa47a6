"""The `kg` command's surface: help, the build summary, and one-line errors for bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main, parse

GOOD = "Ukrainian forces shelled positions near Kursk, officials in Kyiv said on Monday.\n"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True
    )
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ")}
    assert {"build", "validate", "query", "remove", "claims", "serve"} <= listed


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of bad input, with a word its error message must contain."""
    empty_dir = tmp_path / "empty_dir"
    empty_dir.mkdir()
    empty_file = tmp_path / "empty.txt"
    empty_file.write_text("  \n")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Les forces ukrainiennes \xe9taient l\xe0.".encode("latin-1"))
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    bad_meta = tmp_path / "bad_meta"
    bad_meta.mkdir()
    (bad_meta / "a.txt").write_text(GOOD)
    (bad_meta / "meta.json").write_text('{"a.txt": {"title": "x",}')
    bad_jsonl = tmp_path / "bad.jsonl"
    bad_jsonl.write_text('{"text": "' + GOOD.strip() + '"\n')
    return {
        "missing path": (tmp_path / "nope", "nope"),
        "empty folder": (empty_dir, "empty_dir"),
        "empty file": (empty_file, "empty.txt"),
        "not UTF-8": (latin1, "latin1.txt"),
        "binary": (binary, "binary.txt"),
        "bad meta.json": (bad_meta, "meta.json"),
        "bad JSONL line": (bad_jsonl, "bad.jsonl"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing path", "empty folder", "empty file", "not UTF-8", "binary", "bad meta.json", "bad JSONL line"],
)
def test_cli_bad_input_is_one_line_naming_the_file(case: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, named = _bad_inputs(tmp_path)[case]
    status, out, err = _run(["build", str(path), "--out", str(tmp_path / "out"), "--store", "memory"], capsys)
    assert status == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    assert named in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "graph.trig").exists()


@pytest.mark.slow
def test_cli_one_bad_file_among_good_ones_warns_and_builds_the_rest(
    tmp_path: Path, seeds_dir: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \xff")
    status, out, err = _run(
        ["build", str(folder), "--out", str(tmp_path / "out"), "--store", "memory"], capsys
    )
    assert status == 0, err
    assert "broken.txt" in err and "warning" in err.lower()
    assert "2 added" in out
    assert (tmp_path / "out" / "graph.trig").is_file()


@pytest.mark.slow
def test_cli_strict_stops_at_the_bad_file(tmp_path: Path, seeds_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    shutil.copytree(seeds_dir, folder)
    (folder / "broken.txt").write_text("")
    status, _, err = _run(["build", str(folder), "--out", str(tmp_path / "out"), "--strict"], capsys)
    assert status == 1 and "broken.txt" in err
    assert not (tmp_path / "out" / "store").exists()


@pytest.mark.slow
def test_cli_build_prints_the_summary_and_validate_accepts_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(json.dumps({"id": "a1", "text": GOOD, "published": "2025-01-06"}) + "\n")
    status, out, err = _run(["build", str(jsonl), "--out", str(tmp_path / "out")], capsys)
    assert status == 0, err
    for word in ("articles", "entities", "mentions", "claims", "triples", "seconds"):
        assert word in out
    status, out, _ = _run(["validate", str(tmp_path / "out" / "graph.trig")], capsys)
    assert status == 0 and "conforms" in out


def test_cli_validate_names_a_malformed_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .")
    status, _, err = _run(["validate", str(bad)], capsys)
    assert status == 1 and "broken.ttl" in err


@pytest.mark.slow
def test_cli_a_reader_gone_before_the_output_is_no_traceback(seed_store: Path) -> None:
    """'kg stats --format json | head' with the reader gone: exit 1, nothing on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "stats", "--store", str(seed_store), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the command writes
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) == 1
    assert err == ""


@pytest.mark.parametrize("argv", [["-q", "stats"], ["stats", "-q"], ["stats", "--quiet"]])
def test_cli_global_options_before_or_after_the_command(argv: list[str]) -> None:
    assert parse([*argv, "--store", "memory"]).quiet is True


def test_cli_global_option_absent_after_the_command_keeps_the_default() -> None:
    args = parse(["stats", "--store", "memory"])
    assert (args.quiet, args.verbose) == (False, False)


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["claims", "--measure", "deaths"], "did you mean Killed?"),
        (["claims", "--assertions", "--measure", "casualties"], "did you mean KilledOrWounded?"),
        (["figures", "--measure", "prisoners"], "did you mean Captured?"),
        (["query", "--name", "claims", "--param", "measure=wonded"], "did you mean Wounded"),
    ],
)
def test_cli_a_misspelt_measure_is_one_error_line_with_a_suggestion(
    argv: list[str], meant: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command reads a measure the same way; before, claims printed an empty table."""
    status, out, err = _run([*argv, "--store", str(tmp_path / "nowhere")], capsys)
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and meant in err and "is not a measure" in err
    assert not (tmp_path / "nowhere").exists()  # refused before the store is looked for
