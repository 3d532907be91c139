"""Shared by the hostile-input tests and the fuzz suite: what a refusal looks like, and inputs built
the way an attacker builds them (a workbook without <dimension>, streamed row by row)."""

from __future__ import annotations

import os
import resource
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import segur_kg
from helpers.cli import command
from helpers.paths import FIXTURES

MINIMAL = FIXTURES / "dossiers" / "minimal.yaml"


def assert_refused(result, line: str) -> None:
    """Exit 2 with exactly ``line`` on stderr (one line, no traceback) and nothing on stdout."""
    assert result.exit_code == 2, (result.exit_code, result.stdout[-500:], result.stderr[-2000:])
    assert result.stderr.splitlines() == [line], result.stderr[-2000:]
    assert result.stdout == ""


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def run_bounded(*args: object, memory_gb: int = 4, timeout: float = 120, env: dict[str, str] | None = None):
    """The ``segur-kg`` executable in a process of its own, its address space and time bounded: an
    input that crashes the interpreter (a stack overflow in pyoxigraph) or exhausts the machine fails
    the test instead of the test run. Returns the completed process; a timeout raises."""
    limit = memory_gb << 30

    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    package_home = str(Path(segur_kg.__file__).resolve().parents[1])  # this checkout's package, not an installed one
    environment = {**os.environ, "PYTHONPATH": package_home, "SEGUR_KG_HUGE_PAGES": "0", **(env or {})}
    return subprocess.run(
        command(*(str(a) for a in args)),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=bound,
        env=environment,
    )


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Exigences" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def row_xml(number: int, cells: Iterable[str | int | None]) -> str:
    """One ``<row>``: a text is an inline string, a number the index of a shared string, None no cell."""
    parts = [f'<row r="{number}">']
    for index, value in enumerate(cells):
        ref = f"{_column(index)}{number}"
        if isinstance(value, int):
            parts.append(f'<c r="{ref}" t="s"><v>{value}</v></c>')
        elif value is not None:
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
    parts.append("</row>")
    return "".join(parts)


def write_raw_xlsx(path: Path, rows_xml: Iterable[str], shared_strings: Iterable[str] = ()) -> Path:
    """A workbook whose one sheet, "Exigences", has no ``<dimension>``: its rows streamed as given,
    its shared strings those given (that cells name by index)."""
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared_strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            chunk: list[str] = []
            for row in rows_xml:
                chunk.append(row)
                if len(chunk) >= 10_000:
                    sheet.write("".join(chunk).encode("utf-8"))
                    chunk = []
            sheet.write("".join(chunk).encode("utf-8"))
            sheet.write(b"</sheetData></worksheet>")
    return path
