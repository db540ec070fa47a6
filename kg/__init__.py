"""ConflictKG: knowledge graphs of actors, places and claims from conflict news.

The public surface is what ``__all__`` lists; everything else may change between versions.
Names are imported on first use (PEP 562), so ``import kg`` loads no spaCy, rdflib or
pyoxigraph: ``kg.build`` loads the model when it is first called for, ``kg.KGError`` does not.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from kg.errors import (
    ClusterError,
    ExportError,
    InputError,
    KGError,
    ModelError,
    OntologyError,
    QueryError,
    StoreError,
)
from kg.model import Article, Entity, ExtractedArticle, Mention, Relation, Zone

if TYPE_CHECKING:
    from kg.builder.build import BuildReport, build
    from kg.extract.pipeline import Extractor
    from kg.ingest.read import read_articles
    from kg.rdf.export import read_graph_file, sorted_nquads, write_exports
    from kg.rdf.ontology import validate
    from kg.store import open_store

__all__ = [
    "Article",
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

#: The module of each public name that is imported on first use.
_LAZY = {
    "BuildReport": "kg.builder.build",
    "build": "kg.builder.build",
    "Extractor": "kg.extract.pipeline",
    "read_articles": "kg.ingest.read",
    "read_graph_file": "kg.rdf.export",
    "sorted_nquads": "kg.rdf.export",
    "write_exports": "kg.rdf.export",
    "validate": "kg.rdf.ontology",
    "open_store": "kg.store",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


logging.getLogger(__name__).addHandler(logging.NullHandler())
