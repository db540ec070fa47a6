"""Text from articles never becomes markup or code, in any page ConflictKG writes or serves.

A small store is built (with the model) from one article whose text and meta.json carry
``<script>``, ``onerror=`` and ``javascript:`` payloads: a title that is a script, a publisher
that is an image with an error handler, a quote that closes a script element, a link with a
``javascript:`` href in a sentence, and names with markup in them. The extractor reads names
like "Magura> Mechanized Brigade" and "Yuriy Ihnat&Co" from that text but no name holding a
whole element, so one entity is then given a label and an alias that are elements, and a
``javascript:`` IRI as its ``owl:sameAs`` (as a store written by another tool might hold).

Then every page is opened in headless Chromium with the network cut off: out/graph.html, each
``kg view`` page (whole, ``--entity``, ``--claims``), the ``kg figures --html`` timeline, and
``kg serve``'s graph, entity, search, SPARQL form and error pages, the payload in the path and
the query string too. On each: no script of the payload ran (``window.__pwned`` stays undefined,
no dialog opened, no console error such as a blocked inline script), no element has an ``on...``
attribute or a ``javascript:`` link, in the page or in any tooltip the page can show, and where
the page shows a payload it shows it as text.

A meta.json ``url`` that is not http(s) is refused when the articles are read (tested here
without the model): every page makes an article's address a link, so a ``javascript:`` one is
caught at build time rather than kept.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from rdflib import OWL, RDFS, SKOS, Literal, URIRef
from test_serve import running

from kg.errors import InputError
from kg.ingest.read import read_articles

TITLE = "<script>window.__pwned=1</script>"
PUBLISHER = "<img src=x onerror=window.__pwned=1>"
URL = 'https://example.org/news?a=1&b="><script>window.__pwned=1</script>'
QUOTE = "</script><script>window.__pwned=1</script>"
ARTICLE = f"""Kyiv says 1,200 North Korean troops were killed in Kursk

KYIV - Ukraine's military intelligence said on Thursday that about 1,200 North Korean soldiers were \
killed in Russia's Kursk region, according to commander Oleh {TITLE}Kovalenko.

"The North Korean troops are {QUOTE} no match for our drones," said Oleh Kovalenko, a commander of \
the {PUBLISHER} Brigade.

South Korea's National Intelligence Service estimated that at least 3,000 North Korean soldiers \
were killed or wounded, said lawmaker Lee Seong-kweun, who was briefed by the agency on Friday.

Russia's defence ministry said 500 Ukrainian soldiers were captured near Sudzha \
<a href="javascript:window.__pwned=1">link</a>.

The spokesman for the 47th <Magura> Mechanized Brigade said 300 Russian soldiers were killed on \
Sunday, according to Yuriy Ihnat&Co.
"""
#: What one entity is called after the build: a label and an alias that are elements, and an
#: owl:sameAs that is a javascript: IRI.
LABEL = "<script>window.__pwned=1</script>Kovalenko"
ALIAS = '"><img src=x onerror=window.__pwned=1>'
SAME_AS = "javascript:window.__pwned=1"

# --- meta.json addresses, without the model -------------------------------------------------

PROSE = "Officials in the region said on Monday that the convoy had reached the town after a week of delays."


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "//example.org/relative",
        "https://",
        "https://example.org/a b",
        "example.org/news",
    ],
)
def test_hostile_text_meta_url_must_be_http(tmp_path: Path, url: str) -> None:
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"a.txt": {"url": url}}), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"meta\.json: entry 'a\.txt': key 'url' must be an http:// or https://"
    ):
        list(read_articles([tmp_path]))


def test_hostile_text_jsonl_url_must_be_http(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [
        {"id": "bad", "text": PROSE, "url": "javascript:alert(1)"},
        {"id": "good", "text": PROSE + " Again."},
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kg.ingest.read"):
        assert [article.source for article in read_articles([path])] == ["good"]
    assert "a.jsonl:1: key 'url' must be an http:// or https:// address" in caplog.text
    with pytest.raises(InputError, match="key 'url'"):
        list(read_articles([path], strict=True))


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=1&c=<x>", "http://example.org", "HTTPS://EXAMPLE.ORG/"]
)
def test_hostile_text_meta_url_keeps_web_addresses(tmp_path: Path, url: str) -> None:
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"a.txt": {"url": url}}), encoding="utf-8")
    assert [article.url for article in read_articles([tmp_path])] == [url]


# --- every page of a hostile build, in Chromium -----------------------------------------------


@dataclass(frozen=True)
class HostileBuild:
    """The build's output folder, its store, the pages written from it, and the entity renamed."""

    out: Path
    store: Path
    pages: dict[str, Path]
    entity_key: str


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> HostileBuild:
    from kg.builder.build import build
    from kg.cli import main
    from kg.rdf.ontology import ENTITIES_GRAPH, ID
    from kg.store import existing_store

    folder = tmp_path_factory.mktemp("hostile-in")
    (folder / "evil.txt").write_text(ARTICLE, encoding="utf-8")
    meta = {"evil.txt": {"title": TITLE, "publisher": PUBLISHER, "published": "2025-01-10", "url": URL}}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    build([folder], out, extractor=extractor)
    store = out / "store"
    with existing_store(store, read_only=False) as opened:
        rows = opened.dataset.query(
            "SELECT DISTINCT ?e WHERE { GRAPH ?g "
            '{ ?e <http://www.w3.org/2000/01/rdf-schema#label> "Oleh Kovalenko" } }'
        )
        (entity,) = [URIRef(str(row[0])) for row in rows]  # type: ignore[index]
        opened.add(
            [
                (entity, RDFS.label, Literal(LABEL), ENTITIES_GRAPH),
                (entity, SKOS.altLabel, Literal(ALIAS), ENTITIES_GRAPH),
                (entity, OWL.sameAs, URIRef(SAME_AS), ENTITIES_GRAPH),
            ]
        )
    pages = {"graph": out / "graph.html"}
    for name, args in {
        "whole": [],
        "entity": ["--entity", "Oleh Kovalenko"],
        "claims": ["--claims"],
    }.items():
        pages[name] = out / f"view-{name}.html"
        assert main(["view", "--store", str(store), "--out", str(pages[name]), *args]) == 0
    pages["figures"] = out / "figures.html"
    assert main(["figures", "--store", str(store), "--html", str(pages["figures"])]) == 0
    return HostileBuild(out, store, pages, entity[len(str(ID)) :])


#: Run in the page: everything that would make text into code, in the page and in every tooltip
#: the page can show (vis-network items carry theirs as HTML, parsed here in an inert template).
_FIND_CODE = """() => {
  const found = [];
  const scan = (root, where) => {
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
        if (attribute.name.startsWith('on')) { found.push(`${where}: ${element.tagName} ${attribute.name}`); }
        if (['javascript:', 'vbscript:', 'data:text'].some((scheme) => value.startsWith(scheme))) {
          found.push(`${where}: ${element.tagName} ${attribute.name}=${attribute.value}`);
        }
      }
    }
  };
  scan(document, 'page');
  const items = typeof nodes === 'undefined' ? [] : [...nodes.get(), ...edges.get()];
  const tips = [];
  for (const item of items) {
    const template = document.createElement('template');
    template.innerHTML = item.tip || '';
    scan(template.content, `tip of ${item.id}`);
    for (const element of template.content.querySelectorAll('script, img, iframe, object, embed, svg')) {
      found.push(`tip of ${item.id}: <${element.tagName}>`);
    }
    tips.push({label: item.cls === 'Claim' ? '' : item.label || '', text: template.content.textContent});
  }
  return {found, pwned: typeof window.__pwned, tips, scripts: document.scripts.length,
          text: document.body ? document.body.innerText : document.documentElement.textContent};
}"""


_ERROR_STATUS = "Failed to load resource: the server responded with a status of 4"


@dataclass
class Opened:
    """What a page did and holds, read after it settled."""

    dialogs: list[str]
    errors: list[str]
    blocked: list[str]
    found: list[str]
    pwned: str
    tips: list[dict[str, str]]
    scripts: int
    text: str


def _open(browser: Any, url: str, *, allowed: str) -> Opened:
    """Open ``url`` with every request outside ``allowed`` aborted; wait for a graph to settle."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    errors: list[str] = []
    blocked: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def console(message: Any) -> None:
        # An error page's own status is logged as an error; anything else (a blocked script or
        # image, a failed script) is one.
        if message.type == "error" and not message.text.startswith(_ERROR_STATUS):
            errors.append(message.text)

    page.on("console", console)

    def guard(route: Any) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    try:
        page.goto(url)
        # Polled from here: a served page's CSP forbids the eval that wait_for_function uses.
        deadline = time.monotonic() + 60
        while page.evaluate("typeof network !== 'undefined' && document.body.dataset.stabilized !== 'true'"):
            assert time.monotonic() < deadline, f"{url}: the graph never settled"
            time.sleep(0.1)
        page.wait_for_timeout(300)  # time for anything a payload might have scheduled
        return Opened(dialogs, errors, blocked, **page.evaluate(_FIND_CODE))
    finally:
        page.close()


def _assert_inert(opened: Opened, where: str) -> None:
    assert opened.pwned == "undefined", where
    assert opened.dialogs == [], where
    assert opened.errors == [], (where, opened.errors)
    assert opened.blocked == [], (where, opened.blocked)
    assert opened.found == [], (where, opened.found)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("name", ["graph", "whole", "entity", "claims"])
def test_hostile_text_graph_pages_show_markup_as_text(browser: Any, hostile: HostileBuild, name: str) -> None:
    opened = _open(browser, hostile.pages[name].as_uri(), allowed="file://")
    _assert_inert(opened, name)
    assert opened.tips, f"{name}: no node or edge drawn"
    # Every tooltip's heading holds its item's label (a claim's is a shortened sentence), so a
    # label with markup in it shows as the same text.
    for tip in opened.tips:
        assert tip["label"].replace("\n", " ") in tip["text"].replace("\n", " ") or not tip["label"], tip
    shown = " ".join(tip["text"] for tip in opened.tips)
    if name == "graph":  # written by the build, before the entity was renamed: the extractor's names
        assert any(ch in shown for ch in "<>&"), "no name or sentence with markup characters was drawn"
    elif name == "claims":
        assert QUOTE in shown and TITLE in shown  # the sentences, quoted in the claims' tooltips
    else:
        assert LABEL in [tip["label"] for tip in opened.tips]
        assert LABEL in opened.text if name == "entity" else True  # the page's heading names it


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_text_timeline_shows_markup_as_text(browser: Any, hostile: HostileBuild) -> None:
    opened = _open(browser, hostile.pages["figures"].as_uri(), allowed="file://")
    _assert_inert(opened, "figures")
    assert opened.scripts == 1  # the figure data, which is JSON and never runs
    page_text = hostile.pages["figures"].read_text(encoding="utf-8")
    data = json.loads(page_text.split('id="figure-data">', 1)[1].split("</script>", 1)[0])
    marks = [mark for panel in data["panels"] for mark in panel["marks"]]
    assert {mark["outlet"] for mark in marks} == {PUBLISHER}
    assert any(TITLE in mark["sentence"] for mark in marks)


@pytest.fixture(scope="module")
def hostile_url(hostile: HostileBuild, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A read-only server over a copy of the hostile store."""
    folder = tmp_path_factory.mktemp("hostile-serve")
    shutil.copytree(hostile.store, folder / "store")
    with running(folder, "--store", str(folder / "store")) as (url, _):
        yield url


def _served(hostile: HostileBuild) -> dict[str, str]:
    """Each served page to open: the path (with the payload in it where it can be) and what it shows."""
    script = quote(TITLE, safe="")
    return {
        "": "",
        f"entity/{hostile.entity_key}": LABEL,
        f"search?q={script}": TITLE,
        f"search?q={quote('Kovalenko')}": LABEL,
        "sparql": "SPARQL endpoint",
        f"sparql?query={script}": "bad query",
        f"entity/{script}": TITLE,
        f"no/such/{script}?q={script}": "Not Found",
        f"search?q=%22%3E{script}%3Cimg%20src=x%20onerror=window.__pwned=1%3E": TITLE,
    }


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_text_served_pages_show_markup_as_text(
    browser: Any, hostile: HostileBuild, hostile_url: str
) -> None:
    for path, shows in _served(hostile).items():
        opened = _open(browser, hostile_url + path, allowed=hostile_url)
        _assert_inert(opened, path)
        assert shows in opened.text, (path, opened.text[:500])
        if path:  # every page but the graph runs no script at all
            assert opened.scripts == 0, path

    entity = _open(browser, f"{hostile_url}entity/{hostile.entity_key}", allowed=hostile_url).text
    for text in (LABEL, ALIAS, SAME_AS, TITLE, PUBLISHER, QUOTE):  # as text, not as a link
        assert text in entity, text
    search = _open(browser, hostile_url + "search?q=" + quote(TITLE, safe=""), allowed=hostile_url).text
    assert LABEL in search  # the entity renamed to a script is found by it, and named as text


@pytest.mark.slow
def test_hostile_text_served_pages_link_only_web_addresses(hostile: HostileBuild, hostile_url: str) -> None:
    """The article's https address (with quotes and markup in it) is a link, escaped; the
    javascript: IRI is text; every page carries a policy that runs no script but the graph's."""
    page = httpx.get(f"{hostile_url}entity/{hostile.entity_key}", timeout=30)
    assert page.status_code == 200
    link = 'href="https://example.org/news?a=1&amp;b=&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;"'
    assert link in page.text
    assert 'href="javascript' not in page.text.lower()
    assert "script-src" not in page.headers["content-security-policy"]
    graph = httpx.get(hostile_url, timeout=60)
    assert "script-src 'unsafe-inline'" in graph.headers["content-security-policy"]
