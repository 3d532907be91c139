"""Hostile spreadsheets (issue 18): a workbook without ``<dimension>`` and with millions of rows, a
row millions of cells wide, a shared string that fills every cell, cells and files too large. The
rows and cells are counted as they stream in; past a limit (docs/limits.md), one line names the
file, the row and the limit, exit 2 and nothing written; at the limit, the table reads."""

from __future__ import annotations

import csv
import io
import zipfile
from itertools import chain
from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.hostile import assert_refused, row_xml, run_bounded, write_raw_xlsx
from helpers.rem import CLEAN, clean_rows
from segur_kg.errors import InputError
from segur_kg.ingest.rem import read_rem
from segur_kg.ingest.tables import read_table

HEADER = clean_rows()[0]


def import_rem(path: Path, out: Path, *extra: str):
    return invoke("import-rem", path, "-o", out, "--device-type", "DUI", "--lang", "en", *extra)


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def unzipped_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(member.file_size for member in archive.infolist())


def test_three_million_rows_without_dimension_are_refused_at_once_by_their_unzipped_size(tmp_path):
    # Before issue 18 this workbook was read for more than 5 minutes.
    rows = (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, 3_000_002))
    path = write_raw_xlsx(tmp_path / "MS-T.xlsx", chain([row_xml(1, HEADER)], rows))
    out = tmp_path / "rem.ttl"
    done = run_bounded("import-rem", path, "-o", out, "--device-type", "DUI", "--lang", "en", timeout=60)
    assert done.returncode == 2, done.stderr[-1500:]
    assert done.stderr.splitlines() == [
        f"error: {path}: {unzipped_size(path)} bytes: over the limit of 67108864 bytes for a table "
        "(SEGUR_KG_MAX_TABLE_BYTES)"
    ]
    assert not out.exists()


def test_three_million_empty_rows_without_dimension_stop_at_the_row_limit(tmp_path):
    # Small once unzipped, so read: the rows are counted as openpyxl streams them, whatever the sheet says.
    rows = (f'<row r="{n}"/>' for n in range(2, 3_000_002))
    path = write_raw_xlsx(tmp_path / "MS-T.xlsx", chain([row_xml(1, HEADER)], rows))
    out = tmp_path / "rem.ttl"
    done = run_bounded("import-rem", path, "-o", out, "--device-type", "DUI", "--lang", "en", timeout=120)
    assert done.returncode == 2, done.stderr[-1500:]
    assert done.stderr.splitlines() == [
        f"error: {path}: row 50001: more than 50000 rows: over the limit (SEGUR_KG_MAX_TABLE_ROWS)"
    ]
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_row_limit_counts_the_header_and_is_overridden(tmp_path, monkeypatch, suffix):
    rows = clean_rows()  # the header and 4 rows
    path = tmp_path / f"MS-T{suffix}"
    if suffix == ".csv":
        path.write_text(csv_text(rows), encoding="utf-8")
    else:
        write_raw_xlsx(path, [row_xml(n, row) for n, row in enumerate(rows, start=1)])
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_ROWS", "5")
    assert read_rem(path, device_type="DUI").rows_read == 4
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_ROWS", "4")
    out = tmp_path / "rem.ttl"
    assert_refused(
        import_rem(path, out), f"error: {path}: row 5: more than 4 rows: over the limit (SEGUR_KG_MAX_TABLE_ROWS)"
    )
    assert not out.exists()


def test_a_row_as_wide_as_a_sheet_counts_its_cells(tmp_path, monkeypatch):
    # One cell in column XFD (16,384): openpyxl gives the whole row, each empty cell included.
    wide = [None] * 16_383 + ["far"]
    path = write_raw_xlsx(tmp_path / "MS-T.xlsx", [row_xml(1, HEADER), row_xml(2, wide), row_xml(3, wide)])
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_CELLS", "20000")
    out = tmp_path / "rem.ttl"
    assert_refused(
        import_rem(path, out),
        f"error: {path}: row 3: more than 20000 cells read: over the limit (SEGUR_KG_MAX_TABLE_CELLS)",
    )
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_CELLS", str(len(HEADER) + 2 * 16_384))
    assert read_rem(path, device_type="DUI").rows_read == 0  # read: cells past the header's columns are ignored


def test_a_cell_over_the_literal_limit_names_its_row_and_column(tmp_path):
    rows = clean_rows()
    rows[2][4] = "x" * ((1 << 20) + 1)  # the Exigence column of row 3
    path = write_raw_xlsx(tmp_path / "MS-T.xlsx", [row_xml(n, row) for n, row in enumerate(rows, start=1)])
    out = tmp_path / "rem.ttl"
    assert_refused(
        import_rem(path, out),
        f"error: {path}: row 3, column Exigence: a cell of 1048577 bytes: over the limit of 1048576 bytes "
        "(SEGUR_KG_MAX_LITERAL_BYTES)",
    )


def test_a_shared_string_filling_every_cell_is_bounded_by_the_text_read(tmp_path, monkeypatch):
    # Written once, read in every cell: 40 cells of 100 kB from a workbook of a few kB.
    rows = [row_xml(1, HEADER), *(row_xml(n, [0] * len(HEADER)) for n in range(2, 4))]
    path = write_raw_xlsx(tmp_path / "MS-T.xlsx", rows, shared_strings=["y" * 100_000])
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_BYTES", "2000000")
    out = tmp_path / "rem.ttl"
    assert_refused(
        import_rem(path, out),
        f"error: {path}: row 3: the cells read hold more than 2000000 bytes of text: over the limit "
        "(SEGUR_KG_MAX_TABLE_BYTES)",
    )
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_BYTES", "4000000")
    assert read_rem(path, device_type="DUI").rows_read == 2


def test_csv_file_size_limit_reads_no_further(tmp_path, monkeypatch):
    size = CLEAN.stat().st_size
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_BYTES", str(size))
    assert read_rem(CLEAN, device_type="DUI").rows_read == 4
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_BYTES", str(size - 1))
    out = tmp_path / "rem.ttl"
    assert_refused(
        import_rem(CLEAN, out),
        f"error: {CLEAN}: {size} bytes: over the limit of {size - 1} bytes for a table (SEGUR_KG_MAX_TABLE_BYTES)",
    )


def test_reference_tables_are_bounded_too(tmp_path, monkeypatch):
    path = tmp_path / "profiles.csv"
    path.write_text("code,label\n" + "".join(f"P{n},Profil {n}\n" for n in range(10)), encoding="utf-8")
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_ROWS", "11")
    assert [row["code"] for row in read_table(path, ["code", "label"])] == [f"P{n}" for n in range(10)]
    monkeypatch.setenv("SEGUR_KG_MAX_TABLE_ROWS", "10")
    with pytest.raises(InputError) as caught:
        list(read_table(path, ["code", "label"]))
    assert str(caught.value) == f"{path}: row 11: more than 10 rows: over the limit (SEGUR_KG_MAX_TABLE_ROWS)"


def test_escape_sequences_in_a_cell_are_escaped_in_the_defect_lines(tmp_path):
    rows = clean_rows()
    rows[1][1] = "\x1b[2J\x1b[31mDMP/UX.12"  # an ID that clears the screen, then turns it red
    path = tmp_path / "MS-T.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    result = import_rem(path, tmp_path / "rem.ttl")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert result.stderr.splitlines()[:2] == [
        f"{path}: layout read: Convergence",
        f"{path}: row 2, column 'ID': malformed requirement ID '\\x1b[2J\\x1b[31mDMP/UX.12' "
        "(expected SECTION[/BLOC].NN): requirement imported as written",
    ]
