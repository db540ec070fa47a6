"""`kg serve` as a client sees it: a real server process, real SPARQL clients, real HTTP.

Each server is ``python -m kg serve`` in a subprocess on a free port (``--port 0``; the URL is
read from the line it prints once listening). The seed tests serve a copy of the session's seed
store (what one test does to its store never reaches another); the update tests serve an empty
``memory`` store with ``--allow-update``. Nothing about the server is mocked.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result

from kg.read.facts import entity_iri
from kg.store import open_store
from kg.web import ProtocolError
from kg.web.app import SECURITY_HEADERS
from kg.web.jobs import JobRunner, ReadWriteLock
from kg.web.keywords import forbidden_keyword, query_form
from kg.web.sparql import FORMATS, negotiate, read_operation

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/conflict-kg/id/"
ENTITIES = f"<{ID}graph/entities>"  # the graph of entity descriptions
PREFIXES = (
    "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
    "PREFIX id: <https://w3id.org/conflict-kg/id/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
# A <script> or <link> that would fetch from the network.
REMOTE_ASSET = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE
)


@contextmanager
def running(log_dir: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``python -m kg serve --port 0 ARGS`` until the block ends; yields its base URL and process."""
    log = log_dir / "serve.log"
    with log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--port", "0", *args],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        yield _wait_until_listening(process, log), process
    finally:
        stop(process)


def _wait_until_listening(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"serving (http://\S+/) ", log.read_text())
        if found:
            url = found.group(1)
            if httpx.get(url + "sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200:
                return url
        if process.poll() is not None:
            pytest.fail(f"kg serve exited with {process.returncode}: {log.read_text()}")
        time.sleep(0.05)
    pytest.fail(f"kg serve did not start within 60 s: {log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM, as a service manager would; kill only if it does not stop in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


@pytest.fixture(scope="module")
def seed_url(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A read-only server over a copy of the seed store."""
    folder = tmp_path_factory.mktemp("serve-seeds")
    shutil.copytree(seed_store, folder / "store")
    with running(folder, "--store", str(folder / "store"), "--max-request-bytes", "65536") as (url, _):
        yield url


def select(url: str, query: str, accept: str = "application/sparql-results+json") -> httpx.Response:
    return httpx.get(
        url + "sparql", params={"query": PREFIXES + query}, headers={"Accept": accept}, timeout=30
    )


@contextmanager
def canary() -> Iterator[tuple[str, list[bytes]]]:
    """A listener on a free local port that records every connection: where a fetch would go."""
    hits: list[bytes] = []
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(0.05)
        done = threading.Event()

        def accept() -> None:
            while not done.is_set():
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    continue
                with connection:
                    hits.append(b"")
                    connection.settimeout(1)
                    with contextlib.suppress(OSError):
                        hits[-1] = connection.recv(200)

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{listener.getsockname()[1]}/", hits
        finally:
            done.set()
            thread.join(5)


# --- the protocol pieces, without a server ---------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/json", "application/sparql-results+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
        ("text/*", "text/csv; charset=utf-8"),
        ("text/tab-separated-values, */*;q=0.1", "text/tab-separated-values; charset=utf-8"),
        ("text/turtle", None),
        ("text/csv;q=0", None),
    ],
)
def test_serve_negotiate_picks_the_preferred_result_format(accept: str | None, expected: str | None) -> None:
    chosen = negotiate(accept, FORMATS["SELECT"])
    assert (chosen.media_type if chosen else None) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { ?s ?p ?o.SERVICE <http://x/> { ?a ?b ?c } }", "SERVICE"),
        (r"SELECT * { \u0053ERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("SELECT * { { SELECT ?s { SERVICE <http://x/> { ?s ?p ?o } } } }", "SERVICE"),
        ("INSERT { ?s ?p ?o } WHERE { OPTIONAL { SERVICE SILENT ?endpoint { ?s ?p ?o } } }", "SERVICE"),
        # Oxigraph reads keywords without a word boundary: "SERVICE SILENT <x>", "SERVICE ex:s",
        # "LOAD ex:x", and a prefix called service: can start "SERVICE :x { ... }".
        ("SELECT * { SERVICESILENT<http://x/>{ ?s ?p ?o } }", "SERVICE"),
        ("PREFIX ex: <http://x/> SELECT * { SERVICEex:s{ ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { ?s ?p trueSERVICE<http://x/>{ ?a ?b ?c } }", "SERVICE"),
        ("PREFIX ex: <http://x/> LOADex:x", "LOAD"),
        ("PREFIX service: <http://x/> SELECT * { service:x { ?s ?p ?o } }", "SERVICE"),
        # "<" is less-than to the parser here, so what looks like an IRI hides a keyword...
        ("PREFIX ex: <http://x/> SELECT * { FILTER(?a<2)SERVICE#x>\nex:s{ ?x ?y ?z } }", "SERVICE"),
        # ... or opens a string that seems to hide one when the "<" is read as an IRI's.
        ("SELECT * { BIND(1 AS ?a) FILTER(?a<1&&'>') SERVICE <http://x/> { ?x ?y ?z } } #'", "SERVICE"),
        # An escaped quote or hash in a local name starts no string or comment.
        (
            r"PREFIX ex: <http://x/> SELECT * { VALUES ?v { ex:a\' } SERVICE <http://x/> { ?s ?p ?o } } #'",
            "SERVICE",
        ),
        (
            r"PREFIX ex: <http://x/> SELECT * { VALUES ?v { ex:a\#b } SERVICE <http://x/> { ?s ?p ?o } }",
            "SERVICE",
        ),
        # In a string, \u0022 is a quote to Oxigraph and the end of the string to rdflib.
        (r'SELECT * { VALUES ?v { "\u0022" } SERVICE <http://x/> { ?s ?p ?o } } #"""', "SERVICE"),
        ('SELECT * { ?s ?p "National Intelligence Service" }', None),
        ("SELECT ?service { ?service ?p ?o }", None),
        ("PREFIX ex: <http://x/> SELECT * { ?s ex:loadFactor ex:SERVICE }", None),
        ("SELECT * { ?s ?p <http://example.org/SERVICE> } # SERVICE in a comment", None),
        ("SELECT (COUNT(*) AS ?n) { ?s ?p <http://example.org/SERVICE> FILTER(?s != <urn:x>) }", None),
        ("SELECT * { ?s ?p '''LOAD\nSERVICE''' }", None),
    ],
)
def test_serve_forbidden_keyword_reads_sparql_tokens(text: str, found: str | None) -> None:
    assert forbidden_keyword(text) == found


#: Pieces that make the engines and a naive reader disagree about where strings, IRIs, comments
#: and comparisons start and end; put before a SERVICE call, they try to hide it.
HIDING = [
    "FILTER(?a<1)", "FILTER(?a<1&&'>')", "FILTER(?a<2)", "<", ">", "'", '"', "#", "\n", "'''", '"""', ")",
    "(", "&&", "'>'", "VALUES ?v { ex:a\\' }", "VALUES ?v { :a\\# }", 'VALUES ?v { "\\u0022" }',
    "VALUES ?v { '\\u0027' }", "VALUES ?v { <x\\u003E> }", "VALUES ?v { <http://x/\\u0041#> }",
    "VALUES ?v { <a'> }", "VALUES ?v { <a#> }", ".", " ", "FILTER(", "?a", "1", "true", "<x>", "ex:a", "\\",
    "\\u0023",
]  # fmt: skip
CALLS = [
    "SERVICE <{c}s> ",
    "SERVICE<{c}s>",
    "SERVICE SILENT <{c}s> ",
    "SERVICESILENT<{c}s>",
    "SERVICEex:s",
    "service:s ",
]
ENDINGS = ["", " #", " #'", ' #"', " #'''", ' #"""', "'", '"', "'''", '"""', ">", ")", "\n"]


@pytest.fixture(scope="module")
def listening() -> Iterator[tuple[str, list[bytes]]]:
    """One canary for every example of a property test."""
    with canary() as found:
        yield found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hiding=st.lists(st.sampled_from(HIDING), min_size=1, max_size=5),
    call=st.sampled_from(CALLS),
    ending=st.sampled_from(ENDINGS),
)
def test_serve_forbidden_keyword_finds_every_call_an_engine_makes(
    listening: tuple[str, list[bytes]], hiding: list[str], call: str, ending: str
) -> None:
    """Whatever either engine connects for, the keyword reader refuses."""
    import pyoxigraph
    from rdflib import Dataset

    elsewhere, hits = listening
    before = len(hits)
    prologue = f"PREFIX ex: <{elsewhere}> PREFIX : <{elsewhere}> PREFIX service: <{elsewhere}> "
    body = "".join(hiding) + call.replace("{c}", elsewhere) + "{ ?s ?p ?o } }" + ending
    query = prologue + "SELECT * WHERE { VALUES ?a { 1 } " + body
    for run in (lambda: list(pyoxigraph.Store().query(query)), lambda: list(Dataset().query(query))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                run()
            except Exception:  # most of these are not valid SPARQL: only a connection matters
                pass
    time.sleep(0.01)  # the listener's thread records a connection as it comes
    assert len(hits) == before or forbidden_keyword(query) is not None, query


def test_serve_forbidden_keyword_passes_the_canned_queries_and_stays_linear() -> None:
    from kg.read.query import canned_queries

    assert all(forbidden_keyword(query.text) is None for query in canned_queries().values())
    # Every "<" read both ways, on a megabyte built to make that costly: seconds, not hours.
    started = time.monotonic()
    assert forbidden_keyword("<)'>" * 250_000) is None
    assert forbidden_keyword("<#>" * 350_000) is None
    assert time.monotonic() - started < 30


def test_serve_query_form_skips_the_prologue() -> None:
    assert query_form("PREFIX ask: <http://x/>\n# CONSTRUCT\nSELECT * { ?s ask:p ?o }") == "SELECT"
    assert query_form("BASE <http://x/> DESCRIBE <a>") == "DESCRIBE"
    assert query_form("INSERT DATA { <a> <b> <c> }") is None


@pytest.mark.parametrize(
    ("method", "content_type", "params", "body", "status"),
    [
        ("GET", None, [("update", "DROP ALL")], b"", 400),
        ("GET", None, [("query", "ASK {}"), ("query", "ASK {}")], b"", 400),
        ("GET", None, [("query", "  ")], b"", 400),
        ("POST", "text/plain", [], b"ASK {}", 415),
        ("POST", None, [], b"ASK {}", 415),
        ("POST", "application/sparql-query", [], b"\xff\xfe", 400),
        ("POST", "application/x-www-form-urlencoded", [], b"nothing=here", 400),
        ("GET", None, [("query", "ASK {}"), ("named-graph-uri", "http://x/")], b"", 400),
        ("GET", None, [("query", "ASK {}"), ("default-graph-uri", "not an iri")], b"", 400),
    ],
)
def test_serve_read_operation_refuses_malformed_requests(
    method: str, content_type: str | None, params: list[tuple[str, str]], body: bytes, status: int
) -> None:
    with pytest.raises(ProtocolError) as caught:
        read_operation(method, content_type, params, body)
    assert caught.value.status == status
    assert "\n" not in caught.value.message


def test_serve_read_operation_reads_the_three_protocol_forms() -> None:
    assert read_operation("GET", None, [], b"") is None  # the form page
    get = read_operation("GET", None, [("query", "ASK {}"), ("default-graph-uri", ID + "g")], b"")
    assert get is not None and (get.kind, get.text, get.default_graph) == ("query", "ASK {}", ID + "g")
    form = read_operation("POST", "application/x-www-form-urlencoded; charset=UTF-8", [], b"update=CLEAR+ALL")
    assert form is not None and (form.kind, form.text) == ("update", "CLEAR ALL")
    direct = read_operation("POST", "application/sparql-query", [], 'ASK { ?s ?p "é" }'.encode())
    assert direct is not None and direct.text == 'ASK { ?s ?p "é" }'


def test_serve_job_runner_queues_jobs_until_a_slot_frees_or_time_runs_out() -> None:
    async def scenario() -> None:
        runner = JobRunner(max_running=1)
        release = threading.Event()
        first = await runner.start(lambda cancel: release.wait(10), time.monotonic() + 1)
        with pytest.raises(ProtocolError) as caught:  # the slot stays taken past the deadline
            await runner.start(lambda cancel: True, time.monotonic() + 0.05)
        assert caught.value.status == 503 and "busy" in caught.value.message
        # Queued in order, each waiting for the one before it, and none refused.
        waiting = [
            asyncio.ensure_future(runner.start(lambda cancel, n=n: n, time.monotonic() + 10))
            for n in range(3)
        ]
        await asyncio.sleep(0.05)
        assert not any(task.done() for task in waiting) and runner.running == 1
        release.set()
        assert await asyncio.wrap_future(first.future) is True
        jobs = [await task for task in waiting]
        assert [await asyncio.wrap_future(job.future) for job in jobs] == [0, 1, 2]
        deadline = time.monotonic() + 10
        while runner.running and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert runner.running == 0

    asyncio.run(scenario())


def test_serve_write_lock_waits_for_readers_then_gives_up() -> None:
    lock = ReadWriteLock()
    with lock.reading(time.monotonic() + 1):
        with pytest.raises(ProtocolError) as caught:
            with lock.writing(time.monotonic() + 0.05):
                pass
        assert caught.value.status == 503
        with lock.reading(time.monotonic() + 0.05):  # readers share
            pass
    with lock.writing(time.monotonic() + 1):
        pass


@pytest.mark.parametrize(
    "key", ["..", "a/../b", "./a", "a/.", "/etc/passwd", "a//b", "..\\..\\etc\\passwd", "a\x00b", "article/x"]
)
def test_serve_entity_keys_name_no_other_place(key: str) -> None:
    assert entity_iri(key) is None
    assert entity_iri("north-korea") == ID + "north-korea"


# --- a read-only server over an empty store: what it refuses ----------------------------------


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def empty_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A read-only server over an empty store of each engine, with small limits to run into."""
    folder = tmp_path_factory.mktemp("serve-empty")
    store = "memory" if request.param == "memory" else str(folder / "store")
    limits = ["--max-request-bytes", "4096", "--max-rows", "5", "--max-result-bytes", "2000"]
    if store != "memory":
        open_store(store).close()  # an empty store, as a build of nothing leaves one
    with running(folder, "--store", store, *limits) as (url, _):
        yield url


#: Every kind of update, each refused by a read-only server whatever it would do.
UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <{canary}data.ttl>",
    "LOAD <{canary}data.ttl> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "DROP ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "COPY DEFAULT TO <urn:g>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_serve_read_only_by_default_refuses_every_update(empty_url: str, update: str) -> None:
    endpoint = empty_url + "sparql"
    with canary() as (elsewhere, hits):
        text = update.replace("{canary}", elsewhere)
        for response in (
            httpx.post(endpoint, data={"update": text}),
            httpx.post(endpoint, content=text, headers={"Content-Type": "application/sparql-update"}),
        ):
            assert response.status_code == 403, response.text
        # Sent as a query it is not one: refused before anything runs.
        assert httpx.post(endpoint, data={"query": text}).status_code in (400, 403)
    assert hits == []


#: Ways to reach SERVICE, each a real remote call to at least one of the two engines.
REMOTE_QUERIES = [
    "SELECT * WHERE { SERVICE <{canary}sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <{canary}sparql> { ?s ?p ?o } } } }",
    "ASK { OPTIONAL { SERVICE <{canary}sparql> { ?s ?p ?o } } }",
    "SELECT * { SERVICESILENT<{canary}sparql>{ ?s ?p ?o } }",
    "PREFIX ex: <{canary}> SELECT * { SERVICEex:sparql{ ?s ?p ?o } }",
    "PREFIX service: <{canary}> PREFIX : <{canary}> SELECT * { service:x { ?s ?p ?o } }",
    "PREFIX ex: <{canary}> SELECT * { VALUES ?a { 1 } FILTER(?a<2)SERVICE#x>\nex:s{ ?x ?y ?z } }",
    "SELECT * { BIND(1 AS ?a) FILTER(?a<1&&'>') SERVICE <{canary}s> { ?x ?y ?z } } #'",
    r"PREFIX : <{canary}> SELECT * { VALUES ?v { :a\' } SERVICE <{canary}s> { ?s ?p ?o } } #'",
    r'SELECT * { VALUES ?v { "\u0022" } SERVICE <{canary}s> { ?s ?p ?o } } #"""',
    r"SELECT * { \u0053ERVICE <{canary}s> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", REMOTE_QUERIES)
def test_serve_refuses_service_however_written(empty_url: str, query: str) -> None:
    with canary() as (elsewhere, hits):
        response = httpx.post(empty_url + "sparql", data={"query": query.replace("{canary}", elsewhere)})
        assert response.status_code == 403, response.text
        assert "SERVICE is disabled" in response.text
    assert hits == []


def test_serve_limits_request_and_result_sizes(empty_url: str) -> None:
    endpoint = empty_url + "sparql"
    big = httpx.post(
        endpoint,
        content=b"# " + b"x" * 5000 + b"\nASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert big.status_code == 413 and "4,096" in big.text
    long_get = httpx.get(endpoint, params={"query": "ASK {} #" + "x" * 5000})
    assert long_get.status_code == 414

    def values(count: int, width: int = 1) -> str:
        return " ".join(f'"{n:0{width}d}"' for n in range(count))

    five = httpx.get(endpoint, params={"query": f"SELECT ?x {{ VALUES ?x {{ {values(5)} }} }}"})
    assert five.status_code == 200 and len(five.json()["results"]["bindings"]) == 5
    for accept in ("application/sparql-results+json", "text/csv"):
        six = httpx.get(
            endpoint,
            params={"query": f"SELECT ?x {{ VALUES ?x {{ {values(6)} }} }}"},
            headers={"Accept": accept},
        )
        assert six.status_code == 422 and "more than 5 rows" in six.text and "--max-rows" in six.text
    triples = (
        "CONSTRUCT { ?x <urn:p> ?x } WHERE { VALUES ?x { <urn:1> <urn:2> <urn:3> <urn:4> <urn:5> <urn:6> } }"
    )
    assert httpx.get(endpoint, params={"query": triples}).status_code == 422
    wide = httpx.get(endpoint, params={"query": f"SELECT ?x {{ VALUES ?x {{ {values(3, width=700)} }} }}"})
    assert wide.status_code == 422 and "2,000 bytes" in wide.text and "--max-result-bytes" in wide.text
    # Nothing was cut short: the one result over its limit is refused whole, with one line saying why.
    assert wide.text.count("\n") == 1


@pytest.mark.parametrize(
    "target",
    [
        "/entity/../../etc/passwd",
        "/entity/%2e%2e/%2e%2e/etc/passwd",
        "/entity/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/entity//etc/passwd",
        "/entity/%2fetc%2fpasswd",
        "/entity/..\\..\\etc\\passwd",
        "/entity/..%5c..%5cetc%5cpasswd",
        "/entity/C:%5cWindows%5cwin.ini",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/static/../../etc/passwd",
        "/search/../../../etc/passwd",
    ],
)
def test_serve_paths_never_reach_the_file_system(empty_url: str, target: str) -> None:
    """Raw request lines (an HTTP client would resolve the dots itself): no route reads a file."""
    host = httpx.URL(empty_url)
    with socket.create_connection((host.host, host.port or 80), timeout=30) as connection:
        connection.sendall(
            f"GET {target} HTTP/1.1\r\nHost: {host.host}:{host.port}\r\nConnection: close\r\n\r\n".encode()
        )
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    status_line, _, rest = reply.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 404"), reply[:300]
    assert b"root:" not in rest and b"[fonts]" not in rest


def test_serve_every_response_says_what_the_browser_may_do(empty_url: str) -> None:
    endpoint = empty_url + "sparql"
    responses = [
        httpx.get(endpoint, headers={"Accept": "text/html"}),  # the form
        httpx.get(endpoint, params={"query": "ASK {}"}),  # a result
        httpx.get(endpoint, params={"query": "ASK {"}),  # 400
        httpx.post(endpoint, data={"update": "CLEAR ALL"}),  # 403
        httpx.get(empty_url + "no/such/page"),  # 404 from the router
        httpx.get(empty_url + "entity/%3Cscript%3E"),  # 404 page
        httpx.get(endpoint, headers={"Host": "attacker.example"}),  # 400 from the host check
    ]
    assert [r.status_code for r in responses] == [200, 200, 400, 403, 404, 404, 400]
    for response in responses:
        for name, value in SECURITY_HEADERS:
            assert response.headers.get(name) == value, (response.request.url, name)


# --- a read-only server over the seeds -------------------------------------------------------


@pytest.mark.slow
def test_serve_sparqlstore_client_reads_counts_and_labels(seed_url: str, seed_build: Any) -> None:
    report, _ = seed_build
    graph = Graph(store="SPARQLStore")
    graph.open(seed_url + "sparql")
    rows = list(
        graph.query(PREFIXES + "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a ckg:Claim } }")
    )
    assert int(rows[0][0]) == report.counts["claims"] > 0  # type: ignore[index]
    # The default graph is the union of all graphs, so plain triple patterns see the data.
    assert graph.value(URIRef(ID + "north-korea"), RDFS.label) == Literal("North Korea")

    # default-graph-uri: rdflib asks for one article's graph on its own.
    articles = graph.query(PREFIXES + "SELECT ?a WHERE { GRAPH ?a { ?a a ckg:Article } } ORDER BY ?a LIMIT 1")
    article = next(iter(articles))[0]  # type: ignore[index]
    one_article = Graph(store=SPARQLStore(query_endpoint=seed_url + "sparql"), identifier=article)
    headline = one_article.value(article, URIRef("https://schema.org/headline"))
    assert isinstance(headline, Literal) and str(headline)
    wonsan = URIRef(ID + "wonsan")  # described by the gazetteer, named in no article
    assert graph.value(wonsan, RDFS.label) is not None
    assert one_article.value(wonsan, RDFS.label) is None


@pytest.mark.slow
def test_serve_construct_round_trips_in_every_graph_format(seed_url: str) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ENTITIES} {{ ?s ?p ?o }} }}"
    graphs = {}
    for accept, fmt in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ]:
        response = select(seed_url, query, accept)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(accept)
        graphs[fmt] = Graph().parse(data=response.content, format=fmt)
    via_client = Graph(store=SPARQLStore(query_endpoint=seed_url + "sparql")).query(PREFIXES + query).graph
    assert via_client is not None
    graphs["client"] = via_client
    turtle = graphs["turtle"]
    assert (URIRef(ID + "north-korea"), RDFS.label, Literal("North Korea")) in turtle
    assert len(turtle) > 20
    for name, graph in graphs.items():
        assert _by_value(graph) == _by_value(turtle), name


def _by_value(graph: Graph) -> set[tuple[object, object, object]]:
    """The triples with literals by value: formats write a decimal's lexical form differently
    ("15.0" in Turtle's short form, "15" from Oxigraph), which is one value."""
    return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in graph}


@pytest.mark.slow
def test_serve_select_in_every_result_format(seed_url: str) -> None:
    query = f"SELECT ?label WHERE {{ GRAPH {ENTITIES} {{ id:north-korea rdfs:label ?label }} }}"
    csv = select(seed_url, query, "text/csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.text.splitlines()[:2] == ["label", "North Korea"]
    tsv = select(seed_url, query, "text/tab-separated-values")
    assert tsv.text.splitlines()[:2] == ["?label", '"North Korea"']
    for accept, fmt in [
        ("application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "xml"),
    ]:
        response = select(seed_url, query, accept)
        assert response.headers["content-type"] == accept
        result = Result.parse(io.BytesIO(response.content), format=fmt)
        assert [str(row[0]) for row in result] == ["North Korea"]  # type: ignore[index]
    ask = Result.parse(io.BytesIO(select(seed_url, "ASK { id:north-korea ?p ?o }").content), format="json")
    assert ask.askAnswer is True
    # POSTed as a form and as the body itself, the same answer.
    form = httpx.post(seed_url + "sparql", data={"query": PREFIXES + query}, headers={"Accept": "text/csv"})
    body = httpx.post(
        seed_url + "sparql",
        content=(PREFIXES + query).encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert form.text == body.text == csv.text


@pytest.mark.slow
def test_serve_refuses_updates_bad_queries_and_large_bodies(seed_url: str) -> None:
    endpoint = seed_url + "sparql"
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for response in (
        httpx.post(endpoint, data={"update": update}),
        httpx.post(endpoint, content=update, headers={"Content-Type": "application/sparql-update"}),
    ):
        assert response.status_code == 403
        assert "--allow-update" in response.text
    assert select(seed_url, "ASK { <urn:a> <urn:b> <urn:c> }").json()["boolean"] is False

    bad = select(seed_url, "SELECT * WHERE {\n  ?s ?p \n}")
    assert bad.status_code == 400
    assert bad.text.startswith("bad query: syntax error at line 6, column 1: unexpected '}'; "), bad.text
    assert bad.text.endswith("\n    }\n    ^\n")  # the line, and a caret under the word

    remote = select(seed_url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert remote.status_code == 403 and "SERVICE" in remote.text

    big = httpx.post(
        endpoint,
        content=b"# " + b"x" * 100_000 + b"\nASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert big.status_code == 413
    assert "65,536" in big.text

    assert select(seed_url, "SELECT * { ?s ?p ?o } LIMIT 1", "text/turtle").status_code == 406
    unknown = httpx.post(endpoint, content="ASK {}", headers={"Content-Type": "text/plain"})
    assert unknown.status_code == 415
    rebinding = httpx.get(endpoint, params={"query": "ASK {}"}, headers={"Host": "attacker.example"})
    assert rebinding.status_code == 400


@pytest.mark.slow
def test_serve_entity_page_shows_names_claims_and_sources(seed_url: str) -> None:
    page = httpx.get(seed_url + "entity/north-korea")
    assert page.status_code == 200
    text = page.text
    assert "<h1>North Korea</h1>" in text
    assert 'href="https://www.wikidata.org/wiki/Q423"' in text
    claims = select(
        seed_url, "SELECT ?text WHERE { GRAPH ?g { ?c ckg:claimant id:north-korea ; ckg:text ?text } }"
    )
    sentences = [row["text"]["value"] for row in claims.json()["results"]["bindings"]]
    assert sentences and all(html.escape(sentence) in text for sentence in sentences)
    headlines = select(seed_url, "SELECT ?h WHERE { GRAPH ?a { ?a <https://schema.org/headline> ?h } }")
    assert any(html.escape(row["h"]["value"]) in text for row in headlines.json()["results"]["bindings"])
    assert "Kim Jong Un" in text and 'href="/entity/kim-jong-un"' in text  # a relation, linked

    # A figure shows on the page of the entity it counts.
    figure = select(
        seed_url, "SELECT ?e ?t WHERE { GRAPH ?g { ?q ckg:countOf ?e ; ckg:text ?t } } ORDER BY ?e ?t LIMIT 1"
    ).json()["results"]["bindings"][0]
    counted = httpx.get(seed_url + "entity/" + figure["e"]["value"][len(ID) :])
    assert html.escape(figure["t"]["value"]) in counted.text

    # The NIS's page lists its figures once each, with who contradicts them.
    nis = httpx.get(seed_url + "entity/national-intelligence-service").text
    assert "<h2>Assertions (" in nis and "<b>disagrees with:</b>" in nis and 'href="/entity/ukraine"' in nis

    missing = httpx.get(seed_url + "entity/no-such-entity")
    assert missing.status_code == 404 and "no-such-entity" in missing.text


@pytest.mark.slow
def test_serve_search_finds_any_name_and_escapes_the_query(seed_url: str) -> None:
    for query in ("Zelenskyy", "zelenskyy", "ZELENSK"):
        page = httpx.get(seed_url + "search", params={"q": query})
        assert page.status_code == 200
        assert 'href="/entity/volodymyr-zelenskyy"' in page.text
        assert "Volodymyr Zelenskyy" in page.text
    hostile = httpx.get(seed_url + "search", params={"q": '<script>alert("x")</script>'})
    assert hostile.status_code == 200
    assert "<script>alert" not in hostile.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in hostile.text


@pytest.mark.slow
def test_serve_html_pages_load_nothing_from_the_network(seed_url: str) -> None:
    for path in ("", "entity/north-korea", "search?q=korea", "sparql"):
        page = httpx.get(seed_url + path, headers={"Accept": "text/html"})
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert REMOTE_ASSET.search(page.text) is None, path
    graph = httpx.get(seed_url).text
    assert "vis.Network" in graph and "North Korea" in graph  # vis-network inlined, the seeds drawn
    assert 'network.on("doubleClick"' in graph


# --- updates, and a server that gives up ------------------------------------------------------


@pytest.mark.server
def test_serve_updates_when_allowed_and_pages_follow(tmp_path: Path) -> None:
    with running(tmp_path, "--store", "memory", "--allow-update") as (url, _):
        endpoint = url + "sparql"
        client = Graph(
            store=SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint),
            identifier=URIRef(ID + "graph/entities"),
        )
        client.add((URIRef(ID + "jane-roe"), RDFS.label, Literal('Jane <b>"Roe"</b>')))
        added = httpx.post(
            endpoint,
            data={"update": PREFIXES + f"INSERT DATA {{ GRAPH {ENTITIES} {{ id:jane-roe a ckg:Person }} }}"},
        )
        assert added.status_code == 200
        assert client.value(URIRef(ID + "jane-roe"), RDFS.label) == Literal('Jane <b>"Roe"</b>')

        page = httpx.get(url + "entity/jane-roe").text
        assert "<h1>Jane &lt;b&gt;&quot;Roe&quot;&lt;/b&gt;</h1>" in page and "Person" in page
        assert 'href="/entity/jane-roe"' in httpx.get(url + "search", params={"q": "ROE"}).text

        cross_site = httpx.post(
            endpoint, data={"update": "CLEAR ALL"}, headers={"Origin": "http://attacker.example"}
        )
        assert cross_site.status_code == 403
        with canary() as (elsewhere, hits):  # allowed to write, still never to fetch
            for update in (
                f"LOAD <{elsewhere}x.ttl>",
                f"LOAD<{elsewhere}x.ttl>INTO GRAPH<urn:g>",
                f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{elsewhere}sparql> {{ ?s ?p ?o }} }}",
                "INSERT { ?s ?p ?o } WHERE { { SELECT * { "
                f"SERVICE <{elsewhere}s> {{ ?s ?p ?o }} }} }} }}",
                f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICESILENT<{elsewhere}s>{{ }} }} }}",
            ):
                response = httpx.post(endpoint, data={"update": update})
                assert response.status_code == 403 and "is disabled" in response.text, update
        assert hits == []
        bad = httpx.post(endpoint, data={"update": "INSERT DATA { <urn:a> <urn:b> }"})
        assert bad.status_code == 400 and bad.text.startswith("bad update: syntax error at line 1")
        assert client.value(URIRef(ID + "jane-roe"), RDFS.label) is not None  # nothing cleared


@pytest.mark.server
@pytest.mark.slow
def test_serve_gives_up_on_slow_queries_and_stays_responsive(seed_store: Path, tmp_path: Path) -> None:
    shutil.copytree(seed_store, tmp_path / "store")
    cross_join = "WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } GRAPH ?c { ?s3 ?p3 ?o3 } }"
    args = ["--store", str(tmp_path / "store"), "--timeout", "0.5", "--allow-update"]
    with running(tmp_path, *args) as (url, process):
        # Updates reach the Oxigraph store itself.
        insert = httpx.post(
            url + "sparql", data={"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }"}
        )
        assert insert.status_code == 200, insert.text
        assert select(url, "ASK { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }").json()["boolean"] is True

        for query in (f"SELECT * {cross_join}", f"SELECT (COUNT(*) AS ?n) {cross_join}"):
            started = time.monotonic()
            response = select(url, query)
            assert response.status_code == 503, response.text
            assert "0.5 s limit" in response.text and "--timeout" in response.text
            assert time.monotonic() - started < 5
            assert select(url, "ASK { ?s ?p ?o }").json()["boolean"] is True  # still answering
        # The abandoned COUNT still reads the store, so an update cannot get in; it says why.
        blocked = httpx.post(url + "sparql", data={"update": "CLEAR GRAPH <urn:g>"})
        assert blocked.status_code == 503 and "busy" in blocked.text
        started = time.monotonic()
        status = stop(process)
    # The abandoned COUNT is still running in a daemon thread; it must not hold up the exit.
    assert status == 0, (tmp_path / "serve.log").read_text()
    assert time.monotonic() - started < 10


@pytest.mark.server
@pytest.mark.slow
def test_serve_load_bench_runs_small_and_meets_only_the_intended_refusals(
    seed_store: Path, run_bench
) -> None:  # type: ignore[no-untyped-def]
    result = run_bench(
        "serve_load.py",
        "--store",
        str(seed_store),
        *"--clients 4 --requests 60 --baseline 10".split(),
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    runs = {row[0]: row for row in rows if row and row[0] in ("baseline", "concurrent")}
    assert runs["baseline"][1:3] == ["1", "10"] and runs["concurrent"][1:3] == ["4", "60"]
    assert runs["baseline"][7] == runs["concurrent"][7] == "0"  # unexpected outcomes
    assert "422: " in result.stdout and "413: " in result.stdout  # the limits were met, on purpose


@pytest.mark.server
def test_serve_command_line_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    assert main(["serve", "--store", str(tmp_path / "nope")]) == 1
    missing = capsys.readouterr().err
    assert missing.strip().startswith("error: no store at") and "kg build" in missing
    assert missing.count("\n") == 1
    with pytest.raises(SystemExit) as bad_timeout:
        main(["serve", "--timeout", "0"])
    assert bad_timeout.value.code == 2 and "--timeout" in capsys.readouterr().err
    # A port taken by another process: what the server process itself prints as it gives up.
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        busy = subprocess.run(
            [sys.executable, "-m", "kg", "serve", "--store", "memory", "--port", port],
            capture_output=True,
            text=True,
        )
    assert busy.returncode == 1
    assert busy.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}") and "--port" in busy.stderr


def test_serve_command_line_options() -> None:
    from kg.cli import parse
    from kg.cli.serve import run

    args = parse(["serve", "--store", "memory", "--port", "0", "--allow-update", "--timeout", "2.5"])
    assert args.run is run
    assert (args.store, args.host, args.port, args.allow_update, args.timeout) == (
        "memory",
        "127.0.0.1",
        0,
        True,
        2.5,
    )
    assert args.max_request_bytes == 1_048_576


@pytest.mark.slow
@pytest.mark.browser
def test_serve_graph_page_runs_in_chromium_and_opens_entity_pages(browser: Any, seed_url: str) -> None:
    """The served graph under its Content-Security-Policy: vis-network runs, nothing is fetched
    from elsewhere, and double-clicking a node opens its entity page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        errors: list[str] = []
        elsewhere: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on(
            "request",
            lambda request: None if request.url.startswith(seed_url) else elsewhere.append(request.url),
        )
        page.goto(seed_url)
        # Polled from here: the page's CSP forbids the eval that wait_for_function uses.
        settled = "typeof network !== 'undefined' && document.body.dataset.stabilized === 'true'"
        deadline = time.monotonic() + 60
        while not page.evaluate(settled):
            assert time.monotonic() < deadline, "the graph never stabilised"
            time.sleep(0.1)
        where = page.evaluate(
            """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
                return {x: r.left + p.x, y: r.top + p.y}; }""",
            ID + "north-korea",
        )
        page.mouse.dblclick(where["x"], where["y"])
        page.wait_for_url("**/entity/north-korea", timeout=10_000)
        assert page.locator("h1").inner_text() == "North Korea"
        assert errors == [] and elsewhere == []
    finally:
        page.close()
