"""Canned queries, `kg query` and `kg claims` over the seed graph and over bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.cli import main
from kg.errors import QueryError
from kg.read.query import canned_queries, render, run_canned, run_query
from kg.render.tables import plain_table
from kg.store import open_store


def test_query_every_canned_file_says_what_it_answers_and_declares_its_params() -> None:
    queries = canned_queries()
    assert {
        "claims",
        "claims_about",
        "claims_by_claimant",
        "figures_over_time",
        "disagreeing_figures",
    } <= set(queries)
    for query in queries.values():
        assert len(query.description) > 40, query.name
        placeholders = set(re.findall(r"\{\{(\w+)\}\}", query.text))
        assert placeholders == set(query.params), query.name


def test_query_parameter_is_quoted_so_it_cannot_change_the_query() -> None:
    query = canned_queries()["claims_about"]
    hostile = 'x") } } DROP ALL #\n"'
    text = render(query, {"entity": hostile})
    assert "DROP ALL" not in text.replace('DROP ALL #\\n\\"', "")  # only inside the escaped literal
    run_query(Dataset(), text)  # still parses


def test_query_number_parameter_refuses_text_and_negative_numbers() -> None:
    for given in ("90) || true", "-5"):
        refused = f"'window'.*must be a number, 0 or more, not '{re.escape(given)}'"
        with pytest.raises(QueryError, match=refused):
            render(canned_queries()["disagreeing_figures"], {"window": given})


def test_query_unknown_name_and_unknown_param_list_the_choices() -> None:
    with pytest.raises(QueryError, match="choose one of: .*claims_about"):
        run_canned(Dataset(), "no_such_query")
    with pytest.raises(QueryError, match="its parameters are: entity"):
        run_canned(Dataset(), "claims_about", {"entty": "x"})


def test_query_syntax_error_names_the_query_and_shows_the_line_with_a_caret() -> None:
    with pytest.raises(QueryError) as caught:
        run_query(Dataset(), "SELECT ?x WHERE { ?x ", name="broken.rq")
    head, line, caret = str(caught.value).split("\n")
    assert (
        head
        == "broken.rq: syntax error at line 1, column 19: unexpected '?x'; the query is not valid SPARQL here"
    )
    assert line == "    SELECT ?x WHERE { ?x " and caret == "    " + " " * 18 + "^"


def _rows(store: Path, name: str, **params: str) -> list[dict[str, object]]:
    opened = open_store(store)
    try:
        result = run_canned(opened.dataset, name, params)
    finally:
        opened.close()
    return result.records()


def test_query_disagreeing_figures_finds_the_seed_conflicts(seed_store: Path) -> None:
    rows = _rows(seed_store, "disagreeing_figures")
    pairs = {(r["measure"], str(r["lowFigure"]), str(r["highFigure"])) for r in rows}
    assert ("Killed", "about 50", "At least 100") in pairs  # Ukraine's video vs the NIS, same week
    assert ("KilledOrWounded", "some 200", "more than 4,000") in pairs  # December vs February
    nis = [r for r in rows if r["highFigure"] == "At least 100"]
    assert [str(r["highClaimants"]) for r in nis] == ["National Intelligence Service"]
    assert [str(r["lowClaimants"]) for r in nis] == ["Ukraine"]
    # "2,000-3,000 more North Korean soldiers": an increment restates no total, so it disagrees with none
    assert not [r for r in rows if "2,000-3,000" in (str(r["lowFigure"]), str(r["highFigure"]))]
    # a figure nobody is named for has no claimants, not every label in the store
    unnamed = [r for r in rows if r["highFigure"] == "more than 4,000"]
    assert [r["highClaimants"] for r in unnamed] in ([None], [""])


def test_query_disagreeing_figures_narrowed_by_measure_and_group(seed_store: Path) -> None:
    every = _rows(seed_store, "disagreeing_figures")
    killed = _rows(seed_store, "disagreeing_figures", measure="killed")
    assert killed and {r["measure"] for r in killed} == {"Killed"}
    assert len(killed) == sum(1 for r in every if r["measure"] == "Killed")
    group = str(killed[0]["group"])
    by_mention = _rows(seed_store, "disagreeing_figures", entity="North Korean troops")
    assert by_mention and {str(r["group"]) for r in by_mention} == {group}
    assert len(by_mention) == sum(1 for r in every if str(r["group"]) == group)
    assert _rows(seed_store, "disagreeing_figures", entity="Moscow") == []


def test_query_figures_over_time_lists_killed_with_source_and_sentence(seed_store: Path) -> None:
    rows = _rows(seed_store, "figures_over_time", measure="Killed")
    by_figure = {str(r["figure"]): r for r in rows}
    assert {"At least 100", "about 50"} <= set(by_figure)
    assert "National Intelligence Service" in str(by_figure["At least 100"]["claimants"])
    assert "At least 100 people have been killed" in str(by_figure["At least 100"]["text"])
    assert all(r["measure"] == "Killed" for r in rows)


def test_query_claims_by_claimant_and_about_entity(seed_store: Path) -> None:
    said = _rows(seed_store, "claims_by_claimant", claimant="Kovalenko")
    assert any("no match for the drones" in str(r["content"]) for r in said)
    about = _rows(seed_store, "claims_about", entity="north korean troops")
    assert len(about) >= 5
    assert [r["date"] for r in about] == sorted((r["date"] for r in about), reverse=True)


def test_cli_query_by_name_prints_a_table(seed_store: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    status = main(
        ["query", "--name", "figures_over_time", "--param", "measure=Wounded", "--store", str(seed_store)]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "more than 200" in out and "1,000" in out


def test_cli_query_csv_and_json(seed_store: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    sparql = (
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c a ckg:Claim } }"
    )
    assert main(["query", sparql, "--format", "csv", "--store", str(seed_store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "n" and int(lines[1]) > 20
    assert main(["query", sparql, "--format", "json", "--store", str(seed_store)]) == 0
    assert json.loads(capsys.readouterr().out)["head"]["vars"] == ["n"]


def test_cli_query_syntax_error_exits_1_with_the_line_and_a_caret(seed_store: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["query", "SELECT ?x WHERE {", "--store", str(seed_store)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: query: syntax error at line 1, column 18: ") and err.count("\n") == 3
    assert err.endswith("\n    SELECT ?x WHERE {\n" + " " * 21 + "^\n")


def test_cli_query_without_a_store_says_how_to_build_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["query", "--name", "claims", "--store", str(tmp_path / "nothing")]) == 1
    assert "kg build" in capsys.readouterr().err


def test_cli_claims_table_newest_first_with_bounds(seed_store: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: every cell on one line
    assert main(["claims", "--measure", "Killed", "--store", str(seed_store)]) == 0
    out = capsys.readouterr().out
    assert "At least 100" in out and ">= 100" in out and "National Intelligence" in out
    assert main(["claims", "--entity", "North Korean troops", "--store", str(seed_store)]) == 0
    out = capsys.readouterr().out
    assert out.index("2025-02-28") < out.index("2024-12-20")
    assert "(not attributed)" in out  # "It is estimated that about 12,000 ..."
    assert "ConflictKG ontology" not in out  # an unnamed claimant borrows no label


def test_plain_table_aligns_the_first_column_left_and_numbers_right() -> None:
    assert plain_table(("rule", "exact"), [("max", "0.838"), ("zero", "0.7")]).splitlines() == [
        "rule  exact",
        "max   0.838",
        "zero    0.7",
    ]


def test_cli_query_construct_prints_turtle_and_ask_a_boolean(seed_store: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    construct = (
        "PREFIX id: <https://w3id.org/conflict-kg/id/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "CONSTRUCT { id:north-korea rdfs:label ?l } WHERE { GRAPH ?g { id:north-korea rdfs:label ?l } }"
    )
    assert main(["query", construct, "--store", str(seed_store)]) == 0
    turtle = capsys.readouterr().out
    parsed = Graph().parse(data=turtle, format="turtle")
    assert {str(o) for o in parsed.objects()} == {"North Korea"}
    assert main(["query", "ASK { GRAPH ?g { ?s a ?c } }", "--format", "csv", "--store", str(seed_store)]) == 0
    assert capsys.readouterr().out.splitlines() == ["ask", "true"]


def test_cli_query_timeout_is_one_line_and_exit_1(seed_store: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # A copy: the abandoned query keeps its handle on the store until it ends (about 3 s).
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } }"
    assert main(["query", heavy, "--timeout", "0.2", "--store", str(store)]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "error: query: no answer within 0.2 s (--timeout); narrow the query"
    )


def test_cli_query_syntax_error_names_line_and_column(seed_store: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["query", "SELECT ?x\nWHERE { ?x ?y ?z . FILTER( }", "--store", str(seed_store)]) == 1
    head, line, caret = capsys.readouterr().err.rstrip("\n").split("\n")
    assert head.startswith("error: query: syntax error at line 2, column 28: unexpected '}'; ")
    assert line == "    WHERE { ?x ?y ?z . FILTER( }" and caret.index("^") == line.index("}")


def test_cli_claims_title_counts_figures_and_claims_without_one_apart(seed_store: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue: "60 claims" for 58 claims, because a claim with two figures is two rows."""
    opened = open_store(seed_store)
    try:
        rows = run_canned(opened.dataset, "claims").records()
    finally:
        opened.close()
    figures = sum(1 for row in rows if row["figure"] is not None)
    bare = len({row["claim"] for row in rows if row["figure"] is None})
    assert figures and bare and len(rows) == figures + bare  # a row is a figure or a claim without one
    assert main(["claims", "--store", str(seed_store)]) == 0
    assert f"{figures} figures and {bare} claims without a figure, newest first" in capsys.readouterr().out


def test_canned_claims_says_what_a_claim_without_a_figure_claims(seed_store: Path) -> None:
    """Issue: a row "Green | - | Asserted" said nothing about what was claimed."""
    rows = _rows(seed_store, "claims")
    bare = [row for row in rows if row["figure"] is None]
    assert bare and sum(1 for row in bare if row["content"]) > len(bare) // 2
    for row in bare:  # what is claimed is a part of the claim's sentence
        assert row["content"] is None or str(row["content"])[:20] in str(row["text"])
