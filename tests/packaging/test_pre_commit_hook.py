"""The pre-commit hook (.pre-commit-hooks.yaml), run by `pre-commit try-repo` against the checkout
from a scratch repository of two dossiers, the second using the first's referencing as its root:
the whole repository is validated together, and only the changed files' findings count.

pre-commit installs the hook's environment from the checkout (its snapshot, see conftest.py) with
pip, offline, from the wheelhouse; each try-repo run installs it anew (about 30 s).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.cli import run_executable as run_in_checkout
from helpers.paths import ROOT

HOOK = "segur-kg-validate"
HOOK_TIMEOUT = 600

ROOT_DOSSIER = """\
dossier: HOOK-ROOT
title: "A, référencée sur LGC-MV-VA2 : la racine de B"

editors:
  - id: HOOK-ED
    name: Éditeur du dépôt

solutions:
  - id: HOOK-SOL
    editor: HOOK-ED
    name: Cabinet du dépôt
    device_type: LGC
    components:
      - {id: HOOK-CORE, kind: main, name: "Noyau"}
    commercial_names:
      - id: HOOK-CN
        name: "Cabinet du dépôt"
        nil: "NIL-HOOK-1"
        cnda: {status: granted, date: 2025-10-01}
    versions:
      - id: HOOK-SOL-2.0
        version: "2.0"
        main_component: HOOK-CORE
        commercial_names: [HOOK-CN]

candidatures:
  - id: HOOK-CAND-A
    solution_version: HOOK-SOL-2.0
    dispositif: LGC-MV-VA2
    profiles: [GEN]
    dates:
      admin_deposit: 2026-01-10
      eligibility: 2026-01-20
      decision: 2026-03-02
    status: referenced
    referencing:
      nru: HOOK-NRU-A
      date: 2026-03-02
"""

# B, on LGC-SF-VA2 (Date 2: 2026-09-30), records A's NRU, which root.yaml alone defines.
USER_DOSSIER = """\
dossier: HOOK-USER
title: "B saisit le NRU de A (défini dans root.yaml) comme racine"

candidatures:
  - id: HOOK-CAND-B
    solution_version: HOOK-SOL-2.0
    dispositif: LGC-SF-VA2
    profiles: [GEN]
    root: HOOK-NRU-A
    root_recorded: {recorded}
    attestation:
      date: {recorded}
      main_component_identical: true
      single_solution: true
      ascending_compatibility: true
    dates:
      admin_deposit: 2026-03-01
      eligibility: 2026-03-15
    status: eligible
"""
BEFORE_DATE_2 = "2026-06-01"
STILL_BEFORE_DATE_2 = "2026-06-15"
AFTER_DATE_2 = "2026-10-05"  # ROOT-3, as data/examples/invalid/ROOT-3.yaml


class Scratch:
    """The scratch repository: a folder and the git that commits in it."""

    def __init__(self, path: Path, git) -> None:
        self.path, self.git = path, git

    def write(self, name: str, text: str) -> None:
        (self.path / name).write_text(text, encoding="utf-8")

    def stage_user_dossier(self, recorded: str) -> None:
        self.write("user.yaml", USER_DOSSIER.format(recorded=recorded))
        self.git("add", "user.yaml", cwd=self.path)

    def commit_all(self, message: str) -> None:
        self.git("add", "-A", cwd=self.path)
        self.git("commit", "--quiet", "-m", message, cwd=self.path)


@pytest.fixture
def repository(tmp_path: Path, git_in) -> Scratch:
    """The scratch repository, its two dossiers committed."""
    scratch = Scratch(tmp_path / "dossiers", git_in)
    scratch.path.mkdir()
    git_in("init", "--quiet", cwd=scratch.path)
    scratch.write("root.yaml", ROOT_DOSSIER)
    scratch.write("user.yaml", USER_DOSSIER.format(recorded=BEFORE_DATE_2))
    scratch.commit_all("two dossiers")
    return scratch


def run_hook(repo: Scratch, source_tree: Path, offline_env: dict[str, str], tmp_path: Path):
    """`pre-commit try-repo` of the checkout's hook on the staged files, as a commit would run it."""
    env = {**offline_env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(source_tree), HOOK, "--verbose", "--color", "never"]
    return subprocess.run(command, cwd=repo.path, env=env, capture_output=True, text=True, timeout=HOOK_TIMEOUT)


def hook_status(output: str) -> str:
    """The hook's line: ``segur-kg validate....Passed`` (or Failed, or Skipped when no file matched)."""
    [status] = re.findall(r"^segur-kg validate\.+(?:\(no files to check\))?(\w+)$", output, re.MULTILINE)
    return status


def test_the_manifest_runs_validate_changed_on_dossiers_and_turtle():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == (HOOK, "segur-kg validate --changed", "python")
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    for name in ("root.yaml", "sub/user.yml", "graph.ttl"):
        assert re.search(hook["files"], name)
    assert not re.search(hook["files"], "README.md")


def test_a_valid_change_passes(repository, source_tree, offline_env, tmp_path):
    repository.stage_user_dossier(STILL_BEFORE_DATE_2)
    done = run_hook(repository, source_tree, offline_env, tmp_path)
    assert (done.returncode, hook_status(done.stdout)) == (0, "Passed"), done.stdout + done.stderr


def test_a_change_that_breaks_a_rule_fails_and_names_the_changed_file(repository, source_tree, offline_env, tmp_path):
    repository.stage_user_dossier(AFTER_DATE_2)
    done = run_hook(repository, source_tree, offline_env, tmp_path)
    assert (done.returncode, hook_status(done.stdout)) == (1, "Failed"), done.stdout + done.stderr
    assert "ROOT-3" in done.stdout and "HOOK-CAND-B" in done.stdout
    assert "user.yaml" in done.stdout.split("segur-kg validate", 1)[1]  # in the hook's output, not pre-commit's


def test_findings_on_an_unchanged_file_are_not_reported(repository, source_tree, offline_env, tmp_path):
    # A's administrative deposit after the Date 1 of LGC-MV-VA2 (2026-01-31) breaks DATE-1 in root.yaml.
    broken = ROOT_DOSSIER.replace("admin_deposit: 2026-01-10", "admin_deposit: 2026-02-10")
    repository.write("root.yaml", broken.replace("eligibility: 2026-01-20", "eligibility: 2026-02-20"))
    repository.commit_all("A deposited late")
    assert_root_is_broken(repository.path)
    repository.stage_user_dossier(STILL_BEFORE_DATE_2)
    done = run_hook(repository, source_tree, offline_env, tmp_path)
    assert (done.returncode, hook_status(done.stdout)) == (0, "Passed"), done.stdout + done.stderr
    hook_output = done.stdout.split("segur-kg validate", 1)[1]
    assert "root.yaml" not in hook_output and "DATE-1" not in hook_output and "HOOK-CAND-A" not in hook_output


def assert_root_is_broken(repo: Path) -> None:
    """The same repository, root.yaml the changed file: DATE-1 is found (so the test above can fail)."""
    done = run_in_checkout("validate", "--changed", "root.yaml", "--format", "json", "--lang", "en", cwd=repo)
    assert done.returncode == 1, done.stdout + done.stderr
    findings = yaml.safe_load(done.stdout)["findings"]
    assert {(f["rule"], f["focus_id"]) for f in findings} == {("DATE-1", "HOOK-CAND-A")}
