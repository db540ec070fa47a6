"""Broadcast speaker labels: a line "Jana Novak / Defence Committee (SDS)" under a speaker's words.

Transcripts and TV captions name who speaks by a line of its own: the person, a slash, the body
they sit on, and their party in brackets. The label states membership, so it is read as
relations (:mod:`kg.extract.relations`); no sentence parse reaches it, the model sees no
sentence there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import Span

__all__ = ["SpeakerLabel", "speaker_labels"]

_NAME = r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3}"
_LABEL = re.compile(
    rf"^[ \t]*(?P<person>{_NAME}) ?/ ?(?P<body>[A-Z][\w'-]*(?: (?:[A-Z][\w'-]*|of|the|and|for))*?)"
    r"(?: \((?P<party>[A-Z][\w-]{1,15})\))?[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class SpeakerLabel:
    """The line, and the names in it: the person, the body, and the party if one is given."""

    line: Span
    person: Span
    body: Span
    party: Span | None


def speaker_labels(text: str) -> Iterator[SpeakerLabel]:
    """Every speaker label line of ``text``, with offsets into it."""
    for match in _LABEL.finditer(text):
        spans = {
            group: Span(match.start(group), match.end(group), match.group(group))
            for group in ("person", "body", "party")
            if match.group(group)
        }
        line = Span(match.start("person"), match.end(), match.group().strip())
        yield SpeakerLabel(line, spans["person"], spans["body"], spans.get("party"))
