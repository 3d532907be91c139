"""SHACL validation of the graph (``segur-kg validate``): the shapes and their rules, the engines, the
report and its renderers."""

from segur_kg.validation.core import (
    SHAPES_NS,
    SHAPES_ONTOLOGY,
    Finding,
    ValidationReport,
    cached_queries,
    compiled_shapes,
    dependency_closure,
    load_shapes,
    render_json,
    render_text,
    render_turtle,
    report_from_results,
    resolve_candidature,
    rule_catalogue,
    validate_graph,
    validate_store,
)

__all__ = [
    "SHAPES_NS",
    "SHAPES_ONTOLOGY",
    "Finding",
    "ValidationReport",
    "cached_queries",
    "compiled_shapes",
    "dependency_closure",
    "load_shapes",
    "render_json",
    "render_text",
    "render_turtle",
    "report_from_results",
    "resolve_candidature",
    "rule_catalogue",
    "validate_graph",
    "validate_store",
]
