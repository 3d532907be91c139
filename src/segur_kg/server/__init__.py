"""The read-only SPARQL 1.1 endpoint and query page (``segur-kg serve``)."""

from segur_kg.server.http import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Snapshot,
    SparqlServer,
    _Worker,
    _worker_main,
    check_query,
    negotiate,
    saved_queries,
    serve,
)

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Snapshot",
    "SparqlServer",
    "check_query",
    "negotiate",
    "saved_queries",
    "serve",
]
