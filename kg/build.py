"""``kg build``: articles in, store updated, exports and the HTML view written.

Everything is extracted before the store is touched, and the store gets one atomic batch,
so a failure anywhere leaves the existing store as it was. An article already in the store
(same text, same IRI) is skipped and reported as such.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from rdflib import Dataset
from rdflib.query import ResultRow

from kg.export import write_exports
from kg.ingest import read_articles
from kg.mapping import Quad, article_iri, article_quads, entity_quads, gazetteer_quads
from kg.ontology import CKG, ONTOLOGY_GRAPH, load_ontology
from kg.pipeline import Extractor
from kg.store import open_store
from kg.viz import graph_view, write_graph_html

__all__ = ["BuildReport", "build", "graph_counts"]

log = logging.getLogger(__name__)


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


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    store: str | Path | None = None,
    strict: bool = False,
    extractor: Extractor | None = None,
    exports: bool = True,
) -> BuildReport:
    """Build the graph of ``inputs`` into the store and write exports to ``out_dir``.

    Args:
        inputs: folders, text/HTML files or JSONL files.
        out_dir: where exports, the HTML view and (by default) the store go.
        store: "memory" or a store folder; default ``out_dir / "store"``.
        strict: stop at the first unreadable article instead of skipping it.
        extractor: a loaded pipeline to reuse across builds.
        exports: write graph.* files and the HTML view.
    """
    started = time.perf_counter()
    articles = list(read_articles(inputs, strict=strict))
    quad_store = open_store(store if store is not None else out_dir / "store")
    try:
        present = {a.id for a in articles if quad_store.has_graph(article_iri(a.id))}
        new = [a for a in articles if a.id not in present]
        skipped = tuple(a.source for a in articles if a.id in present)
        for source in skipped:
            log.info("skipped %s: already in the store", source)
        extractor = extractor or Extractor()
        quads = list(_background_quads(extractor))
        for extracted in extractor.extract(new):
            quads.extend(article_quads(extracted))
            quads.extend(entity_quads(extracted.entities))
        new_quads = quad_store.add(quads)
        outputs = _write_outputs(quad_store.dataset, out_dir) if exports else {}
        counts, by_class = graph_counts(quad_store.dataset)
        return BuildReport(
            articles_read=len(articles),
            articles_added=len(new),
            articles_skipped=skipped,
            new_quads=new_quads,
            counts=counts,
            entities_by_class=by_class,
            seconds=time.perf_counter() - started,
            store=quad_store.location,
            outputs=outputs,
        )
    finally:
        quad_store.close()


def _background_quads(extractor: Extractor) -> Iterator[Quad]:
    """The ontology and gazetteer graphs; adding them again changes nothing."""
    for s, p, o in load_ontology():
        yield s, p, o, ONTOLOGY_GRAPH
    yield from gazetteer_quads(extractor.gazetteer)


def _write_outputs(dataset: Dataset, out_dir: Path) -> dict[str, Path]:
    outputs = write_exports(dataset, out_dir)
    nodes, edges = graph_view(dataset)
    outputs["html"] = write_graph_html(nodes, edges, out_dir / "graph.html", title="ConflictKG")
    return outputs


def graph_counts(dataset: Dataset) -> tuple[dict[str, int], dict[str, int]]:
    """Totals (articles, entities, mentions, claims, quads) and mentioned entities per class."""
    prefix = f"PREFIX ckg: <{CKG}>\n"
    totals = {
        "articles": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ckg:Article } }",
        "entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?m ckg:refersTo ?e } }",
        "mentions": "SELECT (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m a ckg:Mention } }",
        "claims": "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a ckg:Claim } }",
        "quads": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    }
    counts = {name: int(_rows(dataset, prefix + q)[0][0]) for name, q in totals.items()}
    by_class_query = prefix + (
        "SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) WHERE { "
        "{ SELECT DISTINCT ?e WHERE { GRAPH ?g { ?m ckg:refersTo ?e } } } "
        "GRAPH ?h { ?e a ?cls } FILTER(STRSTARTS(STR(?cls), STR(ckg:))) } GROUP BY ?cls"
    )
    by_class = {str(row[0]).removeprefix(str(CKG)): int(row[1]) for row in _rows(dataset, by_class_query)}
    return counts, dict(sorted(by_class.items()))


def _rows(dataset: Dataset, query: str) -> list[ResultRow]:
    """All rows of a SELECT, read to the end so no cursor keeps the store open."""
    return [cast(ResultRow, row) for row in dataset.query(query)]
