"""A REM in force at a milestone, and what changes between two milestones.

In force at M: the versions of the REM's catalogue that belong to M and are not OBSOLETE; of two versions of
one requirement (Squash's REQ_ID), the higher version number. A requirement is the same across milestones
when its REQ_ID is; it changed when its version number, profile, criticality or socle parents differ.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from segur_kg.catalogue.sources import Rem
from segur_kg.ingest.rem.catalogue import RequirementCatalogues, RequirementVersion

OBSOLETE = "OBSOLETE"
COMPARED = ("number", "profile", "criticality", "socle")


def in_force(catalogues: RequirementCatalogues, catalogue: str, milestone: str) -> dict[int, RequirementVersion]:
    """REQ_ID -> the version of that requirement in force at ``milestone``."""
    chosen: dict[int, RequirementVersion] = {}
    for version in catalogues.at_milestone(milestone, catalogue):
        if version.status == OBSOLETE:
            continue
        held = chosen.get(version.requirement_id)
        if held is None or version.number > held.number:
            chosen[version.requirement_id] = version
    return dict(sorted(chosen.items(), key=lambda item: (item[1].reference, item[0])))


def socle_ids(catalogues: RequirementCatalogues, version: RequirementVersion) -> tuple[str, ...]:
    return tuple(sorted({p.reference for p in catalogues.socle_parents(version.version_id)}))


def version_json(catalogues: RequirementCatalogues, rem: Rem, version: RequirementVersion) -> dict:
    return {
        "requirement": version.reference,
        "project_requirement": rem.project_id(version),
        "squash_requirement_id": version.requirement_id,
        "version_id": version.version_id,
        "version": version.number,
        "status": version.status,
        "criticality": version.criticality,
        "category": version.category,
        "profile": version.profile,
        "socle": list(socle_ids(catalogues, version)),
        "name": version.name,
        "milestones": list(version.milestones),
    }


@dataclass
class RemAtMilestone:
    rem: Rem
    milestone: str
    requirements: list[dict]

    def as_json(self) -> dict:
        return {
            "rem": self.rem.name,
            "catalogue": self.rem.catalogue,
            "milestone": self.milestone,
            "count": len(self.requirements),
            "requirements": self.requirements,
        }


def show(catalogues: RequirementCatalogues, rem: Rem, milestone: str) -> RemAtMilestone:
    versions = in_force(catalogues, rem.catalogue, milestone).values()
    return RemAtMilestone(rem, milestone, [version_json(catalogues, rem, v) for v in versions])


SHOW_COLUMNS = ("requirement", "project_requirement", "version", "status", "criticality", "profile", "socle", "name")


def show_csv(result: RemAtMilestone) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SHOW_COLUMNS)
    for row in result.requirements:
        writer.writerow(
            ["|".join(row[c]) if c == "socle" else ("" if row[c] is None else row[c]) for c in SHOW_COLUMNS]
        )
    return buffer.getvalue()


def _facets(catalogues: RequirementCatalogues, version: RequirementVersion) -> dict[str, object]:
    return {
        "number": version.number,
        "profile": version.profile,
        "criticality": version.criticality,
        "socle": "|".join(socle_ids(catalogues, version)),
    }


@dataclass
class RemDiff:
    rem: Rem
    start: str
    end: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # each with "changes": {facet: [before, after]}
    candidatures: list[dict] = field(default_factory=list)  # filled by catalogue.impact
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "rem": self.rem.name,
            "catalogue": self.rem.catalogue,
            "from": self.start,
            "to": self.end,
            "summary": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)},
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "candidatures": self.candidatures,
        }


def diff(catalogues: RequirementCatalogues, rem: Rem, start: str, end: str) -> RemDiff:
    before = in_force(catalogues, rem.catalogue, start)
    after = in_force(catalogues, rem.catalogue, end)
    result = RemDiff(rem, start, end)
    for key, version in after.items():
        if key not in before:
            result.added.append(version_json(catalogues, rem, version))
    for key, version in before.items():
        if key not in after:
            result.removed.append(version_json(catalogues, rem, version))
            continue
        old, new = _facets(catalogues, version), _facets(catalogues, after[key])
        changes = {facet: [old[facet], new[facet]] for facet in COMPARED if old[facet] != new[facet]}
        if changes:
            entry = version_json(catalogues, rem, after[key])
            entry["changes"] = changes
            result.changed.append(entry)
    return result


DIFF_COLUMNS = ("change", "requirement", "project_requirement", "squash_requirement_id", "what", "before", "after")


def diff_rows(result: RemDiff) -> list[list[object]]:
    rows: list[list[object]] = []
    for kind, entries in (("added", result.added), ("removed", result.removed)):
        for e in entries:
            rows.append(
                [kind, e["requirement"], e["project_requirement"] or "", e["squash_requirement_id"], "", "", ""]
            )
    for e in result.changed:
        for facet, (old, new) in e["changes"].items():
            rows.append(
                [
                    "changed",
                    e["requirement"],
                    e["project_requirement"] or "",
                    e["squash_requirement_id"],
                    facet,
                    old,
                    new,
                ]
            )
    return rows


def diff_csv(result: RemDiff) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DIFF_COLUMNS)
    writer.writerows(["" if v is None else v for v in row] for row in diff_rows(result))
    if result.candidatures:
        writer.writerow([])
        writer.writerow(IMPACT_COLUMNS)
        for c in result.candidatures:
            for item in c["items"]:
                writer.writerow(
                    [c["candidature"], c["rem"], *("" if item.get(k) is None else item[k] for k in IMPACT_KEYS)]
                )
    return buffer.getvalue()


IMPACT_KEYS = ("kind", "requirement", "export_requirement", "decision", "root_requirement", "origin", "via")
IMPACT_COLUMNS = ("candidature", "rem", *IMPACT_KEYS)
