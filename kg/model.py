"""Frozen records passed between the pipeline stages.

They hold plain strings, ints and character offsets into ``Article.text``; no spaCy or rdflib
types cross a stage boundary. Offsets are Python ``str`` indices (code points), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ENTITY_CLASSES",
    "Article",
    "Entity",
    "ExtractedArticle",
    "Mention",
    "Relation",
    "Zone",
    "ZoneKind",
]

#: Kinds of text regions ingest recognises. Only ``body`` yields entities; the others are
#: kept so offsets stay true to the source and a reader can see why a line was skipped.
ZoneKind = Literal[
    "body", "headline", "heading", "navigation", "caption", "credit", "dateline", "boilerplate"
]

#: Ontology classes an extracted entity may carry (local names in the ``ckg:`` namespace).
ENTITY_CLASSES = frozenset(
    {
        "Actor",
        "Person",
        "Organization",
        "State",
        "GovernmentBody",
        "MilitaryUnit",
        "MediaOutlet",
        "InternationalOrganization",
        "Location",
        "Region",
        "Settlement",
    }
)


@dataclass(frozen=True, slots=True)
class Zone:
    """A region ``[start, end)`` of an article's text and what kind of text it is."""

    start: int
    end: int
    kind: ZoneKind

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad zone offsets {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its text, where it came from, and its metadata.

    ``id`` is a hash of the normalised text, so the same text always gets the same identity
    whatever file it was read from. ``zones`` covers the text without gaps or overlaps.
    """

    id: str
    source: str
    text: str
    zones: tuple[Zone, ...]
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO 8601 date, YYYY-MM-DD
    url: str | None = None

    def __post_init__(self) -> None:
        if not self.id or not self.source:
            raise ValueError("an article needs an id and a source")
        for zone in self.zones:
            if zone.end > len(self.text):
                raise ValueError(f"zone {zone} runs past the end of {self.source}")

    def body_zones(self) -> tuple[Zone, ...]:
        """The zones whose text is article prose, the only text entities come from."""
        return tuple(z for z in self.zones if z.kind == "body")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text, typed with an ontology class, before resolution.

    ``gazetteer_id`` is set when the name matched a gazetteer alias; ``name`` is the surface
    form cleaned of leading articles, possessives and titles (the candidate canonical label).
    """

    start: int
    end: int
    text: str
    name: str
    cls: str
    gazetteer_id: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad mention offsets {self.start}..{self.end}")
        if self.cls not in ENTITY_CLASSES:
            raise ValueError(f"unknown entity class {self.cls!r}")


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical real-world entity: one node in the graph, across all articles."""

    key: str  # slug used in the IRI
    label: str
    cls: str
    aliases: frozenset[str] = field(default_factory=frozenset)
    wikidata: str | None = None  # e.g. "Q423"

    def __post_init__(self) -> None:
        if self.cls not in ENTITY_CLASSES:
            raise ValueError(f"unknown entity class {self.cls!r}")


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two canonical entities, as stated in one article (or gazetteer)."""

    subject: str  # Entity.key
    predicate: str  # ckg local name: leaderOf, partOf, ...
    object: str  # Entity.key


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """Everything extracted from one article, mentions resolved to entity keys."""

    article: Article
    mentions: tuple[tuple[Mention, str], ...]  # (mention, Entity.key)
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
