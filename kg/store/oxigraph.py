"""Embedded, persistent Oxigraph on disk, through rdflib's Store API (the oxrdflib plugin).

Queries and serialisation go through rdflib so users get one API. Writes bypass rdflib: they
go through Oxigraph's bulk loader, which skips the per-quad transaction bookkeeping and loads
several times faster than ``extend``. The bulk loader is not transactional, so ``add`` keeps
all-or-nothing itself with a journal written to disk before the load starts:

- into an empty store (a first build), the batch is written as N-Quads text, which is 2-3
  times faster than converting every rdflib term; the journal is the marker "the store was
  empty", and the undo is clearing the store;
- into a non-empty store, the new quads are those ``quad in store`` does not find; the journal
  holds them, and the undo is removing them.

A journal found when the store is opened means a process died inside ``add``; it is undone
then, so the store holds only whole batches. Counting uses ``in``, never ``len()``, whose cost
grows with the store rather than the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from oxrdflib._converter import to_ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.mapping import Quad
from kg.store.base import Capabilities

__all__ = ["OxigraphStore"]

#: The journals ``add`` keeps while it loads: the new quads, or "the store was empty".
JOURNAL = "kg-pending.nq"
WAS_EMPTY = "kg-pending.empty"

_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class OxigraphStore:
    """An Oxigraph database directory. Only one process may hold it open at a time."""

    capabilities = Capabilities(persistent=True, transactional=True)

    def __init__(self, path: Path) -> None:
        self.location = str(path)
        self._folder = path
        if path.exists() and not path.is_dir():
            raise StoreError(f"store path {path} is a file, not a folder; pass a folder or 'memory'")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._dataset = Dataset(store="Oxigraph")
            self._dataset.open(str(path))
            self._inner: ox.Store = self._dataset.store._inner  # type: ignore[attr-defined]
            self._recover()
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
        try:
            if self._is_empty():
                return self._load_into_empty(quads)
            return self._extend(quads)
        except (OSError, SyntaxError, ValueError, UnicodeError) as exc:
            raise StoreError(f"writing to the Oxigraph store at {self.location} failed: {exc}") from exc

    def remove(self, quads: Sequence[Quad]) -> int:
        present = [quad for quad in quads if _ox_quad(quad) in self._inner]
        if not present:
            return 0
        try:
            self._inner.update(_delete_data(present))  # one transaction
        except OSError as exc:
            raise StoreError(f"writing to the Oxigraph store at {self.location} failed: {exc}") from exc
        return len(dict.fromkeys(present))

    def __len__(self) -> int:
        return len(self._inner)

    def close(self) -> None:
        """Flush and release the database lock (held until the last reference is gone)."""
        self._inner.flush()
        self._dataset.close()
        del self._inner

    def _is_empty(self) -> bool:
        return next(iter(self._inner.quads_for_pattern(None, None, None, None)), None) is None

    def _load_into_empty(self, quads: Sequence[Quad]) -> int:
        lines = dict.fromkeys(_nquad(quad) for quad in quads)
        if not lines:
            return 0
        text = "".join(lines).encode("utf-8")
        marker = self._folder / WAS_EMPTY
        _write_durably(marker, b"")
        try:
            self._inner.bulk_load(input=text, format=ox.RdfFormat.N_QUADS)
            self._inner.flush()
        except BaseException:
            self._inner.clear()
            raise
        finally:
            marker.unlink()
        return len(lines)

    def _extend(self, quads: Sequence[Quad]) -> int:
        new = [quad for quad in dict.fromkeys(_ox_quad(quad) for quad in quads) if quad not in self._inner]
        if not new:
            return 0
        journal = self._folder / JOURNAL
        _write_durably(journal, ox.serialize(new, format=ox.RdfFormat.N_QUADS) or b"")
        try:
            self._inner.bulk_extend(new)
            self._inner.flush()
        except BaseException:
            _remove_each(self._inner, new)
            raise
        finally:
            journal.unlink()
        return len(new)

    def _recover(self) -> None:
        """Undo an ``add`` that a dead process left half done (see the module docstring)."""
        marker, journal = self._folder / WAS_EMPTY, self._folder / JOURNAL
        if marker.exists():
            self._inner.clear()
            self._inner.flush()
            marker.unlink()
        if journal.exists():
            _remove_each(self._inner, ox.parse(path=str(journal), format=ox.RdfFormat.N_QUADS))
            self._inner.flush()
            journal.unlink()


def _remove_each(inner: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Slow, but only run to undo; removing a quad that is not there is a no-op, so an undo
    cut short can run again."""
    for quad in quads:
        inner.remove(quad)


def _ox_quad(quad: Quad) -> ox.Quad:
    return cast(ox.Quad, to_ox(quad))  # type: ignore[arg-type]


def _write_durably(path: Path, content: bytes) -> None:
    """Write ``path`` whole or not at all, and to disk before the load starts."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _nquad(quad: Quad) -> str:
    return " ".join(_nquad_term(term) for term in quad) + " .\n"


def _nquad_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = str(term).translate(_ECHAR)
        if term.language:
            return f'"{lexical}"@{term.language}'
        return f'"{lexical}"^^<{term.datatype}>' if term.datatype else f'"{lexical}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def _delete_data(quads: Sequence[Quad]) -> str:
    """One SPARQL ``DELETE DATA``: Oxigraph runs an update as a single transaction."""
    body = "\n".join(f"GRAPH {g.n3()} {{ {s.n3()} {p.n3()} {o.n3()} }}" for s, p, o, g in quads)
    return f"DELETE DATA {{\n{body}\n}}"
