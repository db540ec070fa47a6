"""Casualty and detention figures on ISAF press releases: do our quantities add up to the gold?

Each of the 724 releases was read by an analyst who coded the minimum number
killed and captured in the incident. Per release we predict:

* ``min_killed``: from the distinct ``Killed`` quantities of all claims (one per figure span),
  each read at its lower figure (``value``, else ``min_value``, else ``max_value``);
* ``min_captured``: the same from ``Captured`` quantities ("detained", "arrested", "captured").

Quantities of denied claims are left out. Two ways to combine several figures are measured:
``max`` (the primary rule) and ``sum``. Releases state the tally in the lead and again in the
details ("detained several suspected insurgents ... the force detained several individuals"),
and often repeat a paragraph, so summing counts one incident twice or more: where a regex
stand-in for the extractor found several figures for one count (40 counts), the largest matched
the gold in 29 and the sum in 2. ``max`` undercounts only a release that reports
separate operations, which the gold adds up.

Scores: exact-match accuracy and mean absolute error of both counts, P/R/F1 of ``killq`` and
``captureq`` (predicted true when the count is above 0), and the accuracies again for the
releases that use a vague word (several, numerous, a number of, multiple) and for the rest: the
gold codes those words by convention ("several" as 3, "numerous" as 4), not by a stated number.

    python bench/quality/isaf_figures.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from kg.model import Claim, Figure, Measure
from kg.render.tables import plain_table

ROOT = Path(__file__).resolve().parent.parent.parent
ISAF = ROOT.parent / "shared" / "benchmarks" / "isaf" / "isaf_test_gold.jsonl"

Rule = Literal["max", "sum"]
RULES: tuple[Rule, ...] = ("max", "sum")
PRIMARY_RULE: Rule = "max"
#: Scored beside the rules: always predicting 0, as a floor the rules have to beat.
BASELINE = "zero"

#: Gold count -> the measure whose quantities predict it.
FIELDS: dict[str, Measure] = {"min_killed": "Killed", "min_captured": "Captured"}
#: Gold yes/no flag -> the count that predicts it.
FLAGS = {"killq": "min_killed", "captureq": "min_captured"}

#: Quantity words the gold codes by convention (see the isaf section of the benchmarks README).
VAGUE = re.compile(r"\b(?:several|numerous|a\s+number\s+of|multiple)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Item:
    """One release: its gold, our counts under each rule, and whether its text is vague."""

    id: str
    gold: dict[str, Any]
    predicted: dict[str, dict[str, int]]  # rule -> gold field -> count
    vague: bool


def lower_figure(figure: Figure) -> Decimal:
    """The least number a figure allows: a point value, else its lower bound, else its upper."""
    for bound in (figure.value, figure.min_value, figure.max_value):
        if bound is not None:
            return bound
    raise ValueError(f"figure {figure.text!r} has no value")  # Figure forbids it; for the type checker


def figures_of(claims: Iterable[Claim], measure: Measure) -> list[Decimal]:
    """Lower figures of the distinct quantities of a measure, in text order.

    A figure span counts once even if two claims carry it; denied claims do not count.
    """
    seen: dict[tuple[int, int], Decimal] = {}
    for claim in claims:
        if claim.certainty == "Denied":
            continue
        for quantity in claim.quantities:
            if quantity.measure == measure:
                seen.setdefault((quantity.figure.start, quantity.figure.end), lower_figure(quantity.figure))
    return [value for _, value in sorted(seen.items())]


def predict(claims: Sequence[Claim], rule: Rule) -> dict[str, int]:
    """Our ``min_killed`` and ``min_captured`` for one release (0 when no figure is found)."""
    combine = max if rule == "max" else sum
    counts = {}
    for field, measure in FIELDS.items():
        values = figures_of(claims, measure)
        counts[field] = int(combine(values)) if values else 0
    return counts


def make_item(ident: str, text: str, gold: dict[str, Any], claims: Sequence[Claim]) -> Item:
    """Everything scoring needs of one release, so the claims need not be kept."""
    return Item(ident, gold, {rule: predict(claims, rule) for rule in RULES}, bool(VAGUE.search(text)))


def prf(tp: float, pred: float, gold: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "pred": pred, "gold": gold}


def count_scores(items: Sequence[Item], field: str, rule: str) -> dict[str, float]:
    """Exact-match accuracy and mean absolute error of one count (0 and 0 for no items)."""
    errors = [abs(_predicted(item, rule, field) - int(item.gold[field])) for item in items]
    n = len(errors)
    return {
        "items": n,
        "exact": sum(e == 0 for e in errors) / n if n else 0.0,
        "mae": sum(errors) / n if n else 0.0,
    }


def _predicted(item: Item, rule: str, field: str) -> int:
    return 0 if rule == BASELINE else item.predicted[rule][field]


def score(items: Sequence[Item]) -> dict[str, Any]:
    """All scores, in the shape ``--json`` prints."""
    subsets = {
        "all": list(items),
        "vague": [i for i in items if i.vague],
        "not_vague": [i for i in items if not i.vague],
    }
    flags = {}
    for flag, field in FLAGS.items():
        predicted = [item.predicted[PRIMARY_RULE][field] > 0 for item in items]
        gold = [bool(item.gold[flag]) for item in items]
        tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
        flags[flag] = prf(tp, sum(predicted), sum(gold))
    return {
        "items": len(items),
        "vague_items": len(subsets["vague"]),
        "rule": PRIMARY_RULE,
        "counts": {
            subset: {
                field: {rule: count_scores(chosen, field, rule) for rule in (*RULES, BASELINE)}
                for field in FIELDS
            }
            for subset, chosen in subsets.items()
        },
        "flags": flags,
    }


def _read_gold(path: Path, limit: int | None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return rows[:limit]


def _claims_per_release(rows: Sequence[dict[str, Any]]) -> tuple[list[tuple[Claim, ...]], int]:
    """Claims of each release, read through ingest as any JSONL input would be.

    Ingest names each article by its ``id``; a release it skips (it logs why) gets no claims,
    and the second value counts them.
    """
    from kg.extract.pipeline import Extractor
    from kg.ingest.read import read_articles

    wanted = {str(row["id"]) for row in rows}
    articles = {a.source: a for a in read_articles([ISAF]) if a.source in wanted}
    claims = {
        extracted.article.source: extracted.claims for extracted in Extractor().extract(articles.values())
    }
    return [claims.get(str(row["id"]), ()) for row in rows], len(wanted - articles.keys())


def _print_report(summary: dict[str, Any], unread: int) -> None:
    lines = [
        f"ISAF press releases: {summary['items']} releases, {summary['vague_items']} with a vague word"
        + (f", {unread} not read by ingest (scored as 0)" if unread else ""),
        f"reported rule: {summary['rule']} of the distinct figures (sum for comparison; zero: always 0)",
        "",
    ]
    rows = []
    counts = summary["counts"]
    for field in FIELDS:
        for rule in (*RULES, BASELINE):
            row = [field, rule]
            for subset in ("all", "vague", "not_vague"):
                s = counts[subset][field][rule]
                row += [f"{s['exact']:.3f}", f"{s['mae']:.2f}"]
            rows.append(row)
    headers = ("count", "rule", "exact", "MAE", "exact vague", "MAE vague", "exact other", "MAE other")
    lines += [plain_table(headers, rows), ""]
    rows = [
        [
            flag,
            f"{s['p']:.3f}",
            f"{s['r']:.3f}",
            f"{s['f1']:.3f}",
            f"{s['tp']:.0f}",
            f"{s['pred']:.0f}",
            f"{s['gold']:.0f}",
        ]
        for flag, s in summary["flags"].items()
    ]
    lines.append(plain_table(("flag", "P", "R", "F1", "tp", "predicted", "gold"), rows))
    print("\n".join(lines))  # noqa: T201


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N releases only")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not ISAF.is_file():
        print(f"skipped: no ISAF gold at {ISAF} (see ../shared/benchmarks/README.md)")  # noqa: T201
        return 0
    rows = _read_gold(ISAF, args.limit)
    all_claims, unread = _claims_per_release(rows)
    items = [
        make_item(str(row["id"]), row["text"], row["gold"], claims)
        for row, claims in zip(rows, all_claims, strict=True)
    ]
    summary = score(items)
    if args.json:
        print(json.dumps(summary | {"not_read": unread}, indent=2))  # noqa: T201
    else:
        _print_report(summary, unread)
    return 0


if __name__ == "__main__":
    sys.exit(main())
