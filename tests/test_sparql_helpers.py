"""SPARQL text (kg.rdf.sparql) and query results written by rdflib's own serialisers
(kg.render.results), through `kg query` on a small Oxigraph store built by hand: no model."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.cli import main
from kg.errors import QueryError
from kg.rdf.mapping import Quad
from kg.rdf.sparql import PREFIX_HEADER, is_iri, last_segment, nt_term, sparql_iri, sparql_string
from kg.read.query import QueryResult, run_query
from kg.render.results import write_result
from kg.store import open_store

EX = "https://example.org/"
GRAPH = URIRef(EX + "graph")
QUADS: list[Quad] = [
    (URIRef(EX + "kursk"), URIRef(EX + "url"), Literal("https://example.org/x"), GRAPH),
    (URIRef(EX + "kursk"), URIRef(EX + "date"), Literal("2024-11-05", datatype=XSD.date), GRAPH),
    (URIRef(EX + "kursk"), URIRef(EX + "name"), Literal("Kursk", lang="en"), GRAPH),
]
SELECT = "SELECT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"

#: Text that would end a literal early, break its line, or be read as a code point escape.
HOSTILE = [
    'x") } } DROP ALL #\n"',
    "back\\slash \\ and \\\\",
    "line\nbreak\r\nand\ttab",
    "'''\"\"\"",
    "\\u0022 \\U00000022 \\\\u005C \\uZZZZ",
    "é 😀",
]


def _memory(quads: list[Quad]) -> Dataset:
    dataset = Dataset()
    for s, p, o, g in quads:
        dataset.graph(g).add((s, p, o))
    return dataset


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An Oxigraph store holding :data:`QUADS` (Oxigraph types plain strings xsd:string)."""
    path = tmp_path / "store"
    opened = open_store(path)
    try:
        opened.add(QUADS)
    finally:
        opened.close()
    return path


@pytest.fixture(params=["memory", "oxigraph"])
def hostile_dataset(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Dataset]:
    """Both engines, each holding one literal per :data:`HOSTILE` string."""
    quads: list[Quad] = [
        (URIRef(f"{EX}s{i}"), URIRef(EX + "says"), Literal(text), GRAPH) for i, text in enumerate(HOSTILE)
    ]
    if request.param == "memory":
        yield _memory(quads)
        return
    opened = open_store(tmp_path / "store")
    try:
        opened.add(quads)
        yield opened.dataset
    finally:
        opened.close()


def _kg_query(store: Path, sparql: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["query", sparql, "--format", fmt, "--store", str(store)]) == 0
    return capsys.readouterr().out


def _rdflib(sparql: str, fmt: str) -> str:
    """What rdflib's own serialiser writes for ``sparql`` on the same data in memory, ended by a
    line break as ``kg query`` ends every output."""
    text = (_memory(QUADS).query(sparql).serialize(format=fmt) or b"").decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def test_cli_query_json_is_what_rdflibs_serialiser_writes(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = json.loads(_kg_query(store, SELECT, "json", capsys))
    assert printed == json.loads(_rdflib(SELECT, "json"))
    objects = {row["p"]["value"]: row["o"] for row in printed["results"]["bindings"]}
    assert objects[EX + "url"] == {"type": "literal", "value": "https://example.org/x"}
    assert objects[EX + "date"] == {"type": "literal", "value": "2024-11-05", "datatype": str(XSD.date)}
    assert objects[EX + "name"] == {"type": "literal", "value": "Kursk", "xml:lang": "en"}


def test_cli_query_csv_and_xml_are_what_rdflibs_serialisers_write(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _kg_query(store, SELECT, "csv", capsys) == _rdflib(SELECT, "csv")
    xml = _kg_query(store, SELECT, "xml", capsys)
    assert xml == _rdflib(SELECT, "xml")
    parsed = Result.parse(io.BytesIO(xml.encode("utf-8")), format="xml")
    assert [tuple(row) for row in parsed] == [(p, o) for _, p, o, _ in sorted(QUADS, key=lambda q: q[1])]


def test_cli_query_tsv_writes_terms_in_ntriples_form(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _kg_query(store, SELECT, "tsv", capsys).split("\n") == [
        "?p\t?o",
        f'<{EX}date>\t"2024-11-05"^^<{XSD.date}>',
        f'<{EX}name>\t"Kursk"@en',
        f'<{EX}url>\t"https://example.org/x"',
        "",
    ]


def test_cli_query_ask_and_construct(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ask = "ASK { GRAPH ?g { ?s ?p ?o } }"
    assert json.loads(_kg_query(store, ask, "json", capsys)) == {"head": {}, "boolean": True}
    assert _kg_query(store, ask, "xml", capsys) == _rdflib(ask, "xml")
    expected = Graph()
    for s, p, o, _ in QUADS:
        expected.add((s, p, o))
    for fmt, syntax in (("table", "turtle"), ("json", "json-ld"), ("xml", "xml")):
        built = Graph().parse(data=_kg_query(store, CONSTRUCT, fmt, capsys), format=syntax)
        assert isomorphic(built, expected), fmt


def test_cli_query_table_shows_each_cells_text(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _kg_query(store, SELECT, "table", capsys)
    assert "2024-11-05" in table and "Kursk" in table and "https://example.org/x" in table
    assert "@en" not in table and "^^" not in table


def test_records_give_python_values() -> None:
    records = run_query(_memory(QUADS), SELECT).records()
    assert [record["o"] for record in records] == [date(2024, 11, 5), "Kursk", "https://example.org/x"]


def test_sparql_string_round_trips_hostile_text_through_a_query(hostile_dataset: Dataset) -> None:
    for i, text in enumerate(HOSTILE):
        found = run_query(
            hostile_dataset,
            f"SELECT ?s ?echo WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?o = {sparql_string(text)}) "
            f"BIND({sparql_string(text)} AS ?echo) }}",
        ).records()
        assert found == [{"s": f"{EX}s{i}", "echo": text}], repr(text)


def test_tsv_round_trips_hostile_text_through_rdflibs_parser() -> None:
    rows = tuple((Literal(text), URIRef(EX + "x")) for text in HOSTILE)
    written = write_result(QueryResult("SELECT", ("text", "iri"), rows), "tsv")
    assert len(written.decode("utf-8").splitlines()) == len(HOSTILE) + 1  # no cell breaks a line
    parsed = Result.parse(io.BytesIO(written), format="tsv")
    assert [tuple(row) for row in parsed] == list(rows)


def test_engine_errors_name_line_column_and_word_with_a_caret(hostile_dataset: Dataset) -> None:
    with pytest.raises(
        QueryError, match=r"^bad\.rq: syntax error at line 2, column \d+: unexpected "
    ) as caught:
        run_query(hostile_dataset, "SELECT ?x\nWHERE { ?x", name="bad.rq")
    assert str(caught.value).split("\n")[1:] == ["    WHERE { ?x", "            ^"]  # under the open pattern
    assert caught.value.__cause__ is not None


def test_iris_are_checked_before_they_are_written() -> None:
    assert sparql_iri(EX + "a#b") == f"<{EX}a#b>"
    for bad in (f"{EX}> }} DROP ALL {{ <x", "relative/path", f"{EX}with space", f"{EX}a\\b"):
        assert not is_iri(bad)
        with pytest.raises(ValueError, match="not an absolute IRI"):
            sparql_iri(bad)
    with pytest.raises(ValueError):
        nt_term(URIRef(f"{EX}a>b"))


def test_write_result_refuses_a_format_the_form_has_not() -> None:
    with pytest.raises(QueryError, match="choose one of: json, xml$"):
        write_result(QueryResult("ASK", answer=True), "csv")


def test_prefix_header_declares_every_ontology_prefix() -> None:
    found = run_query(_memory(QUADS), PREFIX_HEADER + "SELECT ?t WHERE { BIND(xsd:date AS ?t) }")
    assert found.records() == [{"t": str(XSD.date)}]
    assert last_segment("https://w3id.org/conflict-kg/ontology#Killed") == "Killed"
    assert last_segment("https://w3id.org/conflict-kg/id/north-korea/") == "north-korea"
