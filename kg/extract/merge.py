"""One claim per claimant and figure in an article: repetitions merge into the first statement.

News repeats its figures: the lead sums up what a body paragraph says again ("the ministry said
212 died" twice), a quote restates what the reporter paraphrased, and a later sentence refers back
to a figure already given ("Some 2,000 Turkish soldiers are in Iraq. Those 2,000 soldiers guard
two bases."). Read sentence by sentence, each repetition becomes a claim of its own, and an
analyst counting who claims what sees one figure asserted twice. This step runs over the claims of
one article after they are read: a figure that repeats an earlier claim's figure is dropped from
its own claim and that claim's sentence is kept in the earlier claim's ``repeated_in``; a claim
left with none of the figures it had is dropped.

A later figure repeats an earlier one when all of these hold:

* the same measure, the same certainty, and the same counted group where both name one;
* the same figure: the same qualifier and bounds ("at least 12" and "at least 12"). A bound and a
  point are different figures ("at least 14 were killed" and, later, "the 14 bodies" is a
  narrower figure, not a repetition), but a bare number after a determiner that marks it as
  given ("those 2,000 soldiers") refers back to the point figure it repeats, whether that was
  exact or approximate ("some 2,000");
* the same claimants, or some of them again ("Tossa said" after "a UN spokesperson, Tossa,
  said"; never more: a figure a new claimant joins in saying is that claimant's too); a later
  figure with no claimant joins an earlier claimant's figure only
  when it names no new source of its own (no source, a pronoun, or a phrase whose head noun the
  earlier source or claimant has: "the ministry" after "the Health Ministry"), and, without a
  claimant on either side, only when the number is marked as given or is too large to recur by
  chance: small counts do ("two soldiers were killed in one town ... two civilians in another");
* not the same sentence: figures of one sentence belong to different claims and never merge.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from kg.extract.claimwords import PRONOUN_CLASSES
from kg.model import Claim, Figure, Quantity, Span

__all__ = ["merge_repetitions", "one_claim_per_figure"]

#: Determiners that mark the number after them as already given, so the phrase refers back to a
#: figure stated before ("those 2,000 soldiers", "these 40 fighters", "the 300 troops"); the
#: definite determiners of English grammars (Quirk et al. 1985, sec. 5.10).
GIVEN_DETERMINERS = frozenset({"the", "those", "these"})

#: Below this, the same bare count recurs in one article by chance (two killed here, two there),
#: so without a claimant on both sides it merges only when marked as given.
SMALL_COUNT = Decimal(10)

#: How many earlier figures of the same measure and number a figure is compared with, nearest
#: first: enough for any article, and a bound on hostile text that repeats one figure thousands
#: of times without merging (other claimants each time).
MAX_ANTECEDENTS = 64

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
#: How far back from a figure to look for its determiner: the longest word plus spaces.
_LOOKBACK = 12


def one_claim_per_figure(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """A sentence that gives several figures ("41 killed and 180 wounded") makes one claim per
    figure, all with its sentence, source and cue: each figure is asserted, repeated, corroborated
    or disputed on its own across articles, and a claim stands for exactly one of them."""
    return tuple(
        part
        for claim in claims
        for part in (
            [replace(claim, quantities=(q,)) for q in claim.quantities]
            if len(claim.quantities) > 1
            else [claim]
        )
    )


def merge_repetitions(claims: tuple[Claim, ...], text: str) -> tuple[Claim, ...]:
    """The article's claims with each repeated figure merged into its first statement.

    ``text`` is the article text the claims' offsets point into. Claims keep their input order.
    """
    order = sorted(range(len(claims)), key=lambda i: (claims[i].span.start, claims[i].content.start))
    kept: list[tuple[Quantity, ...]] = [c.quantities for c in claims]
    repeats: list[list[Span]] = [[] for _ in claims]
    # (measure, leading number) -> the earlier claims' figures with it, in text order
    index: defaultdict[tuple[str, Decimal], list[tuple[int, Quantity]]] = defaultdict(list)
    for i in order:
        claim = claims[i]
        rest: list[Quantity] = []
        for quantity in claim.quantities:
            earlier = _antecedent(claim, quantity, index[_index_key(quantity)], claims, text)
            if earlier is None:
                rest.append(quantity)
            elif claim.span not in repeats[earlier]:
                repeats[earlier].append(claim.span)
        kept[i] = tuple(rest)
        for quantity in rest:
            index[_index_key(quantity)].append((i, quantity))
    return tuple(
        _with(claim, kept[i], repeats[i]) for i, claim in enumerate(claims) if kept[i] or not claim.quantities
    )


def _with(claim: Claim, quantities: tuple[Quantity, ...], repeats: list[Span]) -> Claim:
    if quantities == claim.quantities and not repeats:
        return claim
    return replace(claim, quantities=quantities, repeated_in=claim.repeated_in + tuple(repeats))


def _index_key(quantity: Quantity) -> tuple[str, Decimal]:
    return quantity.measure, _leading_number(quantity.figure)


def _leading_number(figure: Figure) -> Decimal:
    """The point figure, else the lower bound, else the upper one (a Figure has at least one)."""
    for number in (figure.value, figure.min_value, figure.max_value):
        if number is not None:
            return number
    raise ValueError(f"figure {figure.text!r} has no number")  # pragma: no cover - Figure forbids it


def _antecedent(
    claim: Claim,
    quantity: Quantity,
    candidates: list[tuple[int, Quantity]],
    claims: tuple[Claim, ...],
    text: str,
) -> int | None:
    """The nearest earlier claim whose figure ``quantity`` repeats, or None."""
    if quantity.figure.qualifier == "Vague":  # "dozens" is no figure to identify
        return None
    given = _is_given(quantity.figure, text)
    for i, earlier in reversed(candidates[-MAX_ANTECEDENTS:]):
        first = claims[i]
        if (
            not _overlaps(first.span, claim.span)
            and first.certainty == claim.certainty
            and _same_group(earlier, quantity)
            and _same_figure(earlier.figure, quantity.figure, given)
            and _same_claimants(first, claim, quantity.figure, given)
        ):
            return i
    return None


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _same_group(a: Quantity, b: Quantity) -> bool:
    """Both count the same group, or one of them names none."""
    return a.count_of is None or b.count_of is None or a.count_of == b.count_of


def _same_figure(first: Figure, later: Figure, given: bool) -> bool:
    """The same qualifier and bounds, or a bare given number referring back to a point figure."""
    if (first.qualifier, first.value, first.min_value, first.max_value) == (
        later.qualifier,
        later.value,
        later.min_value,
        later.max_value,
    ):
        return True
    return (
        given
        and later.qualifier == "Exact"
        and first.qualifier in ("Exact", "Approximately")
        and first.value == later.value
    )


def _same_claimants(first: Claim, later: Claim, figure: Figure, given: bool) -> bool:
    """Whether the later claim's figure can be the first claim's, as far as sources go."""
    if later.claimants:
        return set(later.claimants) <= set(first.claimants)
    if not _refers_back(later, first):
        return False
    if first.claimants:
        return True
    return given or _leading_number(figure) >= SMALL_COUNT


def _refers_back(later: Claim, first: Claim) -> bool:
    """The later claim's source names no one new: none, a pronoun, or a phrase whose head noun
    the first claim's source or claimant already has ("the ministry" after "the Health
    Ministry"). A definite description with another head ("the army") is someone else."""
    if later.source is None:
        return True
    words = later.source.text.lower().split()
    if not words or words[0] in PRONOUN_CLASSES:
        return True
    known = set(first.source.text.lower().split()) if first.source is not None else set()
    known.update(part for key in first.claimants for part in key.split("-"))
    return words[-1] in known


def _is_given(figure: Figure, text: str) -> bool:
    """The figure is a bare number after a determiner that marks it as given ("those 2,000")."""
    if figure.qualifier != "Exact":
        return False
    match = _WORD_BEFORE.search(text, max(0, figure.start - _LOOKBACK), figure.start)
    return match is not None and match.group(1).lower() in GIVEN_DETERMINERS
