"""A synthetic ConflictKG graph of about N triples, written as N-Quads, for store and query benchmarks.

The quads come from :mod:`kg.rdf.mapping` (``article_quads``, ``entity_quads``, ``gazetteer_quads``)
applied to made-up ``ExtractedArticle`` records, so their shape is exactly what ``kg build``
writes: one named graph per article with its metadata, mentions, claims (figures with measure,
qualifier, value or bounds, counted group, date, claimants, intermediaries, certainty) and
relations with ``ckg:Evidence`` nodes; entity descriptions (class, label, aliases seen, Wikidata)
in the entities graph; the ontology and gazetteer graphs as ``kg build`` adds them.

The article text is assembled from sentence templates, so every offset points at the words it
names. Entities are drawn from the gazetteer (a few core actors of the North Korea-in-Kursk story
far more often, as in real coverage) and from a long tail of made-up people, units, towns and
administrations that grows with the corpus; figures for a measure and counted group follow a
rising trend with noise, as running tolls do. About 1,000 triples per article, like the seeds.

Deterministic: the same ``--seed`` and ``--triples`` give the same bytes. The file is streamed;
only the current article and the set of entity descriptions already written are held in memory.
Generation stops at the first article boundary at or past N, so the count is N plus at most one
article.

    python bench/synth_graph.py OUT.nq [--triples N] [--seed S]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from oxrdflib._converter import to_ox

from kg.extract.gazetteer import load_gazetteer
from kg.model import (
    Article,
    Certainty,
    Claim,
    Entity,
    ExtractedArticle,
    Figure,
    Measure,
    Mention,
    Qualifier,
    Quantity,
    Relation,
    Span,
    Zone,
)
from kg.rdf.mapping import Quad, article_quads, entity_quads, gazetteer_quads
from kg.rdf.ontology import ONTOLOGY_GRAPH, load_ontology

__all__ = ["background_quads", "synthetic_articles", "synthetic_quads", "write_nquads"]

FIRST_DAY = date(2024, 10, 1)
DAYS = 365
#: The quads a year of coverage holds where a bigger graph is spread over more days
#: (``spread``): the news rate of the 1M graph, about 2.7 articles a day.
QUADS_PER_YEAR = 1_000_000

#: Gazetteer ids real coverage names far more often than the rest, with relative weights.
CORE = {
    "russia": 40,
    "ukraine": 40,
    "north-korea": 30,
    "korean-peoples-army": 30,
    "russian-armed-forces": 20,
    "armed-forces-of-ukraine": 20,
    "kursk-oblast": 15,
    "south-korea": 12,
    "national-intelligence-service": 10,
    "vladimir-putin": 10,
    "volodymyr-zelenskyy": 10,
    "kim-jong-un": 8,
    "united-states": 8,
    "reuters": 6,
    "oleksandr-syrskyi": 4,
    "kyrylo-budanov": 3,
}

#: How articles name the three big contingents besides their labels (the contingent finder's output).
CONTINGENT_NAMES = {
    "korean-peoples-army": ("North Korean troops", "North Korean soldiers", "DPRK soldiers"),
    "russian-armed-forces": ("Russian troops", "Russian forces", "Russia's forces"),
    "armed-forces-of-ukraine": ("Ukrainian troops", "Ukrainian forces", "Kyiv's forces"),
}

ACTOR = ("Person", "GovernmentBody", "State", "MilitaryUnit", "InternationalOrganization", "MediaOutlet")
PLACE = ("Region", "Settlement", "State")
ORG = ("GovernmentBody", "MilitaryUnit", "Organization")

#: Typical size of a figure per measure (troops, people, square kilometres) on the first day.
BASE = {
    "TroopCount": 11000,
    "Killed": 300,
    "Wounded": 900,
    "KilledOrWounded": 1500,
    "Captured": 40,
    "AreaControlled": 500,
}
MEASURE_WEIGHTS = {
    "Killed": 30,
    "KilledOrWounded": 20,
    "Wounded": 15,
    "TroopCount": 15,
    "Captured": 10,
    "AreaControlled": 10,
}
QUALIFIER_WEIGHTS = {
    "Exact": 25,
    "Approximately": 20,
    "Nearly": 5,
    "AtLeast": 15,
    "MoreThan": 15,
    "AtMost": 3,
    "LessThan": 2,
    "Range": 10,
    "Vague": 5,
}
#: Reporting verb as written, its lemma and the certainty it gives (as kg/extract does).
CUES: tuple[tuple[str, str, Certainty, int], ...] = (
    ("said", "say", "Asserted", 55),
    ("estimated", "estimate", "Estimated", 15),
    ("reported", "report", "Asserted", 10),
    ("confirmed", "confirm", "Asserted", 5),
    ("claimed", "claim", "Asserted", 5),
    ("expects", "expect", "Expected", 4),
    ("denied", "deny", "Denied", 3),
)
PHRASES: dict[str, tuple[str, str]] = {  # measure -> (before the place, after the group)
    "Killed": (" had been killed near ", ""),
    "Wounded": (" had been wounded in fighting around ", ""),
    "KilledOrWounded": (" had been killed or wounded near ", ""),
    "Captured": (" had been captured near ", ""),
    "TroopCount": (" were deployed in ", ""),
    "AreaControlled": (" square kilometres had been retaken by ", ""),
}
STATEMENTS = (
    "lacked experience with drones",
    "were being used in assaults across open fields",
    "had suffered heavy losses in recent weeks",
    "were rotated away from the front line",
    "received artillery and ammunition from abroad",
    "were no match for the drones",
)
FIRST = (
    "Andrii Oleksandr Serhii Mykola Ivan Petro Yurii Dmytro Vasyl Taras Olena Iryna Oksana Kateryna "
    "Natalia Sergei Dmitry Alexei Mikhail Nikolai Pavel Igor Viktor Yevgeny Anna Maria Lee Park Choi "
    "Jung Kang Cho Yoon Jang Lim Han Shin Seo Kwon John Michael David James Robert Sarah Emily"
).split()
LAST = (
    "Kovalenko Shevchenko Bondarenko Tkachenko Kravchenko Oliinyk Shevchuk Polishchuk Lysenko Melnyk "
    "Boyko Savchenko Rudenko Marchenko Moroz Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov "
    "Volkov Solovyov Vasiliev Zaitsev Pavlov Semenov Golubev Vinogradov Bogdanov Vorobyov Fedorov "
    "Mikhailov Belyaev Tarasov Belov Seong-kweun Min-soo Jae-won Dong-hyun Sung-ho Young-ho Ji-hoon "
    "Hyun-woo Smith Johnson Williams Brown Miller Davis Wilson Anderson Thomas Taylor Moore Martin"
).split()
ROOTS = (
    "mykhailiv oleksandriv ivaniv petriv hryhoriv serhiiv bohdaniv kostiantyniv andriiv pavliv "
    "semeniv vasyliv marian kamian ozer lyp berez dubov sosniv topoliv"
).split()
UNIT_KINDS = (
    "Separate Mechanized Brigade",
    "Motor Rifle Regiment",
    "Territorial Defense Brigade",
    "Separate Assault Battalion",
    "Artillery Brigade",
    "Naval Infantry Brigade",
)
OUTLET_WORDS = ("Herald", "Daily", "Tribune", "Monitor", "Courier", "Post")


@dataclass(slots=True)
class Ent:
    key: str
    label: str
    cls: str
    names: tuple[str, ...]
    wikidata: str | None = None


@dataclass(slots=True)
class _Pool:
    """Entities to draw from: core, the rest of the gazetteer, and a growing long tail."""

    rng: random.Random
    core: list[Ent]
    core_weights: list[int]
    gazetteer: dict[str, list[Ent]]
    tail: dict[str, list[Ent]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)

    def pick(self, classes: Iterable[str], *, new_rate: float = 0.12) -> Ent:
        classes = tuple(classes)
        roll = self.rng.random()
        if roll < 0.45:
            for _ in range(8):
                ent = self.rng.choices(self.core, self.core_weights)[0]
                if ent.cls in classes:
                    return ent
        cls = self.rng.choice(classes)
        tail = self.tail.setdefault(cls, [])
        if roll < 0.7 or cls not in _MAKERS:
            return self.rng.choice(self.gazetteer[cls])
        if not tail or self.rng.random() < new_rate:
            made = self._make(cls)
            if made is not None:
                tail.append(made)
                return made
        return self.rng.choice(tail) if tail else self.rng.choice(self.gazetteer[cls])

    def _make(self, cls: str) -> Ent | None:
        for _ in range(20):
            label = _MAKERS[cls](self.rng)
            key = _slug(label)
            if key not in self.keys:
                self.keys.add(key)
                return Ent(key, label, cls, (label,))
        return None


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _unit(rng: random.Random) -> str:
    n = rng.randint(1, 250)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} {rng.choice(UNIT_KINDS)}"


def _town(rng: random.Random) -> str:
    prefix = rng.choice(("Novo", "Staro", "Velyko", "Malo", "Verkhnio", ""))
    name = f"{prefix}{rng.choice(ROOTS)}{rng.choice(('ka', 'e', 'sk', 'ivka'))}"
    return name[0].upper() + name[1:]


def _administration(rng: random.Random) -> str:
    return f"{_town(rng)} City Military Administration"


def _outlet(rng: random.Random) -> str:
    return f"{_town(rng)} {rng.choice(OUTLET_WORDS)}"


_MAKERS = {
    "Person": _person,
    "MilitaryUnit": _unit,
    "Settlement": _town,
    "GovernmentBody": _administration,
    "MediaOutlet": _outlet,
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def entity_pool(rng: random.Random) -> _Pool:
    by_class: dict[str, list[Ent]] = {}
    known: dict[str, Ent] = {}
    for entry in load_gazetteer().entries:
        ent = Ent(entry.id, entry.label, entry.cls, entry.names, entry.wikidata)
        ent.names = entry.names + CONTINGENT_NAMES.get(entry.id, ())
        by_class.setdefault(entry.cls, []).append(ent)
        known[entry.id] = ent
    core = [known[key] for key in CORE if key in known]
    return _Pool(rng, core, [CORE[e.key] for e in core], by_class, keys=set(known))


class _Writer:
    """One article's text, grown a piece at a time, and the records that point into it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.text = ""
        self.mentions: dict[int, tuple[Mention, str]] = {}
        self.entities: dict[str, tuple[Ent, set[str]]] = {}
        self.relations: list[Relation] = []
        self.claims: list[Claim] = []

    def add(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece
        return Span(start, len(self.text), piece)

    def name(self, ent: Ent) -> Span:
        """Write one of the entity's names and record the mention."""
        surface = ent.label if self.rng.random() < 0.6 else self.rng.choice(ent.names)
        span = self.add(surface)
        self.mentions[span.start] = (Mention(span.start, span.end, surface, ent.label, ent.cls), ent.key)
        _, seen = self.entities.setdefault(ent.key, (ent, set()))
        if surface != ent.label and surface not in CONTINGENT_NAMES.get(ent.key, ()):
            seen.add(surface)
        return span

    def write(self, *pieces: str | Ent) -> None:
        """Words and entity names in order; names become mentions."""
        for piece in pieces:
            if isinstance(piece, str):
                self.add(piece)
            else:
                self.name(piece)

    def sentence(self, start: int) -> Span:
        span = Span(start, len(self.text), self.text[start:])
        self.add(" ")
        return span

    def relate(self, subject: Ent, predicate: str, obj: Ent, evidence: Span) -> None:
        if subject.key != obj.key:
            self.relations.append(Relation(subject.key, predicate, obj.key, evidence))


def synthetic_figure(
    rng: random.Random, measure: str, group: str, day: int, start: int
) -> tuple[str, Figure]:
    """A figure near the trend of (measure, group) on ``day``, written as news writes it."""
    scale = 0.3 + int(hashlib.sha1(f"{measure}/{group}".encode()).hexdigest()[:4], 16) / 65535 * 2
    raw = BASE[measure] * scale * (1 + day / 180) * rng.lognormvariate(0, 0.25)
    step = 10 ** max(0, len(str(int(raw))) - 2)
    n = max(step, round(raw / step) * step)
    qualifier: Qualifier = rng.choices(list(QUALIFIER_WEIGHTS), list(QUALIFIER_WEIGHTS.values()))[0]
    value = low = high = None
    if qualifier in ("Exact", "Approximately", "Nearly"):
        value = Decimal(n)
        text = {"Exact": f"{n:,}", "Approximately": f"about {n:,}", "Nearly": f"nearly {n:,}"}[qualifier]
    elif qualifier in ("AtLeast", "MoreThan"):
        low = Decimal(n)
        text = f"{'at least' if qualifier == 'AtLeast' else 'more than'} {n:,}"
    elif qualifier in ("AtMost", "LessThan"):
        high = Decimal(n)
        text = f"{'at most' if qualifier == 'AtMost' else 'fewer than'} {n:,}"
    elif qualifier == "Range":
        low, high = Decimal(n - n // 10), Decimal(n + n // 10)
        text = f"between {int(low):,} and {int(high):,}"
    else:
        text, low = rng.choice((("dozens of", Decimal(24)), ("hundreds of", Decimal(200))))
    return text, Figure(start, start + len(text), text, qualifier, value, low, high)


def _claim_sentence(w: _Writer, pool: _Pool, published: date, day: int) -> None:
    """ "X said at least 100 North Korean troops had been killed near Sudzha." and its kin."""
    rng = w.rng
    measure: Measure = rng.choices(list(MEASURE_WEIGHTS), list(MEASURE_WEIGHTS.values()))[0]
    group = pool.pick(("MilitaryUnit",), new_rate=0.05)
    place = pool.pick(PLACE)
    cue_text, lemma, certainty, _ = rng.choices(CUES, [c[3] for c in CUES])[0]
    start = len(w.text)
    claimants: tuple[str, ...] = ()
    source = None
    roll = rng.random()
    if roll < 0.08:
        cue = w.add("It is estimated")
        lemma, certainty = "estimate", "Estimated"
        w.add(" that ")
    elif roll < 0.15:
        source = w.add(rng.choice(("A military source", "Officials", "A nurse", "Local residents")))
        w.add(" ")
        cue = w.add(cue_text)
        w.add(" ")
    else:
        who = pool.pick(ACTOR)
        source = w.name(who)
        claimants = (who.key,)
        w.add(" ")
        cue = w.add(cue_text)
        w.add(" ")
    content_start = len(w.text)
    before_place, _ = PHRASES[measure]
    if measure == "AreaControlled":
        figure_text, figure = synthetic_figure(rng, measure, group.key, day, content_start)
        w.add(figure_text)
        w.add(before_place)
        w.name(group)
        w.add(" around ")
    else:
        figure_text, figure = synthetic_figure(rng, measure, group.key, day, content_start)
        w.add(figure_text)
        w.add(" ")
        w.name(group)
        w.add(before_place)
    w.name(place)
    content = Span(content_start, len(w.text), w.text[content_start:])
    via: tuple[str, ...] = ()
    if claimants and rng.random() < 0.1:
        w.add(", as cited by ")
        intermediary = pool.pick(("Person",))
        w.name(intermediary)
        via = (intermediary.key,)
    if rng.random() < 0.03:
        w.add(", a claim that could not be independently verified")
        certainty = "Unverified"
    w.add(".")
    stated = None if rng.random() < 0.2 else (published - timedelta(days=rng.randint(0, 3))).isoformat()
    w.claims.append(
        Claim(
            span=w.sentence(start),
            content=content,
            certainty=certainty,
            source=source,
            cue=cue,
            cue_lemma=lemma,
            claimants=claimants,
            via=via,
            about=tuple(dict.fromkeys((group.key, place.key))),
            stated_on=stated,
            quantities=(Quantity(figure, measure, group.key if rng.random() < 0.85 else None),),
        )
    )


def _statement_sentence(w: _Writer, pool: _Pool, published: date) -> None:
    """An attributed statement without figures: "Kovalenko said the soldiers lacked ..."."""
    start = len(w.text)
    who = pool.pick(ACTOR)
    source = w.name(who)
    w.add(" ")
    cue = w.add("said")
    w.add(" ")
    content_start = len(w.text)
    group = pool.pick(("MilitaryUnit",), new_rate=0.05)
    w.name(group)
    w.add(f" {w.rng.choice(STATEMENTS)}")
    content = Span(content_start, len(w.text), w.text[content_start:])
    w.add(".")
    w.claims.append(
        Claim(
            span=w.sentence(start),
            content=content,
            source=source,
            cue=cue,
            cue_lemma="say",
            claimants=(who.key,),
            about=(group.key,),
            stated_on=published.isoformat() if w.rng.random() < 0.5 else None,
        )
    )


def _relation_sentence(w: _Writer, pool: _Pool) -> None:
    """A sentence stating one relation, read as relations.py would, with its evidence."""
    start = len(w.text)
    kind = w.rng.randrange(6)
    if kind == 0:
        person, org, place = pool.pick(("Person",)), pool.pick(ORG), pool.pick(PLACE)
        w.write(person, ", the head of ", org, ", visited ", place, ".")
        w.relate(person, "leaderOf", org, w.sentence(start))
    elif kind == 1:
        person, unit = pool.pick(("Person",)), pool.pick(("MilitaryUnit",))
        w.write(person, ", a soldier of the ", unit, ", was wounded in the attack.")
        w.relate(person, "memberOf", unit, w.sentence(start))
    elif kind == 2:
        town, region = pool.pick(("Settlement",)), pool.pick(("Region",))
        w.write("Fighting continued near ", town, ", in ", region, ".")
        w.relate(town, "locatedIn", region, w.sentence(start))
    elif kind == 3:
        unit, place = pool.pick(("MilitaryUnit",), new_rate=0.05), pool.pick(("Region",))
        w.write(unit, " were deployed to ", place, " last month.")
        w.relate(unit, "deployedTo", place, w.sentence(start))
    elif kind == 4:
        a, b = pool.pick(("State",)), pool.pick(("State",))
        w.write(a, "'s war against ", b, " entered another winter.")
        w.relate(a, "opposes", b, w.sentence(start))
    else:
        person, org = pool.pick(("Person",)), pool.pick(("GovernmentBody",))
        w.write(person, ", an adviser to the ", org, ", declined to comment.")
        w.relate(person, "affiliatedWith", org, w.sentence(start))


def synthetic_articles(seed: int = 0, days: int = DAYS) -> Iterator[ExtractedArticle]:
    """Endless made-up extracted articles, published over ``days`` days from :data:`FIRST_DAY`;
    the same seed gives the same sequence."""
    rng = random.Random(seed)
    pool = entity_pool(rng)
    outlets = pool.gazetteer["MediaOutlet"]
    number = 0
    while True:
        day = rng.randrange(days)
        published = FIRST_DAY + timedelta(days=day)
        w = _Writer(rng)
        headline = f"{pool.pick(('State',)).label} says {pool.pick(('MilitaryUnit',)).label} lost ground"
        for _ in range(rng.randint(15, 60)):
            roll = rng.random()
            if roll < 0.3:
                _claim_sentence(w, pool, published, day)
            elif roll < 0.45:
                _statement_sentence(w, pool, published)
            else:
                _relation_sentence(w, pool)
        text = w.text.rstrip()
        digest = hashlib.sha256(f"{seed}/{number}/{text}".encode()).hexdigest()[:16]
        article = Article(
            id=digest,
            source=f"synth/{number:07d}.txt",
            text=text,
            zones=(Zone(0, len(text), "body"),),
            title=headline,
            publisher=rng.choice(outlets).label,
            published=published.isoformat(),
            url=f"https://news.example/{published:%Y/%m/%d}/{digest}",
        )
        entities = tuple(
            Entity(ent.key, ent.label, ent.cls, frozenset(seen), ent.wikidata)
            for ent, seen in w.entities.values()
        )
        yield ExtractedArticle(
            article, tuple(w.mentions.values()), entities, tuple(w.relations), tuple(w.claims)
        )
        number += 1


def background_quads() -> Iterator[Quad]:
    """The ontology and gazetteer graphs, as ``kg build`` adds them to every store."""
    for s, p, o in sorted(load_ontology()):
        yield s, p, o, ONTOLOGY_GRAPH
    yield from gazetteer_quads(load_gazetteer())


def synthetic_quads(
    triples: int = 1_000_000, seed: int = 0, *, background: bool = True, spread: bool = False
) -> Iterator[Quad]:
    """Distinct quads, articles one after another, until at least ``triples`` have been yielded.

    Every quad is yielded once (a store holds exactly as many), so counts and load rates compare.
    The articles are published over one year, or with ``spread`` over a year for each
    :data:`QUADS_PER_YEAR` quads: one year's coverage of one story ten times as dense, or ten
    years of it. Figures that disagree are pairs within a group and a few months, so they grow
    with the square of the density and in step with the span.
    """
    emitted = 0
    entity_seen: set[Quad] = set()
    if background:
        for quad in dict.fromkeys(background_quads()):
            yield quad
            emitted += 1
    days = max(DAYS, DAYS * triples // QUADS_PER_YEAR) if spread else DAYS
    for extracted in synthetic_articles(seed, days):
        if emitted >= triples:
            return
        quads = dict.fromkeys(article_quads(extracted))
        for quad in entity_quads(extracted.entities):
            if quad not in entity_seen:
                entity_seen.add(quad)
                quads[quad] = None
        yield from quads
        emitted += len(quads)


def write_nquads(path: Path, triples: int = 1_000_000, seed: int = 0, *, spread: bool = False) -> int:
    """Stream the synthetic graph to ``path`` (written to a temporary name, then renamed)."""
    counted = 0

    def converted() -> Iterator[ox.Quad]:
        nonlocal counted
        for quad in synthetic_quads(triples, seed, spread=spread):
            counted += 1
            yield to_ox(quad)

    tmp = path.with_name(f".{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        ox.serialize(converted(), tmp, ox.RdfFormat.N_QUADS)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the .nq file to write")
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--spread", action="store_true", help="a year of news per million quads (default: one year in all)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    count = write_nquads(args.out, args.triples, args.seed, spread=args.spread)
    seconds = time.perf_counter() - started
    print(f"wrote {count} quads to {args.out} in {seconds:.1f} s ({count / seconds:,.0f} quads/s)")  # noqa: T201


if __name__ == "__main__":
    main()
