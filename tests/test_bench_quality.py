"""The scoring halves of bench/quality: BRAT parsing, span matching, ISAF count rules.

No model is loaded: claims are built by hand from the gold they are scored against. The bench
scripts are not a package (and pyproject.toml stays as it is), so they are imported by file path.
"""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from kg.model import Certainty, Claim, Figure, Qualifier, Quantity, Span

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"


def load_bench(name: str) -> ModuleType:
    """Import bench/quality/<name>.py; registered first so its dataclasses can resolve themselves."""
    module_name = f"bench_quality_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "bench" / "quality" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


polnear = load_bench("polnear")
isaf = load_bench("isaf_figures")

# One article, two attributions with a source (one content split around its source and cue),
# one without, and the annotator notes PolNeAR also keeps.
TEXT = (
    "Officials said the talks failed. "  # 0..33
    '"The deal is dead," the minister told reporters, "and will stay dead." '  # 33..104
    "It is widely assumed that talks will resume."  # 104..148
)
ANN = """\
T1\tSource 0 9\tOfficials
T2\tCue 10 14\tsaid
T3\tContent 15 32\tthe talks failed.
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tContent 33 52;82 103\t"The deal is dead," "and will stay dead."
T6\tSource 53 65\tthe minister
T7\tCue 66 80\ttold reporters
T8\tAttribution 66 70\ttold
E2\tAttribution:T8 Content:T5 Source:T6 Cue:T7
T9\tCue 107 124\tis widely assumed
T10\tContent 125 147\tthat talks will resume
T11\tAttribution-no-source 107 124\tis widely assumed
E3\tAttribution-no-source:T11 Cue:T9 Content:T10
T12\tDiscuss 0 9\tOfficials
"""


def span(start: int, end: int, text: str = TEXT) -> Span:
    return Span(start, end, text[start:end])


def sourced_claim(source: tuple[int, int], cue: tuple[int, int], content: tuple[int, int]) -> Claim:
    return Claim(span=span(0, len(TEXT)), content=span(*content), source=span(*source), cue=span(*cue))


# The gold as a system would give it: contiguous spans (the split content as its hull).
GOLD_AS_CLAIMS = (
    sourced_claim((0, 9), (10, 14), (15, 32)),
    sourced_claim((53, 65), (66, 80), (33, 103)),
    Claim(span=span(104, 148), content=span(125, 147), cue=span(107, 124)),
)


def test_parse_ann_reads_events_and_discontinuous_spans() -> None:
    gold = polnear.parse_ann(ANN)
    assert [a.id for a in gold] == ["E1", "E2", "E3"]
    said, told, assumed = gold
    assert (said.kind, said.source, said.cue, said.content) == (
        "Attribution",
        ((0, 9),),
        ((10, 14),),
        ((15, 32),),
    )
    assert told.content == ((33, 52), (82, 103))
    assert told.cue_text == "told reporters"
    assert (assumed.kind, assumed.source, assumed.content) == ("Attribution-no-source", None, ((125, 147),))
    for attribution in gold:  # the .ann offsets point at their text
        assert all(TEXT[s:e].strip() for s, e in attribution.content)


def test_parse_ann_merges_a_second_content_role() -> None:
    ann = "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 19\tthe\nT4\tContent 20 25\ttalks\n"
    ann += "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3 Content2:T4\n"
    (attribution,) = polnear.parse_ann(ann)
    assert attribution.content == ((15, 19), (20, 25))


def test_read_split_groups_annotators_and_keeps_offsets(tmp_path: Path) -> None:
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "doc-a.txt").write_text(TEXT, encoding="utf-8", newline="")
    for annotator in ("4b22", "d473"):
        (tmp_path / "attributions" / f"doc-a_{annotator}.ann").write_text(ANN, encoding="utf-8")
    (document,) = polnear.read_split(tmp_path)
    assert document.name == "doc-a"
    assert document.text == TEXT
    assert sorted(document.annotations) == ["4b22", "d473"]


def test_tokens_cover_words_of_every_piece() -> None:
    tokens = polnear.Tokens("a bc, d ef")
    assert tokens.cover([(0, 4)]) == {0, 1}
    assert tokens.cover([(3, 4)]) == {1}  # a piece inside a word takes the word
    assert tokens.cover([(4, 5)]) == frozenset()  # punctuation and space are no tokens
    assert tokens.cover([(0, 1), (8, 10)]) == {0, 3}


def test_token_f1() -> None:
    assert polnear.token_f1(frozenset({1, 2}), frozenset({1, 2})) == 1.0
    assert polnear.token_f1(frozenset({1, 2}), frozenset({2, 3})) == 0.5
    assert polnear.token_f1(frozenset(), frozenset({1})) == 0.0


def test_one_to_one_uses_each_item_once() -> None:
    # Two system claims fit gold 0; only the better one is used, gold 1 takes the other.
    assert polnear.one_to_one([(2.0, 0, 0), (1.5, 0, 1), (1.0, 1, 1)]) == {0, 1}
    assert polnear.one_to_one([(2.0, 0, 0), (1.5, 1, 0)]) == {0}


def test_gold_as_prediction_scores_one() -> None:
    # The contiguous attributions: a claim's one span can equal them (the split one: see below).
    gold = [a for a in polnear.parse_ann(ANN) if len(a.content) == 1]
    counts = polnear.score_document(TEXT, gold, (GOLD_AS_CLAIMS[0], GOLD_AS_CLAIMS[2]))
    summary = polnear.summarise(counts)
    for level in ("overlap", "soft", "strict"):
        assert summary["attribution"][level]["f1"] == 1.0, level
    for role in ("source", "cue", "content"):
        assert summary["tokens"][role]["f1"] == 1.0, role
    assert summary["no_source"]["f1"] == 1.0
    assert summary["system"] == {"claims": 2, "with_source": 1, "cue_without_source": 1}
    assert [(c["cue"], c["gold"], c["soft_recall"]) for c in summary["cues"]] == [("said", 1, 1.0)]


def test_a_source_that_misses_is_one_false_positive_and_one_false_negative() -> None:
    wrong_source = sourced_claim((15, 24), (10, 14), (15, 32))  # "the talks", not "Officials"
    claims = (wrong_source, GOLD_AS_CLAIMS[1])
    counts = polnear.score_document(TEXT, polnear.parse_ann(ANN), claims)
    soft = polnear.summarise(counts)["attribution"]["soft"]
    assert (soft["tp"], soft["pred"], soft["gold"]) == (1, 2, 2)
    assert soft["p"] == soft["r"] == 0.5
    cues = {c["cue"]: (c["soft_recall"], c["cue_found"]) for c in polnear.summarise(counts)["cues"]}
    assert cues["said"] == (0.0, 1.0)  # the verb was found, the attribution was not


def test_discontinuous_gold_levels() -> None:
    gold = polnear.parse_ann(ANN)
    # The first piece alone: 4 of the 8 content words (The deal is dead and will stay dead).
    first_piece = sourced_claim((53, 65), (66, 80), (33, 51))
    counts = polnear.summarise(polnear.score_document(TEXT, gold[1:2], (first_piece,)))["attribution"]
    assert (counts["overlap"]["tp"], counts["soft"]["tp"], counts["strict"]["tp"]) == (1, 1, 0)
    # The hull takes in the source and cue between the pieces: 12 words against 8, F1 16/20.
    hull = GOLD_AS_CLAIMS[1]
    counts = polnear.summarise(polnear.score_document(TEXT, gold[1:2], (hull,)))["attribution"]
    assert (counts["soft"]["tp"], counts["strict"]["tp"]) == (1, 0)
    # A content off to the side overlaps not at all.
    elsewhere = sourced_claim((53, 65), (66, 80), (125, 147))
    counts = polnear.summarise(polnear.score_document(TEXT, gold[1:2], (elsewhere,)))["attribution"]
    assert counts["overlap"]["tp"] == 0


def test_unsourced_claims_are_kept_out_of_attribution_precision() -> None:
    gold = [a for a in polnear.parse_ann(ANN) if len(a.content) == 1]
    article_own = Claim(span=span(0, 33), content=span(0, 32))  # no source, no cue
    counts = polnear.score_document(TEXT, gold, (GOLD_AS_CLAIMS[0], GOLD_AS_CLAIMS[2], article_own))
    summary = polnear.summarise(counts)
    assert summary["attribution"]["soft"]["p"] == 1.0
    assert summary["no_source"]["p"] == 1.0
    assert summary["tokens"]["content"]["p"] == 1.0


def test_annotators_are_averaged() -> None:
    gold = polnear.parse_ann(ANN)
    counts = polnear.score_annotations(TEXT, {"a": gold, "b": gold[:1]}, GOLD_AS_CLAIMS[:1])
    assert counts["soft.gold"] == 1.5  # two attributions for one annotator, one for the other
    assert counts["soft.tp"] == 1.0
    assert counts["soft.pred"] == 1.0


def test_polnear_test_split_parses_against_its_texts() -> None:
    folder = BENCHMARKS / "polnear" / "test"
    if not (folder / "attributions").is_dir():
        pytest.skip(f"no PolNeAR data at {folder}")
    documents = polnear.read_split(folder)
    assert len(documents) == 84
    assert sum(len(d.annotations) for d in documents) == 94
    assert sorted(len(d.annotations) for d in documents)[-2:] == [6, 6]
    attributions = [a for d in documents for gold in d.annotations.values() for a in gold]
    assert sum(a.kind == "Attribution" for a in attributions) == 2039  # as the benchmarks README counts them
    assert sum(a.kind == "Attribution-no-source" for a in attributions) == 192
    for document in documents:  # every piece starts and ends on a character of its text
        for gold in document.annotations.values():
            for a in gold:
                assert all(0 <= s < e <= len(document.text) for s, e in a.content + (a.source or ()))


def figure(
    start: int,
    text: str,
    value: int | None = None,
    low: int | None = None,
    high: int | None = None,
    qualifier: Qualifier = "Exact",
) -> Figure:
    return Figure(
        start,
        start + len(text),
        text,
        qualifier,
        value=None if value is None else Decimal(value),
        min_value=None if low is None else Decimal(low),
        max_value=None if high is None else Decimal(high),
    )


def quantity_claim(*quantities: Quantity, certainty: Certainty = "Asserted") -> Claim:
    whole = Span(0, 10, "x" * 10)
    return Claim(span=whole, content=whole, certainty=certainty, quantities=quantities)


def test_lower_figure_prefers_value_then_lower_then_upper_bound() -> None:
    assert isaf.lower_figure(figure(0, "two", value=2)) == 2
    assert isaf.lower_figure(figure(0, "several", low=3, high=7, qualifier="Vague")) == 3
    assert isaf.lower_figure(Figure(0, 8, "up to 5", "AtMost", max_value=Decimal(5))) == 5


def test_predict_max_and_sum_of_distinct_figures() -> None:
    two_killed = Quantity(figure(10, "two", value=2), "Killed")
    lead = quantity_claim(
        two_killed, Quantity(figure(30, "several", low=3, high=7, qualifier="Vague"), "Captured")
    )
    details = quantity_claim(
        two_killed,  # the same figure span carried by a second claim counts once
        Quantity(figure(80, "three", value=3), "Captured"),
        Quantity(figure(90, "four", value=4), "Wounded"),
    )
    assert isaf.predict([lead, details], "max") == {"min_killed": 2, "min_captured": 3}
    assert isaf.predict([lead, details], "sum") == {"min_killed": 2, "min_captured": 6}
    assert isaf.predict([], "max") == {"min_killed": 0, "min_captured": 0}


def test_predict_leaves_out_denied_claims() -> None:
    denied = quantity_claim(Quantity(figure(0, "ten", value=10), "Killed"), certainty="Denied")
    assert isaf.predict([denied], "max")["min_killed"] == 0


def test_isaf_scores_accuracy_mae_flags_and_vague_subsets() -> None:
    gold = {"min_killed": 2, "min_captured": 3, "killq": True, "captureq": True}
    right = quantity_claim(
        Quantity(figure(0, "two", value=2), "Killed"),
        Quantity(figure(10, "several", low=3, high=7, qualifier="Vague"), "Captured"),
    )
    items = [
        isaf.make_item("1", "killed two and detained several insurgents", gold, [right]),
        isaf.make_item("2", "detained three insurgents", {**gold, "min_killed": 0, "killq": False}, [right]),
        isaf.make_item("3", "nothing found", {**gold, "min_captured": 1}, []),
    ]
    assert [i.vague for i in items] == [True, False, False]
    summary = isaf.score(items)
    killed = summary["counts"]["all"]["min_killed"]["max"]
    assert killed["exact"] == pytest.approx(1 / 3)
    assert killed["mae"] == pytest.approx((0 + 2 + 2) / 3)
    captured = summary["counts"]["all"]["min_captured"]["max"]
    assert captured["exact"] == pytest.approx(2 / 3)
    assert summary["counts"]["vague"]["min_captured"]["max"] == {"items": 1, "exact": 1.0, "mae": 0.0}
    assert summary["counts"]["not_vague"]["min_killed"]["max"]["exact"] == 0.0
    killq = summary["flags"]["killq"]
    assert (killq["tp"], killq["pred"], killq["gold"]) == (1, 2, 2)
    assert summary["vague_items"] == 1


def test_isaf_gold_file_has_the_counts_the_script_reads() -> None:
    path = BENCHMARKS / "isaf" / "isaf_test_gold.jsonl"
    if not path.is_file():
        pytest.skip(f"no ISAF gold at {path}")
    rows = isaf._read_gold(path, None)
    assert len(rows) == 724
    for row in rows:
        assert all(isinstance(row["gold"][key], int) for key in isaf.FIELDS)
        assert all(isinstance(row["gold"][flag], bool) for flag in isaf.FLAGS)
    assert sum(bool(isaf.VAGUE.search(row["text"])) for row in rows) > 50


@pytest.mark.parametrize(
    ("cue", "word"),
    [
        ("said", "said"),
        ("has said", "said"),
        ("also noted", "noted"),
        ("According to", "according"),
        (":", ":"),
    ],
)
def test_cue_word_files_a_cue_under_its_verb(cue: str, word: str) -> None:
    assert polnear.cue_word(cue) == word


@pytest.mark.parametrize(
    ("module", "constant"),
    [(polnear, "POLNEAR"), (isaf, "ISAF"), (load_bench("re3d"), "RE3D"), (load_bench("conll"), "CONLL")],
)
def test_scripts_skip_cleanly_without_data(
    module: ModuleType,
    constant: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(module, constant, tmp_path / "absent")
    assert module.main([]) == 0
    assert capsys.readouterr().out.startswith("skipped: ")
