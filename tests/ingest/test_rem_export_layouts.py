"""The REM importer on the ANS's three export layouts (14, 11 and 41 columns), each sample row checked by value.

Input: ../shared/reference-data/ans-export-layouts/, read in place (skipped when absent).
"""

from __future__ import annotations

import pytest
from rdflib import Literal

from helpers.paths import SHARED
from segur_kg.ingest.rem import read_rem
from segur_kg.namespaces import SGR, requirement, scenario, socle

LAYOUTS = SHARED / "reference-data" / "ans-export-layouts"
pytestmark = pytest.mark.skipif(not LAYOUTS.is_dir(), reason=f"shared export layouts not found at {LAYOUTS}")
CDA_TEXT = (
    "Le système vérifie au moment de la récupération du document que le numéro de document unique ne figure pas "
    "déjà dans le système. S'il existe déjà dans la même version, le système ne DOIT pas intégrer"
)


def _read(name: str):
    return read_rem(LAYOUTS / name, rem="SAMPLE", device_type="DPI", lang="en")


def test_the_14_column_export():
    result = _read("convergence-export-14-columns.xlsx")
    assert result.layout == "convergence" and result.defects == []
    (row,) = result.rows
    assert (row.requirement_id, row.scenario_id, row.proof_id, row.vague1, row.criticality, row.order) == (
        "MSS/CDA.01",
        "MSS/CDA.01.01",
        "MSS/CDA.01.01.01",
        True,
        "Mineure",
        1,
    )
    sc = scenario("SAMPLE", "MSS/CDA.01", "MSS/CDA.01.01")
    assert set(result.graph.objects(sc, SGR.expectedProofId)) == {Literal("MSS/CDA.01.01.01")}


def test_the_older_11_column_export():
    result = _read("convergence-export-11-columns-older.xlsx")
    assert result.layout == "convergence-11"
    (row,) = result.rows
    assert (row.requirement_id, row.profile, row.scenario_id, row.proof_id, row.publication_status, row.vague1) == (
        "PSC.03",
        "Général",
        "INS.01.01",
        "INS.01.01",
        "Inchangée",
        False,  # no Périmètre column: no vague 1 mark
    )
    # The sample's scenario is not its requirement's ID + .NN: reported, the requirement imported without it.
    assert [(d.kind, d.row, d.field) for d in result.defects] == [("scenario_malformed", 2, "N° scénario")]
    assert (requirement("SAMPLE", "PSC.03"), SGR.inVague1Perimeter, Literal(False)) in result.graph


def test_the_41_column_prepublication_report():
    result = _read("segur-rapport-prepublication-41-columns.xlsx")
    assert result.layout == "prepublication"
    (row,) = result.rows
    assert (row.requirement_id, row.scenario_id, row.proof_id, row.va1_id, row.socle_id, row.nature) == (
        "MSS/CDA.01",
        "MSS/CDA.01.01",
        "MSS/CDA.01.01.01",
        "test",
        "MSS/CDA.01",
        "EXIGENCE",
    )
    assert row.vague1 and row.criticality == "Mineure" and row.order == 1
    assert row.extra_proofs == tuple(("", CDA_TEXT) for _ in range(2, 11))  # proofs 2..10: a text, no number
    assert [(d.kind, d.row, d.field) for d in result.defects] == [
        ("extra_proof_missing", 2, f"N° preuve {k}") for k in range(2, 11)
    ]
    g = result.graph
    req = requirement("SAMPLE", "MSS/CDA.01")
    assert (req, SGR.va1RequirementId, Literal("test")) in g
    assert (req, SGR.socleRequirement, socle("SC.MSS/CDA.01")) in g  # the socle's own ID is SC.<ID>
    assert (req, SGR.nature, Literal("Obligatoire")) in g  # EXIGENCE: the Squash category CRI
    assert (req, SGR.inVague1Perimeter, Literal(True)) in g
    sc = scenario("SAMPLE", "MSS/CDA.01", "MSS/CDA.01.01")
    assert set(g.objects(sc, SGR.expectedProofId)) == {Literal("MSS/CDA.01.01.01")}


def test_several_numbered_proofs_of_one_prepublication_row(tmp_path):
    import openpyxl

    source = openpyxl.load_workbook(LAYOUTS / "segur-rapport-prepublication-41-columns.xlsx")
    sheet = source["Exigences"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("N° preuve 2") + 1, "MSS/CDA.01.01.02")
    sheet.cell(2, header.index("N° preuve 3") + 1, "MSS/CDA.01.02.01")  # another scenario's number
    for k in range(4, 11):
        sheet.cell(2, header.index(f"Preuve {k}") + 1).value = None
    path = tmp_path / "prepub.xlsx"
    source.save(path)
    result = read_rem(path, rem="SAMPLE", device_type="DPI", lang="en")
    assert [(d.kind, d.field) for d in result.defects] == [("proof_malformed", "N° preuve 3")]
    sc = scenario("SAMPLE", "MSS/CDA.01", "MSS/CDA.01.01")
    assert set(result.graph.objects(sc, SGR.expectedProofId)) == {
        Literal("MSS/CDA.01.01.01"),
        Literal("MSS/CDA.01.01.02"),
    }


def test_an_11_column_header_less_one_column_is_still_that_layout(tmp_path):
    import openpyxl

    source = openpyxl.load_workbook(LAYOUTS / "convergence-export-11-columns-older.xlsx")
    source["Exigences"].delete_cols(11)  # Statut publication
    path = tmp_path / "old.xlsx"
    source.save(path)
    with pytest.raises(Exception) as caught:
        read_rem(path, rem="SAMPLE", device_type="DPI", lang="en")
    assert str(caught.value).endswith(
        "missing column(s) for the older Convergence (11-column) layout: Statut publication"
    )
