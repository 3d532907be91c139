"""`segur-kg validate` as a user and a CI run it: formats, languages, exit codes, --focus, --strict,
-o, and unusable input."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner

from segur_kg.cli import app
from segur_kg.resources import project_home

INVALID = project_home() / "data" / "examples" / "invalid"
ROOT_3 = INVALID / "ROOT-3.yaml"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["validate", *map(str, args)])


def test_the_bundled_graph_conforms_exit_0_with_a_french_summary():
    result = run("--demo")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("Bilan : 0 violation(s)")
    assert "— conforme." in result.stdout


def test_ROOT_3_violation_text_grouped_by_rule_in_french_exit_1():
    result = run(ROOT_3)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "ROOT-3 — Le NRU racine est saisi avant la Date 2"
    # The finding starts with where the candidature is written: file:line:column (issue 16).
    yaml_lines = ROOT_3.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(yaml_lines, 1) if text.strip() == "- id: INV-ROOT3-CAND-B")
    column = yaml_lines[line - 1].index("id:") + 1
    assert lines[1].split()[:3] == [
        f"data/examples/invalid/ROOT-3.yaml:{line}:{column}:",
        "violation",
        "INV-ROOT3-CAND-B",
    ]
    assert (
        "a saisi le NRU racine INV-ROOT3-NRU-A le 2026-10-05, après la Date 2 du dispositif LGC-SF-VA2 (2026-09-30)"
        in lines[1]
    )
    assert lines[-1] == "Bilan : 1 violation(s), 0 avertissement(s), 0 info(s) — non conforme."


def test_ROOT_3_violation_text_in_english():
    result = run(ROOT_3, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "ROOT-3 — The root NRU is recorded before Date 2"
    assert "recorded root NRU INV-ROOT3-NRU-A on 2026-10-05, after Date 2 of dispositif LGC-SF-VA2" in result.stdout
    assert result.stdout.splitlines()[-1] == "Summary: 1 violation(s), 0 warning(s), 0 info(s) — does not conform."


def test_json_output_is_a_stable_list_of_findings_with_counts():
    result = run(ROOT_3, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["conforms"] is False
    assert data["counts"] == {"Violation": 1, "Warning": 0, "Info": 0}
    [finding] = data["findings"]
    assert finding["rule"] == "ROOT-3" and finding["shape"] == "ROOT-3" and finding["severity"] == "Violation"
    assert finding["focus"] == "https://w3id.org/segur-kg/id/candidature/INV-ROOT3-CAND-B"
    assert finding["focus_id"] == "INV-ROOT3-CAND-B"
    assert finding["source"] == "ROOT-3.yaml"
    assert finding["message"].startswith("Candidature INV-ROOT3-CAND-B recorded root NRU")
    assert run(ROOT_3, "--format", "json", "--lang", "en").stdout == result.stdout


def test_turtle_output_is_the_shacl_report():
    result = run(ROOT_3, "--format", "turtle")
    assert result.exit_code == 1
    g = Graph().parse(data=result.stdout, format="turtle")
    report = next(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(report, SH.conforms) == Literal(False)
    [res] = list(g.objects(report, SH.result))
    assert str(g.value(res, SH.sourceShape)) == "https://w3id.org/segur-kg/shapes#ROOT-3"
    assert {m.language for m in g.objects(res, SH.resultMessage)} == {"fr", "en"}


def test_sarif_output_for_code_scanning():
    result = run(ROOT_3, "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "segur-kg"
    rules = {r["id"]: r for r in driver["rules"]}
    assert {"ROOT-3", "HER-1", "CNDA-2", "STRUCT-ID"} <= set(rules)
    assert rules["ROOT-3"]["helpUri"] == "https://w3id.org/segur-kg/docs/rules.md#root-3"
    assert rules["ROOT-3"]["help"]["text"]
    [res] = run_["results"]
    assert res["ruleId"] == "ROOT-3" and res["level"] == "error"
    assert driver["rules"][res["ruleIndex"]]["id"] == "ROOT-3"
    assert "INV-ROOT3-CAND-B" in res["message"]["text"]
    [location] = res["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "data/examples/invalid/ROOT-3.yaml"
    assert location["logicalLocations"][0]["name"] == "INV-ROOT3-CAND-B"


def test_sarif_levels_for_warnings():
    sarif = json.loads(run(INVALID / "ROOT-2.yaml", "--format", "sarif").stdout)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["warning"]


def test_warnings_do_not_fail_unless_strict():
    assert run(INVALID / "ROOT-2.yaml").exit_code == 0
    assert run(INVALID / "ROOT-2.yaml", "--strict").exit_code == 1
    assert run("--demo", "--strict").exit_code == 0


def test_focus_keeps_the_candidature_and_what_it_depends_on():
    trans = INVALID / "TRANS-2.yaml"
    data = json.loads(run(trans, "--format", "json", "--focus", "INV-TRANS2-CAND-A").stdout)
    # A's root chain goes through B: both findings are A's business.
    assert {f["focus_id"] for f in data["findings"]} == {"INV-TRANS2-CAND-A", "INV-TRANS2-CAND-B"}
    assert data["focus"] == "INV-TRANS2-CAND-A"


def test_focus_on_a_candidature_that_does_not_depend_on_the_broken_one_conforms():
    result = run(ROOT_3, "--focus", "INV-ROOT3-CAND-A")
    assert result.exit_code == 0
    assert (
        result.stdout.strip()
        == "Bilan : 0 violation(s), 0 avertissement(s), 0 info(s) — conforme (candidature INV-ROOT3-CAND-A)."
    )


def test_focus_accepts_an_iri():
    result = run(ROOT_3, "--focus", "https://w3id.org/segur-kg/id/candidature/INV-ROOT3-CAND-B", "--format", "json")
    assert result.exit_code == 1
    assert [f["focus_id"] for f in json.loads(result.stdout)["findings"]] == ["INV-ROOT3-CAND-B"]


def test_focus_includes_the_candidatures_proofs():
    data = json.loads(run(INVALID / "DATE-2.yaml", "--format", "json", "--focus", "INV-DATE2-CAND").stdout)
    assert [f["focus_id"] for f in data["findings"]] == ["INV-DATE2-CAND/proof/1"]


def test_unknown_focus_is_exit_2_with_one_line(tmp_path):
    out = tmp_path / "report.txt"
    result = run("--focus", "NO-SUCH-CANDIDATURE", "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "NO-SUCH-CANDIDATURE" in lines[0]
    assert not out.exists()


def test_output_file_is_written_and_stdout_stays_empty(tmp_path):
    out = tmp_path / "report.sarif"
    result = run(ROOT_3, "--format", "sarif", "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


@pytest.mark.parametrize(
    "name,content,place",
    [
        ("bad.yaml", "dossier: X\neditors:\n  - id: A\n    name: [unclosed\n", r"(line|ligne) 5"),
        ("bad.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", r"(line|ligne) 3"),
    ],
)
def test_malformed_input_is_exit_2_one_line_naming_file_and_line_and_nothing_written(tmp_path, name, content, place):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "report.txt"
    result = run(bad, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0] and re.search(place, lines[0])
    assert not out.exists()
    assert result.stdout == ""


def test_unknown_file_type_is_exit_2(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    assert run(other).exit_code == 2


def test_unknown_format_is_exit_2():
    assert run("--format", "xml").exit_code == 2


def test_turtle_input_is_validated_too(tmp_path):
    ttl = tmp_path / "extra.ttl"
    ttl.write_text(
        """@prefix sgr: <https://w3id.org/segur-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/segur-kg/id/editor/X-ED> a sgr:Editor ; dcterms:identifier "X ED" .
""",
        encoding="utf-8",
    )
    result = run(ttl, "--format", "json")
    assert result.exit_code == 1
    assert [(f["shape"], f["focus_id"]) for f in json.loads(result.stdout)["findings"]] == [("STRUCT-ID", "X ED")]


def test_pre_commit_hook_runs_segur_kg_validate_on_dossiers_and_turtle():
    import yaml

    hooks = yaml.safe_load((project_home() / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "segur-kg-validate"]
    assert hook["entry"] == "segur-kg validate --changed"  # the whole repository, the changed files' findings
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert re.search(hook["files"], "dossiers/case.yaml") and re.search(hook["files"], "graph.ttl")
    assert re.search(hook["files"], "dossiers/case.yml")
    assert not re.search(hook["files"], "README.md")
    assert re.search(hook["exclude"], ".pre-commit-config.yaml")
