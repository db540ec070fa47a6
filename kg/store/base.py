"""The store interface every backend implements, and its capability flags.

A backend holds quads in named graphs and offers an rdflib ``Dataset`` view for SPARQL, and a
pyoxigraph ``Store`` (itself, or a copy) for the bulk exports to stream from. Writes go in whole
batches through :meth:`QuadStore.add`, which is atomic on every backend that says
``transactional``: a failed build leaves the store as it was.

What a caller needs to know about a store it reads from the store itself (``capabilities``,
``folder``, ``created``): only :func:`kg.store.open_store` reads the ``--store`` string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef

    from kg.rdf.mapping import Quad

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["Capabilities", "QuadStore"]


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a backend can promise; callers branch on these, never on the class."""

    persistent: bool
    transactional: bool


class QuadStore(Protocol):
    """A set of quads in named graphs."""

    capabilities: Capabilities
    #: What the store was opened from, for messages and reports.
    location: str
    #: The folder on this machine the store lives in; None where there is none (memory, an
    #: endpoint), so there is nothing on disk to check for or to remove.
    folder: Path | None
    #: Whether opening made a new store rather than finding one: a build that fails before
    #: writing removes a folder it created, and no other.
    created: bool

    @property
    def dataset(self) -> Dataset:
        """An rdflib view of the store, for SPARQL and serialisation."""
        ...

    def oxigraph(self) -> ox.Store:
        """The quads as a pyoxigraph Store, which the bulk exports stream from: the store itself
        on the embedded backend, an in-memory copy on the others."""
        ...

    def has_graph(self, name: URIRef) -> bool:
        """Whether a named graph with at least one quad exists."""
        ...

    def add(self, quads: Sequence[Quad]) -> int:
        """Add the quads in one batch; returns how many were not in the store before."""
        ...

    def remove(self, quads: Sequence[Quad]) -> int:
        """Remove the quads in one batch (all or none where ``transactional``); returns how
        many of them were in the store."""
        ...

    def refresh(self) -> bool:
        """Move a read-only view on to what another process has written since it was opened;
        whether it moved (only a read-only store folder has such a view)."""
        ...

    def generation(self) -> str | None:
        """What the store holds, as a token that every write changes: a table derived from the
        store records it, and is read only while the store is at the same one. None where the
        backend keeps no such token (memory, an endpoint): nothing is derived from those."""
        ...

    @property
    def native(self) -> pyoxigraph.Store | None:
        """The pyoxigraph store underneath, for derived tables read at its speed; None where
        there is none."""
        ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...
