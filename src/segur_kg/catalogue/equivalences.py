"""Equivalence lists derived from the socle graph, and their comparison with a published list.

Two requirements of two REMs are suggested as equivalent when both derive (SEGUR_PARENT) from one socle
requirement, a socle version's SEGUR_DERIVATED ancestors counting as the same socle requirement; the shared
socle ID is the reason. The list is written in the project's layout (``data/reference/equivalences/``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from segur_kg.catalogue.sources import Rem
from segur_kg.catalogue.timeline import OBSOLETE, in_force
from segur_kg.errors import InputError
from segur_kg.ingest.rem.catalogue import SEGUR_DERIVATED, SEGUR_PARENT, RequirementCatalogues, RequirementVersion
from segur_kg.ingest.tables import read_table
from segur_kg.messages import msg

COLUMNS = ["root_rem", "root_requirement", "candidate_rem", "candidate_requirement", "note"]
Pair = tuple[str, str, str, str]


def _socle_root(catalogues: RequirementCatalogues, version_id: int) -> RequirementVersion:
    """The earliest socle version ``version_id`` derives from through SEGUR_DERIVATED (itself when none)."""
    parents = {k.derived: k.parent for k in catalogues.links if k.role == SEGUR_DERIVATED}
    seen = {version_id}
    while version_id in parents and parents[version_id] not in seen:
        version_id = parents[version_id]
        seen.add(version_id)
    return catalogues.versions[version_id]


def current_versions(
    catalogues: RequirementCatalogues, catalogue: str, milestone: str | None
) -> list[RequirementVersion]:
    """The REM's versions in force at ``milestone``; without one, each requirement's highest version not obsolete."""
    if milestone is not None:
        return list(in_force(catalogues, catalogue, milestone).values())
    chosen: dict[int, RequirementVersion] = {}
    for v in catalogues.versions_of(catalogue):
        if v.status != OBSOLETE and (v.requirement_id not in chosen or v.number > chosen[v.requirement_id].number):
            chosen[v.requirement_id] = v
    return list(chosen.values())


def socles_of(catalogues: RequirementCatalogues, versions: list[RequirementVersion]) -> dict[int, set[str]]:
    """Version ID -> the socle IDs it derives from (SEGUR_PARENT, then SEGUR_DERIVATED back to the first)."""
    wanted = {v.version_id for v in versions}
    found: dict[int, set[str]] = {v: set() for v in wanted}
    for link in catalogues.links:
        if link.role == SEGUR_PARENT and link.derived in wanted:
            root = _socle_root(catalogues, link.parent)
            if root.reference:
                found[link.derived].add(root.reference)
    return found


@dataclass
class Suggestion:
    rows: list[dict[str, str]] = field(default_factory=list)
    no_counterpart: list[tuple[str, str]] = field(default_factory=list)  # (REM name, export requirement ID)

    def csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return buffer.getvalue()


def suggest(catalogues: RequirementCatalogues, root: Rem, candidate: Rem, milestone: str | None) -> Suggestion:
    """Pairs (root requirement, candidate requirement) sharing a socle requirement, sorted, one per pair."""
    result = Suggestion()
    sides = []
    for rem in (root, candidate):
        versions = current_versions(catalogues, rem.catalogue, milestone)
        socles = socles_of(catalogues, versions)
        by_socle: dict[str, set[str]] = {}
        for v in versions:
            if not socles[v.version_id]:
                continue
            ident = rem.project_id(v)
            if ident is None:
                result.no_counterpart.append((rem.name, v.reference))
                continue
            for socle in socles[v.version_id]:
                by_socle.setdefault(socle, set()).add(ident)
        sides.append(by_socle)
    reasons: dict[Pair, set[str]] = {}
    for socle, root_ids in sides[0].items():
        for root_id in root_ids:
            for candidate_id in sides[1].get(socle, ()):
                reasons.setdefault((root.name, root_id, candidate.name, candidate_id), set()).add(socle)
    for pair in sorted(reasons):
        note = msg("catalogue.same-socle", socles=", ".join(sorted(reasons[pair])))
        result.rows.append(dict(zip(COLUMNS, (*pair, note), strict=True)))
    result.no_counterpart = sorted(set(result.no_counterpart))
    return result


def read_pairs(path: Path) -> set[Pair]:
    if not path.is_file():
        raise InputError(path, "", msg("catalogue.no-such-list"))
    return {
        (row["root_rem"], row["root_requirement"], row["candidate_rem"], row["candidate_requirement"])
        for row in read_table(path, COLUMNS[:4])
    }


@dataclass
class Comparison:
    suggested: str
    published: str
    common: list[Pair]
    only_suggested: list[Pair]
    only_published: list[Pair]

    @property
    def precision(self) -> float | None:
        found = len(self.common) + len(self.only_suggested)
        return len(self.common) / found if found else None

    @property
    def recall(self) -> float | None:
        expected = len(self.common) + len(self.only_published)
        return len(self.common) / expected if expected else None

    def as_json(self) -> dict:
        def listed(pairs: list[Pair]) -> list[dict[str, str]]:
            return [dict(zip(COLUMNS[:4], p, strict=True)) for p in pairs]

        return {
            "suggested": self.suggested,
            "published": self.published,
            "precision": self.precision,
            "recall": self.recall,
            "counts": {
                "common": len(self.common),
                "only_suggested": len(self.only_suggested),
                "only_published": len(self.only_published),
            },
            "common": listed(self.common),
            "only_suggested": listed(self.only_suggested),
            "only_published": listed(self.only_published),
        }


def compare(suggested: Path, published: Path) -> Comparison:
    mine, theirs = read_pairs(suggested), read_pairs(published)
    return Comparison(
        str(suggested), str(published), sorted(mine & theirs), sorted(mine - theirs), sorted(theirs - mine)
    )
