"""A repository of dossiers holds other YAML files too: a folder scan takes the dossiers only."""

import shutil

from helpers.cli import invoke
from segur_kg.ingest.loader import repository_files
from segur_kg.resources import examples_dir


def _repository(tmp_path):
    shutil.copy(next(examples_dir().glob("case-03-*.yaml")), tmp_path / "case-03.yaml")
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Dossiers\nnav:\n  - index.md\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.yaml").write_text("# notes\ncandidatures_to_review: 3\n", encoding="utf-8")
    return tmp_path


def test_a_folder_scan_keeps_dossiers_and_skips_other_yaml(tmp_path):
    repository = _repository(tmp_path)
    assert [p.name for p in repository_files(repository)] == ["case-03.yaml"]


def test_validate_a_repository_with_other_yaml_files_conforms(tmp_path):
    result = invoke("validate", _repository(tmp_path), "--lang", "en")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("Summary: 0 violation(s)")


def test_a_non_dossier_yaml_named_explicitly_is_still_read_as_a_dossier(tmp_path):
    compose = _repository(tmp_path) / "docker-compose.yml"
    result = invoke("validate", compose, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {compose}:")
