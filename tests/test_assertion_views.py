"""What a user sees of assertions: the ``assertions`` canned query, ``kg claims --assertions`` and
``kg figures`` (one row and one mark per assertion, with who corroborates or contradicts it).

Texts are invented and read by a small pattern extractor (no model): "The ministry said 57
people were killed" is the ministry's claim that 57 villagers were killed in Umm Dabakir. The
builds, stores, derived graphs, queries and commands are the real ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kg.builder.build import build
from kg.cli import main
from kg.extract.nlp import shared_gazetteer
from kg.model import Article, Claim, Entity, ExtractedArticle, Figure, Mention, Quantity, Span
from kg.read.assertions import assertions_by_claim
from kg.read.entityassertions import entity_assertions
from kg.read.facts import entity_facts
from kg.read.figures import read_figures
from kg.read.query import run_canned
from kg.render.claims_table import assertion_table
from kg.store import open_store
from kg.web.pages import entity_page

WIRE = (
    "KHARTOUM, Sudan (AP) — Fighters stormed the village of Umm Dabakir on Tuesday after a week of "
    "shelling, residents said. The ministry said 57 people were killed in the attack. Witnesses "
    "described gunmen going from house to house, looting shops and setting fire to the market while "
    "families fled toward the river crossing. Aid groups warned that the clinic had run out of "
    "bandages and that the only road to the provincial capital was cut by the fighting. The army "
    "said it had sent reinforcements to the area and promised to retake the village within days. "
    "Thousands of people have fled the region since the spring, according to the United Nations "
    "refugee agency, which said camps near the border were already full and short of clean water."
)
COPY = WIRE[: WIRE.index("Thousands of people")].rstrip()
ARMY = (
    "Umm Dabakir, Sudan — The army said 57 people were killed when fighters attacked the village on "
    "Tuesday. A local teacher who escaped told our reporter she hid in a granary for six hours "
    "before walking to the next town with her two sons. Community leaders appealed for a ceasefire."
)
REBELS = (
    "Umm Dabakir — The rebels said 12 people were killed in the fighting for the village, and blamed "
    "the army for the shelling of the market. Doctors in the next town treated dozens of people."
)
TEXTS = {"1_wire.txt": WIRE, "2_copy.txt": COPY, "3_army.txt": ARMY, "4_rebels.txt": REBELS}

_PARTIES = {
    "ministry": "Ministry of Health",
    "army": "Sudanese Armed Forces",
    "rebels": "Rapid Support Forces",
}
_CLASSES = {"ministry": "GovernmentBody", "army": "MilitaryUnit", "rebels": "ArmedGroup"}
_SAID = re.compile(r"The (ministry|army|rebels) said (\d+) people were killed")
_PLACE = "Umm Dabakir"


class _Patterns:
    """Extraction without the model: each "The X said N people were killed" is X's claim that
    N villagers were killed; every article mentions the village."""

    def __init__(self) -> None:
        self.gazetteer = shared_gazetteer()

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        village = Entity("test-umm-dabakir", _PLACE, "Settlement")
        villagers = Entity("test-villagers", "Umm Dabakir villagers", "Actor")
        for article in articles:
            at = article.text.index(_PLACE)
            mentions = [(Mention(at, at + len(_PLACE), _PLACE, _PLACE, "Settlement"), village.key)]
            entities = {village, villagers}
            claims = []
            for match in _SAID.finditer(article.text):
                who = Entity(f"test-{match.group(1)}", _PARTIES[match.group(1)], _CLASSES[match.group(1)])
                entities.add(who)
                sentence = Span(match.start(), match.end(), match.group(0))
                figure = Figure(
                    match.start(2), match.end(2), match.group(2), "Exact", value=Decimal(match.group(2))
                )
                claims.append(
                    Claim(
                        span=sentence,
                        content=sentence,
                        claimants=(who.key,),
                        quantities=(Quantity(figure, "Killed", count_of=villagers.key),),
                    )
                )
            yield ExtractedArticle(
                article, tuple(mentions), tuple(sorted(entities, key=lambda e: e.key)), (), tuple(claims)
            )


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("assertion-views")
    folder = root / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    meta = {name: {"title": name, "published": "2024-06-05"} for name in TEXTS}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    build([folder], root / "out", store=root / "store", extractor=_Patterns(), exports=False)
    return root / "store"


def test_the_canned_query_gives_one_row_per_assertion_with_its_reports_and_stories(store_dir: Path) -> None:
    store = open_store(store_dir)
    try:
        rows = run_canned(store.dataset, "assertions").records()
    finally:
        store.close()
    got = {
        (r["claimant"], r["figure"], r["reports"], r["stories"], str(r["firstStated"]), r["group"])
        for r in rows
    }
    assert got == {
        ("Ministry of Health", "57", 2, 1, "2024-06-05", "Umm Dabakir villagers"),
        ("Sudanese Armed Forces", "57", 1, 1, "2024-06-05", "Umm Dabakir villagers"),
        ("Rapid Support Forces", "12", 1, 1, "2024-06-05", "Umm Dabakir villagers"),
    }
    by_claimant = {r["claimant"]: r for r in rows}
    assert by_claimant["Ministry of Health"]["corroboratedBy"] == "Sudanese Armed Forces"
    assert by_claimant["Rapid Support Forces"]["corroboratedBy"] is None
    assert sorted(str(by_claimant["Rapid Support Forces"]["disagreesWith"]).split("; ")) == [
        "Ministry of Health",
        "Sudanese Armed Forces",
    ]
    # the most widely carried first
    assert rows[0]["claimant"] == "Ministry of Health"


def test_the_canned_query_selects_by_measure_and_counted_group(store_dir: Path) -> None:
    store = open_store(store_dir)
    try:
        assert len(run_canned(store.dataset, "assertions", {"entity": "umm dabakir villagers"}).rows) == 3
        assert run_canned(store.dataset, "assertions", {"measure": "wounded"}).rows == ()
    finally:
        store.close()


def test_kg_claims_assertions_prints_one_row_per_assertion(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["claims", "--assertions", "--store", str(store_dir)]) == 0
    printed = capsys.readouterr().out
    assert "3 assertions, most independent stories first" in printed
    store = open_store(store_dir)
    try:
        headers, rows = assertion_table(store.dataset)
    finally:
        store.close()
    assert headers[:6] == ("claimant", "figure", "measure", "reports", "stories", "stated")
    assert rows[0][:6] == ["Ministry of Health", "57", "Killed", "2", "1", "2024-06-05"]
    assert rows[0][6:] == ["Sudanese Armed Forces", "Rapid Support Forces"]
    assert [row[0] for row in rows] == ["Ministry of Health", "Rapid Support Forces", "Sudanese Armed Forces"]


def test_figures_show_one_row_per_assertion_and_every_report_on_request(store_dir: Path) -> None:
    store = open_store(store_dir)
    try:
        folded = read_figures(store.dataset)
        every = read_figures(store.dataset, per_assertion=False)
        by_claim = assertions_by_claim(store.dataset)
    finally:
        store.close()
    assert len(every) == 4 and len(folded) == 3
    assert len(by_claim) == 4
    notes = {r.claimants: r.assertion for r in folded}
    assert notes == {
        ("Ministry of Health",): "2 reports, 1 story; corroborated by Sudanese Armed Forces; "
        "disagrees with Rapid Support Forces",
        ("Sudanese Armed Forces",): "1 report, 1 story; corroborated by Ministry of Health; "
        "disagrees with Rapid Support Forces",
        ("Rapid Support Forces",): "1 report, 1 story; "
        "disagrees with Ministry of Health, Sudanese Armed Forces",
    }
    assert all(r.assertion == "" for r in every)


def test_kg_figures_prints_and_draws_one_mark_per_assertion(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, csv = tmp_path / "t.html", tmp_path / "f.csv"
    assert main(["figures", "--store", str(store_dir), "--html", str(html), "--csv", str(csv)]) == 0
    printed = capsys.readouterr().out
    assert "Killed: 3 figures, 3 disagree" in printed  # the 12 and both 57s: one row per assertion
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and "assertion" in lines[0].split(",")
    page = html.read_text(encoding="utf-8")
    assert main(["figures", "--store", str(store_dir), "--every-report"]) == 0
    assert "Killed: 4 figures" in capsys.readouterr().out
    data = re.search(r'<script[^>]*id="figure-data"[^>]*>(.*?)</script>', page, re.S)
    assert data is not None
    assert "corroborated by Sudanese Armed Forces" in data.group(1)
    # the table under the chart says it too, beside the figure
    assert "<td>2 reports, 1 story; corroborated by Sudanese Armed Forces; disagrees with" in page


def test_the_entity_page_lists_the_assertions_it_makes_and_those_that_count_it(store_dir: Path) -> None:
    store = open_store(store_dir)
    try:
        made, reports = entity_assertions(store.dataset, "test-ministry")
        counted, _ = entity_assertions(store.dataset, "test-villagers")
        facts = entity_facts(store.dataset, "test-ministry")
        assert entity_assertions(store.dataset, "test-umm-dabakir") == ((), {})  # only mentioned
    finally:
        store.close()
    (ministry,) = made
    assert (ministry.roles, ministry.figure, ministry.measure) == (("claimant",), "57", "Killed")
    assert ministry.reports == 2 and len(ministry.stories) == 1  # the wire and its copy: one origin
    assert [([n.label for n in o.claimants], o.figure) for o in ministry.corroborated_by] == [
        (["Sudanese Armed Forces"], "57")
    ]
    assert [([n.label for n in o.claimants], o.figure) for o in ministry.disagrees_with] == [
        (["Rapid Support Forces"], "12")
    ]
    # The villagers are counted by all three; the most reported first.
    assert [a.claimants[0].label for a in counted][0] == "Ministry of Health"
    assert {(a.claimants[0].label, a.roles) for a in counted} == {
        ("Ministry of Health", ("counted",)),
        ("Rapid Support Forces", ("counted",)),
        ("Sudanese Armed Forces", ("counted",)),
    }
    assert facts is not None
    page = entity_page(facts, made, reports)
    assert "<h2>Assertions (1)</h2>" in page and "2 reports, 1 story" in page
    assert "<b>corroborated by:</b>" in page and 'href="/entity/test-army"' in page
    assert "<b>disagrees with:</b>" in page and 'href="/entity/test-rebels"' in page
    assert "story 1: " in page and "1_wire.txt" in page and "2_copy.txt" in page
    assert "<h2>Assertions (0)</h2>\n<p>None.</p>" in entity_page(facts)
