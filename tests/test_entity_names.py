"""One reading of an entity name for every command (issue: a misspelt name printed an empty
table and exit 0 in kg claims and kg query, an error in kg figures, and a pointer to a list
kg stats does not print in kg view): an unknown name is one error line with up to three close
names, exit 1; a known name that selects nothing says so on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Dataset, Literal, URIRef

from kg.cli import main
from kg.errors import QueryError
from kg.rdf.ontology import CKG, ID
from kg.read.entities import entities_named, entity_name, suggestions

TYPO = r"did you mean 'Kim Jong Un'\?$"


def _world() -> Dataset:
    """Three entities an article mentions, one only the gazetteer knows."""
    ds = Dataset()
    article = ds.graph(URIRef(ID + "article/a"))
    for key, label, said in [
        ("kim", "Kim Jong Un", "the North Korean leader"),
        ("nk", "North Korea", "Pyongyang"),
        ("sk", "South Korea", "Seoul"),
    ]:
        ds.graph(URIRef(ID + "graph/entities")).add((ID[key], RDFS.label, Literal(label)))
        mention = URIRef(ID + f"article/a#{key}")
        article.add((mention, CKG.refersTo, ID[key]))
        article.add((mention, CKG.text, Literal(said)))
    ds.graph(URIRef(ID + "graph/gazetteer")).add((ID["fr"], RDFS.label, Literal("France")))
    return ds


@pytest.mark.parametrize(
    ("typed", "found"),
    [("kim jong un", "kim"), ("  Pyongyang ", "nk"), ("THE NORTH KOREAN LEADER", "kim"), ("France", "fr")],
)
def test_entity_names_a_label_alias_or_mention_text_in_any_case(typed: str, found: str) -> None:
    assert entities_named(_world(), typed) == (str(ID[found]),)


@pytest.mark.parametrize(
    ("typed", "close"),
    [
        ("Kim Jong Oon", ["Kim Jong Un"]),  # a letter wrong; "Kim" alone is no suggestion
        ("Korea", ["North Korea", "South Korea"]),  # a part of names
        ("Pyongjang", ["Pyongyang"]),
        ("Atlantis", []),
    ],
)
def test_entity_names_suggests_close_names_of_mentioned_entities(typed: str, close: list[str]) -> None:
    assert suggestions(_world(), typed) == close


def test_entity_names_unknown_name_is_one_line_naming_the_option() -> None:
    with pytest.raises(
        QueryError, match=r"^--param claimant= 'Kim Jong Oon' names no entity in the store; " + TYPO
    ):
        entity_name(_world(), "Kim Jong Oon", option="--param claimant=")
    with pytest.raises(
        QueryError, match=r"'Atlantis' names no entity in the store; no article names an entity like it$"
    ):
        entity_name(_world(), "Atlantis")
    assert entity_name(_world(), "") == ""


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["claims", "--entity", "Kim Jong Oon"],
        ["claims", "--assertions", "--entity", "Kim Jong Oon"],
        ["figures", "--entity", "Kim Jong Oon"],
        ["query", "--name", "claims", "--param", "entity=Kim Jong Oon"],
        ["view", "--entity", "Kim Jong Oon"],
        ["view", "--claims", "--entity", "Kim Jong Oon"],
        ["analyze", "path", "Kim Jong Oon", "NIS"],
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_entity_names_every_command_refuses_a_misspelt_name_alike(
    command: list[str], seed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ["--out", str(tmp_path / "view.html")] if command[0] == "view" else []
    assert main([*command, *out, "--store", str(seed_store)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert (
        captured.err.startswith("error: ") and "'Kim Jong Oon' names no entity in the store" in captured.err
    )
    assert captured.err.rstrip().endswith("did you mean 'Kim Jong Un'?")
    assert not (tmp_path / "view.html").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "said"),
    [
        (
            ["claims", "--entity", "NIS", "--measure", "captured"],
            "no claims match --entity 'NIS' --measure 'Captured'",
        ),
        (
            ["figures", "--entity", "NIS", "--measure", "captured"],
            "no figures match --entity 'NIS' --measure 'Captured'",
        ),
        (
            ["query", "--name", "claims", "--param", "entity=nis", "--param", "measure=captured"],
            "no rows match --param entity= 'nis' --param measure= 'Captured'",
        ),
    ],
    ids=lambda c: c[0] if isinstance(c, list) else "",
)
def test_entity_names_a_known_name_that_selects_nothing_says_so_on_stderr(
    command: list[str], said: str, seed_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--store", str(seed_store)]) == 0
    assert capsys.readouterr().err == said + "\n"
