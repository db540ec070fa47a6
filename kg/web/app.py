"""The ASGI application of ``kg serve``: routes, shared state, and the request rules.

:func:`create_app` wires the SPARQL Protocol (:mod:`kg.web.sparql`) and the pages
(:mod:`kg.read.facts`, :mod:`kg.read.search`, :mod:`kg.web.pages`) to Starlette. Every handler
that touches the store runs its work through :meth:`_State.run`: on a worker thread, under the
readers-writer lock, for ``timeout`` seconds at most (:mod:`kg.web.jobs`). Starlette is imported
here only, when an app is made; :mod:`kg.web.serve` explains the choice of framework.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from rdflib import Dataset

from kg.store import QuadStore
from kg.web import ProtocolError
from kg.web.jobs import JobRunner, ReadWriteLock, busy
from kg.web.keywords import forbidden_keyword, query_form
from kg.web.sparql import MAX_RESULT_BYTES, MAX_ROWS, Cancelled

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["GRAPH_PAGE_CSP", "LOOPBACK_NAMES", "SECURITY_HEADERS", "ServeSettings", "create_app"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
#: Sent with every response, errors included: no response runs a script or fetches anything (the
#: graph page alone may run its own inline scripts, :data:`GRAPH_PAGE_CSP`), none is read as
#: another type than it says, shown in another site's frame or read by another site's page, and
#: following a link out of a page does not tell the other site what was searched.
SECURITY_HEADERS = (
    ("Content-Security-Policy", _CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
#: The graph page's policy: vis-network and the view's own code are inline scripts. Everything the
#: page shows from the data is escaped in Python (:mod:`kg.render.viz`), which this policy relies on.
GRAPH_PAGE_CSP = f"{_CSP}; script-src 'unsafe-inline'"


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How the server treats requests.

    Attributes:
        allow_update: Accept SPARQL Update (refused with 403 otherwise).
        timeout: Seconds a request waits for its query (and for a free worker) before answering 503.
        max_request_bytes: Largest request body (or GET query string) accepted.
        max_rows: Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a result may hold; a larger
            one is refused with 422, never cut short.
        max_result_bytes: Largest result body sent; a larger one is refused with 422.
        max_running: Queries that may run at once, counting abandoned ones still running.
    """

    allow_update: bool = False
    timeout: float = 30.0
    max_request_bytes: int = 1_048_576
    max_rows: int = MAX_ROWS
    max_result_bytes: int = MAX_RESULT_BYTES
    max_running: int = 4


class _State:
    """What the handlers share: the store, its lock, the workers, and the cached graph page."""

    def __init__(self, store: QuadStore, settings: ServeSettings) -> None:
        self.store = store
        self.settings = settings
        self.lock = ReadWriteLock()
        self.runner = JobRunner(settings.max_running)
        self.generation = 0  # bumped by every update and refresh, so cached pages are rebuilt
        self._graph_page: tuple[int, str] | None = None
        self._union: tuple[Dataset, Dataset] | None = None
        self._refreshing = threading.Lock()

    @property
    def union(self) -> Dataset:
        """The store's current view, with the union of all graphs as the default graph."""
        dataset, cached = self.store.dataset, self._union
        if cached is None or cached[0] is not dataset:
            cached = self._union = (dataset, Dataset(store=dataset.store, default_union=True))
        return cached[1]

    def refresh(self) -> None:
        """Serve what a build wrote into the store since the last request (a read-only store
        folder's view moves on; other stores are always current)."""
        if self.store.refresh():
            with self._refreshing:
                self.generation += 1

    async def run(
        self,
        work: Callable[[threading.Event], T],
        *,
        what: str,
        write: bool = False,
        check: Callable[[], None] | None = None,
    ) -> T:
        """``work(cancel)`` on a worker thread holding the lock; waits ``timeout`` at most, for a
        free worker and the work together.

        Args:
            work: What to do with the store.
            what: Names the work in the 503 message.
            write: Hold the lock alone (an update).
            check: Run first on the worker, before the lock is taken: reading a large request's
                text takes long enough that it should neither stall the event loop nor hold the store.

        Raises:
            ProtocolError: 503 when time ran out; whatever ``check`` or ``work`` raised.
        """
        timeout = self.settings.timeout
        deadline = time.monotonic() + timeout
        hold = self.lock.writing if write else self.lock.reading

        locked = threading.Event()

        def job(cancel: threading.Event) -> T:
            if check is not None:
                check()
            self.refresh()
            with hold(deadline):
                locked.set()
                if cancel.is_set():  # the request gave up while this job waited for the lock
                    raise Cancelled
                return work(cancel)

        started = await self.runner.start(job, deadline)
        try:
            return await asyncio.wait_for(
                asyncio.wrap_future(started.future), max(deadline - time.monotonic(), 0.0)
            )
        except TimeoutError:
            started.cancel.set()
            if not locked.is_set():  # still waiting for the lock, which gives up at the same deadline
                raise busy(write=write) from None
            later = "may still be applied" if write else "may still run in the background"
            raise ProtocolError(
                503,
                f"the {what} did not finish within the {timeout:g} s limit (kg serve --timeout) and "
                f"was abandoned; it {later}. Narrow it (LIMIT, fewer joins) or raise the limit",
            ) from None

    def graph_page(self) -> str:
        """The graph view of the store as it is now (kept until the next update)."""
        from kg.render.views import whole_view
        from kg.web.pages import graph_page

        generation = self.generation  # stable: updates wait for the read lock this runs under
        cached = self._graph_page
        if cached is not None and cached[0] == generation:
            return cached[1]
        page = graph_page(whole_view(self.store.dataset))
        self._graph_page = (generation, page)
        return page

    def update(self, text: str) -> None:
        from kg.web.sparql import apply_update

        apply_update(self.store.dataset, text)
        self.generation += 1


def create_app(
    store: QuadStore, settings: ServeSettings | None = None, *, loopback_only: bool = False
) -> Starlette:
    """The ASGI application over an open store (which the caller closes).

    Args:
        store: The store to serve.
        settings: Limits and the update switch; the defaults when omitted.
        loopback_only: Answer only requests whose Host is a loopback name (set when listening
            on a loopback address, against DNS rebinding).
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from kg.read import facts, search
    from kg.read.entityassertions import entity_assertions
    from kg.web import pages, sparql

    state = _State(store, settings or ServeSettings())
    limit = state.settings.max_request_bytes

    def html(text: str, status: int = 200) -> Response:
        return HTMLResponse(text, status_code=status)

    def refused(exc: ProtocolError) -> Response:
        logger.info("%d: %s", exc.status, exc.message)
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)

    async def endpoint(request: Request) -> Response:
        try:
            return await answer(request)
        except ProtocolError as exc:
            return refused(exc)

    async def answer(request: Request) -> Response:
        accept = request.headers.get("accept")
        if request.method == "GET":
            if len(request.url.query.encode()) > limit:
                raise ProtocolError(414, f"the query string is over {limit} bytes; POST the query instead")
            body = b""
        else:
            body = await _read_body(request, limit)
        operation = sparql.read_operation(
            request.method, request.headers.get("content-type"), request.query_params.multi_items(), body
        )
        if operation is None:
            if "text/html" in (accept or ""):
                return html(
                    pages.sparql_form_page(
                        allow_update=state.settings.allow_update, timeout=state.settings.timeout
                    )
                )
            raise ProtocolError(400, "no query given; use GET /sparql?query=... or POST one")
        text = operation.text
        if operation.kind == "update":
            if not state.settings.allow_update:
                raise ProtocolError(
                    403, "this endpoint is read-only; start kg serve with --allow-update to accept updates"
                )
            _same_origin(request)
            await state.run(
                lambda cancel: state.update(text), what="update", write=True, check=lambda: _local_only(text)
            )
            return PlainTextResponse("update applied\n")

        def check_query() -> None:
            _local_only(text)
            form = query_form(text)
            if form is not None and sparql.negotiate(accept, sparql.FORMATS[form]) is None:
                raise sparql.not_acceptable(form, accept)

        settings = state.settings
        answer = await state.run(
            lambda cancel: sparql.answer_query(
                state.union,
                text,
                accept,
                cancel,
                default_graph=operation.default_graph,
                max_rows=settings.max_rows,
                max_bytes=settings.max_result_bytes,
            ),
            what="query",
            check=check_query,
        )
        return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})

    async def graph(request: Request) -> Response:
        try:
            page = await state.run(lambda cancel: state.graph_page(), what="graph page")
            return HTMLResponse(page, headers={"Content-Security-Policy": GRAPH_PAGE_CSP})
        except ProtocolError as exc:
            return html(pages.error_page(exc.status, exc.message), exc.status)

    async def entity(request: Request) -> Response:
        key = str(request.path_params["key"])
        try:
            found, (assertions, reports) = await state.run(
                lambda cancel: (
                    facts.entity_facts(store.dataset, key),
                    entity_assertions(store.dataset, key),
                ),
                what="entity page",
            )
        except ProtocolError as exc:
            return html(pages.error_page(exc.status, exc.message), exc.status)
        if found is None:
            return html(pages.error_page(404, f"no entity {key!r} in this store; try the search"), 404)
        return html(pages.entity_page(found, assertions, reports))

    async def search_page(request: Request) -> Response:
        text = request.query_params.get("q", "")[:200]
        try:
            hits = await state.run(lambda cancel: search.search(store.dataset, text), what="search")
        except ProtocolError as exc:
            return html(pages.error_page(exc.status, exc.message), exc.status)
        return html(pages.search_page(text, hits))

    middleware = [Middleware(_SecurityHeaders)]  # outermost: refusals by the middleware below get them too
    if loopback_only:
        middleware.append(
            Middleware(TrustedHostMiddleware, allowed_hosts=[*LOOPBACK_NAMES, "[::1]"], www_redirect=False)
        )
    return Starlette(
        routes=[
            Route("/", graph, methods=["GET"]),
            Route("/sparql", endpoint, methods=["GET", "POST"]),
            Route("/entity/{key:path}", entity, methods=["GET"]),
            Route("/search", search_page, methods=["GET"]),
        ],
        middleware=middleware,
    )


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise ProtocolError(400, f"Content-Length {declared!r} is not a number")
        if int(declared) > limit:
            raise ProtocolError(413, _too_large(f"{int(declared):,} bytes", limit))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, _too_large(f"over {limit:,} bytes", limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: str, limit: int) -> str:
    return f"the request body is {size}; this endpoint takes at most {limit:,} (kg serve --max-request-bytes)"


class _SecurityHeaders:
    """ASGI middleware that adds :data:`SECURITY_HEADERS` to every HTTP response (a header the
    response sets itself is kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from starlette.datastructures import MutableHeaders

        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _local_only(text: str) -> None:
    """Refuse an operation that could make the engine fetch a URL (see :mod:`kg.web.keywords`)."""
    keyword = forbidden_keyword(text)
    if keyword is not None:
        raise ProtocolError(
            403,
            f"{keyword} is disabled: this endpoint never fetches data from other servers (the word is "
            "refused anywhere but in strings, IRIs, comments, variables and local names)",
        )


def _same_origin(request: Request) -> None:
    """Refuse an update a browser sends on behalf of another site."""
    origin = request.headers.get("origin")
    if origin is None:  # not sent by a browser
        return
    if urlsplit(origin).netloc.lower() != (request.headers.get("host") or "").lower():
        raise ProtocolError(403, f"an update from another site ({origin}) is refused")
