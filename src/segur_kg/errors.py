"""User-facing errors: one line naming the file, the place and what was expected.

A user's mistake (bad YAML, Turtle or spreadsheet, unknown ID, impossible date or version) raises
:class:`InputError`; the CLI prints ``str(error)`` on one line and exits with code 2, having written
nothing. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """A problem in the user's input, located as precisely as the format allows."""

    file: str | Path
    place: str  # "line 12", "row 7", "line 3, field 'date'"... or "" when the whole file is at fault
    message: str  # what is wrong and what was expected

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}: {self.place}" if self.place else f"{self.file}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Defect:
    """A non-fatal defect found while reading a table (a draft's malformed ID, a row without scenario).

    Readers report defects instead of crashing; the CLI shows them and ``--strict`` turns them into
    an error.
    """

    file: str
    row: int  # 1-based spreadsheet row, the header being row 1
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, field '{self.field}': {self.message}"
