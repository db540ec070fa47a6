"""Streaming builds, and extraction over processes and Dask: same quads as one process.

The equivalence tests build the seeds plus articles made from the seeds' paragraphs, once in
this process and once spread over workers, and compare the stores' sorted N-Quads.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import import_module
from pathlib import Path

import pytest

import kg.builder.parallel
from kg.builder.build import build
from kg.builder.parallel import chunks, open_extraction, ordered
from kg.cli import main
from kg.errors import ClusterError
from kg.extract.nlp import shared_gazetteer
from kg.ingest.read import read_articles
from kg.model import Article, ExtractedArticle
from kg.rdf.mapping import Quad
from kg.store.memory import MemoryStore

#: Articles made from the seeds' paragraphs for the equivalence tests.
GENERATED = 6


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, generated_articles: Callable[..., Path]
) -> Path:
    return generated_articles(seeds_dir, tmp_path_factory.mktemp("corpus") / "in", GENERATED)


@pytest.fixture(scope="module")
def one_process(  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory, corpus: Path, extractor, store_nquads: Callable[[Path], str]
) -> str:
    """Sorted N-Quads of the corpus built in this process."""
    out = tmp_path_factory.mktemp("one-process")
    report = build([corpus], out, extractor=extractor, exports=False)
    assert report.articles_added == GENERATED + 2
    return store_nquads(out / "store")


class _Echo:
    """An extractor that finds nothing, lazily: what a build reads and writes, without a model."""

    def __init__(self) -> None:
        self.gazetteer = shared_gazetteer()

    def extract(self, articles: Iterator[Article]) -> Iterator[ExtractedArticle]:
        return (ExtractedArticle(article, (), ()) for article in articles)


def test_parallel_build_streams_whole_articles_in_batches(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each store write holds whole articles, and the build has read no further than the
    batch it writes: memory does not grow with the corpus."""
    jsonl = tmp_path / "many.jsonl"
    lines = [f'{{"id": "a{i}", "text": "Officials in Kyiv said report {i} was filed."}}' for i in range(25)]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = 0

    def counting(*args: object, **kwargs: object) -> Iterator[Article]:
        nonlocal read
        for article in read_articles(*args, **kwargs):  # type: ignore[arg-type]
            read += 1
            yield article

    writes: list[tuple[int, int]] = []

    class Spy(MemoryStore):
        def add(self, quads: list[Quad]) -> int:  # type: ignore[override]
            writes.append((read, sum(1 for q in quads if str(q[1]).endswith("#sourceFile"))))
            return super().add(quads)

    module = import_module("kg.builder.build")
    monkeypatch.setattr(module, "read_articles", counting)
    monkeypatch.setattr(module, "open_store", lambda spec: Spy())
    report = build([jsonl], tmp_path, extractor=_Echo(), exports=False, batch_size=4)
    # the last write is the graphs derived across articles (stories), which name no source file
    assert writes == [(4 * n, 4) for n in range(1, 7)] + [(25, 1), (25, 0)]
    assert report.articles_added == report.articles_read == 25
    assert report.counts["articles"] == 25


def test_parallel_chunks_cover_the_items_in_order() -> None:
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []


def test_parallel_ordered_keeps_input_order_with_a_bounded_window() -> None:
    read = 0
    in_flight = 0
    most = 0
    lock = threading.Lock()

    def items() -> Iterator[int]:
        nonlocal read
        for i in range(50):
            read += 1
            yield i

    def work(chunk: list[int]) -> list[int]:
        nonlocal in_flight
        time.sleep(random.random() / 200)  # finish out of order
        with lock:
            in_flight -= 1
        return [x * 10 for x in chunk]

    with ThreadPoolExecutor(4) as pool:

        def submit(chunk: list[int]) -> Future[list[int]]:
            nonlocal in_flight, most
            with lock:
                in_flight += 1
                most = max(most, in_flight)
            return pool.submit(work, chunk)

        results = []
        for value in ordered(submit, items(), window=3, chunk_size=4):
            assert read <= (value // 10 // 4 + 3) * 4  # never more than the window read ahead
            results.append(value)
    assert results == [x * 10 for x in range(50)]
    assert most <= 3


def test_parallel_ordered_cancels_what_is_pending_when_a_chunk_fails() -> None:
    submitted: list[Future[list[int]]] = []

    def submit(chunk: list[int]) -> Future[list[int]]:
        future: Future[list[int]] = Future()
        if chunk[0] == 0:
            future.set_exception(RuntimeError("worker failed"))
        submitted.append(future)
        return future

    with pytest.raises(RuntimeError, match="worker failed"):
        list(ordered(submit, range(10), window=3, chunk_size=2))
    assert len(submitted) == 3
    assert all(f.cancelled() for f in submitted[1:])


def test_parallel_open_extraction_refuses_bad_arguments() -> None:
    stub = object()
    with pytest.raises(ValueError, match="at least 1"), open_extraction(workers=0):
        pass
    with pytest.raises(ValueError, match="in-process"), open_extraction(stub, workers=2):  # type: ignore[arg-type]
        pass
    with open_extraction(stub, workers=1) as extraction:  # type: ignore[arg-type]
        assert extraction is stub


def test_parallel_cli_rejects_zero_workers(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "seeds", "--workers", "0"])
    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_parallel_cli_hands_workers_and_dask_to_build(
    monkeypatch: pytest.MonkeyPatch, seeds_dir: Path
) -> None:
    seen: dict[str, object] = {}

    def fake_build(*args: object, **kwargs: object) -> None:
        seen.update(kwargs)
        raise ClusterError("stop here")

    monkeypatch.setattr(import_module("kg.cli.build"), "build", fake_build)
    assert main(["build", str(seeds_dir), "--workers", "3", "--dask", "local"]) == 1
    assert seen["workers"] == 3 and seen["dask"] == "local"
    assert seen["progress"] is None  # stderr is not a terminal here


def test_parallel_dask_missing_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    assert main(["build", str(seeds_dir), "--out", str(tmp_path), "--dask", "local"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "pip install 'conflictkg[dask]'" in err


def test_parallel_unreachable_scheduler_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed", reason="dask[distributed] is not installed: pip install '.[dask]'")
    import kg.builder.distributed

    monkeypatch.setattr(kg.builder.distributed, "CONNECT_TIMEOUT_S", 1)
    for address in ("tcp://127.0.0.1:9", "nonsense"):
        assert main(["build", str(seeds_dir), "--out", str(tmp_path), "--dask", address]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"error: cannot use the Dask scheduler at '{address}'"), err
        assert err.count("\n") == 1
    with pytest.raises(ClusterError):
        kg.builder.distributed.DaskExtraction("tcp://127.0.0.1:9")


@pytest.mark.slow
def test_parallel_pool_output_matches_one_process(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    corpus: Path,
    one_process: str,
    store_nquads: Callable[[Path], str],
) -> None:
    monkeypatch.setattr(kg.builder.parallel, "CHUNK_ARTICLES", 2)  # several chunks in flight, out of order
    report = build([corpus], tmp_path, workers=2, batch_size=5, exports=False)
    assert report.articles_added == GENERATED + 2
    assert store_nquads(tmp_path / "store") == one_process


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    distributed = pytest.importorskip(
        "distributed", reason="dask[distributed] is not installed: pip install '.[dask]'"
    )
    # dashboard_address=None still binds port 8787 (for /metrics) when it is free, and warns when
    # it is not (a cluster another process started: one of build_bench's rows, on the other
    # worker); ":0" takes a free port.
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_parallel_dask_output_matches_one_process(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    corpus: Path,
    one_process: str,
    dask_cluster: str,
    store_nquads: Callable[[Path], str],
) -> None:
    monkeypatch.setattr(kg.builder.parallel, "CHUNK_ARTICLES", 2)
    report = build([corpus], tmp_path, dask=dask_cluster, exports=False)
    assert report.articles_added == GENERATED + 2
    assert store_nquads(tmp_path / "store") == one_process
