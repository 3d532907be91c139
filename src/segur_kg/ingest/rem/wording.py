"""How the REM importer words its messages: catalogue entries ``ingest.rem.*``, each on one line, and its places.

A defect or an error of ``segur-kg import-rem`` is one line of stderr, so a cell written on two lines
does not split its message. Messages are French unless the language asked for is English.
"""

from __future__ import annotations

import csv
from pathlib import Path

from segur_kg.errors import InputError
from segur_kg.messages import text


def rem_text(key: str, lang: str, /, **values: object) -> str:
    """The message ``ingest.rem.<key>`` in ``lang`` (``en``, else French), its white space runs made single spaces."""
    return " ".join(text(f"ingest.rem.{key}", "en" if lang == "en" else "fr", **values).split())


def place(lang: str, row: int, sheet: str | None) -> str:
    """Where a spreadsheet row is: ``row 3``, ``row 1 (header)``, with the worksheet of a workbook."""
    if sheet is None:
        return rem_text("header", lang) if row == 1 else rem_text("row", lang, row=row)
    if row == 1:
        return rem_text("sheet_header", lang, sheet=sheet)
    return rem_text("sheet_row", lang, sheet=sheet, row=row)


class FormWording:
    """The REM importer's wording of a file's form problems, for :mod:`segur_kg.ingest.tables`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def cannot_read(self, path: Path, error: OSError) -> InputError:
        return InputError(path, "", rem_text("unreadable", self.lang, error=error.strerror or error))

    def not_utf8(self, path: Path, data: bytes, offset: int) -> InputError:
        line = data[:offset].count(b"\n") + 1
        return InputError(path, rem_text("byte", self.lang, line=line, byte=offset), rem_text("not_utf8", self.lang))

    def cell_count(self, path: Path, row: int, count: int, expected: int) -> InputError:
        return InputError(
            path, place(self.lang, row, None), rem_text("cell_count", self.lang, count=count, expected=expected)
        )

    def malformed(self, path: Path, row: int, line: int, error: csv.Error) -> InputError:
        return InputError(path, rem_text("row", self.lang, row=row), rem_text("csv_error", self.lang, error=error))

    def corrupt_workbook(self, path: Path, error: Exception) -> InputError:
        detail = f"{type(error).__name__}: {error}"
        return InputError(path, "", rem_text("xlsx_corrupt", self.lang, error=detail))

    def no_worksheet(self, path: Path) -> InputError:
        return InputError(path, "", rem_text("xlsx_no_sheet", self.lang))
