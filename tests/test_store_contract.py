"""The contract every store backend keeps, one test body run on each: rdflib's memory store, an
embedded Oxigraph folder, and a real ``oxigraph serve`` endpoint (marked ``server``).

Callers rely on this and on the flags a store declares, never on which backend it is; what a
backend does its own way (load paths, crash recovery, HTTP) is in test_store_oxigraph.py and
test_store_remote.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.mapping import Quad
from kg.read.query import run_query
from kg.store import Capabilities, QuadStore, existing_store, open_store

EX = "https://example.org/"
FIRST, SECOND = URIRef(EX + "graph/first"), URIRef(EX + "graph/second")

#: Literals that a careless escape, a lost tag or a lost datatype would change.
LITERALS = [
    *(
        Literal(text)
        for text in ('say "no"', "back\\slash \\u0022 not a quote", "two\nlines\r\tand\u2028\u0085", "")
    ),
    Literal("\x01\ufeff😀"),
    Literal("Pyongyang", lang="en"),
    Literal("12000", datatype=XSD.integer),
    Literal("2025-01-02", datatype=XSD.date),
    Literal("1.5", datatype=XSD.decimal),
]

#: What each backend promises.
DECLARED = {
    "memory": Capabilities(persistent=False, transactional=True),
    "folder": Capabilities(persistent=True, transactional=True),
    "endpoint": Capabilities(persistent=True, transactional=False),
}


@pytest.fixture(
    params=[
        pytest.param("memory", id="memory"),
        pytest.param("folder", id="oxigraph-folder"),
        pytest.param("endpoint", id="sparql-endpoint", marks=pytest.mark.server),
    ]
)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def spec(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The ``--store`` string of a new, empty store of the backend's kind."""
    if backend == "memory":
        return "memory"
    if backend == "folder":
        return str(tmp_path / "store")
    return str(request.getfixturevalue("endpoint"))


@pytest.fixture
def store(spec: str) -> Iterator[QuadStore]:
    opened = open_store(spec)
    try:
        yield opened
    finally:
        opened.close()


def _rdf11(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> set[tuple[Node, ...]]:
    """The quads as RDF 1.1 sees them: a simple literal and one typed ``xsd:string`` are the same
    term, which embedded Oxigraph hands back typed and the other backends plain."""
    return {
        tuple(Literal(str(t)) if isinstance(t, Literal) and t.datatype == XSD.string else t for t in quad)
        for quad in quads
    }


def _labels(graph: URIRef, *names: str) -> list[Quad]:
    return [(URIRef(EX + name), RDFS.label, Literal(name, lang="en"), graph) for name in names]


def test_store_contract_add_counts_only_quads_not_there_before(store: QuadStore) -> None:
    assert len(store) == 0
    assert store.add([]) == 0
    assert store.add(_labels(FIRST, "a", "b", "a")) == 2  # into an empty store; a repeat counts once
    # into a non-empty one; the same triple in another graph is another quad
    assert store.add(_labels(FIRST, "b", "c") + _labels(SECOND, "a")) == 2
    assert store.add(_labels(FIRST, "a", "b", "c") + _labels(SECOND, "a")) == 0
    assert len(store) == 4


def test_store_contract_has_graph_while_the_graph_holds_a_quad(store: QuadStore) -> None:
    assert not store.has_graph(FIRST)
    store.add(_labels(FIRST, "a"))
    assert store.has_graph(FIRST)
    assert not store.has_graph(SECOND)
    store.remove(_labels(FIRST, "a"))
    assert not store.has_graph(FIRST)


def test_store_contract_remove_counts_what_was_there_and_leaves_other_graphs(store: QuadStore) -> None:
    store.add(_labels(FIRST, "a", "b") + _labels(SECOND, "a", "c"))
    kept = set(store.dataset.quads((None, None, None, SECOND)))
    assert store.remove(_labels(FIRST, "a", "b", "a", "never-added")) == 2
    assert store.remove(_labels(FIRST, "a")) == 0
    assert store.remove([]) == 0
    assert len(store) == 2
    assert not store.has_graph(FIRST)
    assert store.has_graph(SECOND)
    assert set(store.dataset.quads((None, None, None, SECOND))) == kept == set(_labels(SECOND, "a", "c"))


def test_store_contract_quads_read_back_exactly_graph_by_graph(store: QuadStore) -> None:
    # the triple of "a" is in both graphs: each graph's pattern finds it once, in that graph
    first: list[Quad] = [(URIRef(EX + "s"), RDFS.label, o, FIRST) for o in LITERALS] + _labels(FIRST, "a")
    second = _labels(SECOND, "a", "b")
    assert store.add(first + second) == len(first) + len(second)
    assert _rdf11(store.dataset.quads((None, None, None, FIRST))) == set(first)
    assert _rdf11(store.dataset.quads((None, None, None, SECOND))) == set(second)
    assert _rdf11(store.dataset.quads((None, None, None, None))) == set(first + second)
    pyongyang = Literal("Pyongyang", lang="en")
    assert set(store.dataset.quads((None, None, pyongyang, None))) == {first[LITERALS.index(pyongyang)]}
    assert not set(store.dataset.quads((None, None, Literal("Pyongyang"), None)))  # the tag counts


def test_store_contract_sparql_sees_every_named_graph(store: QuadStore) -> None:
    store.add(_labels(FIRST, "a", "b") + _labels(SECOND, "b", "c"))
    prefix = f"PREFIX rdfs: <{RDFS}>\n"
    labels = run_query(
        store.dataset,
        prefix + "SELECT DISTINCT ?label WHERE { GRAPH ?g { ?s rdfs:label ?label } } ORDER BY ?label",
    )
    assert labels.rows == tuple((Literal(text, lang="en"),) for text in "abc")
    per_graph = run_query(
        store.dataset,
        prefix
        + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s rdfs:label ?label } } GROUP BY ?g ORDER BY ?g",
    )
    assert per_graph.records() == [{"g": str(FIRST), "n": 2}, {"g": str(SECOND), "n": 2}]
    both = run_query(
        store.dataset,
        prefix + 'ASK { GRAPH ?one { ?s rdfs:label "a"@en } GRAPH ?two { ?t rdfs:label "c"@en } }',
    )
    assert both.answer is True


def test_store_contract_capabilities_are_what_each_backend_declares(
    backend: str, spec: str, store: QuadStore
) -> None:
    assert store.capabilities == DECLARED[backend]
    assert store.location == spec
    assert store.folder == (Path(spec) if backend == "folder" else None)
    assert store.folder is None or store.folder.is_dir()
    assert store.created is (backend != "endpoint")  # the server was there before


def test_store_contract_a_persistent_store_opens_again_with_its_quads(spec: str) -> None:
    quads = _labels(FIRST, "a", "b")
    first = open_store(spec)
    first.add(quads)
    first.close()
    with existing_store(spec) as again:
        persistent = again.capabilities.persistent
        assert set(again.dataset.quads((None, None, None, None))) == (set(quads) if persistent else set())
        assert again.has_graph(FIRST) is persistent
        assert again.created is not persistent  # found, not made: a failed build must not remove it


def _a_file(tmp_path: Path) -> str:
    path = tmp_path / "notes.txt"
    path.write_text("not a store\n", encoding="utf-8")
    return str(path)


def _under_a_file(tmp_path: Path) -> str:
    return str(Path(_a_file(tmp_path)) / "store")


@pytest.mark.parametrize(
    ("where", "complaint"),
    [
        (_a_file, "is a file, not a store; give a new or empty folder, or a store kg build wrote"),
        (_under_a_file, "cannot open the Oxigraph store at "),
    ],
    ids=["a file", "under a file"],
)
def test_store_contract_unusable_folder_is_a_one_line_store_error(
    tmp_path: Path, where: Callable[[Path], str], complaint: str
) -> None:
    spec = where(tmp_path)
    with pytest.raises(StoreError) as caught:
        open_store(spec)
    message = str(caught.value)
    assert complaint in message and spec in message
    assert "\n" not in message


def test_store_contract_folder_in_use_is_a_one_line_store_error(tmp_path: Path) -> None:
    holder = open_store(tmp_path / "store")
    try:
        with pytest.raises(StoreError) as caught:
            open_store(tmp_path / "store")
    finally:
        holder.close()
    message = str(caught.value)
    assert message.startswith(f"cannot open the Oxigraph store at {tmp_path / 'store'} to write: ")
    assert "another kg process is writing it" in message
    assert "\n" not in message


def test_store_contract_unreachable_endpoint_is_a_one_line_store_error(unused_port: int) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(f"sparql+http://127.0.0.1:{unused_port}/query")
    message = str(caught.value)
    assert message.startswith(f"cannot reach the SPARQL endpoint http://127.0.0.1:{unused_port}/query: ")
    assert message.endswith("; is the server running?")
    assert "\n" not in message


@pytest.mark.parametrize("where", [lambda tmp: str(tmp / "nowhere"), _a_file], ids=["missing", "a file"])
def test_store_contract_existing_store_refuses_a_folder_that_is_not_a_store(
    tmp_path: Path, where: Callable[[Path], str]
) -> None:
    spec = where(tmp_path)
    with pytest.raises(StoreError) as caught, existing_store(spec):
        pass
    expected = (
        f"{spec} is a file, not a store; give the store folder kg build writes (OUT/store)"
        if Path(spec).is_file()
        else f"no store at {spec}; build one first with: kg build INPUT --out DIR"
    )
    assert str(caught.value) == expected
    assert not (tmp_path / "nowhere").exists()  # nothing made on the way
