"""Count-like number phrases in news text, read into a qualifier and exact bounds.

String-level on purpose: it runs over every sentence of every article, before and apart from
the parse, so it is one compiled regex and one pass. A match is a number phrase with the
hedge in front of it ("at least 100", "as much as about 1,300", "Some 11,000") or behind it
("200 or so", "300-plus"), a range ("between 10,000 and 12,000", "2,000-3,000", "two or
three") or a vague quantity word ("dozens of", "tens of thousands of"). Things that look like
numbers but count nothing are consumed by the same regex and dropped: dates, years, times,
money, percentages, ordinals, decades, identifiers, weapon names and hyphenated compound
adjectives ("five-year plan"); so is a restatement in other units ("800 square kilometres (310
square miles)").

Durations ("two days", "24 hours") are returned: whether a figure counts people, area or time
is the caller's business (``kg.extract.measures``). Values are ``Decimal`` so that
"10,000,000,000,000" stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal

from kg.extract.wordtrie import word_trie
from kg.model import Figure, Qualifier

__all__ = ["QUALIFIER_WORDS", "TRAILING_QUALIFIER_WORDS", "VAGUE_WORDS", "find_figures"]

#: Hedges written before a number, and the qualifier each gives it (ckg:QualifierScheme).
#: From the project's ontology contract and wire-service usage (AP, Reuters). When two stack
#: ("as much as about 1,300") the first, outer one wins; any of them before a range gives Range.
#: "estimated", "about" and "over" are hedges only where the words before them allow: see
#: ``_hedges_here``.
QUALIFIER_WORDS: dict[str, Qualifier] = {
    "some": "Approximately",
    "about": "Approximately",
    "around": "Approximately",
    "roughly": "Approximately",
    "approximately": "Approximately",
    "an estimated": "Approximately",
    "estimated": "Approximately",
    "close to": "Approximately",
    "nearly": "Nearly",
    "approaching": "Nearly",
    "nearing": "Nearly",
    "almost": "Nearly",
    "just under": "Nearly",
    "just shy of": "Nearly",
    "at least": "AtLeast",
    "as few as": "AtLeast",
    "no fewer than": "AtLeast",
    "no less than": "AtLeast",
    "not less than": "AtLeast",
    "a minimum of": "AtLeast",
    "more than": "MoreThan",
    "over": "MoreThan",
    "just over": "MoreThan",
    "well over": "MoreThan",
    "in excess of": "MoreThan",
    "upwards of": "MoreThan",
    "upward of": "MoreThan",
    "up to": "AtMost",
    "as many as": "AtMost",
    "as much as": "AtMost",
    "as high as": "AtMost",
    "at most": "AtMost",
    "no more than": "AtMost",
    "not more than": "AtMost",
    "a maximum of": "AtMost",
    "fewer than": "LessThan",
    "less than": "LessThan",
    "under": "LessThan",
}

#: Hedges written after a number ("200 or so", "two or more", "a 300-plus convoy", "50+"), and the
#: qualifier each gives it; a hedge in front wins over one behind. Wire-service usage.
TRAILING_QUALIFIER_WORDS: dict[str, Qualifier] = {
    "or so": "Approximately",
    "or more": "AtLeast",
    "or fewer": "AtMost",
    "or less": "AtMost",
    "plus": "MoreThan",
    "+": "MoreThan",
}

#: Quantity words with no number, and the bounds (min, max or None) they imply; the figure
#: is qualified "Vague". The min of "several"/"multiple" (3) and "numerous"/"a number of" (4)
#: follow the ISAF press-release annotation guide; a plural of a power of ten is at least two
#: of it and fewer than ten ("thousands": 2,000..9,999); "dozens" is two dozen to 99.
#: A trailing "of" is part of the span ("dozens of").
VAGUE_WORDS: dict[str, tuple[int, int | None]] = {
    "a couple of": (2, 3),
    "a few": (2, 5),
    "a handful": (2, 5),
    "several": (3, 9),
    "multiple": (3, None),
    "numerous": (4, None),
    "a number of": (4, None),
    "tens of": (20, 99),
    "dozens": (24, 99),
    "scores of": (40, None),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
}

#: Words after which "about" opens a topic, not a hedge: "details about two detained soldiers"
#: are two soldiers. Nouns of news and telling, and verbs of worry and inquiry, that take
#: "about" as their preposition in wire copy. Verbs that also take a count as their object
#: ("asked about 200 residents to leave", "spoke about 20 minutes") are left out on purpose.
_TOPIC_HEADS = """
    detail details information info news word questions question concern concerns worry worries
    fear fears rumour rumours rumor rumors speculation story stories testimony evidence nothing
    anything something
    worried concerned complained inquired enquired speculated testified
""".split()

#: Words after which "over" opens what is fought or felt over, not a floor: "anger over 40
#: civilian deaths" is over 40 deaths, not over 40. Nouns of dispute, feeling and control that
#: take "over" as their preposition in wire copy.
_DISPUTE_HEADS = """
    fighting fight fights dispute disputes row rows clash clashes tension tensions feud feuds
    quarrel standoff war battle battles anger outrage fury grief sorrow concern concerns worry
    worries fear fears alarm protest protests talks negotiations control sovereignty
""".split()

#: Words after which "estimated" is the adjective that hedges a figure ("their estimated 3,000
#: fighters"), not the reporting verb ("Monitors estimated over 9,400 fighters..."), which the
#: claim reader takes as its cue. A sentence start counts too (a headline: "Estimated 3,000 flee").
_ESTIMATED_AFTER = "the its their his her our this these those".split()

#: Units a news story converts, and the system of each: "800 square kilometres (310 square
#: miles)" and "15 km, or nine miles" are one figure written twice, a metric and an imperial
#: one. SI and imperial units of length, area and weight, AP style.
_METRIC_UNITS = """
    kilometre kilometres kilometer kilometers km kms metre metres meter meters m cm mm hectare
    hectares ha kilogram kilograms kg kgs tonne tonnes km2 km² sqkm
""".split()
_IMPERIAL_UNITS = (
    "mile miles mi foot feet ft yard yards inch inches acre acres lb lbs ton tons mi2 mi²".split()
)
_UNIT_SYSTEMS = dict.fromkeys(_METRIC_UNITS, "metric") | dict.fromkeys(_IMPERIAL_UNITS, "imperial")

#: Vague words that multiply a following scale word: "several hundred" is 300..900.
_VAGUE_MULTIPLIERS = ("several", "a few", "a couple of")

#: "multiple launch rocket system" names a weapon, not a quantity.
_NOT_VAGUE_AFTER = re.compile(r"\s+(?:launch|rocket|independently)\b", re.IGNORECASE)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
#: Words that multiply the number before them ("1.5 million", "two dozen").
_SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
_SMALL_WORDS = _UNITS | _TEENS | _TENS

#: Words before a number that make it an identifier ("UN Resolution 2254", "Article 5").
_IDENTIFIER_NOUNS = """
    resolution resolutions article articles flight route highway chapter section paragraph clause
    decree page platform gate room channel unit protocol amendment phase stage no. nos.
""".split()

#: Month names and their AP abbreviations, capitalised: a number beside one is a day.
_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()

#: Currency names and codes after a number make it money ("5 million dollars").
_CURRENCY_WORDS = """
    dollar dollars euro euros pound pounds sterling ruble rubles rouble roubles hryvnia hryvnias
    hryvnyas yuan renminbi yen rupee rupees dinar dinars riyal riyals dirham dirhams franc francs
    shekel shekels lira liras usd eur gbp rub uah cny jpy chf
""".split()
_CURRENCY_SIGNS = "$€£¥₽₴₹"

#: "one" in these phrases is a pronoun or an idiom, not a count ("one of", "no one", "one day",
#: "another one").
_ONE_BEFORE = re.compile(
    r"\b(?:no|the|this|that|which|any|every|each|such|another|other)\s+\Z", re.IGNORECASE
)
_ONE_AFTER = re.compile(r"\s+(?:of|another|such|day|point|way|hand|side|by|after)\b", re.IGNORECASE)

_DIGITS_MAX = 30  # longer digit runs are identifiers or noise, and keep arithmetic exact
_EXACT = Context(prec=_DIGITS_MAX + 30)


_HYPHEN = "\\-\u2010\u2011"
_DASH = _HYPHEN + "\u2013"  # and the en dash of "2,000–3,000"
_MONTH = rf"{word_trie(_MONTHS, capitalised=False)}\b"
_WORD_START = rf"(?<![\w{_HYPHEN}])"
_NUMBER_START = rf"(?<![\w{_CURRENCY_SIGNS}#@/\\.,:+{_HYPHEN}])(?!(?<=['’])[0-9])"  # not "’22" either
_END = rf"(?![\w%‰°{_CURRENCY_SIGNS}]|[{_HYPHEN}]\w|[.,:/][0-9])"

_NUMERAL = r"(?:0|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*)(?:\.[0-9]+)?"
_SCALE = rf"{word_trie(_SCALES, capitalised=False)}\b"
_MULTIPLIER = rf"{word_trie((s for s in _SCALES if s != 'dozen'), capitalised=False)}\b"
_UNIT_AFTER_TENS = rf"(?:[\s{_HYPHEN}]{word_trie((w for w in _UNITS if w != 'zero'), capitalised=False)}\b)?"
_SMALL = rf"{word_trie(_SMALL_WORDS, tails=dict.fromkeys(_TENS, _UNIT_AFTER_TENS))}\b"
# A scale word follows its number after a space or a hyphen ("two-thousand", "35-hundred").
_JOIN = rf"(?:\s+|[{_HYPHEN}])"
# Fractions of a scale word: "half a million", "one and a half million", "a quarter of a million";
# "two and a half" alone opens a range ("two and a half to three million").
_FRACTION = (
    rf"[Hh]alf\s+a\s+{_SCALE}|{_SMALL}\s+and\s+a\s+half\b(?:\s+{_SCALE})?"
    rf"|(?:[Aa]|[Oo]ne|[Tt]hree)\s+quarters?\s+of\s+a\s+{_SCALE}"
)
_WORDS = (
    rf"(?:{_FRACTION}|(?:[Aa](?=\s+{_SCALE})|{_SMALL})"
    rf"(?:{_JOIN}dozen\b|(?:{_JOIN}{_MULTIPLIER})+(?:(?:\s+and)?\s+{_SMALL}(?:{_JOIN}{_MULTIPLIER})+)*"
    rf"(?:(?:\s+and)?\s+{_SMALL})?)?)"
)
# Atomic, so that "1.5 million-strong" fails whole instead of yielding "1.5".
_CORE = rf"(?:(?>{_NUMERAL}(?:{_JOIN}{_SCALE})?)|{_WORDS})"

_FIGURE = (
    rf"(?:(?P<q>{word_trie(QUALIFIER_WORDS)})\s+(?:(?P<q2>{word_trie(QUALIFIER_WORDS)})\s+)?)?"
    r"(?:(?P<pre>[Bb]etween|[Ff]rom)\s+)?"
    rf"{_NUMBER_START}(?P<a>{_CORE})"
    rf"(?:(?P<sep>\s*[{_DASH}]\s*|\s+(?:to|or)\s+|(?(pre)\s+and\s+|(?!)))(?P<b>{_CORE}))?"
    r"(?(pre)(?(b)|(?!)))"  # "between" and "from" only open a range
    rf"(?(b)|(?:(?P<post>\s+or\s+(?:so|more|fewer|less)|[\s{_HYPHEN}]plus|\+)(?![\w{_HYPHEN}]|\s*[0-9]))?)"
    rf"{_END}"
)
_VAGUE = (
    rf"(?:(?P<vmul>{word_trie(_VAGUE_MULTIPLIERS)})\s+(?P<vscale>{_SCALE})"
    rf"|(?P<vague>{word_trie(VAGUE_WORDS)}(?:\s+of\b)?))(?![\w{_HYPHEN}])"
)
_CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY", "CHF")
_CURRENCY_CODE = rf"{word_trie(_CURRENCY_CODES, capitalised=False)}\b"
_SKIP = (
    rf"{_MONTH}\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:\s*[{_DASH}]\s*[0-9]{{1,2}})?(?![0-9])"  # Dec. 16
    rf"|(?:[{_CURRENCY_SIGNS}]|{_CURRENCY_CODE})\s*[0-9][0-9,.]*"  # $5, USD 5
    rf"|{word_trie(_IDENTIFIER_NOUNS)}\s*(?:[0-9][\w./{_HYPHEN}]*|{_SMALL})"  # Article 5
    r"|\+[0-9]{1,3}(?:[\s.\-]\(?[0-9]{1,5}\)?){2,}|\([0-9]{3}\)\s*[0-9]{3}[\s.\-][0-9]{4}"  # phones
)
# Every alternative starts a word ("US$5" and "F-16" give nothing) with a digit, a sign or one
# of these words; checking that first, in one trie, halves the time spent on ordinary words.
_FIRST_WORDS = {
    phrase.split()[0].rstrip(".")
    for words in (QUALIFIER_WORDS, VAGUE_WORDS, _IDENTIFIER_NOUNS, _SMALL_WORDS, _MONTHS, _CURRENCY_CODES)
    for phrase in words
} | {"between", "from", "half", "a"}
_GATE = rf"{_WORD_START}(?=[0-9{_CURRENCY_SIGNS}+(]|{word_trie(_FIRST_WORDS)}\b)"
_FIGURES = re.compile(rf"{_GATE}(?:(?P<skip>{_SKIP})|(?P<vaguefig>{_VAGUE})|(?P<fig>{_FIGURE}))")

#: What after a number makes it something other than a count.
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:[%‰]|per\s*cent\b|percent\b|pct\b|percentage\s+points?\b)"
    r"|\s*(?:[ap]\.m\.|[ap]\.?m\b|gmt\b|utc\b|o['’]clock\b)"
    rf"|\s+(?:(?:us|u\.s\.)\s+)?{word_trie(_CURRENCY_WORDS)}\b"
    rf"|\s+(?:of\s+)?(?-i:{_MONTH})"
    r"|['’]s\b"
    rf"|[\s{_HYPHEN}]+(?:years?|months?|weeks?|days?)[\s{_HYPHEN}]+old\b"
    rf"|\s+{_SCALE}",  # the regex gave back a scale word: "two hundred-year-old" is no 2
    re.IGNORECASE,
)
#: A hedge word that is a preposition after these words ("details about", "anger over").
_PREPOSITION_AFTER = {
    preposition: re.compile(rf"(?<![\w{_HYPHEN}]){word_trie(heads)}\s+\Z")
    for preposition, heads in (("about", _TOPIC_HEADS), ("over", _DISPUTE_HEADS))
}
_ESTIMATED_HEDGES_AFTER = re.compile(
    rf"(?:\A|(?<![\w{_HYPHEN}]){word_trie(_ESTIMATED_AFTER)}\s+|[.!?;:\"“‘(\[{_DASH}—]\s*)\Z"
)
_UNIT = rf"(?:(?:square|sq\.?|cubic)\s*)?(?P<unit>{word_trie(_UNIT_SYSTEMS, capitalised=False)})\.?"
# The unit before a restatement, then a bracket or an "or"; the unit after it, then its close.
_UNIT_THEN_RESTATED = re.compile(rf"(?<![A-Za-z]){_UNIT}\s*(?:(?P<open>[(\[])|,?\s+or)\s*\Z", re.IGNORECASE)
_UNIT_THEN_CLOSE = re.compile(rf"\s*{_UNIT}\s*(?P<close>[)\]])?(?!\w)", re.IGNORECASE)
_LOOK_BACK = 32  # characters before a match that the checks above read: longer than any word
_NUMERAL_HEAD = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_WORD_SPLIT = re.compile(rf"[\s{_HYPHEN}]+")


@dataclass(frozen=True, slots=True)
class _Number:
    """One number read from the text: its value, and the scale word it ends in (1 if none)."""

    value: Decimal
    scale: Decimal
    year: bool  # a bare 1800..2199 numeral, which news uses for years

    @property
    def raw(self) -> Decimal:
        return _EXACT.divide(self.value, self.scale)


def find_figures(text: str) -> list[Figure]:
    """Every count-like number phrase in ``text``, in text order and non-overlapping.

    A figure's span includes its qualifier words ("at least 100") but not a trailing "more"
    ("2,000-3,000 more soldiers"). Offsets are into ``text``.
    """
    figures: list[Figure] = []
    for match in _FIGURES.finditer(text):
        if match.group("skip") is not None or _NOT_A_COUNT_AFTER.match(text, match.end()):
            continue
        if match.group("vaguefig") is not None:
            vague = _vague(text, match)
            if vague is not None:
                figures.append(vague)
        else:
            figures.extend(_figure(text, match))
    return [figure for figure in figures if not _converted(text, figure)]


def _converted(text: str, figure: Figure) -> bool:
    """Whether ``figure`` restates the one before it in the other system of units, in brackets
    or after "or": "about 800 square kilometres (310 square miles)" claims one area, not two."""
    after = _UNIT_THEN_CLOSE.match(text, figure.end)
    if after is None:
        return False
    before = _UNIT_THEN_RESTATED.search(text, max(0, figure.start - _LOOK_BACK), figure.start)
    return (
        before is not None
        and bool(before.group("open")) == bool(after.group("close"))
        and _UNIT_SYSTEMS[before.group("unit").lower()] != _UNIT_SYSTEMS[after.group("unit").lower()]
    )


def _vague(text: str, match: re.Match[str]) -> Figure | None:
    start, end = match.span()
    head = _normal(match.group("vmul") or match.group("vague"))
    if head not in VAGUE_WORDS:
        head = head.removesuffix(" of")
    if head == "multiple" and _NOT_VAGUE_AFTER.match(text, end):
        return None
    low, high = VAGUE_WORDS[head]
    scale = _SCALES[match.group("vscale").lower()] if match.group("vscale") else 1
    return Figure(
        start,
        end,
        text[start:end],
        "Vague",
        min_value=Decimal(low * scale),
        max_value=None if high is None else Decimal(high * scale),
    )


def _figure(text: str, match: re.Match[str]) -> list[Figure]:
    """The figures one number match gives: none, one, or two for a range that runs backwards."""
    first = _read(match.group("a"))
    second = None if match.group("b") is None else _read(match.group("b"))
    if first is None or first.year or (match.group("b") is not None and (second is None or second.year)):
        return []  # a year, or a digit run too long to be a count
    start, end = match.span()
    hedge = match.group("q")
    if hedge is not None and not _hedges_here(text, match):
        hedge = match.group("q2")  # "details about some 200": the inner hedge is the one
        start = match.start("q2") if hedge else match.start("pre") if match.group("pre") else match.start("a")
    qualifier = QUALIFIER_WORDS[_normal(hedge)] if hedge else _trailing_qualifier(match.group("post"))
    if second is None:
        if qualifier == "Exact" and _idiomatic_one(text, match):
            return []
        return [_point(text, start, end, qualifier, first.value)]
    low = first.value
    if first.scale == 1 and second.scale != 1 and first.value < second.raw:
        low = _integral(_EXACT.multiply(first.value, second.scale))  # "1.5 to 2 million"
    if second.value > low:
        return [Figure(start, end, text[start:end], "Range", min_value=low, max_value=second.value)]
    if match.group("sep").strip() in ("-", "\u2010", "\u2011", "\u2013"):
        return []  # "2-1" is a score, "2013-01" a date or an identifier
    a_start = match.start("a") if match.group("pre") else start
    return [
        _point(text, a_start, match.end("a"), qualifier, first.value),
        _point(text, match.start("b"), match.end("b"), "Exact", second.value),
    ]


def _trailing_qualifier(post: str | None) -> Qualifier:
    """The qualifier a hedge after the number gives ("200 or so"), Exact if there is none."""
    if post is None:
        return "Exact"
    return TRAILING_QUALIFIER_WORDS[_normal(_WORD_SPLIT.sub(" ", post))]


def _hedges_here(text: str, match: re.Match[str]) -> bool:
    """Whether the first hedge word of ``match`` qualifies its number. "about" after a noun of
    news ("details about two soldiers") and "over" after one of dispute ("anger over 40 deaths")
    are prepositions, and "estimated" after its subject ("Monitors estimated over 9,400") is the
    reporting verb: none of them makes the count a guess or a bound."""
    word = _normal(match.group("q"))
    start = match.start()
    if word in _PREPOSITION_AFTER:
        return not _PREPOSITION_AFTER[word].search(text, max(0, start - _LOOK_BACK), start)
    if word == "estimated":
        return bool(_ESTIMATED_HEDGES_AFTER.search(text, max(0, start - _LOOK_BACK), start))
    return True


def _point(text: str, start: int, end: int, qualifier: Qualifier, number: Decimal) -> Figure:
    """A one-number figure; the qualifier decides whether the number is a value or a bound."""
    if qualifier in ("AtLeast", "MoreThan"):
        return Figure(start, end, text[start:end], qualifier, min_value=number)
    if qualifier in ("AtMost", "LessThan"):
        return Figure(start, end, text[start:end], qualifier, max_value=number)
    return Figure(start, end, text[start:end], qualifier, value=number)


def _read(phrase: str) -> _Number | None:
    """The value of a numeral ("1.5 million") or of number words ("two hundred and fifty")."""
    head = _NUMERAL_HEAD.match(phrase)
    if head is not None:
        digits = head.group().replace(",", "")
        if len(digits) > _DIGITS_MAX:
            return None
        words = [w for w in _WORD_SPLIT.split(phrase[head.end() :]) if w]  # "35-hundred" too
        scale = Decimal(_SCALES[words[-1].lower()]) if words else Decimal(1)
        year = not words and head.group().isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2199
        return _Number(_integral(_EXACT.multiply(Decimal(digits), scale)), scale, year)
    words = [w for w in _WORD_SPLIT.split(phrase.lower()) if w != "and"]
    scale = Decimal(_SCALES.get(words[-1], 1))
    fraction = _fraction(words)
    if fraction is not None:
        return _Number(_integral(_EXACT.multiply(fraction, scale)), scale, False)
    total, current = 0, 0
    for word in words:
        if word == "a":
            current = 1
        elif word in _SMALL_WORDS:
            current += _SMALL_WORDS[word]
        elif word in ("dozen", "hundred"):
            current *= _SCALES[word]
        elif current:
            total, current = total + current * _SCALES[word], 0
        else:  # "two thousand million"
            total *= _SCALES[word]
    return _Number(Decimal(total + current), scale, False)


def _fraction(words: list[str]) -> Decimal | None:
    """How many of the last (scale) word a fraction phrase counts: "half a" 0.5, "one and a half"
    1.5 ("and" already dropped), "three quarters of a" 0.75; None for a phrase with no fraction.
    The figure regex lets only these shapes through (``_FRACTION``)."""
    if words[0] == "half":
        return Decimal("0.5")
    if words[-2:] == ["a", "half"]:  # "two and a half to three million"
        return sum(_SMALL_WORDS[word] for word in words[:-2]) + Decimal("0.5")
    if len(words) > 2 and words[-3:-1] == ["a", "half"]:
        return sum(_SMALL_WORDS[word] for word in words[:-3]) + Decimal("0.5")  # "twenty-five and a half"
    if len(words) > 2 and words[1] in ("quarter", "quarters"):
        return Decimal("0.75") if words[0] == "three" else Decimal("0.25")
    return None


def _integral(number: Decimal) -> Decimal:
    """Whole numbers without a trailing ".0", so "1.5 million" reads 1500000."""
    return Decimal(int(number)) if number == number.to_integral_value() else number


def _idiomatic_one(text: str, match: re.Match[str]) -> bool:
    if match.group("a").lower() != "one":
        return False
    start, end = match.span()
    return bool(_ONE_BEFORE.search(text, max(0, start - 8), start) or _ONE_AFTER.match(text, end))


def _normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())
