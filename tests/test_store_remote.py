"""The remote SPARQL store's own ways, against a real Oxigraph server (the ``oxigraph`` dev
dependency): builds over HTTP, blank nodes, store URLs, request batches and authentication.
What every backend shares (counts, reads, queries, capability flags, errors) is in
test_store_contract.py.

Each test that needs a server (marked ``server``) starts its own ``oxigraph serve`` through the
``endpoint`` fixture of conftest.py; the auth test puts a small basic-auth gateway in front of
it, since Oxigraph itself checks no credentials.
"""

from __future__ import annotations

import base64
import http.server
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

from kg.builder.build import build
from kg.errors import QueryError, StoreError
from kg.rdf.export import sorted_nquads
from kg.rdf.mapping import Quad
from kg.rdf.ontology import CKG, ENTITIES_GRAPH, RDFS, WIKIDATA
from kg.read.query import run_canned, run_query
from kg.store import open_store, sparql
from kg.store.sparql import AUTH_ENV, basic_auth_header, parse_store_url


@pytest.mark.slow
@pytest.mark.server
def test_store_remote_build_equals_memory_build_and_is_idempotent(  # type: ignore[no-untyped-def]
    endpoint: str, seed_memory_build, tmp_path: Path, seeds_dir: Path, extractor
) -> None:
    _, memory_build = seed_memory_build  # the reference every backend must equal
    first = build([seeds_dir], tmp_path / "a", store=endpoint, extractor=extractor, exports=True)
    assert first.store == endpoint
    assert first.articles_added == 2
    nquads = (memory_build / "graph.nq").read_text(encoding="utf-8")
    assert first.outputs["nquads"].read_text(encoding="utf-8") == nquads
    # The view reads an endpoint through GRAPH ?g and quad patterns, the memory store otherwise.
    assert first.outputs["html"].read_bytes() == (memory_build / "graph.html").read_bytes()
    assert first.new_quads == first.counts["quads"] == nquads.count("\n")

    second = build([seeds_dir], tmp_path / "b", store=endpoint, extractor=extractor, exports=False)
    assert second.new_quads == 0
    assert second.articles_added == 0
    assert sorted(second.articles_skipped) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert second.counts == first.counts

    store = open_store(endpoint)
    try:
        assert sorted_nquads(store.dataset) == nquads
        assert len(store) == first.counts["quads"]
        claims = run_query(
            store.dataset,
            f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{CKG.Claim}> }} }}",
        )
        assert claims.records() == [{"n": first.counts["claims"]}]
        labels = run_query(  # rdfs: undeclared: the view's bound prefixes work as in memory
            store.dataset,
            f"SELECT ?label WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label ?label ; "
            f"?same <{WIKIDATA.Q423}> }} }}",
        )
        assert labels.records() == [{"label": "North Korea"}]
        assert len(run_canned(store.dataset, "claims").rows) > 0
        entities = store.dataset.graph(ENTITIES_GRAPH)
        assert (None, RDFS.label, Literal("North Korea")) in entities
        with pytest.raises(QueryError, match="HTTP 400 .* at 2:"):  # the query's own line
            run_query(store.dataset, "SELECT ?x\nWHERE { ?x")
    finally:
        store.close()


@pytest.mark.server
def test_store_remote_blank_nodes_are_refused_before_anything_is_sent(endpoint: str) -> None:
    graph = URIRef("urn:test:g")
    quads: list[Quad] = [
        (URIRef("urn:test:s"), RDFS.label, Literal("kept out too"), graph),
        (BNode(), RDFS.label, Literal("x"), graph),
    ]
    store = open_store(endpoint)
    try:
        with pytest.raises(StoreError, match="blank node"):
            store.add(quads)
        assert len(store) == 0  # the IRI-only quad of the same batch was not sent either
    finally:
        store.close()


def test_store_remote_batches_never_split_a_graph_that_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparql, "BATCH_QUADS", 4)

    def graph(name: str, size: int) -> list[Quad]:
        return [(URIRef("urn:s"), RDFS.label, Literal(i), URIRef(f"urn:{name}")) for i in range(size)]

    quads = graph("a", 1) + graph("b", 3) + graph("c", 9) + graph("d", 2) + graph("a", 2)[1:]
    batches = [[str(g)[4:] for *_, g in batch] for batch in sparql._batches(quads)]
    assert batches == [["a", "a"], ["b"] * 3, ["c"] * 4, ["c"] * 4, ["c"], ["d"] * 2]


@pytest.mark.parametrize(
    "url",
    [
        "sparql+http://kg:secret@127.0.0.1:7878/query",
        "sparql+https://kg@example.org/sparql",
        "sparql+http://127.0.0.1:7878/query?update=http://kg:secret@127.0.0.1:7878/update",
    ],
)
def test_store_remote_credentials_in_the_url_are_refused(url: str) -> None:
    with pytest.raises(StoreError, match=AUTH_ENV) as caught:
        open_store(url)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "query", "update"),
    [
        ("sparql+http://127.0.0.1:7878", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update"),
        ("sparql+http://127.0.0.1:7878/", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update"),
        ("sparql+http://h:3030/kg/query", "http://h:3030/kg/query", "http://h:3030/kg/update"),
        ("sparql+http://h:3030/kg", "http://h:3030/kg", "http://h:3030/kg"),
        ("sparql+https://h/sparql", "https://h/sparql", "https://h/sparql"),
        (
            "sparql+http://h:7200/repositories/kg?update=/repositories/kg/statements",
            "http://h:7200/repositories/kg",
            "http://h:7200/repositories/kg/statements",
        ),
        ("sparql+http://h/q?update=https://w/u", "http://h/q", "https://w/u"),
    ],
)
def test_store_remote_url_names_both_endpoints(url: str, query: str, update: str) -> None:
    assert parse_store_url(url) == (query, update)


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("sparql://h/query", "not a SPARQL store URL"),
        ("sparql+http:///query", "names no host"),
        ("sparql+http://h/query?graph=x", "unknown parameter 'graph'"),
        ("sparql+http://h/query?update=update", "must be a path"),
    ],
)
def test_store_remote_bad_urls_say_what_to_write(url: str, complaint: str) -> None:
    with pytest.raises(StoreError, match=complaint):
        parse_store_url(url)


def test_store_remote_auth_header_is_basic() -> None:
    assert basic_auth_header("kg:p:w") == "Basic " + base64.b64encode(b"kg:p:w").decode()
    with pytest.raises(StoreError, match=AUTH_ENV):
        basic_auth_header("no-colon")


class _BasicAuthGateway(http.server.BaseHTTPRequestHandler):
    """Forwards POSTs to the Oxigraph server only with the right Basic credentials."""

    upstream = ""
    expected = ""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Authorization") != self.expected:
            self._answer(401, "text/plain", b"credentials required")
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        request = urllib.request.Request(self.upstream + self.path, data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                self._answer(response.status, response.headers.get("Content-Type", ""), response.read())
        except urllib.error.HTTPError as exc:
            self._answer(exc.code, exc.headers.get("Content-Type", ""), exc.read())

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the test output is not the place for an access log."""


@pytest.mark.server
def test_store_remote_sends_basic_auth_from_the_environment(
    endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    handler = type(
        "Gateway",
        (_BasicAuthGateway,),
        {"upstream": endpoint.removeprefix("sparql+"), "expected": basic_auth_header("kg:s3cret")},
    )
    gateway = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=gateway.serve_forever, daemon=True)
    thread.start()
    url = f"sparql+http://127.0.0.1:{gateway.server_address[1]}"
    try:
        monkeypatch.delenv(AUTH_ENV, raising=False)
        with pytest.raises(StoreError, match=f"HTTP 401.*{AUTH_ENV}"):
            open_store(url)
        monkeypatch.setenv(AUTH_ENV, "kg:wrong")
        with pytest.raises(StoreError, match="HTTP 401"):
            open_store(url)
        monkeypatch.setenv(AUTH_ENV, "kg:s3cret")
        store = open_store(url)
        quad = (URIRef("urn:x:s"), RDFS.label, Literal("x", lang="en"), URIRef("urn:x:g"))
        assert store.add([quad]) == 1
        assert store.has_graph(URIRef("urn:x:g"))
        assert list(store.dataset.quads((None, None, None, None))) == [quad]
        store.close()
    finally:
        gateway.shutdown()
        gateway.server_close()
        thread.join(timeout=5)
