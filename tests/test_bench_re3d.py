"""The scoring halves of bench/quality/re3d.py, conll.py and the spans.py they share.

No model is loaded: documents, gold rows and extracted articles are built by hand. The scripts
are imported by file path, as tests/test_bench_quality.py does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_bench_quality import BENCHMARKS, load_bench

from kg.model import Article, Entity, ExtractedArticle, Mention, Relation, Span, Zone

spans = load_bench("spans")
re3d = load_bench("re3d")
conll = load_bench("conll")
L = spans.Labelled

# One document: who is where, who belongs to what.
TEXT = (
    "Foreign Minister Julie Bishop met the Kurdish YPG in Qamishli. "
    "She said the YPG belongs to the SDF, which fights in Syria."
)
SENTENCES = ((0, TEXT.index(". ") + 1), (TEXT.index("She"), len(TEXT)))


def at(word: str, nth: int = 0) -> tuple[int, int]:
    """The (start, end) of the nth occurrence of ``word`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def sentence(n: int) -> Span:
    start, end = SENTENCES[n]
    return Span(start, end, TEXT[start:end])


def extracted(
    mentions: list[tuple[str, int, str, str]],
    relations: tuple[Relation, ...] = (),
    classes: dict[str, str] | None = None,
) -> ExtractedArticle:
    """An article of TEXT with mentions ``(word, nth, class, entity key)``; an entity has the
    class of its first mention unless ``classes`` says otherwise."""
    article = Article(id="a1", source="a.txt", text=TEXT, zones=(Zone(0, len(TEXT), "body"),))
    pairs = tuple((Mention(*at(word, nth), word, word, cls), key) for word, nth, cls, key in mentions)
    entity_classes = {key: cls for _word, _nth, cls, key in reversed(mentions)} | (classes or {})
    entities = tuple(Entity(key=key, label=key, cls=cls) for key, cls in entity_classes.items())
    return ExtractedArticle(article=article, mentions=pairs, entities=entities, relations=relations)


# --- spans.py --------------------------------------------------------------------------------


def test_score_spans_exact_overlap_typed_and_untyped() -> None:
    gold = [L(0, 5, "Person"), L(10, 20, "Organization"), L(30, 35, "Location")]
    system = [L(0, 5, "Person"), L(10, 15, "Organization"), L(30, 35, "Person")]
    summary = spans.summarise_spans(spans.score_spans(gold, system), ("Person", "Organization", "Location"))
    exact, loose = summary["exact"], summary["overlap"]
    assert (exact["Person"]["tp"], exact["Person"]["pred"], exact["Person"]["gold"]) == (1, 2, 1)
    assert exact["Organization"]["tp"] == 0  # a boundary error
    assert loose["Organization"]["tp"] == 1
    assert exact["micro"]["p"] == pytest.approx(1 / 3)
    assert loose["micro"]["f1"] == pytest.approx(2 / 3)
    assert (exact["any"]["tp"], loose["any"]["tp"]) == (2, 3)  # the wrong type still finds the place


def test_overlap_matches_one_system_span_to_one_gold_span() -> None:
    # One long system span over two gold spans matches the one it overlaps most.
    counts = spans.score_spans([L(0, 4, "Location"), L(6, 20, "Location")], [L(0, 20, "Location")])
    assert (counts["overlap.Location.tp"], counts["overlap.Location.gold"]) == (1, 2)


def test_untyped_scoring_counts_a_span_given_two_types_once() -> None:
    counts = spans.score_spans([L(0, 4, "Location"), L(0, 4, "Organization")], [L(0, 4, "Location")])
    assert (counts["exact.any.tp"], counts["exact.any.gold"]) == (1, 1)
    assert (counts["exact.Organization.tp"], counts["exact.Organization.gold"]) == (0, 1)


def test_mention_spans_take_the_entity_class_collapsed() -> None:
    mentions = [
        ("Julie Bishop", 0, "Person", "julie-bishop"),
        ("YPG", 0, "MilitaryUnit", "ypg"),
        ("Qamishli", 0, "Person", "qamishli"),  # the model's slip; resolution made it a Settlement
        ("Syria", 0, "State", "syria"),
    ]
    article = extracted(mentions, classes={"qamishli": "Settlement"})
    assert spans.mention_spans(article) == [
        L(*at("Julie Bishop"), "Person"),
        L(*at("YPG"), "Organization"),
        L(*at("Qamishli"), "Location"),
        L(*at("Syria"), "Location"),
    ]


# --- re3d.py: reading ------------------------------------------------------------------------


def test_gold_entity_maps_types_and_cuts_a_leading_article() -> None:
    row = {"begin": at("the Kurdish YPG")[0], "end": at("the Kurdish YPG")[1], "type": "Organisation"}
    assert re3d.gold_entity(TEXT, row) == L(*at("Kurdish YPG"), "Organization")
    person = {"begin": 0, "end": at("Julie Bishop")[1], "type": "Person"}
    assert re3d.gold_entity(TEXT, person) == L(0, at("Julie Bishop")[1], "Person")  # titles stay
    assert re3d.gold_entity(TEXT, {"begin": 0, "end": 7, "type": "Nationality"}) is None


def relation_row(kind: str, source: str, target: str, confidence: float = 1.0) -> dict[str, object]:
    (sb, se), (tb, te) = at(source), at(target)
    return {
        "type": kind,
        "sourceBegin": sb,
        "sourceEnd": se,
        "targetBegin": tb,
        "targetEnd": te,
        "confidence": confidence,
    }


def test_gold_relations_keep_mapped_types_and_undirected_pairs_once() -> None:
    rows = [
        relation_row("CoLocated", "Kurdish YPG", "Qamishli"),
        relation_row("CoLocated", "Qamishli", "Kurdish YPG"),  # the same pair, the other way
        relation_row("BelongsTo", "Kurdish YPG", "SDF"),
        relation_row("BelongsTo", "SDF", "Kurdish YPG"),  # directed: a second relation
        relation_row("CommWith", "Julie Bishop", "Kurdish YPG"),  # no predicate of ours
    ]
    gold = re3d.gold_relations(rows)
    assert [(r.type, TEXT[slice(*r.source)], TEXT[slice(*r.target)]) for r in gold] == [
        ("CoLocated", "Kurdish YPG", "Qamishli"),
        ("BelongsTo", "Kurdish YPG", "SDF"),
        ("BelongsTo", "SDF", "Kurdish YPG"),
    ]


def test_in_split_holds_out_ids_divisible_by_four() -> None:
    assert re3d.in_split("0" * 31 + "C", "dev")
    assert re3d.in_split("0" * 31 + "D", "test")
    assert not re3d.in_split("0" * 31 + "D", "dev")


def test_read_re3d_filters_split_and_confidence(tmp_path: Path) -> None:
    dev_id, test_id = "0" * 31 + "8", "0" * 31 + "9"
    folder = tmp_path / "Publisher"
    folder.mkdir()
    docs = [{"_id": dev_id, "text": TEXT}, {"_id": test_id, "text": "Other text."}]
    ypg, bishop = at("the Kurdish YPG"), at("Julie Bishop")
    entities = [
        {"documentId": dev_id, "begin": ypg[0], "end": ypg[1], "type": "Organisation", "confidence": 1},
        {"documentId": dev_id, "begin": ypg[0], "end": ypg[1], "type": "Location", "confidence": 0},
        {"documentId": dev_id, "begin": ypg[0] + 4, "end": ypg[1], "type": "Organisation", "confidence": 1},
        {"documentId": dev_id, "begin": bishop[0], "end": bishop[1], "type": "Person", "confidence": 0.6},
        {"documentId": test_id, "begin": 0, "end": 5, "type": "Organisation", "confidence": 1},
    ]
    relations = [relation_row("BelongsTo", "Kurdish YPG", "SDF", 0.9) | {"documentId": dev_id}]
    for name, rows in (("documents", docs), ("entities", entities), ("relations", relations)):
        (folder / f"{name}.json").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (document,) = re3d.read_re3d(tmp_path, "dev", 0.5)
    assert (document.id, document.publisher, document.text) == (dev_id, "Publisher", TEXT)
    # "the Kurdish YPG" and "Kurdish YPG": one span once the article is cut
    assert document.entities == (L(*at("Kurdish YPG"), "Organization"), L(*bishop, "Person"))
    assert [r.type for r in document.relations] == ["BelongsTo"]
    (every_row,) = re3d.read_re3d(tmp_path, "dev", 0.0)
    assert L(*at("Kurdish YPG"), "Location") in every_row.entities  # the rejected alternative type
    assert [d.id for d in re3d.read_re3d(tmp_path, "test", 0.5)] == [test_id]


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Julie Bishop", True),
        ("the Kurdish YPG", True),
        ("She", False),
        ("the army", False),
        ("The town", False),
    ],
)
def test_is_name(surface: str, name: bool) -> None:
    assert re3d.is_name(surface) is name


# --- re3d.py: relations ----------------------------------------------------------------------

MENTIONS = [
    ("Julie Bishop", 0, "Person", "julie-bishop"),
    ("YPG", 0, "MilitaryUnit", "ypg"),
    ("Qamishli", 0, "Settlement", "qamishli"),
    ("YPG", 1, "MilitaryUnit", "ypg"),
    ("SDF", 0, "MilitaryUnit", "sdf"),
    ("Syria", 0, "State", "syria"),
]


def test_system_triples_read_arguments_inside_the_evidence_sentence() -> None:
    relations = (
        Relation(subject="ypg", predicate="partOf", object="sdf", evidence=sentence(1)),
        Relation(subject="ypg", predicate="locatedIn", object="qamishli", evidence=sentence(0)),
        Relation(subject="qamishli", predicate="locatedIn", object="ypg", evidence=sentence(0)),  # same pair
        Relation(subject="julie-bishop", predicate="affiliatedWith", object="ypg", evidence=sentence(0)),
        Relation(subject="ypg", predicate="alliedWith", object="sdf"),  # no evidence: every mention
    )
    triples = re3d.system_triples(extracted(MENTIONS, relations))
    assert [(t.type, t.subject, t.object) for t in triples] == [
        ("BelongsTo", (at("YPG", 1),), (at("SDF"),)),  # the YPG of sentence 2 only
        ("CoLocated", (at("Qamishli"),), (at("YPG"),)),  # undirected: once, in key order
        ("AlliesOf", (at("SDF"),), (at("YPG"), at("YPG", 1))),
    ]


def gold_relation(kind: str, source: str, target: str) -> object:
    return re3d.GoldRelation(kind, at(source), at(target))


def test_triple_matches_by_overlap_and_direction() -> None:
    belongs = re3d.SystemTriple("BelongsTo", (at("YPG", 1),), (at("SDF"),))
    assert re3d.triple_matches(belongs, gold_relation("BelongsTo", "the YPG", "the SDF"))  # overlap suffices
    assert not re3d.triple_matches(belongs, gold_relation("BelongsTo", "the SDF", "the YPG"))  # directed
    assert not re3d.triple_matches(belongs, gold_relation("AlliesOf", "the YPG", "the SDF"))
    located = re3d.SystemTriple("CoLocated", (at("Qamishli"),), (at("YPG"),))
    assert re3d.triple_matches(located, gold_relation("CoLocated", "Kurdish YPG", "Qamishli"))  # undirected


def test_score_document_relations_and_name_recall(capsys: pytest.CaptureFixture[str]) -> None:
    document = re3d.Re3dDocument(
        id="d",
        publisher="p",
        text=TEXT,
        entities=(L(*at("Julie Bishop"), "Person"), L(*at("She"), "Person"), L(*at("Syria"), "Location")),
        relations=(
            gold_relation("BelongsTo", "the YPG", "the SDF"),  # found
            gold_relation("CoLocated", "She", "Qamishli"),  # not found, and not between names
            gold_relation("FightingAgainst", "SDF", "Syria"),  # not found
        ),
    )
    system = [L(*at("Julie Bishop"), "Person"), L(*at("Syria"), "Location"), L(*at("SDF"), "Organization")]
    triples = [
        re3d.SystemTriple("BelongsTo", (at("YPG", 1),), (at("SDF"),)),
        re3d.SystemTriple("CoLocated", (at("Julie Bishop"),), (at("Syria"),)),  # a false positive
    ]
    summary = re3d.summarise(re3d.score_document(document, system, triples))
    person = summary["entities"]["exact"]["Person"]
    assert (person["p"], person["r"]) == (1.0, 0.5)
    assert summary["entity_names_recall"]["exact"]["Person"] == 1.0  # "She" is no name
    assert summary["entities"]["exact"]["micro"]["p"] == pytest.approx(2 / 3)
    everything = summary["relations"]["all"]
    assert (everything["found"], everything["pred"], everything["recalled"], everything["gold"]) == (
        1,
        2,
        1,
        3,
    )
    assert (everything["p"], everything["r"]) == (0.5, pytest.approx(1 / 3))
    assert everything["f1"] == pytest.approx(0.4)
    assert everything["names_r"] == 0.5
    assert summary["relations"]["BelongsTo"]["f1"] == 1.0
    assert summary["relations"]["InChargeOf"] == {
        "found": 0, "pred": 0, "recalled": 0, "gold": 0, "p": 0.0, "r": 0.0, "f1": 0.0, "names_r": 0.0
    }  # fmt: skip
    system_counts = {"mentions": 3, "relations": 2, "scored_relations": 2}
    re3d._print_report("dev", [document], system_counts, summary, summary)
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert rows["BelongsTo"][-6:] == ["1.000", "1", "1", "1", "1", "1.000"]  # F1, counts, R names
    assert rows["re3d"][:4] == ["re3d", "dev:", "1", "documents,"]


def test_every_ckg_predicate_scored_maps_to_one_re3d_type() -> None:
    assert re3d.TYPE_OF_PREDICATE == {
        "opposes": "FightingAgainst",
        "alliedWith": "AlliesOf",
        "memberOf": "BelongsTo",
        "partOf": "BelongsTo",
        "leaderOf": "InChargeOf",
        "locatedIn": "CoLocated",
        "deployedTo": "CoLocated",
    }


# --- conll.py --------------------------------------------------------------------------------

CONLL = """\
-DOCSTART- -X- -X- O

SOCCER NN I-NP O
- : O O
JAPAN NNP I-NP B-LOC
WIN O
. . O O

Nadim NNP I-NP B-PER
Ladki NNP I-NP I-PER
of IN I-PP O
Al-Ain NNP I-NP I-ORG
Asian JJ I-NP B-MISC

-DOCSTART- -X- -X- O

New NNP I-NP B-LOC
York NNP I-NP I-LOC
Yankees NNPS I-NP B-ORG
"""


def test_parse_conll_rebuilds_text_and_entity_offsets() -> None:
    first, second = conll.parse_conll(CONLL)
    assert first.text == "SOCCER - JAPAN WIN .\nNadim Ladki of Al-Ain Asian"  # "WIN O": 2 columns read too
    assert first.sentences == 2
    assert [(first.text[e.start : e.end], e.kind) for e in first.entities] == [
        ("JAPAN", "LOC"),
        ("Nadim Ladki", "PER"),
        ("Al-Ain", "ORG"),  # an I- tag after O opens an entity
        ("Asian", "MISC"),
    ]
    assert (second.index, second.text) == (1, "New York Yankees")
    assert [(second.text[e.start : e.end], e.kind) for e in second.entities] == [
        ("New York", "LOC"),
        ("Yankees", "ORG"),
    ]


def test_conll_score_leaves_misc_out(capsys: pytest.CaptureFixture[str]) -> None:
    (document, _) = conll.parse_conll(CONLL)
    gold_as_system = [e for e in document.entities if e.kind != "MISC"]
    summary = conll.score([document], [gold_as_system])
    assert summary["exact"]["micro"]["f1"] == 1.0
    assert summary["exact"]["micro"]["gold"] == 3
    # An ORG on the MISC span is a false positive; a PER cut short is one miss and one false positive.
    nadim = document.entities[1]
    system = [
        document.entities[0],
        nadim._replace(end=nadim.start + 5),
        document.entities[3]._replace(kind="ORG"),
    ]
    summary_both = conll.score([document], [system])
    summary = summary_both["exact"]
    assert (summary["micro"]["tp"], summary["micro"]["pred"], summary["micro"]["gold"]) == (1, 3, 3)
    assert summary["PER"]["r"] == 0.0
    assert summary["ORG"]["p"] == 0.0
    no_spans = conll.score([document], [[]])
    conll._print_report("test", [document], "en_core_web_sm 3.8.0", {"ours": summary_both, "spaCy": no_spans})
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert rows["PER"] == ["PER", "1", "0.000", "0.000", "0.000", "1", "0.000", "0.000", "0.000", "0"]
    assert rows["micro"][1:5] == ["3", "0.333", "0.333", "0.333"]


# --- the real data, where it is ----------------------------------------------------------------


def test_re3d_split_covers_every_document_once() -> None:
    if not (BENCHMARKS / "re3d").is_dir():
        pytest.skip(f"no re3d data at {BENCHMARKS / 're3d'}")
    dev, test = (re3d.read_re3d(BENCHMARKS / "re3d", split, 0.5) for split in ("dev", "test"))
    assert (len(dev), len(test)) == (34, 64)
    assert not {d.id for d in dev} & {d.id for d in test}
    for document in dev + test:
        assert all(0 <= e.start < e.end <= len(document.text) for e in document.entities)


def test_conll_test_file_parses_to_its_counts() -> None:
    path = BENCHMARKS / "conll2003pp" / "conllpp_test.txt"
    if not path.is_file():
        pytest.skip(f"no CoNLL++ data at {path}")
    documents = conll.parse_conll(path.read_text(encoding="utf-8"))
    assert len(documents) == 231
    kinds = [e.kind for d in documents for e in d.entities]
    assert [kinds.count(k) for k in ("LOC", "ORG", "PER", "MISC")] == [
        1646,
        1715,
        1618,
        723,
    ]  # as the README counts
    for document in documents:  # every span is whole tokens
        for e in document.entities:
            assert (
                document.text[e.start - 1 : e.start].strip() == document.text[e.end : e.end + 1].strip() == ""
            )
