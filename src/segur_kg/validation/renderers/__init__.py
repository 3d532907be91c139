"""The renderers of a validation report, one module per format, and the table the CLI picks from.

Every renderer is ``render(report, context) -> str``: ``context`` (a :class:`RenderContext`) carries
what some formats need besides the report (SARIF: how to name each dossier file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from segur_kg.validation.renderers.context import RenderContext, artifact_uris
from segur_kg.validation.renderers.json_report import render_json
from segur_kg.validation.renderers.sarif import render_sarif
from segur_kg.validation.renderers.text import render_text
from segur_kg.validation.renderers.turtle import render_turtle
from segur_kg.validation.report import ValidationReport

Renderer = Callable[[ValidationReport, RenderContext], str]

RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "turtle": render_turtle,
    "sarif": render_sarif,
}


def render_report(report: ValidationReport, format: str, *, dossiers: Iterable[Path] = ()) -> str:
    """The report in ``format`` (a key of :data:`RENDERERS`); ``dossiers``: the dossier files the
    validated graph was loaded from, which the SARIF locations name."""
    renderer = RENDERERS.get(format)
    if renderer is None:
        raise ValueError(f"unknown format {format!r}: expected one of {tuple(RENDERERS)}")
    return renderer(report, RenderContext.for_dossiers(dossiers))


__all__ = [
    "RENDERERS",
    "RenderContext",
    "Renderer",
    "artifact_uris",
    "render_json",
    "render_report",
    "render_sarif",
    "render_text",
    "render_turtle",
]
