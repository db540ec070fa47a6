"""Shared fixtures: paths, the loaded extraction pipeline, and one build of the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"{SHARED} is not beside the checkout; the scorer and benchmarks live there")
    return SHARED


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The spaCy pipeline with our components: loaded once, it takes seconds."""
    from kg.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """One build of the seeds into an on-disk Oxigraph store, shared by read-only tests."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out, extractor=extractor)
    yield report, out


@pytest.fixture(scope="session")
def seed_store(seed_build: tuple) -> Path:  # type: ignore[type-arg]
    """The on-disk store of the seed build."""
    _, out = seed_build
    return Path(out) / "store"
