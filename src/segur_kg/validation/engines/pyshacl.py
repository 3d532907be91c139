"""The reference engine: pySHACL over an rdflib graph, one query per focus node (slow on large
graphs, exact by definition). See docs/validation.md (the two engines)."""

from __future__ import annotations

from contextlib import contextmanager

from rdflib import Graph, URIRef

from segur_kg.validation.report import ValidationReport, report_from_results
from segur_kg.validation.shapes import compiled_shapes

# SPARQL texts of the shapes, parsed: the texts are the shapes' own, so the cache lasts the process.
_PREPARED: dict[str, object] = {}


def pyshacl_results(data: Graph, *, focus_nodes: list[URIRef] | None = None) -> Graph:
    """pySHACL's results graph for ``data`` against the shapes, with the project's options (no inference,
    SHACL-AF, warnings and infos allowed, the shapes' SPARQL parsed once); ``focus_nodes``: pySHACL's
    own way to validate some nodes only."""
    import pyshacl  # loaded only when this engine runs: the fast engine's runs never need it

    shapes_graph, _ = compiled_shapes()
    options = {} if focus_nodes is None else {"focus_nodes": focus_nodes}
    with cached_queries(data):
        _, results_graph, _ = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
            inplace=True,
            **options,
        )
    return results_graph


def validate_graph(data: Graph, *, lang: str = "fr", keep: set[URIRef] | None = None) -> ValidationReport:
    """Validate an rdflib graph that already holds the ontology and the reference data, with
    pySHACL; ``keep``: the only focus nodes whose findings are kept."""
    results_graph = pyshacl_results(data)
    _, index = compiled_shapes()
    return report_from_results(results_graph, data, index, lang=lang, keep=keep)


@contextmanager
def cached_queries(data: Graph):
    """pySHACL runs each SPARQL constraint once per focus node, as text: while it runs, parse each
    text once (for the process: the texts are the shapes' own)."""
    from rdflib.plugins.sparql import prepareQuery

    plain = data.query

    def query(query_object, *args, **kwargs):
        if isinstance(query_object, str):
            if query_object not in _PREPARED:
                _PREPARED[query_object] = prepareQuery(query_object)
            query_object = _PREPARED[query_object]
        return plain(query_object, *args, **kwargs)

    data.query = query  # type: ignore[method-assign]
    try:
        yield data
    finally:
        del data.query  # back to the class's method
