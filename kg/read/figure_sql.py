"""The figure canned queries in DuckDB's SQL over the figures table: the same rows, columns and
order as their ``.rq`` files in ``ontology/queries/`` give over the store.

Each query keeps its ``.rq`` file's rules, written again in SQL beside it: which claims and
figures a name selects, which figures are increments or about one engagement, how a figure's
range and day are computed. Where SPARQL leaves an order open (GROUP_CONCAT, ties of ORDER BY)
the SQL fixes one: names sorted, ties broken by the figure's IRI.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["CANNED_SQL", "DISAGREEMENTS", "EXPORT", "NAMES", "SCHEMA", "csv_line"]

#: The tables of the figures file (lists are VARCHAR[]; dates as their lexical form and as a DATE).
SCHEMA = """
CREATE TABLE figures (
    article VARCHAR, claim VARCHAR, quantity VARCHAR, text VARCHAR, content VARCHAR,
    certainty VARCHAR, source VARCHAR, stated VARCHAR, published VARCHAR, day DATE,
    outlet VARCHAR, file VARCHAR, measure VARCHAR, qualifier VARCHAR, figure VARCHAR,
    value VARCHAR, min VARCHAR, max VARCHAR, counted VARCHAR,
    about VARCHAR[], claimants VARCHAR[], via VARCHAR[],
    tally VARCHAR, period_start VARCHAR, period_end VARCHAR
);
CREATE TABLE names (graph VARCHAR, key VARCHAR, target VARCHAR);
CREATE TABLE shared_names (key VARCHAR, target VARCHAR);
CREATE TABLE labels (iri VARCHAR, label VARCHAR);
CREATE TABLE reports (
    claim VARCHAR, assertion VARCHAR, reports INTEGER, stories INTEGER,
    corroborated_by VARCHAR[], disagrees_with VARCHAR[]
);
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""

#: The entities a name selects: any label, alias or mention words, any case.
_TARGETS = (
    "SELECT target FROM names WHERE key = lower($entity) "
    "UNION SELECT target FROM shared_names WHERE key = lower($entity)"
)

#: Names once per claim and entity, from the labels, so that the listings join rather than look
#: up: each claim's claimants as "; "-joined labels and its claimants, subjects and intermediaries
#: as "IRI label" lines (sorted, distinct), and each entity's label. Rebuilt with the labels.
NAMES = """
CREATE OR REPLACE TABLE entity_names AS
SELECT iri, min(label) AS label, min(iri || ' ' || label) AS line FROM labels GROUP BY iri;
CREATE OR REPLACE TABLE claim_names AS
WITH pairs AS (
  SELECT DISTINCT claim, role, iri FROM (
    SELECT claim, 'claimant' AS role, unnest(claimants) AS iri FROM figures
    UNION ALL SELECT claim, 'about', unnest(about) FROM figures
    UNION ALL SELECT claim, 'via', unnest(via) FROM figures)),
named AS (
  SELECT p.claim, p.role, l.iri || ' ' || l.label AS line, l.label
  FROM pairs p JOIN labels l ON l.iri = p.iri)
SELECT claim,
  string_agg(DISTINCT label, '; ' ORDER BY label) FILTER (WHERE role = 'claimant') AS claimant_names,
  string_agg(DISTINCT line, chr(10) ORDER BY line) FILTER (WHERE role = 'claimant') AS claimant_lines,
  string_agg(DISTINCT line, chr(10) ORDER BY line) FILTER (WHERE role = 'about') AS about_lines,
  string_agg(DISTINCT line, chr(10) ORDER BY line) FILTER (WHERE role = 'via') AS via_lines
FROM named GROUP BY claim;
"""

#: The figures with their names (``n``) and their counted group's (``g``).
_NAMED_FIGURES = """
figures f LEFT JOIN claim_names n ON n.claim = f.claim LEFT JOIN entity_names g ON g.iri = f.counted
"""

_MEASURE = "($measure = '' OR lower(f.measure) = lower($measure))"

_CLAIMS = f"""
SELECT coalesce(f.stated, f.published) AS date, n.claimant_names AS claimants,
       f.source, f.figure, f.measure, f.qualifier, f.value, f.min, f.max, f.certainty, f.outlet,
       f.content, f.text, f.claim
FROM {_NAMED_FIGURES}
WHERE f.certainty IS NOT NULL
  AND ($measure = '' OR (f.measure IS NOT NULL AND lower(f.measure) = lower($measure)))
  AND ($entity = '' OR f.claim IN (
        SELECT g.claim FROM figures g
        WHERE g.counted IN ({_TARGETS}) OR list_has_any(g.about, (SELECT list(target) FROM ({_TARGETS})))))
ORDER BY coalesce(f.stated, f.published) DESC NULLS LAST, f.claim, f.quantity NULLS FIRST
"""

_FIGURES_BY_GROUP = f"""
SELECT f.quantity, f.claim, f.measure, f.qualifier, f.value, f.min, f.max, f.figure, f.text,
       coalesce(f.stated, f.published) AS date, f.outlet, f.file, g.line AS counted,
       n.about_lines AS about, n.claimant_lines AS claimants, f.source, n.via_lines AS via,
       f.tally, f.period_start AS "periodStart", f.period_end AS "periodEnd"
FROM {_NAMED_FIGURES}
WHERE f.quantity IS NOT NULL AND {_MEASURE}
  AND ($entity = '' OR f.counted IN ({_TARGETS})
       OR (f.counted IS NULL AND list_has_any(f.about, (SELECT list(target) FROM ({_TARGETS})))))
ORDER BY f.measure, coalesce(f.stated, f.published) NULLS FIRST, f.quantity
"""

_FIGURES_OVER_TIME = f"""
SELECT coalesce(f.stated, f.published) AS date, f.measure, f.figure, f.qualifier, f.value, f.min, f.max,
       g.label AS "group", n.claimant_names AS claimants, f.outlet, f.text, f.claim
FROM {_NAMED_FIGURES}
WHERE f.quantity IS NOT NULL AND {_MEASURE} AND ($entity = '' OR f.counted IN ({_TARGETS}))
ORDER BY coalesce(f.stated, f.published) NULLS FIRST, f.measure, f.claim, f.quantity
"""

#: Each figure that may disagree: counted, dated, no increment, no single engagement; its range
#: and day as ``disagreeing_figures.rq`` computes them.
_RANGED = f"""
WITH ranged AS (
  SELECT f.quantity, f.measure, f.counted, f.figure, f.text, f.day,
         coalesce(f.stated, f.published) AS date, n.claimant_names AS claimants, g.label AS group_label,
         coalesce(f.min::DECIMAL(38, 12), CASE WHEN f.value IS NULL THEN 0
                  WHEN f.qualifier IN ('Approximately', 'Nearly') THEN f.value::DECIMAL(38, 12) * 0.9
                  ELSE f.value::DECIMAL(38, 12) END) AS lo,
         coalesce(f.max::DECIMAL(38, 12), CASE WHEN f.value IS NULL THEN NULL
                  WHEN f.qualifier = 'Approximately' THEN f.value::DECIMAL(38, 12) * 1.1
                  ELSE f.value::DECIMAL(38, 12) END) AS hi,
         year(f.day) * 365.25 + month(f.day) * 30.44 + day(f.day) AS n
  FROM {_NAMED_FIGURES}
  WHERE f.quantity IS NOT NULL AND f.counted IS NOT NULL AND f.day IS NOT NULL AND {_MEASURE}
    AND ($entity = '' OR f.counted IN ({_TARGETS}))
    AND f.tally IS DISTINCT FROM 'Increment'
    AND NOT regexp_matches(f.text, '\\b(the|this|that|one|an?|each|a single)\\s+([a-z-]+\\s+)?'
                           '(battle|assault|skirmish|engagement|firefight|ambush|position|clash)\\b', 'i')
)
"""

_DISAGREEING = f"""
{_RANGED}
SELECT a.measure, a.group_label AS "group",
       a.figure AS lowFigure, a.date AS lowDate, a.claimants AS lowClaimants,
       b.figure AS highFigure, b.date AS highDate, b.claimants AS highClaimants,
       a.text AS lowText, b.text AS highText
FROM ranged a JOIN ranged b ON a.measure = b.measure AND a.counted = b.counted
WHERE a.quantity <> b.quantity AND a.hi IS NOT NULL AND a.hi < b.lo
  AND (abs(b.n - a.n) <= $window OR a.n > b.n)
ORDER BY a.measure, "group" NULLS FIRST, a.day, b.day, a.quantity, b.quantity
"""

#: Canned query name -> (its SQL, the variables it answers with, which of them are IRIs, dates, decimals).
CANNED_SQL: dict[str, str] = {
    "claims": _CLAIMS,
    "figures_by_group": _FIGURES_BY_GROUP,
    "figures_over_time": _FIGURES_OVER_TIME,
    "disagreeing_figures": _DISAGREEING,
}

#: What ``kg export --format parquet`` writes: one row per figure (and per claim without one),
#: names resolved, numbers as doubles and the date as a date, for pandas and polars; IRIs kept
#: to join on.
EXPORT = f"""
SELECT f.article, f.claim, f.quantity, f.day AS date, f.measure, f.qualifier, f.figure,
       TRY_CAST(f.value AS DOUBLE) AS value, TRY_CAST(f.min AS DOUBLE) AS min,
       TRY_CAST(f.max AS DOUBLE) AS max,
       f.counted, g.label AS counted_label, n.claimant_names AS claimants, f.claimants AS claimant_iris,
       f.about AS about_iris, f.via AS via_iris, f.certainty, f.source, f.content, f.text AS sentence,
       f.outlet, f.file, r.assertion, r.reports, r.stories
FROM {_NAMED_FIGURES} LEFT JOIN reports r ON r.claim = f.claim
ORDER BY f.article, f.claim, f.quantity NULLS FIRST
"""

#: The figures ``kg figures`` compares (given as lists side by side: id, group, bounds as text,
#: open ends, day number) that disagree, as :func:`kg.read.figures.disagree` finds them: each
#: pair ``a`` wholly below ``b`` with ``b`` stated at most ``$window`` days after ``a`` (or
#: before it); then, for each figure in a pair, how many others it disagrees with and the first
#: ``$shown`` of their ids. Millions of pairs are counted here and never leave DuckDB.
DISAGREEMENTS = """
WITH comparable AS (
  SELECT unnest($id) AS id, unnest($grp) AS grp, unnest($low) AS low, unnest($high) AS high,
         unnest($low_open) AS low_open, unnest($high_open) AS high_open, unnest($day) AS day
),
ranged AS (
  SELECT id, grp, low::DECIMAL(38, 12) AS low, high::DECIMAL(38, 12) AS high, low_open, high_open, day
  FROM comparable
),
pairs AS (
  SELECT a.id AS low, b.id AS high FROM ranged a JOIN ranged b ON a.grp = b.grp
  WHERE a.high IS NOT NULL AND a.id <> b.id
    AND (a.high < b.low OR (a.high = b.low AND (a.high_open OR b.low_open)))
    AND b.day - a.day <= $window
    -- two points with an open end at one value ("less than 0") lie below each other: the pair
    -- is kept once, as the comparison in Python keeps it (the later numbered the smaller)
    AND NOT (a.id < b.id
             AND coalesce(b.high = a.low AND a.low = a.high AND (b.high_open OR a.low_open), false))
),
sides AS (SELECT low AS id, high AS other FROM pairs UNION ALL SELECT high, low FROM pairs)
SELECT id, count(*), min(other, $shown) FROM sides GROUP BY id
"""


def csv_line(columns: Sequence[str]) -> str:
    """An SQL expression for one row of ``columns`` (text) as a CSV line, as Python's ``csv``
    writes it (``QUOTE_MINIMAL``): a cell quoted where it holds a comma, a quote or a line break,
    its quotes doubled; an unbound cell empty."""
    cells = (
        f"""CASE WHEN "{c}" IS NULL THEN '' WHEN regexp_matches("{c}", '[",\\r\\n]') """
        f"""THEN '"' || replace("{c}", '"', '""') || '"' ELSE "{c}" END"""
        for c in columns
    )
    return " || ',' || ".join(cells)
