"""JSON-LD of a graph written one node at a time, compacted with the project's context.

pyoxigraph's own JSON-LD writer streams, but in expanded form (every property a full IRI, every
value an object). The export keeps the compacted form readers know from
``ontology/context.jsonld``: ``"label": "Kim Jong Un"``, ``"claimant": "ckgid:nis"``,
``"start": 1051``, ``"type": "Claim"``. Compaction needs no more than one subject's triples at
a time, so nodes are written as their subjects come (the triples arrive sorted, grouped by
subject) and memory does not grow with the graph.

The rules are those of a JSON-LD compaction with that context, as rdflib applied them:

- a property takes the context's term whose coercion fits the value (``"@type": "@id"`` for
  IRIs, ``"@vocab"`` for vocabulary terms, a datatype for literals of that datatype, none for
  plain and language strings and native numbers); without one, its prefixed or full IRI;
- node references and ``id`` are prefixed IRIs (``ckgid:north-korea``) where the name after the
  last ``/`` or ``#`` is the rest of the IRI, else full IRIs; types are vocabulary-relative;
- several values make a list, sorted by their JSON text; ``"@container": "@set"`` always does;
- keys are sorted and indentation is two spaces, as ``json.dumps(..., indent=2, sort_keys=True)``
  writes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import IO, Any

import pyoxigraph as ox

__all__ = ["Compactor", "indented", "write_jsonld"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = frozenset({f"{_XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})
#: Datatypes written as JSON numbers and booleans where no term coerces them.
_NATIVE: dict[str, Callable[[str], object]] = {
    f"{_XSD}integer": int,
    f"{_XSD}boolean": lambda text: text == "true",
}


#: The order of several values: their JSON text, keys sorted (C-encoded: no indentation).
_SORT_KEY = json.JSONEncoder(sort_keys=True).encode
#: JSON of a string, number or boolean, non-ASCII kept.
_SCALAR = json.JSONEncoder(ensure_ascii=False).encode

#: What a triple's object can be.
_Object = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True, slots=True)
class _Term:
    name: str
    coercion: str | None  # "@id", "@vocab", a datatype IRI, or None
    is_set: bool


class Compactor:
    """Node objects of one subject's triples, compacted with a JSON-LD context."""

    def __init__(self, context: Mapping[str, Any]) -> None:
        self._vocab = str(context.get("@vocab", ""))
        self._prefixes = {
            iri: name
            for name, iri in context.items()
            if isinstance(iri, str) and not name.startswith("@") and iri.endswith(("/", "#"))
        }
        self._terms: dict[str, list[_Term]] = defaultdict(list)
        for name, definition in context.items():
            if isinstance(definition, dict) and "@id" in definition:
                coercion = self._expand(definition["@type"]) if "@type" in definition else None
                is_set = definition.get("@container") == "@set"
                self._terms[self._expand(definition["@id"])].append(_Term(name, coercion, is_set))

    def node(self, subject: ox.NamedNode | ox.BlankNode, triples: Iterable[ox.Triple]) -> dict[str, Any]:
        """The node object of ``subject`` with its triples, keys unsorted."""
        values: dict[str, list[Any]] = defaultdict(list)
        sets: set[str] = set()
        for triple in triples:
            if triple.predicate.value == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                values["type"].append(self._symbol(triple.object.value))
                continue
            key, value, is_set = self._property(triple.predicate.value, triple.object)
            values[key].append(value)
            if is_set:
                sets.add(key)
        node: dict[str, Any] = {"id": self._reference(subject)}
        for key, found in values.items():
            if len(found) > 1:
                node[key] = sorted(found, key=_SORT_KEY)
            else:
                node[key] = found if key in sets else found[0]
        return node

    def _property(self, predicate: str, value: _Object) -> tuple[str, Any, bool]:
        """The key, the compacted value and whether the key always takes a list."""
        terms = self._terms.get(predicate, [])
        if isinstance(value, ox.NamedNode | ox.BlankNode):
            for term in terms:
                if term.coercion == "@id":
                    return term.name, self._reference(value), term.is_set
                if term.coercion == "@vocab" and isinstance(value, ox.NamedNode):
                    return term.name, self._symbol(value.value), term.is_set
            return self._key(predicate, terms), {"id": self._reference(value)}, self._is_set(terms)
        if not isinstance(value, ox.Literal):
            raise ValueError(f"no JSON-LD form for the value {value}")
        datatype = value.datatype.value
        for term in terms:
            if term.coercion == datatype:
                return term.name, value.value, term.is_set
        return self._key(predicate, terms), self._literal(value, datatype), self._is_set(terms)

    def _literal(self, value: ox.Literal, datatype: str) -> Any:
        if value.language:
            return {"@language": value.language, "@value": value.value}
        if datatype in _PLAIN:
            return value.value
        native = _NATIVE.get(datatype)
        if native is not None:
            return native(value.value)
        return {"@type": self._reference(ox.NamedNode(datatype)), "@value": value.value}

    def _key(self, predicate: str, terms: list[_Term]) -> str:
        """The term without coercion where there is one, else the property's symbol."""
        plain = [term.name for term in terms if term.coercion is None]
        return plain[0] if plain else self._symbol(predicate)

    @staticmethod
    def _is_set(terms: list[_Term]) -> bool:
        return any(term.is_set for term in terms if term.coercion is None)

    def _symbol(self, iri: str) -> str:
        """A vocabulary term's name, else its prefixed or full IRI (properties and types)."""
        local = iri.removeprefix(self._vocab)
        if self._vocab and local != iri and local and not any(c in local for c in "/#"):
            return local
        return self._prefixed(iri)

    def _reference(self, node: ox.NamedNode | ox.BlankNode) -> str:
        if isinstance(node, ox.BlankNode):
            return f"_:{node.value}"
        return self._prefixed(node.value)

    def _prefixed(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        name = self._prefixes.get(iri[:cut])
        return f"{name}:{iri[cut:]}" if name and cut < len(iri) else iri

    def _expand(self, value: str) -> str:
        if value.startswith("@"):
            return value
        prefix, colon, rest = value.partition(":")
        namespace = next((iri for iri, name in self._prefixes.items() if name == prefix), None)
        return namespace + rest if colon and namespace else value


def write_jsonld(triples: Iterable[ox.Triple], context: Mapping[str, Any], output: IO[bytes]) -> None:
    """``{"@context": ..., "@graph": [...]}`` of ``triples``, which come grouped by subject.

    Args:
        triples: The graph, each subject's triples together (sorted N-Triples give that).
        context: The JSON-LD context, written at the top and used to compact every node.
        output: A binary file.
    """
    compactor = Compactor(context)
    output.write(f'{{\n  "@context": {indented(context, "  ")},\n  "@graph": ['.encode())
    separator = "\n"
    for subject, group in groupby(triples, key=lambda triple: triple.subject):
        node = compactor.node(subject, group)
        output.write(f"{separator}    {indented(node, '    ')}".encode())
        separator = ",\n"
    output.write(b"\n  ]\n}\n" if separator != "\n" else b"]\n}\n")


def indented(value: Any, margin: str = "") -> str:
    """``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)``, its lines after the
    first starting at ``margin``: the standard library writes indented JSON in pure Python,
    several times slower than this, which leaves the strings to its C encoder."""
    inner = margin + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ",\n".join(f"{inner}{_SCALAR(key)}: {indented(value[key], inner)}" for key in sorted(value))
        return f"{{\n{items}\n{margin}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = ",\n".join(inner + indented(item, inner) for item in value)
        return f"[\n{items}\n{margin}]"
    return _SCALAR(value)
