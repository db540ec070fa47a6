"""Lines that say who speaks by layout rather than by a verb.

Two conventions of news copy: a transcript or headline line opened by its speaker and a colon
("PETROV: We held the bridge.", "Zelensky: Talks are over"), and a quotation signed after a
dash ('"We held the bridge." ― Ivan Petrov'). PolNeAR marks both as attributions, the colon
or dash as the cue. The source is the name; the content is the rest of the line, or the
quotation. Labels of the page itself ("Update:", "Photo:") and datelines ("KYIV:", by the
model's entity types here, by the gazetteer's classes in claims.py) are not speakers.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.attribution import Attribution
from kg.extract.claimwords import PAGE_LABELS
from kg.extract.doctext import doc_text

__all__ = ["find_speaker_lines"]

_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}"
#: "NAME: what they said", the name at most four capitalised words at the start of the line; a
#: transcript quoted paragraph by paragraph opens each line with a quotation mark.
_LABELLED = re.compile(
    rf"^[\"\u201c]?(?P<name>{_NAME})[ \t]*(?P<cue>:)[ \t]+(?P<content>\S[^\n]*)$", re.MULTILINE
)
#: '"What they said." ― Name', a quotation signed with a dash at the end of the line.
_SIGNED = re.compile(
    rf"^[ \t]*[\"\u201c\u201d](?P<content>[^\n]+?)[\"\u201c\u201d][ \t]*(?P<cue>\u2015|\u2014|\u2013|--)"
    rf"[ \t]*(?P<name>{_NAME})[ \t\u00a0]*$",
    re.MULTILINE,
)
#: Entity types of a name before a colon that make it a dateline or a heading, not a speaker.
_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "EVENT"})
#: The fewest words a line's content must have to be something said.
_MIN_WORDS = 3


def find_speaker_lines(doc: Doc) -> list[Attribution]:
    """Every labelled or signed line of ``doc``, in text order."""
    text = doc_text(doc)
    found = [
        a
        for pattern in (_LABELLED, _SIGNED)
        for match in pattern.finditer(text)
        if (a := _attribution(doc, match)) is not None
    ]
    return sorted(found, key=lambda a: a.content)


def _attribution(doc: Doc, match: re.Match[str]) -> Attribution | None:
    name = doc.char_span(*match.span("name"), alignment_mode="expand")
    cue = doc.char_span(*match.span("cue"), alignment_mode="expand")
    content = doc.char_span(*match.span("content"), alignment_mode="expand")
    line = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if name is None or cue is None or content is None or line is None:
        return None
    if match.group("name").lower().rstrip(".") in PAGE_LABELS:
        return None
    if any(t.ent_type_ in _NOT_SPEAKERS for t in name):
        return None
    if sum(not t.is_punct for t in content) < _MIN_WORDS:
        return None
    return Attribution(
        sentence=(line.start, line.end),
        content=(content.start, content.end),
        certainty="Asserted",
        cue=(cue.start, cue.end),
        cue_lemma=match.group("cue"),
        source=(name.start, name.end),
        source_head=name.root.i,
    )
