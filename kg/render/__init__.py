"""What people look at, made from the records :mod:`kg.read` returns: the pyvis views, the
figures timeline, terminal and CSV/JSON tables, query results in the SPARQL results formats,
GraphML and CSV files of the entity graph.
Functions here return text or write files; printing is the command line's.
"""
