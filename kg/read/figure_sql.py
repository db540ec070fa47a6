"""The figure canned queries in DuckDB's SQL over the figures table: the same rows, columns and
order as their ``.rq`` files in ``ontology/queries/`` give over the store.

Each query keeps its ``.rq`` file's rules, written again in SQL beside it: which claims and
figures a name selects, which figures are increments or about one engagement, how a figure's
range and day are computed. Where SPARQL leaves an order open (GROUP_CONCAT, ties of ORDER BY)
the SQL fixes one: names sorted, ties broken by the figure's IRI.
"""

from __future__ import annotations

from kg.read.listing import TABLE
from kg.read.sql_text import WHITESPACE, grouped_number, one_line, plain_number, shortened

__all__ = [
    "BOUND_SIGNS",
    "CANNED_SQL",
    "DISAGREEMENTS",
    "EXPORT",
    "FIGURE_LISTING",
    "NAMES",
    "SCHEMA",
    "claim_listing",
]

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
#: ``kg figures`` (:data:`FIGURE_LISTING`) reads each role's labels in the order it shows them
#: (by label, any case, then IRI) and the subjects' IRIs, which name a group no figure counts.
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
  SELECT p.claim, p.role, l.iri, l.iri || ' ' || l.label AS line, l.label
  FROM pairs p JOIN labels l ON l.iri = p.iri)
SELECT claim,
  string_agg(DISTINCT label, '; ' ORDER BY lower(label), label) FILTER (WHERE role = 'claimant')
    AS claimant_names,
  string_agg(DISTINCT line, chr(10) ORDER BY line) FILTER (WHERE role = 'claimant') AS claimant_lines,
  string_agg(DISTINCT line, chr(10) ORDER BY line) FILTER (WHERE role = 'about') AS about_lines,
  string_agg(DISTINCT line, chr(10) ORDER BY line) FILTER (WHERE role = 'via') AS via_lines,
  string_agg(label, '; ' ORDER BY lower(label), iri, label) FILTER (WHERE role = 'claimant')
    AS claimant_labels,
  string_agg(label, '; ' ORDER BY lower(label), iri, label) FILTER (WHERE role = 'via') AS via_labels,
  string_agg(iri, ' ' ORDER BY iri) FILTER (WHERE role = 'about') AS about_key,
  string_agg(label, '; ' ORDER BY lower(label), iri, label) FILTER (WHERE role = 'about') AS about_labels
FROM named GROUP BY claim;
"""

#: The figures with their names (``n``) and their counted group's (``g``).
_NAMED_FIGURES = """
figures f LEFT JOIN claim_names n ON n.claim = f.claim LEFT JOIN entity_names g ON g.iri = f.counted
"""

_MEASURE = "($measure = '' OR lower(f.measure) = lower($measure))"

#: The claims ``kg claims`` and the ``claims`` canned query list (``f``, named), newest first.
_CLAIMS_SELECTED = f"""
FROM {_NAMED_FIGURES}
WHERE f.certainty IS NOT NULL
  AND ($measure = '' OR (f.measure IS NOT NULL AND lower(f.measure) = lower($measure)))
  AND ($entity = '' OR f.claim IN (
        SELECT g.claim FROM figures g
        WHERE g.counted IN ({_TARGETS}) OR list_has_any(g.about, (SELECT list(target) FROM ({_TARGETS})))))
"""

_NEWEST_FIRST = "coalesce(f.stated, f.published) DESC NULLS LAST, f.claim, f.quantity NULLS FIRST"

_CLAIMS = f"""
SELECT coalesce(f.stated, f.published) AS date, n.claimant_names AS claimants,
       f.source, f.figure, f.measure, f.qualifier, f.value, f.min, f.max, f.certainty, f.outlet,
       f.content, f.text, f.claim
{_CLAIMS_SELECTED}
ORDER BY {_NEWEST_FIRST}
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


def _engagement(text: str) -> str:
    """Whether the sentence ``text`` places its figure at one engagement: the pattern of
    :data:`kg.read.figures.ENGAGEMENT`, with Python's whitespace for its ``\\s``."""
    return (
        f"regexp_matches({text}, '\\b(the|this|that|one|an?|each|a single)"
        f"{WHITESPACE}+([a-z-]+{WHITESPACE}+)?"
        "(battle|assault|skirmish|engagement|firefight|ambush|position|clash)\\b', 'i')"
    )


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
    AND NOT {_engagement("f.text")}
)
"""

#: One row per measure and counted group whose figures disagree, as ``disagreeing_figures.rq``
#: gives it, without listing the pairs (millions in a big store): a figure is the lower of a
#: pair when a figure of its group stated at most ``$window`` days after it (or at any time
#: before) has a lower bound above its upper one, so a running maximum of the lower bounds in
#: that range of days (``above``) says whether it is and its widest pair's gap; the higher
#: likewise with a running minimum of the upper bounds (``below``). Only the pairs as wide as
#: their group's widest are joined, to pick the first by the ``.rq`` file's key (dates, then
#: IRIs, as one string); the pairs are otherwise only counted.
_DISAGREEING = f"""
{_RANGED},
grouped AS (SELECT *, dense_rank() OVER (ORDER BY measure, counted) AS grp FROM ranged),
reach AS (
  SELECT *,
    max(lo) OVER (PARTITION BY grp ORDER BY n
                  RANGE BETWEEN UNBOUNDED PRECEDING AND $window FOLLOWING) AS above,
    min(hi) OVER (PARTITION BY grp ORDER BY n
                  RANGE BETWEEN $window PRECEDING AND UNBOUNDED FOLLOWING) AS below
  FROM grouped
),
groups AS (
  SELECT grp, count(*) FILTER (WHERE above > hi OR below < lo) AS disagreeing,
         max(above - hi) FILTER (WHERE above > hi) AS widest
  FROM reach GROUP BY grp HAVING count(*) FILTER (WHERE above > hi) > 0
),
pairs AS (
  SELECT a.grp, count(*) AS pairs
  FROM grouped a JOIN grouped b ON a.grp = b.grp AND a.hi < b.lo WHERE b.n <= a.n + $window
  GROUP BY a.grp
),
widest AS (
  SELECT a.grp,
         arg_min([a.quantity, b.quantity], a.date || ' ' || b.date || ' ' || a.quantity || ' ' || b.quantity)
           AS pair
  FROM reach a JOIN groups g ON g.grp = a.grp AND a.above - a.hi = g.widest
       JOIN grouped b ON b.grp = a.grp AND b.lo - a.hi = g.widest AND b.n <= a.n + $window
  GROUP BY a.grp
)
SELECT a.measure, a.group_label AS "group", g.disagreeing::VARCHAR AS disagreeing, p.pairs::VARCHAR AS pairs,
       a.figure AS lowFigure, a.date AS lowDate, a.claimants AS lowClaimants,
       b.figure AS highFigure, b.date AS highDate, b.claimants AS highClaimants,
       a.text AS lowText, b.text AS highText
FROM widest w JOIN groups g ON g.grp = w.grp JOIN pairs p ON p.grp = w.grp
     JOIN grouped a ON a.quantity = w.pair[1] JOIN grouped b ON b.quantity = w.pair[2]
ORDER BY a.measure, a.group_label NULLS FIRST, a.counted
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

#: Which figures of the comparables disagree, as :func:`kg.read.figures.disagree` finds them,
#: from a relation ``ranged(id, grp, low, high, low_open, high_open, day)``: each pair ``a``
#: wholly below ``b`` with ``b`` stated at most ``$window`` days after ``a`` (or before it); then,
#: for each figure in a pair, how many others it disagrees with and the first ``$shown`` of
#: their ids. Millions of pairs are counted here and never leave DuckDB.
_DISAGREEMENT_COUNTS = """
pairs AS (
  -- a wholly below b: a smaller upper bound than b's lower (one comparison of each of millions
  -- of candidate pairs), or the same number where one end is open (an equi-join)
  SELECT a.id AS low, b.id AS high FROM ranged a JOIN ranged b ON a.grp = b.grp AND a.high < b.low
  WHERE b.day - a.day <= $window
  UNION ALL
  SELECT a.id, b.id FROM ranged a JOIN ranged b ON a.grp = b.grp AND a.high = b.low
  WHERE (a.high_open OR b.low_open) AND b.day - a.day <= $window AND a.id <> b.id
    -- two points with an open end at one value ("less than 0") lie below each other: the pair
    -- is kept once, as the comparison in Python keeps it (the later numbered the smaller)
    AND NOT (a.id < b.id
             AND coalesce(b.high = a.low AND a.low = a.high AND (b.high_open OR a.low_open), false))
),
-- each pair seen from both of its figures, streamed to the count (a union would store the pairs)
sides AS (
  SELECT CASE WHEN side.lower THEN p.low ELSE p.high END AS id,
         CASE WHEN side.lower THEN p.high ELSE p.low END AS other
  FROM pairs p, (VALUES (true), (false)) side(lower)
),
disagreeing AS (SELECT id, count(*) AS n, min(other, $shown) AS first FROM sides GROUP BY id)
"""

#: :data:`_DISAGREEMENT_COUNTS` of the figures ``kg figures`` compares in Python (given as lists
#: side by side: id, group, bounds as text, open ends, day number), for its timeline.
DISAGREEMENTS = f"""
WITH comparable AS (
  SELECT unnest($id) AS id, unnest($grp) AS grp, unnest($low) AS low, unnest($high) AS high,
         unnest($low_open) AS low_open, unnest($high_open) AS high_open, unnest($day) AS day
),
ranged AS (
  SELECT id, grp, low::DECIMAL(38, 12) AS low, high::DECIMAL(38, 12) AS high, low_open, high_open, day
  FROM comparable
),
{_DISAGREEMENT_COUNTS}
SELECT id, n, first FROM disagreeing
"""

#: A figure's bounds by the rules of :func:`kg.read.figures.figure_bounds`, from ``v``, ``mn``,
#: ``mx`` (its value, min and max as decimals), ``num`` (the first of them given) and
#: ``qualifier``: a kind of bounds, then its ends.
_BOUNDS = """
CASE WHEN mn IS NOT NULL AND mx IS NOT NULL THEN 'range' WHEN num IS NULL THEN NULL
     WHEN qualifier IN ('AtLeast', 'MoreThan', 'AtMost', 'LessThan', 'Approximately', 'Nearly') THEN qualifier
     WHEN v IS NOT NULL THEN 'point' WHEN mn IS NOT NULL THEN 'AtLeast' ELSE 'AtMost' END AS kind
"""

_ENDS = """
CASE kind WHEN 'range' THEN mn WHEN 'point' THEN v WHEN 'AtLeast' THEN num WHEN 'MoreThan' THEN num
          WHEN 'AtMost' THEN least(0, num) WHEN 'LessThan' THEN least(0, num)
          ELSE num - abs(num) * 0.1 END AS low,
CASE kind WHEN 'range' THEN mx WHEN 'point' THEN v WHEN 'AtLeast' THEN NULL WHEN 'MoreThan' THEN NULL
          WHEN 'Approximately' THEN num + abs(num) * 0.1 ELSE num END AS high,
kind = 'MoreThan' AS low_open, kind = 'LessThan' AS high_open
"""

#: ``kg figures`` as one table :data:`kg.read.listing.TABLE`: the rows of
#: :func:`kg.read.figures.figure_rows` (every column as text) over the figures
#: :func:`kg.read.figures.read_figures` reads and :func:`kg.read.figures.compare_figures`
#: compares, numbered and flagged alike, each with its group's number (``grp``), order
#: (``seq``) and title. With ``$per_assertion``, each assertion's earliest report stands for it.
#: Parameters: ``$entity``, ``$measure``, ``$window``, ``$shown``, ``$per_assertion``.
FIGURE_LISTING = f"""
CREATE OR REPLACE TABLE {TABLE} AS
WITH picked AS (
  -- the figures compared, each with only what orders and compares it (the text joins at the end)
  SELECT f.quantity, f.measure, f.qualifier, f.day, f.tally, f.text,
         CASE WHEN g.iri IS NOT NULL THEN f.counted ELSE coalesce(n.about_key, '') END AS group_key,
         CASE WHEN g.iri IS NOT NULL THEN g.label ELSE coalesce(n.about_labels, '(no counted group)') END
           AS group_label,
         TRY_CAST(f.value AS DECIMAL(38, 12)) AS v, TRY_CAST(f.min AS DECIMAL(38, 12)) AS mn,
         TRY_CAST(f.max AS DECIMAL(38, 12)) AS mx,
         CASE WHEN $per_assertion THEN r.assertion END AS assertion
  FROM {_NAMED_FIGURES} LEFT JOIN reports r ON r.claim = f.claim
  WHERE f.quantity IS NOT NULL AND {_MEASURE}
    AND ($entity = '' OR f.counted IN ({_TARGETS})
         OR (f.counted IS NULL AND list_has_any(f.about, (SELECT list(target) FROM ({_TARGETS})))))
  QUALIFY NOT $per_assertion OR r.assertion IS NULL
       OR row_number() OVER (PARTITION BY r.assertion ORDER BY f.day NULLS LAST, f.quantity) = 1
),
kinded AS (SELECT *, coalesce(v, mn, mx) AS num FROM picked),
bounded AS (SELECT *, {_BOUNDS} FROM kinded),
numbered AS MATERIALIZED (
  SELECT quantity, group_key, group_label, measure, qualifier, day, kind, v, mn, mx, assertion, {_ENDS},
         tally IS NOT DISTINCT FROM 'Increment' AS increment,
         {_engagement("coalesce(text, '')")} AS engagement,
         dense_rank() OVER (ORDER BY lower(group_label), group_key, measure) AS grp,
         row_number() OVER (ORDER BY lower(group_label), group_key, measure, day NULLS LAST, quantity) AS id
  FROM bounded
),
ranged AS MATERIALIZED (
  SELECT id, grp, low, high, low_open, high_open, day FROM numbered
  WHERE group_key <> '' AND kind IS NOT NULL AND day IS NOT NULL AND NOT increment AND NOT engagement
),
{_DISAGREEMENT_COUNTS},
counted AS (
  SELECT k.grp, count(*) AS figure_count, count(d.id) AS disagreeing_count
  FROM numbered k LEFT JOIN disagreeing d USING (id) GROUP BY k.grp
),
rows AS (
  SELECT k.*, f.text, f.source, f.outlet, f.file, f.figure, f.period_start, f.period_end,
         n.claimant_labels, n.via_labels, r.reports, r.stories, r.corroborated_by, r.disagrees_with,
         coalesce(d.n, 0) AS disagreement_count, d.first, c.figure_count, c.disagreeing_count
  FROM numbered k JOIN figures f USING (quantity) JOIN counted c USING (grp)
  LEFT JOIN claim_names n ON n.claim = f.claim
  LEFT JOIN reports r ON r.assertion = k.assertion AND r.claim = f.claim
  LEFT JOIN disagreeing d USING (id)
)
SELECT grp, id AS seq,
  group_label || ' \N{EM DASH} ' || measure || ': ' || figure_count || ' figures'
    || CASE WHEN disagreeing_count > 0 THEN ', ' || disagreeing_count || ' disagree' ELSE '' END AS title,
  CAST(id AS VARCHAR) AS "id", group_label AS "group", measure AS "measure",
  coalesce(CAST(day AS VARCHAR), '') AS "date",
  CASE WHEN period_start IS NULL AND period_end IS NULL THEN ''
       ELSE coalesce(CAST(TRY_CAST(left(period_start, 10) AS DATE) AS VARCHAR), '') || '..'
            || coalesce(CAST(TRY_CAST(left(period_end, 10) AS DATE) AS VARCHAR), '') END AS "period",
  CASE WHEN claimant_labels IS NOT NULL THEN claimant_labels
       WHEN coalesce(source, '') <> '' THEN '"' || source || '" (unnamed)'
       WHEN coalesce(outlet, '') <> '' THEN outlet || ' (no source named)'
       ELSE '(not attributed)' END AS "claimant",
  coalesce(via_labels, '') AS "via", coalesce(outlet, '') AS "outlet", coalesce(file, '') AS "file",
  coalesce(figure, '') AS "figure", coalesce(qualifier, '') AS "qualifier",
  {plain_number("v")} AS "value", {plain_number("mn")} AS "min", {plain_number("mx")} AS "max",
  CASE WHEN kind IS NULL THEN ''
       ELSE CASE WHEN low_open THEN '(' ELSE '[' END || {plain_number("low")} || ', '
            || CASE WHEN high IS NULL THEN 'inf)' ELSE {plain_number("high")}
                    || CASE WHEN high_open THEN ')' ELSE ']' END END END AS "bounds",
  CASE WHEN disagreement_count > 0 THEN 'disagrees' WHEN increment THEN 'increment'
       WHEN engagement THEN 'one engagement' ELSE '' END AS "flag",
  CAST(disagreement_count AS VARCHAR) AS "disagreements",
  coalesce(array_to_string(first, ' '), '') AS "disagrees_with",
  CASE WHEN assertion IS NULL THEN ''
       ELSE reports || CASE WHEN reports = 1 THEN ' report' ELSE ' reports' END || ', '
            || stories || CASE WHEN stories = 1 THEN ' story' ELSE ' stories' END
            || CASE WHEN len(corroborated_by) > 0
                    THEN '; corroborated by ' || array_to_string(corroborated_by, ', ') ELSE '' END
            || CASE WHEN len(disagrees_with) > 0
                    THEN '; disagrees with ' || array_to_string(disagrees_with, ', ') ELSE '' END
       END AS "assertion",
  coalesce(text, '') AS "sentence", quantity AS "quantity"
FROM rows
"""


#: How a bounds cell of ``kg claims`` signs a figure, by qualifier ("=" otherwise): here and in
#: :func:`kg.render.claims_table.bounds_text`.
BOUND_SIGNS = {
    "AtLeast": ">=",
    "MoreThan": ">",
    "AtMost": "<=",
    "LessThan": "<",
    "Approximately": "~",
    "Nearly": "<~",
}


def claim_listing(content_characters: int) -> str:
    """``kg claims`` as one table :data:`kg.read.listing.TABLE`: the rows of
    :func:`kg.render.claims_table.claim_table` (every column as text, what was claimed cut past
    ``content_characters``), in the ``claims`` canned query's order (``seq``), all in one group
    (``grp``). Parameters: ``$entity``, ``$measure``."""
    signs = " ".join(f"WHEN '{qualifier}' THEN '{sign}'" for qualifier, sign in BOUND_SIGNS.items())
    return f"""
CREATE OR REPLACE TABLE {TABLE} AS
WITH c AS (
  SELECT coalesce(f.stated, f.published) AS date, n.claimant_names, f.source, f.figure, f.measure,
         f.qualifier, f.certainty, f.outlet, {one_line("coalesce(f.content, '')")} AS content,
         TRY_CAST(f.value AS DECIMAL(38, 12)) AS v, TRY_CAST(f.min AS DECIMAL(38, 12)) AS mn,
         TRY_CAST(f.max AS DECIMAL(38, 12)) AS mx,
         row_number() OVER (ORDER BY {_NEWEST_FIRST}) AS seq
  {_CLAIMS_SELECTED}
),
numbered AS (SELECT *, coalesce(v, mn, mx) AS num FROM c)
SELECT 1 AS grp, seq, NULL AS title,
  coalesce(date, '') AS "date",
  CASE WHEN coalesce(claimant_names, '') <> '' THEN claimant_names
       WHEN coalesce(source, '') <> '' THEN '"' || source || '" (unnamed)'
       ELSE '(not attributed)' END AS "claimant",
  {shortened("content", content_characters)} AS "content",
  coalesce(figure, '') AS "figure", coalesce(measure, '') AS "measure",
  CASE WHEN qualifier IS NULL THEN ''
       WHEN mn IS NOT NULL AND mx IS NOT NULL THEN {grouped_number("mn")} || '-' || {grouped_number("mx")}
       WHEN num IS NULL THEN ''
       WHEN mn IS NOT NULL AND qualifier = 'Vague' THEN '>= ' || {grouped_number("mn")}
       ELSE CASE qualifier {signs} ELSE '=' END || ' ' || {grouped_number("num")} END AS "bounds",
  coalesce(certainty, '') AS "certainty", coalesce(outlet, '') AS "outlet"
FROM numbered
"""
