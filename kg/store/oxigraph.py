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

A load that fails is undone at once, and its journal removed once the undo has worked. Where
the undo fails too (a full disk refuses deletions as well) or the process dies inside ``add``,
the journal stays, and the undo runs when the store is next opened: the store holds only whole
batches. The bulk loader's temporary ``bulk-*.sst`` files and the half-written journals that a
failed or killed ``add`` leaves are removed at the same points, so they do not fill the disk.
Counting uses ``in``, never ``len()``, whose cost grows with the store rather than the batch.

Opened ``read_only``, the store is a view for reading commands (:mod:`kg.store.snapshot`): it takes
no lock, so any number of readers, ``kg serve`` among them, run beside each other and beside one
writer, and :meth:`OxigraphStore.refresh` moves the view on to what a writer has added since.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from kg.errors import StoreError
from kg.files import explain, write_whole
from kg.store.base import Capabilities
from kg.store.snapshot import Version, open_view, try_view, version

if TYPE_CHECKING:
    from rdflib import Dataset, URIRef

    from kg.rdf.mapping import Quad

__all__ = ["OxigraphStore", "folder_generation"]

log = logging.getLogger(__name__)

#: The journals ``add`` keeps while it loads: the new quads, or "the store was empty".
JOURNAL = "kg-pending.nq"
WAS_EMPTY = "kg-pending.empty"
JOURNALS = (JOURNAL, WAS_EMPTY)

#: The bulk loader's temporary files, ingested whole or left behind by a load cut short.
BULK_FILES = "bulk-*.sst"


class _LockedError(StoreError):
    """Another process holds the store open for writing."""


class OxigraphStore:
    """An Oxigraph database directory. One process at a time may hold it open for writing;
    read-only views (``read_only``) take no lock."""

    capabilities = Capabilities(persistent=True, transactional=True)

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.location = str(path)
        self.folder: Path | None = path
        self._folder = path
        self.read_only = read_only
        self.created = not read_only and not path.exists()
        if path.exists() and not path.is_dir():
            raise StoreError(f"store path {path} is a file, not a folder; pass a folder or 'memory'")
        self._dataset: Dataset | None = None
        if read_only:
            self._refreshing = threading.Lock()
            inner, self._version = open_view(path, JOURNALS, self._recover_elsewhere)
            self._attach(inner)
            return
        try:
            from rdflib import Dataset

            path.mkdir(parents=True, exist_ok=True)
            self._dataset = Dataset(store="Oxigraph")
            self._dataset.open(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise _LockedError(
                    f"cannot open the Oxigraph store at {path} to write: another kg process is writing "
                    "it (a build, a remove, or kg serve --allow-update); wait for it or stop it"
                ) from exc
            raise StoreError(f"cannot open the Oxigraph store at {path}: {explain(exc)}") from exc
        self._inner: ox.Store = self._dataset.store._inner  # type: ignore[attr-defined]
        try:
            self._recover()
        except OSError as exc:
            self._release()
            raise StoreError(
                f"cannot open the Oxigraph store at {path}: undoing the write of a process that "
                f"stopped inside it failed: {explain(exc)}"
            ) from exc

    def refresh(self) -> bool:
        """Move a read-only view on to the store as it is on disk now, where a writer changed it
        since and is not in the middle of a write; whether the view moved. Queries already
        running keep the view they started on."""
        if not self.read_only or version(self._folder, JOURNALS) == self._version:
            return False
        with self._refreshing:
            if version(self._folder, JOURNALS) == self._version:
                return False  # another thread moved it first
            try:
                found = try_view(self._folder, JOURNALS)
            except (OSError, RuntimeError) as exc:  # keep serving the view that reads
                log.warning("cannot open a new view of %s, keeping the old one: %s", self.location, exc)
                return False
            if found is None:
                return False
            inner, self._version = found
            self._attach(inner)
            return True

    def _attach(self, inner: ox.Store) -> None:
        """Read through ``inner`` from now on; its rdflib view is made when first asked for
        (:attr:`dataset`): ``kg export`` never asks, and oxrdflib takes 0.2 s to import."""
        self._dataset = _rdflib_view(inner) if self._dataset is not None else None
        self._inner = inner

    def _recover_elsewhere(self) -> bool:
        """Undo, with a short read-write opening, a write a stopped process left; False where a
        live process holds the store for writing (its write is under way)."""
        try:
            OxigraphStore(self._folder).close()
        except _LockedError:
            return False
        return True

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = _rdflib_view(self._inner)
        return self._dataset

    def oxigraph(self) -> ox.Store:
        return self._inner

    @property
    def native(self) -> ox.Store:
        return self._inner

    def generation(self) -> str | None:
        """A read-only view's: the version it was opened at. A store open for writing has none:
        its files change as it writes and again when it is closed (:func:`folder_generation`)."""
        return _token(self._version) if self.read_only else None

    def has_graph(self, name: URIRef) -> bool:
        graph = ox.NamedNode(str(name))
        return any(True for _ in self._inner.quads_for_pattern(None, None, None, graph))

    def add(self, quads: Sequence[Quad]) -> int:
        self._writable()
        try:
            if self._is_empty():
                return self._load_into_empty(quads)
            return self._extend(quads)
        except (OSError, SyntaxError, ValueError, UnicodeError) as exc:
            raise StoreError(
                f"writing to the Oxigraph store at {self.location} failed: {explain(exc)}; {self._state()}"
            ) from exc

    def remove(self, quads: Sequence[Quad]) -> int:
        self._writable()
        present = [quad for quad in quads if _ox_quad(quad) in self._inner]
        if not present:
            return 0
        try:
            self._inner.update(_delete_data(present))  # one transaction
        except OSError as exc:
            raise StoreError(
                f"writing to the Oxigraph store at {self.location} failed: {explain(exc)}; "
                "the store is as it was"
            ) from exc
        return len(dict.fromkeys(present))

    def __len__(self) -> int:
        return len(self._inner)

    def close(self) -> None:
        """Flush and release the database lock (held until the last reference is gone)."""
        if self.read_only:
            self._release()
            return
        try:
            self._inner.flush()
        except OSError as exc:
            raise StoreError(f"cannot flush the Oxigraph store at {self.location}: {explain(exc)}") from exc
        finally:
            self._release()

    def _release(self) -> None:
        if self._dataset is not None:
            self._dataset.close()
        del self._inner

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"the store at {self.location} was opened read-only; a reading command cannot write"
            )

    def _is_empty(self) -> bool:
        return next(iter(self._inner.quads_for_pattern(None, None, None, None)), None) is None

    def _load_into_empty(self, quads: Sequence[Quad]) -> int:
        from kg.store.nquads import nquad_line

        lines = dict.fromkeys(nquad_line(quad) for quad in quads)
        if not lines:
            return 0
        text = "".join(lines).encode("utf-8")
        self._journalled(
            WAS_EMPTY,
            b"",
            lambda: self._inner.bulk_load(input=text, format=ox.RdfFormat.N_QUADS),
            self._inner.clear,
        )
        return len(lines)

    def _extend(self, quads: Sequence[Quad]) -> int:
        new = [quad for quad in dict.fromkeys(_ox_quad(quad) for quad in quads) if quad not in self._inner]
        if not new:
            return 0
        self._journalled(
            JOURNAL,
            ox.serialize(new, format=ox.RdfFormat.N_QUADS) or b"",
            lambda: self._inner.bulk_extend(new),
            lambda: _remove_each(self._inner, new),
        )
        return len(new)

    def _journalled(
        self, journal: str, content: bytes, load: Callable[[], None], undo: Callable[[], None]
    ) -> None:
        """Run ``load`` all or nothing: ``content`` on disk first says how to undo it."""
        path = self._folder / journal
        write_whole({path: lambda tmp: tmp.write_bytes(content)})
        try:
            load()
            self._inner.flush()
        except BaseException:
            try:
                self._undo(path, undo)
            except OSError as exc:  # the journal stays: the next open undoes the load
                log.info("undoing a failed write to %s failed too: %s", self.location, exc)
            raise
        path.unlink()

    def _undo(self, journal: Path, undo: Callable[[], None]) -> None:
        """Undo a load and remove its journal; running it again after it was cut short is safe."""
        _remove_leftovers(self._folder)
        undo()
        self._inner.flush()
        journal.unlink()

    def _recover(self) -> None:
        """Undo an ``add`` that a dead process, or a failed undo, left half done."""
        _remove_leftovers(self._folder)
        marker, journal = self._folder / WAS_EMPTY, self._folder / JOURNAL
        if marker.exists():
            self._undo(marker, self._inner.clear)
        if journal.exists():
            pending = ox.parse(path=str(journal), format=ox.RdfFormat.N_QUADS)
            self._undo(journal, lambda: _remove_each(self._inner, pending))

    def _state(self) -> str:
        """What a failed ``add`` left, for its error message."""
        if (self._folder / WAS_EMPTY).exists() or (self._folder / JOURNAL).exists():
            return "the part written is undone when the store is next opened"
        return "the store is as it was"


def folder_generation(folder: Path) -> str:
    """The generation of the store in ``folder`` as it is on disk now: what every write, and
    every opening for writing, changes (:func:`kg.store.snapshot.version`)."""
    return _token(version(folder, JOURNALS))


def _token(found: Version) -> str:
    return hashlib.sha256(repr(found).encode("utf-8")).hexdigest()[:32]


def _remove_each(inner: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Slow, but only run to undo; removing a quad that is not there is a no-op, so an undo
    cut short can run again."""
    for quad in quads:
        inner.remove(quad)


def _rdflib_view(inner: ox.Store) -> Dataset:
    from oxrdflib import OxigraphStore as OxigraphBackend
    from rdflib import Dataset

    return Dataset(store=OxigraphBackend(store=inner))


def _ox_quad(quad: Quad) -> ox.Quad:
    from oxrdflib._converter import to_ox

    return cast(ox.Quad, to_ox(quad))  # type: ignore[arg-type]


def _remove_leftovers(folder: Path) -> None:
    """Remove the bulk loader's files and journals that a failed or killed ``add`` left unused.
    Safe while this process holds the store: no load is running, and a bulk file that was
    ingested is a second link to a file the database keeps under its own name."""
    for pattern in (BULK_FILES, f".{JOURNAL}.*.tmp", f".{WAS_EMPTY}.*.tmp"):
        for leftover in folder.glob(pattern):
            leftover.unlink(missing_ok=True)


def _delete_data(quads: Sequence[Quad]) -> str:
    """One SPARQL ``DELETE DATA``: Oxigraph runs an update as a single transaction."""
    body = "\n".join(f"GRAPH {g.n3()} {{ {s.n3()} {p.n3()} {o.n3()} }}" for s, p, o, g in quads)
    return f"DELETE DATA {{\n{body}\n}}"
