"""Date expressions in news text, resolved against the article's publication date.

Wire copy dates events relative to the day it runs: AP style writes "on Thursday" for a day
of the past week, "Dec. 16" without a year for a date within the year, and "last month",
"earlier this week", "in late June" freely. A claim is dated by what these denote, so each
expression is read into the period ``[earliest, latest]`` it names. Without a publication
date only expressions that carry their year can be resolved; the rest are still returned,
unresolved, so a caller can see that the text gave a date. String-level and one compiled
regex, like ``kg.extract.figures``: it runs over every sentence.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.extract.wordtrie import word_trie

__all__ = ["DateExpression", "find_dates"]

_DAY = datetime.timedelta(days=1)

#: Month names and their AP abbreviations (Sept. as well as Sep.), capitalised as news writes them.
_MONTHS = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4,
    "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8, "September": 9,
    "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11, "December": 12, "Dec": 12,
}  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: "early", "mid" and "late" a month: days 1-10, 11-20 and 21 to the end (None: the last day).
_MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10), "start": (1, 10), "beginning": (1, 10),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, None), "end": (21, None),
}  # fmt: skip
#: ... and a year: January-April, May-August, September-December.
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

#: Small counts in "two days ago"; larger ones are written as numerals.
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression at ``[start, end)`` of the searched text and the days it denotes.

    ``earliest`` and ``latest`` bound the period named ("last week": its Monday and Sunday);
    both are None when it cannot be resolved (no publication date, or "Feb. 30").
    """

    start: int
    end: int
    text: str
    earliest: datetime.date | None
    latest: datetime.date | None


def _names(names: Iterable[str]) -> str:
    """Capitalised names, longest first ("Sept" before "Sep"), matched case-sensitively."""
    ordered = sorted(names, key=len, reverse=True)
    return rf"(?-i:(?:{'|'.join(ordered)})\b)"


_ABBREVIATIONS = [m for m in _MONTHS if len(m) <= 4 and m not in ("May", "June", "July")]
_MONTH = rf"(?:{_names(_ABBREVIATIONS)}\.?|{_names(_MONTHS)})"  # "Dec." but not "December."
_WEEKDAY = _names(_WEEKDAYS)
_DAY_OF_MONTH = r"[0-9]{1,2}(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?:19|20)[0-9]{2}(?!\w|,[0-9])"
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_COUNT = "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))

#: The words a date expression can open with; checking them first, case-sensitively and in one
#: trie (see ``kg.extract.figures``), lets the regex pass over most words at a glance.
_FIRST_WORDS = [
    *_MONTHS, *_WEEKDAYS, *_COUNT_WORDS, "on", "in", "during", "the", "early", "mid", "late", "last", "next",
    "this", "earlier", "later", "over", "at", "yesterday", "today", "tonight", "tomorrow",
]  # fmt: skip

_DATES = re.compile(
    rf"(?<![\w-])(?-i:(?=[0-9]|{word_trie(_FIRST_WORDS)}\b))(?:"
    r"(?P<iso>(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9](?![\w-]))"
    rf"|(?P<md>(?:on\s+)?(?:{_WEEKDAY},?\s+)?"
    rf"(?:(?P<md_m1>{_MONTH})\s+(?P<md_d1>{_DAY_OF_MONTH})(?:\s*[-–]\s*(?P<md_e1>{_DAY_OF_MONTH}))?"
    rf"|(?:the\s+)?(?P<md_d2>{_DAY_OF_MONTH})(?:\s*[-–]\s*(?P<md_e2>{_DAY_OF_MONTH}))?"
    rf"\s+(?:of\s+)?(?P<md_m2>{_MONTH}))"
    rf"(?:,?\s+(?P<md_y>{_YEAR}))?)"
    rf"|(?P<mo>(?:(?P<mo_in>in|during)\s+)?"
    r"(?:(?P<mo_part>early|mid|late)[\s-]+|the\s+(?P<mo_edge>start|beginning|middle|end)\s+of\s+"
    r"|(?P<mo_near>last|next)\s+)?"
    rf"(?P<mo_m>{_MONTH})(?:\s+(?:of\s+)?(?P<mo_rel>last|this|next)\s+year\b|,?\s+(?P<mo_y>{_YEAR}))?)"
    r"|(?P<yr>(?:(?P<yr_in>in|during)\s+)?(?:(?P<yr_part>early|mid|late)[\s-]+|(?P<yr_the>the\s+year)\s+)?"
    rf"(?P<yr_y>{_YEAR}))"
    rf"|(?P<wd>(?:on\s+)?(?:(?:late|early)\s+)?(?:(?P<wd_rel>last|next|this\s+past)\s+)?"
    rf"(?P<wd_d>{_WEEKDAY}){_TIME_OF_DAY})"
    r"|(?P<rel>(?P<rel_w>(?:earlier|later)\s+this|this|last|next|(?:(?:in|over|during)\s+)?the\s+past)"
    r"\s+(?P<rel_u>week|month|year)\b)"
    r"|(?P<wknd>(?:over|at)\s+the\s+weekend|(?:this|last)\s+weekend)\b"
    rf"|(?P<day>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))\b{_TIME_OF_DAY}"
    rf"|(?P<ago>(?P<ago_n>[0-9]{{1,2}}|{_COUNT})\s+(?P<ago_u>day|week|month|year)s?\s+ago)\b"
    r")",
    re.IGNORECASE,
)

#: "today" in these outlets' names is no date ("USA Today", "Russia Today").
_TODAY_OUTLETS = ("usa ", "russia ")

_Period = tuple[datetime.date | None, datetime.date | None]
_UNRESOLVED: _Period = (None, None)


def find_dates(text: str, published: datetime.date | None) -> list[DateExpression]:
    """Every date expression in ``text``, in text order, resolved against ``published``.

    Relative expressions ("on Thursday", "last month", "Dec. 16" without a year) need
    ``published``; without it they are returned with ``earliest`` and ``latest`` None.
    """
    found = []
    for match in _DATES.finditer(text):
        kind = match.lastgroup  # the alternative's own group: it encloses the others, so closes last
        if kind is None or not _anchored(match, kind):
            continue
        try:
            earliest, latest = _RESOLVERS[kind](match, published)
        except (ValueError, OverflowError):  # "Feb. 30", or a period past datetime's range
            earliest, latest = _UNRESOLVED
        if earliest is not None and latest is not None and earliest > latest:
            earliest, latest = _UNRESOLVED
        found.append(DateExpression(match.start(), match.end(), match.group(), earliest, latest))
    return found


def _anchored(match: re.Match[str], kind: str) -> bool:
    """A bare month or year ("May", "2024") is a date only with a preposition, part or year."""
    if kind == "mo":
        return any(match.group(g) for g in ("mo_in", "mo_part", "mo_edge", "mo_near", "mo_rel", "mo_y"))
    if kind == "yr":
        return any(match.group(g) for g in ("yr_in", "yr_part", "yr_the"))
    before = match.string[max(0, match.start() - 7) : match.start()].lower()
    return kind != "day" or not before.endswith(_TODAY_OUTLETS)


def _iso(match: re.Match[str], published: datetime.date | None) -> _Period:
    day = datetime.date.fromisoformat(match.group("iso"))
    return day, day


def _month_day(match: re.Match[str], published: datetime.date | None) -> _Period:
    month = _month(match.group("md_m1") or match.group("md_m2"))
    first = int(_digits(match.group("md_d1") or match.group("md_d2")))
    last_day = match.group("md_e1") or match.group("md_e2")
    last = int(_digits(last_day)) if last_day else first
    if match.group("md_y"):
        year = int(match.group("md_y"))
    elif published is None:
        return _UNRESOLVED
    else:
        year = _nearest_year(month, first, published)
    return datetime.date(year, month, first), datetime.date(year, month, last)


def _nearest_year(month: int, day: int, published: datetime.date) -> int:
    """The year of the occurrence of month/day nearest to ``published``, before or after it."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(f"no year has {month}/{day}")
    return min(candidates, key=lambda d: abs((d - published).days)).year


def _month_alone(match: re.Match[str], published: datetime.date | None) -> _Period:
    month = _month(match.group("mo_m"))
    if match.group("mo_y"):
        year = int(match.group("mo_y"))
    elif published is None:
        return _UNRESOLVED
    elif match.group("mo_rel"):
        year = published.year + {"last": -1, "this": 0, "next": 1}[match.group("mo_rel").lower()]
    elif match.group("mo_near"):
        past = match.group("mo_near").lower() == "last"
        year = (
            published.year - (month >= published.month)
            if past
            else published.year + (month <= published.month)
        )
    else:  # the latest occurrence that has begun by a month after publication
        horizon = published + datetime.timedelta(days=31)
        year = horizon.year if datetime.date(horizon.year, month, 1) <= horizon else horizon.year - 1
    end = calendar.monthrange(year, month)[1]
    part = match.group("mo_part") or match.group("mo_edge")
    first, last = _MONTH_PARTS[part.lower()] if part else (1, end)
    return datetime.date(year, month, first), datetime.date(year, month, last or end)


def _year(match: re.Match[str], published: datetime.date | None) -> _Period:
    year = int(match.group("yr_y"))
    first, last = _YEAR_PARTS[match.group("yr_part").lower()] if match.group("yr_part") else (1, 12)
    return datetime.date(year, first, 1), datetime.date(year, last, calendar.monthrange(year, last)[1])


def _weekday(match: re.Match[str], published: datetime.date | None) -> _Period:
    """A bare weekday is the latest one on or before publication; "last" skips the day itself."""
    if published is None:
        return _UNRESOLVED
    target = _WEEKDAYS.index(match.group("wd_d").capitalize())
    relation = " ".join((match.group("wd_rel") or "").lower().split())
    if relation == "next":
        day = published + ((target - published.weekday()) % 7 or 7) * _DAY
    else:
        back = (published.weekday() - target) % 7
        day = published - (back or (7 if relation else 0)) * _DAY
    return day, day


def _relative(match: re.Match[str], published: datetime.date | None) -> _Period:
    """This, last, next, earlier this, later this or the past week, month or year."""
    if published is None:
        return _UNRESOLVED
    which = " ".join(match.group("rel_w").lower().split())
    which = "past" if which.endswith("past") else which
    unit = match.group("rel_u").lower()
    if which == "past":
        back = {"week": datetime.timedelta(days=7), "month": datetime.timedelta(days=30)}
        return published - back.get(unit, datetime.timedelta(days=365)), published
    step = {"last": -1, "next": 1}.get(which, 0)
    first, last = _period(unit, published, step)
    if which == "earlier this":
        return first, max(first, published - _DAY)
    if which == "later this":
        return min(last, published + _DAY), last
    return (first, published) if which == "this" else (first, last)


def _period(unit: str, day: datetime.date, step: int) -> tuple[datetime.date, datetime.date]:
    """The calendar week (Monday first), month or year ``step`` units from the one holding ``day``."""
    if unit == "week":
        monday = day - day.weekday() * _DAY + step * 7 * _DAY
        return monday, monday + 6 * _DAY
    if unit == "month":
        index = day.year * 12 + day.month - 1 + step
        year, month = divmod(index, 12)
        return datetime.date(year, month + 1, 1), datetime.date(
            year, month + 1, calendar.monthrange(year, month + 1)[1]
        )
    year = day.year + step
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _weekend(match: re.Match[str], published: datetime.date | None) -> _Period:
    """The weekend of this week (Monday first) or, for "last" or one not yet begun, the one before."""
    if published is None:
        return _UNRESOLVED
    phrase = match.group("wknd").lower()
    saturday = published - published.weekday() * _DAY + 5 * _DAY
    if phrase.startswith("last") or (not phrase.startswith("this") and saturday > published):
        saturday -= 7 * _DAY
    return saturday, saturday + _DAY


def _day(match: re.Match[str], published: datetime.date | None) -> _Period:
    if published is None:
        return _UNRESOLVED
    word = match.group("day").lower()
    day = published + {"yesterday": -1, "tomorrow": 1}.get(word, 0) * _DAY
    return day, day


def _ago(match: re.Match[str], published: datetime.date | None) -> _Period:
    """ "two days ago" is a day; "a week ago", "three months ago" the week or month it falls in."""
    if published is None:
        return _UNRESOLVED
    count = match.group("ago_n").lower()
    n = int(count) if count.isdigit() else _COUNT_WORDS[count]
    unit = match.group("ago_u").lower()
    if unit == "day":
        day = published - n * _DAY
        return day, day
    return _period(unit, published, -n)


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".")]


def _digits(day: str) -> str:
    return day.rstrip("stndrh")


_RESOLVERS: dict[str, Callable[[re.Match[str], datetime.date | None], _Period]] = {
    "iso": _iso,
    "md": _month_day,
    "mo": _month_alone,
    "yr": _year,
    "wd": _weekday,
    "rel": _relative,
    "wknd": _weekend,
    "day": _day,
    "ago": _ago,
}
