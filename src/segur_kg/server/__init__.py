"""The read-only SPARQL 1.1 endpoint and query page (``segur-kg serve``): the protocol
(:mod:`.protocol`), the analysis of a query before it runs (:mod:`.analysis`), the worker processes
that run the queries (:mod:`.workers`), cut off the network (:mod:`.isolation`), and the HTTP server
(:mod:`.http`). See docs/server.md."""

from segur_kg.server.http import SparqlServer, saved_queries, serve
from segur_kg.server.protocol import GRAPH_FORMATS, RESULT_FORMATS, check_bounds, negotiate
from segur_kg.server.workers import Snapshot

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Snapshot",
    "SparqlServer",
    "check_bounds",
    "negotiate",
    "saved_queries",
    "serve",
]
