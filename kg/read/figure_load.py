"""What the figures table holds, read from an Oxigraph store by its own SPARQL engine.

A few flat queries (claims, figures, links, articles, names, labels) run inside pyoxigraph and
come out as SPARQL CSV results, which DuckDB reads in one go: no Python object is made per quad
or per cell, ten times faster than iterating the quads from Python. DuckDB then assembles one row
per figure (and one per claim without a figure) with the rules of the canned queries:
a claim needs a type and a sentence; a figure needs a measure, a qualifier and its words, else
its claim shows as a claim without a figure; where a claim has two values of one property,
the least is kept (SPARQL's SAMPLE may pick any).

Only article graphs give rows: an article is the unit a build writes and a removal takes out, so
the table follows the store article by article (:func:`load_articles` with the articles of a
batch). The names a reader may give for an entity (labels, aliases, mention words) are read per
graph; the entities graph's labels whole (:func:`load_shared`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyoxigraph as ox

from kg.rdf.ontology import CKG, ENTITIES_GRAPH
from kg.rdf.sparql import PREFIX_HEADER, sparql_iri

__all__ = ["load_articles", "load_shared"]

#: name -> (its columns, the query).
_STAGED = {
    "articles": (
        ("g", "published", "outlet", "file"),
        """SELECT ?g ?published ?outlet ?file WHERE { GRAPH ?g { ?g a ckg:Article .
             OPTIONAL { ?g schema:datePublished ?published } OPTIONAL { ?g schema:publisher ?outlet }
             OPTIONAL { ?g ckg:sourceFile ?file } } }""",
    ),
    "claims": (
        ("g", "claim", "text", "content", "certainty", "source", "stated"),
        """SELECT ?g ?claim ?text ?content ?certainty ?source ?stated WHERE {
             GRAPH ?g { ?claim a ckg:Claim ; ckg:text ?text .
               OPTIONAL { ?claim ckg:content ?content } OPTIONAL { ?claim ckg:certainty ?certainty }
               OPTIONAL { ?claim ckg:sourceText ?source } OPTIONAL { ?claim ckg:statedOn ?stated } } }""",
    ),
    "quantities": (
        (
            "g",
            "claim",
            "q",
            "measure",
            "qualifier",
            "figure",
            "value",
            "min",
            "max",
            "counted",
            "tally",
            "start",
            "end",
        ),
        """SELECT ?g ?claim ?q ?measure ?qualifier ?figure ?value ?min ?max ?counted ?tally ?start ?end
           WHERE { GRAPH ?g { ?claim ckg:quantity ?q .
               ?q ckg:measure ?measure ; ckg:qualifier ?qualifier ; ckg:text ?figure .
               OPTIONAL { ?q ckg:value ?value } OPTIONAL { ?q ckg:minValue ?min }
               OPTIONAL { ?q ckg:maxValue ?max } OPTIONAL { ?q ckg:countOf ?counted }
               OPTIONAL { ?q ckg:tally ?tally } OPTIONAL { ?q ckg:periodStart ?start }
               OPTIONAL { ?q ckg:periodEnd ?end } } }""",
    ),
    "links": (
        ("g", "claim", "role", "iri"),
        """SELECT ?g ?claim ?role ?iri WHERE { VALUES ?role { ckg:claimant ckg:about ckg:via }
             GRAPH ?g { ?claim ?role ?iri } }""",
    ),
    "named": (
        ("g", "name", "target"),
        """SELECT ?g ?name ?target WHERE {
             GRAPH ?g { { ?target rdfs:label|skos:altLabel ?name }
                        UNION { ?m ckg:text ?name ; ckg:refersTo ?target } } }""",
    ),
}

#: Names in the graphs that are no article's (entities, gazetteer, ontology, ...).
_SHARED_NAMES = """SELECT ?g ?name ?target WHERE {
  GRAPH ?g { ?target rdfs:label|skos:altLabel ?name } FILTER NOT EXISTS { GRAPH ?g { ?g a ckg:Article } } }"""

_LABELS = (
    f"SELECT ?iri ?label WHERE {{ GRAPH {sparql_iri(str(ENTITIES_GRAPH))} {{ ?iri rdfs:label ?label }} }}"
)


def _local(column: str) -> str:
    """SQL for SPARQL's ``STRAFTER(STR(x), "#")``."""
    return f"CASE WHEN strpos({column}, '#') > 0 THEN substr({column}, strpos({column}, '#') + 1) ELSE '' END"


_CKG = str(CKG)

#: The staged results as rows of ``figures`` (columns in its order).
_ASSEMBLE = f"""
INSERT INTO figures
WITH a AS (SELECT g, min(published) AS published, min(outlet) AS outlet, min(file) AS file
           FROM staged_articles GROUP BY g),
c AS (SELECT g, claim, min(text) AS text, min(content) AS content, min(certainty) AS certainty,
             min(source) AS source, min(stated) AS stated FROM staged_claims GROUP BY g, claim),
q AS (SELECT g, claim, q, min(measure) AS measure, min(qualifier) AS qualifier, min(figure) AS figure,
             min(value) AS value, min(min) AS min, min(max) AS max, min(counted) AS counted,
             min(tally) AS tally, min("start") AS period_start, min("end") AS period_end
      FROM staged_quantities GROUP BY g, claim, q),
l AS (SELECT g, claim,
        list_sort(list_distinct(list(iri) FILTER (WHERE role = '{_CKG}about'))) AS about,
        list_sort(list_distinct(list(iri) FILTER (WHERE role = '{_CKG}claimant'))) AS claimants,
        list_sort(list_distinct(list(iri) FILTER (WHERE role = '{_CKG}via'))) AS via
      FROM staged_links GROUP BY g, claim)
SELECT c.g, c.claim, q.q, c.text, c.content,
       CASE WHEN c.certainty IS NULL THEN NULL ELSE {_local("c.certainty")} END,
       c.source, c.stated, a.published,
       TRY_CAST(left(coalesce(c.stated, a.published), 10) AS DATE), a.outlet, a.file,
       CASE WHEN q.q IS NULL THEN NULL ELSE {_local("q.measure")} END,
       CASE WHEN q.q IS NULL THEN NULL ELSE {_local("q.qualifier")} END,
       q.figure, q.value, q.min, q.max, q.counted,
       coalesce(l.about, []), coalesce(l.claimants, []), coalesce(l.via, []),
       CASE WHEN q.tally IS NULL THEN NULL ELSE {_local("q.tally")} END, q.period_start, q.period_end
FROM c JOIN a ON a.g = c.g LEFT JOIN q ON q.g = c.g AND q.claim = c.claim
LEFT JOIN l ON l.g = c.g AND l.claim = c.claim
"""


def load_articles(
    connection: duckdb.DuckDBPyConnection, store: ox.Store, articles: Sequence[str] | None
) -> None:
    """Replace the rows and names of ``articles`` (every article graph where None) by what the
    store holds now: an article the store no longer has loses its rows."""
    # The queries' dataset narrowed to the batch's graphs: Oxigraph then reads only those (a
    # VALUES clause of graph names is joined after reading them all).
    graphs: list[ox.NamedNode | ox.BlankNode] | None = None
    if articles is not None:
        graphs = [ox.NamedNode(a) for a in articles]
    for name, (columns, query) in _STAGED.items():
        _stage(connection, store, name, columns, query, graphs)
    if articles is None:
        connection.execute("DELETE FROM figures; DELETE FROM names")
    else:
        connection.execute("DELETE FROM figures WHERE article IN (SELECT unnest(?))", [list(articles)])
        connection.execute("DELETE FROM names WHERE graph IN (SELECT unnest(?))", [list(articles)])
    connection.execute(_ASSEMBLE)
    connection.execute(
        "INSERT INTO names SELECT DISTINCT g, lower(name), target FROM staged_named "
        "WHERE g IN (SELECT g FROM staged_articles)"
    )
    _drop_staged(connection)


def load_shared(connection: duckdb.DuckDBPyConnection, store: ox.Store) -> None:
    """Replace what no one article holds: the entities graph's labels, and the names in the
    graphs that are no article's."""
    _stage(connection, store, "labels", ("iri", "label"), _LABELS)
    _stage(connection, store, "named", ("g", "name", "target"), _SHARED_NAMES)
    connection.execute(
        "DELETE FROM labels; INSERT INTO labels SELECT DISTINCT iri, label FROM staged_labels;"
        "DELETE FROM shared_names;"
        "INSERT INTO shared_names SELECT DISTINCT lower(name), target FROM staged_named"
    )
    _drop_staged(connection)


def _stage(
    connection: duckdb.DuckDBPyConnection,
    store: ox.Store,
    name: str,
    columns: Sequence[str],
    query: str,
    graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
) -> None:
    """The query's answer (over ``graphs`` only, where given) as the temporary table
    ``staged_<name>``; unbound cells are NULL.

    Oxigraph writes the answer to a file that DuckDB reads, in a folder of its own in the
    system's temporary folder, removed after: DuckDB reads a Python file object only through
    fsspec, which a plain install lacks, and the answer never has to be held in memory."""
    answer = store.query(PREFIX_HEADER + query, named_graphs=graphs)
    assert isinstance(answer, ox.QuerySolutions)
    with tempfile.TemporaryDirectory(prefix="kg-figures-") as folder:
        path = Path(folder) / f"{name}.csv"
        answer.serialize(str(path), ox.QueryResultsFormat.CSV)
        types = ", ".join(f"'{column}': 'VARCHAR'" for column in columns)
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE staged_{name} AS SELECT * FROM read_csv($path, header = true, "
            f"columns = {{{types}}}, delim = ',', quote = '\"', escape = '\"')",
            {"path": str(path)},
        )


def _drop_staged(connection: duckdb.DuckDBPyConnection) -> None:
    for name in (*_STAGED, "labels"):
        connection.execute(f"DROP TABLE IF EXISTS staged_{name}")
