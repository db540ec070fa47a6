"""Records <-> RDF: the ontology and its namespaces, the mapping (the only place that mints IRIs
and RDF terms), the serialisations (Turtle, TriG, N-Quads, JSON-LD) and SPARQL text (literals,
IRIs, terms and the PREFIX header, written once)."""
