"""The equivalence engine: for a candidature, as of a date, which proofs to deposit, which are
exempt, and why (rule IDs, the NRU chain, the referencing where each proof was validated).

Decisions, in the order they are tried for each requirement of the candidature's REM:

1. ``not-applicable``: the requirement's profile is not chosen (``GEN`` requirements apply to every
   candidature), or it concerns an additional component type the candidature does not declare.
2. ``exempt-heritage``: a *périmètre Vague 1* requirement covered by a vague 1 referencing of the
   same device type entered in the candidature, for that profile (HER-2, HER-3, HER-5). Heritage
   removes the requirement from the perimeter, so it wins over equivalence.
3. ``exempt-equivalence``: the candidature's valid root (ROOT-1, ROOT-3, ROOT-5, HER-1, COU-1,
   ASC-1) validated the same requirement of the same REM (ROOT-6), or a requirement that the
   couloir's equivalence list maps to it (COU-2); through a chain of roots, the origin is where the
   proof was actually validated (TRANS-2). Chapters of additional components the root does not
   have are not exempt (ADD-1).
4. ``deposit``: everything else, with the candidature's own proof status as of the date.

Everything is computed as of a date: modifications, root recordings, referencings and proof
decisions dated after it do not count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

import networkx as nx

from segur_kg import identifiers
from segur_kg.engine.facts import Candidature, Facts, Referencing, Requirement, load_facts, paused_gc
from segur_kg.i18n import tr
from segur_kg.stores import Store

GENERAL_PROFILE = "GEN"
IMAGING_COULOIR = "IMG"
DECISIONS = ("deposit", "exempt-heritage", "exempt-equivalence", "not-applicable")


class EngineError(Exception):
    """The graph cannot be reasoned on as it is (a cycle of roots, an unknown identifier)."""


class RootCycleError(EngineError):
    def __init__(self, cycle: list[str]) -> None:
        self.cycle = cycle
        super().__init__(
            tr(
                f"cycle de solutions racines (TRANS-2) : {' -> '.join(cycle)}",
                f"cycle of root solutions (TRANS-2): {' -> '.join(cycle)}",
            )
        )


@dataclass(frozen=True)
class Decision:
    requirement: str
    profile: str | None
    decision: str
    rules: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    origin: str | None = None
    proof_status: str | None = None
    component: str | None = None
    requirement_iri: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data["rules"], data["via"] = list(self.rules), list(self.via)
        return data


@dataclass
class Perimeter:
    candidature: str
    candidature_iri: str
    dispositif: str
    as_of: date
    status: str
    status_rules: tuple[str, ...]
    requirements: list[Decision]
    root_chain: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(d.decision for d in self.requirements)
        return {k: counts.get(k, 0) for k in DECISIONS}

    def decision(self, requirement: str) -> Decision:
        for d in self.requirements:
            if d.requirement == requirement:
                return d
        raise KeyError(requirement)

    def as_json(self) -> dict:
        """The stable JSON contract of ``segur-kg perimeter`` (docs/perimeter-json.md)."""
        return {
            "candidature": self.candidature,
            "dispositif": self.dispositif,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "status_rules": list(self.status_rules),
            "root_chain": list(self.root_chain),
            "requirements": [
                {k: v for k, v in d.as_json().items() if k != "requirement_iri"} for d in self.requirements
            ],
            "summary": self.summary,
        }


@dataclass
class State:
    """A candidature as it stands on a date, once its dated modifications are applied (MOD-1)."""

    profiles: set[str]
    component_types: set[str]
    root: str | None  # referencing IRI recorded by then
    root_recorded: date | None


@dataclass
class RootCheck:
    referencing: Referencing | None
    valid: bool
    pending: bool  # recorded, but the root is not yet referenced on the date (ROOT-1)
    rules: tuple[str, ...]  # rules that refuse it, or that it rests on when valid


class Engine:
    """Perimeters, statuses and root chains over one snapshot of the graph."""

    def __init__(self, facts: Facts) -> None:
        self.f = facts
        self._cache: dict[tuple[str, date], Perimeter] = {}
        self.graph = self._root_graph()
        self.cyclic = self._cyclic_candidatures()

    def clear_cache(self) -> None:
        """Forget every perimeter computed so far (root chains included): the next call computes
        from the facts again, as a fresh engine would."""
        self._cache.clear()

    @classmethod
    def from_store(cls, store: Store) -> Engine:
        return cls(load_facts(store))

    # ---- identifiers
    def resolve(self, ident: str, kinds: tuple[str, ...] = ("candidature",)) -> str:
        """The IRI of a candidature (or NRU, component, commercial name) given as its IRI or its
        short identifier."""
        return identifiers.resolve(ident, kinds, self.f.ids.get, self._kinds_of, EngineError)

    def _kinds_of(self, iri: str) -> set[str]:
        kinds = {"candidature": iri in self.f.candidatures, "nru": iri in self.f.referencings}
        return {kind for kind, known in kinds.items() if known}

    # ---- root chains (TRANS-1, TRANS-2)
    def _root_graph(self) -> nx.DiGraph:
        """candidature -> its root referencing -> the candidature that obtained it -> ..."""
        g = nx.DiGraph()
        for c in self.f.candidatures.values():
            g.add_node(c.iri, kind="candidature", label=c.ident)
            roots = {c.root} | {m.root for m in c.modifications if m.root}
            for root in filter(None, roots):
                ref = self.f.referencings.get(root)
                g.add_node(root, kind="referencing", label=ref.nru if ref else root)
                g.add_edge(c.iri, root)
        for ref in self.f.referencings.values():
            g.add_node(ref.iri, kind="referencing", label=ref.nru)
            if ref.candidature:
                g.add_edge(ref.iri, ref.candidature)
        return g

    def _cyclic_candidatures(self) -> dict[str, str]:
        """Candidatures whose chain of roots runs into a cycle, with the cycle's description (TRANS-2).

        Their root is refused rather than the whole computation stopped: a national run still
        answers for every other candidature."""
        out: dict[str, str] = {}
        for component in nx.strongly_connected_components(self.graph):
            node = next(iter(component))
            if len(component) == 1 and not self.graph.has_edge(node, node):
                continue
            labels = " -> ".join(self.graph.nodes[u]["label"] for u, _ in nx.find_cycle(self.graph, node))
            for member in component | nx.ancestors(self.graph, node):
                if member in self.f.candidatures:
                    out[member] = labels
        return out

    def cycles(self) -> list[list[str]]:
        return [[self.graph.nodes[n]["label"] for n in cycle] for cycle in nx.simple_cycles(self.graph)]

    def chain(self, candidature: str, as_of: date | None = None) -> list[str]:
        """The NRUs from this candidature's root up to the first root that has none (TRANS-2)."""
        as_of = as_of or date.max
        path = [self.f.candidatures[candidature].ident]  # candidature, NRU, candidature, NRU...
        current = self.f.candidatures[candidature]
        while True:
            root = self.state(current, as_of).root
            ref = self.f.referencings.get(root) if root else None
            if root is None:
                break
            path.append(ref.nru if ref else root)
            nxt = self.f.candidatures.get(ref.candidature) if ref and ref.candidature else None
            if nxt is None:
                break
            if nxt.ident in path[::2]:
                raise RootCycleError(path[path.index(nxt.ident) :] + [nxt.ident])
            path.append(nxt.ident)
            current = nxt
        return path[1::2]

    def dependents(self, nru_iri: str) -> dict[str, list[str]]:
        """Who relies on this referencing: ``direct`` candidatures naming it as root, and ``transitive`` ones."""
        reverse = self.graph.reverse(copy=False)
        reached = nx.descendants(reverse, nru_iri) if nru_iri in reverse else set()
        direct = (
            sorted(self.f.candidatures[c].ident for c in self.graph.predecessors(nru_iri) if c in self.f.candidatures)
            if nru_iri in self.graph
            else []
        )
        transitive = sorted(
            self.f.candidatures[n].ident
            for n in reached
            if n in self.f.candidatures and self.f.candidatures[n].ident not in direct
        )
        return {"direct": direct, "transitive": transitive}

    # ---- state as of a date (MOD-1)
    def state(self, c: Candidature, as_of: date) -> State:
        profiles = set(c.profiles)
        types = {t for t in c.components.values() if t}
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
                types.add(self.f.component_types.get(m.component, ""))
            elif m.kind == "RemoveAdditionalComponent" and m.component:
                types.discard(self.f.component_types.get(m.component, ""))
            elif m.kind == "SetRootNRU" and m.root:
                root, recorded = m.root, m.date
        types.discard("")
        return State(profiles, types, root, recorded)

    # ---- the root's validity (HER-1, ROOT-1, ROOT-3, ROOT-5, ASC-1, COU-1)
    def check_root(self, c: Candidature, state: State, as_of: date) -> RootCheck:
        ref = self.f.referencings.get(state.root) if state.root else None
        if ref is None:
            return RootCheck(None, False, False, ())
        if c.iri in self.cyclic:
            return RootCheck(ref, False, False, ("TRANS-2",))
        disp = self.f.dispositifs[c.dispositif]
        refused: list[str] = []
        if ref.wave != 2:
            refused.append("HER-1")
        root_disp = self.f.dispositifs.get(ref.dispositif) if ref.dispositif else None
        if disp.couloir == IMAGING_COULOIR or (root_disp and root_disp.couloir == IMAGING_COULOIR):
            refused.append("COU-1")
        if disp.date2 and state.root_recorded and state.root_recorded > disp.date2:
            refused.append("ROOT-3")
        if not c.attestation_complete or (c.attestation_date and c.attestation_date > as_of):
            refused.append("ROOT-5")
        mine, theirs = self.f.versions.get(c.version or ""), self.f.versions.get(ref.version or "")
        if mine and theirs and mine.key < theirs.key:
            refused.append("ASC-1")
        if ref.withdrawn and ref.withdrawn <= as_of:
            refused.append("ROOT-1")
        if refused:
            return RootCheck(ref, False, False, tuple(refused))
        if ref.date is None or ref.date > as_of:
            return RootCheck(ref, False, True, ("ROOT-1", "ROOT-2"))
        return RootCheck(ref, True, False, ("ROOT-1", "ROOT-5", "ASC-1", "ASC-2"))

    # ---- the perimeter
    def perimeter(self, candidature: str, as_of: date) -> Perimeter:
        key = (candidature, as_of)
        if key not in self._cache:
            self._cache[key] = self._compute(candidature, as_of, ())
        return self._cache[key]

    def _compute(self, candidature: str, as_of: date, visiting: tuple[str, ...]) -> Perimeter:
        c = self.f.candidatures[candidature]
        if c.iri in visiting:
            names = [self.f.candidatures[v].ident for v in visiting[visiting.index(c.iri) :]] + [c.ident]
            raise RootCycleError(names)
        disp = self.f.dispositifs[c.dispositif]
        state = self.state(c, as_of)
        root = self.check_root(c, state, as_of)
        use_root = root.valid and not c.classic
        root_perimeter = None
        root_cand = None
        if use_root and root.referencing.candidature in self.f.candidatures:
            root_cand = self.f.candidatures[root.referencing.candidature]
            key = (root_cand.iri, as_of)
            root_perimeter = self._cache.get(key) or self._compute(root_cand.iri, as_of, visiting + (c.iri,))
            self._cache[key] = root_perimeter
        root_version = self.f.versions.get(root.referencing.version or "") if root.referencing else None
        heritage = self._heritage(c, disp, as_of)
        pending_common = self._pending_common(c, disp, state, as_of, root)

        decisions = []
        for req in self.f.by_rem.get(disp.rem or "", []):
            decisions.append(
                self._decide(
                    req, c, disp, state, heritage, root, root_perimeter, root_cand, root_version, pending_common, as_of
                )
            )
        status, status_rules = self._status(c, disp, state, root, decisions, as_of)
        if c.iri in self.cyclic:
            return Perimeter(
                c.ident,
                c.iri,
                disp.ident,
                as_of,
                status,
                status_rules,
                decisions,
                (),
                [tr(f"cycle de racines : {self.cyclic[c.iri]}", f"cycle of roots: {self.cyclic[c.iri]}")],
            )
        chain = tuple(self.chain(c.iri, as_of)) if state.root else ()
        return Perimeter(c.ident, c.iri, disp.ident, as_of, status, status_rules, decisions, chain)

    def _heritage(self, c: Candidature, disp, as_of: date) -> list[Referencing]:
        """The vague 1 referencings entered in the candidature that count on the date (HER-2)."""
        valid = []
        for iri in c.va1:
            ref = self.f.referencings.get(iri)
            if ref is None or ref.wave != 1 or (ref.date and ref.date > as_of):
                continue
            ref_disp = self.f.dispositifs.get(ref.dispositif or "")
            if ref_disp is None or ref_disp.device_type != disp.device_type:
                continue
            if ref.withdrawn and ref.withdrawn <= as_of:
                continue
            valid.append(ref)
        return valid

    def _pending_common(self, c: Candidature, disp, state: State, as_of: date, root: RootCheck) -> set[str]:
        """While waiting for a root (ROOT-2, ROOT-6): the requirements it would cover, if it validates them."""
        if c.classic or root.valid:
            return set()
        target = None
        if root.pending and root.referencing and root.referencing.candidature:
            target = self.f.candidatures.get(root.referencing.candidature)
        elif c.intended_root and state.root is None:
            target = self.f.candidatures.get(c.intended_root)
        if target is None:
            return set()
        target_rem = self.f.dispositifs[target.dispositif].rem
        covered = set()
        for req in self.f.by_rem.get(disp.rem or "", []):
            if self._counterparts(req, disp, target_rem):
                covered.add(req.iri)
        return covered

    def _counterparts(self, req: Requirement, disp, root_rem: str | None) -> list[tuple[str, str]]:
        """Requirements of the root's REM that stand for ``req``: (IRI, rule)."""
        out = []
        if root_rem == req.rem:
            out.append((req.iri, "ROOT-6"))
        for root_req in sorted(self.f.equivalences.get((disp.couloir, req.iri), ())):
            if self.f.requirements.get(root_req) and self.f.requirements[root_req].rem == root_rem:
                out.append((root_req, "COU-2"))
        return out

    def _proof_status(self, c: Candidature, req_iri: str, as_of: date) -> str | None:
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

    def _validated(self, c: Candidature, req_iri: str, as_of: date) -> bool:
        return self._proof_status(c, req_iri, as_of) == "validated"

    def _decide(
        self, req, c, disp, state, heritage, root, root_perimeter, root_cand, root_version, pending_common, as_of
    ) -> Decision:
        base = dict(requirement=req.ident, profile=req.profile, component=req.component_type, requirement_iri=req.iri)
        if req.profile and req.profile != GENERAL_PROFILE and req.profile not in state.profiles:
            return Decision(decision="not-applicable", **base)
        if req.component_type and req.component_type not in state.component_types:
            return Decision(decision="not-applicable", rules=("ADD-1",), **base)
        if req.vague1 and heritage:
            covering = [r for r in heritage if req.profile in (None, GENERAL_PROFILE) or req.profile in r.profiles]
            if covering:
                rules = ("HER-2", "HER-3") + (("HER-5",) if len(heritage) > 1 else ())
                nrus = tuple(sorted(r.nru for r in covering))
                return Decision(decision="exempt-heritage", rules=rules, via=nrus, origin=nrus[0], **base)
        own = self._proof_status(c, req.iri, as_of)
        if req.vague1 and heritage:
            rules = ("HER-4",) + (("MS-1",) if disp.device_type == "DUI" else ())
            return Decision(decision="deposit", rules=rules, proof_status=own, **base)
        if root.valid and c.classic is False and root_perimeter is not None:
            if (
                req.component_type
                and root_version is not None
                and req.component_type not in root_version.component_types
            ):
                return Decision(decision="deposit", rules=("ADD-1",), proof_status=own, **base)
            root_cand_rem = self.f.dispositifs[root_cand.dispositif].rem
            for root_req, rule in self._counterparts(req, disp, root_cand_rem):
                origin = self._origin(root_cand, root_perimeter, root_req, as_of)
                if origin is None:
                    continue
                origin_nru, upstream = origin
                via = (root.referencing.nru,) + upstream
                rules = (rule,)
                if len(via) > 1:
                    rules += ("TRANS-2",)
                if root_cand.dispositif != c.dispositif:
                    rules += ("TRANS-1",)
                return Decision(decision="exempt-equivalence", rules=rules, via=via, origin=origin_nru, **base)
        if c.classic:
            return Decision(decision="deposit", rules=("ROOT-4",), proof_status=own, **base)
        if req.iri in pending_common:
            return Decision(decision="deposit", rules=("ROOT-2", "ROOT-6"), proof_status=own, **base)
        return Decision(decision="deposit", proof_status=own, **base)

    def _origin(self, root_cand: Candidature, root_perimeter: Perimeter, root_req: str, as_of: date):
        """Where the root's requirement was validated: (NRU, upstream NRUs) or None."""
        root_ref = self.f.referencing_by_candidature.get(root_cand.iri)
        if self._validated(root_cand, root_req, as_of):
            return (root_ref.nru if root_ref else root_cand.ident), ()
        for d in root_perimeter.requirements:
            if d.requirement_iri == root_req and d.decision == "exempt-equivalence":
                return d.origin, d.via
        return None

    def _status(self, c, disp, state: State, root: RootCheck, decisions, as_of: date) -> tuple[str, tuple[str, ...]]:
        after_date2 = disp.date2 is not None and as_of > disp.date2
        own = self.f.referencing_by_candidature.get(c.iri)
        if (
            own is not None
            and own.date is not None
            and own.date <= as_of
            and not (own.withdrawn and own.withdrawn <= as_of)
        ):
            return "referenced", ()
        status, rules = self._root_status(c, state, root, decisions, after_date2)
        missing = any(d.decision == "deposit" and d.proof_status is None for d in decisions)
        if after_date2 and missing and status in ("ready", "classic", "root-refused"):
            # After Date 2 the dossier must be complete (DATE-3), whatever the root did for it.
            return "incomplete", ("DATE-3",) + rules
        return status, rules

    def _root_status(
        self, c, state: State, root: RootCheck, decisions, after_date2: bool
    ) -> tuple[str, tuple[str, ...]]:
        if c.classic:
            return "classic", ("ROOT-4",)
        if state.root is not None:
            if root.valid:
                return "ready", root.rules + (
                    ("ROOT-6",) if any(d.decision == "exempt-equivalence" for d in decisions) else ()
                )
            if root.pending:
                return ("rejected", ("ROOT-1", "ROOT-3")) if after_date2 else ("pending-root", root.rules)
            if "ROOT-3" in root.rules:
                return "rejected", ("ROOT-3",)
            return "root-refused", root.rules
        if c.intended_root:
            return ("rejected", ("ROOT-2", "ROOT-3")) if after_date2 else ("pending-root", ("ROOT-2",))
        return "ready", ()

    def perimeters(self, as_of: date) -> list[Perimeter]:
        """Every candidature's perimeter, in identifier order."""
        with paused_gc():
            return [
                self.perimeter(iri, as_of)
                for iri in sorted(self.f.candidatures, key=lambda i: self.f.candidatures[i].ident)
            ]
