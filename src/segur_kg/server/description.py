"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/),
answered to ``GET /sparql`` without a query: the service, its endpoint, its language, the result formats
it answers, its features, and its default dataset described with VoID (triples and classes, counted
once per snapshot of the store). docs/server.md, "Service Description"."""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from segur_kg.server.protocol import GRAPH_FORMATS, Reply, negotiate, not_acceptable

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

# The W3C's IRI of each format the endpoint answers (protocol.RESULT_FORMATS and GRAPH_FORMATS).
FORMAT_IRIS = {
    "json": FORMATS.SPARQL_Results_JSON,
    "xml": FORMATS.SPARQL_Results_XML,
    "csv": FORMATS.SPARQL_Results_CSV,
    "tsv": FORMATS.SPARQL_Results_TSV,
    "turtle": FORMATS.Turtle,
    "nt": FORMATS["N-Triples"],
    "jsonld": FORMATS["JSON-LD"],
    "rdfxml": FORMATS.RDF_XML,
}
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}

# Counted over the default graph the queries see: the union of the store's graphs.
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_CLASSES = "SELECT (COUNT(DISTINCT ?class) AS ?n) WHERE { ?s a ?class }"
COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def dataset_counts(store: Any) -> dict[str, Any]:
    """The triples and classes of the store's default graph (the union of its graphs), and the triples
    of each named graph."""

    triples = int(store.query(COUNT_TRIPLES).rows[0][0])
    classes = int(store.query(COUNT_CLASSES).rows[0][0])
    graphs = [(str(name), int(count)) for name, count in store.query(COUNT_GRAPHS).rows]
    return {"triples": triples, "classes": classes, "graphs": graphs}


def describe(endpoint: str, counts: dict[str, Any]) -> Graph:
    """The Service Description of the endpoint at ``endpoint`` (its ``/sparql`` URL)."""
    graph = Graph()
    for prefix, namespace in (("sd", SD), ("void", VOID), ("formats", FORMATS)):
        graph.bind(prefix, namespace)
    service, dataset, default = BNode("service"), BNode("dataset"), BNode("defaultGraph")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for iri in FORMAT_IRIS.values():
        graph.add((service, SD.resultFormat, iri))
    # The default graph of every query is the union of the store's graphs (unless FROM names others).
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, RDF.type, VOID.Dataset))
    graph.add((default, VOID.triples, Literal(counts["triples"], datatype=XSD.integer)))
    graph.add((default, VOID.classes, Literal(counts["classes"], datatype=XSD.integer)))
    for index, (name, triples) in enumerate(counts["graphs"]):
        named, described = BNode(f"namedGraph{index}"), BNode(f"graph{index}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(triples, datatype=XSD.integer)))
    return graph


def description_reply(endpoint: str, counts: dict[str, Any], accept: str | None) -> Reply:
    """The Service Description in the format ``accept`` asks for (Turtle first), or 406."""
    fmt = negotiate(accept, GRAPH_FORMATS)
    if fmt is None:
        return not_acceptable(accept, GRAPH_FORMATS)
    data = describe(endpoint, counts).serialize(format=RDFLIB_FORMATS[fmt.name], encoding="utf-8")
    return 200, fmt.media_type, data


__all__ = ["FORMAT_IRIS", "dataset_counts", "describe", "description_reply"]
