"""Assertions: one claimant's figure, however many articles report it.

A figure carried by ten articles is not ten sources. Every article's figure claims are grouped
into ``ckg:Assertion`` nodes: the same claimant (a person and the body they lead or belong to are
one, and so are a person and the body whose post names them where they speak, "Lebanese Health
Minister Firass Abiad" and "Lebanon's Health Ministry"; two spellings of one person's name are
one), the same measure and the same numbers (the qualifier aside: "41" and "at least 41" from one
briefing are one statement), stated within :data:`WINDOW_DAYS` of each other (an undated report
joins its group whatever the date).

A figure no one is named for: when the article gives no source at all it is the outlet's own
assertion (claimant the agency whose text it is, when known); when it names an unnamed source
("officials said") it stays an assertion of that story, never merged with another story's
unnamed source, which may be other people, unless its words name a claimant that gave the same
figure in another article ("emergency services said 117", the State Emergency Service's 117):
that is the claimant's statement re-reported (:mod:`kg.builder.claimants`).

Each assertion counts its reports (articles) and its Stories (independent origins), and links
to the assertions of other claimants that corroborate it or disagree with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rapidfuzz import fuzz
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.builder.claimants import Candidate, name_words, named_source, post_holders
from kg.rdf.mapping import Quad, assertion_iri
from kg.rdf.ontology import ASSERTIONS_GRAPH, CKG, ID, RDF, RDFS, SCHEMA, XSD, decimal_literal
from kg.read.figures import is_engagement

__all__ = [
    "WINDOW_DAYS",
    "Assertion",
    "Report",
    "BODIES",
    "article_places",
    "assertion_quads",
    "claimant_identity",
    "claimant_labels",
    "group_reports",
    "link_assertions",
    "read_reports",
]

#: Reports of one claimant's figure this many days apart (by the date it was stated, else the
#: article's publication date) are one assertion: a briefing is re-reported over the next days;
#: the same number from the same claimant weeks later is a new statement of a standing figure.
WINDOW_DAYS = 7
#: Corroborating figures are stated within this many days; disagreeing ones within
#: :data:`DISAGREE_DAYS` (or the later smaller), as in the ``disagreeing_figures`` query.
DISAGREE_DAYS = 90
#: Two people's labels this similar (rapidfuzz ratio) with the same last word are one person
#: spelled two ways ("Firass Abiad", "Firas Abiad").
SAME_PERSON = 85

_ARTICLE_PREFIX = str(ID["article/"])
_INF = Decimal("1e18")


@dataclass(frozen=True, slots=True)
class Report:
    """One figure of one article's claim, with what grouping needs."""

    claim: URIRef
    quantity: URIRef
    article: URIRef
    measure: URIRef
    qualifier: URIRef | None
    numbers: tuple[Decimal | None, Decimal | None, Decimal | None]  # value, min, max
    text: str | None
    count_of: URIRef | None
    claimants: tuple[URIRef, ...]
    via: tuple[URIRef, ...]
    sourced: bool  # the article names a source ("officials said") even if no entity
    day: date | None
    increment: bool = False
    engagement: bool = False  # its sentence counts one engagement (kg.read.figures.is_engagement)
    source: str | None = None  # the words that name the source ("emergency services")
    time: tuple[tuple[URIRef, Node], ...] = ()  # its ckg:tally, ckg:periodStart, ckg:periodEnd

    @property
    def figure(self) -> frozenset[Decimal]:
        return frozenset(n for n in self.numbers if n is not None)

    def bounds(self) -> tuple[Decimal, Decimal]:
        """The figure's range as ``disagreeing_figures`` reads it."""
        value, low, high = self.numbers
        qualifier = str(self.qualifier or "").rpartition("#")[2]
        lo = (
            low
            if low is not None
            else (
                value * Decimal("0.9")
                if value is not None and qualifier in ("Approximately", "Nearly")
                else value
            )
        )
        hi = (
            high
            if high is not None
            else (value * Decimal("1.1") if value is not None and qualifier == "Approximately" else value)
        )
        return (lo if lo is not None else Decimal(0), hi if hi is not None else _INF)


@dataclass(slots=True)
class Assertion:
    """Reports grouped as one claimant's figure."""

    reports: list[Report]
    claimant_key: tuple[str, ...]
    claimants: tuple[URIRef, ...]
    stories: frozenset[URIRef]
    corroborated_by: set[URIRef] = field(default_factory=set)
    disagrees_with: set[URIRef] = field(default_factory=set)

    @property
    def first(self) -> Report:
        return min(self.reports, key=_report_order)

    @property
    def iri(self) -> URIRef:
        return assertion_iri(self.first.quantity)

    @property
    def days(self) -> list[date]:
        return sorted(r.day for r in self.reports if r.day is not None)


def read_reports(dataset: Dataset) -> list[Report]:
    """Every figure of every article's claims, from the article graphs."""
    by_predicate: dict[URIRef, dict[Node, list[Node]]] = {}
    wanted = (
        CKG.reportedIn, CKG.quantity, CKG.measure, CKG.qualifier, CKG.value, CKG.minValue, CKG.maxValue,
        CKG.countOf, CKG.claimant, CKG.via, CKG.sourceText, CKG.statedOn, SCHEMA.datePublished,
        CKG.tally, CKG.periodStart, CKG.periodEnd,
    )  # fmt: skip
    for predicate in wanted:
        found: dict[Node, list[Node]] = defaultdict(list)
        for s, _, o, g in dataset.quads((None, predicate, None, None)):
            if str(getattr(g, "identifier", g)).startswith(_ARTICLE_PREFIX):
                found[s].append(o)
        by_predicate[predicate] = found

    def one(node: Node, predicate: URIRef) -> Node | None:
        values = by_predicate[predicate].get(node)
        return min(values, key=str) if values else None

    reports = []
    for claim, articles in by_predicate[CKG.reportedIn].items():
        article = articles[0]
        if not isinstance(claim, URIRef) or not isinstance(article, URIRef):
            continue
        stated = one(claim, CKG.statedOn) or one(article, SCHEMA.datePublished)
        sentence = min(
            (o for _, _, o, _ in dataset.quads((claim, CKG.text, None, None))), key=str, default=""
        )
        for quantity in sorted(by_predicate[CKG.quantity].get(claim, []), key=str):
            measure = one(quantity, CKG.measure)
            if not isinstance(quantity, URIRef) or not isinstance(measure, URIRef):
                continue
            # one lookup: every mention and sentence has a ckg:text too, far more than figures
            figure_text = min(
                (o for _, _, o, _ in dataset.quads((quantity, CKG.text, None, None))), key=str, default=None
            )
            numbers = tuple(_decimal(one(quantity, p)) for p in (CKG.value, CKG.minValue, CKG.maxValue))
            if all(n is None for n in numbers):
                continue
            count_of, qualifier = one(quantity, CKG.countOf), one(quantity, CKG.qualifier)
            reports.append(
                Report(
                    claim=claim,
                    quantity=quantity,
                    article=article,
                    measure=measure,
                    qualifier=qualifier if isinstance(qualifier, URIRef) else None,
                    numbers=(numbers[0], numbers[1], numbers[2]),
                    text=str(figure_text) if figure_text is not None else None,
                    count_of=count_of if isinstance(count_of, URIRef) else None,
                    claimants=tuple(
                        sorted(
                            {c for c in by_predicate[CKG.claimant].get(claim, []) if isinstance(c, URIRef)}
                        )
                    ),
                    via=tuple(
                        sorted({v for v in by_predicate[CKG.via].get(claim, []) if isinstance(v, URIRef)})
                    ),
                    sourced=claim in by_predicate[CKG.sourceText],
                    day=_date(stated),
                    increment=one(quantity, CKG.tally) == CKG.Increment,
                    engagement=is_engagement(str(sentence)),
                    time=tuple(
                        (p, stored)
                        for p in (CKG.tally, CKG.periodStart, CKG.periodEnd)
                        if (stored := one(quantity, p)) is not None
                    ),
                    source=str(src) if (src := one(claim, CKG.sourceText)) is not None else None,
                )
            )
    return sorted(reports, key=_report_order)


def claimant_identity(dataset: Dataset) -> dict[URIRef, URIRef]:
    """Each claimant-capable entity's representative: a person joins the body they lead or are a
    member of (``leaderOf``, ``memberOf``, or a post in it named where they speak, see
    :func:`kg.builder.claimants.post_holders`), and two spellings of one person's name are one."""
    people = dict.fromkeys(_of_class(dataset, (CKG.Person,)), "")
    people.update(claimant_labels(dataset, people))
    parent: dict[URIRef, URIRef] = {}

    def find(x: URIRef) -> URIRef:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: URIRef, b: URIRef) -> None:
        ra, rb = sorted((find(a), find(b)), key=str)
        parent[rb] = ra

    for predicate in (CKG.leaderOf, CKG.memberOf):
        for s, _, o, _ in dataset.quads((None, predicate, None, None)):
            if s in people and isinstance(s, URIRef) and isinstance(o, URIRef):
                union(s, o)
    bodies = claimant_labels(dataset, _of_class(dataset, BODIES))
    for person, body in post_holders(_named_sources(dataset, people), people, bodies):
        union(person, body)
    by_surname: dict[str, list[URIRef]] = defaultdict(list)
    for person, label in sorted(people.items()):
        words = label.casefold().split()
        if len(words) >= 2:
            by_surname[words[-1]].append(person)
    for namesakes in by_surname.values():
        for i, a in enumerate(namesakes):
            for b in namesakes[i + 1 :]:
                if fuzz.ratio(people[a].casefold(), people[b].casefold()) >= SAME_PERSON:
                    union(a, b)
    return {x: find(x) for x in list(parent)}


def group_reports(
    reports: Sequence[Report],
    story_of: Mapping[URIRef, URIRef],
    outlet_of: Mapping[URIRef, URIRef],
    identity: Mapping[URIRef, URIRef],
    labels: Mapping[URIRef, str] | None = None,
) -> list[Assertion]:
    """The reports grouped into assertions (see the module docstring for the rules); with the
    claimants' ``labels``, an unnamed source that names a claimant of the same figure elsewhere
    is that claimant (:func:`kg.builder.claimants.named_source`)."""
    keys = [_claimant_key(r, story_of, outlet_of, identity) for r in reports]
    if labels:
        for i, key in _resolved_sources(reports, identity, labels).items():
            keys[i] = key
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, (report, key) in enumerate(zip(reports, keys, strict=True)):
        for who in key:
            buckets[(report.measure, report.figure, who)].append(i)
    for members in buckets.values():
        dated = sorted((i for i in members if reports[i].day is not None), key=lambda i: (reports[i].day, i))
        undated = [i for i in members if reports[i].day is None]
        for a, b in zip(dated, dated[1:], strict=False):
            da, db = reports[a].day, reports[b].day
            if da is not None and db is not None and (db - da).days <= WINDOW_DAYS:
                _union(parent, find, a, b)
        anchor = dated[0] if dated else (undated[0] if undated else None)
        for i in undated:
            if anchor is not None:
                _union(parent, find, anchor, i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(reports)):
        groups[find(i)].append(i)
    assertions = []
    for members in groups.values():
        grouped = [reports[i] for i in members]
        key = tuple(sorted({who for i in members for who in keys[i]}))
        named = {c for r in grouped for c in r.claimants}
        if not named:
            named = {outlet_of[r.article] for r in grouped if not r.sourced and r.article in outlet_of}
        assertions.append(
            Assertion(
                reports=sorted(grouped, key=_report_order),
                claimant_key=key,
                claimants=tuple(sorted(named)),
                stories=frozenset(story_of.get(r.article, r.article) for r in grouped),
            )
        )
    assertions.sort(key=lambda a: str(a.iri))
    return assertions


def link_assertions(assertions: Sequence[Assertion], places: Mapping[URIRef, frozenset[URIRef]]) -> None:
    """Fill in which assertions of other claimants corroborate or disagree with each one; an
    increment, or a figure of one engagement, is compared with nothing (as ``kg figures`` does)."""
    by_measure: dict[tuple[URIRef, URIRef | None], list[Assertion]] = defaultdict(list)
    for a in assertions:
        first = a.first
        if not first.increment and not first.engagement:
            by_measure[(first.measure, first.count_of)].append(a)
    for (_, count_of), group in by_measure.items():
        # what each pair compares, computed once per assertion (undated ones are compared with nothing)
        info = [
            (a, a.iri, *a.first.bounds(), days[0].toordinal(), frozenset(a.claimant_key), _places(a, places))
            for a in group
            if (days := a.days)
        ]
        for i, (a, iri_a, lo_a, hi_a, day_a, key_a, places_a) in enumerate(info):
            for b, iri_b, lo_b, hi_b, day_b, key_b, places_b in info[i + 1 :]:
                if not key_a.isdisjoint(key_b):
                    continue
                apart = abs(day_a - day_b)
                if lo_a <= hi_b and lo_b <= hi_a:
                    if apart <= WINDOW_DAYS and not places_a.isdisjoint(places_b):
                        a.corroborated_by.add(iri_b)
                        b.corroborated_by.add(iri_a)
                elif count_of is not None:
                    low, high = (day_a, day_b) if hi_a < lo_b else (day_b, day_a)
                    if apart <= DISAGREE_DAYS or low > high:
                        a.disagrees_with.add(iri_b)
                        b.disagrees_with.add(iri_a)


def article_places(dataset: Dataset) -> dict[URIRef, frozenset[URIRef]]:
    """The settlements and regions each article mentions: what tells one event from another."""
    places = {
        s
        for cls in (CKG.Settlement, CKG.Region)
        for s, _, _, _ in dataset.quads((None, RDF.type, cls, None))
        if isinstance(s, URIRef)
    }
    found: dict[URIRef, set[URIRef]] = defaultdict(set)
    for _, _, o, g in dataset.quads((None, CKG.refersTo, None, None)):
        name = getattr(g, "identifier", g)
        if o in places and isinstance(o, URIRef) and isinstance(name, URIRef):
            found[name].add(o)
    return {a: frozenset(p) for a, p in found.items()}


def assertion_quads(assertions: Iterable[Assertion]) -> list[Quad]:
    """The assertions graph."""
    g = ASSERTIONS_GRAPH
    quads: list[Quad] = []
    for a in assertions:
        node, first = a.iri, a.first
        quads.append((node, RDF.type, CKG.Assertion, g))
        for report in a.reports:
            quads.append((node, CKG.reportedAs, report.claim, g))
        for claimant in a.claimants:
            quads.append((node, CKG.claimant, claimant, g))
        for via in sorted({v for r in a.reports for v in r.via}):
            quads.append((node, CKG.via, via, g))
        q = URIRef(f"{node}/quantity")
        quads += [
            (node, CKG.quantity, q, g),
            (q, RDF.type, CKG.Quantity, g),
            (q, CKG.measure, first.measure, g),
            (q, CKG.qualifier, first.qualifier or CKG.Exact, g),
        ]
        for predicate, number in zip((CKG.value, CKG.minValue, CKG.maxValue), first.numbers, strict=True):
            if number is not None:
                quads.append((q, predicate, decimal_literal(number), g))
        if first.text:
            quads.append((q, CKG.text, Literal(first.text), g))
        if first.count_of is not None:
            quads.append((q, CKG.countOf, first.count_of, g))
        quads += [(q, predicate, obj, g) for predicate, obj in first.time]
        days = a.days
        if days:
            quads.append((node, CKG.firstStated, Literal(days[0].isoformat(), datatype=XSD.date), g))
            quads.append((node, CKG.lastStated, Literal(days[-1].isoformat(), datatype=XSD.date), g))
        quads.append((node, CKG.reportCount, Literal(len({r.article for r in a.reports})), g))
        quads.append((node, CKG.storyCount, Literal(len(a.stories)), g))
        for other in sorted(a.corroborated_by):
            quads.append((node, CKG.corroboratedBy, other, g))
        for other in sorted(a.disagrees_with):
            quads.append((node, CKG.disagreesWith, other, g))
    return quads


#: Entities that a person may speak for (a State is left out: a citizen speaks for no state).
BODIES = (
    CKG.GovernmentBody,
    CKG.Organization,
    CKG.InternationalOrganization,
    CKG.ArmedGroup,
    CKG.MilitaryUnit,
)


def claimant_labels(dataset: Dataset, entities: Iterable[URIRef]) -> dict[URIRef, str]:
    """The label of each of ``entities`` (the least, when it has several): what names a claimant.
    One lookup each: a store holds many more labels (places, mentions' entities) than claimants."""
    labels: dict[URIRef, str] = {}
    for entity in entities:
        found = [str(o) for _, _, o, _ in dataset.quads((entity, RDFS.label, None, None))]
        if found:
            labels[entity] = min(found)
    return labels


def _of_class(dataset: Dataset, classes: Iterable[URIRef]) -> set[URIRef]:
    return {
        s
        for cls in classes
        for s, _, _, _ in dataset.quads((None, RDF.type, cls, None))
        if isinstance(s, URIRef)
    }


def _named_sources(dataset: Dataset, people: Mapping[URIRef, str]) -> list[tuple[URIRef, str]]:
    """(person, source words) of each claim that names one person as its only claimant."""
    claimants: dict[Node, set[Node]] = defaultdict(set)
    for s, _, o, _ in dataset.quads((None, CKG.claimant, None, None)):
        claimants[s].add(o)
    found = set()
    for s, _, o, _ in dataset.quads((None, CKG.sourceText, None, None)):
        only = claimants.get(s, set())
        who = next(iter(only)) if len(only) == 1 else None
        if isinstance(who, URIRef) and who in people:
            found.add((who, str(o)))
    return sorted(found)


def _resolved_sources(
    reports: Sequence[Report], identity: Mapping[URIRef, URIRef], labels: Mapping[URIRef, str]
) -> dict[int, tuple[str, ...]]:
    """Unnamed sources that name a claimant: report index -> that claimant's key."""
    named: dict[tuple[URIRef, frozenset[Decimal]], list[Report]] = defaultdict(list)
    for report in reports:
        if report.claimants:
            named[(report.measure, report.figure)].append(report)
    resolved: dict[int, tuple[str, ...]] = {}
    for i, report in enumerate(reports):
        if report.claimants or not report.sourced or not report.source:
            continue
        candidates = [
            Candidate(str(identity.get(c, c)), name_words(labels[c]))
            for other in named.get((report.measure, report.figure), ())
            if other.article != report.article and _near(report.day, other.day)
            for c in other.claimants
            if c in labels
        ]
        key = named_source(report.source, candidates)
        if key is not None:
            resolved[i] = (key,)
    return resolved


def _near(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


def _claimant_key(
    report: Report,
    story_of: Mapping[URIRef, URIRef],
    outlet_of: Mapping[URIRef, URIRef],
    identity: Mapping[URIRef, URIRef],
) -> tuple[str, ...]:
    if report.claimants:
        return tuple(sorted({str(identity.get(c, c)) for c in report.claimants}))
    outlet = outlet_of.get(report.article)
    if outlet is not None and not report.sourced:
        return (f"outlet {outlet}",)
    return (f"story {story_of.get(report.article, report.article)}",)


def _union(parent: list[int], find: Callable[[int], int], a: int, b: int) -> None:
    ra, rb = sorted((find(a), find(b)))
    parent[rb] = ra


def _places(a: Assertion, places: Mapping[URIRef, frozenset[URIRef]]) -> frozenset[URIRef]:
    return frozenset().union(*(places.get(r.article, frozenset()) for r in a.reports))


def _report_order(report: Report) -> tuple[str, str, str]:
    return (report.day.isoformat() if report.day else "9999-12-31", str(report.article), str(report.quantity))


def _decimal(node: Node | None) -> Decimal | None:
    if node is None:
        return None
    try:
        return Decimal(str(node))
    except ArithmeticError:
        return None


def _date(node: Node | None) -> date | None:
    if node is None:
        return None
    try:
        return date.fromisoformat(str(node)[:10])
    except ValueError:
        return None
