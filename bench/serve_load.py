"""``kg serve`` under many users: 50 concurrent clients send 2,000 requests, and one client alone
sends the same mix one request at a time as the baseline, against the same server in one run.

The server is ``python -m kg serve`` on 127.0.0.1 (a free port) over a copy of a store: the one
``--store`` names, or a build of the seed articles made first (which loads the spaCy model). It
runs read-only with ``--max-rows 1000``, so that the mix can run into its limits on purpose.

Each request is one of (in a fixed rotation): a canned query from ``ontology/queries/``, an entity
page, a search, the graph page, or a request the server must refuse: a result over ``--max-rows``
(422), a SPARQL syntax error (400), a ``SERVICE`` call (403), an update (403, read-only), a body
over ``--max-request-bytes`` (413). Every request has the status it should get; any other status,
and any request that fails outright, counts as unexpected. Printed: requests by status, the
unexpected ones (the run fails unless there are none), p50 and p99 latency and throughput.

    python bench/serve_load.py [--store DIR] [--clients 50] [--requests 2000] [--baseline 200]

Uses httpx (asyncio), each client on its own connection, to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import say  # noqa: E402

from kg.read.query import canned_queries, render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MAX_ROWS = 1000
MAX_REQUEST_BYTES = 65_536


@dataclass(frozen=True, slots=True)
class Call:
    """One request of the mix and the status it must get."""

    kind: str
    method: str
    path: str
    expect: int
    body: bytes = b""
    content_type: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one request got: its status (0: no response at all) and how long it took."""

    call: Call
    status: int
    seconds: float
    error: str = ""


def mix(entity_keys: Sequence[str], names: Sequence[str]) -> list[Call]:
    """One round of the rotation: mostly reads, with the refusals the limits are for."""
    queries = canned_queries()

    def sparql(kind: str, text: str, expect: int = 200) -> Call:
        return Call(kind, "POST", "sparql", expect, text.encode(), "application/sparql-query")

    calls = [sparql("canned", render(query, {})) for query in queries.values()]
    calls += [sparql("canned", render(queries["claims"], {"entity": name})) for name in names[:3]]
    calls += [Call("entity", "GET", f"entity/{key}", 200) for key in entity_keys[:8]]
    calls += [Call("search", "GET", f"search?q={name[:5]}", 200) for name in names[:4]]
    calls.append(Call("graph", "GET", "", 200))
    calls += [
        sparql("over-limit", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", 422),
        sparql("bad", "SELECT * WHERE { ?s ?p }", 400),
        sparql("service", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
        Call("update", "POST", "sparql", 403, b"update=CLEAR+ALL", "application/x-www-form-urlencoded"),
        sparql("too-big", "ASK {} #" + "x" * MAX_REQUEST_BYTES, 413),
    ]
    return calls


async def run_clients(
    base: str, calls: Sequence[Call], clients: int, total: int
) -> tuple[list[Outcome], float]:
    """``total`` requests of the rotation, shared by ``clients`` concurrent clients; also the wall time."""
    queue: asyncio.Queue[Call] = asyncio.Queue()
    for index in range(total):
        queue.put_nowait(calls[index % len(calls)])
    outcomes: list[Outcome] = []

    async def client() -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as http:
            while not queue.empty():
                outcomes.append(await send(http, queue.get_nowait()))

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return outcomes, time.perf_counter() - started


async def send(http: httpx.AsyncClient, call: Call) -> Outcome:
    headers = {"Content-Type": call.content_type} if call.content_type else {}
    started = time.perf_counter()
    try:
        response = await http.request(
            call.method, "/" + call.path, content=call.body or None, headers=headers
        )
        await response.aread()
    except httpx.HTTPError as exc:
        return Outcome(call, 0, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    error = "" if response.status_code == call.expect else response.text[:200].strip()
    return Outcome(call, response.status_code, time.perf_counter() - started, error)


def report(name: str, clients: int, outcomes: Sequence[Outcome], seconds: float) -> int:
    """Print one run's line; returns its count of unexpected outcomes."""
    latencies = sorted(outcome.seconds for outcome in outcomes)
    unexpected = [outcome for outcome in outcomes if outcome.status != outcome.call.expect]
    statuses = ", ".join(
        f"{status}: {count}" for status, count in sorted(Counter(o.status for o in outcomes).items())
    )
    say(
        f"{name:<10} {clients:>7} {len(outcomes):>8} {seconds:>7.1f} {len(outcomes) / seconds:>7.1f} "
        f"{_percentile(latencies, 50) * 1000:>7.0f} {_percentile(latencies, 99) * 1000:>7.0f} "
        f"{len(unexpected):>10}   {statuses}"
    )
    for outcome in unexpected[:10]:
        call = outcome.call
        say(f"  unexpected {outcome.status} (wanted {call.expect}) for {call.kind}: {outcome.error}")
    return len(unexpected)


def _percentile(ordered: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile of values sorted in ascending order."""
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * percent // 100))
    return ordered[int(rank) - 1]


@contextmanager
def serving(store: Path, workdir: Path) -> Iterator[str]:
    """``python -m kg serve`` over ``store`` on 127.0.0.1 until the block ends; yields its URL."""
    log = workdir / "serve.log"
    command = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--store",
        str(store),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
    ]
    command += ["--max-rows", str(MAX_ROWS), "--max-request-bytes", str(MAX_REQUEST_BYTES)]
    with log.open("w") as err:
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
        )
    try:
        deadline = time.monotonic() + 120
        while not (found := re.search(r"serving (http://\S+/) ", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"kg serve did not start: {log.read_text()}")
            time.sleep(0.1)
        url = found.group(1)
        if urlsplit(url).hostname != "127.0.0.1":
            sys.exit(f"kg serve listens on {url}, not on 127.0.0.1")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def seed_store(workdir: Path) -> Path:
    """Build the seed articles (``kg build seeds``) into ``workdir``; returns the store folder."""
    out = workdir / "seeds-out"
    command = [sys.executable, "-m", "kg", "-q", "build", str(ROOT / "seeds"), "--out", str(out)]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return out / "store"


def entities(base: str) -> tuple[list[str], list[str]]:
    """The page keys and labels of the mentioned entities, most mentioned first."""
    query = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?m) AS ?n)
WHERE { GRAPH ?g { ?m ckg:refersTo ?e } GRAPH ?h { ?e rdfs:label ?l } } GROUP BY ?e ORDER BY DESC(?n) ?e"""
    rows = httpx.post(base + "sparql", data={"query": query}, timeout=120).json()["results"]["bindings"]
    prefix = "https://w3id.org/conflict-kg/id/"
    keys = [row["e"]["value"][len(prefix) :] for row in rows if row["e"]["value"].startswith(prefix)]
    return keys, [row["label"]["value"] for row in rows]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--store", type=Path, help="a store folder to serve (a copy); default: build the seeds"
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default: 50)")
    parser.add_argument(
        "--requests", type=int, default=2000, help="requests they send in all (default: 2000)"
    )
    parser.add_argument(
        "--baseline", type=int, default=200, help="requests one client sends alone (default: 200)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-load-") as folder:
        workdir = Path(folder)
        source = args.store or seed_store(workdir)
        shutil.copytree(source, workdir / "store")
        with serving(workdir / "store", workdir) as base:
            keys, names = entities(base)
            calls = mix(keys, names)
            kinds = Counter(call.kind for call in calls)
            say(f"server {base} over {source}; a round of {len(calls)} requests: {dict(kinds)}")
            asyncio.run(run_clients(base, calls, 1, len(calls)))  # warm up: caches, the graph page
            say(
                f"{'run':<10} {'clients':>7} {'requests':>8} {'seconds':>7} {'req/s':>7} {'p50 ms':>7} "
                f"{'p99 ms':>7} {'unexpected':>10}   statuses"
            )
            unexpected = report("baseline", 1, *asyncio.run(run_clients(base, calls, 1, args.baseline)))
            outcomes, seconds = asyncio.run(run_clients(base, calls, args.clients, args.requests))
            unexpected += report("concurrent", args.clients, outcomes, seconds)
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
