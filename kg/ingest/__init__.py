"""Files -> :class:`kg.model.Article` records: readers, text zones, HTML to text, text normalisation.

The bottom of the pipeline: nothing here knows spaCy, RDF or a store.
"""
