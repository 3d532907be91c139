"""The user's data, and the demo kept apart: a command loads the ontology, the reference data and the
user's files; the demo dossiers (data/examples/*.yaml) only with ``--demo`` (``load(demo=True)``). A
persistent store holds the demo only if a command that wrote it asked for it, and never twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.paths import FIXTURES
from segur_kg.ingest.loader import load
from segur_kg.resources import example_dossiers

MINIMAL = FIXTURES / "dossiers" / "minimal.yaml"  # one dossier, T-MIN, one candidature, T-CAND
DEMO_CANDIDATURES = 28  # of the nine demo dossiers


def info(*args: object) -> dict:
    result = invoke("info", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def class_counts(report: dict) -> dict[str, int]:
    return {c["class"]: c["count"] for c in report["classes"]}


def candidatures_of(*args: object) -> list[str]:
    result = invoke("overview", *args, "--as-of", "2026-07-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [row["candidature"] for row in json.loads(result.stdout)]


@pytest.fixture
def case1_copy(tmp_path: Path) -> Path:
    """Case 1 as an editor would start from it: every identifier renamed, the names and NIL kept."""
    [case1] = [p for p in example_dossiers() if p.name.startswith("case-01")]
    text = case1.read_text(encoding="utf-8").replace("C1-", "U1-").replace("CASE-01", "USER-01")
    path = tmp_path / "my-dossier.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_adds_the_demo_dossiers_only_when_asked():
    assert load([]).dossiers == []
    demo = load([], demo=True)
    assert demo.dossiers == example_dossiers()
    assert [p.name[:7] for p in demo.dossiers] == [f"case-0{i}" for i in range(1, 10)]


def test_overview_lists_only_the_users_candidatures_and_the_demo_with_demo():
    assert candidatures_of(MINIMAL) == ["T-CAND"]
    with_demo = candidatures_of(MINIMAL, "--demo")
    assert len(with_demo) == DEMO_CANDIDATURES + 1
    assert "T-CAND" in with_demo and "C3-CAND-B" in with_demo


def test_overview_of_nothing_is_empty():
    assert candidatures_of() == []


def test_a_copy_of_a_demo_case_validates_alone_and_clashes_with_the_demo_only_with_demo(case1_copy):
    alone = invoke("validate", case1_copy, "--format", "json", "--lang", "en")
    assert alone.exit_code == 0, alone.stdout
    assert json.loads(alone.stdout)["findings"] == []
    beside = invoke("validate", case1_copy, "--demo", "--format", "json", "--lang", "en")
    assert beside.exit_code == 1
    found = {(f["rule"], f["focus_id"]) for f in json.loads(beside.stdout)["findings"]}
    assert found == {("CNDA-1", "C1-CN-SERENIS"), ("CNDA-1", "U1-CN-SERENIS")}  # the same NIL twice


def test_a_demo_dossier_validates_alone_and_counts_once_beside_demo():
    [case1] = [p for p in example_dossiers() if p.name.startswith("case-01")]
    alone = invoke("validate", case1, "--lang", "en")
    assert alone.exit_code == 0, alone.stderr
    again = invoke("validate", case1, "--demo", "--lang", "en")
    assert again.exit_code == 0, again.stderr
    assert load([case1], demo=True).dossiers == example_dossiers()


def test_a_store_created_by_import_holds_no_demo(tmp_path):
    folder = tmp_path / "kg"
    imported = invoke("import", MINIMAL, "--store", folder, "-o", tmp_path / "minimal.ttl", "--lang", "en")
    assert imported.exit_code == 0, imported.stderr
    counts = class_counts(info("--store", folder))
    assert (counts["Dossier"], counts["Candidature"]) == (1, 1)
    assert candidatures_of("--store", folder) == ["T-CAND"]


def test_a_folder_holding_only_a_gitkeep_becomes_a_whole_store(tmp_path):
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / ".gitkeep").write_text("", encoding="utf-8")
    counts = class_counts(info(MINIMAL, "--store", folder))
    assert (counts["Dispositif"], counts["REM"], counts["Candidature"]) == (10, 11, 1)
    assert info("--store", folder)["triples"] == info(MINIMAL)["triples"]


def test_an_example_imported_into_a_new_store_is_not_a_duplicate(tmp_path):
    [case3] = [p for p in example_dossiers() if p.name.startswith("case-03")]
    folder = tmp_path / "kg"
    imported = invoke("import", case3, "--store", folder, "-o", tmp_path / "case3.ttl", "--lang", "en")
    assert imported.exit_code == 0, imported.stderr
    assert candidatures_of("--store", folder) == ["C3-CAND-A", "C3-CAND-B", "C3-CAND-C", "C3-CAND-D", "C3-CAND-P"]


def test_demo_on_a_store_adds_the_demo_once_and_the_store_keeps_it(tmp_path):
    folder = tmp_path / "kg"
    created = info(MINIMAL, "--store", folder)
    assert class_counts(created)["Candidature"] == 1
    with_demo = info("--store", folder, "--demo")
    assert class_counts(with_demo)["Candidature"] == DEMO_CANDIDATURES + 1
    again = info("--store", folder, "--demo")
    assert again["triples"] == with_demo["triples"]  # the same triples: nothing added twice
    kept = info("--store", folder)
    assert kept["triples"] == with_demo["triples"]
    assert class_counts(kept)["Candidature"] == DEMO_CANDIDATURES + 1


def test_a_store_created_with_demo_holds_the_same_graph_as_memory_with_demo(tmp_path):
    folder = tmp_path / "kg"
    on_disk = info("--store", folder, "--demo")
    in_memory = info("--demo")
    assert on_disk["triples"] == in_memory["triples"]
    assert on_disk["classes"] == in_memory["classes"]
