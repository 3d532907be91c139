"""The equivalence engine: for a candidature, as of a date, which proofs to deposit, which are exempt,
and why (rule IDs, the NRU chain, the referencing where each proof was validated); and the
candidature's status. The decision order and the rules behind it: docs/engine.md."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

import networkx as nx

from segur_kg import identifiers
from segur_kg.engine.errors import EngineError, RootCycleError
from segur_kg.engine.facts import Candidature, Facts, Referencing, Requirement, Version, load_facts, paused_gc
from segur_kg.engine.reasons import REASONS, reason_message
from segur_kg.engine.roots import RootChains
from segur_kg.engine.state import State, proof_status, state_on
from segur_kg.messages import msg
from segur_kg.rules import decides
from segur_kg.stores import Store

GENERAL_PROFILE = "GEN"
IMAGING_COULOIR = "IMG"
DECISIONS = ("deposit", "exempt-heritage", "exempt-equivalence", "not-applicable")
# The check --why shows for each way a root's requirement covers, or does not cover, the candidature's.
COVERAGE_CHECKS = {
    None: "root-covered",
    "outside-root-perimeter": "root-perimeter",
    "root-not-validated": "root-validated",
    "upstream-withdrawn": "chain-withdrawn",
}


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


@dataclass(slots=True)  # not frozen: a national run builds hundreds of thousands, and slots build fastest
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
    reason: str = ""  # a code of REASONS
    values: dict[str, object] = field(default_factory=dict)  # the actual values the reason's message names

    @property
    def message(self) -> str:
        """The reason as one sentence, in the current language, with the actual values."""
        return reason_message(self.reason, dict(_values(**self.values))) if self.reason else ""

    def as_json(self) -> dict:
        data = {name: getattr(self, name) for name in self.__slots__ if name != "values"}
        data["rules"], data["via"] = list(self.rules), list(self.via)
        data["message"] = self.message
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
    # (message ID, values): rendered when read, in the language of the reader (a cached perimeter
    # serves requests in both languages)
    note_messages: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        return [msg(key, **values) for key, values in self.note_messages]

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


def _values(**values) -> tuple[tuple[str, str], ...]:
    """Message values as text: dates in ISO form, a missing value as « - »."""
    return tuple(
        (key, "-" if value is None else value.isoformat() if isinstance(value, date) else str(value))
        for key, value in values.items()
    )


@dataclass(frozen=True)
class Step:
    """One check on the way to a decision (``perimeter --why``): the rules it applies, what it checked,
    whether it held (None: a fact stated, not a test), and the values it compared."""

    rules: tuple[str, ...]
    check: str
    passed: bool | None
    values: tuple[tuple[str, str], ...] = ()

    @property
    def message(self) -> str:
        suffix = "" if self.passed is None else "-ok" if self.passed else "-no"
        return msg(f"engine.why.{self.check}{suffix}", **dict(self.values))

    def as_json(self) -> dict:
        return {"rules": list(self.rules), "check": self.check, "passed": self.passed, "message": self.message}


@dataclass(frozen=True)
class Why:
    """One decision and the checks that led to it, in order (``perimeter ID --why REQUIREMENT``)."""

    candidature: str
    as_of: date
    decision: Decision
    steps: tuple[Step, ...]

    def as_json(self) -> dict:
        d = self.decision.as_json()
        del d["requirement_iri"]
        return {
            "candidature": self.candidature,
            "as_of": self.as_of.isoformat(),
            "requirement": self.decision.requirement,
            "decision": d,
            "steps": [step.as_json() for step in self.steps],
        }


@dataclass
class RootCheck:
    referencing: Referencing | None
    valid: bool
    pending: bool  # recorded, but the root is not yet referenced on the date (ROOT-1)
    rules: tuple[str, ...]  # rules that refuse it, or that it rests on when valid


@dataclass(frozen=True, slots=True)
class _Context:
    """What every requirement's decision of one candidature on one date reads."""

    c: Candidature
    disp: object
    state: State
    as_of: date
    heritage: list[Referencing]
    refused_heritage: bool
    root: RootCheck
    root_perimeter: Perimeter | None
    root_cand: Candidature | None
    root_version: Version | None
    referenced: dict[str, Decision]
    pending_common: set[str]
    heritage_nrus: str  # the vague 1 NRUs that count, for messages
    root_nru: str  # the root's NRU (or the intended root candidature), for messages
    root_rem: str | None  # the REM of the root's candidature


def _decision(
    req: Requirement,
    ctx: _Context,
    decision: str,
    reason: str,
    rules: tuple[str, ...] | None = None,
    values: dict | None = None,
    via: tuple[str, ...] = (),
    origin: str | None = None,
    proof_status: str | None = None,
) -> Decision:
    """A decision with its reason: the reason's rules unless others are given, and the values its
    message names (the requirement, the candidature, the date, and those given as ``values``)."""
    told = {"requirement": req.ident, "candidature": ctx.c.ident, "day": ctx.as_of}
    if values:
        told.update(values)
    if rules is None:
        rules = REASONS[reason].rules
    return Decision(
        req.ident, req.profile, decision, rules, via, origin, proof_status, req.component_type, req.iri, reason, told
    )


def _trace(trace: list[Step], req: Requirement, rules: tuple[str, ...], check: str, passed: bool | None, **values):
    trace.append(Step(rules, check, passed, _values(requirement=req.ident, **values)))


def _nrus(c: Candidature, facts: Facts) -> str:
    """The vague 1 NRUs entered in the candidature, for a message."""
    return ", ".join(sorted(facts.referencings[i].nru if i in facts.referencings else _local_id(i) for i in c.va1))


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
        tests = self.root_tests(c, state, ref, as_of)
        refused = tuple(dict.fromkeys(t.rules[0] for t in tests if not t.passed and t.check != "root-referenced"))
        if refused:
            return RootCheck(ref, False, False, refused)
        if not all(t.passed for t in tests):
            return RootCheck(ref, False, True, ("ROOT-1", "ROOT-2"))
        return RootCheck(ref, True, False, ("ROOT-1", "ROOT-5", "ASC-1", "ASC-2"))

    @decides("HER-1", "COU-1", "ROOT-1", "ROOT-2", "ROOT-3", "ROOT-5", "ASC-1", "TRANS-2")
    def root_tests(self, c: Candidature, state: State, ref: Referencing, as_of: date) -> list[Step]:
        """What each rule checks of the recorded root, in order, with the values it compared. The root
        is refused by any failed test but the last (it is then only not referenced yet: ROOT-2)."""
        root = ref.nru
        if c.iri in self.cyclic:
            return [Step(("TRANS-2",), "root-cycle", False, _values(root=root, cycle=self.cyclic[c.iri]))]
        disp = self.f.dispositifs[c.dispositif]
        root_disp = self.f.dispositifs.get(ref.dispositif) if ref.dispositif else None
        imaging = disp.couloir == IMAGING_COULOIR or (root_disp is not None and root_disp.couloir == IMAGING_COULOIR)
        late = bool(disp.date2 and state.root_recorded and state.root_recorded > disp.date2)
        attested = c.attestation_complete and not (c.attestation_date and c.attestation_date > as_of)
        mine, theirs = self.f.versions.get(c.version or ""), self.f.versions.get(ref.version or "")
        tests = [
            Step(("HER-1",), "root-wave", ref.wave == 2, _values(root=root, wave=ref.wave)),
            Step(
                ("COU-1",),
                "root-couloir",
                not imaging,
                _values(root=root, couloir=disp.couloir, root_couloir=root_disp.couloir if root_disp else "?"),
            ),
            Step(
                ("ROOT-3",),
                "root-recorded",
                not late,
                _values(root=root, recorded=state.root_recorded, date2=disp.date2, dispositif=disp.ident),
            ),
            Step(
                ("ROOT-5",),
                "root-attestation",
                attested,
                _values(candidature=c.ident, attested=c.attestation_date if c.attestation_complete else None),
            ),
        ]
        if attested and mine and theirs and mine.main_component and theirs.main_component:
            tests.append(
                Step(
                    ("ROOT-5",),
                    "root-main-component",
                    not self._main_components_differ(mine, theirs),
                    _values(
                        root=root,
                        component=_local_id(mine.main_component),
                        root_component=_local_id(theirs.main_component),
                    ),
                )
            )
        if mine and theirs:
            tests.append(
                Step(
                    ("ASC-1",),
                    "root-version",
                    mine.key >= theirs.key,
                    _values(version=mine.version, root_version=theirs.version, root=root),
                )
            )
        withdrawn = bool(ref.withdrawn and ref.withdrawn <= as_of)
        tests.append(Step(("ROOT-1",), "root-withdrawn", not withdrawn, _values(root=root, withdrawn=ref.withdrawn)))
        referenced = ref.date is not None and ref.date <= as_of
        tests.append(
            Step(("ROOT-1", "ROOT-2"), "root-referenced", referenced, _values(root=root, date=ref.date, day=as_of))
        )
        return tests

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
        ctx, refused_heritage = self._context(c, as_of, visiting)
        disp, state, root = ctx.disp, ctx.state, ctx.root
        decisions = [self._decide(req, ctx) for req in self.f.by_rem.get(disp.rem or "", [])]
        status, status_rules = self._status(c, disp, state, root, decisions, as_of)
        notes = [("engine.perimeter.heritage-refused", values) for values in refused_heritage]
        if c.iri in self.cyclic:
            notes.insert(0, ("engine.perimeter.cycle-note", {"cycle": self.cyclic[c.iri]}))
            return Perimeter(c.ident, c.iri, disp.ident, as_of, status, status_rules, decisions, (), notes)
        chain = tuple(self.chain(c.iri, as_of)) if state.root else ()
        return Perimeter(c.ident, c.iri, disp.ident, as_of, status, status_rules, decisions, chain, notes)

    def _context(self, c: Candidature, as_of: date, visiting: tuple[str, ...]) -> tuple[_Context, list[dict]]:
        """What the decisions of the candidature on the date read, and the vague 1 NRUs refused (HER-3)."""
        disp = self.f.dispositifs[c.dispositif]
        state = self.state(c, as_of)
        root = self.check_root(c, state, as_of)
        root_perimeter = None
        root_cand = None
        referenced: dict[str, Decision] = {}
        if root.valid and not c.classic and root.referencing.candidature in self.f.candidatures:
            root_cand = self.f.candidatures[root.referencing.candidature]
            # What the root's referencing covered: its perimeter on its referencing date (ROOT-6, ADD-1).
            root_perimeter = self._root_perimeter(root_cand.iri, root.referencing.date, visiting + (c.iri,))
            referenced = {d.requirement_iri: d for d in root_perimeter.requirements}
        root_version = self.f.versions.get(root.referencing.version or "") if root.referencing else None
        heritage, refused_heritage = self._heritage(c, disp, as_of)
        ctx = _Context(
            c,
            disp,
            state,
            as_of,
            heritage,
            bool(refused_heritage),
            root,
            root_perimeter,
            root_cand,
            root_version,
            referenced,
            self._pending_common(c, disp, state, as_of, root),
            ", ".join(sorted(r.nru for r in heritage)) or "-",
            self._root_name(c, state, root),
            self.f.dispositifs[root_cand.dispositif].rem if root_cand else None,
        )
        return ctx, refused_heritage

    def _root_name(self, c: Candidature, state: State, root: RootCheck) -> str:
        """The root as messages name it: its NRU, or the intended root candidature while none is recorded."""
        if root.referencing is not None:
            return root.referencing.nru
        if state.root:
            return _local_id(state.root)
        if c.intended_root:
            intended = self.f.candidatures.get(c.intended_root)
            return intended.ident if intended else _local_id(c.intended_root)
        return "-"

    @decides("MOD-1")
    def why(self, candidature: str, requirement: str, as_of: date) -> Why:
        """The steps that led to one decision of the candidature's perimeter on the date: what each
        rule checked, on which NRU, with which dates and versions (``perimeter --why``)."""
        perimeter = self.perimeter(candidature, as_of)
        try:
            decision = perimeter.decision(requirement)
        except KeyError:
            rem = self.f.dispositifs[self.f.candidatures[candidature].dispositif].rem or "-"
            raise EngineError(
                msg(
                    "engine.why.unknown-requirement",
                    requirement=requirement,
                    candidature=perimeter.candidature,
                    rem=_local_id(rem),
                )
            ) from None
        c = self.f.candidatures[candidature]
        ctx, _ = self._context(c, as_of, ())
        s = ctx.state
        steps = [
            Step(
                ("MOD-1",),
                "state",
                None,
                _values(
                    candidature=c.ident,
                    day=as_of,
                    profiles=", ".join(sorted(s.profiles)) or "-",
                    components=", ".join(sorted(s.component_types)) or "-",
                    root=self.f.referencings[s.root].nru
                    if s.root in self.f.referencings
                    else s.root and _local_id(s.root),
                ),
            )
        ]
        steps += [step for _, step in self.heritage_tests(c, ctx.disp, as_of)]
        if ctx.root.referencing is not None:
            steps += self.root_tests(c, s, ctx.root.referencing, as_of)
        again = self._decide(self.f.requirements[decision.requirement_iri], ctx, steps)
        return Why(perimeter.candidature, as_of, again, tuple(steps))

    def _root_perimeter(self, root_cand: str, on: date, visiting: tuple[str, ...]) -> Perimeter:
        key = (root_cand, on)
        if key not in self._cache:
            self._cache[key] = self._compute(root_cand, on, visiting)
        return self._cache[key]

    @decides("HER-2", "HER-3")
    def _heritage(self, c: Candidature, disp, as_of: date) -> tuple[list[Referencing], list[dict[str, str]]]:
        """The vague 1 referencings entered in the candidature that count on the date (heritage_tests),
        and the NRUs refused as another editor's, described for the notes."""
        valid, refused = [], []
        for ref, step in self.heritage_tests(c, disp, as_of):
            if step.passed:
                valid.append(ref)
            elif step.check == "va1-editor":
                refused.append(dict(step.values))
        return valid, refused

    @decides("HER-2", "HER-3")
    def heritage_tests(self, c: Candidature, disp, as_of: date) -> list[tuple[Referencing | None, Step]]:
        """Whether each vague 1 NRU entered counts on the date: a vague 1 referencing of the same device
        type (HER-2), referenced by then and not withdrawn, obtained by a solution of the candidature's
        editor (HER-3: « le numéro de référencement obtenu en vague 1 » by the solution that applies)."""
        out: list[tuple[Referencing | None, Step]] = []
        for iri in c.va1:
            ref = self.f.referencings.get(iri)
            if ref is None or ref.wave != 1:
                nru = ref.nru if ref else _local_id(iri)
                out.append((ref, Step(("HER-2",), "va1-wave", False, _values(nru=nru))))
                continue
            ref_disp = self.f.dispositifs.get(ref.dispositif or "")
            if ref.date and ref.date > as_of:
                step = Step(("HER-2",), "va1-referenced", False, _values(nru=ref.nru, date=ref.date, day=as_of))
            elif ref_disp is None or ref_disp.device_type != disp.device_type:
                their_type = ref_disp.device_type if ref_disp else None
                values = _values(nru=ref.nru, device_type=disp.device_type, their_type=their_type)
                step = Step(("HER-2",), "va1-device-type", False, values)
            elif ref.withdrawn and ref.withdrawn <= as_of:
                step = Step(("HER-2",), "va1-withdrawn", False, _values(nru=ref.nru, withdrawn=ref.withdrawn))
            elif (other := self._other_editor(c, ref)) is not None:
                step = Step(("HER-3",), "va1-editor", False, _values(**other))
            else:
                profiles = ", ".join(sorted(ref.profiles)) or "-"
                step = Step(("HER-2", "HER-3"), "va1-counts", True, _values(nru=ref.nru, profiles=profiles))
            out.append((ref, step))
        return out

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
        "ADD-1",
        "HER-2",
        "HER-3",
        "HER-4",
        "HER-5",
        "MS-1",
        "COU-2",
        "ROOT-1",
        "ROOT-2",
        "ROOT-4",
        "ROOT-6",
        "TRANS-1",
        "TRANS-2",
    )
    def _decide(self, req: Requirement, ctx: _Context, trace: list[Step] | None = None) -> Decision:
        """The decision on one requirement, with its rules and its reason (engine.reasons); ``trace``
        collects the checks made on the way (``perimeter --why``). Order: docs/perimeter-json.md.
        The hot path of every perimeter: the trace's values are only built when a trace is asked for."""
        state = ctx.state
        chosen = not req.profile or req.profile == GENERAL_PROFILE or req.profile in state.profiles
        if trace is not None:
            profiles = ", ".join(sorted(state.profiles))
            _trace(trace, req, (), "profile", chosen, profile=req.profile or GENERAL_PROFILE, profiles=profiles)
        if not chosen:
            return _decision(req, ctx, "not-applicable", "profile-not-chosen", values={"profile": req.profile})
        if req.component_type:
            declared = req.component_type in state.component_types
            if trace is not None:
                _trace(trace, req, ("ADD-1",), "component", declared, component=req.component_type)
            if not declared:
                values = {"component": req.component_type}
                return _decision(req, ctx, "not-applicable", "component-not-declared", values=values)
        own = proof_status(ctx.c, req.iri, ctx.as_of)
        heritage = self._heritage_decision(req, ctx, own, trace)
        if heritage is not None and heritage.decision != "deposit":
            return heritage
        # A requirement heritage does not exempt may still be common to the root: « les preuves communes aux
        # deux dispositifs ne vous seront pas demandées », whatever vague 1 NRUs are entered (HER-4, ROOT-6).
        equivalence = self._equivalence_decision(req, ctx, own, trace)
        if equivalence.decision == "exempt-equivalence" or ctx.c.classic:
            return equivalence
        # Heritage's deposit (vague1-not-validated, vague1-other-editor) explains it better than the root's;
        # "not in the périmètre Vague 1" only when there is no root to say more.
        if heritage is not None and (heritage.reason != "not-in-vague1-perimeter" or equivalence.reason == "no-root"):
            return heritage
        return equivalence

    @decides("HER-2", "HER-3", "HER-4", "HER-5", "MS-1")
    def _heritage_decision(self, req: Requirement, ctx: _Context, own: str | None, trace) -> Decision | None:
        """Heritage of the vague 1 referencing: an exemption, a deposit it explains, or None when
        heritage does not concern the candidature (no vague 1 NRU that counts, none refused)."""
        heritage = ctx.heritage
        if not heritage:
            if req.vague1 and ctx.refused_heritage:
                # The vague 1 NRU entered is another editor's: no heritage from it (HER-3).
                values = {"nrus": _nrus(ctx.c, self.f)}
                return _decision(req, ctx, "deposit", "vague1-other-editor", values=values, proof_status=own)
            return None
        if trace is not None:
            _trace(trace, req, ("HER-3",), "vague1-perimeter", req.vague1)
        if not req.vague1:
            values = {"nrus": ctx.heritage_nrus}
            return _decision(req, ctx, "deposit", "not-in-vague1-perimeter", values=values, proof_status=own)
        general = req.profile in (None, GENERAL_PROFILE)
        covering = [r for r in heritage if general or req.profile in r.profiles]
        profile = req.profile or GENERAL_PROFILE
        if trace is not None:
            _trace(trace, req, ("HER-4",), "vague1-profile", bool(covering), profile=profile, nrus=ctx.heritage_nrus)
        if not covering:
            rules = ("HER-4",) + (("MS-1",) if ctx.disp.device_type == "DUI" else ())
            values = {"profile": profile, "nrus": ctx.heritage_nrus}
            return _decision(req, ctx, "deposit", "no-vague1-for-profile", rules, values=values, proof_status=own)
        validated = [r for r in covering if r.validated is not None and req.iri in r.validated]
        assumed = [r for r in covering if r.validated is None]
        if trace is not None:
            for r in covering:
                if r.validated is not None:
                    _trace(trace, req, ("HER-3",), "vague1-validated", req.iri in r.validated, nru=r.nru)
        if validated or assumed:
            rules = ("HER-2", "HER-3") + (("HER-5",) if len(heritage) > 1 else ())
            nrus = tuple(sorted(r.nru for r in (validated or assumed)))
            reason = "heritage-validated" if validated else "heritage-assumed"
            values = {"nrus": ", ".join(nrus), "profile": profile}
            return _decision(req, ctx, "exempt-heritage", reason, rules, via=nrus, origin=nrus[0], values=values)
        values = {"nrus": ", ".join(sorted(r.nru for r in covering))}
        return _decision(req, ctx, "deposit", "vague1-not-validated", values=values, proof_status=own)

    @decides("ADD-1", "COU-2", "ROOT-1", "ROOT-2", "ROOT-4", "ROOT-6", "TRANS-1", "TRANS-2")
    def _equivalence_decision(self, req: Requirement, ctx: _Context, own: str | None, trace) -> Decision:
        """Equivalence with the root: an exemption, or the deposit with the reason no exemption holds."""
        c, root, as_of = ctx.c, ctx.root, ctx.as_of
        root_nru = ctx.root_nru

        def deposit(reason: str, rule_ids: tuple[str, ...] | None = None, **values) -> Decision:
            values.setdefault("root", root_nru)
            return _decision(req, ctx, "deposit", reason, rule_ids, values=values, proof_status=own)

        if c.classic:
            return deposit("classic-deposit")
        if ctx.state.root is None:
            if c.intended_root:
                common = req.iri in ctx.pending_common
                if trace is not None:
                    _trace(trace, req, ("ROOT-2", "ROOT-6"), "intended-root-common", common, intended=root_nru)
                return deposit("root-pending" if common else "root-pending-not-common")
            return deposit("no-root")
        if root.referencing is None:
            return deposit("root-unknown")
        if root.pending:
            common = req.iri in ctx.pending_common
            if trace is not None:
                _trace(trace, req, ("ROOT-2", "ROOT-6"), "pending-root-common", common, root=root_nru)
            return deposit("root-pending" if common else "root-pending-not-common")
        if not root.valid:
            return deposit("root-refused", root.rules, rules=", ".join(root.rules))
        root_cand, root_perimeter, root_version = ctx.root_cand, ctx.root_perimeter, ctx.root_version
        if root_cand is None or root_perimeter is None:
            return deposit("root-proofs-unknown")
        if req.component_type and root_version is not None:
            has = req.component_type in root_version.component_types
            if trace is not None:
                _trace(trace, req, ("ADD-1",), "root-component", has, root=root_nru, component=req.component_type)
            if not has:
                return deposit("root-lacks-component", component=req.component_type)
        counterparts = self._counterparts(req, ctx.disp, ctx.root_rem)
        if trace is not None:
            names = ", ".join(self.f.requirements[r].ident for r, _ in counterparts if r in self.f.requirements)
            told = {"root": root_nru, "couloir": ctx.disp.couloir, "counterparts": names or "-"}
            _trace(trace, req, ("ROOT-6", "COU-2"), "counterparts", bool(counterparts), **told)
        if not counterparts:
            return deposit("not-mapped", couloir=ctx.disp.couloir)
        failure = None
        for root_req, rule in counterparts:
            origin, why_not, withdrawn = self._referenced_origin(
                root, root_cand, root_perimeter, ctx.referenced, root_req, as_of
            )
            if origin is None and failure is not None and trace is None:
                continue
            root_ident = self.f.requirements[root_req].ident if root_req in self.f.requirements else _local_id(root_req)
            told = {"root": root_nru, "root_requirement": root_ident, "date": root.referencing.date}
            told["withdrawn"] = withdrawn
            if trace is not None:
                _trace(trace, req, (rule,), COVERAGE_CHECKS[why_not], why_not is None, **told)
            if origin is None:
                failure = failure or (why_not, told)
                continue
            origin_nru, upstream = origin
            via = (root.referencing.nru,) + upstream
            rules = (rule,)
            if len(via) > 1:
                rules += ("TRANS-2",)
            if root_cand.dispositif != c.dispositif:
                rules += ("TRANS-1",)
            values = {"origin": origin_nru, "root_requirement": root_ident, "chain": " -> ".join(via), "root": root_nru}
            return _decision(
                req, ctx, "exempt-equivalence", "equivalence", rules, via=via, origin=origin_nru, values=values
            )
        why_not, told = failure
        return deposit(why_not, **told)

    @decides("ROOT-1", "ROOT-6", "TRANS-2")
    def _referenced_origin(
        self,
        root: RootCheck,
        root_cand: Candidature,
        root_perimeter: Perimeter,
        referenced: dict[str, Decision],
        root_req: str,
        as_of: date,
    ) -> tuple[tuple[str, tuple[str, ...]] | None, str | None, str | None]:
        """Where the root's requirement was validated, if the root's referencing covered it: the root's
        perimeter on its referencing date (``root_perimeter``, ``referenced`` by requirement) applied to
        it (its profiles and components then, MOD-1) and its proof was validated by then, or it was
        exempt then through the root's own root (TRANS-2: the same at each step, « s'appuie sur le
        référencement obtenu dans le premier dispositif »); and no referencing of the chain upstream is
        withdrawn on the date. ((NRU, upstream NRUs), None, None), or (None, the reason code it does not
        hold, the withdrawn NRU if that is why)."""
        then = referenced.get(root_req)
        if then is None or then.decision == "not-applicable":
            return None, "outside-root-perimeter", None
        origin = self._origin(root_cand, root_perimeter, root_req, root.referencing.date)
        if origin is None:
            return None, "root-not-validated", None
        for nru in origin[1]:
            upstream = self.f.referencings.get(self.f.ids.get(nru, ""))
            if upstream is not None and upstream.withdrawn and upstream.withdrawn <= as_of:
                return None, "upstream-withdrawn", nru
        return origin, None, None

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
