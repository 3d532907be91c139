"""SHACL validation of the graph (``segur-kg validate``): :func:`validate_store` chooses the engine,
applies ``--focus`` and returns a :class:`ValidationReport`, which a renderer turns into text, JSON,
Turtle or SARIF. See docs/validation.md.

The modules import one way only, each from those above it:

    shapes               the shapes graph, its index, the rule catalogue
    report               findings from a SHACL results graph            (imports shapes)
    focus                the --focus closure                            (imports nothing of validation)
    engines.fast         whole-graph SPARQL -> a results graph          (imports nothing of validation)
    engines.pyshacl      pySHACL -> a report                            (imports shapes, report)
    renderers.*          a report -> text, json, turtle, sarif          (import shapes, report)
    __init__             validate_store, the public API                 (imports all of the above)
"""

from __future__ import annotations

from segur_kg.i18n import LANGUAGES
from segur_kg.stores import Store
from segur_kg.validation.engines import fast
from segur_kg.validation.engines.pyshacl import cached_queries, pyshacl_results, validate_graph
from segur_kg.validation.focus import dependency_closure, resolve_candidature
from segur_kg.validation.renderers import (
    RENDERERS,
    RenderContext,
    render_json,
    render_report,
    render_text,
    render_turtle,
)
from segur_kg.validation.report import Finding, ValidationReport, report_from_results
from segur_kg.validation.shapes import SHAPES_NS, SHAPES_ONTOLOGY, compiled_shapes, load_shapes, rule_catalogue

ENGINES = ("fast", "pyshacl")


def validate_store(
    store: Store, *, focus: str | None = None, lang: str = "fr", engine: str | None = None
) -> ValidationReport:
    """Validate everything the store holds; with ``focus`` (a candidature identifier or IRI), keep
    only the findings about that candidature and the nodes it depends on. An unknown candidature
    is an :class:`InputError`. ``engine``: "fast" (whole-graph SPARQL, the default on a pyoxigraph
    store) or "pyshacl" (the default on an rdflib store, whose SPARQL lacks the casts the fast
    engine's datatype checks use)."""
    if engine is None:
        engine = "fast" if store.backend == "oxigraph" else "pyshacl"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {ENGINES}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected fr or en")
    closure = None
    if focus is not None:
        closure = dependency_closure(store, resolve_candidature(store, focus))
    if engine == "fast":
        shapes_graph, index = compiled_shapes()
        # With a focus, every query is restricted to the closure: only those nodes are validated.
        results_graph = fast.validate(store, shapes_graph, focus=closure)
        report = report_from_results(results_graph, store, index, lang=lang, keep=closure)
    else:
        report = validate_graph(store.to_rdflib(), lang=lang, keep=closure)
    report.focus = focus
    return report


__all__ = [
    "ENGINES",
    "RENDERERS",
    "SHAPES_NS",
    "SHAPES_ONTOLOGY",
    "Finding",
    "RenderContext",
    "ValidationReport",
    "cached_queries",
    "compiled_shapes",
    "dependency_closure",
    "load_shapes",
    "render_json",
    "render_report",
    "render_text",
    "render_turtle",
    "report_from_results",
    "resolve_candidature",
    "rule_catalogue",
    "pyshacl_results",
    "validate_graph",
    "validate_store",
]
