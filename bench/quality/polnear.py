"""Attribution quality on PolNeAR: do our claims find who said what, with which verb?

PolNeAR (LREC 2018) marks every attribution in US election news as Source, Cue and Content
spans in BRAT standoff. For each gold attribution with a Source, a system claim matches when
its ``source`` fits the gold Source and its ``content`` the gold Content, one claim to one
attribution (greedy, best pair first), at three levels:

* overlap: the spans share a word token;
* soft: word-token F1 >= 0.5, for source and content alike;
* strict: the same word tokens. Punctuation is no token, so whether the closing quote and comma
  belong to the content does not count; a discontinuous gold span ``s1 e1;s2 e2`` whose pieces
  are apart by more than spaces and punctuation cannot be matched strictly by one claim span.

Precision counts every claim that has a source. A claim with none is unattributed: it is
scored, separately and by content alone, against the gold attributions without a Source
(``Attribution-no-source``, and the odd ``Attribution`` event that lacks one), and only when it
has a cue (a claim with neither is the article's own assertion, not an attribution).
Token-level P/R/F1 for source, cue and content (PARC/PolNeAR style) compares the words every
gold attribution labels with those of every claim that has a source or a cue. Articles with
several annotators are scored against each and their counts averaged. The cue table shows, for
the most frequent gold cues of attributions with a source (first word, lowercased, past
auxiliaries: a stand-in for the lemma), the share matched (soft) and the share that some
claim's cue at least touches.

Claims are read from the raw .txt as one body zone, so offsets are those of the .ann files.

    python bench/quality/polnear.py [--split test|dev] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.model import Claim, Span
from kg.render.tables import plain_table

ROOT = Path(__file__).resolve().parent.parent.parent
POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear"

#: Additive counts (see :func:`score_document`); floats, because multi-annotator articles average.
Counts = defaultdict[str, float]

#: A span as BRAT writes it: one or more ``(start, end)`` pieces, end exclusive.
Pieces = tuple[tuple[int, int], ...]

LEVELS = ("overlap", "soft", "strict")
ROLES = ("source", "cue", "content")
SOFT_F1 = 0.5
TOP_CUES = 10

#: Words passed over to reach a cue's verb: auxiliaries, negation and the adverbs that open
#: PolNeAR cues most often ("has said", "also noted", "later wrote", "did not respond").
CUE_SKIP = frozenset(
    {
        "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would",
        "can", "could", "may", "might", "should", "must", "did", "do", "does", "not", "to",
        "also", "later", "previously", "then", "further", "again", "repeatedly", "publicly",
    }
)  # fmt: skip

_WORD = re.compile(r"\w+")
_ROLE_SUFFIX = re.compile(r"\d+$")  # Content2: a second content span of the same event


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One BRAT event: its kind and the pieces of its role spans (content may be several)."""

    id: str
    kind: str  # "Attribution" or "Attribution-no-source"
    content: Pieces
    source: Pieces | None = None
    cue: Pieces | None = None
    cue_text: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One article and its annotations, one tuple of attributions per annotator."""

    name: str
    text: str
    annotations: dict[str, tuple[GoldAttribution, ...]]


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Read the Attribution events of one .ann file; Discuss/Discard notes are dropped.

    Role names with a number (``Content2``) add pieces to their role: PolNeAR uses them for a
    content split in two around an inserted source and cue.
    """
    spans: dict[str, tuple[Pieces, str]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _label, _, ranges = fields[1].partition(" ")
            pieces = tuple(
                (int(start), int(end)) for start, end in (piece.split() for piece in ranges.split(";"))
            )
            spans[fields[0]] = (pieces, fields[2] if len(fields) > 2 else "")
        elif line.startswith("E") and len(fields) >= 2:
            args = [arg.partition(":") for arg in fields[1].split()]
            events.append((fields[0], [(role, ref) for role, _, ref in args]))
    attributions = []
    for event_id, args in events:
        kind = args[0][0]
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        cue_text = ""
        for role, ref in args[1:]:
            base = _ROLE_SUFFIX.sub("", role).lower()
            roles[base] += spans[ref][0]
            if base == "cue":
                cue_text = spans[ref][1]
        attributions.append(
            GoldAttribution(
                id=event_id,
                kind=kind,
                content=tuple(sorted(roles.get("content", ()))),
                source=tuple(sorted(roles["source"])) if "source" in roles else None,
                cue=tuple(sorted(roles["cue"])) if "cue" in roles else None,
                cue_text=cue_text,
            )
        )
    return tuple(attributions)


def read_split(folder: Path) -> list[GoldDocument]:
    """Every article of a split with its annotations, in file-name order.

    Annotation files are named ``<article>_<annotator>.ann``; the text is ``text/<article>.txt``,
    read as is (no newline translation), because the offsets count its characters.
    """
    by_doc: dict[str, dict[str, tuple[GoldAttribution, ...]]] = defaultdict(dict)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        by_doc[name][annotator] = parse_ann(ann.read_text(encoding="utf-8"))
    documents = []
    for name, by_annotator in by_doc.items():
        with (folder / "text" / f"{name}.txt").open(encoding="utf-8", newline="") as file:
            documents.append(GoldDocument(name, file.read(), by_annotator))
    return documents


class Tokens:
    """Word tokens of a text, to turn character spans into sets of token indices."""

    def __init__(self, text: str) -> None:
        bounds = [m.span() for m in _WORD.finditer(text)]
        self.starts = [start for start, _ in bounds]
        self.ends = [end for _, end in bounds]

    def cover(self, pieces: Iterable[tuple[int, int]]) -> frozenset[int]:
        """The tokens that share a character with any piece."""
        covered: set[int] = set()
        for start, end in pieces:
            i = bisect.bisect_right(self.ends, start)
            while i < len(self.starts) and self.starts[i] < end:
                covered.add(i)
                i += 1
        return frozenset(covered)


def token_f1(system: frozenset[int], gold: frozenset[int]) -> float:
    """Dice overlap of two token sets; 0 when either is empty."""
    if not system or not gold:
        return 0.0
    return 2 * len(system & gold) / (len(system) + len(gold))


def one_to_one(pairs: Iterable[tuple[float, int, int]]) -> set[int]:
    """The gold items matched when each gold and system item is used once, best pairs first.

    Pairs are ``(score, gold index, system index)``; ties go to the earlier items, so the
    result does not depend on the order the pairs come in.
    """
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _score, g, s in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
    return used_gold


def _pieces(span: Span | None) -> Pieces:
    return ((span.start, span.end),) if span is not None else ()


def cue_word(text: str) -> str:
    """The word a gold cue is filed under: its first word, lowercased, past auxiliaries.

    A stand-in for the lemma ("has said" -> said, "also noted" -> noted); a cue of punctuation
    alone (the colon before a quote) is filed under itself.
    """
    words = _WORD.findall(text.lower())
    content = [w for w in words if w not in CUE_SKIP]
    return (content or words or [text.strip() or "(none)"])[0]


_MATCHES: dict[str, Callable[[frozenset[int], frozenset[int]], bool]] = {
    "overlap": lambda s, g: bool(s & g),
    "soft": lambda s, g: token_f1(s, g) >= SOFT_F1,
    "strict": lambda s, g: bool(s) and s == g,
}


def score_document(text: str, gold: Sequence[GoldAttribution], claims: Sequence[Claim]) -> Counts:
    """Counts for one article against one annotator; summed over articles, they give the scores.

    Keys: ``<level>.tp|pred|gold`` (attributions with a source), ``tok.<role>.tp|pred|gold``,
    ``nosrc.tp|pred|gold``, ``cue.<word>.gold|soft|found`` and ``sys.*`` (claims by kind).
    """
    tokens = Tokens(text)
    counts: Counts = defaultdict(float)
    sourced = [c for c in claims if c.source is not None]
    cued = [c for c in claims if c.source is None and c.cue is not None]
    counts["sys.claims"] += len(claims)
    counts["sys.sourced"] += len(sourced)
    counts["sys.cued_no_source"] += len(cued)

    gold_src = [a for a in gold if a.source is not None]
    g_sets = [(tokens.cover(a.source or ()), tokens.cover(a.content)) for a in gold_src]
    s_sets = [(tokens.cover(_pieces(c.source)), tokens.cover(_pieces(c.content))) for c in sourced]
    soft_gold: set[int] = set()
    for level in LEVELS:
        ok = _MATCHES[level]
        pairs = [
            (token_f1(ss, gs) + token_f1(sc, gc), g, s)
            for g, (gs, gc) in enumerate(g_sets)
            for s, (ss, sc) in enumerate(s_sets)
            if ok(ss, gs) and ok(sc, gc)
        ]
        matched = one_to_one(pairs)
        soft_gold = matched if level == "soft" else soft_gold
        counts[f"{level}.tp"] += len(matched)
        counts[f"{level}.pred"] += len(s_sets)
        counts[f"{level}.gold"] += len(g_sets)

    # Per-cue recall: which gold cues a soft match used, and which some claim's cue touches.
    system_cues = [tokens.cover(_pieces(c.cue)) for c in claims if c.cue is not None]
    for g, attribution in enumerate(gold_src):
        word = cue_word(attribution.cue_text)
        gold_cue = tokens.cover(attribution.cue or ())
        counts[f"cue.{word}.gold"] += 1
        counts[f"cue.{word}.soft"] += g in soft_gold
        counts[f"cue.{word}.found"] += any(gold_cue & cue for cue in system_cues)

    gold_none = [tokens.cover(a.content) for a in gold if a.source is None]
    system_none = [tokens.cover(_pieces(c.content)) for c in cued]
    pairs = [
        (token_f1(s_set, g_set), g, s)
        for g, g_set in enumerate(gold_none)
        for s, s_set in enumerate(system_none)
        if token_f1(s_set, g_set) >= SOFT_F1
    ]
    counts["nosrc.tp"] += len(one_to_one(pairs))
    counts["nosrc.pred"] += len(system_none)
    counts["nosrc.gold"] += len(gold_none)

    attributive = [c for c in claims if c.source is not None or c.cue is not None]
    for role in ROLES:
        gold_tokens = frozenset().union(*(tokens.cover(getattr(a, role) or ()) for a in gold))
        system_tokens = frozenset().union(*(tokens.cover(_pieces(getattr(c, role))) for c in attributive))
        counts[f"tok.{role}.tp"] += len(gold_tokens & system_tokens)
        counts[f"tok.{role}.pred"] += len(system_tokens)
        counts[f"tok.{role}.gold"] += len(gold_tokens)
    return counts


def score_annotations(
    text: str, annotations: dict[str, tuple[GoldAttribution, ...]], claims: Sequence[Claim]
) -> Counts:
    """Counts against each annotator, averaged: a doubly annotated article weighs as one."""
    total: Counts = defaultdict(float)
    for gold in annotations.values():
        _add(total, score_document(text, gold, claims))
    return defaultdict(float, {key: value / len(annotations) for key, value in total.items()})


def _add(total: Counts, part: Counts) -> None:
    for key, value in part.items():
        total[key] += value


def prf(tp: float, pred: float, gold: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "pred": pred, "gold": gold}


def summarise(counts: Counts) -> dict[str, Any]:
    """Scores from summed counts, in the shape ``--json`` prints."""
    cue_words = {key.split(".")[1] for key in counts if key.startswith("cue.")}
    top = sorted(cue_words, key=lambda w: (-counts[f"cue.{w}.gold"], w))[:TOP_CUES]
    return {
        "attribution": {
            level: prf(counts[f"{level}.tp"], counts[f"{level}.pred"], counts[f"{level}.gold"])
            for level in LEVELS
        },
        "tokens": {
            role: prf(counts[f"tok.{role}.tp"], counts[f"tok.{role}.pred"], counts[f"tok.{role}.gold"])
            for role in ROLES
        },
        "no_source": prf(counts["nosrc.tp"], counts["nosrc.pred"], counts["nosrc.gold"]),
        "cues": [
            {
                "cue": w,
                "gold": counts[f"cue.{w}.gold"],
                "soft_recall": counts[f"cue.{w}.soft"] / counts[f"cue.{w}.gold"],
                "cue_found": counts[f"cue.{w}.found"] / counts[f"cue.{w}.gold"],
            }
            for w in top
        ],
        "system": {
            "claims": counts["sys.claims"],
            "with_source": counts["sys.sourced"],
            "cue_without_source": counts["sys.cued_no_source"],
        },
    }


def _count(value: float) -> str:
    """A count, with one decimal only where averaging over annotators left a fraction."""
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _score_row(name: str, score: dict[str, float]) -> list[str]:
    ratios = [f"{score[key]:.3f}" for key in ("p", "r", "f1")]
    return [name, *ratios, *(_count(score[key]) for key in ("tp", "pred", "gold"))]


def _published(folder: Path) -> dict[str, tuple[str | None, str | None]]:
    """Article name -> (publication date, title) from metadata.tsv, when it is there."""
    path = folder / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        return {
            row["filename"]: (row.get("publication_date") or None, row.get("title") or None)
            for row in csv.DictReader(file, delimiter="\t")
        }


def _claims_per_document(
    documents: Sequence[GoldDocument], meta: dict[str, tuple[str | None, str | None]]
) -> list[tuple[Claim, ...]]:
    """Run extraction over the raw texts, one body zone each, in order."""
    from kg.extract.pipeline import Extractor
    from kg.ingest.read import article_id
    from kg.model import Article, Zone

    articles = [
        Article(
            id=article_id(doc.text),
            source=f"{doc.name}.txt",
            text=doc.text,
            zones=(Zone(0, len(doc.text), "body"),),
            published=meta.get(doc.name, (None, None))[0],
            title=meta.get(doc.name, (None, None))[1],
        )
        for doc in documents
    ]
    return [extracted.claims for extracted in Extractor().extract(articles)]


def _print_report(split: str, documents: Sequence[GoldDocument], summary: dict[str, Any]) -> None:
    files = sum(len(d.annotations) for d in documents)
    system = summary["system"]
    lines = [f"PolNeAR {split}: {len(documents)} articles, {files} annotation files"]
    if multi := [d for d in documents if len(d.annotations) > 1]:
        names = ", ".join(f"{d.name} ({len(d.annotations)} annotators)" for d in multi)
        lines.append(f"scored against each annotator and averaged: {names}")
    lines += [
        f"system: {_count(system['claims'])} claims, {_count(system['with_source'])} with a source, "
        f"{_count(system['cue_without_source'])} with a cue and no source",
        "",
        plain_table(
            ("attributions", "P", "R", "F1", "tp", "system", "gold"),
            [_score_row(f"{level} (with source)", s) for level, s in summary["attribution"].items()]
            + [_score_row("soft (no source)", summary["no_source"])],
        ),
        "",
        plain_table(
            ("word tokens", "P", "R", "F1", "tp", "system", "gold"),
            [_score_row(role, s) for role, s in summary["tokens"].items()],
        ),
        "",
        plain_table(
            ("gold cue (first word)", "gold", "soft recall", "cue found"),
            [
                [c["cue"], _count(c["gold"]), f"{c['soft_recall']:.3f}", f"{c['cue_found']:.3f}"]
                for c in summary["cues"]
            ],
        ),
    ]
    print("\n".join(lines))  # noqa: T201


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", choices=("test", "dev"), default="test", help="report on test, tune on dev"
    )
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles only")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    folder = POLNEAR / args.split
    if not (folder / "attributions").is_dir():
        print(f"skipped: no PolNeAR data at {folder} (see ../shared/benchmarks/README.md)")  # noqa: T201
        return 0
    documents = read_split(folder)[: args.limit]
    all_claims = _claims_per_document(documents, _published(POLNEAR))
    counts: Counts = defaultdict(float)
    for doc, claims in zip(documents, all_claims, strict=True):
        _add(counts, score_annotations(doc.text, doc.annotations, claims))
    summary = summarise(counts)
    if args.json:
        multi = [d.name for d in documents if len(d.annotations) > 1]
        report = {"split": args.split, "articles": len(documents), "averaged_over_annotators": multi}
        print(json.dumps(report | summary, indent=2))  # noqa: T201
    else:
        _print_report(args.split, documents, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
