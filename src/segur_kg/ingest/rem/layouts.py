"""The two REM table layouts (Convergence, ANS drafts): their columns, their codes, and how a header is recognised.

See ``docs/rem-layouts.md``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from segur_kg.errors import InputError
from segur_kg.ingest.rem.wording import place, rem_text
from segur_kg.ingest.tables import Sheet

CONVERGENCE = "convergence"
ANS = "ans"

REQUIREMENT_ID = re.compile(r"^[A-Z][A-Z0-9-]*(/[A-Za-z0-9-]+)*\.\d{2,3}$")
CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]*")  # matched whole (fullmatch): no line break after it
ID_SUFFIX = r"\.\d{2,3}"  # a scenario is its requirement's ID + this, a proof its scenario's ID + this

#: REM code of the ANS drafts -> device type code (``data/reference/device_types.csv``).
ANS_DEVICE_TYPES: dict[str, str] = {
    "BIO": "SGL",
    "DB": "DRIMBOX",
    "DPI": "DPI",
    "PFI": "PFI",
    "LGC": "LGC",
    "RIS": "RIS",
}

CRITICALITIES = ("Mineure", "Majeure", "Critique")
NATURES = ("Obligatoire", "Préconisée")

# Header as written -> internal field.
CONVERGENCE_COLUMNS: dict[str, str] = {
    "Périmètre": "perimeter",
    "ID": "requirement_id",
    "Chapitre": "chapter",
    "Fonction": "function",
    "Exigence": "text",
    "Commentaire": "comment",
    "Profil": "profile",
    "N° scénario": "scenario_id",
    "Scénario de conformité": "scenario_text",
    "N° preuve": "proof_id",
    "Preuve": "proof_text",
    "Profil historique": "historic_profile",
    "Criticité": "criticality",
    "Ordre": "order",
}
CONVERGENCE_OPTIONAL_COLUMNS: dict[str, str] = {"Socle": "socle_id", "Composant": "component_type"}
ANS_COLUMNS: dict[str, str] = {
    name: name
    for name in (
        "rem",
        "requirement_id",
        "socle_id",
        "profile",
        "section",
        "bloc",
        "fonction",
        "scenario_id",
        "proof_id",
        "decision",
    )
}
ANS_OPTIONAL_COLUMNS: dict[str, str] = {"va1_id": "va1_id", "nature": "nature"}

#: Every field of either layout: a row gives "" for the fields its layout lacks.
FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *CONVERGENCE_COLUMNS.values(),
            *CONVERGENCE_OPTIONAL_COLUMNS.values(),
            *ANS_COLUMNS.values(),
            *ANS_OPTIONAL_COLUMNS.values(),
        ]
    )
)

_LAYOUTS = (
    (CONVERGENCE, CONVERGENCE_COLUMNS, CONVERGENCE_OPTIONAL_COLUMNS),
    (ANS, ANS_COLUMNS, ANS_OPTIONAL_COLUMNS),
)


@dataclass(frozen=True)
class Layout:
    """The layout of a table's header, and the column (its header as written) each field is read from."""

    name: str
    columns: dict[str, str]


def normalise_header(name: str) -> str:
    """A header name without case, accents or surrounding and repeated spaces (``N° Preuve`` -> ``no preuve``)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("°", "o").casefold()
    return " ".join(text.split())


def detect_layout(path: Path, sheet: Sheet, lang: str) -> Layout:
    """The layout of ``sheet``'s header, or an :class:`InputError` naming the missing or duplicate columns."""
    header = sheet.header or []
    header_place = place(lang, 1, sheet.name)
    present: dict[str, str] = {}  # normalised name -> as written
    for name in header:
        key = normalise_header(name)
        if not key:
            continue
        if key in present:
            raise InputError(path, header_place, rem_text("duplicate_column", lang, name=name))
        present[key] = name

    def found(required: dict[str, str]) -> int:
        return sum(1 for name in required if normalise_header(name) in present)

    layout, required, optional = max(_LAYOUTS, key=lambda candidate: found(candidate[1]))
    # A layout is recognised by two of its required columns (then the others are named as missing);
    # with fewer, the header is unknown.
    if found(required) < 2:
        raise InputError(
            path,
            header_place,
            rem_text(
                "unknown_layout",
                lang,
                convergence=" | ".join([*CONVERGENCE_COLUMNS, *CONVERGENCE_OPTIONAL_COLUMNS]),
                ans=",".join([*ANS_COLUMNS, *ANS_OPTIONAL_COLUMNS]),
            ),
        )
    missing = [name for name in required if normalise_header(name) not in present]
    if missing:
        raise InputError(
            path,
            header_place,
            rem_text("missing_columns", lang, layout=rem_text(f"layout_{layout}", lang), missing=", ".join(missing)),
        )
    columns: dict[str, str] = {}
    for name, field in {**required, **optional}.items():
        written = present.get(normalise_header(name))
        if written is not None:
            columns[field] = written
    if layout == ANS:  # the drafts' section and fonction are the chapter and function (defects name them)
        columns["chapter"] = columns["section"]
        columns["function"] = columns["fonction"]
    return Layout(layout, columns)
