"""Words per second, worker scaling, peak memory and embedded-store rate of ``kg build`` on synthetic news.

One run; corpora from bench/synth_corpus.py (JSONL, one seed, so a smaller corpus is the first
articles of a larger one):

(a) Throughput: ``kg.build(corpus, out, store="memory", exports=False)`` timed whole (reading,
    extraction, mapping, the store add and the closing count), with our pipeline loaded before
    the clock starts, next to bare ``nlp.pipe`` of ``spacy.load`` of the same model package with
    the same batch size over the same texts (what the model sees of each article), in the same
    process. Ratio: build words/s over bare words/s. Exports are off in every row but one: the
    same build with exports (four graph files and the HTML view) on the first
    ``--exports-articles`` articles, 100 by default: on 1,000 articles the exports take about
    three minutes on 2 cores, 1.5 times the build itself.
(b) Workers: the same build with ``workers=N`` for each N of ``--workers``, when ``kg.build``
    has that option (skipped with a note otherwise), then with ``dask="local"`` and N worker
    processes for each N of ``--dask-workers`` (with the dask extra). These rows include starting
    the workers and loading the model in each; speed-up is against the first N in the same run.
(c) Peak RSS: each size of ``--rss-sizes`` built into an embedded store folder, exports off, in
    its own child process (interpreter and model included), which reports its high-water mark
    (``VmHWM`` of /proc/self/status, so Linux only) as it ends. Not ``ru_maxrss``: a child
    started from a large parent inherits the parent's peak through fork and exec, and (a) makes
    the parent large. An embedded store, because the memory store holds the whole graph in
    memory by design. Ratio: largest size over smallest.
(d) Embedded store: ``--store-articles`` built into a store folder in a child process: time and
    triples/s (the child of (c) when the sizes coincide).

    python bench/build_bench.py [--articles N] [--workers 1,2] [--dask-workers 2] [--rss-sizes 1000,10000]
        [--store-articles N] [--exports-articles N] [--seed S] [--workdir DIR] [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import inspect
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say, say_setting, work_folder  # noqa: E402
from synth_corpus import write_corpus  # noqa: E402

from kg import build  # noqa: E402
from kg.extract.nlp import MODEL_PACKAGES  # noqa: E402
from kg.extract.pipeline import BATCH_SIZE, Extractor, model_text  # noqa: E402
from kg.ingest.read import read_articles  # noqa: E402
from kg.render.tables import plain_table  # noqa: E402

#: Targets the issue set for this benchmark, printed next to the measured ratios.
TARGET_RATIO = 0.8
TARGET_RSS_RATIO = 1.5


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        _child(*argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="corpus of (a) and (b) (default 1,000; 0: skip)"
    )
    parser.add_argument(
        "--workers", type=_sizes, default=[1, 2], help="worker counts for (b) (default 1,2; 0: skip)"
    )
    parser.add_argument(
        "--dask-workers",
        type=_sizes,
        default=[2],
        help="worker processes of the local Dask cluster rows of (b) (default 2; 0: skip)",
    )
    parser.add_argument(
        "--rss-sizes",
        type=_sizes,
        default=[1000, 10000],
        help="corpus sizes for (c) (default 1000,10000; 0: skip)",
    )
    parser.add_argument(
        "--store-articles", type=int, default=10000, help="corpus of (d) (default 10,000; 0: skip)"
    )
    parser.add_argument(
        "--exports-articles",
        type=int,
        default=100,
        help="corpus of the row with exports (default 100; 0: skip)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus (default 0)")
    parser.add_argument(
        "--workdir", type=Path, help="where corpora and stores go (default: a temporary folder)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    package = _model_package()
    say_setting(f"spaCy {spacy.__version__}")
    with work_folder(args.workdir, "kg-build-bench-") as workdir:
        results = _run(args, workdir, package)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def _run(args: argparse.Namespace, workdir: Path, package: str) -> dict[str, Any]:
    corpora = _Corpora(workdir, args.seed)
    results: dict[str, Any] = {"cores": os.cpu_count(), "model": package, "batch_size": BATCH_SIZE}
    if args.articles:
        results["throughput"] = _throughput(args, corpora, package)
        if args.workers:
            results["workers"] = _workers(args, corpora)
    results["children"] = _children(args, corpora, workdir)
    return results


class _Corpora:
    """Synthetic JSONL corpora by size, written once each; their word counts."""

    def __init__(self, workdir: Path, seed: int) -> None:
        self.workdir = workdir
        self.seed = seed
        self.words: dict[int, int] = {}

    def path(self, articles: int) -> Path:
        path = self.workdir / f"corpus-{articles}.jsonl"
        if articles not in self.words:
            self.words[articles] = write_corpus(path, articles, self.seed)
        return path


def _throughput(args: argparse.Namespace, corpora: _Corpora, package: str) -> dict[str, Any]:
    """(a): bare nlp.pipe, then kg build into the memory store, over the same articles."""
    corpus = corpora.path(args.articles)
    articles = list(read_articles([corpus]))
    texts = [model_text(a) for a in articles]
    words = corpora.words[args.articles]
    bare = spacy.load(package)
    extractor = Extractor()
    say(f"corpus    {len(articles):,} synthetic articles (seed {args.seed}), {words:,} words")
    say(f"model     {package} {bare.meta['version']}, batch size {BATCH_SIZE}")
    list(bare.pipe(texts[:20], batch_size=BATCH_SIZE))  # warm-up: first batches pay for lazy set-up
    list(extractor.extract(articles[:20]))
    del articles

    started = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=BATCH_SIZE):
        pass
    bare_s = time.perf_counter() - started
    del bare, texts
    gc.collect()

    build_s = _timed_build(corpus, corpora.workdir / "memory", extractor=extractor)
    rows = {
        "bare": ("bare nlp.pipe (spacy.load, same package and batch size)", words, bare_s),
        "build": ("kg build --store memory: read, extract, map, store; no exports", words, build_s),
    }
    if args.exports_articles:
        small = corpora.path(args.exports_articles)
        exports_s = _timed_build(small, corpora.workdir / "exports", extractor=extractor, exports=True)
        label = f"kg build --store memory, with exports, {args.exports_articles:,} articles"
        rows["build_with_exports"] = (label, corpora.words[args.exports_articles], exports_s)

    bare_rate = words / bare_s
    say("\nthroughput (one process; the pipeline is loaded before timing; exports: graph.* and graph.html)")
    say(
        plain_table(
            ["run", "seconds", "words/s", "ratio"],
            [[name, f"{s:.1f}", f"{n / s:,.0f}", f"{n / s / bare_rate:.2f}"] for name, n, s in rows.values()],
        )
    )
    say(
        f"ratio     {bare_s / build_s:.2f} (kg build --store memory, no exports / bare nlp.pipe, "
        f"words per second; target >= {TARGET_RATIO})"
    )
    return {key: {"words": n, "seconds": s, "words_per_s": n / s} for key, (_, n, s) in rows.items()}


def _workers(args: argparse.Namespace, corpora: _Corpora) -> dict[str, Any]:
    """(b): the same build with each worker count, when kg.build takes one."""
    say(f"\nworkers   this machine has {os.cpu_count()} cores")
    if "workers" not in inspect.signature(build).parameters:
        say("workers   skipped: kg.build has no workers option in this checkout")
        return {}
    corpus = corpora.path(args.articles)
    words = corpora.words[args.articles]
    timings = {
        str(n): _timed_build(corpus, corpora.workdir / f"workers-{n}", workers=n) for n in args.workers
    }
    if args.dask_workers and importlib.util.find_spec("distributed") is None:
        say("dask      skipped: the dask extra is not installed (pip install -e '.[dask]')")
    elif args.dask_workers:
        for n in args.dask_workers:
            out = corpora.workdir / f"dask-{n}"
            timings[f"dask local {n}"] = _timed_build(corpus, out, dask="local", workers=n)
    first = timings[str(args.workers[0])]
    say("(each row starts its workers, or a local Dask cluster, and loads the model in each)")
    say(
        plain_table(
            ["workers", "seconds", "words/s", "speed-up"],
            [[name, f"{s:.1f}", f"{words / s:,.0f}", f"{first / s:.2f}"] for name, s in timings.items()],
        )
    )
    return {name: {"seconds": s, "words_per_s": words / s} for name, s in timings.items()}


def _children(args: argparse.Namespace, corpora: _Corpora, workdir: Path) -> dict[str, Any]:
    """(c) and (d): builds into a store folder, one child process per size."""
    sizes = sorted(set(args.rss_sizes) | ({args.store_articles} if args.store_articles else set()))
    runs = {n: _in_child(corpora.path(n), workdir / f"store-{n}") for n in sizes}
    if args.rss_sizes:
        _rss_rows(args, corpora, runs)
    if args.store_articles:
        n, run = args.store_articles, runs[args.store_articles]
        say(
            f"\nembedded store: {n:,} articles, {run['quads']:,} quads in {run['build_s']:.1f} s "
            f"(the model loaded before, in {run['load_s']:.1f} s): {run['quads'] / run['build_s']:,.0f} "
            f"triples/s, {corpora.words[n] / run['build_s']:,.0f} words/s"
        )
    return {str(n): run | {"words": corpora.words[n]} for n, run in runs.items()}


def _rss_rows(args: argparse.Namespace, corpora: _Corpora, runs: dict[int, dict[str, Any]]) -> None:
    """The table of (c) and, for two sizes or more, the ratio of the largest to the smallest."""
    say("\npeak RSS (each build in its own process, into an embedded store folder, no exports)")
    say(
        plain_table(
            ["articles", "words", "peak RSS MB", "seconds"],
            [
                [
                    f"{n:,}",
                    f"{corpora.words[n]:,}",
                    f"{runs[n]['max_rss_kb'] / 1024:,.0f}",
                    f"{runs[n]['build_s']:.1f}",
                ]
                for n in sorted(args.rss_sizes)
            ],
        )
    )
    low, high = min(args.rss_sizes), max(args.rss_sizes)
    if low == high:
        return
    ratio = runs[high]["max_rss_kb"] / runs[low]["max_rss_kb"]
    say(f"ratio     {ratio:.2f} (peak RSS, {high:,} / {low:,} articles; target <= {TARGET_RSS_RATIO})")


def _in_child(corpus: Path, store: Path) -> dict[str, Any]:
    """Build ``corpus`` into ``store`` in a child process; its report, peak RSS in KiB included."""
    command = [sys.executable, __file__, "--child", str(corpus), str(store)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    shutil.rmtree(store, ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(f"the build of {corpus} in a child process failed (exit {done.returncode})")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _child(corpus: str, store: str) -> None:
    """The child of :func:`_in_child`: load the model, build, print one JSON line."""
    started = time.perf_counter()
    extractor = Extractor()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    store_path = Path(store)  # out_dir is not written to: no exports, and the store is given
    report = build([Path(corpus)], store_path.parent, store=store_path, extractor=extractor, exports=False)
    build_s = time.perf_counter() - started
    result = {
        "load_s": load_s,
        "build_s": build_s,
        "quads": report.new_quads,
        "articles": report.articles_added,
        "max_rss_kb": _peak_rss_kb(),
    }
    print(json.dumps(result), flush=True)  # noqa: T201


def _peak_rss_kb() -> int:
    """This process's own high-water mark of resident memory, in KiB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("no VmHWM in /proc/self/status: the peak-RSS rows need Linux")


def _timed_build(corpus: Path, out: Path, *, exports: bool = False, **options: Any) -> float:
    started = time.perf_counter()
    build([corpus], out, store="memory", exports=exports, **options)
    seconds = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    gc.collect()
    return seconds


def _model_package() -> str:
    """The package kg.extract.nlp.load_model loads: the first of MODEL_PACKAGES that is installed."""
    return next(p for p in MODEL_PACKAGES if importlib.util.find_spec(p) is not None)


def _sizes(text: str) -> list[int]:
    """Sizes separated by commas; "0" alone for none (the rows are skipped)."""
    if text.strip() == "0":
        return []
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give whole numbers of 1 or more, separated by commas (1000,10000), or 0 for none"
        )
    return sizes


if __name__ == "__main__":
    main()
