"""Teams in the result and standings lines of sports tables, whatever the model took them for.

A line that is two names each followed by a figure ("Dover 3 Hastings 1", "DENVER 5
Portland 4 (in 11)") is a result, and a line that is a name followed by nothing but three
or more figures ("NEW HAVEN 58 71 .450 12") a standings row: the names are teams, organisations
named after their city, county or sponsor. The model reads them as places or people; these
lines relabel them ORG. A row headed by a name the model took for a person's full name
("Lee Hartley 68 74 71 69", a golfer's rounds) stays a person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.namebreaks import is_figure

__all__ = ["label_teams"]

_NAME_JOINERS = frozenset({"of", "'s", "(", ")", "-", "&", "."})
_MIN_STANDINGS_FIGURES = 3


def label_teams(doc: Doc) -> Doc:
    """Relabel the team names of each result or standings line ORG."""
    teams = [team for line in _lines(doc) for team in _teams(line)]
    if teams:
        kept = [e for e in doc.ents if not any(e.start < t.end and t.start < e.end for t in teams)]
        doc.ents = filter_spans([*kept, *teams])
    return doc


def _lines(doc: Doc) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                lines.append([])
            continue
        lines[-1].append(token)
    return [line for line in lines if line]


def _teams(line: list[Token]) -> list[Span]:
    """The team names of a result or standings line; none for any other line."""
    first, k = _name(line, 0)
    if first is None:
        return []
    figures = _figures(line, k)
    if figures == 1:
        second, j = _name(line, k + 1)
        if second is not None and _figures(line, j) == 1 and _rest_is_note(line, j + 1):
            return [first, second]
        return []
    if figures >= _MIN_STANDINGS_FIGURES and k + figures == len(line) and not _persons_name(first):
        return [first]
    return []


def _name(line: list[Token], start: int) -> tuple[Span | None, int]:
    """The capitalised name that starts at ``start``, and the index after it."""
    end = start
    while end < len(line) and (line[end].text[:1].isupper() or (end > start and _joins(line[end]))):
        end += 1
    while end > start and line[end - 1].lower_ in _NAME_JOINERS - {")", "."}:
        end -= 1
    if end == start or not any(t.is_alpha for t in line[start:end]):
        return None, start
    doc = line[0].doc
    return Span(doc, line[start].i, line[end - 1].i + 1, label="ORG"), end


def _joins(token: Token) -> bool:
    return token.lower_ in _NAME_JOINERS


def _figures(line: list[Token], start: int) -> int:
    n = 0
    while start + n < len(line) and is_figure(line[start + n]):
        n += 1
    return n


def _rest_is_note(line: list[Token], start: int) -> bool:
    """Nothing, or a bracketed note ("(in 12)", "(halftime 1-0)"), after a result."""
    rest = line[start:]
    return not rest or (rest[0].text == "(" and rest[-1].text == ")")


def _persons_name(span: Span) -> bool:
    """A name of two or more words the model tagged as a person's."""
    return len(span) > 1 and all(t.ent_type_ == "PERSON" for t in span)
