"""rdflib's in-memory Dataset: for tests and one-off runs that need nothing on disk."""

from __future__ import annotations

import gc
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import IdentifiedNode, Node

from kg.rdf.export import oxigraph_copy
from kg.rdf.mapping import Quad
from kg.store.base import Capabilities

__all__ = ["MemoryStore"]


class MemoryStore:
    """Quads in rdflib's memory store. ``add`` validates nothing that can fail halfway."""

    capabilities = Capabilities(persistent=False, transactional=True)
    location = "memory"
    folder: Path | None = None
    created = True  # every open is a new, empty store

    def __init__(self) -> None:
        self._dataset: Dataset = _OneGraphQuadsDataset()

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def oxigraph(self) -> ox.Store:
        return oxigraph_copy(self._dataset)

    def has_graph(self, name: URIRef) -> bool:
        return any(True for _ in self._dataset.graph(name).triples((None, None, None)))

    def add(self, quads: Sequence[Quad]) -> int:
        """Add through the store's own ``addN``, one graph object per named graph.

        ``Dataset.addN`` makes a new ``Graph`` for every quad's context, which costs more than
        the memory store's indexing; both hand the store the same triples and graph names.
        """
        graphs = self._graphs(quads)
        before = _size(graphs)
        with _collector_paused():
            self._dataset.store.addN((s, p, o, graphs[g]) for s, p, o, g in quads)
        return _size(graphs) - before

    def remove(self, quads: Sequence[Quad]) -> int:
        graphs = self._graphs(quads)
        before = _size(graphs)
        for s, p, o, g in quads:
            graphs[g].remove((s, p, o))
        return before - _size(graphs)

    def __len__(self) -> int:
        """The memory store keeps a set of triples per graph: counting reads no quads."""
        return sum(len(graph) for graph in self._dataset.contexts())

    def close(self) -> None:
        """Nothing to release; the quads live as long as the object."""

    def refresh(self) -> bool:
        """Nothing else writes this store: the view is always current."""
        return False

    def generation(self) -> None:
        """No generation is kept here: nothing is derived from this store."""
        return None

    @property
    def native(self) -> None:
        return None

    def _graphs(self, quads: Sequence[Quad]) -> dict[URIRef, Graph]:
        """The named graphs ``quads`` go to, each made (and registered) once."""
        return {g: self._dataset.graph(g) for g in dict.fromkeys(q[3] for q in quads)}


class _OneGraphQuadsDataset(Dataset):
    """rdflib's Dataset, except that a quad pattern naming a graph finds that graph's quads alone.

    The memory store answers a pattern with every graph the matching triple is in, and
    ``Dataset.quads`` yields a quad for each: ``quads((s, p, o, g))`` also found the quads of
    other graphs that hold the same triple (RDFLib/rdflib#3314). Oxigraph and SPARQL endpoints
    answer the graph asked for; so does this.
    """

    def quads(  # type: ignore[override]  # graph names, not Graph objects: as rdflib's own
        self, quad: Any = None
    ) -> Generator[tuple[Node, Node, Node, IdentifiedNode | None], None, None]:
        found = super().quads(quad)
        graph = quad[3] if quad is not None and len(quad) == 4 else None
        if graph is None:
            return found  # every graph asked for: nothing to filter, nothing added per quad
        name = graph.identifier if isinstance(graph, Graph) else graph
        # rdflib names the default graph by its identifier or by None, depending on version
        wanted = {name, None} if name == DATASET_DEFAULT_GRAPH_ID else {name}
        return (q for q in found if q[3] in wanted)


def _size(graphs: dict[URIRef, Graph]) -> int:
    """Quads in ``graphs``: the memory store keeps a set per graph, so this reads no quads."""
    return sum(len(graph) for graph in graphs.values())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a bulk insert.

    Every few thousand index entries the store makes, the collector runs, and now and then it
    walks the whole heap (the loaded model included): in a build that was a third of the time
    spent adding. The store's dicts and sets form no cycles, so there is nothing to collect.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
