"""The server's HTML: the graph view, entity pages, search, and the SPARQL form.

Pages work with no network: styles are inline, the entity and search pages have no script, and
the graph page is the whole view of :mod:`kg.render.views` (vis-network inlined) with a navigation
bar and a double-click handler added. Everything shown comes from news text or the request, so
every string is escaped here, and only http(s) URLs from the data become links.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from kg.rdf.ontology import ENTITIES_GRAPH, GAZETTEER_GRAPH, ID
from kg.read.entityassertions import AssertionFact, LinkedAssertion
from kg.read.facts import ArticleInfo, ClaimFact, EntityFacts, Figure, Named, RelationFact
from kg.read.search import SearchHit
from kg.render.claims_table import bounds_text
from kg.render.viz import View, view_html

__all__ = [
    "balanced",
    "clean_sentence",
    "entity_page",
    "error_page",
    "graph_page",
    "search_page",
    "sparql_form_page",
]

esc = html.escape

_STYLE = """<style>
  body { font-family: sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 16px 40px; color: #222;
    line-height: 1.45; }
  nav.ckg-nav { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; padding: 8px 0;
    border-bottom: 1px solid #ddd; margin-bottom: 12px; font-size: 0.95em; }
  nav.ckg-nav a { color: #1f4e79; text-decoration: none; font-weight: bold; }
  nav.ckg-nav form { display: flex; gap: 4px; }
  nav.ckg-nav span { color: #666; }
  h1 { font-size: 1.6em; margin: 12px 0 4px; } h2 { font-size: 1.2em; margin: 22px 0 6px; }
  .meta { color: #555; margin: 0 0 8px; } code { font-size: 0.9em; color: #555; }
  blockquote { margin: 4px 0 4px 0; padding: 4px 10px; border-left: 3px solid #9ab; background: #f6f8fa; }
  .claim, .relation { margin: 0 0 14px; } .small { color: #666; font-size: 0.9em; }
  table { border-collapse: collapse; margin: 4px 0; } td, th { border: 1px solid #ddd; padding: 2px 8px;
    text-align: left; font-size: 0.92em; }
  ul.hits li { margin: 0 0 6px; } textarea { width: 100%; font-family: monospace; }
</style>"""


def _nav(query: str = "") -> str:
    return (
        '<nav class="ckg-nav"><a href="/">ConflictKG graph</a>'
        '<form action="/search" method="get" role="search">'
        f'<input type="search" name="q" value="{esc(query)}" placeholder="Search entities" '
        'aria-label="Search">'
        '<button type="submit">Search</button></form><a href="/sparql">SPARQL</a></nav>'
    )


def _layout(title: str, body: str, *, query: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>{_STYLE}</head>\n<body>{_nav(query)}\n<main>{body}</main></body></html>\n"
    )


def entity_href(key: str) -> str:
    """The page of an entity, as a path (not yet HTML-escaped)."""
    return "/entity/" + quote(key, safe="/")


def _entity_link(named: Named) -> str:
    if named.key is None:
        return esc(named.label)
    return f'<a href="{esc(entity_href(named.key))}">{esc(named.label)}</a>'


def _external(url: str | None, text: str) -> str:
    """A link to ``url`` when it is http(s); the text alone otherwise (never a javascript: href)."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def _article(iri: str, articles: Mapping[str, ArticleInfo], *, brief: bool = False) -> str:
    """An article as a link to where it was published, with its outlet, date and file unless
    ``brief``; the gazetteer and entity graphs by name."""
    if iri == str(GAZETTEER_GRAPH):
        return "gazetteer"
    if iri == str(ENTITIES_GRAPH):
        return "entity descriptions"
    info = articles.get(iri) or ArticleInfo(iri)
    name = info.headline or info.file or iri
    if brief:
        return _external(info.url, name)
    extra = [esc(part) for part in (info.publisher, info.published) if part]
    if info.file and info.headline:
        extra.append(f"<code>{esc(info.file)}</code>")
    return _external(info.url, name) + (f' <span class="small">({", ".join(extra)})</span>' if extra else "")


def entity_page(
    facts: EntityFacts,
    assertions: Sequence[AssertionFact] = (),
    reports: Mapping[str, ArticleInfo] | None = None,
) -> str:
    """The page of one entity: names, relations with evidence, the assertions it makes or is
    counted in (with ``reports``, their articles' metadata), claims with figures, sources."""
    entity = facts.entity
    meta = [esc(" / ".join(facts.classes) or "no class")]
    meta += [_external(f"https://www.wikidata.org/wiki/{qid}", f"Wikidata {qid}") for qid in facts.wikidata]
    meta += [f"same as {_external(iri, iri)}" for iri in facts.same_as]
    meta.append(f"<code>{esc(entity.iri)}</code>")
    parts = [
        f"<h1>{esc(entity.label)}</h1>",
        f'<p class="meta">{" &middot; ".join(meta)}</p>',
        "<h2>Names</h2>",
    ]
    parts.append(
        f"<p>Also known as: {esc('; '.join(facts.aliases)) if facts.aliases else '(no aliases)'}</p>"
    )
    if facts.names_in_text:
        named = "; ".join(f"{esc(text)} ({count})" for text, count in facts.names_in_text)
        parts.append(f"<p>Named in the articles as: {named}</p>")

    parts.append(f"<h2>Relations ({len(facts.relations)})</h2>")
    # What the articles state first; the gazetteer's background facts after them.
    relations = sorted(facts.relations, key=lambda r: all(g == str(GAZETTEER_GRAPH) for g in r.graphs))
    parts += [_relation(entity, relation, facts.articles) for relation in relations] or ["<p>None.</p>"]

    parts.append(f"<h2>Assertions ({len(assertions)})</h2>")
    if assertions:
        parts.append(
            '<p class="small">Each claimant&rsquo;s figure once, however many articles report it; '
            "copies of one wire story are one story, one origin.</p>"
        )
    articles = {**facts.articles, **(reports or {})}
    parts += [_assertion(a, articles) for a in assertions] or ["<p>None.</p>"]

    makes = [c for c in facts.claims if {"claimant", "via"} & set(c.roles)]
    about = [c for c in facts.claims if not {"claimant", "via"} & set(c.roles)]
    parts.append(f"<h2>Claims it makes or passes on ({len(makes)})</h2>")
    parts += _claims_by_sentence(makes, facts.articles) or ["<p>None.</p>"]
    parts.append(f"<h2>Claims about it ({len(about)})</h2>")
    parts += _claims_by_sentence(about, facts.articles) or ["<p>None.</p>"]

    mentioned = dict(facts.mentions)
    sources = sorted(
        (iri for iri in facts.articles if iri not in (str(GAZETTEER_GRAPH), str(ENTITIES_GRAPH))),
        key=lambda iri: (-mentioned.get(iri, 0), iri),
    )
    parts.append(f"<h2>Source articles ({len(sources)})</h2><ul>")
    for iri in sources:
        count = mentioned.get(iri, 0)
        parts.append(
            f"<li>{_article(iri, facts.articles)} &middot; {count} mention{'' if count == 1 else 's'}</li>"
        )
    parts.append("</ul>")
    return _layout(f"{entity.label} - ConflictKG", "\n".join(parts))


def _assertion(fact: AssertionFact, articles: Mapping[str, ArticleInfo]) -> str:
    """One assertion: who, the figure, what it counts, how often and how independently it is
    reported, who corroborates or contradicts it, and its reports by story."""
    who = ", ".join(_entity_link(n) for n in fact.claimants) or "an unnamed source"
    counts = f" of {_entity_link(fact.counts)}" if fact.counts else ""
    stated = (
        fact.first_stated
        if fact.first_stated == fact.last_stated
        else (f"{fact.first_stated} to {fact.last_stated}")
    )
    facts = [
        f"{fact.reports} report{'' if fact.reports == 1 else 's'}, "
        f"{len(fact.stories)} stor{'y' if len(fact.stories) == 1 else 'ies'}"
    ]
    facts += [f"stated {esc(stated)}"] if stated else []
    linked = [("corroborated by", fact.corroborated_by), ("disagrees with", fact.disagrees_with)]
    lines = [
        f"<p><b>{esc(label)}:</b> " + "; ".join(_linked(o) for o in others) + "</p>"
        for label, others in linked
        if others
    ]
    stories = "".join(
        f"<li>story {n}: " + "; ".join(_article(a, articles, brief=True) for a in story) + "</li>"
        for n, story in enumerate(fact.stories, start=1)
    )
    return (
        f'<div class="claim assertion"><p>{who}: <b>{esc(fact.figure)}</b> {esc(fact.measure)}{counts} '
        f'<span class="small">{" &middot; ".join(facts)}</span></p>{"".join(lines)}'
        f'<ul class="small">{stories}</ul></div>'
    )


def _linked(other: LinkedAssertion) -> str:
    who = ", ".join(_entity_link(n) for n in other.claimants) or "an unnamed source"
    return f"{who} ({esc(other.figure)})"


def _relation(entity: Named, relation: RelationFact, articles: Mapping[str, ArticleInfo]) -> str:
    me = f"<b>{esc(entity.label)}</b>"
    other = _entity_link(relation.other)
    subject, obj = (me, other) if relation.outgoing else (other, me)
    stated = "; ".join(_article(graph, articles, brief=True) for graph in relation.graphs)
    sentences = dict.fromkeys(clean_sentence(e.text) for e in relation.evidence)  # each once
    evidence = "".join(f"<blockquote>{esc(text)}</blockquote>" for text in sentences)
    return (
        f'<div class="relation">{subject} <em>{esc(relation.predicate)}</em> {obj} '
        f'<span class="small">stated in: {stated}</span>{evidence}</div>'
    )


def _claims_by_sentence(claims: Sequence[ClaimFact], articles: Mapping[str, ArticleInfo]) -> list[str]:
    """The claims grouped under their sentence: a sentence that carries several claims (a figure
    each) is quoted once, with each claim's facts under it."""
    grouped: dict[tuple[str | None, str], list[ClaimFact]] = {}
    for claim in claims:
        grouped.setdefault((claim.article, clean_sentence(claim.text)), []).append(claim)
    parts = []
    for (article, text), members in grouped.items():
        source = f'<p class="small">Reported in: {_article(article, articles)}</p>' if article else ""
        facts = "".join(_claim(claim) for claim in members)
        parts.append(f'<div class="claim"><blockquote>{esc(text)}</blockquote>{facts}{source}</div>')
    return parts


def _claim(claim: ClaimFact) -> str:
    """What one claim says: by whom, how, when, about what, what is claimed, its figures."""
    who = ", ".join(_entity_link(n) for n in claim.claimants)
    if not who:
        who = (
            f"unnamed source &ldquo;{esc(claim.source_text)}&rdquo;"
            if claim.source_text
            else "not attributed"
        )
    facts = [f"<b>By:</b> {who}"]
    if claim.via:
        facts.append("<b>via:</b> " + ", ".join(_entity_link(n) for n in claim.via))
    if claim.cue:
        facts.append(f"<b>verb:</b> {esc(claim.cue)}")
    if claim.certainty:
        facts.append(f"<b>certainty:</b> {esc(claim.certainty)}")
    if claim.stated_on:
        facts.append(f"<b>stated on:</b> {esc(claim.stated_on)}")
    if claim.about:
        facts.append("<b>about:</b> " + ", ".join(_entity_link(n) for n in claim.about))
    content = f'<p class="small">What is claimed: {esc(balanced(claim.content))}</p>' if claim.content else ""
    return f"{content}<p>{' &middot; '.join(facts)}</p>{_figures(claim.figures)}"


def clean_sentence(text: str) -> str:
    """A sentence as a reader should see it: one line, without the heading or caption a line
    break glued onto it (zone text a sentence splitter left attached). Of the lines, the
    sentence is the longest that ends as a sentence ends; a heading or a caption does not."""
    parts = [" ".join(part.split()) for part in _LINE_BREAK.split(text)]
    parts = [part for part in parts if part]
    ended = [part for part in parts if part.endswith(_SENTENCE_ENDS)] or parts
    return max(ended, key=lambda part: len(part.split()), default="")


def balanced(text: str) -> str:
    """``text`` without brackets that close nothing or open nothing ("The statement] is ..."
    from a quote whose editor's bracket began before the claim's content)."""
    pairs = {")": "(", "]": "[", "}": "{"}
    opened: list[int] = []
    unmatched = set()
    for i, char in enumerate(text):
        if char in "([{":
            opened.append(i)
        elif char in pairs:
            if opened and text[opened[-1]] == pairs[char]:
                opened.pop()
            else:
                unmatched.add(i)
    unmatched.update(opened)
    return " ".join("".join(c for i, c in enumerate(text) if i not in unmatched).split())


_LINE_BREAK = re.compile(r"\s*\n\s*")
_SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", ")")


def _figures(figures: Sequence[Figure]) -> str:
    if not figures:
        return ""
    rows = "".join(
        f"<tr><td>{esc(f.text)}</td><td>{esc(f.measure)}</td>"
        f"<td>{esc(bounds_text(f.qualifier or None, f.value, f.minimum, f.maximum))}</td>"
        f"<td>{esc(f.qualifier)}</td><td>{_entity_link(f.count_of) if f.count_of else ''}</td></tr>"
        for f in figures
    )
    return (
        "<table><tr><th>figure</th><th>measure</th><th>bounds</th><th>qualifier</th><th>counts</th></tr>"
        f"{rows}</table>"
    )


def search_page(query: str, hits: Sequence[SearchHit]) -> str:
    """The search form and the entities whose names contain ``query``."""
    parts = ["<h1>Search entities</h1>"]
    if query.strip():
        if hits:
            parts.append(
                f"<p>{len(hits)} entit{'y' if len(hits) == 1 else 'ies'} "
                f"named like &ldquo;{esc(query)}&rdquo;:</p>"
            )
        else:
            parts.append(f"<p>No entity's name contains &ldquo;{esc(query)}&rdquo;.</p>")
        parts.append('<ul class="hits">')
        for hit in hits:
            kind = " / ".join(hit.classes) or "no class"
            matched = "; ".join(hit.matched)
            parts.append(
                f'<li>{_entity_link(hit.entity)} <span class="small">{esc(kind)} &middot; {hit.mentions} '
                f"mention{'' if hit.mentions == 1 else 's'} &middot; matched: {esc(matched)}</span></li>"
            )
        parts.append("</ul>")
    else:
        parts.append("<p>Type part of a name: a label, an alias, or the words an article used.</p>")
    return _layout(
        f"Search: {query} - ConflictKG" if query else "Search - ConflictKG", "\n".join(parts), query=query
    )


_EXAMPLE_QUERY = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT (COUNT(DISTINCT ?claim) AS ?claims) WHERE { GRAPH ?g { ?claim a ckg:Claim } }"""


def sparql_form_page(*, allow_update: bool, timeout: float) -> str:
    """What a browser sees at /sparql without a query: a form, and how to use the endpoint."""
    writes = "accepts SPARQL Update" if allow_update else "is read-only (updates are refused with 403)"
    body = f"""<h1>SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol: <code>GET /sparql?query=...</code>, or <code>POST</code> a form
(<code>query=</code>{" or <code>update=</code>" if allow_update else ""}) or the query itself as
<code>application/sparql-query</code>. The default graph is the union of all graphs; each article's
statements are also in the named graph of the article. Results follow the Accept header: SELECT and ASK
as <code>application/sparql-results+json</code> (default), <code>application/sparql-results+xml</code>,
<code>text/csv</code> or <code>text/tab-separated-values</code>; CONSTRUCT and DESCRIBE as
<code>text/turtle</code> (default), <code>application/n-triples</code>, <code>application/ld+json</code> or
<code>application/rdf+xml</code>. This endpoint {esc(writes)}; a query may take {timeout:g} s at most.</p>
<form action="/sparql" method="get"><textarea name="query" rows="12">{esc(_EXAMPLE_QUERY)}</textarea>
<p><button type="submit">Run (results as JSON)</button></p></form>"""
    return _layout("SPARQL - ConflictKG", body)


def error_page(status: int, message: str) -> str:
    """An HTML error page: the status and a one-line message."""
    return _layout(f"{status} - ConflictKG", f"<h1>{status}</h1><p>{esc(message)}</p>")


_OPEN_SCRIPT = (
    '<script>\n  network.on("doubleClick", function (params) {\n'
    "    if (params.nodes.length !== 1) { return; }\n"
    "    var id = String(params.nodes[0]);\n"
    f"    var base = {json.dumps(str(ID))};\n"
    "    if (id.indexOf(base) !== 0) { return; }\n"
    '    var key = id.slice(base.length).split("/").map(encodeURIComponent).join("/");\n'
    '    window.location.href = "/entity/" + key;\n'
    "  });\n</script>\n"
)


def graph_page(view: View) -> str:
    """The interactive graph of :mod:`kg.render.viz`, with the server's navigation; double-clicking a node
    opens its entity page."""
    page = view_html(view)
    nav = _nav().replace("</nav>", "<span>Double-click a node to open its page.</span></nav>")
    style = (
        "<style>nav.ckg-nav{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;padding:8px 0;"
        "font-family:sans-serif}nav.ckg-nav a{color:#1f4e79;text-decoration:none;font-weight:bold}"
        "nav.ckg-nav form{display:flex;gap:4px}nav.ckg-nav span{color:#666}</style>"
    )
    page = _insert(page, "<body>", style + nav)
    at = page.rfind("</body>")
    return page[:at] + _OPEN_SCRIPT + page[at:] if at >= 0 else page + _OPEN_SCRIPT


def _insert(page: str, marker: str, text: str) -> str:
    at = page.find(marker)
    return page if at < 0 else page[: at + len(marker)] + text + page[at + len(marker) :]
