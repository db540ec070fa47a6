"""A query's answer in a standard format: the one writer that ``kg query`` and ``kg serve`` share.

SELECT and ASK answers are written by rdflib's SPARQL 1.1 results serialisers (JSON, XML, CSV)
and, as rdflib reads TSV but cannot write it, TSV here: each term as N-Triples writes it
(:func:`kg.rdf.sparql.nt_term`). A CONSTRUCT or DESCRIBE graph is written by rdflib's RDF
serialisers; JSON-LD is compacted with the ontology's context.
"""

from __future__ import annotations

from rdflib import Variable
from rdflib.query import Result

from kg.errors import QueryError
from kg.rdf.ontology import load_context
from kg.rdf.sparql import nt_term
from kg.read.query import QueryResult, error_line

__all__ = ["WRITERS", "write_result"]

#: Query form -> the format names :func:`write_result` takes for it.
WRITERS: dict[str, tuple[str, ...]] = {
    "SELECT": ("json", "xml", "csv", "tsv"),
    "ASK": ("json", "xml"),
    "CONSTRUCT": ("turtle", "nt", "json-ld", "xml"),
    "DESCRIBE": ("turtle", "nt", "json-ld", "xml"),
}


def write_result(result: QueryResult, fmt: str) -> bytes:
    """``result`` as UTF-8 bytes in ``fmt``, one of :data:`WRITERS` for its form.

    Raises:
        QueryError: ``fmt`` is not a format of the result's form (the message lists those that
            are), or the serialiser failed on a term (a control character XML cannot hold, an
            IRI N-Triples cannot write).
    """
    offered = WRITERS[result.form]
    if fmt not in offered:
        raise QueryError(
            f"a {result.form} result cannot be written as {fmt!r}; choose one of: {', '.join(offered)}"
        )
    try:
        if result.graph is not None:
            if fmt == "json-ld":
                return result.graph.serialize(
                    format="json-ld", context=load_context(), auto_compact=True, encoding="utf-8"
                )
            return result.graph.serialize(format=fmt, encoding="utf-8")
        if fmt == "tsv":
            return _tsv(result).encode("utf-8")
        return _rdflib_result(result).serialize(format=fmt) or b""
    except Exception as exc:  # rdflib's serialisers raise many unrelated types
        raise QueryError(f"cannot write the result as {fmt}: {error_line(exc)}") from exc


def _rdflib_result(result: QueryResult) -> Result:
    """The answer as the rdflib Result its serialisers take."""
    answer = Result(result.form)
    if result.form == "ASK":
        answer.askAnswer = result.answer
        return answer
    variables = [Variable(name) for name in result.variables]
    answer.vars = variables
    answer.bindings = [
        {var: cell for var, cell in zip(variables, row, strict=True) if cell is not None}
        for row in result.rows
    ]
    return answer


def _tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: ``?name`` headers, then terms as N-Triples writes them, unbound
    cells empty."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join("" if cell is None else nt_term(cell) for cell in row) for row in result.rows]
    return "\n".join(lines) + "\n"
