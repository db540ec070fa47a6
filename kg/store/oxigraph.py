"""Embedded, persistent Oxigraph on disk, through rdflib's Store API (the oxrdflib plugin).

Queries and serialisation go through rdflib so users get one API; batches are written
directly with pyoxigraph's transactional ``extend``, which is all-or-nothing and far faster
than rdflib's per-triple path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from oxrdflib._converter import to_ox
from rdflib import Dataset, URIRef

from kg.errors import StoreError
from kg.mapping import Quad
from kg.store.base import Capabilities

__all__ = ["OxigraphStore"]


class OxigraphStore:
    """An Oxigraph database directory. Only one process may hold it open at a time."""

    capabilities = Capabilities(persistent=True, transactional=True)

    def __init__(self, path: Path) -> None:
        self.location = str(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"store path {path} is a file, not a folder; pass a folder or 'memory'")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._dataset = Dataset(store="Oxigraph")
            self._dataset.open(str(path))
            self._inner: ox.Store = self._dataset.store._inner  # type: ignore[attr-defined]
        except OSError as exc:
            raise StoreError(
                f"cannot open the Oxigraph store at {path}: {exc}; "
                "is another kg process using it, or is the folder read-only?"
            ) from exc

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def has_graph(self, name: URIRef) -> bool:
        graph = ox.NamedNode(str(name))
        return any(True for _ in self._inner.quads_for_pattern(None, None, None, graph))

    def add(self, quads: Sequence[Quad]) -> int:
        before = len(self._inner)
        try:
            self._inner.extend([cast(ox.Quad, to_ox(quad)) for quad in quads])  # type: ignore[arg-type]
        except OSError as exc:
            raise StoreError(f"writing to the Oxigraph store at {self.location} failed: {exc}") from exc
        return len(self._inner) - before

    def remove(self, quads: Sequence[Quad]) -> int:
        if not quads:
            return 0
        before = len(self._inner)
        try:
            self._inner.update(_delete_data(quads))
        except OSError as exc:
            raise StoreError(f"writing to the Oxigraph store at {self.location} failed: {exc}") from exc
        return before - len(self._inner)

    def __len__(self) -> int:
        return len(self._inner)

    def close(self) -> None:
        """Flush and release the database lock (held until the last reference is gone)."""
        self._inner.flush()
        self._dataset.close()
        del self._inner


def _delete_data(quads: Sequence[Quad]) -> str:
    """One SPARQL ``DELETE DATA``: Oxigraph runs an update as a single transaction."""
    body = "\n".join(f"GRAPH {g.n3()} {{ {s.n3()} {p.n3()} {o.n3()} }}" for s, p, o, g in quads)
    return f"DELETE DATA {{\n{body}\n}}"
