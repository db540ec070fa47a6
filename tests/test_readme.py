"""The README's examples are what the commands print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> list[str]:
    """The lines of the first fenced block after ``marker``."""
    found = re.search(re.escape(marker) + r".*?```\n(.*?)```", README, flags=re.S)
    assert found, f"no code block after {marker!r} in README.md"
    return found.group(1).splitlines()


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]], ids=["kg", "kg build"])
def test_readme_help_blocks_are_the_real_help(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    monkeypatch.setenv("COLUMNS", "100")  # the width the README's blocks were printed at
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    printed = capsys.readouterr().out.splitlines()
    lines = _block_after("## Usage")
    start = lines.index(f"$ kg {' '.join(argv)}") + 1
    shown = lines[start:]
    shown = shown[: next((i for i, line in enumerate(shown) if line.startswith("$ kg ")), len(shown))]
    while shown and not shown[-1]:
        shown.pop()
    assert shown == printed


@pytest.mark.slow
def test_readme_demo_summary_is_what_the_seed_build_prints(seed_build: tuple) -> None:  # type: ignore[type-arg]
    from kg.cli.build import summary

    report, out = seed_build
    printed = summary(report).replace(str(out), "out").splitlines()
    shown = _block_after("`make demo` runs `kg build seeds/ --out out/` and prints:")
    assert [line for line in shown if not line.startswith("seconds")] == [
        line for line in printed if not line.startswith("seconds")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        'kg claims --entity "North Korean troops" --measure killed',
        'kg claims --assertions --entity "North Korean troops" --measure killed',
        'kg figures --entity "North Korean troops" --measure killed',
        "kg query --name disagreeing_figures --format tsv | cut -f1-5",
    ],
)
def test_readme_examples_are_what_the_commands_print_on_the_seeds(
    command: str,
    seed_build: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import shlex

    from kg.cli import main

    _, out = seed_build
    monkeypatch.setenv("COLUMNS", "100")  # the width the README's tables were printed at
    kg, _, cut = command.partition(" | cut -f1-")
    assert main([*shlex.split(kg)[1:], "--store", str(out / "store")]) == 0
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    if cut:  # the first fields of each line, as cut(1) prints them
        printed = ["\t".join(line.split("\t")[: int(cut)]) for line in printed]
    found = re.search("```\n" + re.escape(f"$ {command}") + "\n(.*?)```", README, flags=re.S)
    assert found, f"no block for {command!r} in README.md"
    assert found.group(1).splitlines() == printed
