"""What a REM's change between two milestones does to candidatures on that REM, through the engine's perimeters.

For each candidature whose dispositif's REM maps to the diff's catalogue (the project REM named, or every
project REM of the catalogue's device type): an added requirement is a new one to deposit; a changed one that
the candidature deposits is to deposit again; an exemption no longer holds when it rests on a changed
requirement (the candidature's own, or for an equivalence the root's, ``via``/``origin`` as the engine gives
them); a removed requirement is no longer asked. An export requirement without counterpart in the project
REM is reported so (``requirement`` empty).
"""

from __future__ import annotations

from datetime import date

from segur_kg.catalogue.sources import project_rems
from segur_kg.catalogue.timeline import RemDiff

NEW, REDEPOSIT, EXEMPTION_LOST, NO_LONGER_ASKED, NO_COUNTERPART = (
    "new-to-deposit",
    "deposit-again",
    "exemption-lost",
    "no-longer-asked",
    "no-counterpart",
)


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _rem_of_nru(engine, nru: str | None) -> str:
    referencing = next((r for r in engine.f.referencings.values() if r.nru == nru), None)
    dispositif = engine.f.dispositifs.get(referencing.dispositif) if referencing and referencing.dispositif else None
    return _local(dispositif.rem) if dispositif is not None else ""


def candidature_impact(result: RemDiff, engine, device_type: str | None, as_of: date) -> None:
    """Fill ``result.candidatures``: for each candidature on the REM, or whose exemption rests on a root's
    requirement of the REM, what the change asks of it."""
    if result.rem.project is not None:
        rem_ids = {result.rem.project.ident}
    else:
        rem_ids = {p.ident for p in project_rems().values() if p.device_type == device_type}
    changed = {e["project_requirement"]: e for e in result.changed if e["project_requirement"]}
    removed = {e["project_requirement"]: e for e in result.removed if e["project_requirement"]}
    for cand in sorted(engine.f.candidatures.values(), key=lambda c: c.ident):
        dispositif = engine.f.dispositifs.get(cand.dispositif)
        rem_id = _local(dispositif.rem) if dispositif is not None else ""
        on_rem = rem_id in rem_ids
        perimeter = engine.perimeter(cand.iri, as_of)
        items: list[dict] = []
        if on_rem:
            for entry in result.added:
                kind = NEW if entry["project_requirement"] else NO_COUNTERPART
                items.append(_item(kind, entry["project_requirement"], entry["requirement"]))
        for d in perimeter.requirements:
            root_requirement = d.values.get("root_requirement") if d.decision == "exempt-equivalence" else None
            origin, via = d.origin, "|".join(d.via)
            # the root's requirement is of this REM when the root's referencing is on it (via[0] is the root's NRU)
            root_on_rem = root_requirement in changed and _rem_of_nru(engine, d.via[0] if d.via else None) in rem_ids
            if on_rem and d.requirement in removed:
                items.append(_item(NO_LONGER_ASKED, d.requirement, removed[d.requirement]["requirement"], d.decision))
            elif on_rem and d.requirement in changed and d.decision == "deposit":
                items.append(_item(REDEPOSIT, d.requirement, changed[d.requirement]["requirement"], d.decision))
            elif d.decision.startswith("exempt") and ((on_rem and d.requirement in changed) or root_on_rem):
                rested_on = d.requirement if on_rem and d.requirement in changed else root_requirement
                export_id = changed[rested_on]["requirement"]
                items.append(_item(EXEMPTION_LOST, d.requirement, export_id, d.decision, root_requirement, origin, via))
        if on_rem or items:
            result.candidatures.append({"candidature": cand.ident, "rem": rem_id, "items": items})


def _item(kind, requirement, export_requirement, decision=None, root_requirement=None, origin=None, via=None) -> dict:
    return {
        "kind": kind,
        "requirement": requirement,
        "export_requirement": export_requirement,
        "decision": decision,
        "root_requirement": root_requirement,
        "origin": origin,
        "via": via or None,
    }
