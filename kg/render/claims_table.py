"""The claims of a store as rows a reader scans: who, what figure, read how, when, where.

Built on the canned ``claims`` and ``assertions`` queries, so the terminal table and a SPARQL
client see the same rows; this module only words the bounds ("at least 100" -> ">= 100"), names
unnamed sources and sorts the names a query concatenates in no fixed order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from kg.read.assertions import sorted_names
from kg.read.figure_sql import BOUND_SIGNS
from kg.read.query import run_canned

if TYPE_CHECKING:
    from rdflib import Dataset


__all__ = [
    "ASSERTION_HEADERS",
    "CONTENT_CHARACTERS",
    "HEADERS",
    "assertion_table",
    "bounds_text",
    "claim_table",
    "content_text",
    "names",
]

HEADERS = ("date", "claimant", "content", "figure", "measure", "bounds", "certainty", "outlet")

#: How much of what was claimed a row shows: a clause or two; the rest is in the sentence
#: (``kg query --name claims`` gives it whole).
CONTENT_CHARACTERS = 50

ASSERTION_HEADERS = (
    "claimant",
    "figure",
    "measure",
    "reports",
    "stories",
    "stated",
    "corroborated by",
    "disagrees with",
)


def claim_table(
    dataset: Dataset, *, entity: str = "", measure: str = ""
) -> tuple[tuple[str, ...], list[list[str]]]:
    """Header and rows of the claims (one row per figure), newest first. A store's figures table
    lists the same rows itself (:meth:`kg.read.figure_table.FigureTable.claim_listing`)."""
    result = run_canned(dataset, "claims", {"entity": entity, "measure": measure})
    rows = []
    for cell in result.records():
        claimant = names(cell["claimants"])
        if not claimant and cell["source"]:
            claimant = f'"{cell["source"]}" (unnamed)'
        rows.append(
            [
                str(cell["date"] or ""),
                claimant or "(not attributed)",
                content_text(cell["content"]),
                str(cell["figure"] or ""),
                str(cell["measure"] or ""),
                bounds_text(cell["qualifier"], cell["value"], cell["min"], cell["max"]),
                str(cell["certainty"] or ""),
                str(cell["outlet"] or ""),
            ]
        )
    return HEADERS, rows


def assertion_table(
    dataset: Dataset, *, entity: str = "", measure: str = ""
) -> tuple[tuple[str, ...], list[list[str]]]:
    """Header and rows of the assertions (one row per claimant's figure, however many articles
    report it), those carried by the most independent stories first."""
    rows = []
    for cell in run_canned(dataset, "assertions", {"entity": entity, "measure": measure}).records():
        first, last = str(cell["firstStated"] or ""), str(cell["lastStated"] or "")
        rows.append(
            [
                names(cell["claimant"]) or "(unnamed source)",
                str(cell["figure"] or ""),
                str(cell["measure"] or ""),
                str(cell["reports"] or ""),
                str(cell["stories"] or ""),
                first if last in ("", first) else f"{first} to {last}",
                names(cell["corroboratedBy"]),
                names(cell["disagreesWith"]),
            ]
        )
    return ASSERTION_HEADERS, rows


def content_text(cell: object, limit: int = CONTENT_CHARACTERS) -> str:
    """What was claimed, on one line, cut at a word with an ellipsis past ``limit`` characters."""
    text = " ".join(str(cell or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut[limit // 2 :]:  # a word cut in two goes whole
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\N{HORIZONTAL ELLIPSIS}"


def names(cell: object) -> str:
    """A query's "; "-joined names in a fixed order (GROUP_CONCAT promises none)."""
    return "; ".join(sorted_names(cell))


def bounds_text(qualifier: object, value: object, low: object, high: object) -> str:
    """Normalised bounds in a few characters: "= 11000", ">= 100", "10000-12000", "~ 50"."""
    if qualifier is None:
        return ""
    if low is not None and high is not None:
        return f"{_number(low)}-{_number(high)}"
    number = value if value is not None else low if low is not None else high
    if number is None:
        return ""
    if low is not None and qualifier == "Vague":
        return f">= {_number(low)}"
    return f"{BOUND_SIGNS.get(str(qualifier), '=')} {_number(number)}"


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), ",f")
    return str(value)
