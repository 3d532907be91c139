"""The REM importer on the ANS draft layout: the ANS vague 2 REM drafts in ../shared (read in place, never copied)."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from helpers.rem import VA1, VA2, defect_at, kinds, needs_shared
from segur_kg.errors import InputError
from segur_kg.ingest.rem import RemImport, RemRow, read_rem
from segur_kg.namespaces import SGR, entity, profile, requirement, scenario, socle


@pytest.fixture(scope="module")
def va2() -> RemImport:
    return read_rem(VA2, lang="en")


@pytest.fixture(scope="module")
def va1() -> RemImport:
    return read_rem(VA1, lang="en")


# ---------------------------------------------------------------------------------------------
# ANS draft layout: rem_va2_requirements.csv
# ---------------------------------------------------------------------------------------------
# The expected numbers below are facts of the fixed input file. They were computed once, outside
# the project code, by a throw-away script using only `csv.DictReader` and `re`: count rows;
# group rows by (rem, requirement_id) for distinct requirements; drop a row whose non-empty
# (rem, requirement_id, scenario_id) was already seen (duplicate); count requirements with any
# non-empty socle_id; classify each kept row: no scenario_id / scenario_id not
# re.escape(requirement_id)+r"\.\d{2,3}" / proof_id empty or TBD / proof_id not
# re.escape(scenario_id)+r"\.\d{2,3}"; count requirement IDs not matching
# ^[A-Z][A-Z0-9-]*(/[A-Za-z0-9-]+)*\.\d{2,3}$ and requirements whose rows all have an empty section.
VA2_REQUIREMENTS_PER_REM = {"BIO": 223, "DB": 465, "DPI": 212, "LGC": 269, "PFI": 108, "RIS": 243}
VA2_DEFECTS_BY_KIND = {
    "scenario_missing": 633,
    "proof_malformed": 78,
    "scenario_malformed": 48,
    "proof_missing": 21,
    "requirement_id_malformed": 12,
    "chapter_missing": 2,
    "duplicate_scenario": 1,
}


@needs_shared
def test_va2_reads_every_row_and_counts_requirements_per_rem(va2):
    assert va2.layout == "ans"
    assert va2.rows_read == 1712
    assert len(va2.rows) == 1711  # the one duplicate (rem, requirement, scenario) row is skipped
    assert va2.requirements_per_rem == VA2_REQUIREMENTS_PER_REM
    requirements = set(va2.graph.subjects(RDF.type, SGR.Requirement))
    assert len(requirements) == sum(VA2_REQUIREMENTS_PER_REM.values()) == 1520
    # 1,030 well-formed, non-duplicate scenarios (same independent script).
    assert len(set(va2.graph.subjects(RDF.type, SGR.Scenario))) == 1030
    assert {str(o) for o in va2.graph.objects(None, RDF.type)} >= {str(SGR.REM), str(SGR.Chapter)}
    assert set(va2.graph.subjects(RDF.type, SGR.REM)) == {entity("rem", c) for c in VA2_REQUIREMENTS_PER_REM}


@needs_shared
def test_va2_first_row_is_parsed_field_by_field(va2):
    assert va2.rows[0] == RemRow(
        row=2,
        rem="BIO",
        requirement_id="APCV.01",
        chapter="APCV",
        function="Intégration addendum Sesame Vitale",
        text="",
        profile="Général",
        scenario_id="APCV.01.01",
        proof_id="APCV.01.01.01",
        vague1=False,
        socle_id="SC.APCV.01",
        component_type="",
        criticality="",
        nature="",
        order=None,
        va1_id="",
        decision="Approuvée",
        device_type="SGL",
    )


@needs_shared
def test_va2_socle_links(va2):
    g = va2.graph
    linked = set(g.subjects(SGR.socleRequirement, None))
    assert len(linked) == 1138  # requirements with a non-empty socle_id (independent script)
    socles = set(g.subjects(RDF.type, SGR.SocleRequirement))
    assert len(socles) == 260  # distinct socle_id values
    bio = requirement("BIO", "APCV.01")
    assert list(g.objects(bio, SGR.socleRequirement)) == [socle("SC.APCV.01")]
    assert (socle("SC.APCV.01"), DCTERMS.identifier, Literal("SC.APCV.01")) in g
    # Two REMs deriving from one socle requirement share its node: the basis of equivalence.
    assert (requirement("LGC", "APCV.01"), SGR.socleRequirement, socle("SC.APCV.01")) in g
    # LGC DMP/ALI/PROG.01: first row without socle, later rows with it -> linked, no conflict.
    assert list(g.objects(requirement("LGC", "DMP/ALI/PROG.01"), SGR.socleRequirement)) == [socle("SC.DMP/ALI/PROG.01")]


@needs_shared
def test_va2_device_types_and_profiles(va2):
    g = va2.graph
    assert (requirement("BIO", "APCV.01"), SGR.profile, profile("SGL", "Général")) in g
    db_profiles = {o for s in g.subjects(SGR.inREM, entity("rem", "DB")) for o in g.objects(s, SGR.profile)}
    assert profile("DRIMBOX", "DRIMbox Proxy") in db_profiles
    node = profile("DRIMBOX", "DRIMbox Proxy")
    assert (node, RDF.type, SGR.Profile) in g
    assert (node, SGR.profileCode, Literal("DRIMbox Proxy")) in g
    assert (node, SKOS.prefLabel, Literal("DRIMbox Proxy")) in g
    assert not list(g.subjects(SGR.inVague1Perimeter, Literal(True)))  # no /va1. and no va1_id in this file


@needs_shared
def test_va2_known_defects_at_their_rows(va2):
    d = defect_at(va2, "requirement_id_malformed", 163)
    assert d.field == "requirement_id" and "ORDN/CONF.01p" in d.message
    d = defect_at(va2, "scenario_malformed", 16)  # scenario 08.01 of CDA/INT.08
    assert d.field == "scenario_id" and "'08.01'" in d.message and "CDA/INT.08" in d.message
    d = defect_at(va2, "scenario_malformed", 36)  # scenario equal to the requirement ID
    assert "'DMP/HISTO.03'" in d.message
    d = defect_at(va2, "scenario_missing", 11)  # BIO CDA/INT.03, no scenario
    assert "CDA/INT.03" in d.message
    d = defect_at(va2, "duplicate_scenario", 44)
    assert "DMP/HISTO.07.01" in d.message and "43" in d.message
    d = defect_at(va2, "proof_malformed", 10)  # scenario CDA/INT.02.02 expecting CDA/INT.02.01.01
    assert "CDA/INT.02.01.01" in d.message
    d = defect_at(va2, "proof_missing", 13)
    assert d.field == "proof_id" and "CDA/INT.05.01" in d.message
    assert [d.row for d in va2.defects if d.kind == "requirement_id_malformed"] == [
        163,
        575,
        579,
        580,
        581,
        582,
        583,
        584,
        585,
        586,
        1130,
        1303,
    ]
    assert [(d.row, d.field) for d in va2.defects if d.kind == "chapter_missing"] == [
        (258, "section"),
        (259, "section"),
    ]
    assert all(d.file == str(VA2) for d in va2.defects)


@needs_shared
def test_va2_defect_counts_by_kind(va2):
    assert kinds(va2) == VA2_DEFECTS_BY_KIND
    assert len(va2.defects) == 795
    rows = [d.row for d in va2.defects]
    assert rows == sorted(rows)  # reported in file order


@needs_shared
def test_va2_defective_rows_still_import_what_they_can(va2):
    g = va2.graph
    bad = requirement("BIO", "ORDN/CONF.01p")  # malformed ID: kept under its ID, for the analyst
    assert (bad, RDF.type, SGR.Requirement) in g
    assert (bad, DCTERMS.identifier, Literal("ORDN/CONF.01p")) in g
    assert not list(g.objects(bad, SGR.hasScenario))  # its scenario (= its ID) is dropped
    cda08 = requirement("BIO", "CDA/INT.08")  # bad scenario 08.01: requirement without it
    assert (cda08, RDF.type, SGR.Requirement) in g and not list(g.objects(cda08, SGR.hasScenario))
    sc = scenario("BIO", "CDA/INT.02", "CDA/INT.02.02")  # malformed proof: scenario without proof
    assert (requirement("BIO", "CDA/INT.02"), SGR.hasScenario, sc) in g
    assert not list(g.objects(sc, SGR.expectedProofId))
    ok = scenario("BIO", "APCV.01", "APCV.01.01")
    assert list(g.objects(ok, SGR.expectedProofId)) == [Literal("APCV.01.01.01")]
    # Duplicate row 44 (profile 'Environnement hospitalier') is skipped: row 43's profile stays.
    assert list(g.objects(requirement("BIO", "DMP/HISTO.07"), SGR.profile)) == [profile("SGL", "Général")]


@needs_shared
def test_va2_rem_option_selects_one_rem():
    result = read_rem(VA2, rem="PFI")
    assert result.rows_read == 1712
    assert len(result.rows) == 134  # `grep -c ^PFI,` on the file (no PFI duplicate)
    assert result.requirements_per_rem == {"PFI": 108}
    assert {r.rem for r in result.rows} == {"PFI"}
    with pytest.raises(InputError) as info:
        read_rem(VA2, rem="DUI", lang="en")
    assert "no row of REM 'DUI'" in str(info.value) and "BIO, DB, DPI, LGC, PFI, RIS" in str(info.value)


# ---------------------------------------------------------------------------------------------
# ANS draft layout: rem_va1_carryover.csv
# ---------------------------------------------------------------------------------------------
@needs_shared
def test_va1_carryover(va1):
    g = va1.graph
    assert va1.rows_read == 570
    assert len(va1.rows) == 569  # RIS MSS/va1.31 row 557 repeats scenario MSS/va1.31.01 of row 537
    # Distinct requirements per REM (independent script, as for the vague 2 file).
    assert va1.requirements_per_rem == {"BIO": 137, "DPI": 51, "LGC": 127, "PFI": 26, "RIS": 115}
    flags = dict(g.subject_objects(SGR.inVague1Perimeter))
    assert len(flags) == 456
    # Every requirement has /va1. in its ID or a va1_id, except LGC MSS.02 (row 355): neither, so
    # it is not marked (the rule is the ID or the va1_id, not the file it sits in).
    false = {s for s, o in flags.items() if o == Literal(False)}
    assert false == {requirement("LGC", "MSS.02")}
    assert all(o.datatype == XSD.boolean for o in flags.values())
    assert list(g.objects(requirement("BIO", "ANN/va1.01"), SGR.va1RequirementId)) == [Literal("ANN.01")]
    assert (requirement("BIO", "ANN/va1.01"), SGR.inVague1Perimeter, Literal(True)) in g
    # DPI ANN/va1.05 has no va1_id: in the perimeter by its ID, without a vague 1 ID.
    assert (requirement("DPI", "ANN/va1.05"), SGR.inVague1Perimeter, Literal(True)) in g
    assert not list(g.objects(requirement("DPI", "ANN/va1.05"), SGR.va1RequirementId))
    assert len(set(g.subjects(SGR.va1RequirementId, None))) == 454
    assert all(r.vague1 for r in va1.rows if r.requirement_id != "MSS.02")


@needs_shared
def test_va1_carryover_defects(va1):
    assert kinds(va1) == {
        "scenario_missing": 36,
        "scenario_malformed": 30,
        "proof_malformed": 6,
        "requirement_id_malformed": 5,
        "conflict": 2,
        "duplicate_scenario": 1,
    }
    assert [d.row for d in va1.defects if d.kind == "requirement_id_malformed"] == [8, 172, 243, 392, 393]
    # RIS MSS/va1.30: row 553 says profile Général and va1 ID MSS.16, row 562 something else.
    conflicts = sorted((d.row, d.field) for d in va1.defects if d.kind == "conflict")
    assert conflicts == [(562, "profile"), (562, "va1_id")]
    node = requirement("RIS", "MSS/va1.30")
    assert list(va1.graph.objects(node, SGR.va1RequirementId)) == [Literal("MSS.16")]
    assert list(va1.graph.objects(node, SGR.profile)) == [profile("RIS", "Général")]
