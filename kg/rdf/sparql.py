"""SPARQL text, written once: string literals, IRIs, terms, and the PREFIX header.

Every query the project builds from data (a canned query's parameter, an entity's IRI in a
``VALUES`` list, a quad in ``INSERT DATA``, a cell of a TSV result) goes through these, so a
quote, a backslash or a line break in news text can never end a literal early or change what a
query does. Terms are written as N-Triples writes them (:func:`nt_term`, which Turtle, N-Quads
and the SPARQL TSV results format read) and, in SPARQL text, with the one change SPARQL's code
point escapes call for (:func:`sparql_term`).
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.rdf.ontology import PREFIXES

__all__ = [
    "PREFIX_HEADER",
    "is_iri",
    "last_segment",
    "nt_lexical",
    "nt_term",
    "sparql_iri",
    "sparql_string",
    "sparql_term",
]

#: One ``PREFIX`` line per entry of :data:`kg.rdf.ontology.PREFIXES`, for queries written here.
PREFIX_HEADER = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

#: An absolute IRI with none of the characters SPARQL's IRIREF forbids (nor spaces or controls).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")
#: The ECHAR escapes that keep a literal on one line whatever it holds.
_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
#: A ``u`` or ``U`` right after an escaped backslash. SPARQL expands every ``\uXXXX`` in a query
#: before parsing it (rdflib does so even right after ``\\``), so in SPARQL text that ``u`` is
#: written as a code point escape, or the text ``\u0022`` would come back as ``"``.
_U_AFTER_BACKSLASH = re.compile(r"(?<=\\)[uU]")


def is_iri(text: str) -> bool:
    """Whether ``text`` can be written between ``<`` and ``>`` without changing the query."""
    return _IRI.fullmatch(text) is not None


def sparql_iri(iri: str) -> str:
    """``<iri>``.

    Raises:
        ValueError: ``iri`` is relative or holds a character an IRI reference may not; written
            as it is, it could close the ``<...>`` early and add to the query.
    """
    if not is_iri(iri):
        raise ValueError(f"{iri!r} is not an absolute IRI that SPARQL can write")
    return f"<{iri}>"


def sparql_string(text: str) -> str:
    """``text`` as a literal in SPARQL query or update text, on one line, read back as ``text``."""
    return _codepoints_kept(_quoted(text))


def sparql_term(term: Node) -> str:
    """An IRI, literal or blank node in SPARQL query or update text (:func:`nt_term`, with the
    literals written as :func:`sparql_string` writes them).

    Raises:
        ValueError, TypeError: as :func:`nt_term`.
    """
    return _codepoints_kept(nt_term(term))


def nt_term(term: Node) -> str:
    """An IRI, literal or blank node as N-Triples writes it, and Turtle, N-Quads and the SPARQL
    TSV results format read it.

    Raises:
        ValueError: an IRI (or a literal's datatype) that :func:`sparql_iri` refuses.
        TypeError: ``term`` is a variable or a graph, not an RDF term.
    """
    if isinstance(term, URIRef):
        return sparql_iri(str(term))
    if isinstance(term, Literal):
        if term.language:
            return f"{_quoted(str(term))}@{term.language}"
        return nt_lexical(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nt_lexical(text: str, datatype: str | None = None) -> str:
    """A literal of lexical form ``text`` (and ``datatype``, if any) as N-Triples writes it."""
    return f"{_quoted(text)}^^{sparql_iri(datatype)}" if datatype else _quoted(text)


def _quoted(text: str) -> str:
    return f'"{text.translate(_ECHAR)}"'


def _codepoints_kept(written: str) -> str:
    """``written`` with each ``\\u`` that SPARQL would expand made safe (only a literal's escaped
    backslash can come before a ``u``: IRIs, language tags and blank node labels hold none)."""
    return _U_AFTER_BACKSLASH.sub(lambda u: f"\\U{ord(u[0]):08X}", written)


def last_segment(iri: str) -> str:
    """The part of an IRI after its last ``/`` or ``#``: a readable name when there is no label."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri
