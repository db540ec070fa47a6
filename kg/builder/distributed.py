"""Extraction on a Dask ``distributed`` cluster: ``kg build --dask ADDRESS`` or ``--dask local``.

Workers run :func:`kg.builder.parallel.extract_chunk` on chunks of articles and send back the records;
this process (the client) reads the input, maps the records to quads and writes the store, as
a local build does, so the output is the same quads. Workers need ConflictKG and its model
installed, and each loads the pipeline once, at its first chunk. Give them one thread each
(``dask worker ADDRESS --nthreads 1``): a worker extracts one chunk at a time whatever its
thread count, because the pipeline is not shared between threads.

``dask[distributed]`` is an optional dependency (``pip install 'conflictkg[dask]'``); it is
imported only here, and only when a build asks for a cluster.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from kg.builder.parallel import CHUNKS_PER_WORKER, Pending, extract_chunk, ordered
from kg.errors import ClusterError
from kg.extract.nlp import shared_gazetteer
from kg.model import Article, ExtractedArticle

__all__ = ["CONNECT_TIMEOUT_S", "LOCAL", "DaskExtraction"]

log = logging.getLogger(__name__)

#: The ``--dask`` value that starts a cluster on this machine instead of joining one.
LOCAL = "local"

#: Seconds to wait for the scheduler before giving up with a one-line error.
CONNECT_TIMEOUT_S = 10


class DaskExtraction:
    """An :class:`~kg.extract.pipeline.ArticleExtractor` whose chunks run on Dask workers."""

    def __init__(self, address: str, workers: int | None = None) -> None:
        """Join the scheduler at ``address``, or start a local cluster of ``workers`` processes
        (default: one per core) for ``"local"``; ``workers`` is ignored for an address."""
        distributed = _distributed()
        self.gazetteer = shared_gazetteer()
        self._cluster: Any = None
        if workers is not None and address != LOCAL:
            log.warning("workers=%d ignored: the cluster at %s has its own workers", workers, address)
        try:
            if address == LOCAL:
                self._cluster = distributed.LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    processes=True,
                    threads_per_worker=1,
                    # a free port: None still binds 8787 when free and warns when another has it
                    dashboard_address=":0",
                )
                self._client: Any = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError) as exc:
            self.close()
            raise ClusterError(
                f"cannot use the Dask scheduler at {address!r}: {exc}; start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, "
                "give its tcp://HOST:PORT address, or use --dask local"
            ) from exc

    def extract(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle]:
        threads = sum(self._client.nthreads().values()) or 1

        def submit(chunk: list[Article]) -> Pending[list[ExtractedArticle]]:
            future: Pending[list[ExtractedArticle]] = self._client.submit(extract_chunk, chunk, pure=False)
            return future

        return ordered(submit, articles, window=CHUNKS_PER_WORKER * threads)

    def close(self) -> None:
        for part in (getattr(self, "_client", None), self._cluster):
            if part is not None:
                part.close()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(
            "a Dask build needs the dask extra: pip install 'conflictkg[dask]'; "
            "or build without --dask (use --workers N for several processes on this machine)"
        ) from exc
    return distributed
