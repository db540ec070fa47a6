"""``kg build``: articles in, store updated, exports and the HTML view written.

The build streams: articles are read lazily, extracted (in this process, on a pool of
processes, or on a Dask cluster: :mod:`kg.builder.parallel`), and written to the store in batches of
whole articles, so memory depends on the batch, not on the corpus. Each batch is one
``store.add``: the entity descriptions first, the article graphs last.

What a failure means: every batch written before it stays, and nothing of the batch in
progress is written (``add`` is atomic on the transactional stores; on a remote endpoint an
article graph is written whole, after the entities it needs). So a build that fails or is
killed leaves whole articles only; running it again skips the articles already in the store
(same text, same IRI) and adds the rest, and a failure before the first batch is written
leaves the store as it was. An unreadable file among good ones is skipped with a warning
(``strict=True`` stops instead).

Once the articles are in, the graphs derived across articles (stories of copied texts, assertions
of one claimant's figure) are recomputed from the store and the difference written
(:mod:`kg.builder.across`); a build cut short there leaves them to the next build to complete.

The exports and the HTML view are written after the store, as one set of whole files
(:func:`kg.rdf.export.write_files`): a build that fails or is killed there leaves the old files.
The output folder is checked before any work, so a read-only one stops the build at once.
"""

from __future__ import annotations

import gc
import logging
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.term import Node

from kg.builder.across import refresh
from kg.builder.parallel import chunks, open_extraction
from kg.builder.stories import OutletFinder, article_story_quads
from kg.errors import ExportError
from kg.extract.gazetteer import Gazetteer
from kg.extract.pipeline import ArticleExtractor
from kg.files import Writer
from kg.ingest.read import JSONL_SUFFIXES, article_files, read_articles
from kg.model import Article, ExtractedArticle
from kg.rdf.export import check_output_folder, export_files, write_files
from kg.rdf.mapping import Quad, article_iri, article_quads, entity_quads, gazetteer_quads
from kg.rdf.ontology import CKG, ONTOLOGY_GRAPH, RDF, load_ontology
from kg.read.figure_table import TableUpkeep
from kg.render.views import whole_view
from kg.render.viz import view_html
from kg.store import QuadStore, check_store_target, close_after_failure, open_store

__all__ = ["BATCH_ARTICLES", "BuildReport", "ProgressCallback", "build", "graph_counts", "write_outputs"]

log = logging.getLogger(__name__)

#: Articles per store write: about 80,000 quads for news-length articles, big enough that a
#: remote store pays few requests, small enough that a batch fits easily in memory.
BATCH_ARTICLES = 64

#: Told ``(articles done, total)`` as the build goes; the total is None when the input has
#: JSONL files (counting their lines would mean reading them twice).
ProgressCallback = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the summary line and for tests."""

    articles_read: int
    articles_added: int
    articles_skipped: tuple[str, ...]
    new_quads: int
    counts: dict[str, int]
    entities_by_class: dict[str, int]
    seconds: float
    store: str
    outputs: dict[str, Path] = field(default_factory=dict)


@dataclass(slots=True)
class _Tally:
    """Running counts of a build, passed on to the progress callback as articles finish."""

    total: int | None
    progress: ProgressCallback | None
    read: int = 0
    done: int = 0  # skipped or extracted
    added: int = 0  # written to the store
    new_quads: int = 0
    skipped: list[str] = field(default_factory=list)

    def tick(self) -> None:
        self.done += 1
        self.report()

    def report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        """The real total: duplicates and unreadable files made the count of files too high."""
        if self.progress is not None:
            self.progress(self.read, self.read)


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    store: str | Path | None = None,
    strict: bool = False,
    extractor: ArticleExtractor | None = None,
    exports: bool = True,
    workers: int | None = None,
    dask: str | None = None,
    batch_size: int = BATCH_ARTICLES,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Build the graph of ``inputs`` into the store and write exports to ``out_dir``.

    The output does not depend on ``workers``, ``dask`` or ``batch_size``: the same input
    gives the same quads.

    Args:
        inputs: folders, text/HTML files or JSONL files.
        out_dir: where exports, the HTML view and (by default) the store go.
        store: "memory", a store folder or a ``sparql+http://`` endpoint; default ``out_dir / "store"``.
        strict: stop at the first unreadable article instead of skipping it.
        extractor: a loaded pipeline (or any :class:`~kg.extract.pipeline.ArticleExtractor`) to reuse
            across in-process builds; not with ``workers`` > 1 or ``dask``.
        exports: write graph.* files and the HTML view.
        workers: extraction processes on this machine (default 1: in this process); with
            ``dask="local"``, the size of the local cluster (default: one per core).
        dask: a Dask scheduler address (``tcp://HOST:PORT``) to extract on, or "local".
        batch_size: articles per store write; a failure loses at most the batch in progress.
        progress: called with (articles done, total or None) as articles finish.

    Raises:
        InputError: the inputs are unusable (see :func:`kg.ingest.read.read_articles`).
        ClusterError: ``dask`` names no usable cluster, or the extra is not installed.
        StoreError: the store cannot be opened or written.
        ExportError: ``out_dir`` cannot take files (checked first), or an export cannot be
            written (the store holds the new articles then).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    files = article_files(inputs)
    check_store_target(store if store is not None else out_dir / "store", create=True)
    if exports:
        check_output_folder(out_dir)
    total = None if any(f.suffix.lower() in JSONL_SUFFIXES for f in files) else len(files)
    tally = _Tally(total, progress)
    tally.report()  # the total, while the model loads
    spec = store if store is not None else out_dir / "store"
    with TableUpkeep(spec) as table:
        with _build_store(spec) as quad_store:
            with open_extraction(extractor, workers=workers, dask=dask) as extraction:
                articles = read_articles(inputs, strict=strict)
                _stream(articles, extraction, quad_store, batch_size, tally, table)
            tally.new_quads += refresh(quad_store).added
            table.finish(quad_store)
            tally.finish()
            outputs = write_outputs(quad_store, out_dir) if exports else {}
            counts, by_class = graph_counts(quad_store)
            location = quad_store.location
        table.stamp()
    return BuildReport(
        articles_read=tally.read,
        articles_added=tally.added,
        articles_skipped=tuple(tally.skipped),
        new_quads=tally.new_quads,
        counts=counts,
        entities_by_class=by_class,
        seconds=time.perf_counter() - started,
        store=location,
        outputs=outputs,
    )


@contextmanager
def _build_store(spec: str | Path) -> Iterator[QuadStore]:
    """The store, closed afterwards. A store folder this build created is removed again if
    the build fails before writing to it: a failed first build leaves no empty store behind."""
    quad_store = open_store(spec)
    folder = quad_store.folder if quad_store.created else None
    try:
        yield quad_store
    except BaseException:
        unused = folder is not None and len(quad_store) == 0
        close_after_failure(quad_store)
        if unused and folder is not None:
            shutil.rmtree(folder)
        raise
    quad_store.close()


def _stream(
    articles: Iterable[Article],
    extraction: ArticleExtractor,
    store: QuadStore,
    batch_size: int,
    tally: _Tally,
    table: TableUpkeep,
) -> None:
    """Extract the articles not in the store yet and write them, one ``store.add`` per batch
    of whole articles, their article graphs last: where a store writes in several requests (a
    remote endpoint), a build cut short leaves no article graph without its entities, and a
    rerun skips exactly the articles that made it. The background graphs go with the first
    batch, or alone when no article is new."""
    background = list(_background_quads(extraction.gazetteer))
    outlets = OutletFinder(extraction.gazetteer)
    extracted = _counted(extraction.extract(_unseen(articles, store, tally)), tally)
    with _collector_sparing() as spare_what_is_built:
        for batch in chunks(extracted, batch_size):
            quads = background + [q for record in batch for q in entity_quads(record.entities)]
            quads += [q for record in batch for q in article_quads(record)]
            quads += [q for record in batch for q in article_story_quads(record.article, outlets)]
            tally.new_quads += store.add(quads)
            table.written(store, [str(article_iri(record.article.id)) for record in batch])
            tally.added += len(batch)
            background = []
            spare_what_is_built()
    if background:
        tally.new_quads += store.add(background)


@contextmanager
def _collector_sparing() -> Iterator[Callable[[], None]]:
    """A function that takes everything made so far out of Python's full collections.

    A full collection walks every tracked object, and neither the loaded model nor rdflib's
    memory store holds garbage: calling the function (``gc.freeze``) after each batch leaves
    the collector the batch in progress (full collections were 4 % of a memory-store build).
    Everything is unfrozen at the end. A caller that froze objects itself keeps its own
    arrangement: the function does nothing then.
    """
    if gc.get_freeze_count():
        yield lambda: None
        return
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _unseen(articles: Iterable[Article], store: QuadStore, tally: _Tally) -> Iterator[Article]:
    """The articles not in the store yet; the others are counted as skipped."""
    for article in articles:
        tally.read += 1
        if store.has_graph(article_iri(article.id)):
            log.info("skipped %s: already in the store", article.source)
            tally.skipped.append(article.source)
            tally.tick()
        else:
            yield article


def _counted(extracted: Iterable[ExtractedArticle], tally: _Tally) -> Iterator[ExtractedArticle]:
    """Progress moves as records come out of extraction, not only when a batch is written."""
    for record in extracted:
        tally.tick()
        yield record


def _background_quads(gazetteer: Gazetteer) -> Iterator[Quad]:
    """The ontology and gazetteer graphs; adding them again changes nothing."""
    for s, p, o in load_ontology():
        yield s, p, o, ONTOLOGY_GRAPH
    yield from gazetteer_quads(gazetteer)


def write_outputs(store: QuadStore, out_dir: Path) -> dict[str, Path]:
    """Every export format (streamed from Oxigraph) and the HTML view of ``store`` in
    ``out_dir``, all or none.

    Raises:
        ExportError: a file cannot be written; the old files are left as they were.
    """
    files = export_files(store.oxigraph(), out_dir)
    files["html"] = (out_dir / "graph.html", _view_writer(store.dataset))
    try:
        write_files(dict(files.values()))
    except ExportError as exc:
        raise ExportError(f"{exc}; the store itself is up to date") from exc
    return {name: path for name, (path, _) in files.items()}


def _view_writer(dataset: Dataset) -> Writer:
    """Writes the HTML view into the temporary file it is given; an I/O failure goes on as the
    ``OSError`` it is, for the message to name the real file rather than the temporary one."""
    return lambda tmp: tmp.write_text(view_html(whole_view(dataset)), encoding="utf-8")


def graph_counts(store: QuadStore) -> tuple[dict[str, int], dict[str, int]]:
    """Totals (articles, entities, mentions, claims, quads) and mentioned entities per class.

    Reads only the ``rdf:type`` and ``ckg:refersTo`` quads, which every store indexes by
    predicate, and takes the total from the store's own count: on rdflib's memory store this is
    two orders of magnitude faster than the equivalent SPARQL aggregates with GRAPH patterns,
    and several times faster than one pass over every quad.
    """
    counted: dict[Node, str] = {CKG.Article: "articles", CKG.Mention: "mentions", CKG.Claim: "claims"}
    counts = dict.fromkeys(("articles", "entities", "mentions", "claims"), 0)
    classes: dict[Node, set[str]] = defaultdict(set)
    for s, _, o, _ in store.dataset.quads((None, RDF.type, None, None)):
        if o in counted:
            counts[counted[o]] += 1
        elif isinstance(o, URIRef) and o.startswith(CKG):
            classes[s].add(o.removeprefix(CKG))
    mentioned = {o for _, _, o, _ in store.dataset.quads((None, CKG.refersTo, None, None))}
    counts["entities"] = len(mentioned)
    counts["quads"] = len(store)
    by_class = Counter(cls for entity in mentioned for cls in classes.get(entity, ()))
    return counts, dict(sorted(by_class.items()))
