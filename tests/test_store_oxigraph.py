"""The embedded store's own ways: its two load paths, all-or-nothing batches, and undo after a
crash. What every backend shares (counts, reads, queries, capability flags, errors) is in
test_store_contract.py, which runs on an Oxigraph folder too.

A real Oxigraph database on disk in each test. A crash inside ``add`` is reproduced by leaving
what a killed process leaves: the journal on disk next to quads that were already loaded.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.errors import StoreError
from kg.rdf.mapping import Quad
from kg.store.oxigraph import JOURNAL, WAS_EMPTY, OxigraphStore

EX = "https://example.org/"
GRAPH = URIRef(EX + "graph/a")


def _quads(*names: str, graph: URIRef = GRAPH) -> list[Quad]:
    return [(URIRef(EX + name), RDFS.label, Literal(f'"{name}"\\\n', lang="en"), graph) for name in names]


def _sorted(store: OxigraphStore) -> list[str]:
    return sorted(str(q) for q in store._inner.quads_for_pattern(None, None, None, None))  # noqa: SLF001


def test_oxigraph_add_keeps_literals_exact_through_the_text_path(tmp_path: Path) -> None:
    """A first build is loaded as N-Quads text: quotes, backslashes, newlines and datatypes
    must come back as the same terms the term-by-term path writes."""
    literals = [
        Literal('say "hi"\\ \n\r\tend'),
        Literal("12.50", datatype=XSD.decimal),
        Literal("Kursk", lang="ru"),
        Literal("Курск — Суджа"),
    ]
    quads: list[Quad] = [(URIRef(EX + "s"), RDFS.label, o, GRAPH) for o in literals]
    first = OxigraphStore(tmp_path / "text")
    first.add(quads)
    second = OxigraphStore(tmp_path / "terms")
    second.add(_quads("x"))  # not empty: the term-by-term path
    second.add(quads)
    second.remove(_quads("x"))
    assert _sorted(first) == _sorted(second)
    labels = {str(o) for _, _, o, _ in first.dataset.quads((None, RDFS.label, None, None))}
    assert 'say "hi"\\ \n\r\tend' in labels
    assert "Курск — Суджа" in labels
    first.close()
    second.close()


@pytest.mark.parametrize("filled", [False, True], ids=["empty store", "non-empty store"])
def test_oxigraph_add_with_a_bad_quad_changes_nothing(tmp_path: Path, filled: bool) -> None:
    store = OxigraphStore(tmp_path / "store")
    if filled:
        store.add(_quads("a"))
    before = _sorted(store)
    bad = [*_quads("b", "c"), (URIRef("not an iri"), RDFS.label, Literal("x"), GRAPH)]
    with pytest.raises(StoreError, match="writing to the Oxigraph store at .*store failed"):
        store.add(bad)
    assert _sorted(store) == before
    assert not (tmp_path / "store" / JOURNAL).exists()
    assert not (tmp_path / "store" / WAS_EMPTY).exists()
    store.close()


def test_oxigraph_reopen_undoes_a_load_into_an_empty_store_cut_short(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    raw = ox.Store(str(folder))
    raw.bulk_load(
        input=b"<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n",
        format=ox.RdfFormat.N_TRIPLES,
    )
    raw.flush()
    del raw
    (folder / WAS_EMPTY).write_bytes(b"")  # what a build killed inside its first load leaves
    store = OxigraphStore(folder)
    assert len(store) == 0
    assert not (folder / WAS_EMPTY).exists()
    assert store.add(_quads("a")) == 1  # and the next build completes
    store.close()


def test_oxigraph_reopen_undoes_an_extend_cut_short(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = OxigraphStore(folder)
    store.add(_quads("a", "b"))
    kept = _sorted(store)
    pending = [ox.Quad(ox.NamedNode(EX + "c"), ox.NamedNode(EX + "p"), ox.Literal("c"), ox.NamedNode(GRAPH))]
    store._inner.bulk_extend(pending)  # noqa: SLF001  # loaded, but the journal was never cleared
    (folder / JOURNAL).write_bytes(ox.serialize(pending, format=ox.RdfFormat.N_QUADS) or b"")
    store.close()

    reopened = OxigraphStore(folder)
    assert _sorted(reopened) == kept
    assert not (folder / JOURNAL).exists()
    assert reopened.add(_quads("a", "b", "c")) == 1
    reopened.close()


def test_oxigraph_reopen_removes_what_a_killed_load_left(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = OxigraphStore(folder)
    store.add(_quads("a"))
    store.close()
    leftovers = [folder / "bulk-1234.sst", folder / f".{JOURNAL}.99999.tmp"]
    for path in leftovers:
        path.write_bytes(b"half")  # a killed bulk load's file; a journal cut short while written
    reopened = OxigraphStore(folder)
    assert not any(path.exists() for path in leftovers)
    assert reopened.add(_quads("a", "b")) == 1
    reopened.close()


class _FailingLoads:
    """An Oxigraph store whose loads write half the quads and then fail, and whose removals
    fail too: what a full disk does."""

    def __init__(self, inner: ox.Store) -> None:
        self._inner = inner

    def bulk_extend(self, quads: list[ox.Quad]) -> None:
        self._inner.bulk_extend(quads[: len(quads) // 2])
        raise OSError("IO error: No space left on device: While appending to file: bulk-1.sst")

    def remove(self, quad: ox.Quad) -> None:
        raise OSError("IO error: No space left on device: While appending to file: 000009.log")

    def __contains__(self, quad: ox.Quad) -> bool:
        return quad in self._inner

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def test_oxigraph_undo_that_fails_too_is_done_at_the_next_open(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = OxigraphStore(folder)
    store.add(_quads("a"))
    kept = _sorted(store)
    store._inner = _FailingLoads(store._inner)  # type: ignore[assignment]  # noqa: SLF001
    with pytest.raises(StoreError, match="No space left on device.*; free some disk space.*next opened"):
        store.add(_quads("b", "c", "d", "e"))
    assert (folder / JOURNAL).exists()  # the undo failed: the journal stays for the next open
    store.close()

    reopened = OxigraphStore(folder)
    assert _sorted(reopened) == kept
    assert not (folder / JOURNAL).exists()
    reopened.close()


def test_oxigraph_read_only_view_takes_no_lock_and_refuses_writes(tmp_path: Path) -> None:
    writer = OxigraphStore(tmp_path / "store")
    writer.add(_quads("a"))
    reader = OxigraphStore(tmp_path / "store", read_only=True)  # beside the writer
    with pytest.raises(StoreError, match="opened read-only; a reading command cannot write"):
        reader.add(_quads("b"))
    writer.add(_quads("b"))
    assert len(reader) == 1  # the store as it was when the view opened
    assert reader.refresh() and len(reader) == 2
    assert not reader.refresh()  # nothing new since
    reader.close()
    writer.close()


def test_oxigraph_read_only_view_does_not_move_during_a_write(tmp_path: Path) -> None:
    """A view opened while a load is under way could hold part of it: while the journal is on
    disk the view stays where it was."""
    writer = OxigraphStore(tmp_path / "store")
    writer.add(_quads("a"))
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    (tmp_path / "store" / JOURNAL).write_bytes(b"")  # what add writes before it loads
    writer._inner.bulk_extend(
        [ox.Quad(ox.NamedNode(EX + "b"), ox.NamedNode(EX + "p"), ox.Literal("b"), ox.NamedNode(GRAPH))]
    )  # noqa: SLF001
    writer._inner.flush()  # noqa: SLF001
    assert not reader.refresh() and len(reader) == 1
    (tmp_path / "store" / JOURNAL).unlink()
    assert reader.refresh() and len(reader) == 2
    reader.close()
    writer.close()


def test_oxigraph_read_only_open_undoes_a_write_a_stopped_process_left(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = OxigraphStore(folder)
    store.add(_quads("a", "b"))
    store.close()
    pending = [
        ox.Quad(
            ox.NamedNode(EX + "b"),
            ox.NamedNode(str(RDFS.label)),
            ox.Literal('"b"\\\n', language="en"),
            ox.NamedNode(GRAPH),
        )
    ]
    (folder / JOURNAL).write_bytes(ox.serialize(pending, format=ox.RdfFormat.N_QUADS) or b"")
    reader = OxigraphStore(folder, read_only=True)
    assert len(reader) == 1 and not (folder / JOURNAL).exists()
    reader.close()
