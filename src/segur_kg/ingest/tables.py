"""Reading CSV tables with located errors (file, row, field)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from segur_kg.errors import InputError
from segur_kg.i18n import tr


@dataclass
class Row:
    """One data row; ``number`` is the spreadsheet row (the header is row 1)."""

    file: Path
    number: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def error(self, column: str, message: str) -> InputError:
        return InputError(
            self.file, tr(f"ligne {self.number}, champ '{column}'", f"row {self.number}, field '{column}'"), message
        )

    def date(self, column: str, required: bool = True) -> date | None:
        text = self[column]
        if not text:
            if required:
                raise self.error(
                    column, tr("date AAAA-MM-JJ attendue, rien trouvé", "expected a date YYYY-MM-DD, found nothing")
                )
            return None
        return parse_date(text, lambda msg: self.error(column, msg))

    def boolean(self, column: str) -> bool:
        text = self[column].lower()
        if text in ("true", "1", "oui", "yes"):
            return True
        if text in ("false", "0", "non", "no", ""):
            return False
        raise self.error(
            column,
            tr(f"true ou false attendu, '{self[column]}' trouvé", f"expected true or false, found '{self[column]}'"),
        )

    def integer(self, column: str) -> int:
        try:
            return int(self[column])
        except ValueError:
            raise self.error(
                column,
                tr(
                    f"nombre entier attendu, '{self[column]}' trouvé",
                    f"expected a whole number, found '{self[column]}'",
                ),
            ) from None


def parse_date(text: str, error) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise error(
            tr(
                f"'{text}' n'est pas une date réelle : AAAA-MM-JJ attendu (ex. 2026-06-30)",
                f"'{text}' is not a real date: expected YYYY-MM-DD (e.g. 2026-06-30)",
            )
        ) from None


def read_table(path: Path, required: list[str]) -> Iterator[Row]:
    """Rows of a UTF-8 CSV file whose header has at least the ``required`` columns."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(
            path, "", tr(f"lecture impossible ({exc.strerror})", f"cannot read the file ({exc.strerror})")
        ) from None
    with handle:
        try:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError(
                    path,
                    tr("ligne 1", "row 1"),
                    tr(
                        f"table vide : en-tête attendu {','.join(required)}",
                        f"empty table: expected the header {','.join(required)}",
                    ),
                )
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            if missing:
                raise InputError(
                    path,
                    tr("ligne 1", "row 1"),
                    tr(
                        f"colonne(s) absente(s) {', '.join(missing)} : attendu {','.join(required)}",
                        f"missing column(s) {', '.join(missing)}: expected {','.join(required)}",
                    ),
                )
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(header):
                    raise InputError(
                        path,
                        tr(f"ligne {number}", f"row {number}"),
                        tr(
                            f"{len(header)} cellules attendues, {len(cells)} trouvées",
                            f"expected {len(header)} cells, found {len(cells)}",
                        ),
                    )
                yield Row(path, number, dict(zip(header, cells)))
        except UnicodeDecodeError:
            raise InputError(
                path,
                "",
                tr(
                    "pas du texte UTF-8 : enregistrez la table en CSV UTF-8",
                    "not UTF-8 text: save the table as CSV UTF-8",
                ),
            ) from None
        except csv.Error as exc:
            raise InputError(
                path,
                tr(f"ligne {reader.line_num}", f"row {reader.line_num}"),
                tr(f"CSV mal formé ({exc})", f"malformed CSV ({exc})"),
            ) from None
