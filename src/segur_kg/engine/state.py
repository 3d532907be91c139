"""A candidature as it stands on a date: its profiles, additional components and root once its dated
modifications are applied (MOD-1), and the status of its own proofs then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from segur_kg.engine.facts import Candidature
from segur_kg.rules import decides


@dataclass
class State:
    """A candidature as it stands on a date, once its dated modifications are applied (MOD-1)."""

    profiles: set[str]
    component_types: set[str]
    root: str | None  # referencing IRI recorded by then
    root_recorded: date | None


@decides("MOD-1")
def state_on(c: Candidature, as_of: date, component_types: dict[str, str]) -> State:
    """The candidature's profiles, component types and root after the modifications dated up to ``as_of``;
    ``component_types`` maps a component IRI to its type code."""
    profiles = set(c.profiles)
    # By component, not by type: removing one of two components of a type keeps the other's chapters (ADD-1).
    components = dict(c.components)
    root, recorded = None, None
    if c.root and (c.root_recorded is None or c.root_recorded <= as_of):
        root, recorded = c.root, c.root_recorded
    for m in c.modifications:
        if m.date is not None and m.date > as_of:
            break
        if m.kind == "AddProfile" and m.profile:
            profiles.add(m.profile)
        elif m.kind == "RemoveProfile" and m.profile:
            profiles.discard(m.profile)
        elif m.kind == "AddAdditionalComponent" and m.component:
            components[m.component] = component_types.get(m.component, "")
        elif m.kind == "RemoveAdditionalComponent" and m.component:
            components.pop(m.component, None)
        elif m.kind == "SetRootNRU" and m.root:
            root, recorded = m.root, m.date
    types = {t for t in components.values() if t}
    return State(profiles, types, root, recorded)


def proof_status(c: Candidature, req_iri: str, as_of: date) -> str | None:
    """The candidature's proof of the requirement as it stood on the date, or None.

    Each scenario counts by its latest proof; the requirement is refused if one scenario is,
    deposited while one awaits its decision, validated when every scenario is.
    """
    latest: dict[str | None, tuple[date, date, str]] = {}
    for p in c.proofs.get(req_iri, ()):
        if p.deposited and p.deposited > as_of:
            continue
        decided_later = p.status != "deposited" and p.decided is not None and p.decided > as_of
        status = "deposited" if decided_later else p.status
        rank = (p.deposited or date.min, (p.decided or date.min) if not decided_later else date.min, status)
        if p.scenario not in latest or rank > latest[p.scenario]:
            latest[p.scenario] = rank
    if not latest:
        return None
    states = {rank[2] for rank in latest.values()}
    for state in ("refused", "deposited"):
        if state in states:
            return state
    return "validated"
