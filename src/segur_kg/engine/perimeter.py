"""The equivalence engine: for a candidature, as of a date, which proofs to deposit, which are exempt,
and why (rule IDs, the NRU chain, the referencing where each proof was validated); and the
candidature's status. The decision order and the rules behind it: docs/engine.md."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from urllib.parse import unquote

import networkx as nx

from segur_kg import identifiers
from segur_kg.engine.errors import EngineError, RootCycleError
from segur_kg.engine.facts import Candidature, Facts, Referencing, Requirement, Version, load_facts, paused_gc
from segur_kg.engine.roots import RootChains
from segur_kg.engine.state import State, proof_status, state_on
from segur_kg.messages import msg
from segur_kg.rules import decides
from segur_kg.stores import Store

GENERAL_PROFILE = "GEN"
IMAGING_COULOIR = "IMG"
DECISIONS = ("deposit", "exempt-heritage", "exempt-equivalence", "not-applicable")


def _local_id(iri: str) -> str:
    """The identifier at the end of an entity's IRI (…/id/editor/ED-ALPHA -> ED-ALPHA)."""
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


__all__ = [
    "DECISIONS",
    "Decision",
    "Engine",
    "EngineError",
    "Perimeter",
    "RootCheck",
    "RootCycleError",
    "State",
]


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
        self.roots = RootChains(facts)

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

    # ---- root chains (segur_kg.engine.roots)
    @property
    def graph(self) -> nx.DiGraph:
        return self.roots.graph

    @property
    def cyclic(self) -> dict[str, str]:
        return self.roots.cyclic

    def cycles(self) -> list[list[str]]:
        return self.roots.cycles()

    def chain(self, candidature: str, as_of: date | None = None) -> list[str]:
        """The NRUs from this candidature's root up to the first root that has none (TRANS-2)."""
        return self.roots.chain(candidature, as_of)

    def dependents(self, nru_iri: str) -> dict[str, list[str]]:
        """Who relies on this referencing: ``direct`` candidatures naming it as root, and ``transitive`` ones."""
        return self.roots.dependents(nru_iri)

    # ---- state as of a date (segur_kg.engine.state)
    def state(self, c: Candidature, as_of: date) -> State:
        return state_on(c, as_of, self.f.component_types)

    # ---- the root's validity
    @decides("HER-1", "COU-1", "ROOT-1", "ROOT-2", "ROOT-3", "ROOT-5", "ASC-1", "ASC-2", "TRANS-2")
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
        if "ROOT-5" not in refused and self._main_components_differ(mine, theirs):
            refused.append("ROOT-5")
        if mine and theirs and mine.key < theirs.key:
            refused.append("ASC-1")
        if ref.withdrawn and ref.withdrawn <= as_of:
            refused.append("ROOT-1")
        if refused:
            return RootCheck(ref, False, False, tuple(refused))
        if ref.date is None or ref.date > as_of:
            return RootCheck(ref, False, True, ("ROOT-1", "ROOT-2"))
        return RootCheck(ref, True, False, ("ROOT-1", "ROOT-5", "ASC-1", "ASC-2"))

    @staticmethod
    @decides("ROOT-5")
    def _main_components_differ(mine: Version | None, theirs: Version | None) -> bool:
        """The graph records a main component for both versions, and they are not the same: equivalence
        is for « une Solution logicielle B dont le composant principal est identique », whatever the
        attestation says."""
        return bool(mine and theirs and mine.main_component and theirs.main_component) and (
            mine.main_component != theirs.main_component
        )

    # ---- the perimeter
    def perimeter(self, candidature: str, as_of: date) -> Perimeter:
        key = (candidature, as_of)
        if key not in self._cache:
            self._cache[key] = self._compute(candidature, as_of, ())
        return self._cache[key]

    @decides("TRANS-2")
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
        referenced: dict[str, Decision] = {}
        if use_root and root.referencing.candidature in self.f.candidatures:
            root_cand = self.f.candidatures[root.referencing.candidature]
            # What the root's referencing covered: its perimeter on its referencing date (ROOT-6, ADD-1).
            root_perimeter = self._root_perimeter(root_cand.iri, root.referencing.date, visiting + (c.iri,))
            referenced = {d.requirement_iri: d for d in root_perimeter.requirements}
        root_version = self.f.versions.get(root.referencing.version or "") if root.referencing else None
        heritage, refused_heritage = self._heritage(c, disp, as_of)
        pending_common = self._pending_common(c, disp, state, as_of, root)

        decisions = []
        for req in self.f.by_rem.get(disp.rem or "", []):
            decisions.append(
                self._decide(
                    req,
                    c,
                    disp,
                    state,
                    heritage,
                    root,
                    root_perimeter,
                    root_cand,
                    root_version,
                    pending_common,
                    as_of,
                    referenced=referenced,
                    refused_heritage=bool(refused_heritage),
                )
            )
        status, status_rules = self._status(c, disp, state, root, decisions, as_of)
        notes = [msg("engine.perimeter.heritage-refused", **values) for values in refused_heritage]
        if c.iri in self.cyclic:
            notes.insert(0, msg("engine.perimeter.cycle-note", cycle=self.cyclic[c.iri]))
            return Perimeter(c.ident, c.iri, disp.ident, as_of, status, status_rules, decisions, (), notes)
        chain = tuple(self.chain(c.iri, as_of)) if state.root else ()
        return Perimeter(c.ident, c.iri, disp.ident, as_of, status, status_rules, decisions, chain, notes)

    def _root_perimeter(self, root_cand: str, on: date, visiting: tuple[str, ...]) -> Perimeter:
        key = (root_cand, on)
        if key not in self._cache:
            self._cache[key] = self._compute(root_cand, on, visiting)
        return self._cache[key]

    @decides("HER-2", "HER-3")
    def _heritage(self, c: Candidature, disp, as_of: date) -> tuple[list[Referencing], list[dict[str, str]]]:
        """The vague 1 referencings entered in the candidature that count on the date: of the same
        device type, referenced by then and not withdrawn, and obtained by a solution of the
        candidature's editor (HER-3: « le numéro de référencement obtenu en vague 1 » by the solution
        that applies). The second list describes the NRUs refused as another editor's, for the notes."""
        valid, refused = [], []
        for iri in c.va1:
            ref = self.f.referencings.get(iri)
            if ref is None or ref.wave != 1 or (ref.date and ref.date > as_of):
                continue
            ref_disp = self.f.dispositifs.get(ref.dispositif or "")
            if ref_disp is None or ref_disp.device_type != disp.device_type:
                continue
            if ref.withdrawn and ref.withdrawn <= as_of:
                continue
            other = self._other_editor(c, ref)
            if other is not None:
                refused.append(other)
                continue
            valid.append(ref)
        return valid, refused

    @decides("HER-3")
    def _other_editor(self, c: Candidature, ref: Referencing) -> dict[str, str] | None:
        """The solutions and editors of the candidature and of a vague 1 referencing, when the graph
        says that their editors differ; None when they are the same or unknown. Another solution of
        the same editor keeps its heritage (the shape HER-3-OTHER-SOLUTION warns)."""
        mine, theirs = self.f.versions.get(c.version or ""), self.f.versions.get(ref.version or "")
        if mine is None or theirs is None or not mine.solution or not theirs.solution:
            return None
        editor, their_editor = self.f.solution_editors.get(mine.solution), self.f.solution_editors.get(theirs.solution)
        if editor is None or their_editor is None or editor == their_editor:
            return None
        return {
            "nru": ref.nru,
            "solution": _local_id(mine.solution),
            "editor": _local_id(editor),
            "other_solution": _local_id(theirs.solution),
            "other_editor": _local_id(their_editor),
        }

    @decides("ROOT-2", "ROOT-6")
    def _pending_common(self, c: Candidature, disp, state: State, as_of: date, root: RootCheck) -> set[str]:
        """While waiting for a root: the requirements it would cover, if it validates them."""
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

    @decides("ROOT-6", "COU-2")
    def _counterparts(self, req: Requirement, disp, root_rem: str | None) -> list[tuple[str, str]]:
        """Requirements of the root's REM that stand for ``req``: (IRI, rule)."""
        out = []
        if root_rem == req.rem:
            out.append((req.iri, "ROOT-6"))
        for root_req in sorted(self.f.equivalences.get((disp.couloir, req.iri), ())):
            if self.f.requirements.get(root_req) and self.f.requirements[root_req].rem == root_rem:
                out.append((root_req, "COU-2"))
        return out

    @decides(
        "ADD-1", "HER-2", "HER-3", "HER-4", "HER-5", "MS-1", "COU-2", "ROOT-2", "ROOT-4", "ROOT-6", "TRANS-1", "TRANS-2"
    )
    def _decide(
        self,
        req,
        c,
        disp,
        state,
        heritage,
        root,
        root_perimeter,
        root_cand,
        root_version,
        pending_common,
        as_of,
        referenced: dict[str, Decision] | None = None,
        refused_heritage: bool = False,
    ) -> Decision:
        base = {
            "requirement": req.ident,
            "profile": req.profile,
            "component": req.component_type,
            "requirement_iri": req.iri,
        }
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
        own = proof_status(c, req.iri, as_of)
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
                origin = self._referenced_origin(root, root_cand, root_perimeter, referenced or {}, root_req, as_of)
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
        if req.vague1 and refused_heritage:
            # The vague 1 NRU entered is another editor's: no heritage from it (HER-3).
            return Decision(decision="deposit", rules=("HER-3",), proof_status=own, **base)
        if req.iri in pending_common:
            return Decision(decision="deposit", rules=("ROOT-2", "ROOT-6"), proof_status=own, **base)
        return Decision(decision="deposit", proof_status=own, **base)

    @decides("ROOT-6", "TRANS-2")
    def _referenced_origin(
        self,
        root: RootCheck,
        root_cand: Candidature,
        root_perimeter: Perimeter,
        referenced: dict[str, Decision],
        root_req: str,
        as_of: date,
    ):
        """Where the root's requirement was validated, if the root's referencing covered it: the root's
        perimeter on its referencing date (``root_perimeter``, ``referenced`` by requirement) applied to
        it (its profiles and components then, MOD-1) and its proof was validated by then, or it was
        exempt then through the root's own root (TRANS-2: the same at each step, « s'appuie sur le
        référencement obtenu dans le premier dispositif »); and no referencing of the chain upstream is
        withdrawn on the date. (NRU, upstream NRUs) or None."""
        then = referenced.get(root_req)
        if then is None or then.decision == "not-applicable":
            return None
        origin = self._origin(root_cand, root_perimeter, root_req, root.referencing.date)
        if origin is None:
            return None
        for nru in origin[1]:
            upstream = self.f.referencings.get(self.f.ids.get(nru, ""))
            if upstream is not None and upstream.withdrawn and upstream.withdrawn <= as_of:
                return None
        return origin

    @decides("TRANS-2")
    def _origin(self, root_cand: Candidature, root_perimeter: Perimeter, root_req: str, as_of: date):
        """Where the root's requirement was validated: (NRU, upstream NRUs) or None."""
        root_ref = self.f.referencing_by_candidature.get(root_cand.iri)
        if proof_status(root_cand, root_req, as_of) == "validated":
            return (root_ref.nru if root_ref else root_cand.ident), ()
        for d in root_perimeter.requirements:
            if d.requirement_iri == root_req and d.decision == "exempt-equivalence":
                return d.origin, d.via
        return None

    @decides("DATE-3")
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

    @decides("ROOT-1", "ROOT-2", "ROOT-3", "ROOT-4", "ROOT-6")
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
