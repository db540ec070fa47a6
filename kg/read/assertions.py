"""Assertions read back for the figure views: which claim belongs to which claimant's figure, how
many articles and independent stories carry it, and who corroborates or contradicts it.

A figure printed by ten copies of one wire story is one source: :func:`fold_reports` keeps one
record per assertion (its first report), so ``kg figures`` shows one row and the timeline one
mark for it. Stores built before assertions existed have none, and every figure stays its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from kg.read.query import run_canned, run_query

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["AssertionSummary", "assertions_by_claim", "fold_reports", "sorted_names"]

_REPORTS_QUERY = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT ?claim ?assertion WHERE {
  GRAPH <https://w3id.org/conflict-kg/id/graph/assertions> { ?assertion ckg:reportedAs ?claim }
}
"""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class AssertionSummary:
    """One assertion as a figure view shows it.

    Attributes:
        iri: The ``ckg:Assertion``.
        reports: Articles that report it (``ckg:reportCount``).
        stories: Independent stories among them (``ckg:storyCount``).
        corroborated_by: Labels of the claimants of the assertions that corroborate it, sorted.
        disagrees_with: Labels of the claimants of the assertions it disagrees with, sorted.
    """

    iri: str
    reports: int
    stories: int
    corroborated_by: tuple[str, ...] = ()
    disagrees_with: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line: "3 reports, 2 stories; corroborated by AFP; disagrees with Ukraine"."""
        parts = [f"{_count(self.reports, 'report')}, {_count(self.stories, 'story', 'stories')}"]
        if self.corroborated_by:
            parts.append("corroborated by " + ", ".join(self.corroborated_by))
        if self.disagrees_with:
            parts.append("disagrees with " + ", ".join(self.disagrees_with))
        return "; ".join(parts)


def assertions_by_claim(dataset: Dataset) -> dict[str, AssertionSummary]:
    """Each reported claim's assertion (claim IRI -> summary); empty for a store without them."""
    summaries = {
        str(row["assertion"]): AssertionSummary(
            iri=str(row["assertion"]),
            reports=int(str(row["reports"])),
            stories=int(str(row["stories"])),
            corroborated_by=sorted_names(row["corroboratedBy"]),
            disagrees_with=sorted_names(row["disagreesWith"]),
        )
        for row in run_canned(dataset, "assertions").records()
    }
    return {
        str(row["claim"]): summaries[str(row["assertion"])]
        for row in run_query(dataset, _REPORTS_QUERY, name="assertion reports").records()
        if str(row["assertion"]) in summaries
    }


def fold_reports(
    records: Iterable[_T], claim_of: Callable[[_T], str], by_claim: Mapping[str, AssertionSummary]
) -> list[tuple[_T, AssertionSummary | None]]:
    """The records in their order, each assertion's reports after its first left out, each kept
    record with its assertion (None for a claim no assertion reports)."""
    kept: list[tuple[_T, AssertionSummary | None]] = []
    seen: set[str] = set()
    for record in records:
        summary = by_claim.get(claim_of(record))
        if summary is not None:
            if summary.iri in seen:
                continue
            seen.add(summary.iri)
        kept.append((record, summary))
    return kept


def sorted_names(cell: object) -> tuple[str, ...]:
    """A query's "; "-joined names, distinct and in a fixed order (GROUP_CONCAT promises none)."""
    return tuple(sorted({n for n in str(cell or "").split("; ") if n}, key=lambda n: (n.casefold(), n)))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
