"""Dossier import: the graph it builds, and one clear located error for each kind of bad input."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from helpers.paths import FIXTURES
from segur_kg import namespaces as ns
from segur_kg.errors import InputError
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.loader import reference
from segur_kg.namespaces import SGR

MINIMAL = FIXTURES / "dossiers" / "minimal.yaml"


def variant(tmp_path: Path, old: str, new: str, name: str = "dossier.yaml") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text, f"fixture line not found: {old!r}"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def import_error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        import_dossiers([path], reference().index)
    return caught.value


def test_minimal_dossier_builds_the_expected_graph():
    g = import_dossiers([MINIMAL], reference().index)
    cand = ns.entity("candidature", "T-CAND")
    version = ns.entity("solution-version", "T-SOL-2.10")
    assert (cand, RDF.type, SGR.Candidature) in g
    assert (cand, SGR.dispositif, ns.entity("dispositif", "DUI-MS-VA2")) in g
    assert set(g.objects(cand, SGR.chosenProfile)) == {ns.profile("DUI", "GEN"), ns.profile("DUI", "PA")}
    # Additional components default to those of the version.
    assert set(g.objects(cand, SGR.additionalComponent)) == {ns.entity("component", "T-AGENDA")}
    assert (cand, SGR.va1Referencing, ns.referencing("T-VA1-NRU")) in g
    assert (version, SGR.versionString, Literal("2.10")) in g
    assert (version, SGR.versionKey, Literal("000002.000010.000000.000000")) in g
    assert (cand, SGR.eligibilityDate, Literal("2026-02-01", datatype=XSD.date)) in g
    proof = URIRef(f"{cand}/proof/1")
    assert (proof, SGR.forRequirement, ns.requirement("REM-DUI-MS-VA2", "DMP/UX.12")) in g
    assert (proof, SGR.forScenario, ns.scenario("REM-DUI-MS-VA2", "DMP/UX.12", "DMP/UX.12.01")) in g
    assert (proof, SGR.proofStatus, SGR.Deposited) in g
    mod = ns.entity("modification", "T-MOD")
    assert (mod, SGR.addedProfile, ns.profile("DUI", "PH")) in g
    assert (mod, SGR.reopensStep, SGR.CandidatureAdministrative) in g
    assert (ns.entity("dossier", "T-MIN"), SGR.rule, ns.rule("ROOT-1")) in g


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        ("status: eligible", "status: eligible\n    colour: blue", "colour: blue", "unknown key 'colour'"),
        ("dispositif: DUI-MS-VA2", "dispositif: DUI-MS-VA9", "DUI-MS-VA9", "unknown dispositif 'DUI-MS-VA9'"),
        ('requirement: "DMP/UX.12"', 'requirement: "DMP/UX.99"', "DMP/UX.99", "unknown requirement 'DMP/UX.99'"),
        ('scenario: "DMP/UX.12.01"', 'scenario: "DMP/UX.12.07"', "DMP/UX.12.07", "unknown scenario 'DMP/UX.12.07'"),
        ("eligibility: 2026-02-01", "eligibility: 2026-02-30", "2026-02-30", "'2026-02-30' is not a real date"),
        ('version: "2.10"', 'version: "2.x"', '"2.x"', "'2.x' is not a version"),
        ("profiles: [GEN, PA]", "profiles: [GEN, XX]", "[GEN, XX]", "unknown profile 'XX' for dispositif DUI-MS-VA2"),
        ("va1_referencings: [T-VA1-NRU]", "va1_referencings: [T-NOPE]", "T-NOPE", "unknown NRU 'T-NOPE'"),
        (
            "main_component: T-CORE",
            "main_component: T-AGENDA",
            "main_component: T-AGENDA",
            "is a additional component: expected a main component",
        ),
        ("kind: add-profile", "kind: add-colour", "add-colour", "'add-colour' is not allowed"),
        ("status: eligible", "status: accepted", "accepted", "'accepted' is not allowed"),
    ],
    ids=[
        "unknown-key",
        "unknown-dispositif",
        "unknown-requirement",
        "unknown-scenario",
        "impossible-date",
        "bad-version",
        "unknown-profile",
        "unknown-nru",
        "wrong-component-kind",
        "unknown-modification-kind",
        "unknown-status",
    ],
)
def test_bad_input_names_file_line_and_what_was_expected(tmp_path, old, new, needle, message):
    path = variant(tmp_path, old, new)
    error = import_error(path)
    assert message in error.message
    assert error.place.startswith(f"line {line_of(path, needle)}")
    assert str(error).startswith(f"{path}: line {line_of(path, needle)}")


def test_duplicate_nru_names_both_places(tmp_path):
    path = variant(
        tmp_path,
        "    status: eligible\n",
        "    status: referenced\n    referencing: {nru: T-VA1-NRU, date: 2026-06-01}\n",
    )
    error = import_error(path)
    assert "duplicate NRU 'T-VA1-NRU'" in error.message
    assert f"line {line_of(path, 'nru: T-VA1-NRU')}" in error.message


def test_duplicate_identifier_across_files(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("dossier: T-OTHER\neditors:\n  - id: T-ED\n    name: Doublon\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_dossiers([MINIMAL, other], reference().index)
    assert caught.value.file == other
    assert caught.value.place.startswith("line 3")
    assert f"already defined in {MINIMAL} line" in caught.value.message


def test_malformed_yaml_names_the_line(tmp_path):
    path = variant(tmp_path, "    name: Solution Test", "    name: [Solution Test")
    error = import_error(path)
    assert error.message.startswith("malformed YAML")
    assert error.place.startswith("line ")


def test_duplicate_key_is_refused(tmp_path):
    path = variant(tmp_path, 'title: "Dossier minimal de test"', "title: a\ntitle: b")
    error = import_error(path)
    assert error.message == "key 'title' appears twice (first at line 3)"
    assert error.place == "line 4"


def test_missing_required_field(tmp_path):
    path = variant(
        tmp_path, "    solution_version: T-SOL-2.10\n    dispositif: DUI-MS-VA2\n", "    dispositif: DUI-MS-VA2\n"
    )
    error = import_error(path)
    assert "missing required field 'candidatures[0].solution_version'" in error.message


def test_version_is_read_as_text_not_as_a_float(tmp_path):
    # Unquoted 2.10 would be the float 2.1 for a plain YAML loader.
    path = variant(tmp_path, 'version: "2.10"', "version: 2.10")
    g = import_dossiers([path], reference().index)
    assert (ns.entity("solution-version", "T-SOL-2.10"), SGR.versionString, Literal("2.10")) in g
