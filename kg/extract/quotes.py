"""Where quotations open and close, so a quote that runs over several sentences keeps its speaker.

News names a speaker once per quotation: '"A," he said. "B. C."' or a quote that opens in one
sentence and closes in the next before '..., said the NIS.' Curly quotes say which way they
face; straight ones alternate within a paragraph. A quote left open at a paragraph's end
runs on into the next paragraph, as style guides prescribe for multi-paragraph quotations.

Some outlets quote with single marks ("'A. B,' it said."), which are also apostrophes. In a
paragraph with no double marks, a single mark opens a quotation after a space or the line's
start, before a letter or digit ("'90s" aside), and closes it where a quotation ends: after a
stop or comma (",'"), before a stop or comma ("'cataclysmic',"), or after at most four words
before a space ("'peace plan' talks"). An apostrophe ("soldiers' families", "it's") does
neither past four words; a mark with no such close in its paragraph quotes nothing.
"""

from __future__ import annotations

import re

__all__ = ["quote_regions"]

_OPENING = "\u201c\u201e"
_CLOSING = "\u201d"
_STRAIGHT = '"'
#: Two apostrophes stand for a straight double quote in some wire and archive copy.
_DOUBLED = "''"
#: The only characters the scan acts on: marks and line breaks.
_MARKS = re.compile(f"{_DOUBLED}|[{_OPENING}{_CLOSING}{_STRAIGHT}\n]")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of quoted text, marks excluded, in text order."""
    return sorted(_double_quoted(text) + _single_quoted(text))


def _double_quoted(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    run_on = False  # the mark opening this paragraph continues the quote of the last one
    for mark in _MARKS.finditer(text):
        i, char = mark.start(), mark.group().replace(_DOUBLED, _STRAIGHT)
        if run_on and (char in _OPENING or char == _STRAIGHT):
            run_on = False
        elif char in _OPENING or (char == _STRAIGHT and opened is None):
            opened = mark.end() if opened is None else opened
        elif char in _CLOSING or char == _STRAIGHT:
            if opened is not None and i > opened:
                regions.append((opened, i))
            opened = None
        elif char == "\n" and opened is not None:
            run_on = _next_line_continues(text, i)
            if not run_on:
                regions.append((opened, i))
                opened = None
    if opened is not None and len(text) > opened:
        regions.append((opened, len(text)))
    return regions


def _next_line_continues(text: str, newline: int) -> bool:
    """An open quote runs on when the next paragraph opens with a quotation mark."""
    following = _NEXT_CHARACTER.match(text, newline)
    if following is None:
        return False
    return following.group(1) in _OPENING + _STRAIGHT or text.startswith(_DOUBLED, following.start(1))


_SINGLE_OPENING = "'\u2018"
_SINGLE_CLOSING = "'\u2019"
_SINGLE = re.compile("['\u2018\u2019]")
_DOUBLE_MARKS = re.compile(f"{_DOUBLED}|[{_OPENING}{_CLOSING}{_STRAIGHT}]")
_DECADE = re.compile(r"\d\ds\b")
#: Words a quotation closed by a mark followed by a space may have ("'peace plan' talks").
_SHORT_QUOTE_WORDS = 4


def _single_quoted(text: str) -> list[tuple[int, int]]:
    """Quotations in single marks, paragraph by paragraph (see the module's docstring)."""
    regions = []
    start = 0
    for line in text.split("\n"):
        if not _DOUBLE_MARKS.search(line):
            regions += [(start + a, start + b) for a, b in _single_quoted_line(line)]
        start += len(line) + 1
    return regions


def _single_quoted_line(line: str) -> list[tuple[int, int]]:
    regions = []
    opened: int | None = None
    for mark in _SINGLE.finditer(line):
        i = mark.start()
        before = line[i - 1] if i > 0 else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if opened is None:
            if mark.group() in _SINGLE_OPENING and before.isspace() and after.isalnum():
                if not _DECADE.match(line, i + 1):
                    opened = i + 1
            continue
        if mark.group() not in _SINGLE_CLOSING or before.isspace():
            continue
        quoted = line[opened:i]
        if (
            before in ",.?!"
            or after in ",.;:?!)"
            or (after.isspace() and len(quoted.split()) <= _SHORT_QUOTE_WORDS)
        ):
            regions.append((opened, i))
            opened = None
    return regions
