"""Date expressions resolved against the publication date: weekdays, month days, relative periods."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.dates import DateExpression, find_dates

FRIDAY = datetime.date(2024, 12, 20)  # the publication date of most cases below
NEW_YEAR = datetime.date(2025, 1, 3)  # a Friday, just after a year roll-over


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# (sentence, published, expression as written, earliest, latest)
# fmt: off
DATES = [
    ("Andrii Sybiha said on Thursday that the embassy would reopen.",
     FRIDAY, "on Thursday", "2024-12-19", "2024-12-19"),
    ("The ministry said Friday the border was quiet.",
     FRIDAY, "Friday", "2024-12-20", "2024-12-20"),
    ("The drones struck on Saturday, officials said.",
     FRIDAY, "on Saturday", "2024-12-14", "2024-12-14"),
    ("Explosions were heard Wednesday night in Kyiv.",
     FRIDAY, "Wednesday night", "2024-12-18", "2024-12-18"),
    ("The talks collapsed last Friday.",
     FRIDAY, "last Friday", "2024-12-13", "2024-12-13"),
    ("The envoy will visit next Monday.",
     FRIDAY, "next Monday", "2024-12-23", "2024-12-23"),
    ("The governor said yesterday that power was restored.",
     FRIDAY, "yesterday", "2024-12-19", "2024-12-19"),
    ("Talks resume today in Riyadh.",
     FRIDAY, "today", "2024-12-20", "2024-12-20"),
    ("The deal was signed on Feb. 19 in Riyadh.",
     FRIDAY, "on Feb. 19", "2025-02-19", "2025-02-19"),
    ("Elections are due February 19, the commission said.",
     FRIDAY, "February 19", "2025-02-19", "2025-02-19"),
    ("Elections are due 19 February, the commission said.",
     FRIDAY, "19 February", "2025-02-19", "2025-02-19"),
    ("The deal was signed Feb. 19, 2025, in Riyadh.",
     FRIDAY, "Feb. 19, 2025", "2025-02-19", "2025-02-19"),
    ("The strike happened Dec. 16, 2024, near Kursk.",
     FRIDAY, "Dec. 16, 2024", "2024-12-16", "2024-12-16"),
    ("Prisoners were exchanged on Jan. 9, the ministry said.",
     FRIDAY, "on Jan. 9", "2025-01-09", "2025-01-09"),
    ("The column moved on Dec. 16, officials said.",
     FRIDAY, "on Dec. 16", "2024-12-16", "2024-12-16"),
    ("Fighting went on from Dec. 16-18 near the river.",
     FRIDAY, "Dec. 16-18", "2024-12-16", "2024-12-18"),
    ("The brigade arrived on the 16th of December.",
     FRIDAY, "on the 16th of December", "2024-12-16", "2024-12-16"),
    ("Officials said on Thursday, Dec. 19, that talks would resume.",
     FRIDAY, "on Thursday, Dec. 19", "2024-12-19", "2024-12-19"),
    ("Shelling intensified this week, residents said.",
     FRIDAY, "this week", "2024-12-16", "2024-12-20"),
    ("The envoy met the minister last week.",
     FRIDAY, "last week", "2024-12-09", "2024-12-15"),
    ("The bridge was hit earlier this week.",
     FRIDAY, "earlier this week", "2024-12-16", "2024-12-19"),
    ("Prices rose this month.",
     FRIDAY, "this month", "2024-12-01", "2024-12-20"),
    ("The offensive began last month.",
     FRIDAY, "last month", "2024-11-01", "2024-11-30"),
    ("Troops arrived earlier this month.",
     FRIDAY, "earlier this month", "2024-12-01", "2024-12-19"),
    ("A vote is expected later this month.",
     FRIDAY, "later this month", "2024-12-21", "2024-12-31"),
    ("The troops were deployed in December.",
     FRIDAY, "in December", "2024-12-01", "2024-12-31"),
    ("The troops were deployed in November.",
     FRIDAY, "in November", "2024-11-01", "2024-11-30"),
    ("The summit is planned in January.",
     FRIDAY, "in January", "2025-01-01", "2025-01-31"),
    ("The incursion began in late June.",
     FRIDAY, "in late June", "2024-06-21", "2024-06-30"),
    ("A ceasefire was floated in mid-March.",
     FRIDAY, "in mid-March", "2024-03-11", "2024-03-20"),
    ("Ukraine entered Kursk in August last year.",
     FRIDAY, "in August last year", "2023-08-01", "2023-08-31"),
    ("The brigade was formed last year.",
     FRIDAY, "last year", "2023-01-01", "2023-12-31"),
    ("Casualties doubled this year.",
     FRIDAY, "this year", "2024-01-01", "2024-12-20"),
    ("The law was passed in 2024.",
     FRIDAY, "in 2024", "2024-01-01", "2024-12-31"),
    ("The law was passed in May 2024.",
     FRIDAY, "in May 2024", "2024-05-01", "2024-05-31"),
    ("Output fell in early 2023.",
     FRIDAY, "in early 2023", "2023-01-01", "2023-04-30"),
    ("The drones were launched two days ago.",
     FRIDAY, "two days ago", "2024-12-18", "2024-12-18"),
    ("Strikes hit the grid over the weekend.",
     FRIDAY, "over the weekend", "2024-12-14", "2024-12-15"),
    ("The convoy was hit on Dec. 30, officials said.",
     NEW_YEAR, "on Dec. 30", "2024-12-30", "2024-12-30"),
    ("The offensive began last month.",
     NEW_YEAR, "last month", "2024-12-01", "2024-12-31"),
    ("The troops were deployed in December.",
     NEW_YEAR, "in December", "2024-12-01", "2024-12-31"),
    ("The brigade was formed last year.",
     NEW_YEAR, "last year", "2024-01-01", "2024-12-31"),
    ("The envoy met the minister last week.",
     NEW_YEAR, "last week", "2024-12-23", "2024-12-29"),
    ("The strike came on Monday.",
     NEW_YEAR, "on Monday", "2024-12-30", "2024-12-30"),
]
# fmt: on


@pytest.mark.parametrize(("text", "published", "written", "earliest", "latest"), DATES)
def test_dates_resolve_against_publication(
    text: str, published: datetime.date, written: str, earliest: str, latest: str
) -> None:
    (found,) = find_dates(text, published)
    assert found.text == written == text[found.start : found.end]
    assert (found.earliest, found.latest) == (d(earliest), d(latest))


@pytest.mark.parametrize("text", ["The deal was signed on Feb. 30.", "The deal was signed Feb. 30, 2025."])
def test_dates_invalid_date_is_unresolved(text: str) -> None:
    assert [(f.earliest, f.latest) for f in find_dates(text, FRIDAY)] in ([], [(None, None)])


def test_dates_without_publication_only_explicit_years_resolve() -> None:
    text = "On Thursday, officials said the deal of Feb. 19, 2025, replaced one of May 2024 and last week."
    assert [(f.text, f.earliest, f.latest) for f in find_dates(text, None)] == [
        ("On Thursday", None, None),
        ("Feb. 19, 2025", d("2025-02-19"), d("2025-02-19")),
        ("May 2024", d("2024-05-01"), d("2024-05-31")),
        ("last week", None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "May God help us, he said.",  # the modal, not the month
        "The drones may 9 times out of 10 get through.",
        "USA Today reported the strike.",
        "Some 2024 soldiers were listed.",  # a bare year-like number is no date
        "He was wearing a December sweater.",
    ],
)
def test_dates_leave_out_what_is_no_date(text: str) -> None:
    assert find_dates(text, FRIDAY) == []


def test_dates_several_in_text_order() -> None:
    text = "The strike on Monday followed talks last week and a deal signed in May 2024."
    assert [f.text for f in find_dates(text, FRIDAY)] == ["on Monday", "last week", "in May 2024"]


_TOKENS = [
    "on", "in", "during", "the", "of", "last", "next", "this", "earlier", "later", "early", "mid", "late",
    "week", "month", "year", "weekend", "over", "yesterday", "today", "tomorrow", "ago", "two", "a", "days",
    "Thursday", "Feb.", "February", "May", "Dec", "Sept.", "16", "19th", "30", "31", "0", "99", "2024",
    "1900", ",", "-", "\u2013", "\u200b", "\u200f", "\u202e", "\x00", "\n",
]  # fmt: skip
_TEXTS = st.one_of(st.text(), st.lists(st.sampled_from(_TOKENS), max_size=16).map(" ".join))


@given(_TEXTS, st.one_of(st.none(), st.dates()))
def test_dates_any_text_and_publication_gives_valid_expressions(
    text: str, published: datetime.date | None
) -> None:
    end = 0
    for found in find_dates(text, published):
        assert isinstance(found, DateExpression)
        assert end <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.text
        assert (found.earliest is None) == (found.latest is None)
        if found.earliest is not None and found.latest is not None:
            assert found.earliest <= found.latest
        end = found.end
