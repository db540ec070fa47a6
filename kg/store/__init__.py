"""Store backends behind one interface, chosen by a URI-like ``--store`` string.

``memory`` gives rdflib's in-memory Dataset; ``sparql+http://...`` or ``sparql+https://...``
a remote SPARQL 1.1 endpoint (the URL form is in :mod:`kg.store.sparql`); anything else is a
folder for the embedded Oxigraph store. Backends are imported only when asked for.

:func:`open_store` is the one place that reads the string; everything else asks the store
object (its ``capabilities``, ``folder`` and ``created``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Capabilities, QuadStore

__all__ = [
    "REMOTE_SCHEMES",
    "Capabilities",
    "QuadStore",
    "check_store_target",
    "close_after_failure",
    "existing_store",
    "open_store",
]

log = logging.getLogger(__name__)

#: Store strings that start with one of these name a SPARQL endpoint, not a folder.
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")


def open_store(spec: str | Path, *, create: bool = True, read_only: bool = False) -> QuadStore:
    """Open the store named by ``spec``: "memory", a ``sparql+http(s)://`` endpoint URL, or a
    folder path, created if missing unless ``create`` is false: then a missing folder is a
    one-line error rather than a new, empty store. ``read_only`` opens a store folder as a view
    that takes no lock (see :mod:`kg.store.snapshot`), so readers never shut each other out."""
    if str(spec) == "memory":
        from kg.store.memory import MemoryStore

        return MemoryStore()
    if isinstance(spec, str) and spec.lower().startswith(REMOTE_SCHEMES):
        from kg.store.sparql import SparqlStore

        return SparqlStore(spec)
    path = Path(spec)
    check_store_target(path, create=create and not read_only)
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(path, read_only=read_only)


#: A file every Oxigraph (RocksDB) store folder holds from its first opening.
_STORE_MARKER = "CURRENT"


def check_store_target(spec: str | Path, *, create: bool) -> None:
    """Refuse, before anything is opened or written (opening creates files), a store folder
    that is not one: a command must never write into a folder of articles or onto an export
    file. ``create``: a new or empty folder is welcome (kg build)."""
    path = Path(spec)
    if str(spec) == "memory" or str(spec).lower().startswith(REMOTE_SCHEMES):
        return
    if not create:
        _require_store_folder(path)
    elif path.is_file():
        raise StoreError(
            f"{path} is a file, not a store; give a new or empty folder, or a store kg build wrote"
        )
    elif path.is_dir() and any(path.iterdir()) and not _holds_store(path):
        raise StoreError(
            f"{path} holds files but no ConflictKG store ({_listing(path)}); give a new or empty "
            "folder, or a store kg build wrote"
        )


def _require_store_folder(path: Path) -> None:
    """A store that must exist: a missing path, a file or a folder of something else is an error."""
    if path.is_file():
        raise StoreError(f"{path} is a file, not a store; give the store folder kg build writes (OUT/store)")
    if not path.is_dir():
        raise StoreError(f"no store at {path}; build one first with: kg build INPUT --out DIR")
    if not _holds_store(path):
        raise StoreError(
            f"{path} is a folder but not a ConflictKG store ({_listing(path)}); give the store "
            "folder kg build writes (OUT/store)"
        )


def _holds_store(folder: Path) -> bool:
    return (folder / _STORE_MARKER).is_file()


def _listing(folder: Path) -> str:
    """What a folder holds, in a few words: "it holds a.txt, b.txt, meta.json, ..."."""
    found = sorted(p.name for p in folder.iterdir())
    if not found:
        return "it is empty"
    return f"it holds {', '.join(found[:3])}{', ...' if len(found) > 3 else ''}"


@contextmanager
def existing_store(spec: str | Path, *, read_only: bool = True) -> Iterator[QuadStore]:
    """A store that must already exist, closed afterwards: for commands that only read (the
    default: a read-only view) or change one, a missing folder is a one-line error rather than a
    new, empty store."""
    store = open_store(spec, create=False, read_only=read_only)
    try:
        yield store
    except BaseException:
        close_after_failure(store)
        raise
    store.close()


def close_after_failure(store: QuadStore) -> None:
    """Close ``store`` while an error is on its way up. Where closing fails too (a full disk
    refuses the final flush as well), that is logged, so the first error is the one reported."""
    try:
        store.close()
    except StoreError as exc:
        log.info("closing after a failure failed too: %s", exc)
