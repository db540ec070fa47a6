"""The store over HTTP (``kg serve``), as a SPARQL 1.1 endpoint and as pages to click through.

Endpoints:

- ``/sparql``: the SPARQL 1.1 Protocol (``GET ?query=``, form POST, ``application/sparql-query``
  and, with ``--allow-update`` only, ``update=`` / ``application/sparql-update``); results by
  Accept header (see :mod:`kg.web.sparql`). The default graph is the union of all graphs, so
  generic clients see the data; ``GRAPH ?g`` still addresses each article's graph, and one
  ``default-graph-uri`` picks a single graph. (Oxigraph matches a triple that several graphs
  state once per graph in that union: use DISTINCT, or GRAPH, when counting.) A browser that
  asks ``/sparql`` for nothing gets a query form.
- ``/``: the graph view of :mod:`kg.render.viz` over the current store; ``/entity/{key}`` an entity's
  page; ``/search?q=`` entities by any of their names. All offline: no script or style is
  fetched, and a Content-Security-Policy tells the browser so.

Refusals are one line of ``text/plain`` (an HTML page for the HTML routes): 400 a malformed
request or query (with line and column where the engine gives them), 403 an update on a
read-only server or an operation that could fetch a URL (``SERVICE``, ``LOAD``; read the way
either engine might, see :mod:`kg.web.keywords`), 404 a path that is no page (nothing is ever
served from the file system), 406 no acceptable format, 413 a body over
``--max-request-bytes`` (414 a query string), 415 an unknown body type, 422 a result over
``--max-rows`` rows or triples or ``--max-result-bytes`` bytes (refused whole, never truncated:
a SPARQL client cannot tell a cut-short result from a complete one), 503 a query that did not
finish within ``--timeout``, counting the time it waited for one of the few query workers.
Every response carries the headers of :data:`kg.web.app.SECURITY_HEADERS`.

Time limits: every request that reads or writes the store runs on a worker thread
(:class:`kg.web.jobs.JobRunner`) under a readers-writer lock, because rdflib's Dataset must not
be written while it is read. At most four run at once; the others wait their turn rather than
being turned away. The request waits at most ``--timeout`` seconds, for a worker and for its
query together, and then answers 503. Neither rdflib nor pyoxigraph can interrupt a running
query: a SELECT stops at its next row, but any other query that has started runs on in the
background until it ends, holding one of the few worker slots (and, for an update, may still be applied).

Why Starlette and uvicorn: the endpoint needs async handlers (a request must be able to stop
waiting for a slow query), a request body read in chunks (to refuse large bodies before holding
them), and a real HTTP/1.1 server with keep-alive; ``http.server`` would leave all of that to us.
FastAPI adds request models and OpenAPI pages on top of Starlette; the SPARQL Protocol brings its
own parameters, and FastAPI's ``/docs`` would load Swagger UI from a CDN, which the offline rule
forbids. So: Starlette for routing, uvicorn to serve, both imported only when serving.

Safety on a laptop: the server listens on 127.0.0.1 by default and then answers only requests
addressed to a loopback name (against DNS rebinding); an update whose ``Origin`` is another site
is refused (a web page cannot post ``update=DROP ALL`` through the user's browser).
"""

from __future__ import annotations

import contextlib
import socket
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.store import existing_store
from kg.web.app import LOOPBACK_NAMES, ServeSettings, create_app

if TYPE_CHECKING:
    import uvicorn

__all__ = ["ServeError", "ServeSettings", "create_app", "serve"]


class ServeError(KGError):
    """The server cannot start: the port is taken, the address is not this machine's, ..."""


def serve(
    store_spec: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: ServeSettings | None = None,
    log_level: str = "warning",
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the store until interrupted (Ctrl-C or SIGTERM), then close it.

    Args:
        store_spec: "memory" (empty; useful with ``allow_update``), a store folder or a
            ``sparql+http://`` endpoint.
        host: Address to listen on; a loopback one also restricts the Host header.
        port: Port to listen on; 0 picks a free one (``on_ready`` receives the real URL).
        settings: Limits and the update switch.
        log_level: uvicorn's log level ("info" logs every request).
        on_ready: Called with the server's base URL once it is listening.

    Raises:
        StoreError: No store at ``store_spec``, or it cannot be opened.
        ServeError: The address cannot be listened on.
    """
    import rdflib.plugins.sparql
    import uvicorn

    # Never fetch FROM graphs that are not in the store (rdflib would download them), and keep
    # rdflib's own deprecation notices about its Dataset out of the server's log.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    warnings.filterwarnings("ignore", message=r"Dataset\.\w+ is deprecated", category=DeprecationWarning)
    settings = settings or ServeSettings()
    with existing_store(store_spec, read_only=not settings.allow_update) as store:
        listener = _listen(host, port)
        try:
            loopback = host in LOOPBACK_NAMES or host.startswith("127.")
            app = create_app(store, settings, loopback_only=loopback)
            bound = listener.getsockname()[1]
            url = f"http://{'[' + host + ']' if ':' in host else host}:{bound}/"
            if on_ready is not None:
                mode = "read-write" if settings.allow_update else "read-only"
                on_ready(
                    f"serving {url} ({store.location}, {len(store):,} quads, {mode}; SPARQL at {url}sparql)"
                )
            config = uvicorn.Config(
                app, log_level=log_level, lifespan="off", server_header=False, timeout_graceful_shutdown=3
            )
            _quiet_exit_server(uvicorn.Server)(config).run(sockets=[listener])
        finally:
            listener.close()


def _quiet_exit_server(base: type[uvicorn.Server]) -> type[uvicorn.Server]:
    """uvicorn's Server, except that it returns after a SIGINT or SIGTERM instead of raising the
    signal again once it has shut down (which would end the process before the store is closed)."""

    class Server(base):  # type: ignore[valid-type,misc]
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            with super().capture_signals():
                try:
                    yield
                finally:
                    self._captured_signals.clear()

    return Server


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        raise ServeError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; is another server using the port? "
            "choose another with --port (0 picks a free one)"
        ) from exc
