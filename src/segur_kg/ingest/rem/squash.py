"""Read a Squash TM export (sheets ``REQUIREMENT`` and ``LINK_REQ_REQ``) into requirement catalogues and their RDF.

The ``REQUIREMENT`` sheet has one row per requirement version, keyed by ``REQ_PATH`` and ``REQ_VERSION_NUM``;
``LINK_REQ_REQ`` links two versions by those keys. What the export gets wrong (a key held by several rows,
a link to a version of a catalogue not exported) is a :class:`RemDefect` located by sheet, row and column,
and the import goes on (``docs/rem-layouts.md``, "The Squash TM export").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import rdflib

from segur_kg.errors import Defect
from segur_kg.ingest.rem.catalogue import (
    CATEGORIES,
    CRITICALITIES,
    OTHER_KIND,
    REM_KIND,
    ROLES,
    SEGUR_PARENT,
    SOCLE_KIND,
    STATUSES,
    Catalogue,
    RequirementCatalogues,
    RequirementLink,
    RequirementVersion,
    catalogue_graph,
)
from segur_kg.ingest.rem.layouts import ANS_DEVICE_TYPES, SQUASH, Layout, normalise_header
from segur_kg.ingest.rem.model import RemDefect, count_by_kind
from segur_kg.ingest.rem.wording import FormWording, rem_text
from segur_kg.ingest.tables import Row, Sheet, read_workbook
from segur_kg.namespaces import slug

REQUIREMENT_SHEET = "REQUIREMENT"
LINK_SHEET = "LINK_REQ_REQ"
LINK_COLUMNS = ("REQ_PATH", "REQ_VERSION_NUM", "RELATED_REQ_PATH", "RELATED_REQ_VERSION_NUM", "RELATED_REQ_ROLE")

# A project name starts with its kind and code: REM_BIO_Biologie [va2], SC_APCV apcv [va2], zz_REM_HOP_...
# (zz_: archived), _SC_Tous les socles.
_CATALOGUE_NAME = re.compile(r"(?:zz_)?_?(REM|SC)_([^_\s\[]+)")
_SEGMENT = re.compile(r"(?:\\.|[^/\\])+")  # a path segment: '\/' is a slash inside a folder's name


def catalogue_of_path(path: str) -> str:
    """The project name a ``REQ_PATH`` starts with (``/REM_BIO_Biologie [va2]/...`` -> ``REM_BIO_Biologie [va2]``)."""
    match = _SEGMENT.search(path)
    return match.group(0).replace("\\/", "/") if match else ""


def catalogue_kind(name: str) -> str:
    match = _CATALOGUE_NAME.match(name)
    if match is None:
        return OTHER_KIND
    return SOCLE_KIND if match.group(1) == "SC" else REM_KIND


def _catalogue(name: str, project_id: int | None, taken: set[str]) -> Catalogue:
    match = _CATALOGUE_NAME.match(name)
    code = f"{match.group(1)}_{match.group(2)}" if match else slug(name)
    if code in taken:  # two projects of one code: the second is named in full
        code = slug(name)
    kind = catalogue_kind(name)
    device_type = None
    if kind == REM_KIND and match:
        short = match.group(2)  # BIO, DB, HOP-DPI...
        device_type = ANS_DEVICE_TYPES.get(short) or ANS_DEVICE_TYPES.get(short.rsplit("-", 1)[-1])
    return Catalogue(code=code, name=name, kind=kind, project_id=project_id, device_type=device_type)


@dataclass
class SquashImport:
    """The result of reading a Squash TM export: its catalogues as plain objects, their graph, the defects."""

    catalogues: RequirementCatalogues
    defects: list[Defect]
    rows_read: int = 0
    links_read: int = 0
    layout: str = SQUASH
    graph: rdflib.Graph = field(default_factory=rdflib.Graph)

    def defects_by_kind(self) -> dict[str, int]:
        return count_by_kind(self.defects)


class _Reader:
    def __init__(self, path: Path, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.defects: list[Defect] = []
        self.result = RequirementCatalogues()
        self.by_name: dict[str, Catalogue] = {}
        self.keys: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)  # key -> [(row, version ID)]
        self.version_rows: dict[int, int] = {}

    def defect(self, kind: str, sheet: str, row: int, column: str, **values: object) -> None:
        message = rem_text(f"squash_{kind}", self.lang, **values)
        self.defects.append(
            RemDefect(file=str(self.path), row=row, field=column, message=message, kind=kind, sheet=sheet)
        )

    def number(self, row: Row, column: str, sheet: str) -> int | None:
        text = row[column]
        try:
            return int(text)
        except ValueError:
            self.defect("number_malformed", sheet, row.number, column, value=text)
            return None

    # -- REQUIREMENT -----------------------------------------------------------------------------
    def version(self, row: Row, columns: dict[str, str]) -> None:
        def get(name: str) -> str:
            column = columns.get(name)
            return row[column] if column else ""

        numbers = {}
        for name in ("id", "req_id", "num"):
            numbers[name] = self.number(row, columns[name], REQUIREMENT_SHEET)
            if numbers[name] is None:
                return
        version_id, requirement_id, number = numbers["id"], numbers["req_id"], numbers["num"]
        assert version_id is not None and requirement_id is not None and number is not None
        first = self.version_rows.get(version_id)
        if first is not None:
            self.defect(
                "version_id_repeated", REQUIREMENT_SHEET, row.number, columns["id"], value=version_id, first=first
            )
            return
        self.version_rows[version_id] = row.number

        name = get("project_name")
        catalogue = self.by_name.get(name)
        if catalogue is None:
            project_id = get("project_id")
            catalogue = _catalogue(name, int(project_id) if project_id.isdigit() else None, set(self.result.catalogues))
            self.by_name[name] = catalogue
            self.result.catalogues[catalogue.code] = catalogue
        path = get("req_path")
        key = (path, number)
        if self.keys[key]:
            first_row = self.keys[key][0][0]
            self.defect(
                "duplicate_key",
                REQUIREMENT_SHEET,
                row.number,
                columns["req_path"],
                path=path,
                version=number,
                first=first_row,
                version_id=version_id,
            )
        self.keys[key].append((row.number, version_id))
        if catalogue_of_path(path) != name:
            self.defect("path_outside", REQUIREMENT_SHEET, row.number, columns["req_path"], path=path, catalogue=name)
        reference = get("reference")
        if not reference:
            self.defect("reference_missing", REQUIREMENT_SHEET, row.number, columns["reference"], version_id=version_id)

        coded: dict[str, str | None] = {}
        for field_name, table in (("status", STATUSES), ("criticality", CRITICALITIES), ("category", CATEGORIES)):
            value = get(field_name)
            coded[field_name] = value if value in table else None
            if value not in table:
                self.defect(
                    "value_unknown",
                    REQUIREMENT_SHEET,
                    row.number,
                    columns[field_name],
                    value=value,
                    known=", ".join(table),
                    version_id=version_id,
                )
        days: dict[str, date | None] = {}
        for field_name in ("created_on", "last_modified_on"):
            text = get(field_name)
            days[field_name] = None
            if text:
                try:
                    days[field_name] = date.fromisoformat(text[:10]) if len(text) in (10, 19) else None
                except ValueError:
                    pass
                if days[field_name] is None:
                    self.defect(
                        "value_unknown",
                        REQUIREMENT_SHEET,
                        row.number,
                        columns[field_name],
                        value=text,
                        known="YYYY-MM-DD",
                        version_id=version_id,
                    )
        self.result.versions[version_id] = RequirementVersion(
            version_id=version_id,
            requirement_id=requirement_id,
            catalogue=catalogue.code,
            number=number,
            reference=reference,
            name=get("name"),
            path=path,
            status=coded["status"],
            criticality=coded["criticality"],
            category=coded["category"],
            milestones=_split(get("milestone")),
            profile=get("profil"),
            section=get("section"),
            bloc=get("bloc"),
            function=get("fonction"),
            device_types=_split(get("segur_rem")),
            created=days["created_on"],
            modified=days["last_modified_on"],
        )

    # -- LINK_REQ_REQ ----------------------------------------------------------------------------
    def links(self, sheet: Sheet) -> int:
        if sheet.name != LINK_SHEET:
            self.defect("links_sheet_missing", LINK_SHEET, 1, "", sheet=LINK_SHEET)
            return 0
        present = {normalise_header(name): name for name in sheet.header or []}
        columns = {name: present.get(normalise_header(name), "") for name in LINK_COLUMNS}
        missing = [name for name, written in columns.items() if not written]
        if missing:
            self.defect(
                "links_columns_missing", LINK_SHEET, 1, missing[0], sheet=LINK_SHEET, missing=", ".join(missing)
            )
            return 0
        seen: dict[tuple[str, int, int], int] = {}
        read = 0
        for row in sheet.rows:
            read += 1
            role = row[columns["RELATED_REQ_ROLE"]]
            if role not in ROLES:
                self.defect(
                    "link_role_unknown",
                    LINK_SHEET,
                    row.number,
                    columns["RELATED_REQ_ROLE"],
                    value=role,
                    known=", ".join(ROLES),
                )
                continue
            ends: list[int] = []
            for path_column, number_column in (
                ("REQ_PATH", "REQ_VERSION_NUM"),
                ("RELATED_REQ_PATH", "RELATED_REQ_VERSION_NUM"),
            ):
                number = self.number(row, columns[number_column], LINK_SHEET)
                if number is None:
                    continue
                path = row[columns[path_column]]
                held = self.keys.get((path, number), [])
                if not held:
                    self.defect(
                        "link_endpoint_missing",
                        LINK_SHEET,
                        row.number,
                        columns[path_column],
                        path=path,
                        version=number,
                        role=role,
                    )
                elif len(held) > 1:
                    self.defect(
                        "link_endpoint_ambiguous",
                        LINK_SHEET,
                        row.number,
                        columns[path_column],
                        path=path,
                        version=number,
                        count=len(held),
                        role=role,
                    )
                else:
                    ends.append(held[0][1])
            if len(ends) != 2:
                continue
            written, related = ends
            if role == SEGUR_PARENT:
                # The socle side is the parent, whichever side of the row the export wrote it on.
                socles = [v for v in ends if self.kind_of(v) == SOCLE_KIND]
                if len(socles) == 1:
                    parent = socles[0]
                    derived = related if parent == written else written
                else:
                    self.defect(
                        "parent_not_socle", LINK_SHEET, row.number, columns["RELATED_REQ_ROLE"], count=len(socles)
                    )
                    parent, derived = written, related
            else:  # SEGUR_DERIVATED: the REQ_PATH version derives from the related one
                derived, parent = written, related
            marker = (role, derived, parent)
            if marker in seen:
                self.defect(
                    "link_repeated", LINK_SHEET, row.number, columns["RELATED_REQ_ROLE"], role=role, first=seen[marker]
                )
                continue
            seen[marker] = row.number
            self.result.links.append(RequirementLink(role=role, derived=derived, parent=parent))
        self.result.links.sort(key=lambda k: (k.role, k.derived, k.parent))
        return read

    def kind_of(self, version_id: int) -> str:
        return self.result.catalogues[self.result.versions[version_id].catalogue].kind


def _split(text: str) -> tuple[str, ...]:
    """A ``|``-separated list, sorted (the order of milestones or device types carries nothing)."""
    return tuple(sorted({part.strip() for part in text.split("|") if part.strip()}))


def read_squash(path: Path, sheet: Sheet, layout: Layout, lang: str) -> SquashImport:
    """The Squash TM export at ``path``, whose ``REQUIREMENT`` sheet is ``sheet`` (its header read as ``layout``)."""
    reader = _Reader(path, lang)
    rows_read = 0
    for row in sheet.rows:
        rows_read += 1
        reader.version(row, layout.columns)
    links = read_workbook(path, FormWording(lang), preferred_sheet=LINK_SHEET)
    links_read = reader.links(links)
    catalogues = reader.result
    return SquashImport(
        catalogues=catalogues,
        defects=reader.defects,
        rows_read=rows_read,
        links_read=links_read,
        graph=catalogue_graph(catalogues),
    )


def summarise_squash(result: SquashImport, file: str, lang: str) -> list[str]:
    """The stderr lines of a Squash import: one per defect, the summary, the defects by kind."""
    lines = [
        rem_text(
            "defect_line_sheet",
            lang,
            file=d.file,
            sheet=getattr(d, "sheet", ""),
            row=d.row,
            field=d.field,
            message=d.message,
        )
        for d in result.defects
    ]
    per_catalogue = defaultdict(int)
    for version in result.catalogues.versions.values():
        per_catalogue[version.catalogue] += 1
    lines.append(
        rem_text(
            "squash_summary",
            lang,
            file=file,
            rows_read=result.rows_read,
            per_catalogue=", ".join(f"{code} {count}" for code, count in per_catalogue.items())
            or rem_text("none", lang),
            links=len(result.catalogues.links),
            links_read=result.links_read,
            defects=len(result.defects),
        )
    )
    kinds = result.defects_by_kind()
    if kinds:
        lines.append(rem_text("summary_kinds", lang, kinds=", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))))
    return lines
