"""Which files the REM importer reads (.csv, .xlsx), read through :mod:`segur_kg.ingest.tables`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from segur_kg.errors import InputError
from segur_kg.ingest.rem.wording import FormWording, rem_text
from segur_kg.ingest.tables import Sheet, read_csv, read_workbook

SHEET = "Exigences"  # the worksheet read from a workbook that has one of this name (else its first)


def read_source(path: Path, lang: str) -> Sheet:
    """The table of a REM file, every row read: a malformed row is reported before the header is looked at."""
    if not path.exists():
        raise InputError(path, "", rem_text("not_found", lang))
    if not path.is_file():
        raise InputError(path, "", rem_text("not_file", lang))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sheet = read_csv(path, FormWording(lang), delimiter=None)
    elif suffix == ".xlsx":
        sheet = read_workbook(path, FormWording(lang), preferred_sheet=SHEET)
    else:
        raise InputError(path, "", rem_text("bad_extension", lang, suffix=path.suffix))
    sheet = replace(sheet, rows=list(sheet.rows))
    if sheet.header is None or not any(sheet.header):
        raise InputError(path, "", rem_text("empty", lang))
    return sheet
