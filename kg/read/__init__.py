"""Questions asked of a store, answered as plain records: the projection every view shares,
SPARQL (ad hoc and canned), claims, figures and their comparison, counts, graph analytics,
entity facts and search. Nothing here draws, prints or serves.
"""
