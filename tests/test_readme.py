"""The README's examples are what the commands print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import COMMANDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> list[str]:
    """The lines of the first fenced block after ``marker``."""
    found = re.search(re.escape(marker) + r".*?```\n(.*?)```", README, flags=re.S)
    assert found, f"no code block after {marker!r} in README.md"
    return found.group(1).splitlines()


def test_readme_lists_every_command_with_its_help() -> None:
    lines = _block_after("## Usage")
    lines = lines[lines.index("commands:") + 1 : lines.index("$ kg build --help")]
    listed = {match[1]: match[2] for line in lines if (match := re.fullmatch(r"  (\w+) {2,}(\S.*)", line))}
    assert listed == {name: help_text for name, (_, help_text) in COMMANDS.items()}


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
    ],
)
def test_readme_assertion_examples_are_what_the_commands_print_on_the_seeds(
    command: str,
    seed_build: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import shlex

    from kg.cli import main

    _, out = seed_build
    monkeypatch.setenv("COLUMNS", "100")  # the width the README's tables were printed at
    assert main([*shlex.split(command)[1:], "--store", str(out / "store")]) == 0
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    found = re.search("```\n" + re.escape(f"$ {command}") + "\n(.*?)```", README, flags=re.S)
    assert found, f"no block for {command!r} in README.md"
    assert found.group(1).splitlines() == printed
