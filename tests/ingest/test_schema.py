"""The dossier JSON Schema: generated from the format, shipped, and in agreement with the importer.

The schema is applied to what a YAML editor sees: the file read as YAML 1.2's core schema (as VS Code's
YAML extension and check-jsonschema read it: 2.10 is a number, 2026-06-30 and yes are text), while the
importer reads the same text as segur-kg does. A differential property test mutates the examples and
asserts that the schema rejects a dossier exactly when the importer rejects it for its form.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.paths import FIXTURES
from segur_kg.errors import InputError
from segur_kg.ingest import schema
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.format import DATE_PATTERN, entry_formats
from segur_kg.ingest.loader import reference
from segur_kg.ingest.yaml_located import LList, LMap, load_yaml
from segur_kg.messages import CATALOGUE
from segur_kg.resources import project_home

EXAMPLES = sorted((project_home() / "data" / "examples").glob("*.yaml"))
INVALID = sorted((project_home() / "data" / "examples" / "invalid").glob("*.yaml"))
MINIMAL = FIXTURES / "dossiers" / "minimal.yaml"
SCHEMA_FILE = project_home() / "schema" / "dossier.schema.json"

# The invalid examples whose importer error is one of form: the schema rejects them too. Today every
# invalid example breaks a rule that validation (SHACL) finds, so the importer and the schema accept all.
STRUCTURAL_INVALID: dict[str, str] = {}
RULE_BREAKING_INVALID = {
    "ASC-1.yaml", "ASC-3.yaml", "CNDA-1.yaml", "CNDA-2.yaml", "COU-1.yaml", "DATE-1.yaml", "DATE-2.yaml",
    "DATE-3.yaml", "HER-1.yaml", "HER-2.yaml", "HER-3.yaml", "HER-3-other-solution.yaml", "NAME-1.yaml",
    "PSC-1.yaml", "PSC-3.yaml", "PSC-5.yaml", "ROOT-1.yaml", "ROOT-2.yaml", "ROOT-3.yaml", "ROOT-4.yaml",
    "ROOT-5.yaml", "ROOT-5-main-component.yaml", "TRANS-2.yaml",
}  # fmt: skip

# The importer's messages about a dossier's form, as opposed to references, reference data and the calendar.
STRUCTURAL_MESSAGES = [
    "ingest.dossier.unknown-key",
    "ingest.dossier.missing-field",
    "ingest.dossier.not-single",
    "ingest.dossier.not-an-identifier",
    "ingest.dossier.not-allowed",
    "ingest.dossier.not-an-identifier-in-list",
    "ingest.dossier.not-a-text-in-list",
    "ingest.dossier.not-a-list",
    "ingest.dossier.not-an-entry",
    "ingest.dossier.not-a-mapping",
    "ingest.dossier.not-a-rule",
    "ingest.dossier.type-only-additional",
    "ingest.dossier.additional-needs-type",
    "ingest.dossier.unknown-modification-kind",
    "ingest.dossier.wrong-target",
    "ingest.dossier.needs-field",
    "ingest.value.not-a-boolean",
    "ingest.value.not-a-date",
    "ingest.versions.not-a-version",
]


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


STRUCTURAL_REGEXES = [_template_regex(t) for key in STRUCTURAL_MESSAGES for t in CATALOGUE[key]]
NOT_A_DATE = [_template_regex(t) for t in CATALOGUE["ingest.value.not-a-date"]]


class CoreLoader(yaml.SafeLoader):
    """YAML 1.2's core schema, as a YAML editor reads a file: no timestamps, no yes/no booleans,
    0o and 0x integers, leading zeros decimal."""

    yaml_implicit_resolvers: dict = {}

    def construct_core_int(self, node: yaml.ScalarNode) -> int:
        value = self.construct_scalar(node)
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)

    def construct_core_float(self, node: yaml.ScalarNode) -> float:
        value = self.construct_scalar(node).lower()
        return float(value.replace(".inf", "inf").replace(".nan", "nan"))


CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
CoreLoader.add_constructor("tag:yaml.org,2002:int", CoreLoader.construct_core_int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", CoreLoader.construct_core_float)

VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def editor_view(text: str) -> Any:
    return yaml.load(text, Loader=CoreLoader)  # noqa: S506 (a SafeLoader subclass)


def schema_errors(text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(editor_view(text))]


def importer_verdict(path: Path) -> tuple[str, str]:
    """("ok", ""), ("structural", message) or ("other", message): how the importer takes the file."""
    try:
        import_dossiers([path], reference().index)
    except InputError as error:
        message = error.message
        # A date of the right form that does not exist (2026-02-30): the calendar, not the form.
        written = re.match(r"'([^']*)'", message)
        calendar = any(r.fullmatch(message) for r in NOT_A_DATE) and re.fullmatch(DATE_PATTERN, written.group(1))
        if not calendar and any(r.fullmatch(message) for r in STRUCTURAL_REGEXES):
            return "structural", message
        return "other", message
    return "ok", ""


# ---- the file and its generator


def test_the_schema_file_is_what_the_generator_writes():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema.generated_text(), (
        f"schema/dossier.schema.json is out of date: run `{schema.REGENERATE}`"
    )
    assert schema.main(["--check"]) == 0


def test_schema_text_and_dossier_schema_are_the_shipped_file():
    assert schema.schema_text() == SCHEMA_FILE.read_text(encoding="utf-8")
    loaded = schema.dossier_schema()
    assert loaded["$id"] == "https://w3id.org/segur-kg/schema/dossier.schema.json"
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_is_valid_for_draft_2020_12_and_for_vs_codes_draft_7_engine():
    document = schema.dossier_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    jsonschema.Draft7Validator.check_schema(document)

    # Draft 7 ignores the siblings of $ref: no $ref may have any.
    def refs_alone(node: Any) -> None:
        if isinstance(node, dict):
            assert "$ref" not in node or len(node) == 1, node
            for value in node.values():
                refs_alone(value)
        elif isinstance(node, list):
            for value in node:
                refs_alone(value)

    refs_alone(document)


def test_every_key_of_the_format_is_in_the_schema_with_both_descriptions_and_nothing_else():
    document = schema.dossier_schema()
    for name, entry_format in entry_formats().items():
        node = document if name == "dossier" else document["$defs"][name]
        assert list(node["properties"]) == list(entry_format.fields), name
        assert node["additionalProperties"] is False
        assert node.get("required", []) == entry_format.required()
        for key, spec in entry_format.fields.items():
            assert node["properties"][key]["description"] == f"{spec.en}\n\n{spec.fr}"


def test_the_codes_come_from_the_code_tables():
    document = schema.dossier_schema()
    assert document["$defs"]["candidature"]["properties"]["status"]["enum"] == [
        "draft", "submitted", "eligible", "referenced", "rejected", "withdrawn",
    ]  # fmt: skip
    assert document["$defs"]["referencing"]["properties"]["wave"]["enum"] == ["1", "2", 1, 2]
    assert document["$defs"]["modification"]["properties"]["reopens"]["enum"] == ["administrative", "eligibility", None]


# ---- the examples


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_against_the_schema(path):
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_the_invalid_examples_are_partitioned_exactly():
    assert {p.name for p in INVALID} == set(STRUCTURAL_INVALID) | RULE_BREAKING_INVALID
    for path in INVALID:
        errors = schema_errors(path.read_text(encoding="utf-8"))
        verdict, message = importer_verdict(path)
        if path.name in STRUCTURAL_INVALID:
            assert verdict == "structural" and STRUCTURAL_INVALID[path.name] in message
            assert errors, path.name
        else:
            assert (verdict, errors) == ("ok", []), path.name


@pytest.mark.parametrize("path", EXAMPLES + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_names_the_schema_in_its_modeline(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (path.parent / first.removeprefix(prefix)).resolve() == SCHEMA_FILE.resolve()


def test_the_importer_reads_a_modeline_as_a_comment_and_keeps_the_lines(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    with_modeline = tmp_path / "dossier.yaml"
    with_modeline.write_text("# yaml-language-server: $schema=../schema/dossier.schema.json\n" + text, encoding="utf-8")
    plain, shifted = load_yaml(MINIMAL), load_yaml(with_modeline)
    assert shifted == plain
    assert shifted.key_lines == {key: line + 1 for key, line in plain.key_lines.items()}
    assert len(import_dossiers([with_modeline], reference().index)) == len(
        import_dossiers([MINIMAL], reference().index)
    )


# ---- chosen cases, each rejected or accepted by both


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "dossier.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, verdict, message",
    [
        ("status: eligible", "status: eligible\n    colour: blue", "structural", "unknown key 'colour'"),
        ("    name: Solution Test\n", "", "structural", "missing required field 'solutions[0].name'"),
        ("kind: main", "kind: [main]", "structural", "expected a single value"),
        ("id: T-ED", "id: T ED", "structural", "'T ED' is not an identifier"),
        ("id: T-ED", "id: true", "structural", "'True' is not an identifier"),
        ("eligibility: 2026-02-01", "eligibility: 2026-2-1", "structural", "'2026-2-1' is not a real date"),
        ("eligibility: 2026-02-01", "eligibility: 20260201", "structural", "'20260201' is not a real date"),
        ("status: eligible", "status: accepted", "structural", "'accepted' is not allowed"),
        ('version: "2.10"', 'version: "2.x"', "structural", "'2.x' is not a version"),
        ("rules: [ROOT-1]", "rules: [root-1]", "structural", "'root-1' is not a rule ID"),
        ("profiles: [GEN, PA]", "profiles: [GEN, ~]", "structural", "'None' is not an identifier"),
        ("    profile: PH\n", "", "structural", "a 'add-profile' modification needs the field 'profile'"),
        ("kind: add-profile", "kind: migration", "structural", "a 'migration' modification targets a component"),
        ("type: AGENDA, ", "", "structural", "an additional component needs a 'type'"),
        ("kind: main,", "kind: main, type: AGENDA,", "structural", "only an additional component has a type"),
        ("eligibility: 2026-02-01", "eligibility: 2026-02-30", "other", "'2026-02-30' is not a real date"),
        ("dispositif: DUI-MS-VA2", "dispositif: DUI-MS-VA9", "other", "unknown dispositif 'DUI-MS-VA9'"),
        ("va1_referencings: [T-VA1-NRU]", "va1_referencings: [T-NOPE]", "other", "unknown NRU 'T-NOPE'"),
        ('version: "2.10"', "version: 2.10", "ok", ""),
        ("id: T-ED", "id: 20220042", "other", "unknown editor 'T-ED'"),
        ("dossier: T-MIN", "dossier: T-MIN", "ok", ""),
    ],
    ids=[
        "unknown-key", "missing-key", "list-for-a-code", "bad-identifier", "boolean-identifier", "short-date",
        "basic-date", "unknown-code", "bad-version", "bad-rule", "null-in-list", "field-of-the-kind",
        "wrong-target", "additional-without-type", "type-on-main", "impossible-date", "unknown-dispositif",
        "unknown-nru", "unquoted-version", "numeric-identifier", "unchanged",
    ],
)  # fmt: skip
def test_the_schema_rejects_what_the_importer_rejects_for_its_form(tmp_path, old, new, verdict, message):
    path = _variant(tmp_path, old, new)
    found, text = importer_verdict(path)
    assert found == verdict and message in text
    errors = schema_errors(path.read_text(encoding="utf-8"))
    assert bool(errors) == (verdict == "structural"), errors


CASE7 = project_home() / "data" / "examples" / "case-07-psc-configurations.yaml"
A_103 = (
    'requirement: "EDC/PSC.103", scenario: "EDC/PSC.103.01", component: C7-CMP-A-LPS, status: validated, '
    "deposited: 2025-08-18"
)


@pytest.mark.parametrize(
    "source, old, new, verdict, message",
    [
        (MINIMAL, "    date: 2022-09-01\n", "    date: 2022-09-01\n    validated_requirements: []\n", "ok", ""),
        (MINIMAL, "    date: 2022-09-01\n", '    date: 2022-09-01\n    validated_requirements: "DUI/va1.02"\n', "ok",
         ""),
        (
            MINIMAL,
            "    date: 2022-09-01\n",
            "    date: 2022-09-01\n    validated_requirements: [DUI/va1.02, {code: X}]\n",
            "structural",
            "is not a non-empty text",
        ),
        (
            MINIMAL,
            "    date: 2022-09-01\n",
            '    date: 2022-09-01\n    validated_requirements: ""\n',
            "structural",
            "'' is not a non-empty text",
        ),
        (
            MINIMAL,
            "    date: 2022-09-01\n",
            "    date: 2022-09-01\n    validated_requirements: [DUI/va1.99]\n",
            "other",
            "unknown validated requirement 'DUI/va1.99'",
        ),
        (MINIMAL, "    name: Éditeur Test\n", "    name: Éditeur Test\n    group: [T-GRP]\n", "structural", "single"),
        (CASE7, A_103, A_103 + ", colour: blue", "structural", "unknown key 'colour'"),
        (CASE7, A_103, A_103.replace("component: C7-CMP-A-LPS", "component: bad id!"), "structural", "identifier"),
        (CASE7, A_103, A_103.replace("status: validated", "status: accepted"), "structural", "'accepted'"),
        (CASE7, A_103, A_103.replace("component: C7-CMP-A-LPS", "component: C7-CMP-B-LPS"), "other", "neither"),
        (CASE7, "    reuses: [C7-PSC-A]\n", "    reuses: [[C7-PSC-A]]\n", "structural", "not an identifier"),
        (CASE7, "  - id: C7-GRP-NOVA\n    name: Groupe Nova Santé\n", "  - id: C7-GRP-NOVA\n", "structural", "name"),
    ],
    ids=[
        "validated-none", "validated-one-code", "validated-mapping-item", "validated-empty-text",
        "validated-unknown-code", "group-list", "psc-proof-unknown-key", "psc-proof-bad-component",
        "psc-proof-bad-status", "psc-proof-other-component", "reuses-nested-list", "group-without-name",
    ],
)  # fmt: skip
def test_PSC_2_PSC_6_HER_3_the_schema_takes_the_new_fields_as_the_importer_does(
    tmp_path, source, old, new, verdict, message
):
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    found, said = importer_verdict(path)
    assert found == verdict and message in said, said
    errors = schema_errors(path.read_text(encoding="utf-8"))
    assert bool(errors) == (verdict == "structural"), errors


def test_PSC_1_the_schema_describes_the_psc_proofs_and_the_new_sections():
    defs = schema.dossier_schema()["$defs"]
    assert list(defs["psc_proof"]["properties"]) == [
        "requirement", "scenario", "status", "deposited", "decided", "component",
    ]  # fmt: skip
    assert defs["psc_habilitation"]["properties"]["proofs"]["anyOf"][0]["items"] == {"$ref": "#/$defs/psc_proof"}
    assert list(defs["editor_group"]["properties"]) == ["id", "name"]
    assert "group" in defs["editor"]["properties"]
    assert schema.dossier_schema()["properties"]["editor_groups"]["anyOf"][0]["items"] == {
        "$ref": "#/$defs/editor_group"
    }


# ---- the differential property test


def _plain(value: Any) -> Any:
    """The importer's view (scalars as text, booleans, nulls) as plain Python data, to mutate and dump."""
    if isinstance(value, LMap):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, LList):
        return [_plain(v) for v in value]
    return value


BASES = [_plain(load_yaml(path)) for path in [MINIMAL, *EXAMPLES]]

# Values put in place of another: wrong types, codes, identifiers and dates of the wrong form, and right
# ones. Left out: what YAML 1.1 and 1.2 read differently and the schema cannot see (yes/no/on/off written
# unquoted, numbers written +5 or .5), documented in docs/dossier-format.md.
REPLACEMENTS: list[Any] = [
    ["X-1"], {"colour": "blue"}, [], {}, True, False, 7, 1, 2.5, -1, None, "", "not-a-code", "bad id!", "-x",
    "é", "2026-6-30", "20260630", "30/06/2026", "2026-02-30", "2026-07-01", "X-1", "ROOT-3", "1", "2.10",
    "main", "additional", "lps", "proxy", "add-profile", "add-component", "set-root", "modify-lps",
    "modify-commercial-name", "granted", "referenced", "validated", "separate", "eligibility", "Warning",
]  # fmt: skip


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append((*prefix, key))
        found += _paths(value, (*prefix, key))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def mutated_dossiers(draw) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    mutation = draw(st.sampled_from(["drop", "add-key", "replace", "replace"]))
    if mutation == "add-key":
        mappings = [()] + [p for p in _paths(data) if isinstance(_parent(data, p)[p[-1]], dict)]
        target = draw(st.sampled_from(mappings))
        node = _parent(data, (*target, None)) if target else data
        node[draw(st.sampled_from(["colour", "ident", "Status", "dossiers"]))] = "blue"
        return data
    paths = _paths(data)
    if mutation == "drop":
        path = draw(st.sampled_from([p for p in paths if isinstance(p[-1], str)]))
        del _parent(data, path)[path[-1]]
        return data
    path = draw(st.sampled_from(paths))
    _parent(data, path)[path[-1]] = copy.deepcopy(draw(st.sampled_from(REPLACEMENTS)))
    return data


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_dossiers())
def test_the_schema_rejects_a_mutated_dossier_exactly_when_the_importer_rejects_its_form(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dossier.yaml"
        path.write_text(text, encoding="utf-8")
        verdict, message = importer_verdict(path)
    errors = schema_errors(text)
    assert bool(errors) == (verdict == "structural"), (verdict, message, errors[:3], text)
