"""The exception tree of ConflictKG.

Every error the library raises on purpose derives from :class:`KGError`; the CLI catches that
one class, prints ``error: <message>`` and exits 1. A message says what happened, where (file,
article, query line) and how to fix it.

    KGError
    ├── InputError          an input path, file, metadata record or JSONL line is unusable
    ├── OntologyError       ontology/ or the gazetteer is missing or inconsistent
    ├── ModelError          no spaCy English model can be loaded
    ├── ClusterError        the Dask cluster for a distributed build is missing or unreachable
    ├── StoreError          the store cannot be opened, read or written
    ├── QueryError          a SPARQL query is malformed or failed
    └── ExportError         a serialisation could not be written
"""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "ExportError",
    "InputError",
    "KGError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "StoreError",
]


class KGError(Exception):
    """Root of every error ConflictKG raises on purpose."""


class InputError(KGError):
    """An input path, file, metadata record or JSONL line cannot be used."""


class OntologyError(KGError):
    """The ontology files or the gazetteer are missing or inconsistent."""


class ModelError(KGError):
    """No usable spaCy English model is installed."""


class ClusterError(KGError):
    """The Dask cluster a distributed build asked for cannot be used."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed to run."""


class ExportError(KGError):
    """An export could not be serialised or written."""
