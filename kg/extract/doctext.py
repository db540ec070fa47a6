"""A document's text, joined once.

``Doc.text`` joins every token's text anew on each access, which costs as much as a pass of a
pipeline component over a long article; the stages after the pipeline each need the whole text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["doc_text", "span_text"]

_KEY = "ckg_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in the doc's user data on first use (tokens never change after the
    pipeline has run)."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from the document's kept text rather than joined from the tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]
