"""The period a figure counts and whether it is a running total or an increment.

A toll has three dates: the day the article ran (``schema:datePublished``), the day someone gave
it (``ckg:statedOn``, read by :mod:`kg.extract.claims`) and the day or period it counts: "as of
Monday" (a total up to that day), "since November" (from the month's first day up to when it
was said), "in just three months" (the three months before), "last week", "on Tuesday". A figure
is also a running total ("the toll rose to 300", "so far", "a total of 300") or an increment
added to one ("another 500", "2,000-3,000 more", "an additional 300"): a series of one group's
figures draws the totals and never adds an increment to them.

String-level like :mod:`kg.extract.dates`, over the sentence of the figure, less the words that
date the statement itself (the caller passes what is claimed); of several dates the one nearest
the figure counts, and the words right before or after the figure decide an increment.
Relative dates resolve against the article's publication date; a duration and an open "since"
end at the day the figure was said, else the publication date.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from kg.extract.dates import DateExpression, find_dates
from kg.model import Tally

__all__ = ["FigureTime", "figure_time"]

#: Words right before a figure that add it to an earlier one ("another 500", "a further 200").
_INCREMENT_BEFORE = r"another|an?\s+additional|additional|an?\s+further|further|an?\s+extra|extra"
#: ... and right after it ("2,000-3,000 more", "300 additional troops"); "more than" compares.
_INCREMENT_AFTER = r"more|additional|extra"

#: Words right before a figure that give it as the total so far: "a total of", "the toll rose to",
#: "bringing the number of dead to", "the toll stands at", "has reached". Wire-service usage.
_TOTAL_BEFORE = (
    r"a\s+total\s+of|totall?ing|(?:toll|total|tally|count)\s+(?:now\s+)?(?:of|at|stands\s+at|stood\s+at)"
    r"|(?:rose|risen|rising|climbed|climbing|jumped|grown|grew|increased|brings?|bringing|brought"
    r"|raising|raised|pushing|pushed|taking|took)\s+(?:[\w'-]+\s+){0,5}?to"
    r"|(?:has|have|had)\s+(?:now\s+)?reached|reaching|cumulative(?:ly)?"
)
#: Words anywhere in the figure's stretch that make it a total so far ("so far", "to date",
#: "since the war began").
_TOTAL_ANYWHERE = (
    r"so\s+far|to\s+date|in\s+total|in\s+all|altogether|thus\s+far|as\s+(?:of|at)\s+(?:now|today)"
    r"|since\s+the\s+(?:start|beginning|outbreak|onset)\s+of"
    r"|since\s+the\s+(?:war|invasion|conflict|fighting|offensive)\s+(?:began|started|broke\s+out)"
)

_INCREMENT_BEFORE_RE = re.compile(rf"\b(?:{_INCREMENT_BEFORE})\s+$", re.IGNORECASE)
_INCREMENT_AFTER_RE = re.compile(rf"^\s+(?:{_INCREMENT_AFTER})\b(?!\s+than\b)", re.IGNORECASE)
_TOTAL_BEFORE_RE = re.compile(rf"\b(?:{_TOTAL_BEFORE})\s+$", re.IGNORECASE)
_TOTAL_ANYWHERE_RE = re.compile(rf"\b(?:{_TOTAL_ANYWHERE})\b", re.IGNORECASE)

#: Words before a date that make it the end of a total ("as of Monday", "up to last week") ...
_AS_OF = re.compile(r"\b(?:as\s+(?:of|at)|up\s+(?:to|until)|through|until|till|by)\s+(?:the\s+)?$", re.I)
#: ... its start ("since November", "from early June", "since autumn last year", "since the
#: start of the offensive last August") ...
_SINCE = re.compile(
    r"\b(?:since|from|starting)\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\s+of\s+[^,.;]*?)?"
    r"(?:(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: ... and the month each season starts in, on the northern calendar the wires write by.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
#: Where a clause about something else begins: a date after it is not the figure's ("10,000
#: troops in Kursk, parts of which were occupied in August").
_OTHER_CLAUSE = re.compile(
    r",\s+(?:(?:parts?|some|most|all|many|one|each)\s+of\s+)?(?:which|where|when|who|whom|whose|after|before|while)\b",
    re.IGNORECASE,
)

#: Prepositions that bound a period before a bare month or year ("since November", "until 2024").
_BOUNDING = re.compile(
    r"(?<![\w-])(?:since|from|until|through)(?=\s+(?:(?:early|mid|late)[\s-]+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|(?:19|20)[0-9]{2}\b))",
    re.IGNORECASE,
)

_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3,
}  # fmt: skip
_COUNT = "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
#: A stretch of time ending when the figure was given: "in just three months", "over the past
#: 24 hours", "within two weeks", "the last 10 days".
_DURATION = re.compile(
    r"\b(?:(?:in|over|within)\s+)?(?:(?:just|only)\s+)?(?:the\s+(?:past|last)\s+)?"
    rf"(?P<n>[0-9]{{1,3}}|{_COUNT})\s+(?P<unit>hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)
#: Only these openings make a count of units a period that ends now ("three months" alone may
#: be a sentence: "sentenced to three months").
_DURATION_OPENINGS = re.compile(r"^(?:in|over|within|just|only|the\s+(?:past|last))\b", re.I)


@dataclass(frozen=True, slots=True)
class FigureTime:
    """The period ``[start, end]`` a figure counts (either end may be open) and its tally."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    tally: Tally | None = None


def figure_time(
    text: str,
    figure: tuple[int, int],
    stretch: tuple[int, int],
    published: datetime.date | None,
    said: datetime.date | None = None,
) -> FigureTime:
    """The period and tally of the figure at ``figure`` in ``text``, read from ``stretch``.

    Args:
        text: The article text (offsets index it).
        figure: The figure's ``[start, end)``.
        stretch: The words that may date or mark this figure: its sentence, or the part of it
            that is claimed when the figure is in that part (not the date of the statement).
        published: The article's date, what relative dates resolve against.
        said: When the figure was given (``ckg:statedOn``), where an open period ends.
    """
    low, high = stretch
    before, after = text[low : figure[0]], text[figure[1] : high]
    tally = _tally(before, after, text[low:high])
    start, end = _period(text, figure, stretch, published, said or published)
    if start is not None and end is not None and start > end:
        start = end = None
    if tally is None and end is not None and start is None:
        tally = "RunningTotal"  # "as of Monday": a count up to a day counts from the beginning
    return FigureTime(start, end, tally)


def _tally(before: str, after: str, stretch: str) -> Tally | None:
    if _INCREMENT_BEFORE_RE.search(before) or _INCREMENT_AFTER_RE.match(after):
        return "Increment"
    if _TOTAL_BEFORE_RE.search(before) or _TOTAL_ANYWHERE_RE.search(stretch):
        return "RunningTotal"
    return None


def _period(
    text: str,
    figure: tuple[int, int],
    stretch: tuple[int, int],
    published: datetime.date | None,
    now: datetime.date | None,
) -> tuple[datetime.date | None, datetime.date | None]:
    """The date nearest the figure, read by the words before it; else a duration."""
    low, high = _own_clause(text, figure, stretch)
    piece = text[low:high]
    at, to = figure[0] - low, figure[1] - low
    resolved = [
        d for d in find_dates(_anchored(piece), published) if d.earliest is not None and d.latest is not None
    ]
    if not resolved:
        return _duration(piece, now)
    found = min(resolved, key=lambda d: (max(d.start - to, at - d.end, 0), d.start))
    opening = _BOUNDING.match(piece, found.start)  # the "since" that _anchored wrote as "in"
    lead = piece[: found.start] + (opening.group() + " " if opening else "")
    if _AS_OF.search(lead):
        return None, found.latest
    if since := _SINCE.search(lead):
        start = found.earliest
        if start is not None and since.group("season"):
            start = datetime.date(start.year, _SEASONS[since.group("season").lower()], 1)
        return start, _until(piece, found, published) or now
    return found.earliest, found.latest


def _own_clause(text: str, figure: tuple[int, int], stretch: tuple[int, int]) -> tuple[int, int]:
    """The stretch cut where a clause about something else begins, before or after the figure."""
    low, high = stretch
    for match in _OTHER_CLAUSE.finditer(text, low, high):
        if match.end() <= figure[0]:
            low = match.start()
        elif match.start() >= figure[1]:
            return low, match.start()
    return low, high


def _anchored(piece: str) -> str:
    """``piece`` with "since", "from", "until" or "through" before a month or year written as
    "in" (same length): :func:`find_dates` takes a bare "November" for a date only after a
    preposition it knows, and these bound a period as well as "in" names one."""
    return _BOUNDING.sub(lambda m: "in".ljust(len(m.group())), piece)


def _until(piece: str, since: DateExpression, published: datetime.date | None) -> datetime.date | None:
    """The end of "from June to August": a date right after the start and "to", "until" or "through"."""
    match = re.match(r"\s*(?:to|until|till|through|and)\s+", piece[since.end :], re.IGNORECASE)
    if match is None:
        return None
    rest = "in " + piece[since.end + match.end() :]  # "August" alone is a date only after a preposition
    found = find_dates(rest, published)
    return found[0].latest if found and found[0].start == 0 else None


def _duration(piece: str, now: datetime.date | None) -> tuple[datetime.date | None, datetime.date | None]:
    if now is None:
        return None, None
    for match in _DURATION.finditer(piece):
        if not _DURATION_OPENINGS.match(match.group()):
            continue
        count = match.group("n").lower()
        n = int(count) if count.isdigit() else _COUNT_WORDS[count]
        unit = match.group("unit").lower()
        if unit == "hour":
            return now - datetime.timedelta(days=max(1, -(-n // 24))), now
        if unit in ("day", "week"):
            return now - datetime.timedelta(days=n * (7 if unit == "week" else 1)), now
        return _months_back(now, n * (12 if unit == "year" else 1)), now
    return None, None


def _months_back(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
