"""Store backends behind one interface, chosen by a URI-like ``--store`` string.

``memory`` gives rdflib's in-memory Dataset; anything else is a folder for the embedded
Oxigraph store. Backends are imported only when asked for.
"""

from __future__ import annotations

from pathlib import Path

from kg.store.base import Capabilities, QuadStore

__all__ = ["Capabilities", "QuadStore", "open_store"]


def open_store(spec: str | Path) -> QuadStore:
    """Open the store named by ``spec``: "memory" or a folder path (created if missing)."""
    if str(spec) == "memory":
        from kg.store.memory import MemoryStore

        return MemoryStore()
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(Path(spec))
