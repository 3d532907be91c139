"""The REM importer on the Convergence layout (csv, xlsx, ; + BOM), its defects, and its fatal input errors.

Project input: small Convergence-layout fixtures under tests/fixtures/rem/.
"""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from helpers.rem import (
    CLEAN,
    DEFECTS,
    MS_DEF_DEFECTS,
    check_clean_graph,
    clean_rows,
    write_xlsx,
    xlsx_of_clean,
)
from segur_kg.errors import Defect, InputError
from segur_kg.i18n import set_language
from segur_kg.ingest.rem import read_rem
from segur_kg.namespaces import SGR, profile, requirement, scenario


# ---------------------------------------------------------------------------------------------
# Convergence layout: csv, xlsx, ; + BOM
# ---------------------------------------------------------------------------------------------
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
    path = write_xlsx(tmp_path / "export.xlsx", clean_rows(), sheet="Feuil1", first=None)
    result = read_rem(path, rem="MS-T", device_type="DUI")
    check_clean_graph(result.graph)


def test_convergence_semicolon_and_bom(tmp_path):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(clean_rows())
    path = tmp_path / "MS-T.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    result = read_rem(path, device_type="DUI")
    assert result.defects == []
    check_clean_graph(result.graph)


def test_convergence_headers_match_without_case_or_accents(tmp_path):
    rows = clean_rows()
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
    rows = [row[:14] for row in clean_rows()]
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
    rows = clean_rows()
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
    header = clean_rows()[0]
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
    dup = ",".join([*clean_rows()[0], "ID"])
    path.write_text(dup + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rem(path, device_type="DUI", lang="en")
    assert info.value.message == "duplicate column 'ID'"


def test_form_errors_of_a_table_name_the_spreadsheet_row(tmp_path):
    header = ",".join(clean_rows()[0])
    two_lines = '"a\nb"' + "," * 15  # row 2 spans lines 2-3 of the file
    huge = '"' + "x" * 200_000 + '"' + "," * 15
    path = tmp_path / "R.csv"
    path.write_text(f"{header}\n{two_lines}\n{huge}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rem(path, device_type="DUI", lang="en")
    assert info.value.place == "row 3"
    assert info.value.message.startswith("unreadable CSV (field larger than field limit")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(InputError) as info:
        read_rem(folder, lang="en")
    assert (info.value.place, info.value.message) == ("", "not a file")
    blank_header = tmp_path / "blank.csv"
    blank_header.write_text(" , \n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rem(blank_header, lang="en")
    assert info.value.message == "empty file: a header row is expected"
