"""The layering of kg/ (``[tool.importlinter]`` in pyproject.toml) holds, and the check bites."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def _lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=folder, capture_output=True, text=True)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_layers_the_tree_keeps_the_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        ("extract/names.py", "import kg.store", "kg.extract is not allowed to import kg.store"),
        ("read/stats.py", "from kg.render import viz", "kg.read is not allowed to import kg.render"),
        ("web/app.py", "import kg.cli.options", "kg.web is not allowed to import kg.cli"),
        ("files.py", "from kg.ingest import read", "kg.files is not allowed to import kg.ingest"),
    ],
)
def test_layers_a_wrong_import_breaks_the_contract(
    tmp_path: Path, module: str, wrong_import: str, broken: str
) -> None:
    copy = _copy(tmp_path)
    with (copy / "kg" / module).open("a", encoding="utf-8") as handle:
        handle.write(f"\n\ndef _wrong() -> None:\n    {wrong_import}  # a deliberate layering error\n")
    result = _lint(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
