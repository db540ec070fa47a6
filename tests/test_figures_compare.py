"""Figure comparison and the timeline: bounds from qualifiers, disagreement flags, CSV rows, and
a chart whose embedded data is exactly what it drew - on hand-built records and on the seeds."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rdflib import Literal

from kg.cli import parse
from kg.errors import QueryError, StoreError
from kg.rdf.ontology import CKG, ID, SCHEMA, XSD
from kg.read.figures import (
    FIGURE_COLUMNS,
    SHOWN_DISAGREEMENTS,
    Bounds,
    FigureRecord,
    compare_figures,
    disagree,
    figure_bounds,
    figure_rows,
    is_engagement,
    period_text,
    read_figures,
)
from kg.read.query import run_canned
from kg.render.timeline import Timeline, chart_panels, timeline_html, timeline_svg
from kg.store import open_store

DEC_20, FEB_28 = date(2024, 12, 20), date(2025, 2, 28)


def figure(
    text: str,
    qualifier: str,
    value: int | None = None,
    low: int | None = None,
    high: int | None = None,
    *,
    on: date | None = DEC_20,
    claimants: tuple[str, ...] = ("Ukraine",),
    measure: str = "Killed",
    sentence: str = "",
    group: str = "https://w3id.org/conflict-kg/id/korean-peoples-army",
    tally: str = "",
) -> FigureRecord:
    """A record as the store would give it; the quantity IRI is unique per figure text."""
    return FigureRecord(
        quantity=f"https://example.org/q/{text.replace(' ', '_')}/{measure}",
        claim="https://example.org/claim",
        group=group,
        group_label="Korean People's Army",
        measure=measure,
        qualifier=qualifier,
        value=None if value is None else Decimal(value),
        min_value=None if low is None else Decimal(low),
        max_value=None if high is None else Decimal(high),
        figure=text,
        sentence=sentence or f"They said {text} were killed.",
        claimants=claimants,
        date=on,
        outlet="Test Wire",
        file="test.txt",
        tally=tally,
    )


# (qualifier, value, min, max, bounds as written)
BOUNDS = [
    ("Exact", 14, None, None, "[14, 14]"),
    ("Approximately", 50, None, None, "[45, 55]"),
    ("Nearly", 200, None, None, "[180, 200]"),
    ("AtLeast", None, 100, None, "[100, inf)"),
    ("MoreThan", None, 4000, None, "(4000, inf)"),
    ("AtMost", None, None, 500, "[0, 500]"),
    ("LessThan", None, None, 20, "[0, 20)"),
    ("Range", None, 10000, 12000, "[10000, 12000]"),
    ("Vague", None, 24, 99, "[24, 99]"),
    ("Vague", None, 200, None, "[200, inf)"),
]


@pytest.mark.parametrize(("qualifier", "value", "low", "high", "expected"), BOUNDS)
def test_figure_bounds_follow_the_qualifier(
    qualifier: str, value: int | None, low: int | None, high: int | None, expected: str
) -> None:
    number = {k: None if v is None else Decimal(v) for k, v in {"v": value, "lo": low, "hi": high}.items()}
    assert str(figure_bounds(qualifier, number["v"], number["lo"], number["hi"])) == expected


def test_figure_bounds_without_a_number_is_none() -> None:
    assert figure_bounds("Exact", None, None, None) is None


# (first, second, apart): open ends exclude the shared number, closed ends include it
TOUCHING = [
    (Bounds(Decimal(100), low_open=True), Bounds(Decimal(100), Decimal(100)), True),  # more than 100 / 100
    (Bounds(Decimal(100)), Bounds(Decimal(100), Decimal(100)), False),  # at least 100 / 100
    (Bounds(Decimal(0), Decimal(20), high_open=True), Bounds(Decimal(20)), True),  # fewer than 20 / 20+
    (Bounds(Decimal(0), Decimal(20)), Bounds(Decimal(20)), False),  # up to 20 / at least 20
    (Bounds(Decimal(45), Decimal(55)), Bounds(Decimal(100)), True),
]


@pytest.mark.parametrize(("first", "second", "apart"), TOUCHING)
def test_bounds_below_at_shared_ends(first: Bounds, second: Bounds, apart: bool) -> None:
    """One is below the other exactly when no value satisfies both."""
    assert (first.below(second) or second.below(first)) is apart
    assert not (first.below(second) and second.below(first))


def test_bounds_reject_an_upper_below_the_lower() -> None:
    with pytest.raises(ValueError, match="upper is below"):
        Bounds(Decimal(10), Decimal(5))


def test_disagree_about_50_and_at_least_100_killed_the_same_week() -> None:
    about = figure("about 50", "Approximately", 50)
    at_least = figure("At least 100", "AtLeast", low=100, claimants=("National Intelligence Service",))
    assert disagree(about, at_least) and disagree(at_least, about)
    # "about 95" reaches 104.5 with the 10% tolerance, so it can be true with "at least 100"
    assert not disagree(figure("about 95", "Approximately", 95), at_least)


def test_disagree_over_time_only_when_a_tally_shrinks() -> None:
    early_small = figure("about 50", "Approximately", 50, on=date(2024, 12, 1))
    late_large = figure("At least 100", "AtLeast", low=100, on=date(2025, 6, 1))
    assert not disagree(early_small, late_large)  # months apart and rising: both can be true
    assert disagree(replace(early_small, date=date(2025, 6, 1)), replace(late_large, date=date(2024, 12, 1)))
    assert disagree(early_small, late_large, window_days=365)  # one period when the window says so


def test_disagree_leaves_out_increments_and_undated_figures() -> None:
    total = figure("Some 11,000", "Approximately", 11000, measure="TroopCount")
    more = figure("2,000-3,000", "Range", low=2000, high=3000, measure="TroopCount", tally="Increment")
    assert not disagree(total, more)  # the store says it adds to a total: compared with nothing
    assert disagree(total, replace(more, tally=""))
    assert disagree(total, replace(more, tally="RunningTotal"))
    assert not disagree(total, replace(more, tally="", date=None))


@pytest.mark.parametrize(
    ("period", "text"),
    [
        ((date(2024, 11, 1), date(2025, 3, 12)), "2024-11-01..2025-03-12"),
        ((None, date(2025, 3, 10)), "..2025-03-10"),
        ((None, None), ""),
    ],
)
def test_period_text(period: tuple[date | None, date | None], text: str) -> None:
    assert period_text(period) == text


@pytest.mark.parametrize(
    ("sentence", "engagement"),
    [
        ("He said nearly 300 of them reached the trench line and the position fell.", True),
        ("About 80 soldiers died in a single assault on the bridge, the officer said.", True),
        ("They lost 40 men in the fierce battle for the hill.", True),
        ("Some 9,000 soldiers have been sent to the region since the summer.", False),
        ("Troops were sent to assault enemy positions; 9,000 are there now.", False),  # a verb, plural
        ("The strike killed 25 people, officials said.", False),  # a strike's toll is its whole toll
    ],
)
def test_is_engagement(sentence: str, engagement: bool) -> None:
    assert is_engagement(sentence) is engagement


def test_a_figure_about_one_engagement_disagrees_with_no_total() -> None:
    total = figure("Some 9,000", "Approximately", 9000, measure="TroopCount")
    local = figure(
        "nearly 300",
        "Nearly",
        300,
        measure="TroopCount",
        sentence="Nearly 300 of them came at the position in waves, the commander said.",
    )
    assert not disagree(total, local)
    assert disagree(total, replace(local, sentence="Nearly 300 of them are in the country."))
    (group,) = compare_figures([total, local])
    assert [(f.flag, f.disagrees_with) for f in group.figures] == [("", ()), ("one engagement", ())]


def test_the_canned_query_leaves_out_figures_about_one_engagement() -> None:
    """disagreeing_figures reads the same pattern: the pair is found until the sentence places
    one figure at a single fight."""
    from test_views import A1, A2, _claim, make_world

    def pairs(local: bool) -> int:
        ds = make_world()
        place = "at the position" if local else "in the country"
        _claim(ds, A2, 700, f"Nearly 300 of them were {place}, he said.", ["ukraine"], ["kpa"],
               [("Nearly 300", "TroopCount", "kpa")])  # fmt: skip
        for article in (A1, A2):
            ds.graph(article).add((article, SCHEMA.datePublished, Literal(DEC_20)))
        return len(run_canned(ds, "disagreeing_figures", {"measure": "TroopCount"}).rows)

    assert (pairs(local=False), pairs(local=True)) == (1, 0)


def _tolls_world() -> Any:
    """Killed: about 50 and about 100 on one day, about 300 twice a few days later (the second
    with the smaller IRI), about 5,000 a year on; Wounded: about 1,000, then about 200 half a year
    later and about 3,000 three weeks after that. Each figure "about", so +/-10%."""
    from test_views import A1, _claim, make_world

    ds = make_world()
    tolls = [  # start (orders the IRIs), figure, measure, day stated
        (900, "about 50", "Killed", "2024-12-01"), (910, "about 100", "Killed", "2024-12-01"),
        (930, "about 300", "Killed", "2024-12-05"), (920, "about 300", "Killed", "2024-12-06"),
        (940, "about 5000", "Killed", "2025-12-01"), (950, "about 1000", "Wounded", "2024-12-01"),
        (960, "about 200", "Wounded", "2025-06-01"), (970, "about 3000", "Wounded", "2025-06-20"),
    ]  # fmt: skip
    for start, text, measure, day in tolls:
        sentence = f"Officials said {text} were hit on {day}."
        _claim(ds, A1, start, sentence, ["ukraine"], ["kpa"], [(text, measure, "kpa")])
        claim = ID[f"article/aaa111/claim/{start}-{start + len(sentence)}"]
        ds.graph(A1).add((claim, CKG.statedOn, Literal(day, datatype=XSD.date)))
    return ds


def _disagreeing(rows: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [
        (
            row["measure"],
            row["disagreeing"],
            row["pairs"],
            str(row["lowFigure"]),
            str(row["lowDate"]),
            str(row["highDate"]),
        )
        for row in rows
    ]


def test_disagreeing_figures_counts_each_groups_pairs_and_shows_its_widest(tmp_path: Path) -> None:
    """One row per group: about 5,000 a year later disagrees with nothing (a tally that grew);
    about 200 half a year after about 1,000 does (a tally cannot shrink). The widest Killed pairs
    tie (about 50 against either about 300): the earlier-stated higher figure is shown, though
    the other's IRI sorts first. The figures table's SQL (running bounds over days) gives what
    SPARQL's pairs give."""
    from kg.read.figure_table import rebuilt_table

    ds = _tolls_world()
    expected = {
        "90": [
            ("Killed", 4, 5, "about 50", "2024-12-01", "2024-12-05"),
            ("Wounded", 3, 2, "about 200", "2025-06-01", "2025-06-20"),
        ],
        "0": [
            ("Killed", 2, 1, "about 50", "2024-12-01", "2024-12-01"),
            ("Wounded", 2, 1, "about 200", "2025-06-01", "2024-12-01"),
        ],
    }  # fmt: skip
    store = open_store(tmp_path / "store")
    try:
        store.add([(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in ds.quads()])
        table = rebuilt_table(store)
        for window, rows in expected.items():
            assert _disagreeing(run_canned(ds, "disagreeing_figures", {"window": window}).records()) == rows
            assert _disagreeing(table.canned("disagreeing_figures", {"window": window}).records()) == rows
        table.close()
    finally:
        store.close()


def test_compare_figures_numbers_groups_and_flags_both_sides() -> None:
    records = [
        figure("more than 200", "MoreThan", low=200, measure="Wounded", on=FEB_28),
        figure("At least 100", "AtLeast", low=100, on=FEB_28),
        figure("about 50", "Approximately", 50),
        figure("1,000", "Exact", 1000, measure="Wounded"),
        figure("2,000", "Exact", 2000, sentence="They said 2,000 more were killed.", tally="Increment"),
    ]
    groups = compare_figures(records)
    assert [(g.measure, [f.record.figure for f in g.figures]) for g in groups] == [
        ("Killed", ["2,000", "about 50", "At least 100"]),  # oldest first, then by quantity IRI
        ("Wounded", ["1,000", "more than 200"]),
    ]
    killed, wounded = groups
    assert [f.id for g in groups for f in g.figures] == [1, 2, 3, 4, 5]
    assert [(f.id, f.disagrees_with, f.flag) for f in killed.figures] == [
        (1, (), "increment"),
        (2, (3,), "disagrees"),
        (3, (2,), "disagrees"),
    ]
    assert killed.disagreeing == 2 and wounded.disagreeing == 0


def test_figure_rows_have_every_column_and_plain_numbers() -> None:
    record = figure("Some 11,000", "Approximately", 11000, measure="TroopCount")
    rows = figure_rows(compare_figures([replace(record, period=(None, date(2024, 12, 16)))]))
    assert len(rows) == 1 and len(rows[0]) == len(FIGURE_COLUMNS)
    row = dict(zip(FIGURE_COLUMNS, rows[0], strict=True))
    assert (row["value"], row["bounds"], row["date"], row["period"], row["claimant"]) == (
        "11000",
        "[9900, 12100]",
        "2024-12-20",
        "..2024-12-16",
        "Ukraine",
    )


def test_chart_marks_shapes_and_leaves_out_undated_figures() -> None:
    records = [
        figure("about 50", "Approximately", 50),
        figure("At least 100", "AtLeast", low=100),
        figure("up to 500", "AtMost", high=500),
        figure("14", "Exact", 14),
        figure("dozens", "Vague", low=24, high=99),
        figure("some", "Exact", 3, on=None),
    ]
    (panel,) = chart_panels(compare_figures(records))
    shapes = {m.figure: (m.shape, m.low, m.high) for m in panel.marks}
    assert shapes == {
        "about 50": ("range", 45.0, 55.0),
        "At least 100": ("up", 100.0, None),
        "up to 500": ("down", 0.0, 500.0),
        "14": ("point", 14.0, 14.0),
        "dozens": ("range", 24.0, 99.0),
    }
    assert [f.record.figure for f in compare_figures(records)[0].figures if f.id in panel.not_drawn] == [
        "some"
    ]


def _embedded(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="figure-data">(.*?)</script>', html, re.DOTALL)
    assert found, "no figure-data element"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_timeline_escapes_text_from_the_articles() -> None:
    hostile = "<script>alert(1)</script>"
    record = figure(
        "about 50 & <b>more</b>",
        "Approximately",
        50,
        claimants=(hostile,),
        sentence='He said "about 50 & <b>more</b>" </script><script>alert(2)</script>',
    )
    groups = compare_figures(
        [record, replace(record, quantity="https://example.org/q/2", claimants=("NIS",))]
    )
    html = timeline_html(groups, title=hostile)
    assert html.count("<script") == 1  # only the data element
    assert "</script><script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = _embedded(html)
    assert data["title"] == hostile
    (mark,) = [m for m in data["panels"][0]["marks"] if m["claimant"] != "NIS"]
    assert mark["claimant"] == hostile and mark["sentence"] == record.sentence
    svg = timeline_svg(groups)
    tree = ET.fromstring(svg)  # well-formed XML with the text intact
    titles = [el.text or "" for el in tree.iter("{http://www.w3.org/2000/svg}title")]
    assert hostile in titles and any(record.sentence in t for t in titles)
    assert Timeline(groups)._repr_svg_() == svg


def test_timeline_needs_no_network() -> None:
    html = timeline_html(compare_figures([figure("about 50", "Approximately", 50)]))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html


# The seeds: one build, read through the canned query, compared and drawn.


def _run(*argv: str) -> int:
    args = parse(["figures", *argv])
    status: int = args.run(args)
    return status


@pytest.fixture(scope="module")
def seed_files(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """`kg figures` for the North Korean contingent: the chart's data and the CSV file."""
    out = tmp_path_factory.mktemp("figures")
    status = _run(
        "--entity", "North Korean troops", "--store", str(seed_store),
        "--html", str(out / "figures.html"), "--csv", str(out / "figures.csv"),
    )  # fmt: skip
    assert status == 0
    return _embedded((out / "figures.html").read_text(encoding="utf-8")), out / "figures.csv"


def _marks(data: dict[str, Any], measure: str) -> dict[str, dict[str, Any]]:
    panels = [
        p for p in data["panels"] if p["measure"] == measure and p["group_label"] == "Korean People's Army"
    ]
    assert len(panels) == 1, [(p["group_label"], p["measure"]) for p in data["panels"]]
    return {m["figure"]: m for m in panels[0]["marks"]}


@pytest.mark.slow
def test_seed_timeline_shows_every_source_for_the_north_korean_contingent(
    seed_files: tuple[dict[str, Any], Path],
) -> None:
    data, _ = seed_files
    troops = _marks(data, "TroopCount")
    assert troops["Some 11,000"]["claimant"] == "National Intelligence Service"
    assert troops["between 10,000 and 12,000"]["claimant"] == "Ukraine; United States"
    assert troops["between 10,000 and 12,000"]["shape"] == "range"
    assert "Yomiuri" in troops["about 12,000"]["outlet"] and troops["about 12,000"]["date"] == "2025-02-28"
    assert troops["about 12,000"]["claimant"].endswith("Yomiuri Shimbun (no source named)")  # the legend
    killed = _marks(data, "Killed")
    assert killed["At least 100"]["claimant"] == "National Intelligence Service"
    assert killed["At least 100"]["shape"] == "up" and killed["At least 100"]["high"] is None
    assert killed["about 50"]["claimant"] == "Ukraine"
    assert "Yomiuri" in _marks(data, "KilledOrWounded")["more than 4,000"]["outlet"]
    colours = {m["claimant"]: m["colour"] for p in data["panels"] for m in p["marks"]}
    assert len(set(colours.values())) == len(colours)  # one colour per claimant, in every panel


@pytest.mark.slow
def test_seed_about_50_and_at_least_100_killed_disagree(seed_files: tuple[dict[str, Any], Path]) -> None:
    data, _ = seed_files
    killed = _marks(data, "Killed")
    about, at_least = killed["about 50"], killed["At least 100"]
    assert about["disagrees_with"] == [at_least["id"]] and at_least["disagrees_with"] == [about["id"]]
    more = _marks(data, "TroopCount")["2,000-3,000"]
    assert more["increment"] and more["disagrees_with"] == []


@pytest.mark.slow
def test_seed_flags_the_figures_the_canned_query_counts(seed_store: Path) -> None:
    """Per group, disagreeing_figures counts the figures and pairs that kg figures flags, and
    its widest pair is one kg figures flags."""
    store = open_store(seed_store)
    try:
        groups = compare_figures(read_figures(store.dataset))
        canned = run_canned(store.dataset, "disagreeing_figures").records()
    finally:
        store.close()
    text = {f.id: f.record.figure for g in groups for f in g.figures}
    flagged = {
        (g.measure, g.group_label): (
            g.disagreeing,
            sum(f.disagreements for f in g.figures) // 2,
            {frozenset((text[f.id], text[other])) for f in g.figures for other in f.disagrees_with},
        )
        for g in groups
        if g.disagreeing
    }
    assert canned and len(canned) == len(flagged)
    for row in canned:
        disagreeing, pairs, shown = flagged[(str(row["measure"]), str(row["group"]))]
        assert (row["disagreeing"], row["pairs"]) == (disagreeing, pairs)
        assert frozenset((str(row["lowFigure"]), str(row["highFigure"]))) in shown


@pytest.mark.slow
def test_seed_csv_has_one_row_per_figure(seed_files: tuple[dict[str, Any], Path]) -> None:
    data, path = seed_files
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == FIGURE_COLUMNS
        rows = list(reader)
    assert len(rows) == sum(len(p["marks"]) + len(p["not_drawn"]) for p in data["panels"])
    nis = next(r for r in rows if r["figure"] == "At least 100")
    assert (nis["measure"], nis["claimant"], nis["date"], nis["bounds"], nis["flag"]) == (
        "Killed", "National Intelligence Service", "2024-12-20", "[100, inf)", "disagrees",
    )  # fmt: skip
    assert nis["file"] == "000_495f311b93d16d41.txt" and "At least 100 people" in nis["sentence"]
    about = next(r for r in rows if r["figure"] == "about 50")
    assert nis["disagrees_with"] == about["id"]


@pytest.mark.slow
def test_seed_cli_errors_are_kg_errors(seed_store: Path, tmp_path: Path) -> None:
    with pytest.raises(
        QueryError,
        match="^--entity 'Atlantis' names no entity in the store; no article names an entity like it$",
    ):
        _run("--entity", "Atlantis", "--store", str(seed_store))
    with pytest.raises(QueryError, match="choose one of: TroopCount"):
        _run("--measure", "casualties", "--store", str(seed_store))
    with pytest.raises(StoreError, match="no store at"):
        _run("--store", str(tmp_path / "missing"))


def test_timeline_names_what_a_flagged_figure_disagrees_with_and_the_units() -> None:
    records = [
        figure("At least 100", "AtLeast", low=100, claimants=("The Agency",)),
        figure("about 50", "Approximately", 50),
        figure("about 1,300", "Approximately", 1300, measure="AreaControlled"),
    ]
    groups = compare_figures(records)
    ids = {f.record.figure: f.id for g in groups for f in g.figures}
    page = timeline_html(groups)
    # The table under the panel and the mark's tooltip name the other figure, not just its number.
    named = f"disagrees with #{ids['about 50']} Ukraine: about 50 (2024-12-20)"
    assert page.count(named) == 2  # the table's flag and the mark's tooltip
    assert page.count(f"disagrees with #{ids['At least 100']} The Agency: At least 100 (2024-12-20)") == 2
    units = re.findall(r'transform="rotate\(-90[^"]*"[^>]*>([^<]+)</text>', page)
    assert units == ["km\N{SUPERSCRIPT TWO}", "people"]  # panels in group-label order
    assert page.count(">date stated</text>") == 2
    assert "svg{width:100%" in page  # the charts span the page


def test_timeline_shows_the_period_a_figure_counts_and_never_compares_an_increment() -> None:
    """A total as of a day says so on its mark; "another 500" is dashed and flagged, not compared
    with the total below it (which would disagree were it a total)."""
    total = replace(
        figure("3,000", "Exact", 3000, on=date(2025, 3, 12)),
        tally="RunningTotal",
        period=(None, date(2025, 3, 10)),
    )
    more = replace(figure("500", "Exact", 500, on=date(2025, 3, 12)), tally="Increment")
    (group,) = compare_figures([total, more])
    assert [f.disagrees_with for f in group.figures] == [(), ()]
    page = timeline_html((group,))
    marks = {m["figure"]: m for m in _embedded(page)["panels"][0]["marks"]}
    assert marks["3,000"]["counts"] == "counts ..2025-03-10, the total so far"
    assert marks["500"]["increment"] and marks["500"]["counts"] == ""
    assert page.count("counts ..2025-03-10, the total so far") == 3  # the table, the tooltip, the data
    assert "<td>increment, compared with nothing</td>" in page
    assert 'stroke-dasharray="2 2"' in page and f">#{marks['500']['id']} +</text>" in page


def test_figures_without_a_group_are_compared_with_nothing() -> None:
    """Two tolls that name neither whose dead they count nor what they are about may be about
    two strikes in two wars: in one panel, never flagged against each other."""
    records = [
        figure("12", "Exact", 12, group="", sentence="Twelve people were killed, officials said."),
        figure("300", "Exact", 300, group="", sentence="At the time, 300 were killed, the agency said."),
    ]
    (group,) = compare_figures(records)
    assert group.group == ""
    assert [f.disagrees_with for f in group.figures] == [(), ()]
    kpa = [replace(r, group="https://w3id.org/conflict-kg/id/korean-peoples-army") for r in records]
    assert [f.disagrees_with for f in compare_figures(kpa)[0].figures] == [(2,), (1,)]


def test_a_figure_that_disagrees_with_many_counts_them_all_and_names_the_first_few() -> None:
    """One low toll against 25 floors above it stated the same day ("at least 1,000", which
    agree with each other): it disagrees with all 25 and lists the first SHOWN_DISAGREEMENTS of
    them; each floor disagrees with it alone. The figures table's SQL finds the same as the
    comparison in Python."""
    from kg.read.figure_table import FigureTable
    from kg.render.tables import csv_text

    records = [figure("5", "Exact", 5)] + [figure(f"at least {n:,}", "AtLeast", n) for n in range(1000, 1025)]
    (group,) = compare_figures(records)
    low = next(f for f in group.figures if f.record.figure == "5")
    higher = [f for f in group.figures if f is not low]
    assert low.disagreements == 25 and len(low.disagrees_with) == SHOWN_DISAGREEMENTS == 10
    assert low.disagrees_with == tuple(sorted(f.id for f in higher))[:10]
    assert all(f.disagreements == 1 and f.disagrees_with == (low.id,) for f in higher)
    assert group.disagreeing == 26
    table = FigureTable(duckdb.connect(":memory:"))
    assert compare_figures(records, pairs=table.disagreements) == (group,)
    rows = list(csv.DictReader(csv_text(FIGURE_COLUMNS, figure_rows([group])).splitlines()))
    shown = next(row for row in rows if row["figure"] == "5")
    assert (shown["disagreements"], len(shown["disagrees_with"].split())) == ("25", 10)
    page = timeline_html((group,))
    assert "; and 15 more</td>" in page


def test_figures_below_each_other_are_one_disagreement_in_sql_as_in_python() -> None:
    """Two "less than 0" figures ([0, 0) each) lie wholly below each other: one disagreement,
    not two, in the figures table's SQL as in Python; a floor above a range disagrees with it
    whichever is numbered first."""
    from kg.read.figure_table import FigureTable

    records = [
        figure("fewer than none", "LessThan", 0),
        figure("under zero", "LessThan", 0),
        figure("at least 100", "AtLeast", 100),
        figure("about 50", "Approximately", 50, on=date(2024, 12, 21)),
    ]
    table = FigureTable(duckdb.connect(":memory:"))
    (group,) = compare_figures(records)
    assert compare_figures(records, pairs=table.disagreements) == (group,)
    counts = {f.record.figure: f.disagreements for f in group.figures}
    assert counts == {"fewer than none": 3, "under zero": 3, "at least 100": 3, "about 50": 3}
