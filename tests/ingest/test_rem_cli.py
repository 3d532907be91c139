"""`segur-kg import-rem`: what it writes, what it reports on stderr, and how it fails."""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from typer.testing import CliRunner

from helpers.rem import CLEAN, DEFECTS, MS_DEF_DEFECTS, SHARED, VA2, check_clean_graph, clean_rows, write_xlsx
from segur_kg.cli import app
from segur_kg.ingest.rem import read_rem
from segur_kg.namespaces import SGR, requirement, socle

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["import-rem", *args])


def test_cli_writes_turtle_and_reports(tmp_path):
    out = tmp_path / "rem.ttl"
    result = run(str(DEFECTS), "-o", str(out), "--device-type", "DUI", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    layout_line, *lines = result.stderr.splitlines()
    assert layout_line == f"{DEFECTS}: layout read: Convergence"
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
        f"{CLEAN} : disposition lue : Convergence",
        f"{CLEAN} : 4 ligne(s) lue(s), 4 importée(s) ; exigences par REM : MS-T 3 ; 0 anomalie(s)",
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
    header = clean_rows()[0]
    cases: dict[str, tuple[Path, list[str], str]] = {}

    missing = tmp_path / "missing-col.csv"
    with missing.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(row[:6] + row[7:] for row in clean_rows())  # no 'Profil'
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
    rows = clean_rows()
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
