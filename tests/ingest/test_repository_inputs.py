"""A repository of dossiers as an input: a folder or a quoted glob pattern names every dossier and RDF
file under it, and the files are imported as one graph, so a root NRU one file defines resolves in
another (``loader.expand_inputs``). A pattern or folder that yields nothing is a user's mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke
from segur_kg.ingest.loader import expand_inputs, load

# The root: a vague 2 referencing obtained outside the repository's candidatures, of a version that
# the other dossier defines.
ROOTS = """\
dossier: R-ROOTS
title: "The vague 2 referencings the repository's candidatures take as root"
referencings:
  - nru: R-NRU-MV
    wave: 2
    dispositif: LGC-MV-VA2
    solution_version: R-SOL-3.9
    profiles: [GEN]
    date: 2026-04-24
"""

# The candidature that takes R-NRU-MV as its root: everything else it needs is in this file.
CANDIDATE = """\
dossier: R-ALPHA
title: "Alpha 3.10 on LGC-SF-VA2, with the root R-NRU-MV"
editors:
  - id: R-ED
    name: Alpha Santé
solutions:
  - id: R-SOL
    editor: R-ED
    name: Alpha Médical
    device_type: LGC
    components:
      - {id: R-CORE, kind: main, name: "Alpha noyau"}
    commercial_names:
      - id: R-CN
        name: "Alpha Médical"
        nil: "NIL-91001"
        cnda: {status: granted, date: 2025-10-13}
    versions:
      - id: R-SOL-3.9
        version: "3.9"
        main_component: R-CORE
        commercial_names: [R-CN]
      - id: R-SOL-3.10
        version: "3.10"
        main_component: R-CORE
        commercial_names: [R-CN]
candidatures:
  - id: R-CAND-SF
    solution_version: R-SOL-3.10
    dispositif: LGC-SF-VA2
    profiles: [GEN]
    root: R-NRU-MV
    root_recorded: 2026-04-28
    attestation:
      date: 2026-04-28
      main_component_identical: true
      single_solution: true
      ascending_compatibility: true
    dates: {admin_deposit: 2026-03-16, eligibility: 2026-04-28}
    status: eligible
    proofs:
      - {requirement: "SFP.01", scenario: "SFP.01.01", status: deposited, deposited: 2026-05-04}
"""
ROOT_LINE = CANDIDATE.splitlines().index("    root: R-NRU-MV") + 1


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """Two dossiers in nested folders, beside what a repository also holds and a load must skip: a
    README, a hidden folder with a broken YAML file, an editor's hidden backup."""
    repo = tmp_path / "dossiers"
    (repo / "referencings").mkdir(parents=True)
    (repo / "candidatures" / "2026").mkdir(parents=True)
    (repo / "referencings" / "roots.yaml").write_text(ROOTS, encoding="utf-8")
    (repo / "candidatures" / "2026" / "alpha-sf.yaml").write_text(CANDIDATE, encoding="utf-8")
    (repo / "README.md").write_text("# Our dossiers\n", encoding="utf-8")
    (repo / ".git").mkdir()
    (repo / ".git" / "broken.yaml").write_text("dossier: [\n", encoding="utf-8")
    (repo / "candidatures" / ".alpha-sf.yaml.swp.yaml").write_text("not: a dossier\n", encoding="utf-8")
    return repo


def dossier_files(repo: Path) -> list[Path]:
    return [repo / "candidatures" / "2026" / "alpha-sf.yaml", repo / "referencings" / "roots.yaml"]


def test_a_folder_is_every_dossier_under_it_sorted_hidden_and_other_files_skipped(repository):
    assert expand_inputs([repository]) == dossier_files(repository)


def test_a_folder_also_yields_its_rdf_files_and_each_file_is_named_once(repository):
    extra = repository / "graphs" / "extra.ttl"
    extra.parent.mkdir()
    extra.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    candidate, roots = dossier_files(repository)
    assert expand_inputs([roots, repository]) == [roots, candidate, extra]


def test_validate_of_the_repository_conforms_with_no_finding(repository):
    result = invoke("validate", repository, "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["conforms"] is True
    assert report["findings"] == []
    assert report["counts"] == {"Violation": 0, "Warning": 0, "Info": 0}


def test_the_candidature_alone_does_not_resolve_its_root_one_line_exit_2(repository):
    candidate = dossier_files(repository)[0]
    result = invoke("validate", candidate, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {candidate}: line {ROOT_LINE}, field 'candidatures[0].root': unknown NRU 'R-NRU-MV': "
        "no such NRU is defined in the files imported\n"
    )


def test_a_quoted_glob_is_expanded_as_the_folder_is_and_conforms(repository):
    pattern = repository / "**" / "*.yaml"  # hidden folders and files are not matched
    assert expand_inputs([pattern]) == dossier_files(repository)
    result = invoke("validate", pattern, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Summary: 0 violation(s), 0 warning(s), 0 info(s) — conforms."


def test_a_glob_matching_nothing_is_a_user_error(repository):
    pattern = repository / "*.yml"
    result = invoke("validate", pattern, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {pattern}: no file matches this pattern: expected dossiers or RDF files "
        "(.yaml, .yml, .jsonld, .nq, .nt, .trig, .ttl)\n"
    )


def test_a_glob_matching_only_other_files_is_a_user_error(repository):
    result = invoke("info", repository / "*.md", "--lang", "en")
    assert result.exit_code == 2
    assert "no file matches this pattern" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_folder_without_inputs_is_a_user_error(tmp_path):
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    (empty / ".git" / "x.yaml").write_text("dossier: X\n", encoding="utf-8")
    result = invoke("validate", empty, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {empty}: this folder holds no file to load: expected dossiers or RDF files "
        "(.yaml, .yml, .jsonld, .nq, .nt, .trig, .ttl)\n"
    )


def test_a_missing_path_without_glob_characters_is_still_no_such_file(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    result = invoke("validate", missing, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: no such file\n"


def test_the_loaded_dossiers_are_the_repository_files_and_no_demo(repository):
    loaded = load([repository])
    assert loaded.dossiers == dossier_files(repository)
    assert loaded.rdf_files == []


def test_every_command_takes_the_repository_perimeter_follows_the_root_of_the_other_file(repository):
    result = invoke("perimeter", "R-CAND-SF", repository, "--as-of", "2026-06-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    perimeter = json.loads(result.stdout)
    assert (perimeter["candidature"], perimeter["status"]) == ("R-CAND-SF", "ready")
    assert perimeter["root_chain"] == ["R-NRU-MV"]
    overview = invoke("overview", repository, "--as-of", "2026-06-01", "--format", "json")
    assert overview.exit_code == 0, overview.stderr
    assert [row["candidature"] for row in json.loads(overview.stdout)] == ["R-CAND-SF"]


def test_import_of_the_repository_writes_both_dossiers(repository, tmp_path):
    out = tmp_path / "repository.ttl"
    result = invoke("import", repository, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Imported 2 dossier(s) and 0 RDF file(s)" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "R-NRU-MV" in text and "R-CAND-SF" in text
