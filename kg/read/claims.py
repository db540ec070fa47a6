"""Claims read from the graph for views and analytics: one record per claim, or folded into
claimant -> subject links.

A sibling of :mod:`kg.read.projection` (which reads entities and relations), sharing its row reader
and source-file lookup so both name articles the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset

from kg.rdf.sparql import last_segment
from kg.read.projection import (
    SourceSentence,
    article_file,
    in_reading_order,
    rows_in_every_graph,
    source_files,
)

__all__ = ["ClaimFigure", "ClaimLink", "ClaimRecord", "claim_links", "claim_records"]


# (projection, pattern, modifiers), the pattern matched in every named graph.
_CLAIM_SENTENCES_QUERY = (
    "SELECT ?claim ?article ?start ?end ?text",
    "?claim a ckg:Claim ; ckg:reportedIn ?article ; ckg:start ?start ; ckg:end ?end ; ckg:text ?text .",
    "",
)
_CLAIM_FACTS_QUERY = (
    "SELECT DISTINCT ?claim ?p ?o",
    "VALUES ?p { ckg:claimant ckg:about ckg:content ckg:cue ckg:certainty } ?claim ?p ?o .",
    "",
)
_CLAIM_QUANTITIES_QUERY = (
    "SELECT DISTINCT ?claim ?q ?p ?o",
    "VALUES ?p { ckg:text ckg:measure ckg:countOf } ?claim ckg:quantity ?q . ?q ?p ?o .",
    "",
)


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """A figure of a claim as written ("Some 11,000"), what it measures, and whose people it
    counts (an entity IRI; None when the text names no group)."""

    text: str
    measure: str
    group: str | None


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with the sentence it was read from: the unit of the claims view.

    Attributes:
        id: The claim IRI.
        sentence: The claim's sentence and its article.
        content: What is claimed, when the extractor told it apart from the sentence.
        cue: The reporting verb's lemma ("say"), if any.
        certainty: Its ``ckg:certainty`` as a local name ("Estimated").
        claimants: Entity IRIs of who makes it, sorted; empty when unattributed.
        about: Entity IRIs it is about (``ckg:about``), sorted.
        figures: Its figures, by text.
    """

    id: str
    sentence: SourceSentence
    content: str | None
    cue: str | None
    certainty: str | None
    claimants: tuple[str, ...]
    about: tuple[str, ...]
    figures: tuple[ClaimFigure, ...]


def claim_records(dataset: Dataset) -> list[ClaimRecord]:
    """Every claim with its claimants, subjects and figures, in reading order (article, offset).

    Unlike :func:`claim_links`, which folds claims into claimant -> subject pairs, each claim
    stays one record, so a view can draw claimant -> claim -> counted group with the figure.
    """
    files = source_files(dataset)
    sentences = {
        str(claim): SourceSentence(str(text), article_file(str(article), files), int(start), int(end))
        for claim, article, start, end, text in rows_in_every_graph(dataset, *_CLAIM_SENTENCES_QUERY)
    }
    facts: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for claim, p, o in rows_in_every_graph(dataset, *_CLAIM_FACTS_QUERY):
        facts[str(claim), last_segment(str(p))].add(str(o))
    quantities: defaultdict[str, defaultdict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for claim, q, p, o in rows_in_every_graph(dataset, *_CLAIM_QUANTITIES_QUERY):
        quantities[str(claim)][str(q)].setdefault(last_segment(str(p)), str(o))

    def one(claim: str, name: str) -> str | None:
        found = facts.get((claim, name))
        return min(found) if found else None

    records = [
        ClaimRecord(
            id=claim,
            sentence=sentence,
            content=one(claim, "content"),
            cue=one(claim, "cue"),
            certainty=last_segment(certainty) if (certainty := one(claim, "certainty")) else None,
            claimants=tuple(sorted(facts.get((claim, "claimant"), ()))),
            about=tuple(sorted(facts.get((claim, "about"), ()))),
            figures=tuple(
                sorted(
                    (
                        ClaimFigure(q.get("text", ""), last_segment(q.get("measure", "")), q.get("countOf"))
                        for q in quantities[claim].values()
                    ),
                    key=lambda figure: (figure.text, figure.measure, figure.group or ""),
                )
            ),
        )
        for claim, sentence in sentences.items()
    ]
    return sorted(records, key=lambda record: (record.sentence.article, record.sentence.start, record.id))


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """What one actor claims about one entity, over every article.

    Attributes:
        claimant: The claimant entity IRI (``ckg:claimant``).
        subject: The entity the claims are about (``ckg:about``) or whose people a figure of
            theirs counts (``ckg:countOf``).
        claims: How many distinct claims link the two.
        figures: The figures of those claims as written ("11,000"), distinct, sorted.
        sources: Source files of the articles that report them, sorted.
        evidence: The claims' sentences, by article and then offset.
    """

    claimant: str
    subject: str
    claims: int
    figures: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[SourceSentence, ...]


def claim_links(dataset: Dataset) -> list[ClaimLink]:
    """Claimant -> subject links of every attributed claim, sorted by (claimant, subject).

    :func:`claim_records` folded into pairs: a claim with several claimants or subjects links
    each claimant to each subject; a claim attributed to no one links nothing.
    """
    linked: defaultdict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for record in claim_records(dataset):
        subjects = set(record.about) | {figure.group for figure in record.figures if figure.group}
        for who in record.claimants:
            for subject in subjects:
                linked[who, subject].append(record)
    return [
        ClaimLink(
            claimant=who,
            subject=subject,
            claims=len(records),
            figures=tuple(sorted({f.text for record in records for f in record.figures if f.text})),
            sources=tuple(sorted({record.sentence.article for record in records})),
            evidence=in_reading_order(record.sentence for record in records),
        )
        for (who, subject), records in sorted(linked.items())
    ]
