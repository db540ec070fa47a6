"""Keywords of SPARQL text, read without parsing it: which query form it has, and whether it could
make the engine fetch a URL.

The endpoint never fetches anything on a request's behalf: both engines behind the store follow
``SERVICE`` (and ``LOAD``) to any URL, which would make a local server a way into other machines.
Neither engine can be told not to, and their parsers do not agree with each other (rdflib's
pyparsing grammar, Oxigraph's PEG), so :func:`forbidden_keyword` reads the text the way *either*
could, and refuses when any reading finds the word:

- ``<`` is an IRI's opening bracket or a less-than sign, as the parser's context decides
  (``FILTER(?a<1)SERVICE#x>`` is a comparison, a keyword and a comment to Oxigraph). Both
  readings are followed; a keyword can only come after the ``)`` that closes the comparison.
- rdflib undoes ``\\uXXXX`` escapes in the whole text before parsing, Oxigraph only inside
  strings and IRIs, so ``"\\u0022"`` is one quote or the end of a string: both texts are read.
- Oxigraph matches keywords without a word boundary: ``SERVICESILENT<x>`` is ``SERVICE SILENT
  <x>`` and ``service:x {...}`` may be ``SERVICE :x {...}``. So a bare word that contains a
  forbidden keyword anywhere is refused (no SPARQL keyword or function contains one), and so is a
  prefixed name whose prefix does. Strings, IRIs, comments, variables and the local part of a
  prefixed name (which both parsers read to its end) are never refused for their content.
- Local names may escape characters (``ex:a\\'b``); the escapes are read as part of the name,
  so the ``'`` does not start a string that would hide what follows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

__all__ = ["QUERY_FORMS", "REMOTE_KEYWORDS", "forbidden_keyword", "query_form"]

#: The four query forms, as the first keyword of the query after its prologue.
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

#: Keywords that make an engine fetch a URL; refused in every operation.
REMOTE_KEYWORDS = ("SERVICE", "LOAD")

_LOCAL_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?\#@%]"
#: A codepoint escape, which Oxigraph undoes inside IRIs (and rdflib everywhere, first).
_CODEPOINT_ESCAPE = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
# One token of SPARQL as its grammar splits the text ("other" runs up to anything that could start
# a word or a name). A comment is only its "#" here: its end is found with _Positions, so that
# reading many comments that end on one line stays linear.
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_CODEPOINT_ESCAPE})*>)
  | (?P<var>[?$]\w+)
  | (?P<blank>_:\w(?:[\w.-]*[\w-])?)
  | (?P<pname>(?:[^\W\d_](?:[\w.-]*[\w-])?)?:
              (?:(?:[\w:%-]|{_LOCAL_ESCAPE})(?:(?:[\w:%.-]|{_LOCAL_ESCAPE})*(?:[\w:%-]|{_LOCAL_ESCAPE}))?)?)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>[^\s\#"'<?$:\w]+|\d+|.)
    """,
    re.VERBOSE | re.DOTALL,
)
#: Where a comment ends: any line break a parser might count as one.
_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of the query (None if it has none)."""
    words = (token.upper() for kind, token in _tokens(_unescape(text)) if kind == "word")
    return next((word for word in words if word in QUERY_FORMS), None)


def forbidden_keyword(text: str) -> str | None:
    """The keyword of :data:`REMOTE_KEYWORDS` that some reading of ``text`` finds, if any."""
    for variant in dict.fromkeys((text, _unescape(text))):
        found = _remote_keyword(variant)
        if found is not None:
            return found
    return None


def _remote_keyword(text: str) -> str | None:
    """Walk every reading of ``text`` at once, each position once per way of reaching it.

    A reading is a position and the position from which its words count: on the less-than
    reading of a ``<``, only words after the next ``)`` could be keywords the engine obeys.
    """
    ends = _Positions(_LINE_BREAK, text)
    closes = _Positions(re.compile(r"\)"), text)
    counts_from = {0: 0}  # position -> the smallest position its words count from
    todo = [0]
    while todo:
        pos = todo.pop()
        if pos >= len(text):
            continue
        start = counts_from[pos]
        kind, end = _token(text, pos, ends)
        if pos >= start:
            found = _remote_word(kind, text[pos:end])
            if found is not None:
                return found
        nexts = [(end, start)]
        if kind == "iri":
            close = closes.after(pos)
            if close is not None:  # "<" as less-than: a keyword needs the ")" that ends the test
                nexts.append((pos + 1, max(start, close)))
        for at, counting in nexts:
            counting = 0 if at >= counting else counting
            if counting < counts_from.get(at, len(text) + 1):
                counts_from[at] = counting
                todo.append(at)
    return None


def _remote_word(kind: str | None, token: str) -> str | None:
    if kind == "word":
        name = token.upper()
    elif kind == "pname":
        name = token.partition(":")[0].upper()
    else:
        return None
    return next((keyword for keyword in REMOTE_KEYWORDS if keyword in name), None)


def _token(text: str, pos: int, ends: _Positions) -> tuple[str | None, int]:
    """The kind of the token at ``pos`` and where it ends."""
    match = _TOKEN.match(text, pos)
    assert match is not None  # "other" matches any character
    if match.lastgroup == "comment":
        end = ends.after(pos)
        return "comment", len(text) if end is None else end
    return match.lastgroup, match.end()


class _Positions:
    """The positions where ``pattern`` matches in ``text``, to find the next one after any point."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._at = [match.start() for match in pattern.finditer(text)]

    def after(self, pos: int) -> int | None:
        index = bisect.bisect_right(self._at, pos)
        return self._at[index] if index < len(self._at) else None


def _unescape(text: str) -> str:
    return _CODEPOINT.sub(lambda m: _codepoint(m.group(1) or m.group(2)), text)


def _codepoint(hex_digits: str) -> str:
    value = int(hex_digits, 16)
    return chr(value) if value <= 0x10FFFF else "\ufffd"


def _tokens(text: str) -> Iterator[tuple[str | None, str]]:
    """The tokens of ``text`` in its plain reading (every ``<...>`` an IRI), in order."""
    ends = _Positions(_LINE_BREAK, text)
    pos = 0
    while pos < len(text):
        kind, end = _token(text, pos, ends)
        yield kind, text[pos:end]
        pos = end
