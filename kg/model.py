"""Frozen records passed between the pipeline stages.

They hold plain strings, ints and character offsets into ``Article.text``; no spaCy or rdflib
types cross a stage boundary. Offsets are Python ``str`` indices (code points), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, get_args

__all__ = [
    "ENTITY_CLASSES",
    "Article",
    "Certainty",
    "Claim",
    "Entity",
    "ExtractedArticle",
    "Figure",
    "GeoPoint",
    "Measure",
    "Mention",
    "Qualifier",
    "Quantity",
    "Relation",
    "Span",
    "Tally",
    "Zone",
    "READ_ZONE_KINDS",
    "ZoneKind",
]

#: Kinds of text regions ingest recognises. The model reads those of :data:`READ_ZONE_KINDS`;
#: the others are kept so offsets stay true to the source and a reader can see why a line was
#: skipped.
ZoneKind = Literal[
    "body", "headline", "heading", "navigation", "caption", "credit", "dateline", "boilerplate"
]

#: Zones entities and relations come from: the prose, and photo captions and credits, which
#: name real actors and places ("Drone view of Toretsk, Donetsk region"; "Press Service of the
#: 93rd Brigade"). Claims come from the prose alone: a caption describes a picture.
READ_ZONE_KINDS: frozenset[ZoneKind] = frozenset({"body", "caption", "credit"})

#: Ontology classes an extracted entity may carry (local names in the ``ckg:`` namespace).
ENTITY_CLASSES = frozenset(
    {
        "Actor",
        "Person",
        "Organization",
        "State",
        "GovernmentBody",
        "MilitaryUnit",
        "ArmedGroup",
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
        """The zones whose text is article prose, the only text claims come from."""
        return tuple(z for z in self.zones if z.kind == "body")

    def read_zones(self) -> tuple[Zone, ...]:
        """The zones the model reads, and entities and relations come from (see :data:`READ_ZONE_KINDS`)."""
        return tuple(z for z in self.zones if z.kind in READ_ZONE_KINDS)


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
    place_id: str | None = None  # the place it names in :mod:`kg.extract.places`, once context chose one

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad mention offsets {self.start}..{self.end}")
        if self.cls not in ENTITY_CLASSES:
            raise ValueError(f"unknown entity class {self.cls!r}")


@dataclass(frozen=True, slots=True)
class GeoPoint:
    """Where a place is on a map: its GeoNames feature and WGS84 point (decimal degrees)."""

    geonames_id: int
    latitude: Decimal
    longitude: Decimal

    def __post_init__(self) -> None:
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise ValueError(f"no point at latitude {self.latitude}, longitude {self.longitude}")


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical real-world entity: one node in the graph, across all articles."""

    key: str  # slug used in the IRI
    label: str
    cls: str
    aliases: frozenset[str] = field(default_factory=frozenset)
    wikidata: str | None = None  # e.g. "Q423"
    geo: GeoPoint | None = None  # a place's GeoNames feature and point, where the data has them
    #: The state the place data puts a place in, where the article names that state and states
    #: no larger place for it: part of the place's description (schema:containedInPlace), not a
    #: relation the article states (ckg:locatedIn).
    located_in: str | None = None

    def __post_init__(self) -> None:
        if self.cls not in ENTITY_CLASSES:
            raise ValueError(f"unknown entity class {self.cls!r}")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch ``[start, end)`` of a text and the text itself."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two canonical entities, as stated in one article (or gazetteer)."""

    subject: str  # Entity.key
    predicate: str  # ckg local name: leaderOf, partOf, ...
    object: str  # Entity.key
    evidence: Span | None = None  # the sentence that states it; None for gazetteer facts


#: What a figure counts (concepts of ``ckg:MeasureScheme``).
Measure = Literal["TroopCount", "Killed", "Wounded", "KilledOrWounded", "Captured", "AreaControlled"]

#: How the text qualifies a figure (concepts of ``ckg:QualifierScheme``). ``Vague`` is a
#: quantity word with no number ("dozens of", "hundreds of"): its bounds are what the word implies.
Qualifier = Literal[
    "Exact", "Approximately", "Nearly", "AtLeast", "MoreThan", "AtMost", "LessThan", "Range", "Vague"
]

#: Whether a figure is the count so far or adds to an earlier one (concepts of ``ckg:TallyScheme``).
Tally = Literal["RunningTotal", "Increment"]

#: How firmly a claim is put forward (concepts of ``ckg:CertaintyScheme``).
Certainty = Literal["Asserted", "Estimated", "Expected", "Unverified", "Denied"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as the text gives it, read into a qualifier and bounds.

    ``value`` holds a point figure (Exact, Approximately, Nearly); ``min_value`` and
    ``max_value`` hold bounds (AtLeast and MoreThan: min; AtMost and LessThan: max; Range and
    Vague: both, or min alone for open-ended words). Offsets are into the string that was parsed.
    """

    start: int
    end: int
    text: str
    qualifier: Qualifier
    value: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad figure offsets {self.start}..{self.end}")
        if self.qualifier not in get_args(Qualifier):
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if self.value is None and self.min_value is None and self.max_value is None:
            raise ValueError(f"figure {self.text!r} has neither a value nor a bound")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValueError(f"figure {self.text!r} has min {self.min_value} > max {self.max_value}")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure and what it counts: the measure, and whose people (an Entity.key) when named.

    ``period_start`` and ``period_end`` (ISO 8601 dates, either may be open) bound the period
    the figure counts where the text gives it ("as of Monday", "since November"); ``tally``
    says whether it is the count so far or an increment ("another 500").
    """

    figure: Figure  # offsets into Article.text
    measure: Measure
    count_of: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    tally: Tally | None = None

    def __post_init__(self) -> None:
        if self.measure not in get_args(Measure):
            raise ValueError(f"unknown measure {self.measure!r}")
        if self.tally is not None and self.tally not in get_args(Tally):
            raise ValueError(f"unknown tally {self.tally!r}")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError(f"period {self.period_start}..{self.period_end} ends before it starts")


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement the article reports, attributed to someone or to no one.

    ``span`` is the whole sentence (or run of quoted sentences) the claim is read from;
    ``content`` the part that is claimed; ``source`` the source as written ("a nurse", "the
    agency"), kept even when it is no entity. ``claimants`` and ``via`` are Entity keys.
    ``repeated_in`` holds the article's other sentences that state the same figure again (a lead
    and the body paragraph it sums up; "those 2,000 soldiers"), merged into this claim by
    :mod:`kg.extract.merge`; the graph keeps ``span`` as ``ckg:text`` and each repetition as a
    ``ckg:Restatement``.
    """

    span: Span
    content: Span
    certainty: Certainty = "Asserted"
    source: Span | None = None
    cue: Span | None = None
    cue_lemma: str | None = None
    claimants: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    stated_on: str | None = None  # ISO 8601 date
    quantities: tuple[Quantity, ...] = ()
    repeated_in: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        if self.certainty not in get_args(Certainty):
            raise ValueError(f"unknown certainty {self.certainty!r}")


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """Everything extracted from one article, mentions resolved to entity keys."""

    article: Article
    mentions: tuple[tuple[Mention, str], ...]  # (mention, Entity.key)
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
