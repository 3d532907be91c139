"""What a REM import gives: its rows, its defects and its graph."""

from __future__ import annotations

from dataclasses import dataclass

import rdflib

from segur_kg.errors import Defect


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
    publication_status: str = ""  # the older export and the pre-publication report
    extra_proofs: tuple[tuple[str, str], ...] = ()  # the pre-publication report's proofs 2..10: (number, text)


@dataclass(frozen=True)
class RemDefect(Defect):
    """A :class:`Defect` of a REM table, with its ``kind`` (``docs/rem-layouts.md``, "Defects") and, in a
    workbook of several sheets read together (the Squash TM export), its ``sheet``."""

    kind: str = ""
    sheet: str = ""


@dataclass
class RemImport:
    """The result of :func:`segur_kg.ingest.rem.read_rem`."""

    graph: rdflib.Graph
    rows: list[RemRow]
    defects: list[Defect]
    requirements_per_rem: dict[str, int]
    rows_read: int = 0
    layout: str = ""

    def defects_by_kind(self) -> dict[str, int]:
        return count_by_kind(self.defects)


def count_by_kind(defects: list[Defect]) -> dict[str, int]:
    """Defects per kind (a table defect without one counts as ``other``), in the order first met."""
    counts: dict[str, int] = {}
    for defect in defects:
        kind = getattr(defect, "kind", "") or "other"
        counts[kind] = counts.get(kind, 0) + 1
    return counts
