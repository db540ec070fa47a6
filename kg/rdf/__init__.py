"""Records <-> RDF: the ontology and its namespaces, the mapping (the only place that mints IRIs
and RDF terms) and the serialisations (Turtle, TriG, N-Quads, JSON-LD)."""
