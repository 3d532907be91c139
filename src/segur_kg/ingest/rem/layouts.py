"""The REM table layouts (three Convergence exports, the ANS drafts, the Squash TM export): their columns, their
codes, and how a header is recognised.

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
CONVERGENCE_11 = "convergence-11"  # the older Convergence export: no Périmètre, a Statut publication
PREPUBLICATION = "prepublication"  # the 41-column pre-publication report: up to ten proofs per row
ANS = "ans"
SQUASH = "squash"  # the Squash TM export workbook (ingest/rem/squash.py reads it)
#: The layouts of one REM per file, read by the builder as the Convergence export is.
ONE_REM_LAYOUTS = (CONVERGENCE, CONVERGENCE_11, PREPUBLICATION)

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
#: How the pre-publication report writes a nature (compared without case or accents): its Squash category's name.
NATURE_ALIASES = {"exigence": "Obligatoire", "preconisation": "Préconisée", "recommandation": "Préconisée"}

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
CONVERGENCE_11_COLUMNS: dict[str, str] = {
    "ID": "requirement_id",
    "Chapitre": "chapter",
    "Fonction": "function",
    "Exigence": "text",
    "Profil": "profile",
    "N° scénario": "scenario_id",
    "Scénario de conformité": "scenario_text",
    "N° preuve": "proof_id",
    "Preuve": "proof_text",
    "Commentaire": "comment",
    "Statut publication": "publication_status",
}
#: The further proofs of a pre-publication row: ``N° preuve k`` / ``Preuve k`` for k = 2..10.
EXTRA_PROOFS = range(2, 11)
PREPUBLICATION_COLUMNS: dict[str, str] = {
    "Périmètre": "perimeter",
    "ID": "requirement_id",
    "Chapitre": "chapter",
    "Fonction": "function",
    "Exigence": "text",
    "Commentaire": "comment",
    "Nature de l'exigence": "nature",
    "Profil": "profile",
    "N° scénario": "scenario_id",
    "Scénario de conformité": "scenario_text",
    "N° preuve 1": "proof_id",
    "Preuve 1": "proof_text",
    "Statut publication": "publication_status",
    "VA N-1": "va1_id",
    "Criticité": "criticality",
    "Ordre": "order",
    "référence exigence socle": "socle_id",
}
PREPUBLICATION_OPTIONAL_COLUMNS: dict[str, str] = {
    **{f"N° preuve {k}": f"proof_id_{k}" for k in EXTRA_PROOFS},
    **{f"Preuve {k}": f"proof_text_{k}" for k in EXTRA_PROOFS},
    "bon pour publication": "ready_for_publication",
    "référence exigence": "squash_reference",
    "référence cas de test": "test_case_reference",
    "points de vérification": "verification_points",
    "Note interne": "internal_note",
    "Rem Ségur": "segur_rem",
}
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
#: The ``REQUIREMENT`` sheet of a Squash TM export (its ``LINK_REQ_REQ`` sheet: ingest/rem/squash.py).
SQUASH_COLUMNS: dict[str, str] = {
    name: name.removeprefix("REQ_VERSION_").lower()
    for name in (
        "PROJECT_NAME",
        "REQ_PATH",
        "REQ_ID",
        "REQ_VERSION_NUM",
        "REQ_VERSION_ID",
        "REQ_VERSION_REFERENCE",
        "REQ_VERSION_NAME",
        "REQ_VERSION_CRITICALITY",
        "REQ_VERSION_CATEGORY",
        "REQ_VERSION_STATUS",
        "REQ_VERSION_MILESTONE",
    )
}
SQUASH_OPTIONAL_COLUMNS: dict[str, str] = {
    name: name.removeprefix("REQ_VERSION_").removeprefix("CUF_").lower()
    for name in (
        "PROJECT_ID",
        "REQ_VERSION_CREATED_ON",
        "REQ_VERSION_LAST_MODIFIED_ON",
        "REQ_VERSION_CUF_PROFIL",
        "REQ_VERSION_CUF_SECTION",
        "REQ_VERSION_CUF_BLOC",
        "REQ_VERSION_CUF_FONCTION",
        "REQ_VERSION_CUF_SEGUR_REM",
    )
}

#: Every field of either layout: a row gives "" for the fields its layout lacks.
FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *CONVERGENCE_COLUMNS.values(),
            *CONVERGENCE_OPTIONAL_COLUMNS.values(),
            *CONVERGENCE_11_COLUMNS.values(),
            *PREPUBLICATION_COLUMNS.values(),
            *PREPUBLICATION_OPTIONAL_COLUMNS.values(),
            *ANS_COLUMNS.values(),
            *ANS_OPTIONAL_COLUMNS.values(),
        ]
    )
)

_LAYOUTS = (
    (CONVERGENCE, CONVERGENCE_COLUMNS, CONVERGENCE_OPTIONAL_COLUMNS),
    (CONVERGENCE_11, CONVERGENCE_11_COLUMNS, {}),
    (PREPUBLICATION, PREPUBLICATION_COLUMNS, PREPUBLICATION_OPTIONAL_COLUMNS),
    (ANS, ANS_COLUMNS, ANS_OPTIONAL_COLUMNS),
    (SQUASH, SQUASH_COLUMNS, SQUASH_OPTIONAL_COLUMNS),
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

    # The layout whose required columns the header holds most of, then the one it misses fewest of (the
    # 11-column export less one column is still that export), then the first of _LAYOUTS.
    layout, required, optional = max(
        _LAYOUTS, key=lambda candidate: (found(candidate[1]), found(candidate[1]) - len(candidate[1]))
    )
    # A layout is recognised by two of its required columns (then the others are named as missing);
    # with fewer, the header is unknown.
    if found(required) < 2:
        others = "; ".join(
            f"{rem_text(f'layout_{name}', lang)} ({' | '.join(columns)})"
            for name, columns, _ in _LAYOUTS
            if name != CONVERGENCE
        )
        raise InputError(
            path,
            header_place,
            rem_text(
                "unknown_layout",
                lang,
                convergence=" | ".join([*CONVERGENCE_COLUMNS, *CONVERGENCE_OPTIONAL_COLUMNS]),
                others=others,
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
