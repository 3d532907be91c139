"""The bounds on what segur-kg reads, so that a hostile or broken input ends with one clear line
instead of exhausting memory, the stack or the time of the machine.

Each limit is a documented constant (docs/limits.md) that an environment variable overrides, read
when the limit is checked: ``SEGUR_KG_MAX_TABLE_ROWS=200000 segur-kg import-rem big.xlsx ...``.
A reader past a limit raises :class:`~segur_kg.errors.InputError` naming the file, the place and the
limit (its value and its variable).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from segur_kg.errors import InputError
from segur_kg.messages import msg

_WHOLE_NUMBER = re.compile(r"[0-9]{1,15}")


@dataclass(frozen=True)
class Limit:
    """A bound with its default; ``SEGUR_KG_<name>`` overrides it with a positive whole number."""

    name: str
    default: int

    @property
    def variable(self) -> str:
        return f"SEGUR_KG_{self.name}"

    def value(self) -> int:
        text = os.environ.get(self.variable)
        if text is None or text == "":
            return self.default
        if not _WHOLE_NUMBER.fullmatch(text) or int(text) == 0:
            raise InputError(self.variable, "", msg("limits.bad-override", value=text))
        return int(text)


MIB = 1 << 20

# Dossiers (YAML): the file, its aliases (*name) and what they expand to, its nesting, one value.
DOSSIER_BYTES = Limit("MAX_DOSSIER_BYTES", 16 * MIB)
YAML_ALIASES = Limit("MAX_YAML_ALIASES", 100)
YAML_NODES = Limit("MAX_YAML_NODES", 1_000_000)
YAML_DEPTH = Limit("MAX_YAML_DEPTH", 64)
# One literal (a YAML value, a spreadsheet cell, an RDF literal that `import` writes): far below the
# 16 MiB term that the RDF parser reads, so that `import`'s own output is read back.
LITERAL_BYTES = Limit("MAX_LITERAL_BYTES", 1 * MIB)
# RDF files read by rdflib (`import`, `--store rdflib`): brackets nested in Turtle, TriG and
# JSON-LD text, and blank nodes nested in the graph `import` writes.
RDF_NESTING = Limit("MAX_RDF_NESTING", 64)
# Tables (REM spreadsheets, reference tables): the rows read, the cells read, a CSV file's size and
# an xlsx workbook's size once unzipped.
TABLE_ROWS = Limit("MAX_TABLE_ROWS", 50_000)
TABLE_CELLS = Limit("MAX_TABLE_CELLS", 2_000_000)
TABLE_BYTES = Limit("MAX_TABLE_BYTES", 64 * MIB)
# SPARQL query files: their size, and brackets nested, checked before any engine parses them.
QUERY_BYTES = Limit("MAX_QUERY_BYTES", 128 << 10)
QUERY_NESTING = Limit("MAX_QUERY_NESTING", 16)

# Not a segur-kg limit: pyoxigraph's parsers refuse a term (literal, IRI) over this size.
RDF_PARSER_TERM_BYTES = 16 * MIB

ALL = (
    DOSSIER_BYTES,
    YAML_ALIASES,
    YAML_NODES,
    YAML_DEPTH,
    LITERAL_BYTES,
    RDF_NESTING,
    TABLE_ROWS,
    TABLE_CELLS,
    TABLE_BYTES,
    QUERY_BYTES,
    QUERY_NESTING,
)


def utf8_size(text: str) -> int:
    """The bytes ``text`` takes in UTF-8 (a lone surrogate counted as three)."""
    return len(text.encode("utf-8", "surrogatepass"))


def over_literal_limit(text: str) -> int | None:
    """The UTF-8 size of ``text`` when it is over :data:`LITERAL_BYTES`, else None (cheap for short text)."""
    limit = LITERAL_BYTES.value()
    if len(text) * 4 <= limit:  # no character takes more than four bytes
        return None
    size = utf8_size(text)
    return size if size > limit else None


class TooLarge(Exception):
    """A file over its size limit: ``size`` is what it holds, at least (or what was read of it)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_bounded(path, limit: Limit) -> bytes:
    """The bytes of ``path``, or :class:`TooLarge` when they are over ``limit``; no more than the
    limit is read (a file that grows, a pipe or a device is not read whole)."""
    bound = limit.value()
    with open(path, "rb") as handle:
        data = handle.read(bound + 1)
        if len(data) > bound:
            try:
                size = os.fstat(handle.fileno()).st_size
            except OSError:
                size = 0
            raise TooLarge(max(size, len(data)))
    return data


__all__ = [
    "ALL",
    "DOSSIER_BYTES",
    "LITERAL_BYTES",
    "Limit",
    "MIB",
    "QUERY_BYTES",
    "QUERY_NESTING",
    "RDF_NESTING",
    "RDF_PARSER_TERM_BYTES",
    "TABLE_BYTES",
    "TABLE_CELLS",
    "TABLE_ROWS",
    "TooLarge",
    "YAML_ALIASES",
    "YAML_DEPTH",
    "YAML_NODES",
    "over_literal_limit",
    "read_bounded",
    "utf8_size",
]


def read_text(path, limit: Limit, too_large: str) -> str:
    """A UTF-8 file of at most ``limit`` bytes, as text; else one located :class:`InputError`: over the
    limit (message ``too_large``, with the size, the limit and its variable), unreadable, or not UTF-8."""
    try:
        data = read_bounded(path, limit)
    except TooLarge as exc:
        raise InputError(
            path, "", msg(too_large, size=exc.size, limit=limit.value(), variable=limit.variable)
        ) from None
    except OSError as exc:
        raise InputError(path, "", msg("common.cannot-read", reason=exc.strerror)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "", msg("common.not-utf8")) from None
