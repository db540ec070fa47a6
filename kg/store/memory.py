"""rdflib's in-memory Dataset: for tests and one-off runs that need nothing on disk."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Dataset, URIRef

from kg.mapping import Quad
from kg.store.base import Capabilities

__all__ = ["MemoryStore"]


class MemoryStore:
    """Quads in rdflib's memory store. ``add`` validates nothing that can fail halfway."""

    capabilities = Capabilities(persistent=False, transactional=True)
    location = "memory"

    def __init__(self) -> None:
        self._dataset = Dataset()

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def has_graph(self, name: URIRef) -> bool:
        return any(True for _ in self._dataset.graph(name).triples((None, None, None)))

    def add(self, quads: Sequence[Quad]) -> int:
        before = len(self)
        self._dataset.addN((s, p, o, self._dataset.graph(g)) for s, p, o, g in quads)
        return len(self) - before

    def remove(self, quads: Sequence[Quad]) -> int:
        before = len(self)
        for s, p, o, g in quads:
            self._dataset.graph(g).remove((s, p, o))
        return before - len(self)

    def __len__(self) -> int:
        return sum(1 for _ in self._dataset.quads((None, None, None, None)))

    def close(self) -> None:
        """Nothing to release; the quads live as long as the object."""
