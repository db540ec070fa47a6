"""Orchestration: a build streams articles through ingest, extract and the RDF mapping into a
store, in batches of whole articles, on one process, a pool of workers or a Dask cluster;
:mod:`kg.builder.remove` takes articles out again. The only layer that changes a store's content.

(Not ``kg/build/``: ``kg.build`` is the public build function.)
"""
