"""rdflib quads as N-Quads lines, the text Oxigraph's bulk loader reads fastest into an empty
store; kept out of :mod:`kg.store.oxigraph` so that opening a store to read imports no rdflib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.rdf.mapping import Quad

__all__ = ["nquad_line"]

_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nquad_line(quad: Quad) -> str:
    """One quad as an N-Quads line."""
    return " ".join(_nquad_term(term) for term in quad) + " .\n"


def _nquad_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = str(term).translate(_ECHAR)
        if term.language:
            return f'"{lexical}"@{term.language}'
        return f'"{lexical}"^^<{term.datatype}>' if term.datatype else f'"{lexical}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")
