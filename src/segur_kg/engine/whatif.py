"""What-if on a candidature: its perimeter before and after a proposed change (a profile, an additional
component, a root NRU), or the rule that refuses the change (MOD-1, DATE-3, ROOT-*). See docs/engine.md."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date

from segur_kg.engine.facts import Candidature, Facts, Modification
from segur_kg.engine.perimeter import Engine, Perimeter
from segur_kg.messages import msg
from segur_kg.rules import decides


@dataclass
class Change:
    requirement: str
    before: str
    after: str
    rules: tuple[str, ...]
    via: tuple[str, ...]


@dataclass
class WhatIf:
    candidature: str
    change: str  # e.g. "add-profile PA"
    date: date
    refused: bool
    rules: tuple[str, ...]
    reason: str
    before: Perimeter
    after: Perimeter | None
    changes: list[Change] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "candidature": self.candidature,
            "change": self.change,
            "date": self.date.isoformat(),
            "refused": self.refused,
            "rules": list(self.rules),
            "reason": self.reason,
            "before": {"status": self.before.status, "summary": self.before.summary},
            "after": None if self.after is None else {"status": self.after.status, "summary": self.after.summary},
            "changes": [
                {
                    "requirement": c.requirement,
                    "before": c.before,
                    "after": c.after,
                    "rules": list(c.rules),
                    "via": list(c.via),
                }
                for c in self.changes
            ],
        }


def _with_candidature(facts: Facts, cand: Candidature) -> Facts:
    """The same facts with one candidature replaced (the others are shared, not copied)."""
    clone = copy.copy(facts)
    clone.candidatures = dict(facts.candidatures)
    clone.candidatures[cand.iri] = cand
    return clone


def diff(before: Perimeter, after: Perimeter) -> list[Change]:
    """The requirements whose decision differs between two perimeters of one candidature."""
    old = {d.requirement_iri: d for d in before.requirements}
    changes = []
    for d in after.requirements:
        prior = old.get(d.requirement_iri)
        if prior is None or prior.decision != d.decision:
            changes.append(Change(d.requirement, prior.decision if prior else "-", d.decision, d.rules, d.via))
    return changes


@decides("MOD-1", "DATE-3", "ROOT-5")
def whatif(
    engine: Engine,
    candidature: str,
    as_of: date,
    *,
    add_profile: str | None = None,
    add_component: str | None = None,
    root: str | None = None,
    on: date | None = None,
) -> WhatIf:
    """The perimeter before and after a proposed change made on ``on`` (default: ``as_of``)."""
    f = engine.f
    c = f.candidatures[candidature]
    disp = f.dispositifs[c.dispositif]
    on = on or as_of
    before = engine.perimeter(candidature, as_of)
    mod = Modification(iri=f"{c.iri}/whatif", ident="whatif", kind="", date=on, target=c.iri)
    refusal: tuple[tuple[str, ...], str] | None = None
    if add_profile is not None:
        label = f"add-profile {add_profile}"
        if add_profile not in disp.profiles:
            offered = ", ".join(sorted(disp.profiles))
            reason = msg(
                "engine.whatif.profile-not-offered", dispositif=disp.ident, profile=add_profile, offered=offered
            )
            refusal = ((), reason)
        elif disp.profiles[add_profile] and disp.date2 and on > disp.date2:
            reason = msg(
                "engine.whatif.optional-profile-after-date2",
                profile=add_profile,
                on=on,
                dispositif=disp.ident,
                date2=disp.date2,
            )
            refusal = (("DATE-3",), reason)
        mod = replace(mod, kind="AddProfile", profile=add_profile)
    elif add_component is not None:
        comp = f.ids.get(add_component, add_component)
        label = f"add-component {add_component}"
        if comp not in f.component_types:
            refusal = ((), msg("engine.whatif.unknown-component", component=add_component))
        mod = replace(mod, kind="AddAdditionalComponent", component=comp)
    elif root is not None:
        ref_iri = f.ids.get(root, root)
        label = f"root {root}"
        if ref_iri not in f.referencings:
            refusal = ((), msg("engine.whatif.unknown-nru", nru=root))
        mod = replace(mod, kind="SetRootNRU", root=ref_iri)
    else:
        raise ValueError("one change is needed")
    if refusal is not None:
        return WhatIf(c.ident, label, on, True, refusal[0], refusal[1], before, None)
    changed = replace(c, modifications=sorted(c.modifications + [mod], key=lambda m: (m.date or date.min, m.ident)))
    if root is not None and not changed.attestation_complete:
        # Recording a root goes with the attestation sur l'honneur (ROOT-5): assume it is deposited too.
        changed = replace(changed, attestation_complete=True, attestation_date=on)
    other = Engine(_with_candidature(f, changed))
    after = other.perimeter(candidature, as_of)
    if root is not None:
        check = other.check_root(changed, other.state(changed, as_of), as_of)
        if not check.valid and not check.pending:
            reason = msg("engine.whatif.root-refused", root=root, candidature=c.ident, rules=", ".join(check.rules))
            return WhatIf(c.ident, label, on, True, check.rules, reason, before, after, diff(before, after))
    reopened = "engine.whatif.reopens-eligibility" if root else "engine.whatif.reopens-administrative"
    reason = msg(reopened, candidature=c.ident)
    return WhatIf(c.ident, label, on, False, ("MOD-1",), reason, before, after, diff(before, after))
