"""Solution versions with an order that SPARQL and SHACL can compare (ASC-1, ASC-3).

A version is a dotted number of at most four parts. Its *key* is a fixed-width string (each part
zero-padded to six digits, missing parts as zeros), so string order is version order: 2.10 > 2.9,
and 5.2 == 5.2.0. The key is stored as ``sgr:versionKey`` beside the written ``sgr:versionString``.
"""

from __future__ import annotations

import re

from segur_kg.messages import msg

MAX_PARTS = 4
PART_WIDTH = 6
# ASCII digits, the whole text: no space or line break around it (a version is written as it is
# compared), no other script's digits (which int() would read).
_VERSION = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}")


class VersionError(ValueError):
    """The text is not a version of the accepted form."""


def version_key(text: str) -> str:
    """The sortable key of a version: ``'2.10'`` -> ``'000002.000010.000000.000000'``."""
    if not _VERSION.fullmatch(text):
        raise VersionError(msg("ingest.versions.not-a-version", text=text, parts=MAX_PARTS, width=PART_WIDTH))
    parts = [int(p) for p in text.split(".")]
    parts += [0] * (MAX_PARTS - len(parts))
    return ".".join(f"{p:0{PART_WIDTH}d}" for p in parts)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as version ``a`` is below, equal to or above ``b``."""
    ka, kb = version_key(a), version_key(b)
    return (ka > kb) - (ka < kb)
