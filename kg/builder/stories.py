"""Stories: articles that are copies of one original text share one ``ckg:Story``.

Each article keeps, in its own graph, its shingle fingerprint (``ckg:shingles``) and the agency
it credits (``ckg:originatedBy``). The stories are then a function of the stored articles alone:
an LSH index over their MinHash signatures proposes candidate copies (no article is compared with
every other), each candidate pair is checked by exact shingle containment, and copies are joined
transitively. So a build that adds a copy puts it in the existing story, ``kg remove`` of one
copy keeps the story for the others, and the result does not depend on the order articles came
in: the story IRI is that of its earliest member (publication date, then id).

Stories are kept up to date incrementally (:func:`story_groups`): the stories graph already joins
the stored articles, so a build compares only its new articles with the rest (their LSH
candidates), and a removal regroups only the stories that lost a member. Copies are the
connected parts of the copy relation, so this gives the stories a whole recomputation gives.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from datasketch import MinHashLSH
from rdflib import Dataset, Literal, URIRef

from kg.builder.shingles import NUM_PERM, Fingerprint, fingerprint
from kg.extract.gazetteer import Gazetteer
from kg.model import Article
from kg.rdf.mapping import Quad, article_iri, entity_iri, story_iri
from kg.rdf.ontology import CKG, ID, RDF, SCHEMA, STORIES_GRAPH

__all__ = [
    "CONTAINMENT",
    "OutletFinder",
    "StoredArticle",
    "article_story_quads",
    "copy_groups",
    "stored_stories",
    "story_groups",
    "stored_articles",
    "story_quads",
]

#: Two texts are copies when this share of the smaller one's shingles is in the other. Copies of
#: one wire story measured 0.5 to 0.8 (a shortened copy, a rewritten lead), independent reports
#: of one event at most 0.2 (shared quotes and names).
CONTAINMENT = 0.4
#: The LSH index's Jaccard threshold: low, because a shortened copy or one below a long added
#: lead has a small Jaccard similarity with its original although it is contained in it
#: (copies measured 0.18 and up); the candidates are then checked by containment.
LSH_THRESHOLD = 0.1

_ARTICLE_PREFIX = str(ID["article/"])
#: An agency speaking in its own voice: "Reuters could not immediately verify the report".
_UNVERIFIED = r"(?:could not|was unable to|was not able to|cannot) (?:immediately )?(?:independently )?verify"


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the stories are computed from, as the store holds it."""

    iri: URIRef
    fingerprint: Fingerprint
    published: str | None
    outlet: URIRef | None


class OutletFinder:
    """Finds the agency an article credits as the origin of its text, among the gazetteer's
    media outlets: in the publisher metadata before any "(published by ...)", else in the text
    ("(AP)", "Reuters could not verify", "Reuters reported")."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        names: list[tuple[str, str]] = []
        for entry in gazetteer.entries:
            if entry.cls == "MediaOutlet":
                names += [(name, entry.id) for name in (entry.label, *entry.aliases)]
        names.sort(key=lambda n: (-len(n[0]), n[0]))  # the longest name first: "AFP" inside nothing
        self._ids = {name.casefold(): key for name, key in names}
        alternatives = "|".join(re.escape(name) for name, _ in names) or r"(?!)"
        name = rf"(?:[Tt]he )?(?P<name>{alternatives})"
        self._in_publisher = re.compile(rf"\b{name}\b")
        self._in_text = [
            re.compile(rf"\(\s*{name}\s*\)"),
            re.compile(rf"\b{name} {_UNVERIFIED}"),
            re.compile(rf"\b{name} reported\b"),
        ]

    def find(self, article: Article) -> URIRef | None:
        if article.publisher:
            credited = re.split(r"\(\s*published by|\bpublished by\b", article.publisher, maxsplit=1)[0]
            match = self._in_publisher.search(credited)
            if match:
                return self._entity(match.group("name"))
        for pattern in self._in_text:  # the whole text: "KYIV (AP) --" is a dateline zone
            match = pattern.search(article.text)
            if match:
                return self._entity(match.group("name"))
        return None

    def _entity(self, name: str) -> URIRef:
        return entity_iri(self._ids[name.casefold()])


def article_story_quads(article: Article, outlets: OutletFinder) -> Iterator[Quad]:
    """What the article's own graph keeps for stories: its fingerprint and credited agency."""
    node = article_iri(article.id)
    found = fingerprint(article)
    if found.size:
        yield node, CKG.shingles, Literal(found.encode()), node
    outlet = outlets.find(article)
    if outlet is not None:
        yield node, CKG.originatedBy, outlet, node


def stored_articles(dataset: Dataset) -> dict[URIRef, StoredArticle]:
    """Every article of the store with what its own graph says for stories."""
    published: dict[URIRef, str] = {}
    outlets: dict[URIRef, URIRef] = {}
    prints: dict[URIRef, Fingerprint] = {}
    articles: set[URIRef] = set()
    for s, _, _, g in dataset.quads((None, RDF.type, CKG.Article, None)):
        if isinstance(s, URIRef) and _graph_name(g) == s:
            articles.add(s)
    for s, _, o, _ in dataset.quads((None, SCHEMA.datePublished, None, None)):
        if isinstance(s, URIRef):
            published[s] = str(o)
    for s, _, o, g in dataset.quads((None, CKG.originatedBy, None, None)):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and _graph_name(g) == s:
            outlets[s] = o
    for s, _, o, _ in dataset.quads((None, CKG.shingles, None, None)):
        if isinstance(s, URIRef):
            try:
                prints[s] = Fingerprint.decode(str(o))
            except ValueError:
                continue  # a damaged fingerprint: the article is a story of its own
    return {
        a: StoredArticle(a, prints.get(a, Fingerprint(())), published.get(a), outlets.get(a))
        for a in sorted(articles)
    }


def copy_groups(articles: Mapping[URIRef, StoredArticle]) -> list[list[URIRef]]:
    """The articles joined into stories, each story's members earliest first."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    for iri, article in articles.items():
        if article.fingerprint.size:
            signatures[iri] = article.fingerprint.minhash()
            lsh.insert(iri, signatures[iri])
    joined = _Joined(articles)
    for iri, signature in signatures.items():
        mine = articles[iri].fingerprint
        for other in lsh.query(signature):
            if other <= iri:
                continue  # each pair once
            if mine.containment(articles[other].fingerprint) >= CONTAINMENT:
                joined.join((iri, other))
    return _components(articles, joined)


class _Joined:
    """Which articles are copies of each other, joined pair by pair (a union-find whose roots
    are the least IRIs, so the groups do not depend on the order of the joins)."""

    def __init__(self, articles: Iterable[URIRef]) -> None:
        self._parent = {iri: iri for iri in articles}

    def find(self, iri: URIRef) -> URIRef:
        parent = self._parent
        while parent[iri] != iri:
            parent[iri] = parent[parent[iri]]
            iri = parent[iri]
        return iri

    def join(self, members: Sequence[URIRef]) -> None:
        for other in members[1:]:
            a, b = sorted((self.find(members[0]), self.find(other)))
            if a != b:
                self._parent[b] = a


def _components(articles: Mapping[URIRef, StoredArticle], joined: _Joined) -> list[list[URIRef]]:
    """The groups of ``joined``, each earliest first, in a fixed order."""
    groups: dict[URIRef, list[URIRef]] = defaultdict(list)
    for iri in articles:
        groups[joined.find(iri)].append(iri)
    return sorted(
        (sorted(g, key=lambda a: _earliest(articles[a])) for g in groups.values()), key=lambda g: g[0]
    )


def stored_stories(dataset: Dataset) -> dict[URIRef, URIRef]:
    """Each article's story as the stories graph holds it (the least, should it hold two)."""
    found: dict[URIRef, URIRef] = {}
    for s, _, o, g in dataset.quads((None, CKG.story, None, None)):
        if isinstance(s, URIRef) and isinstance(o, URIRef) and _graph_name(g) == STORIES_GRAPH:
            found[s] = min(found.get(s, o), o)
    return found


def story_groups(
    articles: Mapping[URIRef, StoredArticle], known: Mapping[URIRef, URIRef]
) -> list[list[URIRef]]:
    """The stories of ``articles`` (as :func:`copy_groups` gives them), from the stories ``known``
    for some of them: a known story keeps its members, one that lost a member is regrouped
    among the rest, and each article not known yet joins the stories of its copies."""
    joined = _Joined(articles)
    stories: dict[URIRef, list[URIRef]] = defaultdict(list)
    for article, story in known.items():
        stories[story].append(article)
    for members in stories.values():
        kept = [m for m in members if m in articles]
        if len(kept) == len(members):
            joined.join(kept)
        else:  # a removed copy may have been what joined the others
            for group in copy_groups({m: articles[m] for m in kept}):
                joined.join(group)
    new = [iri for iri in articles if iri not in known and articles[iri].fingerprint.size]
    if new:
        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        for iri, stored in articles.items():
            if stored.fingerprint.size:
                lsh.insert(iri, stored.fingerprint.minhash())
        for iri in new:
            mine = articles[iri].fingerprint
            for other in lsh.query(mine.minhash()):
                if other != iri and mine.containment(articles[other].fingerprint) >= CONTAINMENT:
                    joined.join((iri, other))
    return _components(articles, joined)


def story_quads(
    articles: Mapping[URIRef, StoredArticle], known: Mapping[URIRef, URIRef] | None = None
) -> tuple[list[Quad], dict[URIRef, URIRef]]:
    """The stories graph, and each article's story; with the stories ``known`` so far
    (:func:`stored_stories`), only what changed is compared (:func:`story_groups`)."""
    quads: list[Quad] = []
    story_of: dict[URIRef, URIRef] = {}
    for members in story_groups(articles, known or {}):
        story = story_iri(members[0].removeprefix(_ARTICLE_PREFIX))
        quads.append((story, RDF.type, CKG.Story, STORIES_GRAPH))
        outlet = _most_credited(articles[a].outlet for a in members)
        if outlet is not None:
            quads.append((story, CKG.originatedBy, outlet, STORIES_GRAPH))
        for article in members:
            quads.append((article, CKG.story, story, STORIES_GRAPH))
            story_of[article] = story
    return quads, story_of


def _earliest(article: StoredArticle) -> tuple[str, str]:
    """Dated before undated, then by date, then by IRI."""
    return (article.published or "9999-12-31", str(article.iri))


def _most_credited(outlets: Iterable[URIRef | None]) -> URIRef | None:
    counts = Counter(o for o in outlets if o is not None)
    if not counts:
        return None
    return min(counts, key=lambda o: (-counts[o], str(o)))


def _graph_name(graph: object) -> object:
    """A quad's graph as its name, whichever form the store gives it in."""
    return getattr(graph, "identifier", graph)
