"""ConflictKG: knowledge graphs of actors, places and claims from conflict news.

The public surface is what ``__all__`` lists; everything else may change between versions.
"""

from __future__ import annotations

import logging

from kg.builder.build import BuildReport, build
from kg.errors import (
    BackendUnavailableError,
    ClusterError,
    ExportError,
    InputError,
    KGError,
    ModelError,
    OntologyError,
    QueryError,
    ReadOnlyStoreError,
    StoreError,
)
from kg.extract.pipeline import Extractor
from kg.ingest.read import read_articles
from kg.model import Article, Entity, ExtractedArticle, Mention, Relation, Zone
from kg.rdf.export import read_graph_file, sorted_nquads, write_exports
from kg.rdf.ontology import validate
from kg.store import open_store

__all__ = [
    "Article",
    "BackendUnavailableError",
    "BuildReport",
    "ClusterError",
    "Entity",
    "ExportError",
    "ExtractedArticle",
    "Extractor",
    "InputError",
    "KGError",
    "Mention",
    "ModelError",
    "OntologyError",
    "QueryError",
    "ReadOnlyStoreError",
    "Relation",
    "StoreError",
    "Zone",
    "build",
    "open_store",
    "read_articles",
    "read_graph_file",
    "sorted_nquads",
    "validate",
    "write_exports",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
