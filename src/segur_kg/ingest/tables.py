"""The one reader of tables: a CSV or xlsx file -> its header and its rows, located by file, sheet and row.

Both kinds of table the package reads come through here: the reference tables (:func:`read_table`)
and the REM importer's spreadsheets (:func:`read_csv`, :func:`read_workbook`). Rows are numbered as
in a spreadsheet (the header is row 1) and rows of blank cells are skipped. Each caller words the
problems of a file's form in its own terms, through a :class:`CsvWording` or :class:`WorkbookWording`.

A table is read within the bounds of :mod:`segur_kg.limits` (docs/limits.md): the file's size (a
workbook's once unzipped), the rows and the cells read, counted as they stream in (a workbook's
``<dimension>`` may be missing or lie), and the size of one cell.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from segur_kg import limits
from segur_kg.errors import InputError
from segur_kg.messages import msg

# The one date form accepted, in ASCII digits: date.fromisoformat also takes 20260630 and 2026-W27-2.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class Row:
    """One data row; ``number`` is the spreadsheet row (the header is row 1), ``values`` the cells as written."""

    file: Path
    number: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def error(self, column: str, message: str) -> InputError:
        return InputError(self.file, msg("ingest.place.row-field", row=self.number, field=column), message)

    def date(self, column: str, required: bool = True) -> date | None:
        text = self[column]
        if not text:
            if required:
                raise self.error(column, msg("ingest.tables.date-missing"))
            return None
        return parse_date(text, lambda message: self.error(column, message))

    def boolean(self, column: str) -> bool:
        text = self[column].lower()
        if text in ("true", "1", "oui", "yes"):
            return True
        if text in ("false", "0", "non", "no", ""):
            return False
        raise self.error(column, msg("ingest.value.not-a-boolean", value=self[column]))

    def integer(self, column: str) -> int:
        try:
            return int(self[column])
        except ValueError:
            raise self.error(column, msg("ingest.tables.not-an-integer", value=self[column])) from None


def parse_date(text: str, error: Callable[[str], Exception]) -> date:
    """The date ``text`` (YYYY-MM-DD, a day that exists), or ``error(message)`` raised: the caller
    says where the text was."""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise error(msg("ingest.value.not-a-date", text=text)) from None


class _Budget:
    """What a table may still bring, checked as its rows come: rows, cells, the text of its cells
    in total (a workbook's shared string, written once, may fill every cell) and the size of one cell."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows, self.cells = limits.TABLE_ROWS.value(), limits.TABLE_CELLS.value()
        self.text, self.cell_bytes = limits.TABLE_BYTES.value(), limits.LITERAL_BYTES.value()
        self.cells_read = self.text_read = 0

    def row(self, number: int, cells: Iterable[str], header: list[str] | None) -> None:
        """Row ``number`` (the header is row 1) is read, with its ``cells``."""
        where = msg("ingest.place.row", row=number)
        if number > self.rows:
            variable = limits.TABLE_ROWS.variable
            raise InputError(self.path, where, msg("ingest.tables.too-many-rows", limit=self.rows, variable=variable))
        for index, cell in enumerate(cells):
            self.cells_read += 1
            if self.cells_read > self.cells:
                variable = limits.TABLE_CELLS.variable
                message = msg("ingest.tables.too-many-cells", limit=self.cells, variable=variable)
                raise InputError(self.path, where, message)
            size = len(cell) if cell.isascii() else limits.utf8_size(cell)
            self.text_read += size
            if size > self.cell_bytes:
                column = header[index] if header and index < len(header) and header[index] else index + 1
                variable = limits.LITERAL_BYTES.variable
                raise InputError(
                    self.path,
                    msg("ingest.place.row-column", row=number, column=column),
                    msg("ingest.tables.cell-too-large", size=size, limit=self.cell_bytes, variable=variable),
                )
            if self.text_read > self.text:
                variable = limits.TABLE_BYTES.variable
                raise InputError(
                    self.path, where, msg("ingest.tables.text-too-large", limit=self.text, variable=variable)
                )


def _too_large(path: Path, size: int) -> InputError:
    limit = limits.TABLE_BYTES
    return InputError(
        path, "", msg("ingest.tables.file-too-large", size=size, limit=limit.value(), variable=limit.variable)
    )


class CsvWording(Protocol):
    """How a reader of CSV files words the problems of a file's form, each as a located :class:`InputError`."""

    def cannot_read(self, path: Path, error: OSError) -> InputError: ...

    def not_utf8(self, path: Path, data: bytes, offset: int) -> InputError:
        """``data[offset]`` is the first byte that is not UTF-8."""
        ...

    def cell_count(self, path: Path, row: int, count: int, expected: int) -> InputError: ...

    def malformed(self, path: Path, row: int, line: int, error: csv.Error) -> InputError:
        """The CSV parser failed on spreadsheet ``row``, at physical ``line`` (they differ after a multi-line cell)."""
        ...


class WorkbookWording(CsvWording, Protocol):
    """How a reader of xlsx workbooks words the problems of a workbook, besides those of a CSV file."""

    def corrupt_workbook(self, path: Path, error: Exception) -> InputError: ...

    def no_worksheet(self, path: Path) -> InputError: ...


@dataclass
class Sheet:
    """A table as read: its header (names stripped; ``None`` when the file has no row) and its data rows."""

    file: Path
    header: list[str] | None
    rows: Iterable[Row]  # a CSV file's rows are read as they are asked for
    name: str | None = None  # the worksheet read, for a workbook


def read_csv(path: Path, wording: CsvWording, delimiter: str | None = ",") -> Sheet:
    """A UTF-8 CSV file (with or without BOM); ``delimiter=None`` takes the header line's most frequent of , ; tab."""
    try:
        data = limits.read_bounded(path, limits.TABLE_BYTES)
    except limits.TooLarge as exc:
        raise _too_large(path, exc.size) from None
    except OSError as exc:
        raise wording.cannot_read(path, exc) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise wording.not_utf8(path, data, exc.start) from None
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        counts = {d: first_line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    budget = _Budget(path)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise wording.malformed(path, 1, reader.line_num, exc) from None
    if header is None:
        return Sheet(path, None, [])
    budget.row(1, header, None)
    header = [name.strip() for name in header]
    return Sheet(path, header, _csv_rows(path, reader, header, wording, budget))


def _csv_rows(path: Path, reader, header: list[str], wording: CsvWording, budget: _Budget) -> Iterator[Row]:
    number = 1  # rows read so far, the header included
    try:
        for cells in reader:
            number += 1
            budget.row(number, cells, header)
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise wording.cell_count(path, number, len(cells), len(header))
            yield Row(path, number, dict(zip(header, cells, strict=True)))
    except csv.Error as exc:
        raise wording.malformed(path, number + 1, reader.line_num, exc) from None


def read_workbook(path: Path, wording: WorkbookWording, preferred_sheet: str | Sequence[str]) -> Sheet:
    """The first of the sheets ``preferred_sheet`` names that an xlsx workbook has, else its first sheet; formulas
    give their cached value.

    Cells beyond the header's last named column are ignored; a whole number stored as a float reads as an integer.
    """
    import openpyxl  # imported here: only workbooks need it

    try:
        with path.open("rb"):  # a file the user cannot read is told apart from a corrupt workbook
            pass
    except OSError as exc:
        raise wording.cannot_read(path, exc) from None
    _check_unzipped_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML and value errors on bad input
        raise wording.corrupt_workbook(path, exc) from None
    budget = _Budget(path)
    try:
        if not workbook.worksheets:
            raise wording.no_worksheet(path)
        preferred = [preferred_sheet] if isinstance(preferred_sheet, str) else list(preferred_sheet)
        present = [name for name in preferred if name in workbook.sheetnames]
        sheet = workbook[present[0]] if present else workbook.worksheets[0]
        raw = []
        try:
            # Streamed (read-only): rows and cells are counted as they come, whatever <dimension> says.
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell(value) for value in values]
                budget.row(number, cells, raw[0] if raw else None)
                raw.append(cells)
        except InputError:
            raise
        except Exception as exc:  # malformed sheet XML surfaces while iterating
            raise wording.corrupt_workbook(path, exc) from None
    finally:
        workbook.close()
    if not raw:
        return Sheet(path, None, [], sheet.title)
    header = list(raw[0])
    while header and not header[-1]:
        header.pop()
    width = len(header)
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        cells = (cells + [""] * width)[:width]
        if any(cells):
            rows.append(Row(path, number, dict(zip(header, cells, strict=True))))
    return Sheet(path, header, rows, sheet.title)


def _check_unzipped_size(path: Path) -> None:
    """A workbook is a zip archive: what its members take once unzipped (as the archive declares it,
    which unzipping holds them to) is bounded like a CSV file, before openpyxl unzips anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip archive: openpyxl says what is wrong with it
    if size > limits.TABLE_BYTES.value():
        raise _too_large(path, size)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _ReferenceTableWording:
    """The reference tables' wording of a CSV file's problems (in the current language)."""

    def cannot_read(self, path: Path, error: OSError) -> InputError:
        return InputError(path, "", msg("common.cannot-read", reason=error.strerror))

    def not_utf8(self, path: Path, data: bytes, offset: int) -> InputError:
        return InputError(path, "", msg("ingest.tables.not-utf8"))

    def cell_count(self, path: Path, row: int, count: int, expected: int) -> InputError:
        return InputError(
            path, msg("ingest.place.row", row=row), msg("ingest.tables.cell-count", expected=expected, count=count)
        )

    def malformed(self, path: Path, row: int, line: int, error: csv.Error) -> InputError:
        return InputError(path, msg("ingest.place.row", row=line), msg("ingest.tables.malformed-csv", error=error))


def read_table(path: Path, required: list[str]) -> Iterator[Row]:
    """Rows of a UTF-8 CSV file (``,`` delimiter) whose header has at least the ``required`` columns."""
    sheet = read_csv(path, _ReferenceTableWording())
    expected = ",".join(required)
    if sheet.header is None:
        raise InputError(path, msg("ingest.place.row", row=1), msg("ingest.tables.empty", header=expected))
    missing = [column for column in required if column not in sheet.header]
    if missing:
        raise InputError(
            path,
            msg("ingest.place.row", row=1),
            msg("ingest.tables.missing-columns", missing=", ".join(missing), header=expected),
        )
    yield from sheet.rows
