"""Quotation spans: curly and straight marks, double and single, quotes over sentences and paragraphs."""

from __future__ import annotations

import pytest

from kg.extract.quotes import quote_regions
from kg.render.claims_table import bounds_text


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("\u201cA,\u201d he said. \u201cB. C.\u201d", ["A,", "B. C."]),
        ('"A," he said. "B."', ["A,", "B."]),
        ("Russia\u2019s forces said it\u2019s over.", []),  # apostrophes are not quotes
        (
            "\u201cFirst paragraph\n\n\u201cSecond paragraph.\u201d",
            ["First paragraph\n\n\u201cSecond paragraph."],
        ),
        ("\u201cNever closed\n\nNext paragraph.", ["Never closed"]),
        ('He called it "normal" and left.', ["normal"]),
        # single marks, where a paragraph has no double ones
        ("'The road is shut. Nobody was hurt,' it said.", ["The road is shut. Nobody was hurt,"]),
        ("\u2018It must stop at once,\u2019 she said.", ["It must stop at once,"]),
        ("They called the plan 'reckless', and left.", ["reckless"]),
        ("Talks on the 'peace plan' stalled.", ["peace plan"]),
        ("The soldiers' families said it's over in the '90s style.", []),  # apostrophes
        ("'The soldiers' families are safe,' he said.", ["The soldiers"]),  # closed early, no more
        ("'A quote that never closes and runs on", []),
        ("\"Double,\" he said of the 'plan'.", ["Double,"]),  # double marks rule the paragraph
    ],
)
def test_quotes_regions(text: str, quoted: list[str]) -> None:
    assert [text[s:e] for s, e in quote_regions(text)] == quoted


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "shown"),
    [
        ("AtLeast", None, 100, None, ">= 100"),
        ("MoreThan", None, 4000, None, "> 4,000"),
        ("Range", None, 10000, 12000, "10,000-12,000"),
        ("Approximately", 11000, None, None, "~ 11,000"),
        ("Exact", 2, None, None, "= 2"),
        ("AtMost", None, None, 1300, "<= 1,300"),
        ("Vague", None, 200, None, ">= 200"),
        (None, None, None, None, ""),
    ],
)
def test_claims_table_bounds_text(qualifier, value, low, high, shown) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    def d(n: int | None) -> Decimal | None:
        return None if n is None else Decimal(n)

    assert bounds_text(qualifier, d(value), d(low), d(high)) == shown
