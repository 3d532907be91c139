"""The synthetic world: the reference data as the generator reads it, and the population it builds.

Plain dataclasses, no RDF: :mod:`segur_kg.synth.generator` fills them, :mod:`segur_kg.synth.writers`
writes them as N-Triples. Design notes in ``docs/synth.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from rdflib.namespace import DCTERMS, RDF

from segur_kg import namespaces as ns
from segur_kg.namespaces import SGR
from segur_kg.versions import version_key

SYNTH_VERSION = 2
TODAY = date(2026, 11, 26)  # the day the national graph is a picture of (fixed: output must not depend on the clock)
MAX_DEPTH = 5  # root chains: at most five NRUs from a candidature to the referencing without a root
OPERATORS_DOSSIER = "S-DOS-OPERATEURS"
OPERATORS_TITLE = "Opérateurs d'LPS et de Proxy e-santé (synthétique)"


# ---------------------------------------------------------------------------------------------
# The reference data, as the generator needs it
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Req:
    ident: str
    iri: str
    profile: str  # profile code (GEN for every candidature)
    vague1: bool
    ctype: str | None  # additional component type the requirement concerns
    scenarios: tuple[tuple[str, str], ...]  # (scenario ID, scenario IRI)


@dataclass
class Disp:
    id: str
    wave: int
    couloir: str
    device_type: str
    rem: str | None
    date1: date | None
    date2: date | None
    profiles: dict[str, bool]  # code -> optional
    reqs: list[Req] = field(default_factory=list)


@dataclass
class RefModel:
    dispositifs: dict[str, Disp]
    equivalences: dict[str, dict[str, tuple[str, ...]]]  # couloir -> candidate req IRI -> root req IRIs
    rem_of_req: dict[str, str]  # req IRI -> REM id
    ctypes: dict[str, list[str]]  # device type -> additional component types its REMs name

    def va1_dispositifs(self, device_type: str) -> list[Disp]:
        return [d for d in self.dispositifs.values() if d.wave == 1 and d.device_type == device_type]


def reference_model() -> RefModel:
    """The bundled reference data (``data/reference``), read through the project's own loader."""
    from segur_kg.ingest.loader import reference

    ref = reference()
    g, idx = ref.graph, ref.index
    disps: dict[str, Disp] = {}
    for d in sorted(idx.dispositifs.values(), key=lambda d: d.id):
        disps[d.id] = Disp(
            d.id,
            d.wave,
            d.couloir,
            d.device_type,
            d.rem or None,
            d.date1,
            d.date2,
            {code: d.profiles[code] for code in sorted(d.profiles)},
        )
    rem_of_req: dict[str, str] = {}
    reqs_by_rem: dict[str, list[tuple[int, Req]]] = {}
    for rem_id in sorted(idx.rems):
        rem_iri = ns.entity("rem", rem_id)
        for req in g.subjects(SGR.inREM, rem_iri):
            if (req, RDF.type, SGR.Requirement) not in g:
                continue
            ident = str(g.value(req, DCTERMS.identifier))
            prof = g.value(req, SGR.profile)
            code = str(g.value(prof, SGR.profileCode)) if prof is not None else "GEN"
            va1 = bool(
                g.value(req, SGR.inVague1Perimeter) is not None and g.value(req, SGR.inVague1Perimeter).toPython()
            )
            ctype_node = g.value(req, SGR.componentType)
            ctype = str(g.value(ctype_node, DCTERMS.identifier)) if ctype_node is not None else None
            scen = sorted((str(g.value(s, DCTERMS.identifier)), str(s)) for s in g.objects(req, SGR.hasScenario))
            order = g.value(req, SGR.order)
            r = Req(ident, str(req), code, va1, ctype, tuple(scen))
            reqs_by_rem.setdefault(rem_id, []).append((int(order) if order is not None else 0, r))
            rem_of_req[str(req)] = rem_id
    for d in disps.values():
        if d.rem in reqs_by_rem:
            d.reqs = [r for _, r in sorted(reqs_by_rem[d.rem], key=lambda x: (x[0], x[1].ident))]
    equivalences: dict[str, dict[str, list[str]]] = {}
    for lst in sorted(g.subjects(RDF.type, SGR.EquivalenceList), key=str):
        couloir = str(g.value(g.value(lst, SGR.couloir), DCTERMS.identifier))
        table = equivalences.setdefault(couloir, {})
        for e in g.objects(lst, SGR.hasEntry):
            table.setdefault(str(g.value(e, SGR.candidateRequirement)), []).append(str(g.value(e, SGR.rootRequirement)))
    eq = {c: {k: tuple(sorted(v)) for k, v in sorted(t.items())} for c, t in sorted(equivalences.items())}
    ctypes: dict[str, list[str]] = {}
    for d in disps.values():
        for r in d.reqs:
            if r.ctype and r.ctype not in ctypes.setdefault(d.device_type, []):
                ctypes[d.device_type].append(r.ctype)
    return RefModel(disps, eq, rem_of_req, {k: sorted(v) for k, v in sorted(ctypes.items())})


# ---------------------------------------------------------------------------------------------
# The population
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Operator:
    id: str
    name: str


@dataclass
class Component:
    id: str
    kind: str  # main | additional | lps | proxy
    name: str
    ctype: str | None = None


@dataclass
class Name:
    id: str
    name: str
    nil: str | None
    parent: str | None = None
    cnda: tuple[str, date] | None = None  # (status, date)


@dataclass
class Version:
    id: str
    text: str
    main: str
    additional: list[str]
    lps: str | None
    proxy: str | None
    names: list[str]
    ctypes: list[str]


@dataclass
class Solution:
    id: str
    name: str
    device_type: str
    core: Component
    components: list[Component]
    names: list[Name]
    versions: dict[str, Version] = field(default_factory=dict)
    lps: str | None = None
    proxy: str | None = None
    psc_config: str | None = None
    psc: PSCHab | None = None
    va1: list[Va1Ref] = field(default_factory=list)

    def additional(self) -> list[Component]:
        return [c for c in self.components if c.kind == "additional"]

    def version(self, text: str) -> Version:
        if text not in self.versions:
            adds = [c.id for c in self.additional()]
            self.versions[text] = Version(
                f"{self.id}-{text}",
                text,
                self.core.id,
                adds,
                self.lps,
                self.proxy,
                [n.id for n in self.names],
                sorted({c.ctype for c in self.additional() if c.ctype}),
            )
        return self.versions[text]

    def sorted_versions(self) -> list[Version]:
        """The versions in version order (the order they are written in)."""
        return sorted(self.versions.values(), key=lambda v: version_key(v.text))


@dataclass
class Va1Ref:
    nru: str
    dispositif: str
    version: Version
    profiles: list[str]
    date: date
    withdrawn: date | None = None


@dataclass
class PSCHab:
    id: str
    nru: str
    config: str
    date: date
    lps: str | None
    proxy: str | None
    serves: list[str]
    names: list[str]
    components: list[str]


@dataclass
class OpHab:
    id: str
    role: str
    operator: str
    component: str
    date: date


@dataclass
class Modification:
    id: str
    kind: str
    date: date
    target_kind: str  # candidature | component | commercial-name
    target: str
    value: str | None = None  # profile code, component id, root NRU or PSC habilitation id
    dispositif: Disp | None = None  # for a profile


class Proof(NamedTuple):
    """One deposit for one scenario of a requirement (a tuple: national graphs hold millions)."""

    requirement: Req
    scenario: tuple[str, str]  # (scenario ID, scenario IRI)
    status: str  # deposited | validated | refused
    deposited: date
    decided: date | None


@dataclass
class Cand:
    id: str
    solution: Solution
    version: Version
    disp: Disp
    profiles: list[str]
    components: list[str]  # additional components declared at creation
    status: str = "referenced"
    va1: list[Va1Ref] = field(default_factory=list)
    va1_extra: list[str] = field(default_factory=list)  # NRUs entered that are not of this solution (HER-2 case)
    root: Cand | None = None
    root_nru: str | None = None  # the NRU recorded as root (the root candidature's, or another referencing's)
    root_version: Version | None = None
    recorded: date | None = None
    intended: Cand | None = None
    classic: bool | None = None
    attestation: tuple[date, bool, bool, bool] | None = None
    psc: PSCHab | None = None
    admin: date | None = None
    eligibility: date | None = None
    complete: date | None = None
    decision: date | None = None
    nru: str | None = None
    ref_date: date | None = None
    ref_withdrawn: date | None = None
    depth: int = 0
    modifications: list[Modification] = field(default_factory=list)
    covered: frozenset[str] = frozenset()  # REM requirement IRIs validated or exempt by equivalence (for dependants)
    plan: list[tuple[Req, str]] = field(default_factory=list)  # (requirement, final outcome)
    early_proof: bool = False  # DATE-2 case: the first proof is deposited before eligibility
    proofs: list[Proof] = field(default_factory=list)  # in deposit order, made just before the editor is written

    def va1_nrus(self) -> list[str]:
        """The vague 1 referencings entered for heritage: the solution's, then the others (HER-2 case)."""
        return [r.nru for r in self.va1] + self.va1_extra


@dataclass
class Editor:
    index: int
    id: str
    name: str
    dossier: str
    solutions: list[Solution] = field(default_factory=list)
    candidatures: list[Cand] = field(default_factory=list)
    op_habs: list[OpHab] = field(default_factory=list)
    modifications: list[Modification] = field(default_factory=list)
    title: str = ""
    rules: list[str] = field(default_factory=list)
    extra_psc: list[PSCHab] = field(default_factory=list)  # habilitations of no solution of their own (PSC-5 case)

    def psc_habilitations(self) -> list[PSCHab]:
        return [s.psc for s in self.solutions if s.psc is not None] + self.extra_psc

    def all_modifications(self) -> list[Modification]:
        """The candidatures' modifications, then the editor's (on components)."""
        return [m for c in self.candidatures for m in c.modifications] + self.modifications


@dataclass
class Case:
    """One deliberate rule break: the shape that must report it, on which node."""

    case: str
    rule: str
    shape: str
    severity: str
    focus: str  # identifier of the focus node validation reports
    candidature: str | None
    description: str

    def as_json(self) -> dict:
        return {
            "case": self.case,
            "rule": self.rule,
            "shape": self.shape,
            "severity": self.severity,
            "focus": self.focus,
            "candidature": self.candidature,
            "description": self.description,
        }
