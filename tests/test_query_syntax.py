"""A broken query says where it breaks: the word found there, and the query's line with a caret
under it, from either engine (issue: "SELCT ?s WHERE ..." gave "error at 1:10: expected
CONSTRUCT", a column inside WHERE and a keyword the user never meant)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.errors import QueryError
from kg.read.query import run_query
from kg.read.syntax import syntax_message
from kg.store import open_store

CASES = [
    (
        "SELCT ?s WHERE { ?s ?p ?o }",
        "line 1, column 1: unexpected 'SELCT'; a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK",
        "SELCT ?s WHERE { ?s ?p ?o }",
        0,
    ),
    (
        "SELECT ?s WHERE { ?s ?p ?o }\nLIMT 3",
        "line 2, column 1: unexpected 'LIMT'; expected the end of the query",
        "LIMT 3",
        0,
    ),
    (
        "SELECT ?s WHERE { ?s ?p ?o }\n\tORDER ?s",  # a tab: the caret still stands under the word
        "line 2, column 9: unexpected 'ORDER'",
        "        ORDER ?s",
        8,
    ),
]


@pytest.fixture(params=["oxigraph", "memory"])
def dataset(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Dataset]:
    if request.param == "memory":
        yield Dataset()
        return
    store = open_store(tmp_path / "store")
    try:
        yield store.dataset
    finally:
        store.close()


@pytest.mark.parametrize(
    ("query", "head", "line", "caret"), CASES, ids=["first word", "last line", "after a tab"]
)
def test_syntax_error_names_the_word_and_shows_the_line_with_a_caret(
    dataset: Dataset, query: str, head: str, line: str, caret: int
) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(dataset, query, name="q.rq")
    first, shown, marker = str(caught.value).split("\n")
    assert first.startswith(f"q.rq: syntax error at {head}")
    assert shown == f"    {line}" and marker == "    " + " " * caret + "^"


def test_syntax_error_an_undeclared_prefix_is_named_where_it_is_used(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    try:
        with pytest.raises(QueryError) as caught:
            run_query(store.dataset, 'SELECT ?s WHERE {\n  ?s a ckg:Claim ; <urn:a> "x:y" }', name="q")
    finally:
        store.close()
    first, shown, marker = str(caught.value).split("\n")
    assert first == (
        "q: syntax error at line 2, column 8: unexpected 'ckg:Claim'; the prefix ckg: is not declared; "
        "add PREFIX ckg: <...> before the query"
    )
    assert marker.index("^") == shown.index("ckg:Claim")


def test_syntax_message_is_none_for_an_error_without_a_position() -> None:
    assert syntax_message("SELECT * {}", "the store failed: disk full") is None
