"""Import a REM table (requirements, scenarios, proofs) into RDF: ``segur-kg import-rem`` and the reference REMs.

A table is a .csv or .xlsx file in one of the Convergence layouts (14 columns, the older 11, the
41-column pre-publication report) or the ANS draft layout, or a Squash TM export workbook, recognised
from its header. Fatal problems raise :class:`~segur_kg.errors.InputError`; every other problem is a
:class:`RemDefect` and the import goes on. The layouts, their columns and the defects are described
in ``docs/rem-layouts.md``.
"""

from __future__ import annotations

from pathlib import Path

from segur_kg.errors import InputError, printable
from segur_kg.i18n import language
from segur_kg.ingest.rem.builder import Builder
from segur_kg.ingest.rem.layouts import (
    ANS,
    ANS_COLUMNS,
    ANS_DEVICE_TYPES,
    ANS_OPTIONAL_COLUMNS,
    CODE,
    CONVERGENCE_COLUMNS,
    CONVERGENCE_OPTIONAL_COLUMNS,
    FIELDS,
    ONE_REM_LAYOUTS,
    SQUASH,
    detect_layout,
)
from segur_kg.ingest.rem.model import RemDefect, RemImport, RemRow
from segur_kg.ingest.rem.source import read_source
from segur_kg.ingest.rem.squash import SquashImport, read_squash, summarise_squash
from segur_kg.ingest.rem.wording import rem_text

__all__ = [
    "ANS_DEVICE_TYPES",
    "CONVERGENCE_COLUMNS",
    "CONVERGENCE_OPTIONAL_COLUMNS",
    "ANS_COLUMNS",
    "ANS_OPTIONAL_COLUMNS",
    "RemDefect",
    "RemImport",
    "RemRow",
    "SquashImport",
    "read_rem",
    "summarise",
]


def _check_code(path: Path, value: str, key: str, lang: str) -> None:
    if not CODE.fullmatch(value):
        # rem_text makes white space single spaces: the value's own line breaks are shown escaped.
        raise InputError(path, "", rem_text(key, lang, value=printable(value)))


def read_rem(
    path: Path | str,
    *,
    rem: str | None = None,
    device_type: str | None = None,
    lang: str | None = None,
) -> RemImport | SquashImport:
    """Read a REM table (a Convergence or ANS draft layout, .csv or .xlsx) or a Squash TM export into RDF.

    ``rem`` names the REM of a Convergence table (default: the file stem) or the one REM to import
    from an ANS draft file; ``device_type`` is the device type of the REM's profiles (required for
    the Convergence layout). Messages are in ``lang`` (``fr`` or ``en``), by default the language
    the CLI set (:func:`segur_kg.i18n.language`, French unless ``--lang en``). A Squash TM export gives a
    :class:`SquashImport` (its catalogues name their REMs: ``rem`` and ``device_type`` do not apply).
    """
    if lang is None:
        lang = language()
    path = Path(path)
    sheet = read_source(path, lang)
    layout = detect_layout(path, sheet, lang)
    if layout.name == SQUASH:
        if rem is not None or device_type is not None:
            raise InputError(path, "", rem_text("squash_options", lang))
        return read_squash(path, sheet, layout, lang)
    if device_type is not None:
        _check_code(path, device_type, "bad_device_type", lang)
    if layout.name in ONE_REM_LAYOUTS:
        if rem is None:
            rem = path.stem
        _check_code(path, rem, "bad_rem_code", lang)
        if device_type is None:
            raise InputError(path, "", rem_text("device_type_required", lang))
    elif rem is not None:
        _check_code(path, rem, "bad_rem_code", lang)

    builder = Builder(path, layout, lang)
    rows_read = 0
    present: list[str] = []  # the REMs of an ANS draft file, in file order
    for row in sheet.rows:
        rows_read += 1
        get = dict.fromkeys(FIELDS, "")
        for field, column in layout.columns.items():
            get[field] = row[column]
        if layout.name == ANS:
            code = get["rem"]
            if code and code not in present:
                present.append(code)
            if rem is not None and code != rem:
                continue
            if not code:
                builder.defect("rem_missing", row.number, "rem")
                continue
            row_device_type = device_type or ANS_DEVICE_TYPES.get(code)
            if row_device_type is None:
                builder.defect("rem_unknown", row.number, "rem", value=code, known=", ".join(ANS_DEVICE_TYPES))
                continue
            builder.add(row.number, code, row_device_type, get)
        else:
            assert rem is not None and device_type is not None
            builder.add(row.number, rem, device_type, get)

    if layout.name == ANS and rem is not None and rem not in present:
        raise InputError(path, "", rem_text("rem_not_in_file", lang, rem=rem, present=", ".join(present) or "-"))
    if layout.name in ONE_REM_LAYOUTS and rem not in builder.rems:
        builder.rems.append(rem)  # type: ignore[arg-type]

    per_rem: dict[str, int] = dict.fromkeys(builder.rems, 0)
    for rem_code, _ in builder.requirements:
        per_rem[rem_code] += 1
    return RemImport(
        graph=builder.graph(),
        rows=builder.rows,
        defects=builder.defects,
        requirements_per_rem=per_rem,
        rows_read=rows_read,
        layout=layout.name,
    )


def summarise(result: RemImport | SquashImport, file: str, lang: str = "fr") -> list[str]:
    """The CLI's stderr lines: one per defect, then the summary, each printable as it is (a cell's
    control characters, an escape sequence among them, escaped: :func:`segur_kg.errors.printable`)."""
    if isinstance(result, SquashImport):
        return [printable(line) for line in summarise_squash(result, file, lang)]
    lines = [
        rem_text("defect_line", lang, file=d.file, row=d.row, field=d.field, message=d.message) for d in result.defects
    ]
    per_rem = ", ".join(f"{code} {count}" for code, count in result.requirements_per_rem.items())
    lines.append(
        rem_text(
            "summary",
            lang,
            file=file,
            rows_read=result.rows_read,
            rows_kept=len(result.rows),
            per_rem=per_rem or rem_text("none", lang),
            defects=len(result.defects),
        )
    )
    kinds = result.defects_by_kind()
    if kinds:
        by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        lines.append(rem_text("summary_kinds", lang, kinds=by_kind))
    return [printable(line) for line in lines]
