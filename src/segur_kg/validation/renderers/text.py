"""The text report (``validate``'s default): findings grouped by rule, one line each, then a summary.

A finding placed in a file starts its line with ``file:line:column:`` (what is known of it), the
form compilers print and editors and CI problem matchers parse."""

from __future__ import annotations

from segur_kg.messages import text
from segur_kg.validation.renderers.context import RenderContext
from segur_kg.validation.report import Finding, ValidationReport
from segur_kg.validation.shapes import SEVERITY_ORDER, compiled_shapes

_SEVERITY_KEYS = {severity: f"validation.severity-{severity.lower()}" for severity in SEVERITY_ORDER}


def _summary(report: ValidationReport) -> str:
    counts = report.counts()
    lang = report.lang
    verdict = "validation.summary-conforms" if report.conforms else "validation.summary-does-not-conform"
    scope = text("validation.summary-focus", lang, focus=report.focus) if report.focus else ""
    return text(
        "validation.summary",
        lang,
        violations=counts["Violation"],
        warnings=counts["Warning"],
        infos=counts["Info"],
        verdict=text(verdict, lang),
        scope=scope,
    )


def place(finding: Finding, context: RenderContext) -> str:
    """``file:line:column: `` as far as it is known, or "" for a finding in no file."""
    file = context.shown_file(finding)
    if file is None:
        return ""
    parts = [file]
    if finding.line is not None:
        parts.append(str(finding.line))
        if finding.column is not None:
            parts.append(str(finding.column))
    return ":".join(parts) + ": "


def render_text(report: ValidationReport, context: RenderContext | None = None) -> str:
    """Findings grouped by rule, one line each (place, severity, identifier, message), then a summary."""
    context = context if context is not None else RenderContext()
    _, index = compiled_shapes()
    labels = {severity: text(key, report.lang) for severity, key in _SEVERITY_KEYS.items()}
    width = max(len(v) for v in labels.values())
    lines: list[str] = []
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        groups.setdefault(f.key, []).append(f)
    for key in sorted(groups):
        if groups[key][0].rule:
            title = index.rule_label(key, report.lang)
        else:
            title = index.shape_label(key, report.lang)
        lines.append(f"{key} — {title}" if title else key)
        for f in groups[key]:
            where = place(f, context) or "  "
            lines.append(f"{where}{labels[f.severity]:<{width}}  {f.focus_id or f.focus}  {f.message}")
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"
