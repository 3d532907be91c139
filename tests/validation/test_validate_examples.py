"""CI's validation of the bundled examples: every data/examples/*.yaml conforms, and every
data/examples/invalid/<RULE>.yaml breaks exactly its rule, on the focus nodes its `expect:` names. A file
named <RULE>-<shape suffix>.yaml (HER-3-other-solution.yaml) breaks its rule through that one shape
(HER-3-OTHER-SOLUTION)."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from segur_kg.ingest.loader import dossier_graph, load
from segur_kg.ingest.yaml_located import load_yaml
from segur_kg.resources import example_dossiers, project_home
from segur_kg.validation import validate_store

INVALID = project_home() / "data" / "examples" / "invalid"
INVALID_FILES = sorted(INVALID.glob("*.yaml"))


def rule_and_shape(path) -> tuple[str, str | None]:
    """The rule an invalid example's name says it breaks, and the shape when the name has a suffix."""
    rule = re.match(r"[A-Z]+-\d+", path.stem).group(0)
    return rule, (path.stem.upper() if path.stem != rule else None)


@lru_cache(maxsize=1)
def expected() -> dict[str, set[tuple[str, str, str]]]:
    """The `expect:` list of each invalid dossier: (rule, focus identifier, severity)."""
    out = {}
    for path in INVALID_FILES:
        entries = load_yaml(path).get("expect") or []
        out[path.name] = {(e["rule"], e["focus"], e.get("severity", "Violation")) for e in entries}
    return {name: found for name, found in out.items() if found}


def test_at_least_nine_valid_examples_exist():
    assert len(example_dossiers()) >= 9


def test_every_valid_example_conforms():
    loaded = load([], demo=True)
    assert loaded.dossiers == example_dossiers()
    report = validate_store(loaded.store)
    violations = [f"{f.key} {f.focus_id}: {f.message}" for f in report.findings if f.severity == "Violation"]
    assert violations == []
    assert report.conforms
    sources = {f.source for f in report.findings}
    assert sources <= {p.name for p in example_dossiers()}


def test_every_invalid_example_has_expectations_and_every_expectation_a_file():
    assert {p.name for p in INVALID_FILES} == set(expected())
    assert len(INVALID_FILES) >= 15


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.stem)
def test_invalid_example_breaks_exactly_its_rule_on_the_expected_focus(path):
    dossier_graph([path])  # imports cleanly, as `segur-kg import` does
    report = validate_store(load([path], demo=True).store)  # beside the demo, which it must not break
    # Info findings count only for an example of an Info shape (ROOT-4), which expects them
    levels = {"Violation", "Warning"} | {severity for _, _, severity in expected()[path.name]}
    own = {(f.key, f.focus_id, f.severity) for f in report.findings if f.source == path.name and f.severity in levels}
    assert own == expected()[path.name]
    named_rule, named_shape = rule_and_shape(path)
    assert {rule for rule, _, _ in own} == {named_rule}
    if named_shape is not None:
        assert {f.shape for f in report.findings if f.source == path.name and f.severity in levels} == {named_shape}
    others = [f for f in report.findings if f.source != path.name and f.severity == "Violation"]
    assert others == []
    severities = {severity for _, _, severity in own}
    if severities == {"Info"}:  # information only: the dossier conforms, validation exits 0
        assert report.conforms and report.exit_code(strict=True) == 0
        return
    strict = "Warning" in severities and "Violation" not in severities
    assert report.exit_code(strict=strict) == 1
