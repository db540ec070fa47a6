"""Read-only views of an Oxigraph store folder that another process may be writing.

A reading command (``kg query``, ``kg claims``, ``kg serve`` ...) opens the store read-only:
RocksDB's read-only mode takes no lock, so readers never shut each other or a build out. A view
holds the store as it was when opened; files the writer deletes later stay readable through the
handles the view keeps. Opening one *while* a write is under way is what RocksDB leaves undefined
(the view may hold part of a batch), so a view is opened only when no write journal
(:data:`kg.store.oxigraph.JOURNAL`, written before every load and removed after it) is on disk,
and kept only if the folder's version did not change while it opened.

The version is what every write changes: the ``CURRENT`` pointer, the manifest it names and the
write-ahead logs (name, size, modification time). A read-only open writes nothing, so readers
never change it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.files import explain

__all__ = ["Version", "open_view", "try_view", "version", "writing"]

log = logging.getLogger(__name__)

#: (name, size, mtime in ns) of the files every write changes, sorted.
Version = tuple[tuple[str, int, int], ...]

#: How long a reader waits for a write under way to finish before it gives up.
WAIT_SECONDS = 60.0
_POLL_SECONDS = 0.05


def version(folder: Path, journals: tuple[str, ...]) -> Version:
    """What every write to ``folder`` changes, read with one directory scan."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name == "CURRENT" or name.startswith("MANIFEST-") or name.endswith(".log") or name in journals:
                try:
                    info = entry.stat()
                except FileNotFoundError:  # removed by the writer between the scan and the stat
                    continue
                found.append((name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def writing(folder: Path, journals: tuple[str, ...]) -> bool:
    """Whether a write journal is on disk: a load under way, or one a stopped process left."""
    return any((folder / name).exists() for name in journals)


def try_view(folder: Path, journals: tuple[str, ...]) -> tuple[ox.Store, Version] | None:
    """A read-only view of whole batches and the version it shows, or None where a write was
    under way before or during the opening (try again later)."""
    before = version(folder, journals)
    if writing(folder, journals):
        return None
    try:
        inner = ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:  # the writer removed a file the opening was reading
        if not writing(folder, journals) and version(folder, journals) == before:
            raise  # not a write under way: the store itself cannot be read
        log.info("opening a read-only view of %s failed, a write is under way: %s", folder, exc)
        return None
    if writing(folder, journals) or version(folder, journals) != before:
        return None
    return inner, before


def open_view(
    folder: Path, journals: tuple[str, ...], recover: Callable[[], bool]
) -> tuple[ox.Store, Version]:
    """A read-only view of whole batches, waiting up to :data:`WAIT_SECONDS` for a write under way.

    Args:
        folder: The store folder.
        journals: The names of the write journals.
        recover: Called when a journal is found: undoes a write a stopped process left and
            returns True, or returns False where a live writer holds the store.

    Raises:
        StoreError: The store cannot be read, or a write did not finish in time.
    """
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if writing(folder, journals) and recover():
            continue
        try:
            found = try_view(folder, journals)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open the Oxigraph store at {folder} to read: {explain(exc)}") from exc
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise StoreError(
                f"the store at {folder} has been in the middle of a write for {WAIT_SECONDS:g} s "
                "(another kg process is writing it); try again when it has finished"
            )
        time.sleep(_POLL_SECONDS)
