"""The Turtle report (``validate --format turtle``): the SHACL ``sh:ValidationReport`` itself."""

from __future__ import annotations

from segur_kg.validation.renderers.context import RenderContext
from segur_kg.validation.report import ValidationReport


def render_turtle(report: ValidationReport, context: RenderContext | None = None) -> str:
    return report.report_graph.serialize(format="turtle")
