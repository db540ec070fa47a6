"""Entities and relations on Dstl re3d: do we find the actors and places of Syria and Iraq texts,
and how they stand to each other?

re3d (Dstl, 2017) is 98 documents from seven publishers (CENTCOM, UK Government, US State
Department, Wikipedia, BBC, Australian DFAT, EU Delegation to Syria), annotated with entity
spans and relations between them, each row with a crowd/expert confidence.

* Split: re3d has none. Documents whose id (an MD5 in hex) is 0 mod 4 are dev (34 documents,
  about 30% of the scored gold), the rest test (64): tune on dev, report on test.
* Gold: rows with confidence >= 0.5, as the benchmarks README advises. Every row (confidence 0
  included: rejected alternative types, and some misses) is scored too, as a sensitivity check.
* Entities: re3d's Person, Organisation and Location against our collapsed classes (see
  spans.py: State, Region and Settlement are Locations); its other types (Nationality, Weapon,
  MilitaryPlatform, Temporal, Quantity, ...) have no class of ours and are not scored. A
  leading article is cut from gold spans ("the Kurdish YPG" -> "Kurdish YPG"): our mentions
  never hold one and re3d's often do. Exact and overlap matching, per kind, micro and untyped.
  re3d also marks pronouns and common nouns ("she", "the army", "the town"), which a name
  extractor does not look for: "R names" is the recall on the gold spans that hold a
  capitalised word other than a pronoun or determiner (rough, but it shows how much of the
  recall gap is by design).
* Relations: a system triple stands for the mentions of its subject and of its object inside
  its evidence sentence (all their mentions in the article when it has none). It matches a
  gold relation when its predicate maps to the gold type (PREDICATES) and a subject mention
  overlaps the gold source span and an object mention the gold target span, or the other way
  round for the undirected types. Precision counts the system triples that match some gold
  relation, recall the gold relations some triple matches; "R names" counts only gold
  relations whose two arguments are names. An undirected gold relation, often given both ways,
  counts once per pair of spans; system triples count once per type, pair and sentence.

    python bench/quality/re3d.py [--split test|dev] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import runpy
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.render.tables import plain_table

if TYPE_CHECKING:
    from kg.model import ExtractedArticle

# The bench scripts are no package: the shared span scoring comes from its file.
_SPANS = runpy.run_path(str(Path(__file__).with_name("spans.py")), run_name="bench_quality_spans")
Labelled = _SPANS["Labelled"]
score_spans = _SPANS["score_spans"]
summarise_spans = _SPANS["summarise_spans"]
mention_spans = _SPANS["mention_spans"]
extract_texts = _SPANS["extract_texts"]
overlap = _SPANS["overlap"]
prf = _SPANS["prf"]
score_row = _SPANS["score_row"]
LEVELS, MICRO, ANY = _SPANS["LEVELS"], _SPANS["MICRO"], _SPANS["ANY"]

ROOT = Path(__file__).resolve().parent.parent.parent
RE3D = ROOT.parent / "shared" / "benchmarks" / "re3d"

MIN_CONFIDENCE = 0.5
#: A document is dev when its hex id is 0 modulo this (re3d ships no split).
DEV_MODULUS = 4

#: re3d entity type -> the kind scored (spans.KIND_OF_CLASS collapses ours to the same three).
KIND_OF_TYPE = {"Person": "Person", "Organisation": "Organization", "Location": "Location"}
KINDS = ("Person", "Organization", "Location")

#: re3d relation type -> the ckg predicates (ontology/ckg.ttl) that state it. deployedTo is a
#: CoLocated too: ckg splits re3d's "in the same place" into where an actor is based and where
#: its forces were sent.
PREDICATES = {
    "FightingAgainst": ("opposes",),
    "AlliesOf": ("alliedWith",),
    "BelongsTo": ("memberOf", "partOf"),
    "InChargeOf": ("leaderOf",),
    "CoLocated": ("locatedIn", "deployedTo"),
}
TYPE_OF_PREDICATE = {predicate: kind for kind, predicates in PREDICATES.items() for predicate in predicates}
#: Types whose two arguments play the same part (re3d's schema: "two entities in the same
#: place", "fighting alongside", "in armed conflict"); a triple may match them either way round.
UNDIRECTED = frozenset({"FightingAgainst", "AlliesOf", "CoLocated"})
ALL_TYPES = "all"
RELATION_COUNTS = ("found", "pred", "recalled", "gold")

#: Capitalised words that do not make a span a name: pronouns and determiners that open a
#: sentence ("She", "It", "The army"), from re3d's own non-name gold spans.
NOT_NAME_WORDS = frozenset(
    "i me my myself we us our ourselves you your he him his she her it its they them their "
    "this that these those the a an who which one some all".split()
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LEADING_ARTICLE = re.compile(r"(?:the|a|an)\s+(?=\S)", re.IGNORECASE)

Pair = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One relation between two gold spans; ``type`` is re3d's (BelongsTo, CoLocated, ...)."""

    type: str
    source: Pair
    target: Pair


@dataclass(frozen=True, slots=True)
class SystemTriple:
    """A relation of ours as spans: the type it is scored as and its arguments' mentions."""

    type: str
    subject: tuple[Pair, ...]
    object: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class Re3dDocument:
    """One document with its scored gold: entities of the three kinds, relations of the mapped types."""

    id: str
    publisher: str  # the sub-folder it came from
    text: str
    entities: tuple[Labelled, ...]
    relations: tuple[GoldRelation, ...]


def in_split(document_id: str, split: str) -> bool:
    """Whether a document belongs to ``split`` (``dev`` or ``test``) of our fixed re3d split."""
    return (int(document_id, 16) % DEV_MODULUS == 0) == (split == "dev")


def _json_lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]


def gold_entity(text: str, row: dict[str, Any]) -> Labelled | None:
    """A scored entity from an entities.json row, its leading article cut; None for other types."""
    kind = KIND_OF_TYPE.get(row["type"])
    if kind is None:
        return None
    start, end = row["begin"], row["end"]
    if article := _LEADING_ARTICLE.match(text, start, end):
        start = article.end()
    return Labelled(start, end, kind)


def gold_relations(rows: Iterable[dict[str, Any]]) -> tuple[GoldRelation, ...]:
    """The relations of the mapped types, an undirected pair given both ways once, in order."""
    relations: dict[tuple[str, Pair, Pair], GoldRelation] = {}
    for row in rows:
        if row["type"] not in PREDICATES:
            continue
        source, target = (row["sourceBegin"], row["sourceEnd"]), (row["targetBegin"], row["targetEnd"])
        first, second = sorted((source, target)) if row["type"] in UNDIRECTED else (source, target)
        relations.setdefault((row["type"], first, second), GoldRelation(row["type"], source, target))
    return tuple(relations.values())


def read_re3d(folder: Path, split: str, min_confidence: float) -> list[Re3dDocument]:
    """The documents of ``split`` with their gold rows of at least ``min_confidence``.

    Publishers in folder-name order, documents in file order. A span two rows give (they repeat,
    or differ only by the article: "the YPG" and "YPG") is kept once.
    """
    documents = []
    for publisher in sorted(p for p in folder.iterdir() if (p / "documents.json").is_file()):
        entities: dict[str, list[dict[str, Any]]] = {}
        relations: dict[str, list[dict[str, Any]]] = {}
        for name, by_doc in (("entities", entities), ("relations", relations)):
            for row in _json_lines(publisher / f"{name}.json"):
                if row["confidence"] >= min_confidence:
                    by_doc.setdefault(row["documentId"], []).append(row)
        for doc in _json_lines(publisher / "documents.json"):
            if not in_split(doc["_id"], split):
                continue
            text = doc["text"]
            spans = (gold_entity(text, row) for row in entities.get(doc["_id"], ()))
            documents.append(
                Re3dDocument(
                    id=doc["_id"],
                    publisher=publisher.name,
                    text=text,
                    entities=tuple(dict.fromkeys(span for span in spans if span is not None)),
                    relations=gold_relations(relations.get(doc["_id"], ())),
                )
            )
    return documents


def is_name(surface: str) -> bool:
    """Whether a gold span names something: a capitalised word, not a pronoun or determiner."""
    return any(w[0].isupper() and w.lower() not in NOT_NAME_WORDS for w in _WORD.findall(surface))


def system_triples(extracted: ExtractedArticle) -> list[SystemTriple]:
    """Our relations of the scored predicates as spans, once per type, pair and sentence."""
    spans_of: dict[str, list[Pair]] = {}
    for mention, key in extracted.mentions:
        spans_of.setdefault(key, []).append((mention.start, mention.end))
    triples: dict[tuple[str, str, str, Pair | None], SystemTriple] = {}
    for relation in extracted.relations:
        kind = TYPE_OF_PREDICATE.get(relation.predicate)
        if kind is None:
            continue
        pair = (relation.subject, relation.object)
        if kind in UNDIRECTED:
            pair = min(pair, pair[::-1])
        window = None if relation.evidence is None else (relation.evidence.start, relation.evidence.end)
        subject, obj = (_inside(spans_of.get(key, []), window) for key in pair)
        triples.setdefault((kind, *pair, window), SystemTriple(kind, subject, obj))
    return list(triples.values())


def _inside(spans: Sequence[Pair], window: Pair | None) -> tuple[Pair, ...]:
    """The spans within ``window``; all of them when there is none."""
    return tuple(s for s in spans if window is None or window[0] <= s[0] and s[1] <= window[1])


def _hits(mentions: Sequence[Pair], span: Pair) -> bool:
    return any(overlap(mention, span) for mention in mentions)


def triple_matches(triple: SystemTriple, gold: GoldRelation) -> bool:
    """Same type, and argument mentions that overlap the gold's spans (either way if undirected)."""
    if triple.type != gold.type:
        return False
    forward = _hits(triple.subject, gold.source) and _hits(triple.object, gold.target)
    backward = _hits(triple.subject, gold.target) and _hits(triple.object, gold.source)
    return forward or (gold.type in UNDIRECTED and backward)


def score_relations(gold: Sequence[GoldRelation], system: Sequence[SystemTriple]) -> Counter[str]:
    """Counts ``rel.<type>.pred|found|gold|recalled``: system triples, those that match some
    gold relation, gold relations, those that some triple matches."""
    counts: Counter[str] = Counter()
    for kind in PREDICATES:
        g = [r for r in gold if r.type == kind]
        s = [t for t in system if t.type == kind]
        counts[f"rel.{kind}.pred"] += len(s)
        counts[f"rel.{kind}.found"] += sum(any(triple_matches(t, r) for r in g) for t in s)
        counts[f"rel.{kind}.gold"] += len(g)
        counts[f"rel.{kind}.recalled"] += sum(any(triple_matches(t, r) for t in s) for r in g)
    return counts


def score_document(
    document: Re3dDocument, spans: Sequence[Labelled], triples: Sequence[SystemTriple]
) -> Counter[str]:
    """Entity and relation counts for one document, and the same under ``names.`` for the
    gold that names its entities."""
    text = document.text
    named_entities = [e for e in document.entities if is_name(text[e.start : e.end])]
    named_relations = [
        r for r in document.relations if is_name(text[slice(*r.source)]) and is_name(text[slice(*r.target)])
    ]
    counts = score_spans(document.entities, spans) + score_relations(document.relations, triples)
    names = score_spans(named_entities, spans) + score_relations(named_relations, triples)
    counts.update({f"names.{key}": value for key, value in names.items()})
    return counts


def _relation_score(counts: Counter[str], kinds: Sequence[str], prefix: str = "") -> dict[str, float]:
    """P over system triples, R over gold relations (their matches are counted apart)."""
    total = {key: sum(counts[f"{prefix}rel.{k}.{key}"] for k in kinds) for key in RELATION_COUNTS}
    p = prf(total["found"], total["pred"], total["gold"])["p"]
    r = prf(total["recalled"], total["pred"], total["gold"])["r"]
    return total | {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def summarise(counts: Counter[str]) -> dict[str, Any]:
    """Scores from summed counts, in the shape ``--json`` prints."""
    names = Counter(
        {key.removeprefix("names."): value for key, value in counts.items() if key.startswith("names.")}
    )
    entities = summarise_spans(counts, KINDS)
    named = summarise_spans(names, KINDS)
    relation_kinds = {kind: (kind,) for kind in PREDICATES} | {ALL_TYPES: tuple(PREDICATES)}
    return {
        "entities": entities,
        "entity_names_recall": {
            level: {k: s["r"] for k, s in by_kind.items()} for level, by_kind in named.items()
        },
        "relations": {
            kind: _relation_score(counts, kinds) | {"names_r": _relation_score(counts, kinds, "names.")["r"]}
            for kind, kinds in relation_kinds.items()
        },
    }


def _print_report(
    split: str,
    documents: Sequence[Re3dDocument],
    system: dict[str, int],
    summary: dict[str, Any],
    every_row: dict[str, Any],
) -> None:
    names = summary["entity_names_recall"]
    entity_rows = [
        [*score_row(f"{kind} {level}", summary["entities"][level][kind]), f"{names[level][kind]:.3f}"]
        for kind in (*KINDS, MICRO, ANY)
        for level in LEVELS
    ]
    relation_rows = [
        [
            kind,
            " ".join(PREDICATES.get(kind, ("(the above)",))),
            *(f"{s[key]:.3f}" for key in ("p", "r", "f1")),
            *(str(s[key]) for key in RELATION_COUNTS),
            f"{s['names_r']:.3f}",
        ]
        for kind, s in summary["relations"].items()
    ]
    sensitivity = [
        [name, f"{get(summary):.3f}", f"{get(every_row):.3f}"]
        for name, get in (
            ("entities micro exact F1", lambda s: s["entities"]["exact"]["micro"]["f1"]),
            ("entities micro overlap F1", lambda s: s["entities"]["overlap"]["micro"]["f1"]),
            ("entities any overlap F1", lambda s: s["entities"]["overlap"]["any"]["f1"]),
            ("relations all F1", lambda s: s["relations"][ALL_TYPES]["f1"]),
        )
    ]
    lines = [
        f"re3d {split}: {len(documents)} documents, {sum(len(d.entities) for d in documents)} gold entities "
        f"(Person, Organisation, Location) and {sum(len(d.relations) for d in documents)} gold relations "
        f"of the mapped types at confidence >= {MIN_CONFIDENCE}",
        f"system: {system['mentions']} mentions, {system['relations']} relations "
        f"({system['scored_relations']} of the scored predicates)",
        "",
        plain_table(("entities", "P", "R", "F1", "tp", "system", "gold", "R names"), entity_rows),
        "",
        plain_table(
            ("relations", "predicates", "P", "R", "F1", "sys ok", "system", "gold ok", "gold", "R names"),
            relation_rows,
        ),
        "",
        plain_table(("sensitivity", f"conf >= {MIN_CONFIDENCE}", "every row"), sensitivity),
    ]
    print("\n".join(lines))  # noqa: T201


def _score_all(
    documents: Sequence[Re3dDocument],
    spans: Sequence[Sequence[Labelled]],
    triples: Sequence[Sequence[SystemTriple]],
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for document, doc_spans, doc_triples in zip(documents, spans, triples, strict=True):
        counts += score_document(document, doc_spans, doc_triples)
    return summarise(counts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", choices=("test", "dev"), default="test", help="report on test, tune on dev"
    )
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents only")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not RE3D.is_dir() or not any(RE3D.glob("*/documents.json")):
        print(f"skipped: no re3d data at {RE3D} (see ../shared/benchmarks/README.md)")  # noqa: T201
        return 0
    documents = read_re3d(RE3D, args.split, MIN_CONFIDENCE)[: args.limit]
    every_row = read_re3d(RE3D, args.split, 0.0)[: args.limit]
    extracted = extract_texts([(f"{d.id}.txt", d.text) for d in documents])
    spans = [mention_spans(e) for e in extracted]
    triples = [system_triples(e) for e in extracted]
    summary = _score_all(documents, spans, triples)
    summary_every_row = _score_all(every_row, spans, triples)
    system = {
        "mentions": sum(len(s) for s in spans),
        "relations": sum(len(e.relations) for e in extracted),
        "scored_relations": sum(len(t) for t in triples),
    }
    if args.json:
        report = {"split": args.split, "documents": len(documents), "min_confidence": MIN_CONFIDENCE}
        print(json.dumps(report | summary | {"system": system, "every_row": summary_every_row}, indent=2))  # noqa: T201
    else:
        _print_report(args.split, documents, system, summary, summary_every_row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
