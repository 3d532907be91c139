"""The JSON report (``validate --format json``): conformance, counts, and every finding's fields
(``file``, ``line`` and ``column`` among them, null when unknown; docs/validation.md lists them)."""

from __future__ import annotations

import json
from dataclasses import asdict

from segur_kg.validation.renderers.context import RenderContext
from segur_kg.validation.report import ValidationReport


def render_json(report: ValidationReport, context: RenderContext | None = None) -> str:
    payload = {
        "conforms": report.conforms,
        "counts": report.counts(),
        "focus": report.focus,
        "lang": report.lang,
        "findings": [asdict(f) for f in report.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
