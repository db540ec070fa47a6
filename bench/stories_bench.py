"""Near-duplicate detection on synthetic news with planted copies, and what stories and assertions
cost a build.

Originals come from bench/synth_corpus.py: templated wire prose, so independent articles share
many phrases, as real coverage of one war does, and precision is tested, not assumed. A share of
them (``--copied``) get one to three planted copies, each made one of these ways:

- ``edited``: house style and light rewording, one word in about twenty changed or dropped;
- ``truncated``: the first 40 to 70% of its paragraphs;
- ``lead``: a site's own one or two paragraphs (from another synthetic article) above the text;
- ``edited+truncated`` and ``lead+edited``: both.

(a) Detection: every article read as ``kg build`` reads it, fingerprinted
    (:func:`kg.builder.shingles.fingerprint`) and grouped by :func:`kg.builder.stories.copy_groups`;
    a pair of articles in one predicted story is a predicted copy pair, a pair from one planted
    family a true one. Precision and recall of pairs, recall of original-copy pairs per kind,
    and the seconds fingerprinting and grouping take; then what a later build of the last 20
    articles pays to find their stories among the others' (:func:`kg.builder.stories.story_groups`),
    and whether that gives the same stories.
(b) Cost: the first ``--build`` originals with their copies built with the model into an embedded
    store folder (exports off); the refresh of the derived graphs (stories and assertions, as
    :func:`kg.builder.across.refresh` recomputes and writes them) timed inside that build, and its
    share of the build's seconds. Then its parts, recomputed on the built store: stories (reading
    fingerprints, LSH, containment) and assertions (reading reports, claimant identity, grouping,
    corroboration links).

    python bench/stories_bench.py [--originals N] [--copied SHARE] [--build N] [--seed S]
        [--workdir DIR] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say, say_setting, work_folder  # noqa: E402
from synth_corpus import synthetic_corpus  # noqa: E402

import kg.builder.build as build_module  # noqa: E402
from kg.builder.across import refresh  # noqa: E402
from kg.builder.assertions import (  # noqa: E402
    article_places,
    claimant_identity,
    claimant_labels,
    group_reports,
    link_assertions,
    read_reports,
)
from kg.builder.shingles import fingerprint  # noqa: E402
from kg.builder.stories import (  # noqa: E402
    StoredArticle,
    copy_groups,
    stored_articles,
    story_groups,
    story_quads,
)
from kg.ingest.read import read_articles  # noqa: E402
from kg.rdf.mapping import article_iri  # noqa: E402
from kg.render.tables import plain_table  # noqa: E402
from kg.store import open_store  # noqa: E402

#: Articles the incremental measure of (a) adds to the stories of all the others.
_ADDED = 20
KINDS = ("edited", "truncated", "lead", "edited+truncated", "lead+edited")
#: Words a copy desk swaps, as (house style of the original, of the copy).
_STYLE = (
    ("percent", "per cent"),
    ("troops", "soldiers"),
    ("said", "stated"),
    ("killed", "slain"),
    ("near", "close to"),
    ("about", "around"),
    ("Ukraine's", "Ukrainian"),
)


@dataclass(slots=True)
class Planted:
    """One text of the corpus and the family (its original's number) it belongs to."""

    name: str
    text: str
    meta: dict[str, str]
    family: int
    kind: str  # "original" or one of KINDS


@dataclass(slots=True)
class Detection:
    """What (a) measured."""

    articles: int
    originals: int
    copies: int
    true_pairs: int
    predicted_pairs: int
    precision: float
    recall: float
    recall_by_kind: dict[str, float]
    fingerprint_seconds: float
    group_seconds: float
    added: int = 0  # articles a later build adds to the others' stories
    add_seconds: float = 0.0  # what finding their stories takes (story_groups)
    add_same: bool = True  # and whether that gives the stories grouping all afresh gives


@dataclass(slots=True)
class Cost:
    """What (b) measured."""

    articles: int
    build_seconds: float
    refresh_seconds: float
    share: float
    stories_seconds: float
    assertions_seconds: float
    parts: dict[str, float] = field(default_factory=dict)


def planted_corpus(originals: int, copied: float, seed: int) -> list[Planted]:
    """The originals, each followed by its planted copies; deterministic for a seed."""
    rng = random.Random(seed)
    leads = synthetic_corpus(originals, seed + 1)  # other articles' paragraphs for added leads
    texts: list[Planted] = []
    for number, record in enumerate(synthetic_corpus(originals, seed)):
        meta = {k: record[k] for k in ("title", "publisher", "published", "url")}
        texts.append(Planted(f"{number:06d}_0.txt", record["text"], meta, number, "original"))
        if rng.random() >= copied:
            continue
        lead = next(leads)["text"].split("\n\n")
        for n in range(1, rng.randint(1, 3) + 1):
            kind = rng.choice(KINDS)
            text = _copy(record["text"], kind, lead, rng)
            site = f"site{rng.randint(1, 40)}"
            copy_meta = dict(meta, publisher=f"{meta['publisher']} (published by {site}.example)")
            copy_meta["url"] = f"https://{site}.example/{number}-{n}"
            texts.append(Planted(f"{number:06d}_{n}.txt", text, copy_meta, number, kind))
    return texts


def _copy(text: str, kind: str, lead: Sequence[str], rng: random.Random) -> str:
    paragraphs = text.strip().split("\n\n")
    if "truncated" in kind:
        paragraphs = paragraphs[: max(1, round(len(paragraphs) * rng.uniform(0.4, 0.7)))]
    if "edited" in kind:
        paragraphs = [_edit(p, rng) for p in paragraphs]
    if "lead" in kind:
        paragraphs = list(lead[: rng.randint(1, 2)]) + paragraphs
    return "\n\n".join(paragraphs) + "\n"


def _edit(paragraph: str, rng: random.Random) -> str:
    for old, new in _STYLE:
        paragraph = paragraph.replace(old, new)
    words = paragraph.split(" ")
    kept = []
    for word in words:
        roll = rng.random()
        if roll < 0.025:
            continue  # dropped
        kept.append(word.upper() if roll < 0.05 else word)  # changed
    return " ".join(kept)


def write_planted(texts: Sequence[Planted], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for t in texts:
        (folder / t.name).write_text(t.text, encoding="utf-8", newline="\n")
    meta = {t.name: t.meta for t in texts}
    (folder / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def detection(texts: Sequence[Planted], folder: Path) -> Detection:
    """(a): planted copy pairs against the pairs of the predicted stories."""
    by_name = {t.name: t for t in texts}
    articles = list(read_articles([folder], strict=True))
    started = time.perf_counter()
    iris = [article_iri(a.id) for a in articles]
    pairs = zip(iris, articles, strict=True)
    stored = {iri: StoredArticle(iri, fingerprint(a), a.published, None) for iri, a in pairs}
    fingerprinted = time.perf_counter()
    groups = copy_groups(stored)
    grouped = time.perf_counter()
    # A later build of the last few articles: the stories of the rest are known (stored).
    added = set(iris[-_ADDED:])
    known = {m: g[0] for g in groups for m in g if m not in added}
    adding = time.perf_counter()
    same = story_groups(stored, known) == groups
    add_seconds = time.perf_counter() - adding
    planted_of = {article_iri(a.id): by_name[Path(a.source).name] for a in articles}
    predicted = {frozenset(p) for g in groups for p in combinations(g, 2)}
    families: dict[int, list[Any]] = defaultdict(list)
    for iri, planted in planted_of.items():
        families[planted.family].append(iri)
    true = {frozenset(p) for members in families.values() for p in combinations(members, 2)}
    found = predicted & true
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for members in families.values():
        original = next(m for m in members if planted_of[m].kind == "original")
        for m in members:
            if m != original:
                by_kind[planted_of[m].kind].append(frozenset((original, m)) in predicted)
    return Detection(
        articles=len(articles),
        originals=len(families),
        copies=len(articles) - len(families),
        true_pairs=len(true),
        predicted_pairs=len(predicted),
        precision=len(found) / len(predicted) if predicted else 1.0,
        recall=len(found) / len(true) if true else 1.0,
        recall_by_kind={k: sum(v) / len(v) for k, v in sorted(by_kind.items())},
        fingerprint_seconds=fingerprinted - started,
        group_seconds=grouped - fingerprinted,
        added=len(added),
        add_seconds=add_seconds,
        add_same=same,
    )


@dataclass(slots=True)
class _Timed:
    seconds: list[float] = field(default_factory=list)


def cost(texts: Sequence[Planted], originals: int, work: Path) -> Cost:
    """(b): a build of the first ``originals`` families, and its derived graphs' share."""
    subset = [t for t in texts if t.family < originals]
    folder, store_dir = work / "build-input", work / "build-store"
    write_planted(subset, folder)
    timed = _Timed()

    def timed_refresh(store: Any) -> Any:
        started = time.perf_counter()
        try:
            return refresh(store)
        finally:
            timed.seconds.append(time.perf_counter() - started)

    setattr(build_module, "refresh", timed_refresh)  # noqa: B010  (the build's own call, timed)
    try:
        started = time.perf_counter()
        build_module.build([folder], work / "build-out", store=store_dir, exports=False)
        build_seconds = time.perf_counter() - started
    finally:
        setattr(build_module, "refresh", refresh)  # noqa: B010
    parts: dict[str, float] = {}
    store = open_store(store_dir)
    try:
        ds = store.dataset
        with _clock(parts, "stories"):
            stored = stored_articles(ds)
            _, story_of = story_quads(stored)
        outlet_of = {iri: a.outlet for iri, a in stored.items() if a.outlet is not None}
        with _clock(parts, "read reports"):
            reports = read_reports(ds)
        with _clock(parts, "claimant identity and labels"):
            identity = claimant_identity(ds)
            labels = claimant_labels(ds, {c for r in reports for c in r.claimants})
        with _clock(parts, "grouping"):
            assertions = group_reports(reports, story_of, outlet_of, identity, labels)
        with _clock(parts, "corroboration links"):
            link_assertions(assertions, article_places(ds))
    finally:
        store.close()
    refresh_seconds = sum(timed.seconds)
    return Cost(
        articles=len(subset),
        build_seconds=build_seconds,
        refresh_seconds=refresh_seconds,
        share=refresh_seconds / build_seconds,
        stories_seconds=parts["stories"],
        assertions_seconds=sum(v for k, v in parts.items() if k != "stories"),
        parts=parts,
    )


class _clock:  # noqa: N801  (used as a statement: with _clock(parts, name))
    def __init__(self, parts: dict[str, float], name: str) -> None:
        self.parts, self.name = parts, name

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *_: object) -> None:
        self.parts[self.name] = time.perf_counter() - self.started


def report_lines(found: Detection, spent: Cost | None) -> Iterator[str]:
    """The result tables as printed."""
    yield (
        f"(a) detection: {found.articles} articles, {found.originals} originals, "
        f"{found.copies} planted copies; {found.true_pairs} true copy pairs, "
        f"{found.predicted_pairs} predicted"
    )
    rows = [["all pairs", f"{found.precision:.3f}", f"{found.recall:.3f}"]]
    rows += [[f"original + {kind}", "", f"{recall:.3f}"] for kind, recall in found.recall_by_kind.items()]
    yield plain_table(("pairs", "precision", "recall"), rows)
    each = 1000 * found.fingerprint_seconds / found.articles
    same = "the same" if found.add_same else "NOT the same"
    yield (
        f"fingerprints {found.fingerprint_seconds:.2f} s ({each:.1f} ms an article), "
        f"grouping (LSH + containment) {found.group_seconds:.2f} s; adding {found.added} articles to the "
        f"others' stories {found.add_seconds:.2f} s ({same} stories)"
    )
    if spent is None:
        return
    yield f"(b) cost: build of {spent.articles} articles into a store folder, exports off"
    yield plain_table(
        ("step", "seconds", "share of build"),
        [
            ["build, all of it", f"{spent.build_seconds:.1f}", "1.000"],
            ["refresh of stories + assertions", f"{spent.refresh_seconds:.2f}", f"{spent.share:.3f}"],
            *[[f"  {name}", f"{s:.2f}", f"{s / spent.build_seconds:.3f}"] for name, s in spent.parts.items()],
        ],
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=2000, help="original articles (default 2,000)")
    parser.add_argument("--copied", type=float, default=0.3, help="share of originals copied (default 0.3)")
    parser.add_argument(
        "--build", type=int, default=100, help="originals (with copies) built for (b); 0: skip (b)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the corpus and store here (emptied first)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    say_setting("datasketch MinHashLSH, spaCy model for (b)")
    texts = planted_corpus(args.originals, args.copied, args.seed)
    with work_folder(args.workdir, "stories-bench-") as work:
        write_planted(texts, work / "corpus")
        found = detection(texts, work / "corpus")
        spent = cost(texts, args.build, work) if args.build else None
    for line in report_lines(found, spent):
        say(line)
    result = {"detection": asdict(found), "cost": asdict(spent) if spent else None}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
