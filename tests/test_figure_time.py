"""The period a figure counts and its tally, read from sentences written for this test.

The article runs on Wednesday 2025-03-12; each row names the figure, the period the sentence
gives it (either end may be open) and whether it is a running total or an increment. The last
test goes through the extractor: the date that says when the figure was given is not the
period it counts, and the graph carries both.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal

from kg.extract.figuretime import figure_time
from kg.extract.pipeline import Extractor
from kg.ingest.read import article_id
from kg.model import Article, Zone
from kg.rdf.mapping import article_quads
from kg.rdf.ontology import CKG, XSD

PUBLISHED = date(2025, 3, 12)

# (sentence, figure as written, period start, period end, tally)
ROWS = [
    # "as of" a day: a total up to that day
    ("As of Monday, 412 people had been killed in the province.", "412", None, "2025-03-10", "RunningTotal"),
    ("The agency counted 95 wounded as of March 1.", "95", None, "2025-03-01", "RunningTotal"),
    (
        "Some 1,300 fighters surrendered as of last week.",
        "Some 1,300",
        None,
        "2025-03-09",
        "RunningTotal",
    ),
    # "since" a day: from it to when it was said (here: published)
    ("Since November, 2,100 refugees have crossed the border.", "2,100", "2024-11-01", "2025-03-12", None),
    (
        "At least 60 guards deserted since early January.",
        "At least 60",
        "2025-01-01",
        "2025-03-12",
        None,
    ),
    (
        "Rescuers pulled 37 survivors from rubble since Saturday.",
        "37",
        "2025-03-08",
        "2025-03-12",
        None,
    ),
    ("From June to August, 640 recruits were sent to the front.", "640", "2024-06-01", "2024-08-31", None),
    (
        "Some 4,000 volunteers have enlisted since autumn last year.",
        "Some 4,000",
        "2024-09-01",
        "2025-03-12",
        None,
    ),
    (
        "Since the start of the siege last October, 900 residents fled.",
        "900",
        "2024-10-01",
        "2025-03-12",
        "RunningTotal",
    ),
    # a date in a clause about something else is not the figure's
    ("About 6,000 troops hold the valley, which rebels seized in January.", "About 6,000", None, None, None),
    # a stretch of time that ends when it was said
    ("In just three months, the brigade lost 800 soldiers.", "800", "2024-12-12", "2025-03-12", None),
    ("Over the past 24 hours, 14 civilians were wounded.", "14", "2025-03-11", "2025-03-12", None),
    ("The militia recruited 5,000 men within two weeks.", "5,000", "2025-02-26", "2025-03-12", None),
    # a day or period named outright
    ("Last week 230 soldiers were captured near the river.", "230", "2025-03-03", "2025-03-09", None),
    ("Twelve people were killed in the shelling on Tuesday.", "Twelve", "2025-03-11", "2025-03-11", None),
    ("In February, 45 drones were shot down over the city.", "45", "2025-02-01", "2025-02-28", None),
    # increments: added to an earlier count, whatever the dates
    ("Another 500 troops arrived at the front.", "500", None, None, "Increment"),
    ("The army sent 2,000-3,000 more soldiers to the border.", "2,000-3,000", None, None, "Increment"),
    ("An additional 300 volunteers signed up on Friday.", "300", "2025-03-07", "2025-03-07", "Increment"),
    ("A further 40 protesters were detained.", "40", None, None, "Increment"),
    ("The ministry will deploy 700 extra police officers.", "700", None, None, "Increment"),
    # running totals
    ("The toll rose to 1,250 on Sunday.", "1,250", "2025-03-09", "2025-03-09", "RunningTotal"),
    ("The blast wounded nine, bringing the number of injured to 86.", "86", None, None, "RunningTotal"),
    ("A total of 700 prisoners were exchanged.", "700", None, None, "RunningTotal"),
    ("So far 64 journalists have been killed in the war.", "64", None, None, "RunningTotal"),
    (
        "Rebels seized 3,000 square kilometres since the offensive began.",
        "3,000",
        None,
        None,
        "RunningTotal",
    ),
    # neither: no period, no tally; "more than" is a hedge, not an increment
    ("The patrol found 12 bodies in the forest.", "12", None, None, None),
    ("More than 300 people were evacuated.", "More than 300", None, None, None),
    ("The village lost 40 more than the town did.", "40", None, None, None),
]


@pytest.mark.parametrize(("sentence", "figure", "start", "end", "tally"), ROWS)
def test_figure_time_reads_period_and_tally(
    sentence: str, figure: str, start: str | None, end: str | None, tally: str | None
) -> None:
    at = sentence.index(figure)
    time = figure_time(sentence, (at, at + len(figure)), (0, len(sentence)), PUBLISHED)
    found = (
        time.start.isoformat() if time.start else None,
        time.end.isoformat() if time.end else None,
        time.tally,
    )
    assert found == (start, end, tally)


def test_figure_time_since_ends_when_the_figure_was_said() -> None:
    sentence = "Since November, 2,100 refugees have crossed the border."
    at = sentence.index("2,100")
    time = figure_time(sentence, (at, at + 5), (0, len(sentence)), PUBLISHED, said=date(2025, 3, 10))
    assert (time.start, time.end) == (date(2024, 11, 1), date(2025, 3, 10))


def test_figure_time_without_publication_keeps_only_dated_periods() -> None:
    relative = "As of Monday, 412 people had been killed."
    at = relative.index("412")
    assert figure_time(relative, (at, at + 3), (0, len(relative)), None).end is None
    dated = "As of March 1, 2025, 412 people had been killed."
    at = dated.index("412")
    assert figure_time(dated, (at, at + 3), (0, len(dated)), None).end == date(2025, 3, 1)


def test_figure_time_from_the_extractor_into_the_graph(extractor: Extractor) -> None:
    """The statement's date stays ckg:statedOn; the period the figure counts goes on its Quantity."""
    text = (
        "The health ministry said on Tuesday that 530 civilians had been killed since January. "
        "Another 200 soldiers were sent to the region."
    )
    article = Article(
        id=article_id(text),
        source="t.txt",
        text=text,
        zones=(Zone(0, len(text), "body"),),
        published="2025-03-12",
    )
    (extracted,) = extractor.extract([article])
    quantities = {q.figure.text: (claim, q) for claim in extracted.claims for q in claim.quantities}
    claim, killed = quantities["530"]
    assert claim.stated_on == "2025-03-11"
    assert (killed.period_start, killed.period_end, killed.tally) == ("2025-01-01", "2025-03-11", None)
    _, sent = quantities["Another 200"] if "Another 200" in quantities else quantities["200"]
    assert sent.tally == "Increment"
    quads = set(article_quads(extracted))
    periods = {(p, o) for _, p, o, _ in quads if p in (CKG.periodStart, CKG.periodEnd, CKG.tally)}
    assert (CKG.periodStart, Literal("2025-01-01", datatype=XSD.date)) in periods
    assert (CKG.periodEnd, Literal("2025-03-11", datatype=XSD.date)) in periods
    assert (CKG.tally, CKG.Increment) in periods


@pytest.mark.parametrize(
    ("text", "tallies"),
    [
        ("The strike killed 40 people, officials said. A further 117 were wounded.", [None, None]),
        (
            "Rebels killed 19 soldiers near the base, the army said. A further 14 soldiers were captured.",
            [None, None],
        ),
        (
            "Officials said 40 soldiers were killed on Monday. Another 60 were killed on Tuesday.",
            [None, "Increment"],
        ),
        (
            "The shelling killed 12 civilians and wounded 30. Another 25 were wounded overnight.",
            [None, None, "Increment"],
        ),
        (
            "The ministry said 530 civilians had been killed since January. "
            "Another 200 soldiers were sent to the region.",
            [None, "Increment"],
        ),
    ],
)
def test_further_victims_of_another_measure_are_no_increment(
    extractor: Extractor, text: str, tallies: list[str | None]
) -> None:
    """ "A further N" wounded after a death toll counts more victims, the first count of its
    measure; after a count of its own measure, or of no victims, it adds to one."""
    article = Article(id=article_id(text), source="t.txt", text=text, zones=(Zone(0, len(text), "body"),))
    (extracted,) = extractor.extract([article])
    quantities = sorted((q for c in extracted.claims for q in c.quantities), key=lambda q: q.figure.start)
    assert [q.tally for q in quantities] == tallies
