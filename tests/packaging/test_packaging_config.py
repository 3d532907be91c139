"""The packaging's lists agree, and segur_kg.resources finds the project's files where it says:
$SEGUR_KG_HOME, else the bundled copy, else the checkout."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

import segur_kg
from helpers.paths import ROOT
from segur_kg import resources


def setup_constant(name: str):
    """A constant of setup.py, read without running it (running it would build)."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    [value] = [n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == name]
    return ast.literal_eval(value)


def test_the_sdist_grafts_exactly_the_folders_the_wheel_bundles():
    lines = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    grafted = tuple(line.split()[1] for line in lines if line.startswith("graft "))
    assert grafted == setup_constant("BUNDLED_FOLDERS")
    assert setup_constant("BUNDLE_FOLDER") == resources.BUNDLE_FOLDER


def test_the_version_is_pyproject_s():
    with (ROOT / "pyproject.toml").open("rb") as stream:
        assert segur_kg.__version__ == tomllib.load(stream)["project"]["version"]


def test_the_licence_is_an_spdx_expression_with_its_file():
    with (ROOT / "pyproject.toml").open("rb") as stream:
        config = tomllib.load(stream)
    assert (config["project"]["license"], config["project"]["license-files"]) == ("MIT", ["LICENSE"])
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "setuptools>=77" in config["build-system"]["requires"]  # the first to read them (PEP 639)


@pytest.fixture
def fresh_home(monkeypatch):
    """project_home() computed again under the test's environment, and again after it."""
    monkeypatch.delenv(resources.HOME_VARIABLE, raising=False)
    resources.project_home.cache_clear()
    yield
    resources.project_home.cache_clear()


def test_the_checkout_is_the_home_of_a_checkout_without_a_bundle(fresh_home):
    assert resources.bundled_home() is None
    assert resources.checkout_dir() == ROOT
    assert resources.project_home() == ROOT
    assert resources.ontology_path() == ROOT / "ontology" / "segur.ttl"
    assert resources.schema_dir() == ROOT / "schema"


def test_segur_kg_home_overrides_both(fresh_home, monkeypatch, tmp_path):
    monkeypatch.setenv(resources.HOME_VARIABLE, str(tmp_path))
    assert resources.project_home() == tmp_path
    assert resources.reference_dir() == tmp_path / "data" / "reference"


def test_a_bundle_in_the_package_comes_before_the_checkout(fresh_home, monkeypatch, tmp_path):
    package = tmp_path / "segur_kg"
    bundle = package / resources.BUNDLE_FOLDER
    (bundle / "ontology").mkdir(parents=True)
    (bundle / "ontology" / "segur.ttl").write_text("", encoding="utf-8")
    (bundle / "data" / "reference").mkdir(parents=True)
    monkeypatch.setattr(resources, "files", lambda name: package if name == "segur_kg" else Path(name))
    assert resources.bundled_home() == bundle
    assert resources.project_home() == bundle
    assert resources.queries_dir() == bundle / "queries"
