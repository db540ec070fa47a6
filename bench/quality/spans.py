"""Typed character spans against gold NER spans: the scoring re3d.py and conll.py share.

A span is ``(start, end, kind)`` in the characters of one text. Each system span is matched to
at most one gold span and each gold span to at most one system span, at two levels:

* exact: the same start and end;
* overlap: at least one shared character (when several fit, the largest overlap over union
  pairs first, with polnear.py's ``one_to_one``).

Both levels are scored per kind, micro-averaged over kinds (a span of the wrong kind is a false
positive of its kind and a false negative of the gold's) and untyped (``any``: kinds ignored,
so boundary errors show apart from type confusion).

Our extractor's mentions are typed with the class of the entity they resolve to (the class the
graph asserts), collapsed to Person, Organization and Location: every Organization subclass is
an Organization, and State, Region and Settlement are Locations. State is both an Actor and a
Location in ckg.ttl; it is scored as a Location because NER gold (CoNLL, most of re3d) tags a
country's name as a place.

This is a module of the scripts beside it, not a script: they run it from its file.
"""

from __future__ import annotations

import runpy
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kg.model import ExtractedArticle

# The bench scripts are no package: polnear.py's matching and scoring helpers come from its file.
_POLNEAR = runpy.run_path(str(Path(__file__).with_name("polnear.py")), run_name="bench_quality_polnear")
one_to_one = _POLNEAR["one_to_one"]
prf = _POLNEAR["prf"]
score_row = _POLNEAR["_score_row"]

LEVELS = ("exact", "overlap")
ANY = "any"
MICRO = "micro"

#: Our ontology classes (kg.model.ENTITY_CLASSES) -> the kind scored. Actor is left out: it is
#: the abstract superclass, and the extractor never types a mention with it.
KIND_OF_CLASS = {
    "Person": "Person",
    "Organization": "Organization",
    "GovernmentBody": "Organization",
    "MilitaryUnit": "Organization",
    "ArmedGroup": "Organization",
    "MediaOutlet": "Organization",
    "InternationalOrganization": "Organization",
    "Location": "Location",
    "State": "Location",
    "Region": "Location",
    "Settlement": "Location",
}


class Labelled(NamedTuple):
    """A typed span ``[start, end)``. A tuple, so the copies of this module the scripts and the
    tests each run compare equal."""

    start: int
    end: int
    kind: str


def mention_spans(extracted: ExtractedArticle) -> list[Labelled]:
    """The extractor's mentions, typed with their entity's collapsed class."""
    classes = {entity.key: entity.cls for entity in extracted.entities}
    spans = []
    for mention, key in extracted.mentions:
        kind = KIND_OF_CLASS.get(classes.get(key, mention.cls))
        if kind is not None:
            spans.append(Labelled(mention.start, mention.end, kind))
    return spans


def extract_texts(named_texts: Sequence[tuple[str, str]]) -> list[ExtractedArticle]:
    """Run the extractor over ``(name, text)`` pairs, each text one body zone, in order.

    One body zone keeps the extractor's offsets those of the gold.
    """
    from kg.extract.pipeline import Extractor
    from kg.ingest.read import article_id
    from kg.model import Article, Zone

    articles = [
        Article(id=article_id(text), source=name, text=text, zones=(Zone(0, len(text), "body"),))
        for name, text in named_texts
    ]
    return list(Extractor().extract(articles))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two ``(start, end)`` spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _iou(a: Labelled, b: Labelled) -> float:
    return overlap((a.start, a.end), (b.start, b.end)) / (max(a.end, b.end) - min(a.start, b.start))


def _matched(gold: Sequence[Labelled], system: Sequence[Labelled], level: str) -> int:
    pairs = [
        (_iou(g, s), i, j)
        for i, g in enumerate(gold)
        for j, s in enumerate(system)
        if (g.start, g.end) == (s.start, s.end) or (level == "overlap" and _iou(g, s) > 0)
    ]
    return len(one_to_one(pairs))


def score_spans(gold: Iterable[Labelled], system: Iterable[Labelled]) -> Counter[str]:
    """Counts ``<level>.<kind>.tp|pred|gold`` for one text; summed over texts, they give the scores.

    Kind ``any`` counts untyped matches. A span given twice (two kinds, in untyped scoring)
    counts once.
    """
    gold, system = list(gold), list(system)
    untyped = [{span._replace(kind=ANY) for span in spans} for spans in (gold, system)]
    counts: Counter[str] = Counter()
    for gold_set, system_set in ((set(gold), set(system)), untyped):
        for kind in {span.kind for span in gold_set | system_set}:
            g = sorted(span for span in gold_set if span.kind == kind)
            s = sorted(span for span in system_set if span.kind == kind)
            for level in LEVELS:
                counts[f"{level}.{kind}.tp"] += _matched(g, s, level)
                counts[f"{level}.{kind}.pred"] += len(s)
                counts[f"{level}.{kind}.gold"] += len(g)
    return counts


def summarise_spans(counts: Counter[str], kinds: Sequence[str]) -> dict[str, dict[str, dict[str, float]]]:
    """``{level: {kind | micro | any: prf}}`` from summed counts; micro sums over ``kinds``."""
    return {
        level: {
            **{kind: _prf_of(counts, f"{level}.{kind}") for kind in kinds},
            MICRO: _prf_of(counts, *(f"{level}.{kind}" for kind in kinds)),
            ANY: _prf_of(counts, f"{level}.{ANY}"),
        }
        for level in LEVELS
    }


def _prf_of(counts: Counter[str], *prefixes: str) -> dict[str, float]:
    return prf(*(sum(counts[f"{prefix}.{key}"] for prefix in prefixes) for key in ("tp", "pred", "gold")))
