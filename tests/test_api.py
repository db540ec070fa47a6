"""The public surface is exactly what ``kg.__all__`` promises, and importing it is cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kg


def test_api_all_names_are_sorted_and_each_is_what_it_says() -> None:
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        obj = getattr(kg, name)
        assert obj.__name__ == name and obj.__module__.startswith("kg."), name


def test_api_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'biuld'"):
        kg.biuld  # noqa: B018


def test_api_errors_share_one_root() -> None:
    errors = [getattr(kg, name) for name in kg.__all__ if name.endswith("Error")]
    assert len(errors) == 8 and all(issubclass(error, kg.KGError) for error in errors)


@pytest.mark.parametrize(
    "code",
    [
        "import kg",
        "import kg.errors",
        "import kg; kg.KGError, kg.Article",
        "from kg.cli import main; main(['--help'])",
    ],
)
def test_api_import_loads_no_model_rdf_or_store(code: str) -> None:
    probe = (
        "import sys\ntry:\n    "
        + code
        + "\nexcept SystemExit:\n    pass\n"
        + "loaded = {m.split('.')[0] for m in sys.modules}\n"
        + "heavy = sorted(loaded & {'spacy', 'rdflib', 'pyoxigraph', 'networkx'})\n"
        + "print(heavy, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "[]"
