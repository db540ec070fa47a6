"""Within-article merging: one claim per claimant and figure, its repetitions kept as sentences.

Every sentence here is invented for the test. The record rows build claims by hand, as the claim
reader would give them, so each merge rule is checked on its own; the end-to-end rows run the
real pipeline through the session ``extractor`` fixture.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF
from test_claims import extract_claims

from kg.extract.merge import merge_repetitions
from kg.extract.pipeline import Extractor
from kg.ingest.read import article_id
from kg.model import Article, Certainty, Claim, Figure, Measure, Qualifier, Quantity, Span, Zone
from kg.rdf.mapping import article_quads, entity_quads
from kg.rdf.ontology import CKG, validate

#: (figure as written, measure, qualifier, number, counted group or None)
FigureSpec = tuple[str, Measure, Qualifier, int, str | None]


def _span(text: str, phrase: str, start: int = 0) -> Span:
    at = text.index(phrase, start)
    return Span(at, at + len(phrase), phrase)


def _figure(text: str, sentence: Span, spec: FigureSpec) -> Quantity:
    written, measure, qualifier, number, count_of = spec
    at = _span(text, written, sentence.start)
    n = Decimal(number)
    bounds: dict[str, Decimal | None] = {"value": None, "min_value": None, "max_value": None}
    if qualifier in ("AtLeast", "MoreThan"):
        bounds["min_value"] = n
    elif qualifier in ("AtMost", "LessThan"):
        bounds["max_value"] = n
    elif qualifier == "Vague":
        bounds["min_value"], bounds["max_value"] = n, n * 9
    else:
        bounds["value"] = n
    figure = Figure(at.start, at.end, written, qualifier, **bounds)
    return Quantity(figure, measure, count_of)


def _claim(
    text: str,
    sentence: str,
    figures: list[FigureSpec],
    claimants: tuple[str, ...] = (),
    source: str | None = None,
    certainty: Certainty = "Asserted",
) -> Claim:
    span = _span(text, sentence)
    return Claim(
        span=span,
        content=span,
        certainty=certainty,
        source=None if source is None else _span(text, source, span.start),
        cue=None if source is None else _span(text, "said", span.start),
        cue_lemma=None if source is None else "say",
        claimants=claimants,
        quantities=tuple(_figure(text, span, spec) for spec in figures),
    )


def _summary(claims: tuple[Claim, ...]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Each claim as (its sentence's first three words, its figures, its repeated sentences' first
    three words)."""

    def head(span: Span) -> str:
        return " ".join(span.text.split()[:3])

    return [
        (head(c.span), tuple(q.figure.text for q in c.quantities), tuple(head(s) for s in c.repeated_in))
        for c in claims
    ]


S1 = "The Health Ministry said 212 people died in the shelling."
S2 = "Rescuers searched the rubble overnight."
S3 = "The ministry said 212 people died, most of them women."

# (id, text, claims as (sentence, figures, claimants, source), expected summary)
RECORD_ROWS = [
    (
        "same claimant repeats the figure: one claim, both sentences",
        f"{S1} {S2} {S3}",
        [
            (S1, [("212", "Killed", "Exact", 212, None)], ("health-ministry",), "The Health Ministry"),
            (S3, [("212", "Killed", "Exact", 212, None)], ("health-ministry",), "The ministry"),
        ],
        [("The Health Ministry", ("212",), ("The ministry said",))],
    ),
    (
        "a bound and another bound of the same number are different figures",
        "The agency said at least 40 were wounded. The agency later said more than 40 were wounded.",
        [
            (
                "The agency said at least 40 were wounded.",
                [("at least 40", "Wounded", "AtLeast", 40, None)],
                ("agency",),
                "The agency",
            ),
            (
                "The agency later said more than 40 were wounded.",
                [("more than 40", "Wounded", "MoreThan", 40, None)],
                ("agency",),
                "The agency",
            ),
        ],
        [("The agency said", ("at least 40",), ()), ("The agency later", ("more than 40",), ())],
    ),
    (
        "two claimants giving the same figure are two claims",
        "Kyiv said 35 drones were downed. Minsk said 35 drones were downed.",
        [
            (
                "Kyiv said 35 drones were downed.",
                [("35", "Captured", "Exact", 35, None)],
                ("ukraine",),
                "Kyiv",
            ),
            (
                "Minsk said 35 drones were downed.",
                [("35", "Captured", "Exact", 35, None)],
                ("belarus",),
                "Minsk",
            ),
        ],
        [("Kyiv said 35", ("35",), ()), ("Minsk said 35", ("35",), ())],
    ),
    (
        "a later claim by some of the first claimants repeats it; one by more does not",
        "Ana Lind and the Red Cross said 75 soldiers were captured. Lind said 75 soldiers were captured. "
        "Lind, the Red Cross and the army said 75 soldiers were captured.",
        [
            (
                "Ana Lind and the Red Cross said 75 soldiers were captured.",
                [("75", "Captured", "Exact", 75, None)],
                ("ana-lind", "red-cross"),
                "Ana Lind and the Red Cross",
            ),
            (
                "Lind said 75 soldiers were captured.",
                [("75", "Captured", "Exact", 75, None)],
                ("ana-lind",),
                "Lind",
            ),
            (
                "Lind, the Red Cross and the army said 75 soldiers were captured.",
                [("75", "Captured", "Exact", 75, None)],
                ("ana-lind", "red-cross", "army"),
                "Lind, the Red Cross and the army",
            ),
        ],
        [("Ana Lind and", ("75",), ("Lind said 75",)), ("Lind, the Red", ("75",), ())],
    ),
    (
        "a later unattributed repetition joins the claimant's figure",
        "The governor said 63 civilians were hurt. Of the 63 hurt, nine are children.",
        [
            (
                "The governor said 63 civilians were hurt.",
                [("63", "Wounded", "Exact", 63, None)],
                ("jan-mirek",),
                "The governor",
            ),
            ("Of the 63 hurt, nine are children.", [("63", "Wounded", "Exact", 63, None)], (), None),
        ],
        [("The governor said", ("63",), ("Of the 63",))],
    ),
    (
        "a later source the first claim does not name is someone else",
        "The navy said 120 sailors were rescued. A harbour pilot said 120 sailors were rescued.",
        [
            (
                "The navy said 120 sailors were rescued.",
                [("120", "TroopCount", "Exact", 120, None)],
                ("navy",),
                "The navy",
            ),
            (
                "A harbour pilot said 120 sailors were rescued.",
                [("120", "TroopCount", "Exact", 120, None)],
                (),
                "A harbour pilot",
            ),
        ],
        [("The navy said", ("120",), ()), ("A harbour pilot", ("120",), ())],
    ),
    (
        "a small count recurring without claimants is two events",
        "Three guards were killed at the depot. Later three farmers were killed near the river.",
        [
            ("Three guards were killed at the depot.", [("Three", "Killed", "Exact", 3, None)], (), None),
            (
                "Later three farmers were killed near the river.",
                [("three", "Killed", "Exact", 3, None)],
                (),
                None,
            ),
        ],
        [("Three guards were", ("Three",), ()), ("Later three farmers", ("three",), ())],
    ),
    (
        "a given bare number refers back to the approximate figure",
        "Around 800 marines landed on the coast, officials said. These 800 marines hold the port.",
        [
            (
                "Around 800 marines landed on the coast, officials said.",
                [("Around 800", "TroopCount", "Approximately", 800, "marine-corps")],
                (),
                "officials",
            ),
            ("These 800 marines hold the port.", [("800", "TroopCount", "Exact", 800, None)], (), None),
        ],
        [("Around 800 marines", ("Around 800",), ("These 800 marines",))],
    ),
    (
        "a given number after a lower bound is a narrower figure, not a repetition",
        "At least 16 fighters died, a medic said. Footage showed the 16 graves.",
        [
            (
                "At least 16 fighters died, a medic said.",
                [("At least 16", "Killed", "AtLeast", 16, None)],
                (),
                "a medic",
            ),
            ("Footage showed the 16 graves.", [("16", "Killed", "Exact", 16, None)], (), None),
        ],
        [("At least 16", ("At least 16",), ()), ("Footage showed the", ("16",), ())],
    ),
    (
        "figures of one sentence never merge",
        "The army said 30 soldiers were killed and 30 were captured, and 30 more were killed.",
        [
            (
                "The army said 30 soldiers were killed and 30 were captured, and 30 more were killed.",
                [("30 soldiers", "Killed", "Exact", 30, None), ("30 more", "Killed", "Exact", 30, None)],
                ("army",),
                "The army",
            ),
        ],
        [("The army said", ("30 soldiers", "30 more"), ())],
    ),
    (
        "a repeated figure leaves the later claim its new one",
        "The mayor said 14 people died. The mayor said 14 people died and 52 were hurt.",
        [
            (
                "The mayor said 14 people died.",
                [("14", "Killed", "Exact", 14, None)],
                ("ana-lind",),
                "The mayor",
            ),
            (
                "The mayor said 14 people died and 52 were hurt.",
                [("14", "Killed", "Exact", 14, None), ("52", "Wounded", "Exact", 52, None)],
                ("ana-lind",),
                "The mayor",
            ),
        ],
        [("The mayor said", ("14",), ("The mayor said",)), ("The mayor said", ("52",), ())],
    ),
    (
        "different counted groups are different figures",
        "Some 4,000 Chadian troops are in Mali, officials said. Some 4,000 Nigerien troops are in Mali.",
        [
            (
                "Some 4,000 Chadian troops are in Mali, officials said.",
                [("Some 4,000", "TroopCount", "Approximately", 4000, "chad")],
                (),
                "officials",
            ),
            (
                "Some 4,000 Nigerien troops are in Mali.",
                [("Some 4,000", "TroopCount", "Approximately", 4000, "niger")],
                (),
                None,
            ),
        ],
        [("Some 4,000 Chadian", ("Some 4,000",), ()), ("Some 4,000 Nigerien", ("Some 4,000",), ())],
    ),
    (
        "vague amounts identify no figure",
        "Dozens were wounded in the raid. Dozens were wounded again at dawn.",
        [
            ("Dozens were wounded in the raid.", [("Dozens", "Wounded", "Vague", 24, None)], (), None),
            ("Dozens were wounded again at dawn.", [("Dozens", "Wounded", "Vague", 24, None)], (), None),
        ],
        [("Dozens were wounded", ("Dozens",), ()), ("Dozens were wounded", ("Dozens",), ())],
    ),
]


@pytest.mark.parametrize(
    ("text", "claims", "expected"),
    [pytest.param(text, claims, expected, id=name) for name, text, claims, expected in RECORD_ROWS],
)
def test_merge_records(
    text: str,
    claims: list[tuple[str, list[FigureSpec], tuple[str, ...], str | None]],
    expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]],
) -> None:
    records = tuple(_claim(text, sentence, figures, who, source) for sentence, figures, who, source in claims)
    assert _summary(merge_repetitions(records, text)) == expected


def test_merge_different_certainty_is_a_different_claim() -> None:
    text = "The army said 50 raiders were killed. The army denied that 50 raiders were killed."
    first = _claim(
        text, "The army said 50 raiders were killed.", [("50", "Killed", "Exact", 50, None)], ("army",)
    )
    denial = _claim(
        text,
        "The army denied that 50 raiders were killed.",
        [("50", "Killed", "Exact", 50, None)],
        ("army",),
        certainty="Denied",
    )
    assert merge_repetitions((first, denial), text) == (first, denial)


def test_merge_keeps_input_order_and_untouched_records() -> None:
    text = "Officials said 90 were hurt. A statement was issued. The officials said 90 were hurt."
    plain = Claim(span=_span(text, "A statement was issued."), content=_span(text, "A statement was issued."))
    first = _claim(text, "Officials said 90 were hurt.", [("90", "Wounded", "Exact", 90, None)], ("police",))
    again = _claim(
        text, "The officials said 90 were hurt.", [("90", "Wounded", "Exact", 90, None)], ("police",)
    )
    merged = merge_repetitions((plain, first, again), text)
    assert merged[0] is plain
    assert [c.span.text for c in merged] == [plain.span.text, first.span.text]
    assert merged[1].repeated_in == (again.span,)


# (text, expected figures as (measure, qualifier, number), number of repeated sentences)
END_TO_END = [
    # PATTERNS.md 15
    (
        "Some 2,000 Turkish soldiers are in Iraq, officials said. Those 2,000 soldiers guard two bases.",
        [("TroopCount", "Approximately", 2000)],
        1,
    ),
    (
        "The Health Ministry said 212 people died in the shelling on Monday. Rescuers searched the "
        "rubble overnight. The ministry said 212 died, most of them women.",
        [("Killed", "Exact", 212)],
        1,
    ),
    (
        "The Defence Ministry said about 450 soldiers were wounded in the assault. Field hospitals "
        "were full by Tuesday. The ministry said about 450 soldiers were wounded, most of them lightly.",
        [("Wounded", "Approximately", 450)],
        1,
    ),
    (
        "Roughly 3,500 Polish troops are stationed in Lithuania, officials said. These 3,500 troops "
        "rotate every six months.",
        [("TroopCount", "Approximately", 3500)],
        1,
    ),
    (
        "Pavel Kozak said 27 fighters were captured near the bridge. Kozak later said 27 fighters "
        "were captured, adding that the search went on.",
        [("Captured", "Exact", 27)],
        1,
    ),
    # No repetition: other events, other sources, a narrower figure.
    (
        "Two soldiers were killed in Kherson on Monday. In Donetsk, two civilians were killed on Tuesday.",
        [("Killed", "Exact", 2), ("Killed", "Exact", 2)],
        0,
    ),
    (
        "The Health Ministry said 40 people were killed. The army said 40 people were killed.",
        [("Killed", "Exact", 40), ("Killed", "Exact", 40)],
        0,
    ),
    (
        "At least 14 fighters were killed in the ambush, a spokesman said. A video showed the 14 bodies.",
        [("Killed", "AtLeast", 14), ("Killed", "Exact", 14)],
        0,
    ),
    # "one" is a count like any other (ISAF's releases: "one insurgent was killed")
    ("One soldier died and another one was hurt in the blast, the agency said.", [("Killed", "Exact", 1)], 0),
    (
        "The Health Ministry said 30 people were killed and 30 others were wounded.",
        [("Killed", "Exact", 30), ("Wounded", "Exact", 30)],
        0,
    ),
]


@pytest.mark.parametrize(("text", "figures", "repeats"), END_TO_END)
def test_merge_end_to_end(
    extractor: Extractor, text: str, figures: list[tuple[str, str, int]], repeats: int
) -> None:
    claims = extract_claims(extractor, text)
    found = [
        (q.measure, q.figure.qualifier, q.figure.value or q.figure.min_value or q.figure.max_value)
        for c in claims
        for q in c.quantities
    ]
    assert found == [(m, qual, Decimal(n)) for m, qual, n in figures]
    assert sum(len(c.repeated_in) for c in claims) == repeats


def test_merge_restatements_in_the_graph(extractor: Extractor) -> None:
    """The merged claim is one ckg:Claim; the sentence that repeats it is a ckg:Restatement of
    the same article with its offsets and text, and the graph still conforms to the shapes."""
    text = (
        "The Health Ministry said 212 people died in the shelling on Monday. Rescuers searched the "
        "rubble overnight. The ministry said 212 died, most of them women."
    )
    article = Article(id=article_id(text), source="test.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    dataset = Dataset(default_union=True)
    dataset.addN([*article_quads(extracted), *entity_quads(extracted.entities)])
    (figured,) = set(dataset.subjects(CKG.quantity, None))
    (restatement,) = dataset.objects(figured, CKG.restatedIn)
    assert isinstance(restatement, URIRef)
    start = text.index("The ministry said 212")
    assert (restatement, RDF.type, CKG.Restatement) in dataset
    assert set(dataset.objects(restatement, CKG.start)) == {Literal(start)}
    assert set(dataset.objects(restatement, CKG.end)) == {Literal(len(text))}
    assert set(dataset.objects(restatement, CKG.text)) == {Literal(text[start:])}
    conforms, report = validate(dataset)
    assert conforms, report


def test_one_claim_per_figure_in_the_graph(extractor: Extractor) -> None:
    """A sentence with two figures is two claims, each with one quantity and the sentence, named
    apart by their figures: an assertion across articles points at exactly one figure."""
    text = "The Health Ministry said 41 people were killed and 180 wounded in the shelling."
    article = Article(id=article_id(text), source="test.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    claims = extracted.claims
    assert [[q.figure.text for q in c.quantities] for c in claims] == [["41"], ["180"]]
    assert claims[0].content == claims[1].content and claims[0].claimants == claims[1].claimants
    dataset = Dataset(default_union=True)
    dataset.addN(article_quads(extracted))
    assert len(set(dataset.subjects(CKG.quantity, None))) == 2
