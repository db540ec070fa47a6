"""What benchmark scripts do around their measurements: print result lines as they come, say
which command and machine produced them, and hold a folder for corpora and stores."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["say", "say_setting", "work_folder"]


def say(line: str) -> None:
    """One line of results, flushed: a long run shows its rows as they are measured."""
    print(line, flush=True)  # noqa: T201


def say_setting(versions: str) -> None:
    """The ``command`` and ``machine`` lines every result table starts with; ``versions``
    names the libraries the numbers depend on."""
    say(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    say(
        f"machine   {os.cpu_count()} cores, {platform.machine()}, load average {os.getloadavg()[0]:.1f} "
        f"at start, Python {platform.python_version()}, {versions}"
    )


@contextmanager
def work_folder(given: Path | None, prefix: str) -> Iterator[Path]:
    """``given``, emptied first and kept afterwards for a look; or a temporary folder, removed."""
    if given is None:
        folder = Path(tempfile.mkdtemp(prefix=prefix))
    else:
        shutil.rmtree(given, ignore_errors=True)
        folder = given
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield folder
    finally:
        if given is None:
            shutil.rmtree(folder, ignore_errors=True)
