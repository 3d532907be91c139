"""SARIF 2.1.0 output of ``segur-kg validate --format sarif`` (CI code scanning).

One SARIF rule per rule ID of the rule index (and per structural shape), with its help text and link;
one result per finding, located physically in the file and region (line, column) the node at fault
is written in (when known) and logically at the node's identifier. GitHub code scanning reads
``physicalLocation.region.startLine`` for its annotations; a relative ``uri`` is resolved against
``%SRCROOT%``, the repository's root.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from segur_kg.validation.renderers.context import RenderContext, artifact_uris
from segur_kg.validation.report import ValidationReport
from segur_kg.validation.shapes import rule_catalogue

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"Violation": "error", "Warning": "warning", "Info": "note"}


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("segur-kg")
    except Exception:  # pragma: no cover - not installed
        return "0.0.0"


def _physical_location(file: str, line: int | None, column: int | None) -> dict:
    """The artifact (a URI reference: the path, percent-encoded) and, when known, the region."""
    path = Path(file)
    if path.is_absolute():
        artifact = {"uri": path.as_uri()}
    else:
        artifact = {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}
    physical: dict = {"artifactLocation": artifact}
    if line is not None:
        physical["region"] = {"startLine": line} if column is None else {"startLine": line, "startColumn": column}
    return physical


def render_sarif(report: ValidationReport, context: RenderContext | None = None) -> str:
    context = context if context is not None else RenderContext()
    catalogue = rule_catalogue(report.lang)
    index = {entry["id"]: i for i, entry in enumerate(catalogue)}
    rules = []
    for entry in catalogue:
        rule = {
            "id": entry["id"],
            "name": entry["id"],
            "shortDescription": {"text": entry["title"] or entry["id"]},
            "fullDescription": {"text": entry["help"] or entry["title"] or entry["id"]},
            "help": {"text": entry["help"] or entry["title"] or entry["id"]},
            "defaultConfiguration": {"level": LEVELS[entry["severity"]]},
            "properties": {"shapes": entry["shapes"]},
        }
        if entry["uri"]:
            rule["helpUri"] = entry["uri"]
        rules.append(rule)
    results = []
    for f in report.findings:
        location: dict = {
            "logicalLocations": [{"name": f.focus_id or f.focus, "fullyQualifiedName": f.focus, "kind": "object"}]
        }
        file = context.shown_file(f)
        if file is not None:
            location["physicalLocation"] = _physical_location(file, f.line, f.column)
        result = {
            "ruleId": f.key,
            "ruleIndex": index.get(f.key, -1),
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "properties": {
                "shape": f.shape,
                "severity": f.severity,
                "focus": f.focus,
                "focusId": f.focus_id,
                "value": f.value,
                "path": f.path,
            },
        }
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        results.append(result)
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "segur-kg",
                        "version": _version(),
                        "informationUri": "https://w3id.org/segur-kg",
                        "rules": rules,
                    }
                },
                "language": report.lang,
                "results": results,
                "properties": {"conforms": report.conforms, "counts": report.counts(), "focus": report.focus},
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


__all__ = ["LEVELS", "SCHEMA", "artifact_uris", "render_sarif"]  # artifact_uris: where callers found it before
