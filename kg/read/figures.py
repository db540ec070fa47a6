"""Every figure for a counted group and measure side by side, and which of them cannot all be true.

:func:`read_figures` reads the canned ``figures_by_group`` query, so ``kg query --name
figures_by_group`` shows the same figures a SPARQL client sees; :func:`compare_figures` groups them
by counted group and measure and flags disagreements in Python, where a group of a few thousand
figures is compared in well under a second: for stores without a figures table and for the
timeline. Over a store's figures table, DuckDB computes the same rows whole
(:data:`kg.read.figure_sql.FIGURE_LISTING`), a hundred thousand figures in about a second. The
rules are those of the ``disagreeing_figures`` canned query, so the figures ``kg figures`` flags
in a group are those that query counts:

- a figure's bounds follow its qualifier: exact ``[v, v]``; about ``[v - 10%, v + 10%]``
  (:data:`APPROXIMATE_TOLERANCE`); nearly ``[v - 10%, v]``; at least ``[v, inf)``; more than
  ``(v, inf)``; at most / up to ``[0, v]``; less than ``[0, v)``; a range (or a vague word such
  as "dozens of") its ``[min, max]``;
- two figures disagree when their bounds do not overlap and either they were stated within
  ``window_days`` of each other (the same period) or the smaller one is the later (a running
  tally cannot shrink);
- increments ("2,000-3,000 more", "another 500": ``ckg:tally ckg:Increment``, read by
  :mod:`kg.extract.figuretime`) add to a total rather than restate it, so they are compared with
  nothing, and undated figures neither;
- figures that count no named group and name nothing they are about share a panel but are
  compared with nothing: they may be about any event;
- a figure about one engagement ("nearly 200 reached the position", "lost 30 men in the battle")
  has a narrower scope than a total for the whole group, so it is compared with nothing either
  (:func:`is_engagement`): a fight's count below the contingent's size is no contradiction.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.read.assertions import assertions_by_claim, fold_reports
from kg.read.lexical import LexicalResult
from kg.read.query import QueryResult, run_canned

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.read.figure_table import FigureTable

__all__ = [
    "APPROXIMATE_TOLERANCE",
    "FIGURE_COLUMNS",
    "SAME_PERIOD_DAYS",
    "SHOWN_DISAGREEMENTS",
    "Bounds",
    "Comparable",
    "ComparedFigure",
    "Disagreements",
    "FigureGroup",
    "FigureRecord",
    "PairFinder",
    "compare_figures",
    "ENGAGEMENT",
    "disagree",
    "figure_bounds",
    "figure_rows",
    "is_engagement",
    "period_text",
    "read_figures",
]

logger = logging.getLogger(__name__)

#: How far "about" reaches either side of its number, and "nearly" below it (as in
#: ``disagreeing_figures.rq``): "about 50" allows 45 to 55.
APPROXIMATE_TOLERANCE = Decimal("0.1")

#: Days apart two figures may be stated and still describe the same period (the default window
#: of ``disagreeing_figures.rq``).
SAME_PERIOD_DAYS = 90

#: A sentence that places its figure at one engagement: a determiner for one thing, then a noun
#: for a fight or a place held in one (an adjective may come between: "the fierce battle").
#: ``disagreeing_figures.rq`` has the same pattern. Attacks and strikes are left out: news of a
#: single strike gives the strike's whole toll.
ENGAGEMENT = re.compile(
    r"\b(?:the|this|that|one|an?|each|a single)\s+(?:[a-z-]+\s+)?"
    r"(?:battle|assault|skirmish|engagement|firefight|ambush|position|clash)\b",
    re.IGNORECASE,
)

_NO_GROUP = "(no counted group)"

#: A figure's period: its first and last day, either None when open or unsaid.
_Period = tuple[date | None, date | None]


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """One figure as the store holds it, with who gave it, when and where it was reported.

    Attributes:
        quantity: The ``ckg:Quantity`` IRI (the figure's identity).
        claim: The claim that carries it.
        group: What is counted: the ``ckg:countOf`` entity IRI or, when the figure counts nothing
            named, the IRIs the claim is ``ckg:about``, space-separated; "" when neither.
        group_label: The group's label(s), "; "-separated.
        measure: Local name of the ``ckg:measure`` concept (Killed, TroopCount, ...).
        qualifier: Local name of the ``ckg:qualifier`` concept (Exact, AtLeast, ...).
        value: The point figure, if any.
        min_value: The lower bound, if any.
        max_value: The upper bound, if any.
        figure: The figure as written ("At least 100").
        sentence: The claim's sentence(s).
        claimants: Labels of the claimants, sorted.
        source_text: The words naming the source when no claimant could be resolved ("it").
        via: Labels of the intermediaries (``ckg:via``), sorted.
        date: ``ckg:statedOn``, else the article's publication date; None when neither.
        outlet: The article's ``schema:publisher``.
        file: The article's input file (``ckg:sourceFile``).
        tally: Local name of the ``ckg:tally`` concept (RunningTotal, Increment), "" when unsaid.
        period: The period the figure counts (``ckg:periodStart``, ``ckg:periodEnd``), either
            end None when open or unsaid.
        assertion: When the figure stands for its assertion (every article reporting this
            claimant's figure), how many reports and stories carry it and who corroborates or
            contradicts it ("3 reports, 2 stories; corroborated by AFP"); "" otherwise.
    """

    quantity: str
    claim: str
    group: str
    group_label: str
    measure: str
    qualifier: str
    value: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    figure: str
    sentence: str
    claimants: tuple[str, ...] = ()
    source_text: str = ""
    via: tuple[str, ...] = ()
    date: date | None = None
    outlet: str = ""
    file: str = ""
    assertion: str = ""
    tally: str = ""
    period: _Period = (None, None)

    @property
    def claimant(self) -> str:
        """Who gives the figure, in one label: the claimants, else the source's own words, else
        the outlet that printed it without naming a source."""
        if self.claimants:
            return "; ".join(self.claimants)
        if self.source_text:
            return f'"{self.source_text}" (unnamed)'
        return f"{self.outlet} (no source named)" if self.outlet else "(not attributed)"


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a figure allows, from ``low`` to ``high`` (None: no upper bound)."""

    low: Decimal
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"bounds {self.low}..{self.high}: the upper is below the lower")

    def below(self, other: Bounds) -> bool:
        """Whether every value allowed here is smaller than every value ``other`` allows."""
        if self.high is None:
            return False
        return self.high < other.low or (self.high == other.low and (self.high_open or other.low_open))

    def __str__(self) -> str:
        high = "inf)" if self.high is None else f"{_plain(self.high)}{')' if self.high_open else ']'}"
        return f"{'(' if self.low_open else '['}{_plain(self.low)}, {high}"


@dataclass(frozen=True, slots=True)
class ComparedFigure:
    """A figure in its comparison: a number to cite it by, its bounds and its flags.

    Attributes:
        id: 1, 2, ... over the whole comparison, in its order.
        record: The figure.
        bounds: The values it allows; None when it has no number.
        increment: It adds to a total ("2,000-3,000 more"), so it is compared with nothing.
        engagement: It counts those of one engagement, not the whole group, so it is compared
            with nothing.
        disagrees_with: Ids of the figures of its group it cannot be true together with, the
            first :data:`SHOWN_DISAGREEMENTS` of them.
        disagreements: How many figures of its group it cannot be true together with, in all.
    """

    id: int
    record: FigureRecord
    bounds: Bounds | None
    increment: bool = False
    engagement: bool = False
    disagrees_with: tuple[int, ...] = ()
    disagreements: int = 0

    @property
    def flag(self) -> str:
        """A word or two for the CSV and the table: "disagrees", "increment", "one engagement" or empty."""
        if self.disagreements:
            return "disagrees"
        return "increment" if self.increment else "one engagement" if self.engagement else ""


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Every figure for one counted group and measure, oldest first."""

    group: str
    group_label: str
    measure: str
    figures: tuple[ComparedFigure, ...]

    @property
    def disagreeing(self) -> int:
        """How many of its figures disagree with another."""
        return sum(1 for f in self.figures if f.disagreements)

    @property
    def title(self) -> str:
        """What its table is headed with: "North Korean troops — Killed: 12 figures, 3 disagree"."""
        disagree = f", {self.disagreeing} disagree" if self.disagreeing else ""
        return f"{self.group_label} \N{EM DASH} {self.measure}: {len(self.figures)} figures{disagree}"


def read_figures(
    dataset: Dataset | None,
    *,
    entity: str = "",
    measure: str = "",
    per_assertion: bool = True,
    table: FigureTable | None = None,
) -> list[FigureRecord]:
    """The figures of ``dataset`` (of one counted group, named any way the store knows it, and
    of one measure, when given), in the query's order; with ``per_assertion``, one figure per
    assertion where the store has them (its earliest report, :func:`kg.read.assertions.fold_reports`).
    ``table``: the store's figures table, which answers the same in a fraction of the time;
    ``dataset`` (the store's rdflib view, None where ``table`` answers) is read where it is None.

    Raises:
        QueryError: the store cannot answer the query.
        ValueError: neither ``dataset`` nor ``table`` was given.
    """
    values = {"entity": entity, "measure": measure}
    result: QueryResult | LexicalResult
    if table is not None:
        result = table.canned("figures_by_group", values)
    elif dataset is not None:
        result = run_canned(dataset, "figures_by_group", values)
    else:
        raise ValueError("read_figures reads the store's dataset or its figures table: give one")
    records = [_record(row) for row in result.records()]
    by_claim = {}
    if per_assertion and table is not None:
        by_claim = table.assertions_by_claim()
    elif per_assertion and dataset is not None:
        by_claim = assertions_by_claim(dataset)
    if by_claim:
        earliest = sorted(records, key=lambda r: (r.date is None, r.date or date.min, r.quantity))
        kept = {r.quantity: a for r, a in fold_reports(earliest, lambda r: r.claim, by_claim)}
        records = [
            replace(r, assertion=a.describe() if (a := kept[r.quantity]) else "")
            for r in records
            if r.quantity in kept
        ]
    logger.debug("read %d figures (entity %r, measure %r)", len(records), entity, measure)
    return records


def _record(row: dict[str, object]) -> FigureRecord:
    counted = _named(row["counted"]) or _named(row["about"])
    return FigureRecord(
        quantity=str(row["quantity"]),
        claim=str(row["claim"]),
        group=" ".join(sorted(iri for iri, _ in counted)),
        group_label="; ".join(label for _, label in counted) or _NO_GROUP,
        measure=str(row["measure"]),
        qualifier=str(row["qualifier"]),
        value=_decimal(row["value"]),
        min_value=_decimal(row["min"]),
        max_value=_decimal(row["max"]),
        figure=str(row["figure"]),
        sentence=str(row["text"]),
        claimants=tuple(label for _, label in _named(row["claimants"])),
        source_text=str(row["source"] or ""),
        via=tuple(label for _, label in _named(row["via"])),
        date=_date(row["date"]),
        outlet=str(row["outlet"] or ""),
        file=str(row["file"] or ""),
        tally=str(row["tally"] or ""),
        period=(_date(row["periodStart"]), _date(row["periodEnd"])),
    )


def _named(cell: object) -> list[tuple[str, str]]:
    """("IRI", "label") pairs from the query's "IRI label" lines, sorted by label."""
    pairs = (line.partition(" ")[::2] for line in str(cell or "").splitlines() if line)
    return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))


def _decimal(cell: object) -> Decimal | None:
    return None if cell is None else Decimal(str(cell))


def _date(cell: object) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    try:
        return date.fromisoformat(str(cell)[:10]) if cell is not None else None
    except ValueError:
        return None


def period_text(period: _Period) -> str:
    """A figure's period for a cell: "2024-11-01..2025-03-12", "..2025-03-10" (a total up to a
    day), or "" when the text gives none."""
    start, end = period
    if start is None and end is None:
        return ""
    return f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"


def figure_bounds(
    qualifier: str, value: Decimal | None, min_value: Decimal | None, max_value: Decimal | None
) -> Bounds | None:
    """The values a figure allows, by the rules in the module docstring; None without a number."""
    zero = Decimal(0)
    if min_value is not None and max_value is not None:
        return Bounds(min_value, max_value)
    number = value if value is not None else min_value if min_value is not None else max_value
    if number is None:
        return None
    spread = abs(number) * APPROXIMATE_TOLERANCE
    match qualifier:
        case "AtLeast":
            return Bounds(number)
        case "MoreThan":
            return Bounds(number, low_open=True)
        case "AtMost":
            return Bounds(min(zero, number), number)
        case "LessThan":
            return Bounds(min(zero, number), number, high_open=True)
        case "Approximately":
            return Bounds(number - spread, number + spread)
        case "Nearly":
            return Bounds(number - spread, number)
    if value is not None:
        return Bounds(value, value)
    return Bounds(number) if min_value is not None else Bounds(min(zero, number), number)


def is_engagement(sentence: str) -> bool:
    """Whether the sentence places its figure at one engagement (:data:`ENGAGEMENT`)."""
    return ENGAGEMENT.search(sentence) is not None


def disagree(first: FigureRecord, second: FigureRecord, *, window_days: int = SAME_PERIOD_DAYS) -> bool:
    """Whether two figures (of one group and measure) cannot both be true."""
    return _disagree(_comparable(_figure(0, first)), _comparable(_figure(0, second)), window_days)


#: One comparable figure for a :data:`PairFinder`: its id, its group's index, its bounds and day.
Comparable = tuple[int, int, "Bounds", date]

#: What each figure that disagrees with others is shown with: how many, and the first ids.
Disagreements = Mapping[int, tuple[int, tuple[int, ...]]]

#: Finds, among the comparable figures given (``window_days`` apart at most), those of one group
#: that disagree (:func:`disagree`): for each, how many others it disagrees with and the ids of
#: the first :data:`SHOWN_DISAGREEMENTS` of them.
PairFinder = Callable[[Sequence[Comparable], int], Disagreements]

#: The ids a figure lists of those it disagrees with; it counts them all. A big store holds
#: groups of thousands of figures, where one figure may disagree with thousands of others: a
#: reader follows a few of them and the count, and a list of thousands helps no one.
SHOWN_DISAGREEMENTS = 10


def compare_figures(
    records: Iterable[FigureRecord], *, window_days: int = SAME_PERIOD_DAYS, pairs: PairFinder | None = None
) -> tuple[FigureGroup, ...]:
    """The figures by counted group and measure (groups by label, figures oldest first), each
    numbered and flagged.

    By default every pair within a group is compared in Python: quadratic in the size of a
    group. ``pairs`` finds them another way, with the same rules: the figures table does it
    as an interval join in SQL (:meth:`kg.read.figure_table.FigureTable.disagreements`).
    """
    by_group: defaultdict[tuple[str, str], list[FigureRecord]] = defaultdict(list)
    for record in records:
        by_group[record.group, record.measure].append(record)
    ordered = sorted(by_group.items(), key=lambda item: (item[1][0].group_label.casefold(), item[0]))
    panels, comparables, next_id = [], [], 1
    for index, ((group, _), members) in enumerate(ordered):
        members.sort(key=lambda r: (r.date is None, r.date or date.min, r.quantity))
        figures = [_figure(next_id + i, record) for i, record in enumerate(members)]
        panels.append(figures)
        next_id += len(members)
        # Figures that count no named group and name nothing they are about may be about any
        # event of any war: they share a panel, not a subject, so they are compared with nothing.
        for figure in figures if group else ():
            found = _comparable(figure)
            if found is not None:
                comparables.append((figure.id, index, *found))
    disagreeing = (pairs or _pairs_in_python)(comparables, window_days)
    return tuple(
        FigureGroup(
            group,
            figures[0].record.group_label,
            measure,
            tuple(_flagged(f, disagreeing.get(f.id)) for f in figures),
        )
        for ((group, measure), _), figures in zip(ordered, panels, strict=True)
    )


def _flagged(figure: ComparedFigure, found: tuple[int, tuple[int, ...]] | None) -> ComparedFigure:
    if found is None:
        return figure
    count, first = found
    return replace(figure, disagreements=count, disagrees_with=first)


def _pairs_in_python(comparables: Sequence[Comparable], window_days: int) -> Disagreements:
    """Every pair of each group compared."""
    by_group: defaultdict[int, list[Comparable]] = defaultdict(list)
    for item in comparables:
        by_group[item[1]].append(item)
    conflicts: defaultdict[int, list[int]] = defaultdict(list)
    for members in by_group.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if _disagree((first[2], first[3]), (second[2], second[3]), window_days):
                    conflicts[first[0]].append(second[0])
                    conflicts[second[0]].append(first[0])
    return {
        figure: (len(others), tuple(sorted(others)[:SHOWN_DISAGREEMENTS]))
        for figure, others in conflicts.items()
    }


def _figure(figure_id: int, record: FigureRecord) -> ComparedFigure:
    bounds = figure_bounds(record.qualifier, record.value, record.min_value, record.max_value)
    return ComparedFigure(
        figure_id,
        record,
        bounds,
        increment=record.tally == "Increment",
        engagement=is_engagement(record.sentence),
    )


_Comparable = tuple[Bounds, date] | None


def _comparable(figure: ComparedFigure) -> _Comparable:
    """What two figures are compared by; None for one compared with nothing."""
    if figure.bounds is None or figure.record.date is None or figure.increment or figure.engagement:
        return None
    return figure.bounds, figure.record.date


def _disagree(first: _Comparable, second: _Comparable, window_days: int) -> bool:
    if first is None or second is None:
        return False
    if second[0].below(first[0]):
        first, second = second, first
    elif not first[0].below(second[0]):
        return False  # they overlap
    (_, smaller_on), (_, larger_on) = first, second
    return abs((larger_on - smaller_on).days) <= window_days or smaller_on > larger_on


#: Columns of :func:`figure_rows`: one row per figure, for CSV and the terminal.
FIGURE_COLUMNS = (
    "id",
    "group",
    "measure",
    "date",
    "period",
    "claimant",
    "via",
    "outlet",
    "file",
    "figure",
    "qualifier",
    "value",
    "min",
    "max",
    "bounds",
    "flag",
    "disagreements",
    "disagrees_with",
    "assertion",
    "sentence",
    "quantity",
)


def figure_rows(groups: Sequence[FigureGroup]) -> list[list[str]]:
    """One row of :data:`FIGURE_COLUMNS` per figure, as text; numbers without thousands separators."""
    rows = []
    for group in groups:
        for figure in group.figures:
            record = figure.record
            rows.append(
                [
                    str(figure.id),
                    group.group_label,
                    group.measure,
                    record.date.isoformat() if record.date else "",
                    period_text(record.period),
                    record.claimant,
                    "; ".join(record.via),
                    record.outlet,
                    record.file,
                    record.figure,
                    record.qualifier,
                    _plain(record.value),
                    _plain(record.min_value),
                    _plain(record.max_value),
                    str(figure.bounds or ""),
                    figure.flag,
                    str(figure.disagreements),
                    " ".join(str(i) for i in figure.disagrees_with),
                    record.assertion,
                    record.sentence,
                    record.quantity,
                ]
            )
    return rows


def _plain(number: Decimal | None) -> str:
    """A number as plain digits: 11000, 49.5 (no exponent, no trailing zeros)."""
    return "" if number is None else format(number.normalize(), "f")
