"""User-facing errors: one line naming the file, the place and what was expected.

A user's mistake (bad YAML, Turtle or spreadsheet, unknown ID, impossible date or version) raises
:class:`InputError`; the CLI prints ``str(error)`` on one line and exits with code 2, having written
nothing. Anything else is a bug and may show a traceback.

What a user wrote reaches messages as it is (a key, a cell, an identifier); :func:`printable` is
the one place where a message becomes safe to print on a terminal, on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that must not reach a terminal as they are: controls (C0, DEL, C1: escape sequences,
# bells, carriage returns, line breaks), lone surrogates (not encodable), line and paragraph
# separators, and the bidirectional controls that reorder what is displayed.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` with every character that could act on a terminal written as an escape (ESC as
    ``\x1b``, a line break as ``\x0a``, a right-to-left override as ``\u202e``): one inert line."""
    return _UNPRINTABLE.sub(_escape, text)


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
