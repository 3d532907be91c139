"""Shared by the REM importer's tests: where the inputs are, the Convergence fixtures, and checks of a result."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from helpers.paths import FIXTURES as FIXTURES_DIR
from helpers.paths import SHARED as SHARED_DIR
from segur_kg.errors import Defect
from segur_kg.ingest.rem import RemImport
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


def kinds(result: RemImport) -> dict[str, int]:
    return result.defects_by_kind()


def defect_at(result: RemImport, kind: str, row: int) -> Defect:
    found = [d for d in result.defects if getattr(d, "kind", None) == kind and d.row == row]
    assert len(found) == 1, f"expected one {kind} defect at row {row}, got {found}"
    return found[0]


def clean_rows() -> list[list[str]]:
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
    for i, row in enumerate(clean_rows()):
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
