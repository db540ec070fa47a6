"""Extraction spread over worker processes: ``kg build --workers N`` (and ``--dask``).

Articles go out in chunks; a worker builds the spaCy pipeline and the gazetteer once, at its
first chunk, and sends back one :class:`~kg.model.ExtractedArticle` per article (frozen
dataclasses of strings and ints: cheap to pickle, no spaCy or rdflib types). The client maps
the records to quads and writes the store exactly as an in-process build does. Records, not
N-Quads text: pickled, they are about a fifth of the size of the article's N-Quads, and the
store takes rdflib terms, which rdflib would parse from text at only ~27k triples/s.

Results come back in input order, and at most a window of chunks is in flight, so a build
holds a bounded number of articles however long the input is.

The output does not depend on the number of workers: extraction and entity resolution look at
one article at a time (an entity's key comes from its name and the gazetteer, never from
other articles: see :mod:`kg.extract.resolve`), IRIs derive from content, and the store is a set of
quads. Which worker saw an article, or when, cannot change a quad.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Protocol, TypeVar

from kg.extract.nlp import shared_gazetteer
from kg.extract.pipeline import ArticleExtractor, Extractor
from kg.model import Article, ExtractedArticle

if TYPE_CHECKING:
    from kg.builder.distributed import DaskExtraction

__all__ = ["CHUNK_ARTICLES", "ProcessPoolExtraction", "chunks", "extract_chunk", "open_extraction", "ordered"]

#: Articles per task sent to a worker: enough to amortise the round trip and fill an
#: ``nlp.pipe`` batch, few enough that the workers finish together at the end of a build.
CHUNK_ARTICLES = 8

#: Chunks in flight per worker: one being extracted, one waiting, so no worker idles while
#: the client writes to the store.
CHUNKS_PER_WORKER = 2

T = TypeVar("T")
R = TypeVar("R")
T_co = TypeVar("T_co", covariant=True)


class Pending(Protocol[T_co]):
    """A task's result to come: a ``concurrent.futures`` or a Dask future."""

    def result(self) -> T_co: ...

    def cancel(self) -> object: ...


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered(
    submit: Callable[[list[T]], Pending[list[R]]],
    items: Iterable[T],
    *,
    window: int,
    chunk_size: int | None = None,
) -> Iterator[R]:
    """Submit chunks of ``items`` and yield the results in input order, with at most
    ``window`` chunks submitted and not yet yielded; items are read only as chunks go out.
    """
    pending: deque[Pending[list[R]]] = deque()
    try:
        for chunk in chunks(items, chunk_size or CHUNK_ARTICLES):
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # a failure or an early stop: drop the work nobody will read
        for task in pending:
            task.cancel()


@lru_cache(maxsize=1)
def _worker_extractor() -> Extractor:
    return Extractor()


#: A worker that runs tasks in several threads still extracts one chunk at a time: the
#: pipeline is not shared between threads.
_EXTRACTING = threading.Lock()


def extract_chunk(articles: list[Article]) -> list[ExtractedArticle]:
    """The task a worker runs; the pipeline is built at its first call and kept."""
    with _EXTRACTING:
        return list(_worker_extractor().extract(articles))


def _ignore_interrupts() -> None:
    """Ctrl-C is the client's to handle: it stops the pool, and workers print no tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessPoolExtraction:
    """An :class:`~kg.extract.pipeline.ArticleExtractor` over a pool of processes on this machine.

    Workers are spawned, not forked: a fork would copy the client's threads (the store's, the
    progress display's) in whatever state they were in.
    """

    def __init__(self, workers: int) -> None:
        self.gazetteer = shared_gazetteer()
        self._workers = workers
        self._pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts
        )

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        def submit(chunk: list[Article]) -> Pending[list[ExtractedArticle]]:
            return self._pool.submit(extract_chunk, chunk)

        return ordered(submit, articles, window=CHUNKS_PER_WORKER * self._workers)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def open_extraction(
    extractor: ArticleExtractor | None = None, *, workers: int | None = None, dask: str | None = None
) -> Iterator[ArticleExtractor]:
    """The extraction a build asked for, stopped (pool, cluster) when the build ends.

    Args:
        extractor: an in-process extractor to reuse; not with ``workers`` > 1 or ``dask``,
            whose workers load their own pipeline.
        workers: processes; for ``dask="local"`` the local cluster's size (default: one per
            core), otherwise a pool on this machine when more than 1.
        dask: a Dask scheduler address, or "local" for a cluster on this machine.
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if extractor is not None and (dask is not None or (workers or 1) > 1):
        raise ValueError(
            "extractor= is for in-process builds; with workers or dask each worker loads its own"
        )
    if dask is None and (workers or 1) == 1:
        yield extractor or Extractor()
        return
    engine: ProcessPoolExtraction | DaskExtraction
    if dask is not None:
        from kg.builder.distributed import DaskExtraction

        engine = DaskExtraction(dask, workers)
    else:
        engine = ProcessPoolExtraction(workers or 1)
    try:
        yield engine
    finally:
        engine.close()
