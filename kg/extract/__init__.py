"""Parsed text -> typed records: the spaCy pipeline (:mod:`kg.extract.nlp`), the gazetteer and
name matching, the rules for mentions, relations, claims and figures, and entity resolution.

:mod:`kg.extract.convert` is the only exit of spaCy types; nothing here imports the RDF layer,
a store, or anything that reads one.
"""
