"""The dossier fields of issue 17: a PSC habilitation's proofs and reuses (PSC-1, PSC-2), editor groups
(PSC-6), a referencing's validated requirements (HER-3). The graph they build, the facts the engine
reads from it, and one clear located error (exit 2, nothing written) for each bad value."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from helpers.cli import invoke
from segur_kg import namespaces as ns
from segur_kg.engine.facts import load_facts
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.loader import load, reference
from segur_kg.namespaces import SGR
from segur_kg.resources import project_home

CASE7 = project_home() / "data" / "examples" / "case-07-psc-configurations.yaml"
PSC_REM = "REM-EDC-PSC"
# A vague 1 LGC referencing outside any candidature, and its validated requirements (written by each test).
LGC_REFERENCING = """dossier: T-LGC
editors:
  - {id: T-ED, name: Éditeur}
solutions:
  - id: T-SOL
    editor: T-ED
    name: Cabinet
    device_type: LGC
    components: [{id: T-CORE, kind: main}]
    commercial_names: [{id: T-CN, name: Cabinet, nil: NIL-T}]
    versions: [{id: T-SOL-1, version: "1", main_component: T-CORE, commercial_names: [T-CN]}]
referencings:
  - nru: T-VA1
    wave: 1
    dispositif: LGC-MV-VA1
    solution_version: T-SOL-1
    date: 2022-01-15
"""


def written(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def lgc(tmp_path: Path, validated: str | None) -> Path:
    path = tmp_path / "lgc.yaml"
    extra = "" if validated is None else f"    validated_requirements: {validated}\n"
    path.write_text(LGC_REFERENCING + extra, encoding="utf-8")
    return path


# ---- the graph


def test_PSC_1_habilitation_proofs_are_psc_proofs_of_the_guichet_rem_with_their_component():
    g = import_dossiers([CASE7], reference().index)
    hab = ns.entity("psc-habilitation", "C7-PSC-A")
    proofs = sorted(g.subjects(SGR.ofHabilitation, hab), key=str)
    assert len(proofs) == 8
    third = URIRef(f"{hab}/proof/3")
    assert (third, RDF.type, SGR.PSCProof) in g and (third, RDF.type, SGR.Proof) not in g
    assert (third, DCTERMS.identifier, Literal("C7-PSC-A/proof/3")) in g
    assert (third, SGR.forRequirement, ns.requirement(PSC_REM, "EDC/PSC.103")) in g
    assert (third, SGR.forScenario, ns.scenario(PSC_REM, "EDC/PSC.103", "EDC/PSC.103.01")) in g
    assert (third, SGR.concernsComponent, ns.entity("component", "C7-CMP-A-LPS")) in g
    assert (third, SGR.proofStatus, SGR.Validated) in g
    assert (third, SGR.statusDate, Literal("2025-09-08", datatype=XSD.date)) in g
    # a proof without component (C7-PSC-B's) concerns each component its requirement concerns
    b_105 = URIRef(f"{ns.entity('psc-habilitation', 'C7-PSC-B')}/proof/5")
    assert (b_105, SGR.forRequirement, ns.requirement(PSC_REM, "EDC/PSC.105")) in g
    assert list(g.objects(b_105, SGR.concernsComponent)) == []


def test_PSC_2_reuses_and_psc_6_editor_groups_in_the_graph():
    g = import_dossiers([CASE7], reference().index)
    a2, a = ns.entity("psc-habilitation", "C7-PSC-A2"), ns.entity("psc-habilitation", "C7-PSC-A")
    assert list(g.objects(a2, SGR.reusesHabilitation)) == [a]
    group = ns.entity("editor-group", "C7-GRP-NOVA")
    assert (group, RDF.type, SGR.EditorGroup) in g
    members = set(g.subjects(SGR.memberOfGroup, group))
    assert members == {ns.entity("editor", "C7-ED-NOVA"), ns.entity("editor", "C7-ED-ALIZE")}
    assert list(g.objects(ns.entity("editor", "C7-ED-ORION"), SGR.memberOfGroup)) == []


def test_HER_3_validated_requirements_resolve_in_every_vague_2_rem_of_the_device_type(tmp_path):
    g = import_dossiers([lgc(tmp_path, '["ANN/va1.01", "MDV.01"]')], reference().index)
    ref = ns.referencing("T-VA1")
    assert set(g.objects(ref, SGR.validatedRequirement)) == {
        ns.requirement("REM-LGC-MV-VA2", "ANN/va1.01"),
        ns.requirement("REM-LGC-SF-VA2", "ANN/va1.01"),  # the code is in both LGC vague 2 REMs
        ns.requirement("REM-LGC-MV-VA2", "MDV.01"),
    }
    assert (ref, SGR.declaresValidatedRequirements, Literal(True)) in g


@pytest.mark.parametrize(
    "written_as, expected",
    [
        (None, None),
        ("", None),  # an empty value is the key left out
        ("[]", frozenset()),
        (
            "DOC/va1.02",  # one code alone is a list of one
            frozenset({str(ns.requirement("REM-LGC-MV-VA2", "DOC/va1.02"))}),
        ),
        (
            "[AGD.03, MDV.01]",
            frozenset({str(ns.requirement("REM-LGC-MV-VA2", c)) for c in ("AGD.03", "MDV.01")}),
        ),
    ],
    ids=["absent", "empty-value", "empty-list", "one-code", "listed"],
)
def test_HER_3_validated_requirements_in_the_facts_absent_empty_or_listed(tmp_path, written_as, expected):
    facts = load_facts(load([lgc(tmp_path, written_as)]).store)
    assert facts.referencings[str(ns.referencing("T-VA1"))].validated == expected


def test_HER_3_referencings_without_the_list_keep_validated_none_in_the_demo():
    facts = load_facts(load(demo=True).store)
    assert facts.referencings and all(r.validated is None for r in facts.referencings.values())


# ---- bad values: one located line on stderr, exit 2, nothing written


def import_refused(tmp_path: Path, path: Path) -> str:
    out = tmp_path / "out.ttl"
    result = invoke("import", path, "-o", out, "--lang", "en")
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "old, new, needle, place, message",
    [
        (
            'requirement: "EDC/PSC.103", scenario: "EDC/PSC.103.01", component: C7-CMP-A-LPS, status: validated, '
            "deposited: 2025-08-18",
            'requirement: "EDC/PSC.109", scenario: "EDC/PSC.103.01", component: C7-CMP-A-LPS, status: validated, '
            "deposited: 2025-08-18",
            "EDC/PSC.109",
            "psc_habilitations[0].proofs[2].requirement",
            "unknown requirement 'EDC/PSC.109' for PSC habilitation C7-PSC-A: it is not in REM-EDC-PSC",
        ),
        (
            'scenario: "EDC/PSC.103.01", component: C7-CMP-A-LPS, status: validated, deposited: 2025-08-18',
            'scenario: "EDC/PSC.103.07", component: C7-CMP-A-LPS, status: validated, deposited: 2025-08-18',
            "EDC/PSC.103.07",
            "psc_habilitations[0].proofs[2].scenario",
            "unknown scenario 'EDC/PSC.103.07' for requirement EDC/PSC.103: expected one of EDC/PSC.103.01",
        ),
        (
            'scenario: "EDC/PSC.103.01", component: C7-CMP-A-LPS, status: validated, deposited: 2025-08-18',
            'scenario: "EDC/PSC.103.01", component: C7-CMP-B-LPS, status: validated, deposited: 2025-08-18',
            "component: C7-CMP-B-LPS, status: validated, deposited: 2025-08-18",
            "psc_habilitations[0].proofs[2].component",
            "component 'C7-CMP-B-LPS' is neither the LPS nor the Proxy of habilitation C7-PSC-A: expected one of "
            "C7-CMP-A-LPS, C7-CMP-A-PROXY",
        ),
        (
            "    reuses: [C7-PSC-A]\n",
            "    reuses: [C7-PSC-A, C7-PSC-Z]\n",
            "reuses: [C7-PSC-A, C7-PSC-Z]",
            "psc_habilitations[1].reuses",
            "unknown psc-habilitation 'C7-PSC-Z': no such psc-habilitation is defined in the files imported",
        ),
        (
            "    name: Orion Logiciels\n",
            "    name: Orion Logiciels\n    group: C7-GRP-ORION\n",
            "group: C7-GRP-ORION",
            "editors[2].group",
            "unknown editor-group 'C7-GRP-ORION': no such editor-group is defined in the files imported",
        ),
        (
            "  - id: C7-GRP-NOVA\n    name: Groupe Nova Santé\n",
            "  - id: C7-GRP-NOVA\n",
            "  - id: C7-GRP-NOVA",
            None,
            "missing required field 'editor_groups[0].name'",
        ),
    ],
    ids=[
        "unknown-psc-requirement",
        "unknown-psc-scenario",
        "component-not-the-habilitations",
        "unknown-reused-habilitation",
        "unknown-group",
        "group-without-name",
    ],
)
def test_PSC_2_and_PSC_6_bad_values_are_one_located_line(tmp_path, old, new, needle, place, message):
    path = written(tmp_path, CASE7, old, new)
    line = line_of(path, needle)
    where = f"line {line}, field '{place}'" if place else f"line {line}"
    assert import_refused(tmp_path, path) == f"error: {path}: {where}: {message}\n"


@pytest.mark.parametrize(
    "validated, message",
    [
        (
            "[MDV.01, DUI/va1.02]",
            "unknown validated requirement 'DUI/va1.02': it is in no REM of the vague 2 dispositifs of device type "
            "LGC (REM-LGC-MV-VA2, REM-LGC-SF-VA2)",
        ),
        ("[MDV.01, {code: X}]", "'{'code': 'X'}' is not a non-empty text: expected a list of texts"),
        ('[MDV.01, ""]', "'' is not a non-empty text: expected a list of texts"),
        ("[MDV.01, ~]", "'None' is not a non-empty text: expected a list of texts"),
    ],
    ids=["unknown-requirement", "mapping-item", "empty-item", "null-item"],
)
def test_HER_3_bad_validated_requirements_are_one_located_line(tmp_path, validated, message):
    path = lgc(tmp_path, validated)
    line = line_of(path, "validated_requirements:")
    expected = f"error: {path}: line {line}, field 'referencings[0].validated_requirements': {message}\n"
    assert import_refused(tmp_path, path) == expected
