"""Import a REM table (requirements, scenarios, proofs) into RDF.

Two table layouts are read, recognised from the header row (row 1):

* the **Convergence layout** (``docs/reference-data.md``): ``Périmètre | ID | Chapitre | Fonction |
  Exigence | Commentaire | Profil | N° scénario | Scénario de conformité | N° preuve | Preuve |
  Profil historique | Criticité | Ordre``, optionally followed by ``Socle | Composant``. One file is
  one REM: its code is ``rem=`` or else the file stem; its device type ``device_type=`` is required
  (the profiles are those of a device type). ``Périmètre`` = ``Vague 1`` marks the vague 1
  perimeter (HER-3).
* the **ANS draft layout** (``../shared/reference-data/ans-rem-drafts-2023/``): ``rem,
  requirement_id, socle_id, profile, section, bloc, fonction, scenario_id, proof_id, decision``,
  optionally ``va1_id`` and ``nature``. The REM is the ``rem`` column (several REMs per file; with
  ``rem=`` only that REM's rows are imported); its device type comes from :data:`ANS_DEVICE_TYPES`
  unless ``device_type=`` overrides it. ``/va1.`` in the ID or a ``va1_id`` marks the vague 1
  perimeter.

Files are ``.csv`` (UTF-8, with or without BOM, ``,`` ``;`` or tab delimiter, sniffed from the header
line) or ``.xlsx`` (sheet ``Exigences``, else the first sheet). Header names are matched ignoring
case, accents and surrounding spaces, in any order. Fully empty rows are skipped silently; an xlsx
cell beyond the last named column is ignored.

Fatal problems raise :class:`~segur_kg.errors.InputError` (file, place, message): a missing or
unreadable file, an extension other than .csv/.xlsx, a CSV that is not UTF-8, a corrupt workbook,
an empty file, an unknown header, missing or duplicate columns, a CSV row whose cell count differs
from the header's, a Convergence table without device type, a REM or device-type code that is not a
code, ``rem=`` naming no REM of an ANS draft file.

Defect policy
-------------
Every other problem is a :class:`RemDefect` (a :class:`~segur_kg.errors.Defect` with a ``kind``),
with the 1-based spreadsheet row (header = row 1) and the column as written in the header. Import
goes on; what is kept:

============================  ========================================================================
kind                          what is imported
============================  ========================================================================
``rem_missing``               (ANS) empty ``rem``: the row is skipped.
``rem_unknown``               (ANS) ``rem`` not in :data:`ANS_DEVICE_TYPES` and no ``device_type=``:
                              the row is skipped.
``requirement_id_missing``    empty requirement ID: the row is skipped.
``duplicate_scenario``        the (requirement, scenario) pair already appeared in this REM: the row
                              is skipped (the first row wins).
``requirement_id_malformed``  ID not ``SECTION[/BLOC].NN`` (:data:`REQUIREMENT_ID`): the requirement
                              is imported under its ID as written, so the analyst sees it (reported
                              once per requirement).
``scenario_missing``          no scenario: the requirement is imported, without scenario from this row.
``scenario_malformed``        scenario not ``<requirement ID>.NN``: the requirement is imported, the
                              scenario is not (its proof is not checked).
``proof_missing``             proof number empty or ``TBD``: the scenario is imported without
                              ``sgr:expectedProofId``.
``proof_malformed``           proof number not ``<scenario>.NN``: the scenario is imported without
                              ``sgr:expectedProofId``.
``profile_missing``           empty profile: the requirement is imported without ``sgr:profile``
                              (unless another of its rows gives one).
``chapter_missing``           empty chapter: the requirement is imported without ``sgr:chapter``
                              (unless another of its rows gives one).
``socle_malformed``           socle ID not starting with ``SC.``: no socle link from this row.
``criticality_unknown``       (Convergence) not Mineure/Majeure/Critique: no criticality from this row.
``order_malformed``           (Convergence) ``Ordre`` not an integer: no order from this row.
``perimeter_unknown``         (Convergence) ``Périmètre`` neither empty nor ``Vague 1``: this row does
                              not put the requirement in the vague 1 perimeter.
``component_malformed``       (Convergence) ``Composant`` not a code: no component type from this row.
``nature_unknown``            (ANS) ``nature`` not Obligatoire/Préconisée: no nature from this row.
``conflict``                  a row of an already seen requirement gives another non-empty value for
                              one of its properties (chapter, profile, socle, text, criticality, order,
                              nature, component type, va1 ID, Convergence perimeter): the first value
                              is kept, the other is reported and dropped.
============================  ========================================================================

Requirement-level defects (ID, profile, chapter, socle, criticality, order, perimeter, component,
nature) are reported once per requirement and value; row-level ones (scenario, proof, duplicate,
conflict, REM) once per row. ``RemImport.rows`` holds every row not skipped; ``rows_read`` counts
every non-empty data row of the file (including those of other REMs when ``rem=`` filters an ANS
draft file).

IDs: requirement ``^[A-Z][A-Z0-9-]*(/[A-Za-z0-9-]+)*\\.\\d{2,3}$``; scenario = requirement ID +
``.`` + 2-3 digits; proof = scenario ID + ``.`` + 2-3 digits.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from segur_kg.errors import Defect, InputError
from segur_kg.i18n import language
from segur_kg.namespaces import PREFIXES, SGR, chapter, entity, profile, requirement, scenario, socle

__all__ = [
    "ANS_DEVICE_TYPES",
    "CONVERGENCE_COLUMNS",
    "CONVERGENCE_OPTIONAL_COLUMNS",
    "ANS_COLUMNS",
    "ANS_OPTIONAL_COLUMNS",
    "MESSAGES",
    "RemDefect",
    "RemImport",
    "RemRow",
    "message",
    "read_rem",
    "summarise",
]

REQUIREMENT_ID = re.compile(r"^[A-Z][A-Z0-9-]*(/[A-Za-z0-9-]+)*\.\d{2,3}$")
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")
_SUFFIX = r"\.\d{2,3}"

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

CONVERGENCE = "convergence"
ANS = "ans"

# --------------------------------------------------------------------------------------------------
# Messages (fr default, en)
# --------------------------------------------------------------------------------------------------
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        # places
        "row": "ligne {row}",
        "header": "ligne 1 (en-tête)",
        "sheet_row": "feuille '{sheet}', ligne {row}",
        "sheet_header": "feuille '{sheet}', ligne 1 (en-tête)",
        "byte": "ligne {line} (octet {byte})",
        # fatal
        "not_found": "fichier introuvable",
        "not_file": "n'est pas un fichier",
        "unreadable": "fichier illisible ({error})",
        "bad_extension": "format non pris en charge '{suffix}' : attendu un fichier .csv ou .xlsx",
        "not_utf8": "le fichier n'est pas en UTF-8 ; enregistrez-le en CSV UTF-8",
        "csv_error": "CSV illisible ({error})",
        "xlsx_corrupt": "classeur .xlsx illisible ou corrompu ({error})",
        "xlsx_no_sheet": "le classeur ne contient aucune feuille de calcul",
        "empty": "fichier vide : une ligne d'en-tête est attendue",
        "unknown_layout": (
            "en-tête non reconnu : attendu la disposition Convergence ({convergence}) "
            "ou celle des brouillons ANS ({ans})"
        ),
        "missing_columns": "colonne(s) manquante(s) pour la disposition {layout} : {missing}",
        "duplicate_column": "colonne '{name}' en double",
        "cell_count": "{count} cellule(s) au lieu de {expected} (nombre de colonnes de l'en-tête)",
        "device_type_required": (
            "la disposition Convergence exige le type de dispositif du REM (--device-type, p. ex. DUI)"
        ),
        "bad_rem_code": (
            "le code REM '{value}' n'est pas un code [A-Z0-9][A-Z0-9_-]* "
            "(il vient du nom du fichier sans --rem ; donnez --rem)"
        ),
        "bad_device_type": "le type de dispositif '{value}' n'est pas un code [A-Z0-9][A-Z0-9_-]*",
        "rem_not_in_file": "aucune ligne du REM '{rem}' (REM présents : {present})",
        "layout_convergence": "Convergence",
        "layout_ans": "brouillons ANS",
        # defects
        "rem_missing": "code REM vide : ligne ignorée",
        "rem_unknown": ("code REM inconnu '{value}' (attendu {known}, ou --device-type) : ligne ignorée"),
        "requirement_id_missing": "identifiant d'exigence vide : ligne ignorée",
        "duplicate_scenario": (
            "scénario '{value}' de l'exigence '{req}' en double (déjà ligne {first}) : ligne ignorée"
        ),
        "requirement_id_malformed": (
            "identifiant d'exigence mal formé '{value}' (attendu SECTION[/BLOC].NN) : exigence importée telle quelle"
        ),
        "scenario_missing": "exigence '{req}' sans scénario : importée sans scénario pour cette ligne",
        "scenario_malformed": ("scénario '{value}' mal formé (attendu {req}.NN) : exigence importée sans ce scénario"),
        "proof_missing": (
            "numéro de preuve absent ou provisoire ('{value}') pour le scénario '{scenario}' : "
            "scénario importé sans preuve attendue"
        ),
        "proof_malformed": (
            "numéro de preuve '{value}' mal formé (attendu {scenario}.NN) : scénario importé sans preuve attendue"
        ),
        "profile_missing": "profil vide pour l'exigence '{req}' : importée sans profil",
        "chapter_missing": "chapitre vide pour l'exigence '{req}' : importée sans chapitre",
        "socle_malformed": ("exigence socle '{value}' mal formée (attendu SC.<ID>) : lien socle ignoré"),
        "criticality_unknown": ("criticité inconnue '{value}' (attendu Mineure, Majeure ou Critique) : ignorée"),
        "order_malformed": "ordre '{value}' qui n'est pas un entier : ignoré",
        "perimeter_unknown": ("périmètre inconnu '{value}' (attendu 'Vague 1' ou vide) : pas de périmètre Vague 1"),
        "component_malformed": ("type de composant '{value}' mal formé (attendu un code [A-Z0-9][A-Z0-9_-]*) : ignoré"),
        "nature_unknown": "nature inconnue '{value}' (attendu Obligatoire ou Préconisée) : ignorée",
        "conflict": (
            "la valeur '{value}' contredit '{first_value}' (ligne {first}) pour l'exigence '{req}' : "
            "première valeur conservée"
        ),
        # CLI
        "defect_line": "{file} : ligne {row}, colonne '{field}' : {message}",
        "summary": (
            "{file} : {rows_read} ligne(s) lue(s), {rows_kept} importée(s) ; "
            "exigences par REM : {per_rem} ; {defects} anomalie(s)"
        ),
        "summary_kinds": "anomalies par type : {kinds}",
        "strict": "mode strict : {defects} anomalie(s), rien n'a été écrit",
        "write_error": "écriture impossible ({error})",
        "written": "{file} : {triples} triplets écrits",
        "none": "aucune",
    },
    "en": {
        "row": "row {row}",
        "header": "row 1 (header)",
        "sheet_row": "sheet '{sheet}', row {row}",
        "sheet_header": "sheet '{sheet}', row 1 (header)",
        "byte": "line {line} (byte {byte})",
        "not_found": "file not found",
        "not_file": "not a file",
        "unreadable": "cannot read the file ({error})",
        "bad_extension": "unsupported format '{suffix}': expected a .csv or .xlsx file",
        "not_utf8": "the file is not UTF-8; save it as CSV UTF-8",
        "csv_error": "unreadable CSV ({error})",
        "xlsx_corrupt": "unreadable or corrupt .xlsx workbook ({error})",
        "xlsx_no_sheet": "the workbook has no worksheet",
        "empty": "empty file: a header row is expected",
        "unknown_layout": (
            "unknown header: expected the Convergence layout ({convergence}) or the ANS draft layout ({ans})"
        ),
        "missing_columns": "missing column(s) for the {layout} layout: {missing}",
        "duplicate_column": "duplicate column '{name}'",
        "cell_count": "{count} cell(s) instead of {expected} (the header's column count)",
        "device_type_required": ("the Convergence layout needs the REM's device type (--device-type, e.g. DUI)"),
        "bad_rem_code": (
            "REM code '{value}' is not a code [A-Z0-9][A-Z0-9_-]* "
            "(it comes from the file name without --rem; give --rem)"
        ),
        "bad_device_type": "device type '{value}' is not a code [A-Z0-9][A-Z0-9_-]*",
        "rem_not_in_file": "no row of REM '{rem}' (REMs in the file: {present})",
        "layout_convergence": "Convergence",
        "layout_ans": "ANS draft",
        "rem_missing": "empty REM code: row skipped",
        "rem_unknown": "unknown REM code '{value}' (expected {known}, or --device-type): row skipped",
        "requirement_id_missing": "empty requirement ID: row skipped",
        "duplicate_scenario": (
            "scenario '{value}' of requirement '{req}' repeated (first at row {first}): row skipped"
        ),
        "requirement_id_malformed": (
            "malformed requirement ID '{value}' (expected SECTION[/BLOC].NN): requirement imported as written"
        ),
        "scenario_missing": "requirement '{req}' has no scenario: imported without scenario for this row",
        "scenario_malformed": ("malformed scenario '{value}' (expected {req}.NN): requirement imported without it"),
        "proof_missing": (
            "missing or provisional proof number ('{value}') for scenario '{scenario}': "
            "scenario imported without expected proof"
        ),
        "proof_malformed": (
            "malformed proof number '{value}' (expected {scenario}.NN): scenario imported without expected proof"
        ),
        "profile_missing": "empty profile for requirement '{req}': imported without profile",
        "chapter_missing": "empty chapter for requirement '{req}': imported without chapter",
        "socle_malformed": "malformed socle requirement '{value}' (expected SC.<ID>): link dropped",
        "criticality_unknown": ("unknown criticality '{value}' (expected Mineure, Majeure or Critique): dropped"),
        "order_malformed": "order '{value}' is not an integer: dropped",
        "perimeter_unknown": (
            "unknown perimeter '{value}' (expected 'Vague 1' or empty): not in the vague 1 perimeter"
        ),
        "component_malformed": ("malformed component type '{value}' (expected a code [A-Z0-9][A-Z0-9_-]*): dropped"),
        "nature_unknown": "unknown nature '{value}' (expected Obligatoire or Préconisée): dropped",
        "conflict": (
            "value '{value}' contradicts '{first_value}' (row {first}) for requirement '{req}': first value kept"
        ),
        "defect_line": "{file}: row {row}, column '{field}': {message}",
        "summary": (
            "{file}: {rows_read} row(s) read, {rows_kept} imported; "
            "requirements per REM: {per_rem}; {defects} defect(s)"
        ),
        "summary_kinds": "defects by kind: {kinds}",
        "strict": "strict mode: {defects} defect(s), nothing written",
        "write_error": "cannot write ({error})",
        "written": "{file}: {triples} triples written",
        "none": "none",
    },
}


def message(lang: str, key: str, **params: object) -> str:
    """The message ``key`` in ``lang`` (``fr`` or ``en``; anything else falls back to ``fr``)."""
    table = MESSAGES.get(lang, MESSAGES["fr"])
    return _one_line(table[key].format(**params))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --------------------------------------------------------------------------------------------------
# Data classes
# --------------------------------------------------------------------------------------------------
@dataclass
class RemRow:
    """One parsed (requirement, scenario, proof) line of a REM table, values as written (stripped)."""

    row: int
    rem: str
    requirement_id: str
    chapter: str
    function: str
    text: str
    profile: str
    scenario_id: str
    proof_id: str
    vague1: bool
    socle_id: str
    component_type: str
    criticality: str
    nature: str
    order: int | None
    va1_id: str
    decision: str
    device_type: str = ""
    scenario_text: str = ""
    proof_text: str = ""


@dataclass(frozen=True)
class RemDefect(Defect):
    """A :class:`Defect` of a REM table, with its ``kind`` (see the module's defect policy)."""

    kind: str = ""


@dataclass
class RemImport:
    graph: rdflib.Graph
    rows: list[RemRow]
    defects: list[Defect]
    requirements_per_rem: dict[str, int]
    rows_read: int = 0
    layout: str = ""

    def defects_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for defect in self.defects:
            kind = getattr(defect, "kind", "") or "other"
            counts[kind] = counts.get(kind, 0) + 1
        return counts


# --------------------------------------------------------------------------------------------------
# Reading the table
# --------------------------------------------------------------------------------------------------
def _normalise_header(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("°", "o").casefold()
    return " ".join(text.split())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class _Table:
    header: list[str]
    records: list[tuple[int, list[str]]]  # (1-based row, cells)
    sheet: str | None = None


def _place(lang: str, row: int, sheet: str | None) -> str:
    if sheet is None:
        return message(lang, "header") if row == 1 else message(lang, "row", row=row)
    if row == 1:
        return message(lang, "sheet_header", sheet=sheet)
    return message(lang, "sheet_row", sheet=sheet, row=row)


def _read_csv(path: Path, data: bytes, lang: str) -> _Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = data[:offset].count(b"\n") + 1
        raise InputError(path, message(lang, "byte", line=line, byte=offset), message(lang, "not_utf8")) from None
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for cells in reader:
            number += 1
            if header is None:
                header = cells
                continue
            if not cells or all(not c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise InputError(
                    path,
                    _place(lang, number, None),
                    message(lang, "cell_count", count=len(cells), expected=len(header)),
                )
            records.append((number, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise InputError(path, message(lang, "row", row=number + 1), message(lang, "csv_error", error=exc)) from None
    if header is None or all(not h.strip() for h in header):
        raise InputError(path, "", message(lang, "empty"))
    return _Table(header=header, records=records)


def _read_xlsx(path: Path, lang: str) -> _Table:
    import openpyxl  # imported here: only xlsx needs it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML and value errors on bad input
        raise InputError(path, "", message(lang, "xlsx_corrupt", error=f"{type(exc).__name__}: {exc}")) from None
    try:
        if not workbook.worksheets:
            raise InputError(path, "", message(lang, "xlsx_no_sheet"))
        sheet = workbook["Exigences"] if "Exigences" in workbook.sheetnames else workbook.worksheets[0]
        title = sheet.title
        try:
            raw = [[_cell(v) for v in values] for values in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # malformed sheet XML surfaces while iterating
            raise InputError(path, "", message(lang, "xlsx_corrupt", error=f"{type(exc).__name__}: {exc}")) from None
    finally:
        workbook.close()
    if not raw or all(not c for c in raw[0]):
        raise InputError(path, "", message(lang, "empty"))
    header = list(raw[0])
    while header and not header[-1]:
        header.pop()
    width = len(header)
    records: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(raw[1:], start=2):
        cells = (cells + [""] * width)[:width]  # cells beyond the last named column are ignored
        if all(not c for c in cells):
            continue
        records.append((number, cells))
    return _Table(header=header, records=records, sheet=title)


def _read_table(path: Path, lang: str) -> _Table:
    if not path.exists():
        raise InputError(path, "", message(lang, "not_found"))
    if not path.is_file():
        raise InputError(path, "", message(lang, "not_file"))
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(path, "", message(lang, "bad_extension", suffix=path.suffix))
    try:
        with path.open("rb") as handle:  # also proves an .xlsx readable before openpyxl sees it
            data = handle.read() if suffix == ".csv" else b""
    except OSError as exc:
        raise InputError(path, "", message(lang, "unreadable", error=exc.strerror or exc)) from None
    if suffix == ".csv":
        return _read_csv(path, data, lang)
    return _read_xlsx(path, lang)


def _detect_layout(path: Path, table: _Table, lang: str) -> tuple[str, dict[str, int], dict[str, str]]:
    """(layout, field -> column index, field -> header as written)."""
    normalised: dict[str, int] = {}
    for index, name in enumerate(table.header):
        key = _normalise_header(name)
        if not key:
            continue
        if key in normalised:
            raise InputError(path, _place(lang, 1, table.sheet), message(lang, "duplicate_column", name=name.strip()))
        normalised[key] = index

    candidates = []
    for layout, required, optional in (
        (CONVERGENCE, CONVERGENCE_COLUMNS, CONVERGENCE_OPTIONAL_COLUMNS),
        (ANS, ANS_COLUMNS, ANS_OPTIONAL_COLUMNS),
    ):
        found = sum(1 for name in required if _normalise_header(name) in normalised)
        candidates.append((found, layout, required, optional))
    found, layout, required, optional = max(candidates, key=lambda c: c[0])
    # A layout is recognised by two of its required columns (then the others are named as missing);
    # with fewer, the header is unknown.
    if found < 2:
        raise InputError(
            path,
            _place(lang, 1, table.sheet),
            message(
                lang,
                "unknown_layout",
                convergence=" | ".join([*CONVERGENCE_COLUMNS, *CONVERGENCE_OPTIONAL_COLUMNS]),
                ans=",".join([*ANS_COLUMNS, *ANS_OPTIONAL_COLUMNS]),
            ),
        )
    missing = [name for name in required if _normalise_header(name) not in normalised]
    if missing:
        raise InputError(
            path,
            _place(lang, 1, table.sheet),
            message(
                lang,
                "missing_columns",
                layout=message(lang, f"layout_{layout}"),
                missing=", ".join(missing),
            ),
        )
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    for name, fld in {**required, **optional}.items():
        index = normalised.get(_normalise_header(name))
        if index is not None:
            columns[fld] = index
            names[fld] = table.header[index].strip()
    return layout, columns, names


# --------------------------------------------------------------------------------------------------
# Building the requirements
# --------------------------------------------------------------------------------------------------
@dataclass
class _Requirement:
    rem: str
    identifier: str
    device_type: str
    first_row: int
    # property -> (value, row)
    values: dict[str, tuple[object, int]] = field(default_factory=dict)
    vague1: bool = False
    scenarios: list[tuple[str, str | None, str]] = field(default_factory=list)  # (id, proof, text)


class _Builder:
    def __init__(self, path: Path, layout: str, names: dict[str, str], lang: str) -> None:
        self.file = str(path)
        self.layout = layout
        self.names = names
        self.lang = lang
        self.defects: list[Defect] = []
        self.rows: list[RemRow] = []
        self.requirements: dict[tuple[str, str], _Requirement] = {}
        self.scenario_rows: dict[tuple[str, str, str], int] = {}
        self.once: set[tuple[object, ...]] = set()
        self.rems: list[str] = []

    # -- defects ---------------------------------------------------------------------------------
    def defect(self, kind: str, row: int, fld: str, **params: object) -> None:
        self.defects.append(
            RemDefect(
                file=self.file,
                row=row,
                field=self.names.get(fld, fld),
                message=message(self.lang, kind, **params),
                kind=kind,
            )
        )

    def defect_once(self, kind: str, key: tuple[object, ...], row: int, fld: str, **params: object) -> None:
        marker = (kind, *key)
        if marker not in self.once:
            self.once.add(marker)
            self.defect(kind, row, fld, **params)

    # -- rows ------------------------------------------------------------------------------------
    def add(self, number: int, rem: str, device_type: str, get: dict[str, str]) -> None:
        req_id = get["requirement_id"]
        if not req_id:
            self.defect("requirement_id_missing", number, "requirement_id")
            return
        scenario_id = get["scenario_id"]
        if scenario_id:
            key = (rem, req_id, scenario_id)
            first = self.scenario_rows.get(key)
            if first is not None:
                self.defect("duplicate_scenario", number, "scenario_id", value=scenario_id, req=req_id, first=first)
                return
            self.scenario_rows[key] = number

        if rem not in self.rems:
            self.rems.append(rem)
        req = self.requirements.get((rem, req_id))
        if req is None:
            req = _Requirement(rem=rem, identifier=req_id, device_type=device_type, first_row=number)
            self.requirements[(rem, req_id)] = req
            if not REQUIREMENT_ID.match(req_id):
                self.defect("requirement_id_malformed", number, "requirement_id", value=req_id)
        rkey = (rem, req_id)

        # Requirement properties, each validated then merged.
        chapter_code = get["chapter"]
        if not chapter_code:
            self.defect_once("chapter_missing", rkey, number, "chapter", req=req_id)
        profile_code = get["profile"]
        if not profile_code:
            self.defect_once("profile_missing", rkey, number, "profile", req=req_id)
        socle_id = get["socle_id"]
        if socle_id and not (socle_id.startswith("SC.") and len(socle_id) > 3):
            self.defect_once("socle_malformed", (*rkey, socle_id), number, "socle_id", value=socle_id)
            socle_id = ""
        criticality = get["criticality"]
        if criticality:
            canonical = {c.casefold(): c for c in CRITICALITIES}.get(criticality.casefold())
            if canonical is None:
                self.defect_once("criticality_unknown", (*rkey, criticality), number, "criticality", value=criticality)
            criticality = canonical or ""
        order: int | None = None
        if get["order"]:
            try:
                order = int(get["order"])
            except ValueError:
                self.defect_once("order_malformed", (*rkey, get["order"]), number, "order", value=get["order"])
        nature = get["nature"]
        if nature:
            canonical = {n.casefold(): n for n in NATURES}.get(nature.casefold())
            if canonical is None:
                self.defect_once("nature_unknown", (*rkey, nature), number, "nature", value=nature)
            nature = canonical or ""
        component = get["component_type"]
        if component and not CODE.match(component):
            self.defect_once("component_malformed", (*rkey, component), number, "component_type", value=component)
            component = ""
        va1_id = get["va1_id"]

        perimeter = ""
        if self.layout == CONVERGENCE:
            raw = " ".join(get["perimeter"].split())
            if not raw:
                vague1 = False
                perimeter = "-"
            elif raw.casefold() == "vague 1":
                vague1 = True
                perimeter = "Vague 1"
            else:
                vague1 = False
                self.defect_once("perimeter_unknown", (*rkey, raw), number, "perimeter", value=raw)
            if perimeter:
                req.vague1 = req.vague1 if "perimeter" in req.values else vague1
        else:
            vague1 = "/va1." in req_id or bool(va1_id)
            req.vague1 = req.vague1 or vague1

        for prop, value in (
            ("chapter", chapter_code),
            ("profile", profile_code),
            ("socle_id", socle_id),
            ("text", get["text"]),
            ("criticality", criticality),
            ("order", order),
            ("nature", nature),
            ("component_type", component),
            ("va1_id", va1_id),
            ("perimeter", perimeter),
        ):
            if value is None or value == "":
                continue
            known = req.values.get(prop)
            if known is None:
                req.values[prop] = (value, number)
            elif known[0] != value:
                self.defect(
                    "conflict",
                    number,
                    prop,
                    value="" if value == "-" else value,
                    first_value="" if known[0] == "-" else known[0],
                    first=known[1],
                    req=req_id,
                )

        # Scenario and proof.
        proof_id = get["proof_id"]
        if not scenario_id:
            self.defect("scenario_missing", number, "scenario_id", req=req_id)
        elif not re.fullmatch(re.escape(req_id) + _SUFFIX, scenario_id):
            self.defect("scenario_malformed", number, "scenario_id", value=scenario_id, req=req_id)
        else:
            expected: str | None = None
            if not proof_id or proof_id.upper() == "TBD":
                self.defect("proof_missing", number, "proof_id", value=proof_id, scenario=scenario_id)
            elif not re.fullmatch(re.escape(scenario_id) + _SUFFIX, proof_id):
                self.defect("proof_malformed", number, "proof_id", value=proof_id, scenario=scenario_id)
            else:
                expected = proof_id
            req.scenarios.append((scenario_id, expected, get["scenario_text"]))

        self.rows.append(
            RemRow(
                row=number,
                rem=rem,
                requirement_id=req_id,
                chapter=chapter_code,
                function=get["function"],
                text=get["text"],
                profile=profile_code,
                scenario_id=scenario_id,
                proof_id=proof_id,
                vague1=vague1,
                socle_id=get["socle_id"],
                component_type=get["component_type"],
                criticality=get["criticality"],
                nature=get["nature"],
                order=order,
                va1_id=va1_id,
                decision=get["decision"],
                device_type=device_type,
                scenario_text=get["scenario_text"],
                proof_text=get["proof_text"],
            )
        )

    # -- RDF -------------------------------------------------------------------------------------
    def graph(self) -> rdflib.Graph:
        graph = rdflib.Graph(bind_namespaces="core")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        triples: list[tuple[URIRef, URIRef, object]] = []
        add = triples.append
        for rem in self.rems:
            node = entity("rem", rem)
            add((node, RDF.type, SGR.REM))
            add((node, DCTERMS.identifier, Literal(rem)))
        chapters: set[tuple[str, str]] = set()
        profiles: set[tuple[str, str]] = set()
        socles: set[str] = set()
        for (rem, req_id), req in self.requirements.items():
            node = requirement(rem, req_id)
            rem_node = entity("rem", rem)
            values = req.values
            add((node, RDF.type, SGR.Requirement))
            add((node, DCTERMS.identifier, Literal(req_id)))
            add((node, SGR.inREM, rem_node))
            add((node, SGR.inVague1Perimeter, Literal(req.vague1)))
            if "chapter" in values:
                code = str(values["chapter"][0])
                chapters.add((rem, code))
                add((node, SGR.chapter, chapter(rem, code)))
            if "profile" in values:
                code = str(values["profile"][0])
                profiles.add((req.device_type, code))
                add((node, SGR.profile, profile(req.device_type, code)))
            if "socle_id" in values:
                socle_id = str(values["socle_id"][0])
                socles.add(socle_id)
                add((node, SGR.socleRequirement, socle(socle_id)))
            if "va1_id" in values:
                add((node, SGR.va1RequirementId, Literal(str(values["va1_id"][0]))))
            if "component_type" in values:
                add((node, SGR.componentType, entity("component-type", str(values["component_type"][0]))))
            if "text" in values:
                add((node, DCTERMS.description, Literal(str(values["text"][0]), lang="fr")))
            if "criticality" in values:
                add((node, SGR.criticality, Literal(str(values["criticality"][0]))))
            if "order" in values:
                add((node, SGR.order, Literal(int(values["order"][0]))))  # type: ignore[arg-type]
            if "nature" in values:
                add((node, SGR.nature, Literal(str(values["nature"][0]))))
            for scenario_id, proof_id, text in req.scenarios:
                sc = scenario(rem, req_id, scenario_id)
                add((node, SGR.hasScenario, sc))
                add((sc, RDF.type, SGR.Scenario))
                add((sc, DCTERMS.identifier, Literal(scenario_id)))
                if proof_id:
                    add((sc, SGR.expectedProofId, Literal(proof_id)))
                if text:
                    add((sc, DCTERMS.description, Literal(text, lang="fr")))
        for rem, code in chapters:
            node = chapter(rem, code)
            add((node, RDF.type, SGR.Chapter))
            add((node, SGR.inREM, entity("rem", rem)))
            add((node, DCTERMS.identifier, Literal(code)))
            add((node, RDFS.label, Literal(code)))  # neither layout carries a chapter title
        for device_type, code in profiles:
            node = profile(device_type, code)
            add((node, RDF.type, SGR.Profile))
            add((node, SGR.profileCode, Literal(code)))
            # Untagged: the code is not a label in a language, and the reference data's fr/en
            # labels of the same profile must stay the only prefLabel per language (SKOS S14).
            add((node, SKOS.prefLabel, Literal(code)))
        for socle_id in socles:
            node = socle(socle_id)
            add((node, RDF.type, SGR.SocleRequirement))
            add((node, DCTERMS.identifier, Literal(socle_id)))
        graph += triples  # one bulk addN
        return graph


def _check_code(path: Path, value: str, key: str, lang: str) -> None:
    if not CODE.match(value):
        raise InputError(path, "", message(lang, key, value=value))


def read_rem(
    path: Path | str,
    *,
    rem: str | None = None,
    device_type: str | None = None,
    lang: str | None = None,
) -> RemImport:
    """Read a REM table (Convergence or ANS draft layout, .csv or .xlsx) into RDF.

    Messages are in ``lang`` (``fr`` or ``en``), by default the language the CLI set
    (:func:`segur_kg.i18n.language`, French unless ``--lang en``). Raises :class:`InputError` for a
    fatal problem; every other problem is a defect of the result (see the module docstring).
    """
    if lang is None:
        lang = language()
    path = Path(path)
    table = _read_table(path, lang)
    layout, columns, names = _detect_layout(path, table, lang)
    if layout == ANS:  # defects about the chapter / function name the draft's own columns
        names["chapter"] = names["section"]
        names["function"] = names["fonction"]
    if device_type is not None:
        _check_code(path, device_type, "bad_device_type", lang)
    if layout == CONVERGENCE:
        if rem is None:
            rem = path.stem
        _check_code(path, rem, "bad_rem_code", lang)
        if device_type is None:
            raise InputError(path, "", message(lang, "device_type_required"))
    elif rem is not None:
        _check_code(path, rem, "bad_rem_code", lang)

    builder = _Builder(path, layout, names, lang)
    fields = [
        *CONVERGENCE_COLUMNS.values(),
        *CONVERGENCE_OPTIONAL_COLUMNS.values(),
        *ANS_COLUMNS.values(),
        *ANS_OPTIONAL_COLUMNS.values(),
    ]
    rows_read = 0
    present: list[str] = []
    for number, cells in table.records:
        rows_read += 1
        get = dict.fromkeys(fields, "")
        for fld, index in columns.items():
            get[fld] = cells[index] if index < len(cells) else ""
        if layout == ANS:
            get["chapter"] = get["section"]
            get["function"] = get["fonction"]
            code = get["rem"]
            if code and code not in present:
                present.append(code)
            if rem is not None and code != rem:
                continue
            if not code:
                builder.defect("rem_missing", number, "rem")
                continue
            row_device_type = device_type or ANS_DEVICE_TYPES.get(code)
            if row_device_type is None:
                builder.defect("rem_unknown", number, "rem", value=code, known=", ".join(ANS_DEVICE_TYPES))
                continue
            builder.add(number, code, row_device_type, get)
        else:
            assert rem is not None and device_type is not None
            builder.add(number, rem, device_type, get)

    if layout == ANS and rem is not None and rem not in present:
        raise InputError(path, "", message(lang, "rem_not_in_file", rem=rem, present=", ".join(present) or "-"))
    if layout == CONVERGENCE and rem not in builder.rems:
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
        layout=layout,
    )


def summarise(result: RemImport, file: str, lang: str = "fr") -> list[str]:
    """The CLI's stderr lines: one per defect, then the summary."""
    lines = [
        message(lang, "defect_line", file=d.file, row=d.row, field=d.field, message=d.message) for d in result.defects
    ]
    per_rem = ", ".join(f"{code} {count}" for code, count in result.requirements_per_rem.items())
    lines.append(
        message(
            lang,
            "summary",
            file=file,
            rows_read=result.rows_read,
            rows_kept=len(result.rows),
            per_rem=per_rem or message(lang, "none"),
            defects=len(result.defects),
        )
    )
    kinds = result.defects_by_kind()
    if kinds:
        lines.append(message(lang, "summary_kinds", kinds=", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))))
    return lines
