"""The tree is formatted and clean under the linter (ruff, configured in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import ROOT

CHECKED = ["src", "tests", "bench"]


def _ruff() -> list[str]:
    beside = Path(sys.executable).with_name("ruff")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed: it is part of the [test] extra (pip install -e '.[test]')")
    return [found]


def test_the_tree_is_formatted():
    result = subprocess.run([*_ruff(), "format", "--check", *CHECKED], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"run `ruff format {' '.join(CHECKED)}`:\n{result.stdout}{result.stderr}"


def test_the_linter_finds_nothing():
    result = subprocess.run([*_ruff(), "check", *CHECKED], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"`ruff check {' '.join(CHECKED)}` reports:\n{result.stdout}{result.stderr}"
