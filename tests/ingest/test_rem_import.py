"""The REM importer (`segur_kg.rem_import`) and `segur-kg import-rem`.

Real input: the ANS vague 2 REM drafts in ../shared (read in place, never copied into the project).
Project input: small Convergence-layout fixtures under tests/fixtures/rem/.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
import rdflib
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from typer.testing import CliRunner

from helpers.paths import FIXTURES as FIXTURES_DIR
from helpers.paths import SHARED as SHARED_DIR
from segur_kg.cli import app
from segur_kg.errors import Defect, InputError
from segur_kg.i18n import set_language
from segur_kg.ingest.rem import RemImport, RemRow, read_rem
from segur_kg.namespaces import SGR, chapter, entity, profile, requirement, scenario, socle

SHARED = SHARED_DIR / "reference-data" / "ans-rem-drafts-2023"
VA2 = SHARED / "rem_va2_requirements.csv"
VA1 = SHARED / "rem_va1_carryover.csv"
FIXTURES = FIXTURES_DIR / "rem"
CLEAN = FIXTURES / "MS-T.csv"  # Convergence layout, REM MS-T, no defect
DEFECTS = FIXTURES / "MS-DEF.csv"  # Convergence layout, one defect of each Convergence kind

needs_shared = pytest.mark.skipif(
    not VA2.is_file() or not VA1.is_file(),
    reason=f"shared ANS REM drafts not found at {SHARED} (they are read in place, not bundled)",
)


@pytest.fixture(scope="module")
def va2() -> RemImport:
    return read_rem(VA2, lang="en")


@pytest.fixture(scope="module")
def va1() -> RemImport:
    return read_rem(VA1, lang="en")


def kinds(result: RemImport) -> dict[str, int]:
    return result.defects_by_kind()


def defect_at(result: RemImport, kind: str, row: int) -> Defect:
    found = [d for d in result.defects if getattr(d, "kind", None) == kind and d.row == row]
    assert len(found) == 1, f"expected one {kind} defect at row {row}, got {found}"
    return found[0]


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
    flags = {s: o for s, o in g.subject_objects(SGR.inVague1Perimeter)}
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


# ---------------------------------------------------------------------------------------------
# Convergence layout: csv, xlsx, ; + BOM
# ---------------------------------------------------------------------------------------------
def _clean_rows() -> list[list[str]]:
    with CLEAN.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Exigences", first: str | None = "Notes") -> Path:
    workbook = openpyxl.Workbook()
    if first:
        workbook.active.title = first
        workbook.active["A1"] = "a sheet before Exigences, to be ignored"
        target = workbook.create_sheet(sheet)
    else:
        target = workbook.active
        target.title = sheet
    for row in rows:
        target.append(row)
    workbook.save(path)
    return path


def xlsx_of_clean(tmp_path: Path) -> Path:
    rows: list[list[object]] = []
    for i, row in enumerate(_clean_rows()):
        if i:  # Ordre as a number, as Excel stores it
            row = [*row[:13], int(row[13]), *row[14:]]
        rows.append(row)
    rows[1] = [*rows[1], "a note beyond the last column: ignored"]
    rows.append([None] * 16 + ["a note on an otherwise empty row: not a row"])
    rows.append([None] * 16)  # a trailing empty row
    return write_xlsx(tmp_path / "MS-T.xlsx", rows)


def check_clean_graph(g: rdflib.Graph, rem: str = "MS-T") -> None:
    rem_node = entity("rem", rem)
    dmp = requirement(rem, "DMP/UX.12")
    agenda = requirement(rem, "AGENDA/RDV.03")
    psc = requirement(rem, "PSC.06")
    assert set(g.subjects(RDF.type, SGR.Requirement)) == {dmp, agenda, psc}
    assert (rem_node, RDF.type, SGR.REM) in g and (rem_node, DCTERMS.identifier, Literal(rem)) in g
    # Vague 1 row, two scenarios, socle, criticality, order (typed), text in French.
    expected = {
        (RDF.type, SGR.Requirement),
        (DCTERMS.identifier, Literal("DMP/UX.12")),
        (SGR.inREM, rem_node),
        (SGR.chapter, chapter(rem, "DMP")),
        (SGR.profile, profile("DUI", "PA")),
        (SGR.inVague1Perimeter, Literal(True)),
        (SGR.socleRequirement, socle("SC.DMP/UX.12")),
        (DCTERMS.description, Literal("Le LPS alimente le DMP, sans double saisie.", lang="fr")),
        (SGR.criticality, Literal("Majeure")),
        (SGR.order, Literal(1)),
        (SGR.hasScenario, scenario(rem, "DMP/UX.12", "DMP/UX.12.01")),
        (SGR.hasScenario, scenario(rem, "DMP/UX.12", "DMP/UX.12.02")),
    }
    assert set(g.predicate_objects(dmp)) == expected
    assert next(g.objects(dmp, SGR.order)).datatype == XSD.integer
    assert next(g.objects(dmp, SGR.inVague1Perimeter)).datatype == XSD.boolean
    sc2 = scenario(rem, "DMP/UX.12", "DMP/UX.12.02")
    assert set(g.predicate_objects(sc2)) == {
        (RDF.type, SGR.Scenario),
        (DCTERMS.identifier, Literal("DMP/UX.12.02")),
        (SGR.expectedProofId, Literal("DMP/UX.12.02.01")),
        (DCTERMS.description, Literal("Remplacer un document", lang="fr")),
    }
    # Additional component, not vague 1.
    assert (agenda, SGR.componentType, entity("component-type", "AGENDA")) in g
    assert (agenda, SGR.inVague1Perimeter, Literal(False)) in g
    assert not list(g.objects(agenda, SGR.socleRequirement))
    assert (psc, SGR.criticality, Literal("Critique")) in g and (psc, SGR.order, Literal(3)) in g
    assert not list(g.objects(psc, SGR.componentType))
    # Chapters, profiles, socles.
    ch = chapter(rem, "DMP")
    assert set(g.predicate_objects(ch)) == {
        (RDF.type, SGR.Chapter),
        (SGR.inREM, rem_node),
        (DCTERMS.identifier, Literal("DMP")),
        (RDFS.label, Literal("DMP")),
    }
    assert set(g.subjects(RDF.type, SGR.Profile)) == {profile("DUI", c) for c in ("PA", "PH", "PDE")}
    assert (profile("DUI", "PH"), SGR.profileCode, Literal("PH")) in g
    assert set(g.subjects(RDF.type, SGR.SocleRequirement)) == {socle("SC.DMP/UX.12"), socle("SC.PSC.06")}
    # The same through SPARQL: requirements of the vague 1 perimeter with their scenario count.
    rows = list(
        g.query(
            """SELECT ?id (COUNT(?sc) AS ?n) WHERE {
                 ?r a sgr:Requirement ; sgr:inVague1Perimeter true ; dcterms:identifier ?id ; sgr:hasScenario ?sc
               } GROUP BY ?id""",
            initNs={"sgr": SGR, "dcterms": DCTERMS},
        )
    )
    assert [(str(r[0]), int(r[1])) for r in rows] == [("DMP/UX.12", 2)]


def test_convergence_csv():
    result = read_rem(CLEAN, device_type="DUI")
    assert result.layout == "convergence"
    assert result.defects == []
    assert result.rows_read == 4 and len(result.rows) == 4
    assert result.requirements_per_rem == {"MS-T": 3}  # REM code from the file stem
    assert result.rows[0].vague1 is True and result.rows[2].vague1 is False
    assert result.rows[3].profile == "PDE" and result.rows[3].order == 3
    check_clean_graph(result.graph)


def test_convergence_xlsx_equals_csv(tmp_path):
    path = xlsx_of_clean(tmp_path)
    from_xlsx = read_rem(path, device_type="DUI")
    assert from_xlsx.defects == []
    assert [r.row for r in from_xlsx.rows] == [2, 3, 4, 5]
    check_clean_graph(from_xlsx.graph)
    assert isomorphic(from_xlsx.graph, read_rem(CLEAN, device_type="DUI").graph)


def test_convergence_xlsx_first_sheet_and_rem_option(tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", _clean_rows(), sheet="Feuil1", first=None)
    result = read_rem(path, rem="MS-T", device_type="DUI")
    check_clean_graph(result.graph)


def test_convergence_semicolon_and_bom(tmp_path):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(_clean_rows())
    path = tmp_path / "MS-T.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    result = read_rem(path, device_type="DUI")
    assert result.defects == []
    check_clean_graph(result.graph)


def test_convergence_headers_match_without_case_or_accents(tmp_path):
    rows = _clean_rows()
    rows[0] = [
        "PERIMETRE",
        " id ",
        "chapitre",
        "Fonction",
        "exigence",
        "Commentaire",
        "Profil",
        "Nº scenario",
        "Scénario de conformité",
        "N° Preuve",
        "Preuve",
        "Profil historique",
        "Criticite",
        "Ordre",
        "Socle",
        "Composant",
    ]
    path = tmp_path / "MS-T.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    check_clean_graph(read_rem(path, device_type="DUI").graph)


def test_convergence_without_socle_and_component_columns(tmp_path):
    rows = [row[:14] for row in _clean_rows()]
    path = tmp_path / "MS-T.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = read_rem(path, device_type="DUI")
    assert result.defects == []
    assert not list(result.graph.subjects(SGR.socleRequirement, None))
    assert not list(result.graph.subjects(SGR.componentType, None))
    assert len(set(result.graph.subjects(RDF.type, SGR.Requirement))) == 3


def test_convergence_needs_device_type_and_a_code():
    with pytest.raises(InputError) as info:
        read_rem(CLEAN, lang="en")
    assert info.value.file == CLEAN and "--device-type" in info.value.message
    with pytest.raises(InputError) as info:
        read_rem(CLEAN, rem="ms t", device_type="DUI", lang="en")
    assert "'ms t' is not a code" in info.value.message
    with pytest.raises(InputError):
        read_rem(CLEAN, device_type="dui")


# The defects fixture: (kind, row, column) of each defect, rows counted as in a spreadsheet
# (row 3 holds a two-line quoted cell and is still row 3).
MS_DEF_DEFECTS = [
    ("requirement_id_malformed", 3, "ID"),
    ("scenario_malformed", 3, "N° scénario"),
    ("scenario_malformed", 4, "N° scénario"),
    ("scenario_missing", 5, "N° scénario"),
    ("proof_missing", 6, "N° preuve"),  # TBD
    ("proof_malformed", 7, "N° preuve"),
    ("profile_missing", 8, "Profil"),
    ("duplicate_scenario", 9, "N° scénario"),
    ("socle_malformed", 10, "Socle"),
    ("criticality_unknown", 10, "Criticité"),
    ("order_malformed", 10, "Ordre"),
    ("component_malformed", 10, "Composant"),
    ("perimeter_unknown", 11, "Périmètre"),
    ("conflict", 12, "Profil"),
    ("requirement_id_missing", 13, "ID"),
]


def test_convergence_defects():
    result = read_rem(DEFECTS, device_type="DUI", lang="en")
    assert [(d.kind, d.row, d.field) for d in result.defects] == MS_DEF_DEFECTS
    assert all(isinstance(d, Defect) and d.file == str(DEFECTS) for d in result.defects)
    assert result.rows_read == 12  # the all-empty row 14 is not a row
    assert [r.row for r in result.rows] == [2, 3, 4, 5, 6, 7, 8, 10, 11, 12]  # 9 duplicate, 13 no ID
    assert result.requirements_per_rem == {"MS-DEF": 9}
    g = result.graph
    rem = "MS-DEF"
    bad = requirement(rem, "ORDN/CONF.01p")
    assert (bad, RDF.type, SGR.Requirement) in g and not list(g.objects(bad, SGR.hasScenario))
    assert (bad, DCTERMS.description, Literal("Texte\nsur deux lignes", lang="fr")) in g
    assert not list(g.objects(requirement(rem, "CDA/INT.09"), SGR.hasScenario))
    tbd = scenario(rem, "CDA/INT.10", "CDA/INT.10.01")
    assert (requirement(rem, "CDA/INT.10"), SGR.hasScenario, tbd) in g
    assert not list(g.objects(tbd, SGR.expectedProofId))
    assert not list(g.objects(requirement(rem, "CDA/INT.12"), SGR.profile))
    odd = requirement(rem, "CDA/INT.13")
    for prop in (SGR.socleRequirement, SGR.criticality, SGR.order, SGR.componentType):
        assert not list(g.objects(odd, prop))
    assert (odd, SGR.profile, profile("DUI", "PA")) in g
    assert (requirement(rem, "CDA/INT.14"), SGR.inVague1Perimeter, Literal(False)) in g
    first = requirement(rem, "DMP/UX.01")
    assert list(g.objects(first, SGR.profile)) == [profile("DUI", "PA")]  # first value kept
    assert set(g.objects(first, SGR.hasScenario)) == {
        scenario(rem, "DMP/UX.01", "DMP/UX.01.01"),
        scenario(rem, "DMP/UX.01", "DMP/UX.01.02"),
    }


def test_perimeter_disagreement_between_rows_is_a_conflict(tmp_path):
    rows = _clean_rows()
    rows[2][0] = ""  # DMP/UX.12: row 2 says Vague 1, row 3 now says nothing
    rows[4][0] = "vague  1"  # PSC.06: case and spaces do not matter
    path = tmp_path / "MS-T.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = read_rem(path, device_type="DUI", lang="en")
    assert [(d.kind, d.row, d.field) for d in result.defects] == [("conflict", 3, "Périmètre")]
    assert "value '' contradicts 'Vague 1' (row 2)" in result.defects[0].message
    g = result.graph
    assert (requirement("MS-T", "DMP/UX.12"), SGR.inVague1Perimeter, Literal(True)) in g
    assert (requirement("MS-T", "PSC.06"), SGR.inVague1Perimeter, Literal(True)) in g
    assert len(list(g.objects(requirement("MS-T", "DMP/UX.12"), SGR.inVague1Perimeter))) == 1


def test_defect_messages_follow_the_cli_language():
    try:
        set_language("fr")  # the default of the CLI
        result = read_rem(DEFECTS, device_type="DUI")
        assert result.defects[0].message.startswith("identifiant d'exigence mal formé 'ORDN/CONF.01p'")
        assert "\n" not in "".join(d.message for d in result.defects)
        set_language("en")
        assert read_rem(DEFECTS, device_type="DUI").defects[0].message.startswith("malformed requirement ID")
        assert read_rem(DEFECTS, device_type="DUI", lang="fr").defects[0].message.startswith("identifiant")
    finally:
        set_language("fr")


def test_two_thousand_rows_import_without_defects(tmp_path):
    header = _clean_rows()[0]
    path = tmp_path / "BIG.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(1000):
            req = f"CH{i % 20}/B.{i:03d}"
            for s in (1, 2):
                writer.writerow(
                    [
                        "Vague 1" if i % 3 == 0 else "",
                        req,
                        f"CH{i % 20}",
                        "F",
                        "Texte",
                        "",
                        "PA",
                        f"{req}.{s:02d}",
                        "S",
                        f"{req}.{s:02d}.01",
                        "P",
                        "",
                        "Mineure",
                        i,
                        f"SC.{req}",
                        "",
                    ]
                )
    result = read_rem(path, device_type="DUI")
    assert result.defects == [] and result.rows_read == 2000
    assert result.requirements_per_rem == {"BIG": 1000}
    assert len(set(result.graph.subjects(RDF.type, SGR.Scenario))) == 2000


# ---------------------------------------------------------------------------------------------
# Fatal input errors (API)
# ---------------------------------------------------------------------------------------------
def test_input_errors_name_file_and_place(tmp_path):
    path = tmp_path / "R.csv"
    path.write_text("Périmètre,ID,Chapitre\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rem(path, device_type="DUI", lang="en")
    assert info.value.place == "row 1 (header)"
    assert "Fonction, Exigence, Commentaire, Profil" in info.value.message
    path.write_bytes("rem,requirement_id\n".encode("latin-1") + "é".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_rem(path, lang="en")
    assert info.value.place == "line 2 (byte 19)" and "UTF-8" in info.value.message
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rem(path, lang="en")
    assert "empty file" in info.value.message
    dup = ",".join([*_clean_rows()[0], "ID"])
    path.write_text(dup + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rem(path, device_type="DUI", lang="en")
    assert info.value.message == "duplicate column 'ID'"


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["import-rem", *args])


def test_cli_writes_turtle_and_reports(tmp_path):
    out = tmp_path / "rem.ttl"
    result = run(str(DEFECTS), "-o", str(out), "--device-type", "DUI", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(MS_DEF_DEFECTS) + 3  # defects, summary, by kind, written
    assert lines[0] == (
        f"{DEFECTS}: row 3, column 'ID': malformed requirement ID 'ORDN/CONF.01p' "
        "(expected SECTION[/BLOC].NN): requirement imported as written"
    )
    assert lines[len(MS_DEF_DEFECTS)] == (
        f"{DEFECTS}: 12 row(s) read, 10 imported; requirements per REM: MS-DEF 9; 15 defect(s)"
    )
    assert result.stdout == ""
    written = rdflib.Graph().parse(out, format="turtle")
    assert isomorphic(written, read_rem(DEFECTS, device_type="DUI").graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rem.ttl"]  # no temporary file left


def test_cli_stdout_and_french_summary():
    result = run(str(CLEAN), "--device-type", "DUI")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{CLEAN} : 4 ligne(s) lue(s), 4 importée(s) ; exigences par REM : MS-T 3 ; 0 anomalie(s)"
    ]
    check_clean_graph(rdflib.Graph().parse(data=result.stdout, format="turtle"))


def test_cli_strict_with_defects_writes_nothing(tmp_path):
    out = tmp_path / "rem.ttl"
    result = run(str(DEFECTS), "-o", str(out), "--device-type", "DUI", "--strict")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "mode strict : 15 anomalie(s), rien n'a été écrit"
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
    # Strict and clean: written.
    result = run(str(CLEAN), "-o", str(out), "--device-type", "DUI", "--strict")
    assert result.exit_code == 0 and out.is_file()


def test_cli_failure_keeps_an_existing_output(tmp_path):
    out = tmp_path / "rem.ttl"
    out.write_text("previous", encoding="utf-8")
    result = run(str(DEFECTS), "-o", str(out), "--device-type", "DUI", "--strict")
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["rem.ttl"]


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, list[str], str]]:
    """name -> (file, extra CLI args, expected place in the message)."""
    header = _clean_rows()[0]
    cases: dict[str, tuple[Path, list[str], str]] = {}

    missing = tmp_path / "missing-col.csv"
    with missing.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(row[:6] + row[7:] for row in _clean_rows())  # no 'Profil'
    cases["missing column"] = (
        missing,
        ["--device-type", "DUI"],
        "row 1 (header): missing column(s) for the Convergence layout: Profil",
    )

    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 this is not a workbook")
    cases["corrupt xlsx"] = (corrupt, ["--device-type", "DUI"], "unreadable or corrupt .xlsx workbook")

    not_workbook = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(not_workbook, "w") as archive:
        archive.writestr("hello.txt", "a zip, not a workbook")
    cases["zip not xlsx"] = (not_workbook, ["--device-type", "DUI"], "unreadable or corrupt .xlsx workbook")

    cells = tmp_path / "cells.csv"
    rows = _clean_rows()
    rows[2] = rows[2][:-3]
    with cells.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    cases["wrong cell count"] = (cells, ["--device-type", "DUI"], "row 3: 13 cell(s) instead of 16")

    unknown = tmp_path / "unknown.csv"
    unknown.write_text("name,value\na,1\n", encoding="utf-8")
    cases["unknown layout"] = (
        unknown,
        [],
        "row 1 (header): unknown header: expected the Convergence layout (Périmètre | ID",
    )

    ans_missing = tmp_path / "ans.csv"
    ans_missing.write_text("rem,requirement_id,profile,section,scenario_id,proof_id\n", encoding="utf-8")
    cases["ANS missing columns"] = (
        ans_missing,
        [],
        "missing column(s) for the ANS draft layout: socle_id, bloc, fonction, decision",
    )

    xlsx_missing = write_xlsx(tmp_path / "bad.xlsx", [header[:5], ["", "A.01", "A", "F", "T"]])
    cases["xlsx missing column"] = (
        xlsx_missing,
        ["--device-type", "DUI"],
        "sheet 'Exigences', row 1 (header): missing column(s)",
    )

    cases["not found"] = (tmp_path / "nope.csv", [], "nope.csv: file not found")

    text = tmp_path / "rem.txt"
    text.write_text("x", encoding="utf-8")
    cases["bad extension"] = (text, [], "unsupported format '.txt'")

    no_device = tmp_path / "MS-T.csv"
    no_device.write_bytes(CLEAN.read_bytes())
    cases["no device type"] = (no_device, [], "needs the REM's device type")
    return cases


def test_cli_bad_inputs_exit_2_one_line_nothing_written(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    outdir = tmp_path / "out"
    outdir.mkdir()
    for name, (path, extra, expected) in _bad_inputs(inputs).items():
        out = outdir / "rem.ttl"
        result = run(str(path), "-o", str(out), "--lang", "en", *extra)
        assert result.exit_code == 2, (name, result.stderr, result.exception)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith(f"error: {path}: "), (name, lines[0])
        assert expected in lines[0], (name, lines[0])
        assert result.stdout == ""
        assert list(outdir.iterdir()) == [], name


def test_cli_unwritable_output_is_one_line(tmp_path):
    out = tmp_path / "no-such-dir" / "rem.ttl"
    result = run(str(CLEAN), "-o", str(out), "--device-type", "DUI", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"error: {out}: cannot write (No such file or directory)"
    assert not out.parent.exists()


def test_cli_ans_drafts_with_rem_option(tmp_path):
    if not VA2.is_file():
        pytest.skip(f"shared ANS REM drafts not found at {SHARED}")
    out = tmp_path / "bio.ttl"
    result = run(str(VA2), "--rem", "BIO", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert f"{VA2}: 1712 row(s) read, 255 imported; requirements per REM: BIO 223;" in result.stderr
    g = rdflib.Graph().parse(out, format="turtle")
    assert len(set(g.subjects(RDF.type, SGR.Requirement))) == 223
    assert (requirement("BIO", "APCV.01"), SGR.socleRequirement, socle("SC.APCV.01")) in g
    assert os.listdir(tmp_path) == ["bio.ttl"]
