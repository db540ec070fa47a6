"""Namespaces of the ontology contract and access to the files in ``ontology/``.

Only :mod:`kg.mapping` mints terms; everything else imports the namespaces from here so the
contract's IRIs are written down once.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "CKG",
    "ENTITIES_GRAPH",
    "GAZETTEER_GRAPH",
    "ID",
    "ONTOLOGY_GRAPH",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "WIKIDATA",
    "XSD",
    "ontology_dir",
]

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")
SCHEMA = Namespace("https://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

#: Named graphs that are not articles.
ENTITIES_GRAPH = ID["graph/entities"]
GAZETTEER_GRAPH = ID["graph/gazetteer"]
ONTOLOGY_GRAPH = ID["graph/ontology"]

#: The one table of prefixes bound on every graph, export and query.
PREFIXES: dict[str, Namespace] = {
    "ckg": CKG,
    "id": ID,
    "schema": SCHEMA,
    "wd": WIKIDATA,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "xsd": Namespace(str(XSD)),
}


def ontology_dir() -> Path:
    """The folder holding ckg.ttl, shapes.ttl, context.jsonld and the gazetteer.

    An installed wheel carries it as ``kg/_ontology``; a source checkout has it beside ``kg/``.
    """
    packaged = Path(__file__).parent / "_ontology"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "ontology"
