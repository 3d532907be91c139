"""The JSON Schema of the dossier format (``schema/dossier.schema.json``), generated from ``format.py``,
the description the importer checks dossiers against too, so that the two agree.
``python -m segur_kg.ingest.schema --write`` regenerates it, ``--check`` says when it is due. Why it
is draft 2020-12 in the keywords draft 7 shares, and what a schema cannot say: docs/dossier-format.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from segur_kg.generated import generated_file_command
from segur_kg.ingest.format import (
    DATE_PATTERN,
    DOSSIER,
    IDENT_PATTERN,
    RULE_ID_PATTERN,
    VERSION_PATTERN,
    Condition,
    EntryFormat,
    Field,
    Kind,
    entry_formats,
)
from segur_kg.resources import schema_dir, source_checkout
from segur_kg.versions import PART_WIDTH

SCHEMA_ID = "https://w3id.org/segur-kg/schema/dossier.schema.json"
FILE_NAME = "dossier.schema.json"
REGENERATE = "python -m segur_kg.ingest.schema --write"
# YAML 1.1 booleans that segur-kg (PyYAML) reads as true or false and a YAML 1.2 editor as text.
YAML11_BOOLEAN_WORDS = r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _describe(en: str, fr: str) -> str:
    return f"{en}\n\n{fr}"


# The scalar kinds of value, each a $defs entry. A YAML editor reads unquoted scalars as YAML 1.2 does
# (2.10 is a number, 2026-06-30 and yes are text); segur-kg keeps every scalar as its text, so a number
# is an identifier, a text or a version when its digits are one.
SCALARS: dict[str, dict[str, Any]] = {
    "identifier": {
        "description": _describe(
            "An identifier: letters, digits and . _ @ - , starting with a letter or a digit.",
            "Un identifiant : lettres, chiffres et . _ @ -, commençant par une lettre ou un chiffre.",
        ),
        "anyOf": [{"type": "string", "pattern": IDENT_PATTERN}, {"type": "number", "minimum": 0}],
    },
    "identifiers": {
        "description": _describe(
            "A list of identifiers (one identifier alone is a list of one).",
            "Une liste d'identifiants (un identifiant seul vaut une liste d'un).",
        ),
        "anyOf": [_ref("identifier"), {"type": "array", "items": _ref("identifier")}],
    },
    "nonEmptyIdentifiers": {
        "anyOf": [_ref("identifier"), {"type": "array", "items": _ref("identifier"), "minItems": 1}],
    },
    "text": {"type": ["string", "number", "boolean"]},
    "nonEmptyText": {"anyOf": [{"type": "string", "minLength": 1}, {"type": ["number", "boolean"]}]},
    "texts": {
        "description": _describe(
            "A list of texts, none empty (one text alone is a list of one).",
            "Une liste de textes non vides (un texte seul vaut une liste d'un).",
        ),
        "anyOf": [_ref("nonEmptyText"), {"type": "array", "items": _ref("nonEmptyText")}],
    },
    "nonEmptyTexts": {
        "anyOf": [_ref("nonEmptyText"), {"type": "array", "items": _ref("nonEmptyText"), "minItems": 1}],
    },
    "date": {
        "description": _describe(
            "A date YYYY-MM-DD that exists (segur-kg checks the calendar).",
            "Une date AAAA-MM-JJ qui existe (segur-kg vérifie le calendrier).",
        ),
        "type": "string",
        "pattern": DATE_PATTERN,
    },
    "flag": {
        "description": _describe(
            "true or false (YAML 1.1's yes, no, on, off are read as such).",
            "true ou false (yes, no, on, off de YAML 1.1 valent de même).",
        ),
        "anyOf": [{"type": "boolean"}, {"type": "string", "pattern": YAML11_BOOLEAN_WORDS}],
    },
    "version": {
        "description": _describe(
            "A dotted number of at most four parts (2, 2.10, 5.2.0); 5.2 and 5.2.0 are the same version.",
            "Un nombre pointé d'au plus quatre parties (2, 2.10, 5.2.0).",
        ),
        "anyOf": [
            {"type": "string", "pattern": VERSION_PATTERN},
            {"type": "number", "minimum": 0, "exclusiveMaximum": 10**PART_WIDTH},
        ],
    },
    "ruleId": {
        "description": _describe("A rule ID such as ROOT-3 (docs/rules.md).", "Un identifiant de règle (ROOT-3)."),
        "type": "string",
        "pattern": RULE_ID_PATTERN,
    },
}
_SCALAR_OF = {
    Kind.IDENTIFIER: ("identifier", "identifier"),
    Kind.TEXT: ("text", "nonEmptyText"),
    Kind.DATE: ("date", "date"),
    Kind.FLAG: ("flag", "flag"),
    Kind.IDENTIFIERS: ("identifiers", "nonEmptyIdentifiers"),
    Kind.TEXTS: ("texts", "nonEmptyTexts"),
    Kind.VERSION: ("version", "version"),
    Kind.RULE: ("ruleId", "ruleId"),
}


def _codes(spec: Field) -> list[Any]:
    """The codes of a table, and those that are digits as numbers too (``wave: 1`` is a number in YAML)."""
    codes: list[Any] = list(spec.codes)
    return codes + [int(code) for code in spec.codes if code.isdigit()]


def _value(spec: Field) -> dict[str, Any]:
    """The schema of a key's value; an optional key may be null (YAML's empty value), as if absent."""
    kind = spec.kind
    if kind is Kind.CODE:
        return {"enum": _codes(spec) if spec.required else [*_codes(spec), None]}
    if kind is Kind.RULES:
        value: dict[str, Any] = {"anyOf": [_ref("ruleId"), {"type": "array", "items": _ref("ruleId")}]}
    elif kind is Kind.ENTRIES:
        value = {"type": "array", "items": _ref(spec.entry.name)}
    elif kind is Kind.ENTRY:
        value = _ref(spec.entry.name)
    else:
        optional, required = _SCALAR_OF[kind]
        value = _ref(required if spec.required else optional)
    if spec.required:
        return value if "$ref" not in value else {"allOf": [value]}
    return {"anyOf": [value, {"type": "null"}]}


def _condition(condition: Condition) -> dict[str, Any]:
    then: dict[str, Any] = {}
    if condition.present:
        then["required"] = list(condition.present)
    properties = {key: {"not": {"type": "null"}} for key in condition.present}
    properties.update({key: {"type": "null"} for key in condition.absent})
    then["properties"] = properties
    return {
        "if": {"properties": {condition.key: {"enum": list(condition.values)}}, "required": [condition.key]},
        "then": then,
    }


def _entry(entry_format: EntryFormat) -> dict[str, Any]:
    properties = {}
    for key, spec in entry_format.fields.items():
        properties[key] = {"description": _describe(spec.en, spec.fr), **_value(spec)}
    schema: dict[str, Any] = {
        "type": "object",
        "description": _describe(entry_format.en, entry_format.fr),
        "properties": properties,
        "additionalProperties": False,
    }
    if entry_format.required():
        schema["required"] = entry_format.required()
    if entry_format.conditions:
        schema["allOf"] = [_condition(c) for c in entry_format.conditions]
    return schema


def generated_schema() -> dict[str, Any]:
    """The JSON Schema as the format (format.py) describes it today."""
    top = _entry(DOSSIER)
    defs = {name: _entry(fmt) for name, fmt in entry_formats().items() if fmt is not DOSSIER}
    clashes = set(defs) & set(SCALARS)
    if clashes:
        raise ValueError(f"entry formats named like a kind of value: {sorted(clashes)}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "segur-kg dossier",
        **top,
        "$comment": f"Generated from src/segur_kg/ingest/format.py by `{REGENERATE}`: do not edit.",
        "$defs": {**SCALARS, **defs},
    }


def generated_text() -> str:
    """The schema file's text: what ``--write`` writes."""
    return json.dumps(generated_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_path() -> Path:
    return schema_dir() / FILE_NAME


def schema_text() -> str:
    """The text of the schema file shipped with segur-kg (``segur-kg schema`` prints it)."""
    return schema_path().read_text(encoding="utf-8")


def dossier_schema() -> dict[str, Any]:
    """The shipped JSON Schema, parsed."""
    return json.loads(schema_text())


def main(argv: list[str] | None = None) -> int:
    return generated_file_command(
        argv,
        prog="python -m segur_kg.ingest.schema",
        description=__doc__.splitlines()[0],
        name=f"schema/{FILE_NAME}",
        text=generated_text,
        target=lambda: source_checkout() / "schema" / FILE_NAME,
        regenerate=REGENERATE,
    )


if __name__ == "__main__":
    raise SystemExit(main())
