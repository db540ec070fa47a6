"""A remote SPARQL 1.1 endpoint (Query and Update protocols) as a store.

The store string names the endpoints, with ``sparql+`` before the scheme::

    sparql+http://HOST[:PORT][/QUERY-PATH][?update=UPDATE-PATH-OR-URL]
    sparql+https://...

- The query endpoint is ``http(s)://HOST:PORT/QUERY-PATH``.
- The update endpoint is ``update=``: a path on the same host, or a full ``http(s)://`` URL.
  Without it, a query path ending in ``/query`` gets ``/update`` in its place (Oxigraph,
  Fuseki's ``/DATASET/query``), and any other path is used for both (Fuseki's ``/DATASET``).
- With no path at all, Oxigraph server's ``/query`` and ``/update`` are meant.

Examples: ``sparql+http://127.0.0.1:7878`` (``oxigraph serve --location DIR``),
``sparql+http://localhost:3030/kg/query`` (Fuseki dataset ``kg``),
``sparql+http://localhost:7200/repositories/kg?update=/repositories/kg/statements`` (GraphDB).

Basic-auth credentials come only from the environment, ``KG_SPARQL_AUTH="user:password"``,
sent to both endpoints; a URL with ``user:password@`` in it is refused, so that secrets never
land in shell history, logs or build reports.

The store is the set of quads in the endpoint's *named* graphs: ``len``, ``dataset.quads()``
and the counts leave the default graph out (Virtuoso's default graph, and Fuseki's with
``unionDefaultGraph``, is the union of the named graphs, which would count everything twice).
SPARQL queries through :attr:`SparqlStore.dataset` go to the endpoint as written, and see what
the server's default dataset holds.

Writes are batches of ``INSERT DATA`` / ``DELETE DATA`` (at most :data:`BATCH_QUADS` quads a
request: remote stores pay per request, not per triple), sent graph by graph in the order the
graphs first appear, and a graph that fits in one request is never split. Each request is
atomic on the servers we know, but a call that needs several is not: if a later request fails,
the earlier ones stay applied (``capabilities.transactional`` is False). A graph is then either
whole or absent, so a caller that writes the shared graphs before the article graphs can rerun
a failed build: articles whose graph made it are skipped, the others are written. Every network
or HTTP failure becomes a one-line :class:`~kg.errors.StoreError` naming the endpoint and the
HTTP status.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any, NamedTuple, cast
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.export import oxigraph_copy
from kg.rdf.mapping import Quad
from kg.rdf.sparql import sparql_term
from kg.store.base import Capabilities

__all__ = ["AUTH_ENV", "BATCH_QUADS", "Endpoints", "SparqlStore", "basic_auth_header", "parse_store_url"]

log = logging.getLogger(__name__)

#: The environment variable that holds ``user:password`` for HTTP basic auth.
AUTH_ENV = "KG_SPARQL_AUTH"

#: Quads per INSERT DATA / DELETE DATA request.
BATCH_QUADS = 5000

#: Seconds to wait for one HTTP answer.
TIMEOUT_S = 300

_SCHEMES = {"sparql+http": "http", "sparql+https": "https"}
_OXIGRAPH_PATHS = ("/query", "/update")
#: SELECT/ASK answers as SPARQL JSON, CONSTRUCT/DESCRIBE as N-Triples; rdflib parses both.
_QUERY_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_DECLARED_PREFIX = re.compile(r"PREFIX\s+([\w.-]*):", re.IGNORECASE)


class Endpoints(NamedTuple):
    """The two URLs one store string names."""

    query: str
    update: str


def parse_store_url(spec: str) -> Endpoints:
    """The query and update endpoints named by a ``sparql+http(s)://`` store string.

    Raises:
        StoreError: another scheme, credentials in the URL, no host, or an unknown parameter.
    """
    parts = urlsplit(spec)
    scheme = _SCHEMES.get(parts.scheme.lower())
    if scheme is None:
        raise StoreError(f"{spec!r} is not a SPARQL store URL; write sparql+http://HOST:PORT/PATH")
    _refuse_credentials(parts.netloc, spec)
    if not parts.hostname:
        raise StoreError(f"{spec!r} names no host; write e.g. sparql+http://127.0.0.1:7878")
    if parts.fragment:
        raise StoreError(f"{spec!r}: a store URL takes no #fragment")
    params = _query_params(parts.query, spec)
    origin = f"{scheme}://{parts.netloc}"
    path = parts.path.rstrip("/")
    if not path:
        query_path, update_path = _OXIGRAPH_PATHS
    else:
        query_path = path
        update_path = path[: -len("query")] + "update" if path.endswith("/query") else path
    update = params.get("update", "")
    if update.startswith(("http://", "https://")):
        _refuse_credentials(urlsplit(update).netloc, spec)
        update_url = update
    elif update.startswith("/"):
        update_url = origin + update
    elif update:
        raise StoreError(f"{spec!r}: update={update!r} must be a path (/update) or an http(s):// URL")
    else:
        update_url = origin + update_path
    return Endpoints(urlunsplit((scheme, parts.netloc, query_path, "", "")), update_url)


def _refuse_credentials(netloc: str, spec: str) -> None:
    if "@" in netloc:
        raise StoreError(
            f"refusing a store URL with credentials in it ({spec.split('://')[0]}://...@...); "
            f'set {AUTH_ENV}="user:password" in the environment instead'
        )


def _query_params(query: str, spec: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in filter(None, query.split("&")):
        name, _, value = pair.partition("=")
        if name != "update":
            raise StoreError(f"{spec!r}: unknown parameter {name!r}; the only one is update=PATH-OR-URL")
        params[name] = unquote(value)
    return params


def basic_auth_header(credentials: str) -> str:
    """The ``Authorization`` header value for ``user:password``.

    Raises:
        StoreError: no colon, so no way to tell the user from the password.
    """
    user, sep, password = credentials.partition(":")
    if not sep or not user:
        raise StoreError(f'{AUTH_ENV} must be "user:password"')
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


class _Http:
    """POSTs to the two endpoints; every failure leaves as a one-line StoreError."""

    def __init__(self, endpoints: Endpoints, environ: Mapping[str, str]) -> None:
        self.endpoints = endpoints
        credentials = environ.get(AUTH_ENV, "")
        self.headers = {"Authorization": basic_auth_header(credentials)} if credentials else {}

    def query(self, sparql: str, default_graph: str | None = None) -> Result:
        """Run a query (any form) through the query endpoint; the parsed rdflib Result."""
        form = (
            {"query": sparql}
            if default_graph is None
            else {"query": sparql, "default-graph-uri": default_graph}
        )
        body, content_type = self._post(
            self.endpoints.query,
            urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": _QUERY_ACCEPT},
        )
        try:
            return Result.parse(BytesIO(body), content_type=content_type)
        except Exception as exc:  # rdflib's parsers raise many unrelated types
            raise StoreError(
                f"SPARQL endpoint {self.endpoints.query} sent an unreadable {content_type} answer: {exc}"
            ) from exc

    def update(self, sparql: str) -> None:
        self._post(
            self.endpoints.update,
            sparql.encode(),
            {"Content-Type": "application/sparql-update; charset=UTF-8"},
        )

    def _post(self, url: str, data: bytes, headers: dict[str, str]) -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=data, headers={**headers, **self.headers}, method="POST")
        log.debug("POST %s (%d bytes)", url, len(data))
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
                return response.read(), content_type
        except urllib.error.HTTPError as exc:
            raise StoreError(_http_error_message(url, exc)) from exc
        except urllib.error.URLError as exc:
            raise StoreError(
                f"cannot reach the SPARQL endpoint {url}: {_one_line(exc.reason)}; is the server running?"
            ) from exc
        except OSError as exc:  # timeouts, resets mid-answer
            raise StoreError(f"SPARQL endpoint {url} failed: {_one_line(exc)}") from exc


def _http_error_message(url: str, exc: urllib.error.HTTPError) -> str:
    try:
        detail = _one_line(exc.read().decode("utf-8", "replace"))
    except OSError:
        detail = ""
    message = f"SPARQL endpoint {url} answered HTTP {exc.code} {exc.reason}"
    if detail:
        message += f": {detail}"
    if exc.code in (401, 403):
        message += f"; set {AUTH_ENV}=user:password for an account that may read and write"
    return message


def _one_line(text: object, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _sparql_term(node: Node) -> str:
    """A term in SPARQL syntax (literals always on one line); a blank node is refused."""
    if isinstance(node, BNode):
        raise StoreError(
            f"cannot write {node!r} to a SPARQL endpoint: only IRIs and literals travel intact "
            "(a blank node would get a new identity on every request)"
        )
    try:
        return sparql_term(node)
    except ValueError as exc:
        raise StoreError(f"cannot write to a SPARQL endpoint: {exc}") from exc


def _data_block(quads: Sequence[Quad]) -> str:
    """``GRAPH <g> { s p o . ... }`` blocks for INSERT DATA / DELETE DATA."""
    by_graph: dict[URIRef, list[str]] = defaultdict(list)
    for s, p, o, g in quads:
        by_graph[g].append(f"{_sparql_term(s)} {_sparql_term(p)} {_sparql_term(o)} .")
    return "\n".join(
        f"GRAPH {_sparql_term(g)} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()
    )


def _batches(quads: Sequence[Quad]) -> Iterator[list[Quad]]:
    """Requests of at most BATCH_QUADS quads, graph by graph in order of first appearance.

    A graph that fits in one request is never split over two, so a failed request cannot
    leave half of an article's graph behind for ``has_graph`` to mistake for all of it.
    """
    by_graph: dict[URIRef, list[Quad]] = defaultdict(list)
    for quad in quads:
        by_graph[quad[3]].append(quad)
    batch: list[Quad] = []
    for graph_quads in by_graph.values():
        if batch and len(batch) + len(graph_quads) > BATCH_QUADS:
            yield batch
            batch = []
        if len(graph_quads) > BATCH_QUADS:
            for start in range(0, len(graph_quads), BATCH_QUADS):
                yield graph_quads[start : start + BATCH_QUADS]
        else:
            batch.extend(graph_quads)
    if batch:
        yield batch


class _EndpointStore(SPARQLUpdateStore):
    """rdflib's SPARQL store, made to see named graphs the way a Dataset means them.

    rdflib sends its internal default-graph IRI as ``default-graph-uri`` with every query from a
    Dataset, which hides all named graphs from ``GRAPH ?g`` on a conforming server, and its
    ``triples`` without a graph reads only the default graph, so ``Dataset.quads()`` found
    nothing. Here a query goes as written, and ``triples`` without a graph reads every named
    graph. HTTP goes through :class:`_Http`, so failures are StoreErrors with the status.
    """

    def __init__(self, http: _Http) -> None:
        super().__init__(http.endpoints.query, http.endpoints.update, returnFormat="json")
        self._http = http
        self._graphs: dict[Node, Graph] = {}

    def _query(self, query: str, default_graph: str | None = None, **_: Any) -> Result:
        # rdflib names its own default graph on every Dataset query; sent as default-graph-uri it
        # would hide the named graphs. A named graph's own .query() keeps its graph.
        if default_graph in (DATASET_DEFAULT_GRAPH_ID, "__UNION__"):
            default_graph = None
        return self._http.query(query, default_graph)

    def _inject_prefixes(self, query: str, extra_bindings: Mapping[str, Any]) -> str:
        """The prefixes rdflib has bound that the query uses but does not declare (the memory
        store lets a query use them too), all on its first line, so that the server's error
        messages keep the query's own line numbers."""
        bindings = {**self.nsBindings, **extra_bindings}
        declared = set(_DECLARED_PREFIX.findall(query))
        needed = sorted(
            (prefix, ns)
            for prefix, ns in bindings.items()
            if prefix not in declared and re.search(rf"(?<![\w<.-]){re.escape(prefix)}:", query)
        )
        return "".join(f"PREFIX {prefix}: <{ns}> " for prefix, ns in needed) + query

    def _update(self, update: str) -> None:
        self._http.update(update)

    def triples(  # type: ignore[override]
        self, spo: tuple[Node | None, Node | None, Node | None], context: Graph | None = None
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        pattern = _pattern(spo)
        where = " ".join(t.n3() if isinstance(t, Variable) else _sparql_term(t) for t in pattern)
        graph = context.identifier if context is not None else None
        if graph is None:
            query = f"SELECT * WHERE {{ GRAPH ?g {{ {where} }} }}"
        elif graph == DATASET_DEFAULT_GRAPH_ID:
            query = f"SELECT * WHERE {{ {where} }}"
        else:
            query = f"SELECT * WHERE {{ GRAPH {_sparql_term(graph)} {{ {where} }} }}"
        for row in self._http.query(query):
            bound = row.asdict()  # type: ignore[union-attr]
            s, p, o = (bound[str(t)] if isinstance(t, Variable) else t for t in pattern)
            g: Node = bound["g"] if graph is None else graph
            yield (s, p, o), iter([self._graph(g)])

    def _graph(self, identifier: Node) -> Graph:
        if identifier not in self._graphs:
            self._graphs[identifier] = Graph(store=self, identifier=cast(URIRef, identifier))
        return self._graphs[identifier]

    def contexts(self, triple: Any = None) -> Iterator[Node]:  # type: ignore[override]
        pattern = _pattern(triple or (None, None, None))
        where = " ".join(t.n3() if isinstance(t, Variable) else _sparql_term(t) for t in pattern)
        result = self._http.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {where} }} }}")
        return (row.asdict()["g"] for row in result)  # type: ignore[union-attr]

    def __len__(self, context: Graph | None = None) -> int:
        graph = context.identifier if context is not None else None
        if graph is None:
            return _count(self._http, "GRAPH ?g { ?s ?p ?o }")
        if graph == DATASET_DEFAULT_GRAPH_ID:
            return _count(self._http, "?s ?p ?o")
        return _count(self._http, f"GRAPH {_sparql_term(graph)} {{ ?s ?p ?o }}")

    def add_graph(self, graph: Graph) -> None:
        """Nothing to do: on an endpoint a graph exists while it holds a quad."""

    def remove_graph(self, graph: Graph) -> None:
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID:
            self._http.update(f"DROP SILENT GRAPH {_sparql_term(graph.identifier)}")


def _pattern(spo: tuple[Node | None, Node | None, Node | None]) -> list[Node]:
    """The triple pattern with ?s ?p ?o where a term is left open."""
    names = (Variable("s"), Variable("p"), Variable("o"))
    return [term if term is not None else var for term, var in zip(spo, names, strict=True)]


def _count(http: _Http, pattern: str) -> int:
    rows = list(http.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"))
    return int(cast(Literal, rows[0][0])) if rows else 0  # type: ignore[index]


class SparqlStore:
    """Quads in the named graphs of a SPARQL 1.1 endpoint; see the module docstring."""

    capabilities = Capabilities(persistent=True, transactional=False)
    folder: Path | None = None  # the server's disk is not this machine's
    created = False  # the endpoint was there before

    def __init__(self, spec: str) -> None:
        self.location = spec
        self._http = _Http(parse_store_url(spec), os.environ)
        self._http.query("ASK {}")  # fail here, naming the endpoint, not halfway through a build
        self._dataset = Dataset(store=_EndpointStore(self._http))

    @property
    def dataset(self) -> Dataset:
        return self._dataset

    def oxigraph(self) -> ox.Store:
        return oxigraph_copy(self.dataset)

    def has_graph(self, name: URIRef) -> bool:
        return bool(self._http.query(f"ASK {{ GRAPH {_sparql_term(name)} {{ ?s ?p ?o }} }}").askAnswer)

    def add(self, quads: Sequence[Quad]) -> int:
        return self._write("INSERT", quads)

    def remove(self, quads: Sequence[Quad]) -> int:
        return -self._write("DELETE", quads)

    def _write(self, verb: str, quads: Sequence[Quad]) -> int:
        """Send the quads in batches; the change in size of the graphs they touch."""
        if not quads:
            return 0
        graphs = sorted({g for *_, g in quads})
        before = self._size(graphs)
        for n, batch in enumerate(_batches(quads), start=1):
            self._http.update(f"{verb} DATA {{\n{_data_block(batch)}\n}}")
            log.debug("%s DATA: request %d, %d quads", verb, n, len(batch))
        return self._size(graphs) - before

    def _size(self, graphs: Iterable[URIRef]) -> int:
        values = " ".join(_sparql_term(g) for g in graphs)
        return _count(self._http, f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}")

    def __len__(self) -> int:
        return _count(self._http, "GRAPH ?g { ?s ?p ?o }")

    def close(self) -> None:
        """Nothing to release: every request is its own HTTP connection."""

    def refresh(self) -> bool:
        """Every request reads the endpoint as it is now: there is no view to move on."""
        return False

    def generation(self) -> None:
        """No generation is kept here: nothing is derived from this store."""
        return None

    @property
    def native(self) -> None:
        return None
