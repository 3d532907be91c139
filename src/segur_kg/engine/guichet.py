"""The guichet éditeur perimeter of a PSC habilitation: for each requirement of REM-EDC-PSC, and for a
requirement about the LPS or the Proxy e-santé for each of the habilitation's components, whether the
habilitation deposits its proof, reuses the validated proof of an earlier habilitation it names
(``reuses``), or is not concerned; and why (PSC-1, PSC-2, PSC-4..7). The decision order, the reasons
and the JSON contract: docs/guichet-perimeter.md.

The facts are read from the store in a few bulk queries (:meth:`Guichet.from_store`); the candidature
engine's facts are not needed."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from rich.console import Console
from rich.table import Table

from segur_kg import identifiers
from segur_kg.engine.errors import EngineError
from segur_kg.engine.facts import Proof
from segur_kg.engine.impact import CONFIG_RULE
from segur_kg.engine.state import proof_status
from segur_kg.messages import msg
from segur_kg.rules import decides
from segur_kg.stores import Store

__all__ = [
    "DECISIONS",
    "REASONS",
    "Guichet",
    "GuichetDecision",
    "GuichetPerimeter",
    "guichet_csv",
    "guichet_perimeter",
    "habilitation_named",
    "print_guichet",
]

# The REM of the guichet éditeur (data/reference/rems.csv); the importer checks a habilitation's proofs
# against the same REM (segur_kg.ingest.codes.PSC_REM).
GUICHET_REM = "REM-EDC-PSC"
DECISIONS = ("deposit", "exempt-reuse", "not-applicable")
# Every reason a decision may give, with its decision (docs/guichet-perimeter.md, "Reasons").
REASONS = {
    "psc-perimeter-declaration": "deposit",
    "component-absent": "not-applicable",
    "reused": "exempt-reuse",
    "reused-in-group": "exempt-reuse",
    "reused-not-habilitated": "deposit",
    "monobloc-split": "deposit",
    "proxy-outside-group": "deposit",
    "not-reused": "deposit",
    "component-modified": "deposit",
    "monobloc-modified": "deposit",
    "new-proxy": "deposit",
}

# What each requirement of REM-EDC-PSC concerns. 101, 102 and 104 identify the solution and check the
# declared perimeter (PSC-1): each habilitation deposits them. 103 is the LPS's ("Le LPS met en œuvre");
# 105 and 106 are "le LPS ou le Proxy e-santé": each component the habilitation holds. The REM table's
# "Composant" column cannot say this (it names one additional component type, ADD-1): see the page.
PERIMETER_DECLARATION = frozenset({"EDC/PSC.101", "EDC/PSC.102", "EDC/PSC.104"})
COMPONENT_SCOPE: dict[str, tuple[str, ...]] = {
    "EDC/PSC.103": ("lps",),
    "EDC/PSC.105": ("lps", "proxy"),
    "EDC/PSC.106": ("lps", "proxy"),
}
# A requirement the table does not name concerns each component the habilitation holds.
EACH_COMPONENT = ("lps", "proxy")

MONOBLOC, PROXY_ALONE, LPS_ALONE = "Monobloc", "ProxyAlone", "LPSAlone"
# The limits a reuse keeps through a chain of reuses: the proof exists, a modification sent it back.
MODIFIED = frozenset({"component-modified", "monobloc-modified"})


# ---- the facts


@dataclass
class Habilitation:
    iri: str
    ident: str
    nru: str
    configuration: str | None  # local name of the concept: Separate, Monobloc, ProxyAlone, LPSAlone
    code: str | None  # the dossier's code: separate, monobloc, proxy-alone, lps-alone
    date: date | None
    lps: str | None
    proxy: str | None
    serves: set[str] = field(default_factory=set)  # solution version IRIs
    reuses: set[str] = field(default_factory=set)  # habilitation IRIs
    # (requirement IRI, component IRI or None for the habilitation as a whole) -> its proofs
    proofs: dict[tuple[str, str | None], list[Proof]] = field(default_factory=lambda: defaultdict(list))

    def component(self, role: str) -> str | None:
        return self.lps if role == "lps" else self.proxy

    def pair(self) -> tuple[str | None, str | None]:
        return self.lps, self.proxy

    def holds(self, component: str) -> bool:
        return component in self.pair()


@dataclass(frozen=True)
class ComponentChange:
    ident: str
    kind: str
    date: date | None
    component: str


@dataclass
class GuichetFacts:
    habilitations: dict[str, Habilitation] = field(default_factory=dict)
    requirements: list[tuple[str, str]] = field(default_factory=list)  # (IRI, code) of GUICHET_REM, by code
    changes: dict[str, list[ComponentChange]] = field(default_factory=lambda: defaultdict(list))  # by component
    names: dict[str, str] = field(default_factory=dict)  # IRI -> identifier (components, editors, groups)
    owner: dict[str, str] = field(default_factory=dict)  # component IRI -> editor IRI of its solution
    served_editors: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # habilitation -> editors
    group: dict[str, str] = field(default_factory=dict)  # editor IRI -> group IRI
    ids: dict[str, str] = field(default_factory=dict)  # identifier or NRU -> habilitation IRI


Q_HABILITATIONS = """
SELECT ?h ?id ?nru ?config ?code ?date ?lps ?proxy WHERE {
  ?h a sgr:PSCHabilitation ; sgr:guichet sgr:GuichetEditeur ; dcterms:identifier ?id .
  OPTIONAL { ?h sgr:nru ?nru } OPTIONAL { ?h sgr:pscConfiguration ?config OPTIONAL { ?config skos:notation ?code } }
  OPTIONAL { ?h sgr:habilitationDate ?date } OPTIONAL { ?h sgr:lps ?lps } OPTIONAL { ?h sgr:proxy ?proxy }
}"""
Q_LINKS = """
SELECT ?h ?p ?o WHERE {
  ?h a sgr:PSCHabilitation ; ?p ?o . VALUES ?p { sgr:servesSolutionVersion sgr:reusesHabilitation }
}"""
Q_PROOFS = """
SELECT ?h ?req ?status ?deposited ?decided ?scenario ?comp WHERE {
  ?p a sgr:PSCProof ; sgr:ofHabilitation ?h ; sgr:forRequirement ?req ; sgr:proofStatus ?status .
  OPTIONAL { ?p sgr:depositDate ?deposited } OPTIONAL { ?p sgr:statusDate ?decided }
  OPTIONAL { ?p sgr:forScenario ?scenario } OPTIONAL { ?p sgr:concernsComponent ?comp }
}"""
Q_REQUIREMENTS = """
SELECT ?req ?id WHERE {
  ?rem a sgr:REM ; dcterms:identifier "%s" . ?req a sgr:Requirement ; sgr:inREM ?rem ; dcterms:identifier ?id .
}"""
Q_CHANGES = """
SELECT ?id ?kind ?date ?c WHERE {
  ?m a sgr:Modification ; dcterms:identifier ?id ; sgr:modificationKind ?kind ; sgr:modifies ?c .
  ?c a sgr:Component . OPTIONAL { ?m sgr:modificationDate ?date }
}"""
Q_OWNERS = """
SELECT ?c ?e WHERE { ?c a sgr:Component ; dcterms:isPartOf ?s . ?s sgr:editor ?e }"""
Q_SERVED_EDITORS = """
SELECT ?h ?e WHERE {
  ?h a sgr:PSCHabilitation ; sgr:servesSolutionVersion ?v . ?v sgr:versionOf ?s . ?s sgr:editor ?e
}"""
Q_GROUPS = """
SELECT ?e ?g WHERE { ?e a sgr:Editor ; sgr:memberOfGroup ?g }"""
Q_NAMES = """
SELECT ?s ?id WHERE {
  ?s dcterms:identifier ?id . VALUES ?class { sgr:Component sgr:Editor sgr:EditorGroup } ?s a ?class .
}"""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _day_text(day: date | None) -> str:
    return day.isoformat() if day else msg("engine.guichet.unknown-date")


def _local(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1]


def load_guichet_facts(store: Store) -> GuichetFacts:
    """The habilitations of the guichet éditeur, their proofs and reuses, the requirements of the guichet's
    REM, the modifications of components, and who edits what: one query per kind of fact."""
    f = GuichetFacts()
    rows = store.select_values
    for h, ident, nru, config, code, day, lps, proxy in rows(Q_HABILITATIONS):
        f.habilitations[h] = Habilitation(h, ident, nru or ident, _local(config), code, _day(day), lps, proxy)
        f.ids.setdefault(ident, h)
        if nru:
            f.ids.setdefault(nru, h)
    for h, p, o in rows(Q_LINKS):
        if h in f.habilitations:
            links = f.habilitations[h].serves if p.endswith("servesSolutionVersion") else f.habilitations[h].reuses
            links.add(o)
    for h, req, status, deposited, decided, scenario, comp in rows(Q_PROOFS):
        if h in f.habilitations:
            proof = Proof(req, _local(status).lower(), _day(deposited), _day(decided), scenario)
            f.habilitations[h].proofs[(req, comp)].append(proof)
    f.requirements = sorted(((req, code) for req, code in rows(Q_REQUIREMENTS % GUICHET_REM)), key=lambda r: r[1])
    for ident, kind, day, comp in rows(Q_CHANGES):
        f.changes[comp].append(ComponentChange(ident, _local(kind), _day(day), comp))
    for changes in f.changes.values():
        changes.sort(key=lambda c: (c.date or date.min, c.ident))
    for comp, editor in rows(Q_OWNERS):
        f.owner[comp] = editor
    for h, editor in rows(Q_SERVED_EDITORS):
        f.served_editors[h].add(editor)
    for editor, group in rows(Q_GROUPS):
        f.group[editor] = group
    for s, ident in rows(Q_NAMES):
        f.names.setdefault(s, ident)
    return f


# ---- the decisions


@dataclass(frozen=True)
class GuichetDecision:
    requirement: str  # the requirement's code in REM-EDC-PSC
    component: str | None  # the component's identifier; None for a requirement about the whole habilitation
    decision: str
    rules: tuple[str, ...]
    reason: str
    message: str
    via: tuple[str, ...] = ()  # NRUs from the reused habilitation to the one where the proof was validated
    origin: str | None = None  # the NRU of the habilitation where the reused proof was validated
    proof_status: str | None = None  # the habilitation's own proof of it, as of the date

    def as_json(self) -> dict:
        return {
            "requirement": self.requirement,
            "component": self.component,
            "decision": self.decision,
            "rules": list(self.rules),
            "reason": self.reason,
            "message": self.message,
            "via": list(self.via),
            "origin": self.origin,
            "proof_status": self.proof_status,
        }


@dataclass
class GuichetPerimeter:
    habilitation: str
    habilitation_iri: str
    nru: str
    configuration: str | None
    as_of: date
    requirements: list[GuichetDecision]

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(d.decision for d in self.requirements)
        return {k: counts.get(k, 0) for k in DECISIONS}

    def decision(self, requirement: str, component: str | None = None) -> GuichetDecision:
        for d in self.requirements:
            if d.requirement == requirement and d.component == component:
                return d
        raise KeyError((requirement, component))

    def as_json(self) -> dict:
        """The JSON contract of ``segur-kg perimeter HABILITATION`` (docs/guichet-perimeter.md)."""
        return {
            "habilitation": self.habilitation,
            "nru": self.nru,
            "configuration": self.configuration,
            "as_of": self.as_of.isoformat(),
            "requirements": [d.as_json() for d in self.requirements],
            "summary": self.summary,
        }


@dataclass(frozen=True)
class _Held:
    """A validated proof a habilitation holds, of its own or reused in turn: the NRUs from it to the
    habilitation where it was validated, and the day it was validated (None: not dated)."""

    via: tuple[str, ...]
    origin: str
    validated_on: date | None


@dataclass(frozen=True)
class _Limit:
    """Why a reused habilitation does not exempt: the reason, and the values its message names."""

    reason: str
    rules: tuple[str, ...]
    values: dict
    via: tuple[str, ...]


@dataclass
class _Proofs:
    """What state.proof_status reads of a candidature, its proofs by requirement IRI: a habilitation's
    proofs are dated and counted per scenario in the same way."""

    proofs: dict[str, list[Proof]]


class Guichet:
    """Guichet éditeur perimeters over one snapshot of the graph."""

    def __init__(self, facts: GuichetFacts) -> None:
        self.f = facts

    @classmethod
    def from_store(cls, store: Store) -> Guichet:
        return cls(load_guichet_facts(store))

    def resolve(self, ident: str) -> str:
        """The IRI of a guichet éditeur habilitation given as its IRI, identifier or NRU."""
        return identifiers.resolve(ident, ("psc-habilitation",), self.f.ids.get, self._kinds_of, EngineError)

    def _kinds_of(self, iri: str) -> set[str]:
        return {"psc-habilitation"} if iri in self.f.habilitations else set()

    # ---- the perimeter

    def perimeter(self, habilitation: str, as_of: date) -> GuichetPerimeter:
        """One decision per requirement of the guichet's REM, and per component of the habilitation for a
        requirement about its LPS or Proxy (docs/guichet-perimeter.md)."""
        h = self.f.habilitations[habilitation]
        decisions = []
        for req, code in self.f.requirements:
            if code in PERIMETER_DECLARATION:
                decisions.append(self._declaration(h, req, code, as_of))
                continue
            scope = COMPONENT_SCOPE.get(code, EACH_COMPONENT)
            components = [h.component(role) for role in scope if h.component(role)]
            if not components:
                decisions.append(self._absent(h, code, scope, as_of))
            for component in components:
                decisions.append(self._decide(h, req, code, component, as_of, frozenset())[0])
        return GuichetPerimeter(h.ident, h.iri, h.nru, h.code, as_of, decisions)

    @decides("PSC-1")
    def _declaration(self, h: Habilitation, req: str, code: str, as_of: date) -> GuichetDecision:
        """101, 102 and 104 identify the solution and declare the perimeter: each habilitation deposits them."""
        values = {"date": as_of.isoformat(), "habilitation": h.ident, "requirement": code}
        own = self._own_status(h, req, None, as_of, any_component=True)
        return self._made(h, code, None, "psc-perimeter-declaration", ("PSC-1",), values, proof_status=own)

    @decides("PSC-1", "PSC-4", "PSC-5", "PSC-6", "PSC-7")
    def _absent(self, h: Habilitation, code: str, scope: tuple[str, ...], as_of: date) -> GuichetDecision:
        """A requirement about a component the habilitation does not hold (103, the LPS's, for a Proxy
        habilitated alone): not applicable, under the rule of the habilitation's configuration."""
        kinds = msg("common.or").join(msg(f"engine.guichet.role-{role}") for role in scope)
        values = {
            "date": as_of.isoformat(),
            "habilitation": h.ident,
            "requirement": code,
            "configuration": h.code or "?",
            "kinds": kinds,
        }
        rules = (CONFIG_RULE.get(h.configuration or "", "PSC-1"),)
        return self._made(h, code, None, "component-absent", rules, values)

    @decides("PSC-2", "PSC-4", "PSC-5", "PSC-6", "PSC-7")
    def _decide(
        self, h: Habilitation, req: str, code: str, component: str, as_of: date, seen: frozenset[str]
    ) -> tuple[GuichetDecision, _Held | _Limit | None]:
        """The decision for one component-scoped requirement and one component of ``h``, with the validated
        proof that exempts it or the limit that stops its reuse. The reused habilitations that hold the
        component are tried, the latest first; the first that exempts wins, else the first one's limit is
        the reason."""
        values = {
            "date": as_of.isoformat(),
            "habilitation": h.ident,
            "requirement": code,
            "component": self.f.names.get(component, component),
        }
        own = self._own_status(h, req, component, as_of)
        seen = seen | {h.iri}
        reused = [self.f.habilitations[p] for p in h.reuses if p in self.f.habilitations]
        holders = sorted(
            (p for p in reused if p.holds(component)), key=lambda p: (-(p.date or date.min).toordinal(), p.ident)
        )
        first_limit: _Limit | None = None
        for p in holders:
            outcome = self._reuse(h, p, req, component, as_of, seen)
            if isinstance(outcome, _Limit):
                first_limit = first_limit or outcome
                continue
            reason, rules, held, extra = outcome
            decision = self._made(
                h,
                code,
                component,
                reason,
                rules,
                {**values, **extra},
                via=held.via,
                origin=held.origin,
                proof_status=own,
            )
            return decision, held
        if first_limit is not None:
            decision = self._made(
                h,
                code,
                component,
                first_limit.reason,
                first_limit.rules,
                {**values, **first_limit.values},
                via=first_limit.via,
                proof_status=own,
            )
            return decision, first_limit
        lps_alone = sorted((p for p in reused if p.configuration == LPS_ALONE), key=lambda p: p.ident)
        if component == h.proxy and lps_alone:
            # PSC-7: an LPS habilitated alone, now with a different Proxy: the new Proxy's own proofs.
            p = lps_alone[0]
            extra = {"reused": p.ident, "reused_nru": p.nru}
            decision = self._made(
                h, code, component, "new-proxy", ("PSC-7",), {**values, **extra}, via=(p.nru,), proof_status=own
            )
            return decision, None
        return self._made(h, code, component, "not-reused", ("PSC-2",), values, proof_status=own), None

    @decides("PSC-2", "PSC-4", "PSC-5", "PSC-6", "PSC-7")
    def _reuse(
        self, h: Habilitation, p: Habilitation, req: str, component: str, as_of: date, seen: frozenset[str]
    ) -> _Limit | tuple[str, tuple[str, ...], _Held, dict]:
        """Whether ``h`` reuses ``p``'s validated proof of ``req`` for ``component``: the limit that stops it,
        or (reason, rules, the proof held, the values its message names)."""
        about = {"reused": p.ident, "reused_nru": p.nru}
        if p.date is None or p.date > as_of:
            # PSC-2: only the proofs of an existing homologation are reused.
            values = {**about, "reused_date": _day_text(p.date)}
            return _Limit("reused-not-habilitated", ("PSC-2",), values, (p.nru,))
        monobloc = MONOBLOC in (p.configuration, h.configuration)
        if monobloc and p.pair() != h.pair():
            # PSC-5: the equivalence of a monobloc cannot be split; neither component is habilitated alone.
            return _Limit("monobloc-split", ("PSC-5",), about, (p.nru,))
        in_group = False
        if p.configuration == PROXY_ALONE and component == p.proxy:
            proxy_editor = self.f.owner.get(component)
            editors = self._editors(h)
            outside = sorted(e for e in editors if not self._same_circle(e, proxy_editor))
            group_values = {
                **about,
                "proxy_editor": self.f.names.get(proxy_editor or "", "?"),
                "editors": ", ".join(self.f.names.get(e, e) for e in (outside or sorted(editors))) or "?",
                "group": self.f.names.get(self.f.group.get(proxy_editor or "", ""), "?"),
            }
            if outside or not editors:
                # PSC-6: a Proxy habilitated alone is reused in the solutions of its editor or its group only.
                return _Limit("proxy-outside-group", ("PSC-6",), group_values, (p.nru,))
            in_group = any(e != proxy_editor for e in editors)
        held = self._held(p, req, component, as_of, seen)
        if held is None:
            return _Limit("not-reused", ("PSC-2",), about, (p.nru,))
        if isinstance(held, _Limit):
            return held  # modified upstream of p, after the proof p reuses was validated
        # PSC-2: a modification of the component after the proof was validated sends it back (PSC-4, PSC-6,
        # PSC-7: the modified component alone); in a monobloc, either component sends both back (PSC-5).
        joint = {component} | ({c for c in p.pair() + h.pair() if c} if monobloc else set())
        since = held.validated_on or p.date or date.min
        changes = [c for comp in joint for c in self.f.changes.get(comp, ()) if c.date and since < c.date <= as_of]
        if changes:
            change = min(changes, key=lambda c: (c.component != component, c.date, c.ident))
            values = {
                **about,
                "origin": held.origin,
                "validated_on": _day_text(held.validated_on),
                "modification": change.ident,
                "modified": self.f.names.get(change.component, change.component),
                "modified_on": change.date.isoformat(),
            }
            if change.component == component:
                return _Limit(
                    "component-modified", (CONFIG_RULE.get(p.configuration or "", "PSC-2"), "PSC-2"), values, held.via
                )
            return _Limit("monobloc-modified", ("PSC-5", "PSC-2"), values, held.via)
        values = {**about, "origin": held.origin, "validated_on": _day_text(held.validated_on)}
        if in_group:
            return "reused-in-group", ("PSC-6", "PSC-2"), held, {**group_values, **values}
        return "reused", (CONFIG_RULE.get(p.configuration or "", "PSC-2"), "PSC-2"), held, values

    def _held(
        self, p: Habilitation, req: str, component: str, as_of: date, seen: frozenset[str]
    ) -> _Held | _Limit | None:
        """The validated proof of ``req`` for ``component`` that ``p`` holds on the date: its own, or the one
        it reuses in turn (its own decision, through the chain; a cycle holds nothing). When the proof p
        reuses was sent back by a modification, that limit, so that it is told where it happened."""
        if self._own_status(p, req, component, as_of) == "validated":
            return _Held((p.nru,), p.nru, self._validated_on(p, req, component, as_of))
        if p.iri in seen:
            return None
        code = next((c for r, c in self.f.requirements if r == req), req)
        _, outcome = self._decide(p, req, code, component, as_of, seen)
        if isinstance(outcome, _Held):
            return _Held((p.nru, *outcome.via), outcome.origin, outcome.validated_on)
        if isinstance(outcome, _Limit) and outcome.reason in MODIFIED:
            return _Limit(outcome.reason, outcome.rules, outcome.values, (p.nru, *outcome.via))
        return None

    def _proofs_of(self, h: Habilitation, req: str, component: str | None, any_component: bool) -> list[Proof]:
        """The habilitation's proofs of ``req`` about ``component``: those that name it and those about the
        habilitation as a whole (every one, with ``any_component``)."""
        if any_component:
            return [p for (r, _), proofs in h.proofs.items() if r == req for p in proofs]
        return [*h.proofs.get((req, component), ()), *h.proofs.get((req, None), ())]

    def _own_status(
        self, h: Habilitation, req: str, component: str | None, as_of: date, any_component: bool = False
    ) -> str | None:
        proofs = self._proofs_of(h, req, component, any_component)
        return proof_status(_Proofs({req: proofs}), req, as_of) if proofs else None

    def _validated_on(self, h: Habilitation, req: str, component: str, as_of: date) -> date | None:
        days = [
            p.decided
            for p in self._proofs_of(h, req, component, False)
            if p.status == "validated" and p.decided and p.decided <= as_of
        ]
        return max(days) if days else None

    def _editors(self, h: Habilitation) -> set[str]:
        """The editors of the solutions the habilitation serves (else of its LPS's and Proxy's solutions)."""
        served = self.f.served_editors.get(h.iri, set())
        return set(served) or {self.f.owner[c] for c in h.pair() if c in self.f.owner}

    def _same_circle(self, editor: str, proxy_editor: str | None) -> bool:
        """The editor is the Proxy's editor, or both belong to the same group (PSC-6)."""
        if proxy_editor is None:
            return False
        group = self.f.group.get(editor)
        return editor == proxy_editor or (group is not None and group == self.f.group.get(proxy_editor))

    def _made(
        self,
        h: Habilitation,
        code: str,
        component: str | None,
        reason: str,
        rules: tuple[str, ...],
        values: dict,
        via: tuple[str, ...] = (),
        origin: str | None = None,
        proof_status: str | None = None,
    ) -> GuichetDecision:
        return GuichetDecision(
            requirement=code,
            component=self.f.names.get(component, component) if component else None,
            decision=REASONS[reason],
            rules=rules,
            reason=reason,
            message=msg(f"engine.guichet.{reason}", **values),
            via=via,
            origin=origin,
            proof_status=proof_status,
        )


def habilitation_named(store: Store, ident: str) -> str | None:
    """The IRI of the guichet éditeur habilitation ``ident`` names (identifier, NRU or IRI), or None."""
    try:
        iri = identifiers.resolve_in_store(store, ident, ("psc-habilitation",), EngineError)
    except EngineError:
        return None
    return iri if store.query(f"ASK {{ <{iri}> sgr:guichet sgr:GuichetEditeur }}") else None


def guichet_perimeter(source: Store | Guichet, habilitation: str, as_of: date) -> GuichetPerimeter:
    """The guichet éditeur perimeter of ``habilitation`` (identifier, NRU or IRI) as of ``as_of``, from a
    store or from facts already loaded."""
    desk = source if isinstance(source, Guichet) else Guichet.from_store(source)
    return desk.perimeter(desk.resolve(habilitation), as_of)


# ---- presentation

_DECISION_LABELS = {
    "deposit": "engine.explain.decision-deposit",
    "exempt-reuse": "engine.guichet.decision-exempt-reuse",
    "not-applicable": "engine.explain.decision-not-applicable",
}
_PROOF_LABELS = {
    "deposited": "engine.explain.proof-deposited",
    "validated": "engine.explain.proof-validated",
    "refused": "engine.explain.proof-refused",
}


def print_guichet(console: Console, p: GuichetPerimeter) -> None:
    """The perimeter as a sentence, a table and one line per decision saying why."""
    s = p.summary
    console.print(
        msg(
            "engine.guichet.sentence",
            habilitation=p.habilitation,
            nru=p.nru,
            configuration=p.configuration or "?",
            date=p.as_of.isoformat(),
            deposit=s["deposit"],
            exempt=s["exempt-reuse"],
            not_applicable=s["not-applicable"],
        )
    )
    table = Table()
    for column in (
        msg("engine.explain.column-requirement"),
        msg("engine.guichet.column-component"),
        msg("engine.explain.column-decision"),
        msg("engine.explain.column-rules"),
        msg("engine.guichet.column-reason"),
        "via",
        msg("engine.explain.column-origin"),
        msg("engine.explain.column-proof"),
    ):
        table.add_column(column)
    for d in p.requirements:
        table.add_row(
            d.requirement,
            d.component or "",
            msg(_DECISION_LABELS[d.decision]),
            ", ".join(d.rules),
            d.reason,
            " -> ".join(d.via),
            d.origin or "",
            msg(_PROOF_LABELS[d.proof_status]) if d.proof_status else "",
        )
    console.print(table)
    for d in p.requirements:
        console.print(f"- {d.message}", highlight=False)


def guichet_csv(p: GuichetPerimeter) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "habilitation",
            "as_of",
            "requirement",
            "component",
            "decision",
            "rules",
            "reason",
            "via",
            "origin",
            "proof_status",
            "message",
        ]
    )
    for d in p.requirements:
        writer.writerow(
            [
                p.habilitation,
                p.as_of.isoformat(),
                d.requirement,
                d.component or "",
                d.decision,
                " ".join(d.rules),
                d.reason,
                " ".join(d.via),
                d.origin or "",
                d.proof_status or "",
                d.message,
            ]
        )
    return buffer.getvalue()
