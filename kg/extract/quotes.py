"""Where quotations open and close, so a quote that runs over several sentences keeps its speaker.

News names a speaker once per quotation: '"A," he said. "B. C."' or a quote that opens in one
sentence and closes in the next before '..., said the NIS.' Curly quotes say which way they
face; straight ones alternate within a paragraph. A quote left open at a paragraph's end
runs on into the next paragraph, as style guides prescribe for multi-paragraph quotations.
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
