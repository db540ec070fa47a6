"""Where a SPARQL query is broken, said so that a reader finds it: the word the parser stopped
at, and the query's line with a caret under it.

Oxigraph reports the furthest point any rule of its grammar reached and what that rule expected
(``SELCT ?s WHERE ...`` -> "error at 1:10: expected CONSTRUCT", the column inside ``WHERE``),
which points past the mistake more often than at it. rdflib's parser (pyparsing) stops where
no rule matched and names what it found there ("found 'SELCT'"), so a query that either engine
rejects is parsed again with rdflib's parser, on the error path only, and its position is shown;
where rdflib's parser accepts the text, Oxigraph's own position is shown instead.
"""

from __future__ import annotations

import re

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

__all__ = ["ENGINE_POSITION", "syntax_message"]

#: Where each engine writes a syntax error's position in its message.
ENGINE_POSITION = (
    re.compile(r"\s*\(at char \d+\),\s*\(line:(\d+), col:(\d+)\)"),  # rdflib (pyparsing)
    re.compile(r"^error at (\d+):(\d+):\s*"),  # Oxigraph
)
_FOUND = re.compile(r",\s*found (.*)$")
_WORD = re.compile(r"\s*([^\s{}()<>,;.]+|\S)")
#: pyparsing names the rule that failed; where that is a whole query form, the mistake is
#: somewhere inside it, from the word found on.
_FORMS = {"SelectQuery", "ConstructQuery", "DescribeQuery", "AskQuery", "Update"}
_INSIDE = "the query is not valid SPARQL here"
_FIRST_WORD = "{SelectQuery | ConstructQuery | DescribeQuery | AskQuery}"
#: What the text holds outside IRIs and strings, for finding prefixed names.
_QUOTED = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_PREFIXED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w])")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def syntax_message(text: str, engine_message: str, *, update: bool = False) -> str | None:
    """The message for a syntax error in ``text`` that an engine reported as ``engine_message``
    (its words on one line): a first line "syntax error at line L, column C: ..." naming the word
    found there, then the line and a caret under it. None where ``engine_message`` holds no
    position (not a syntax error)."""
    for pattern in ENGINE_POSITION:
        match = pattern.search(engine_message)
        if match:
            break
    else:
        return None
    lines = [line.expandtabs(8) for line in text.splitlines()] or [""]  # as pyparsing counts columns
    reason = _shortened((engine_message[: match.start()] + engine_message[match.end() :]).strip())
    line_no = min(max(int(match.group(1)), 1), len(lines))
    raw = text.splitlines()[line_no - 1] if text.splitlines() else ""
    column = len(raw[: int(match.group(2)) - 1].expandtabs(8)) + 1
    after = pattern is ENGINE_POSITION[1]  # Oxigraph's column is just past the word it stopped at
    undeclared = _undeclared_prefix(text) if "Prefix not found" in reason else None
    if undeclared is not None:
        line_no, column, prefix = undeclared
        reason, after = (
            f"the prefix {prefix}: is not declared; add PREFIX {prefix}: <...> before the query",
            False,
        )
    else:
        parsed = _rdflib_position(text, update)
        if parsed is not None:
            inside = parsed[2] == _INSIDE
            if not (inside and after and (line_no, column) > parsed[:2]):
                line_no, column, reason, after = *parsed, False
            elif inside:
                reason = _INSIDE
    line = lines[line_no - 1]
    word = _word_at(line, min(max(column, 1), len(line) + 1), after=after)
    if word is None:
        found, column = (
            "the end of the query" if line_no == len(lines) else "the end of the line",
            len(line) + 1,
        )
    else:
        found, column = repr(word[0]), word[1]
    head = f"syntax error at line {line_no}, column {column}: unexpected {found}; {reason}"
    return f"{head}\n    {line}\n    {' ' * (column - 1)}^"


def _rdflib_position(text: str, update: bool) -> tuple[int, int, str] | None:
    """Line, column and reason where rdflib's parser stops, or None where it accepts ``text``."""
    try:
        (parseUpdate if update else parseQuery)(text)
    except ParseBaseException as exc:
        return exc.lineno, exc.col, _expected(exc.msg)
    except Exception:  # noqa: BLE001  (rdflib's parser fails other ways on odd input: keep the engine's)
        return None
    return None


def _word_at(line: str, column: int, *, after: bool) -> tuple[str, int] | None:
    """The word at ``column`` (1-based; or, ``after``, the one ending just before it) and where it
    starts; None at the end of the line."""
    if after and column > 1 and not line[column - 2].isspace():
        starts = [found for found in _WORD.finditer(line) if found.start(1) < column - 1]
        if starts:
            return starts[-1].group(1), starts[-1].start(1) + 1
    found = _WORD.match(line, column - 1)
    if found is None or not found.group(1):
        return None
    return found.group(1), found.start(1) + 1


def _shortened(reason: str, limit: int = 120) -> str:
    """An engine's reason, its list of expected characters cut short."""
    return reason if len(reason) <= limit else reason[:limit].rsplit(",", 1)[0] + ", ..."


def _expected(message: str) -> str:
    """pyparsing's "Expected X, found 'y'" in a reader's words."""
    wanted = _FOUND.sub("", message).removeprefix("Expected ").strip()
    if wanted == _FIRST_WORD:
        return "a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK (after any PREFIX and BASE)"
    if wanted in _FORMS:
        return _INSIDE
    return f"expected {'the end of the query' if wanted == 'end of text' else wanted}"


def _undeclared_prefix(text: str) -> tuple[int, int, str] | None:
    """Line, column and name of the first prefixed name whose prefix no PREFIX declares."""
    bare = _QUOTED.sub(lambda found: " " * len(found.group(0)), text)
    declared = {name or "" for name in _DECLARED.findall(bare)}
    for found in _PREFIXED.finditer(bare):
        prefix = found.group(1) or ""
        before = bare[max(0, found.start() - 7) : found.start()]
        if prefix not in declared and not re.search(r"PREFIX\s+$", before, re.IGNORECASE):
            line_start = bare.rfind("\n", 0, found.start()) + 1
            return bare.count("\n", 0, found.start()) + 1, found.start() - line_start + 1, prefix
    return None
