"""Where a memory-store build spends its time outside the spaCy model.

Builds a few hundred ISAF press releases (../shared/benchmarks, read as
bench/extract_throughput.py reads them), or with ``--synthetic`` as many articles of
bench/synth_corpus.py's synthetic news (denser in actors, figures and claims than the releases),
with ``kg.build(..., store="memory", exports=False)``:
reading, extraction, mapping and the store write, end to end. First without the profiler,
beside bare ``nlp.pipe`` of the same model on the same texts in the same run (the target: the
build at >= 0.8 of the bare model's words per second), best of ``--repeat`` runs each; then
once under cProfile.

The profile splits every function's own time between the model and the rest by who calls it:
``Language.pipe`` and what only it calls (tokenizer, tagger, parser, NER, lemmatizer, thinc)
is the model's own; our package, rdflib and the gazetteer's entity rulers are not, and a
function both sides call (``Doc.__iter__``, ``len``) is split in proportion to the time each
caller spends in it. cProfile slows Python code more than the model's compiled loops, so the
profiled share outside the model overstates it; the unprofiled ratio is the number to compare.

    python bench/profile_build.py [--limit N] [--synthetic] [--repeat R] [--top K] [--save FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_corpus import write_corpus  # noqa: E402

from kg.builder.build import build  # noqa: E402
from kg.extract.nlp import load_model  # noqa: E402
from kg.extract.pipeline import Extractor, model_text  # noqa: E402
from kg.ingest.read import read_articles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ISAF = ROOT.parent / "shared" / "benchmarks" / "isaf" / "isaf_test_gold.jsonl"

#: pstats' key of a function: (file, line, name); its row: (primitive calls, calls, own
#: seconds, cumulative seconds, {caller: (primitive calls, calls, own s, cumulative s)}).
Func = tuple[str, int, str]
Table = dict[Func, tuple[int, int, float, float, dict[Func, Any]]]

#: Where the model's own work starts: the whole of ``nlp.pipe`` but the components we add.
MODEL_ENTRY = ("spacy/language.py", "pipe")
#: Code that is ours wherever it runs: the package, rdflib, and the gazetteer rulers that
#: ``kg.extract.nlp`` puts in the pipeline (spaCy's code, but work the bare model does not do).
OURS = ("/kg/", "/rdflib/", "spacy/pipeline/entityruler.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles to build (default 300)")
    parser.add_argument(
        "--synthetic", action="store_true", help="synthetic articles (bench/synth_corpus.py), not ISAF"
    )
    parser.add_argument("--repeat", type=int, default=2, help="unprofiled runs, best kept (default 2)")
    parser.add_argument("--top", type=int, default=25, help="functions per table (default 25)")
    parser.add_argument("--save", type=Path, help="also write the raw profile here (pstats, snakeviz)")
    args = parser.parse_args()
    if not args.synthetic and not ISAF.is_file():
        print(f"skipped: {ISAF} is absent; the ISAF releases come with ../shared/benchmarks")  # noqa: T201
        return

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        if args.synthetic:
            write_corpus(corpus, args.limit)
        else:
            with ISAF.open(encoding="utf-8") as source:
                lines = "".join(line for _, line in zip(range(args.limit), source, strict=False))
                corpus.write_text(lines, encoding="utf-8")
        texts = [model_text(a) for a in read_articles([corpus])]
        words = sum(len(t.split()) for t in texts)
        bare, extractor = load_model(), Extractor()
        list(bare.pipe(texts[:20]))  # warm-up: first batches pay for lazy initialisation
        build([ROOT / "seeds"], Path(tmp) / "warm", store="memory", exports=False, extractor=extractor)

        bare_s = build_s = float("inf")
        for run in range(max(args.repeat, 1)):  # interleaved, so both see the same machine load
            started = time.perf_counter()
            for _ in bare.pipe(texts, batch_size=64):
                pass
            bare_s = min(bare_s, time.perf_counter() - started)
            started = time.perf_counter()
            report = build(
                [corpus], Path(tmp) / f"run{run}", store="memory", exports=False, extractor=extractor
            )
            build_s = min(build_s, time.perf_counter() - started)

        profiler = cProfile.Profile()
        profiler.runcall(
            build, [corpus], Path(tmp) / "profiled", store="memory", exports=False, extractor=extractor
        )

    stats = pstats.Stats(profiler)
    if args.save:
        stats.dump_stats(args.save)
    name = "synthetic" if args.synthetic else ISAF.name
    print(f"corpus        {name}: {len(texts)} articles, {words} words, {report.new_quads} quads")  # noqa: T201
    print(f"bare nlp.pipe {words / bare_s:8.0f} words/s  ({bare_s:.2f} s)")  # noqa: T201
    print(f"kg build      {words / build_s:8.0f} words/s  ({build_s:.2f} s, store=memory, no exports)")  # noqa: T201
    print(f"ratio         {bare_s / build_s:.2f} (kg build / bare nlp.pipe, words per second)")  # noqa: T201
    print(f"outside model {1 - bare_s / build_s:.0%} of the build's time (unprofiled, against bare nlp.pipe)")  # noqa: T201
    _report(stats.stats, args.top)  # type: ignore[attr-defined]


def _report(table: Table, top: int) -> None:
    ours = share_outside_model(table)
    total = sum(row[2] for row in table.values())
    by_area: dict[str, float] = defaultdict(float)
    for func, row in table.items():
        by_area[_area(func)] += row[2] * ours[func]
    outside = sum(by_area.values()) / total
    print(f"\nprofiled      {total:.1f} s: the model's own {1 - outside:.0%}, outside it {outside:.0%}")  # noqa: T201
    areas = ", ".join(
        f"{area} {seconds:.2f} s" for area, seconds in sorted(by_area.items(), key=lambda a: -a[1])
    )
    print(f"outside it    {areas}")  # noqa: T201
    drivers = callers_of(table, [f for f in table if is_model_entry(f)])
    kept = [f for f in table if f not in drivers]
    cumulative = {f: table[f][3] * ours[f] for f in kept}
    own = {f: table[f][2] * ours[f] for f in kept}
    for title, seconds in (("cumulative", cumulative), ("own", own)):
        print(f"\ntop {top} by {title} time outside the model (seconds, share of the profiled total, calls)")  # noqa: T201
        for func in sorted(seconds, key=seconds.__getitem__, reverse=True)[:top]:
            print(f"  {seconds[func]:7.3f} {seconds[func] / total:6.1%} {table[func][1]:>9}  {_name(func)}")  # noqa: T201
    print("\ndriving the model, so their cumulative time includes it: " + ", ".join(map(_name, drivers)))  # noqa: T201


def share_outside_model(table: Table) -> dict[Func, float]:
    """Each function's share of its time spent on behalf of code outside the model.

    Fixed for our code (1) and the model's entry (0); every other function takes the mean of
    its callers' shares, weighted by the time each caller spent in it, iterated to a fixed
    point (generators and recursion make the call graph cyclic). A function the profiler
    itself called (the build) is ours.
    """
    fixed = {f: float(not is_model_entry(f)) for f in table if is_model_entry(f) or is_ours(f)}
    share = {f: fixed.get(f, 0.0) for f in table}
    for _ in range(200):
        change = 0.0
        for func, row in table.items():
            if func in fixed:
                continue
            weights = {caller: edge[3] for caller, edge in row[4].items()}
            if not weights:
                value = 1.0
            elif not any(weights.values()):
                value = sum(share.get(c, 1.0) for c in weights) / len(weights)
            else:
                value = sum(w * share.get(c, 1.0) for c, w in weights.items()) / sum(weights.values())
            change = max(change, abs(value - share[func]))
            share[func] = value
        if change < 1e-9:
            break
    return share


def callers_of(table: Table, targets: list[Func]) -> list[Func]:
    """Every function above ``targets`` in the call graph, most cumulative time first."""
    seen: set[Func] = set()
    queue = deque(targets)
    while queue:
        for caller in table[queue.popleft()][4]:
            if caller not in seen and caller not in targets and caller in table:
                seen.add(caller)
                queue.append(caller)
    return sorted(seen, key=lambda f: -table[f][3])


def is_model_entry(func: Func) -> bool:
    return func[0].endswith(MODEL_ENTRY[0]) and func[2] == MODEL_ENTRY[1]


def is_ours(func: Func) -> bool:
    return any(part in func[0] for part in OURS)


def _area(func: Func) -> str:
    """The package a function belongs to, for the summary line."""
    path = func[0]
    if path == "~":
        return "builtins"
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1].split("/", 1)[0]
    if "/kg/" in path:
        return "kg"
    if "/lib/python3" in path or path.startswith("<"):
        return "stdlib"
    return path.split("/", 1)[0]  # a compiled module: "spacy/tokens/doc.pyx"


def _name(func: Func) -> str:
    path, line, name = func
    if path == "~":
        return name  # a builtin: "<method 'join' of 'str' objects>"
    for marker in ("/site-packages/", f"{ROOT}/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{line}({name})"


if __name__ == "__main__":
    main()
