"""A synthetic national graph (``segur-kg synth``): every candidature of every dispositif at once.

The generator writes N-Triples straight to disk, one editor at a time, with plain string formatting:
it never builds an rdflib graph, so 30,000 candidatures (about 18 million triples) take memory for
one editor only. It emits exactly the triples :mod:`segur_kg.dossier` would emit for the same
dossiers (same IRIs, classes, properties and literal forms), against the bundled reference data
(dispositifs and their dates and profiles, REM requirements and scenarios, equivalence lists), so the
engine, the shapes and the queries work on it as on imported dossiers.

What it holds (proportions in ``bench/README.md``): editors with several solutions, each with versions,
commercial names (some CNDA children), a main component (often shared by the editor's solutions),
additional components, LPS and Proxy e-santé; vague 1 referencings; vague 2 candidatures on every
dispositif, with heritage from the vague 1 referencings (HER-2..5), root chains up to depth 5 within
an editor (ROOT-*, TRANS-1, TRANS-2), proofs with their history (deposited, refused, deposited again,
validated); PSC habilitations of the four configurations, operator habilitations, modifications.

A small deliberate set breaks one rule each (a cycle of roots, a root recorded after Date 2, ...).
Its cases are listed in ``MANIFEST.json`` with the rule, the shape and the identifier of the node
that validation must report, so that tests and the benchmark check that validation finds them; the
rest of the graph has no SHACL violation.

Identifiers start with ``S-`` (no clash with the bundled examples). Output is deterministic: the same
seed, size and history give byte-identical files, whatever the process (no set or hash order is used).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from segur_kg import namespaces as ns
from segur_kg.ingest.dossier import (
    CANDIDATURE_STATUS,
    CNDA_STATUS,
    COMPONENT_KINDS,
    MODIFICATION_KINDS,
    OPERATOR_ROLES,
    PROOF_STATUS,
    PSC_CONFIGURATIONS,
    STEPS,
    WAVES,
    iri,
)
from segur_kg.namespaces import SCHEMA, SGR
from segur_kg.versions import version_key

SYNTH_VERSION = 2
TODAY = date(2026, 11, 26)  # the day the national graph is a picture of (fixed: output must not depend on the clock)
NT_FILE = "national.nt"
MANIFEST_FILE = "MANIFEST.json"
MAX_DEPTH = 5  # root chains: at most five NRUs from a candidature to the referencing without a root

# Vague 2 dispositifs and the share of candidatures each receives.
DISPOSITIF_WEIGHTS = {
    "LGC-MV-VA2": 0.30,
    "LGC-SF-VA2": 0.15,
    "DUI-MS-VA2": 0.25,
    "DPI-HOP-VA2": 0.15,
    "RIS-IMG-VA2": 0.15,
}
# Dispositifs whose candidatures may chain roots between them (COU-2 lists of MV, SF, MS); DPI only
# reuses DPI roots (same REM, ROOT-6); imaging has no equivalence (COU-1).
CHAIN_FAMILIES = {"LGC-MV-VA2": "lgc-ms", "LGC-SF-VA2": "lgc-ms", "DUI-MS-VA2": "lgc-ms", "DPI-HOP-VA2": "dpi"}
SOLUTIONS_PER_EDITOR = ((1, 25), (2, 30), (3, 20), (4, 12), (6, 8), (8, 5))
STATUS_WEIGHTS = (
    ("referenced", 70),
    ("eligible", 12),
    ("rejected", 6),
    ("withdrawn", 4),
    ("submitted", 5),
    ("draft", 3),
)
# Final outcome of the proofs of one requirement, by candidature status (the last one, "missing", deposits nothing).
OUTCOMES = {
    "referenced": (("validated", 100),),
    "eligible": (("validated", 60), ("deposited", 25), ("refused", 7), ("missing", 8)),
    "rejected": (("validated", 55), ("refused", 25), ("deposited", 5), ("missing", 15)),
    "withdrawn": (("validated", 40), ("deposited", 20), ("missing", 40)),
}
REFUSAL_MEAN = 1.25  # mean number of refused deposits before the last one, per scenario, at history 1.0
PSC_CONFIG_WEIGHTS = (("separate", 40), ("monobloc", 25), ("proxy-alone", 20), ("lps-alone", 15))

_XSD_DATE = f"<{XSD.date}>"
_XSD_BOOLEAN = f"<{XSD.boolean}>"


def _n(term: URIRef | str) -> str:
    return f"<{term}>"


# Predicates and objects, pre-formatted.
A = _n(RDF.type)
P = {
    name: _n(SGR[name])
    for name in (
        "editor",
        "deviceType",
        "componentType",
        "nil",
        "parentName",
        "cndaConformity",
        "conformityStatus",
        "conformityDate",
        "hasVersion",
        "versionOf",
        "versionString",
        "versionKey",
        "mainComponent",
        "additionalComponent",
        "lps",
        "proxy",
        "commercialName",
        "nru",
        "wave",
        "dispositif",
        "solutionVersion",
        "coversProfile",
        "referencingDate",
        "withdrawalDate",
        "guichet",
        "pscConfiguration",
        "habilitationDate",
        "servesSolutionVersion",
        "declaredComponent",
        "operatorRole",
        "operator",
        "operatedComponent",
        "chosenProfile",
        "va1Referencing",
        "intendedRoot",
        "rootReferencing",
        "rootRecordedDate",
        "classicDeposit",
        "attestation",
        "attestationDate",
        "attestsMainComponentIdentical",
        "attestsSingleSolution",
        "attestsAscendingCompatibility",
        "pscHabilitation",
        "adminDepositDate",
        "eligibilityDate",
        "completeDepositDate",
        "decisionDate",
        "candidatureStatus",
        "ofCandidature",
        "forRequirement",
        "forScenario",
        "proofStatus",
        "depositDate",
        "statusDate",
        "modificationKind",
        "modificationDate",
        "modifies",
        "reopensStep",
        "rule",
    )
}
IDENT, SOURCE, ISPART, TITLE, DESCR = (
    _n(DCTERMS.identifier),
    _n(DCTERMS.source),
    _n(DCTERMS.isPartOf),
    _n(DCTERMS.title),
    _n(DCTERMS.description),
)
NAME, LABEL = _n(SCHEMA.name), _n(RDFS.label)
C = {
    name: _n(SGR[name])
    for name in (
        "Dossier",
        "Editor",
        "Operator",
        "Solution",
        "SolutionVersion",
        "Component",
        "CommercialName",
        "CNDAConformity",
        "Referencing",
        "PSCHabilitation",
        "OperatorHabilitation",
        "Candidature",
        "Attestation",
        "Proof",
        "Modification",
        "GuichetEditeur",
        "GuichetOperateur",
    )
}
KIND_CLASS = {kind: _n(klass) for kind, klass in COMPONENT_KINDS.items()}
CAND_STATUS = {k: _n(v) for k, v in CANDIDATURE_STATUS.items()}
PROOF = {k: _n(v) for k, v in PROOF_STATUS.items()}
CNDA = {k: _n(v) for k, v in CNDA_STATUS.items()}
PSC_CONF = {k: _n(v) for k, v in PSC_CONFIGURATIONS.items()}
ROLE = {k: _n(v) for k, v in OPERATOR_ROLES.items()}
STEP = {k: _n(v) for k, v in STEPS.items()}
WAVE = {k: _n(v) for k, v in WAVES.items()}
MOD_KIND = {k: (_n(v[0]), v[1], _n(v[3]) if v[3] is not None else None, v[4]) for k, v in MODIFICATION_KINDS.items()}


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _date(d: date) -> str:
    return f'"{d.isoformat()}"^^{_XSD_DATE}'


def _bool(v: bool) -> str:
    return f'"{"true" if v else "false"}"^^{_XSD_BOOLEAN}'


def _e(kind: str, ident: str) -> str:
    return _n(iri(kind, ident))


def _psc_components(out: list[str], node: str, lps: str | None, proxy: str | None) -> None:
    """The LPS and Proxy links of a version or a PSC habilitation."""
    if lps:
        out.append(f"{node} {P['lps']} {_e('component', lps)} .\n")
    if proxy:
        out.append(f"{node} {P['proxy']} {_e('component', proxy)} .\n")


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
    extra_psc: list[PSCHab] = field(default_factory=list)


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


_SYL = (
    "al",
    "ber",
    "cé",
    "dor",
    "el",
    "fa",
    "gal",
    "hé",
    "is",
    "ju",
    "ka",
    "lu",
    "mé",
    "no",
    "or",
    "pa",
    "qui",
    "ro",
    "sé",
    "ta",
    "u",
    "val",
    "vi",
    "xa",
    "yo",
    "zé",
)
_EDITOR_SUFFIX = ("Santé", "Logiciels", "Médical", "Systèmes", "Informatique", "Solutions", "Numérique")
_PRODUCT = {
    "LGC": ("Cabinet", "Praticien", "Consult", "Libéral"),
    "DUI": ("Social", "Accompagnement", "Usagers", "Médico"),
    "DPI": ("Hôpital", "Clinique", "Séjour", "Soins"),
    "RIS": ("Radio", "Imagerie", "Scan", "Pacs"),
}
_ADD_NAME = {
    "AGENDA": "Agenda",
    "FACTURATION": "Facturation",
    "MESSAGERIE": "Messagerie",
    "TELECONSULTATION": "Visio",
    "PORTAIL": "Portail",
}


class Generator:
    """Build the population editor by editor and stream it as N-Triples."""

    def __init__(self, candidatures: int, seed: int = 1, history: float = 1.0, model: RefModel | None = None) -> None:
        if candidatures < 1:
            raise ValueError("candidatures must be at least 1")
        if history < 0:
            raise ValueError("history must be >= 0")
        self.n = candidatures
        self.seed = seed
        self.history = history
        self.m = model or reference_model()
        self.rng = random.Random(f"segur-kg-synth:{SYNTH_VERSION}:{seed}")
        self.counter: dict[str, int] = {}
        self.counts: dict[str, int] = {}  # class local name -> instances written
        self.triples = 0
        self.cases: list[Case] = []
        self.chain_depths: dict[int, int] = {}
        self.proof_count = 0
        self.operators = [f"S-OP-{i:03d}" for i in range(1, 26)]

    # ---- helpers
    def next(self, kind: str) -> int:
        self.counter[kind] = self.counter.get(kind, 0) + 1
        return self.counter[kind]

    def pick(self, weighted: Iterable[tuple[object, int]], rng: random.Random | None = None):
        items = list(weighted)
        return (rng or self.rng).choices([k for k, _ in items], weights=[w for _, w in items])[0]

    def days(self, lo: int, hi: int, rng: random.Random | None = None) -> timedelta:
        return timedelta(days=(rng or self.rng).randint(lo, hi))

    def word(self, k: int = 2) -> str:
        return "".join(self.rng.choice(_SYL) for _ in range(k)).capitalize()

    # ---- editors, solutions
    def new_editor(self, index: int, ident: str | None = None) -> Editor:
        ident = ident or f"S-ED-{index:05d}"
        name = f"{self.word()} {self.rng.choice(_EDITOR_SUFFIX)}"
        return Editor(index, ident, name, f"S-DOS-{ident[5:]}", title=f"Dossiers de l'éditeur {name} (synthétique)")

    def new_solution(
        self,
        ed: Editor,
        device_type: str,
        core: Component | None = None,
        n_additional: int | None = None,
        psc_config: str | None | bool = True,
    ) -> Solution:
        k = len(ed.solutions) + 1
        sid = f"{ed.id.replace('S-ED-', 'S-SOL-')}-{k}"
        label = f"{ed.name.split()[0]} {self.rng.choice(_PRODUCT[device_type])}"
        if core is None:
            core = Component(f"{sid}-CORE", "main", f"{label} moteur")
        components = [core] if core.id.startswith(sid) else []
        types = self.m.ctypes.get(device_type, [])
        if n_additional is None:
            n_additional = self.pick(((0, 35), (1, 35), (2, 20), (3, 10)))
        for t in sorted(self.rng.sample(types, min(n_additional, len(types)))):
            components.append(Component(f"{sid}-{t[:3]}", "additional", f"{label} {_ADD_NAME[t]}", t))
        n_names = self.pick(((1, 60), (2, 30), (3, 10)))
        names: list[Name] = []
        for i in range(n_names):
            nid = f"{sid.replace('S-SOL-', 'S-CN-')}-{i + 1}"
            nil = f"NIL-S{self.next('nil'):07d}"
            text = label if i == 0 else f"{label} {('Pro', 'Plus', 'Connect')[i - 1]}"
            if i > 0 and self.rng.random() < 0.5:
                names.append(Name(nid, text, nil, parent=names[0].id))
            else:
                status = (
                    self.pick((("granted", 90), ("pending", 7), ("refused", 3)))
                    if i > 0 or self.rng.random() < 0.97
                    else "pending"
                )
                names.append(Name(nid, text, nil, cnda=(status, date(2025, 6, 1) + self.days(0, 200))))
        sol = Solution(sid, label, device_type, core, components, names)
        if psc_config is True:
            psc_config = self.pick(PSC_CONFIG_WEIGHTS) if self.rng.random() < 0.75 else None
        if psc_config:
            sol.psc_config = psc_config
            if psc_config in ("separate", "monobloc", "lps-alone"):
                sol.lps = f"{sid}-LPS"
                components.append(Component(sol.lps, "lps", f"{label} poste"))
            if psc_config in ("separate", "monobloc", "proxy-alone"):
                sol.proxy = f"{sid}-PROXY"
                components.append(Component(sol.proxy, "proxy", f"{label} proxy e-santé"))
        ed.solutions.append(sol)
        return sol

    def add_va1(self, sol: Solution, rng_p: float = 0.55) -> None:
        """Vague 1 referencings of the solution's 1.x version (HER-2..5)."""
        if self.rng.random() >= rng_p:
            return
        disps = self.m.va1_dispositifs(sol.device_type)
        if not disps:
            return
        if len(disps) > 1:  # DUI: MS1 and/or MS2 (HER-5)
            chosen = [d for d in disps if self.rng.random() < 0.6] or [self.rng.choice(disps)]
        else:
            chosen = disps
        version = sol.version(f"1.{self.rng.randint(0, 4)}")
        for d in chosen:
            optional = [c for c in d.profiles if c != "GEN"]
            profiles = ["GEN"] + sorted(
                self.rng.sample(optional, self.rng.randint(1 if len(d.profiles) > 2 else 0, len(optional)))
            )
            when = (d.date2 or date(2022, 6, 1)) + self.days(20, 200)
            withdrawn = when + timedelta(days=1800) if self.rng.random() < 0.05 else None
            sol.va1.append(Va1Ref(f"S-VA1-{self.next('va1'):06d}", d.id, version, profiles, when, withdrawn))

    def add_psc(self, ed: Editor, sol: Solution) -> None:
        if not sol.psc_config:
            return
        served = [v for v in sol.versions.values() if not v.text.startswith("1.")]
        if not served:
            return
        n = self.next("psc")
        names = sorted({nm for v in served for nm in v.names})
        comps = [sol.core.id] + [c for c in (sol.lps, sol.proxy) if c]
        sol.psc = PSCHab(
            f"S-PSCH-{n:06d}",
            f"S-PSC-{n:06d}",
            sol.psc_config,
            date(2025, 3, 1) + self.days(0, 270),
            sol.lps,
            sol.proxy,
            [v.id for v in served],
            names,
            comps,
        )
        for comp, role in ((sol.lps, "service-utilisateur"), (sol.proxy, "proxy")):
            if comp and self.rng.random() < 0.4:
                ed.op_habs.append(
                    OpHab(
                        f"S-OPH-{self.next('oph'):06d}",
                        role,
                        self.rng.choice(self.operators),
                        comp,
                        date(2025, 6, 1) + self.days(0, 300),
                    )
                )
        if self.rng.random() < 0.06:
            comp = sol.lps or sol.proxy
            kind = self.rng.choice(
                ["modify-lps" if comp == sol.lps else "modify-proxy", "migration", "provider-change"]
            )
            ed.modifications.append(
                Modification(
                    f"S-MOD-{self.next('mod'):06d}", kind, date(2026, 1, 5) + self.days(0, 280), "component", comp
                )
            )

    # ---- candidatures
    def new_cand(
        self, ed: Editor, sol: Solution, disp_id: str, version_text: str, profiles: list[str] | None = None
    ) -> Cand:
        disp = self.m.dispositifs[disp_id]
        version = sol.version(version_text)
        if profiles is None:
            profiles = self.choose_profiles(disp)
        c = Cand(f"S-C-{self.next('cand'):06d}", sol, version, disp, profiles, list(version.additional))
        c.va1 = [r for r in sol.va1 if self.rng.random() < 0.85]
        ed.candidatures.append(c)
        return c

    def choose_profiles(self, disp: Disp, exclude: Iterable[str] = ()) -> list[str]:
        mandatory = [c for c, opt in disp.profiles.items() if not opt and c != "GEN"]
        optional = [c for c, opt in disp.profiles.items() if opt]
        out = ["GEN"] if "GEN" in disp.profiles else []
        pool = [c for c in mandatory if c not in exclude]
        if pool:  # DUI: the candidature chooses its population(s)
            out += sorted(self.rng.sample(pool, self.pick(((1, 50), (2, 35), (3, 15))) if len(pool) >= 3 else 1))
        for c in optional:
            if c not in exclude and self.rng.random() < 0.3:
                out.append(c)
        return out

    def schedule(self, c: Cand, chain: bool) -> None:
        """Milestones (DATE-1, DATE-2, ROOT-3) and, for a rooted candidature, when it records its root."""
        d = c.disp
        rng = self.rng
        if c.status == "draft" and rng.random() < 0.5:
            return
        c.admin = d.date1 - self.days(3, 75)
        if c.status in ("draft", "submitted"):
            return
        c.eligibility = c.admin + self.days(7, 30)
        if c.root is not None:
            c.recorded = c.root.ref_date + self.days(1, 7)
        if chain:
            start = c.eligibility + self.days(15, 35)
        else:
            start = c.eligibility + self.days(30, 90)
        if c.recorded:
            start = max(start, c.recorded + self.days(0, 7))
        c.complete = min(start, d.date2)
        if c.status in ("referenced", "rejected"):
            c.decision = min(c.complete + (self.days(5, 20) if chain else self.days(20, 60)), TODAY - timedelta(days=1))
        elif c.status == "eligible" and rng.random() < 0.4:
            c.complete = None
        if c.status == "referenced":
            c.nru = f"S-NRU-{c.disp.id.split('-')[0]}-{self.next('nru'):06d}"
            c.ref_date = c.decision
            if c.root is None and rng.random() < 0.02:
                c.ref_withdrawn = TODAY + self.days(30, 400)

    def set_root(self, c: Cand, root: Cand, intended: bool | None = None) -> None:
        c.root, c.root_nru, c.root_version = root, root.nru, root.version
        c.depth = root.depth + 1
        if intended is None:
            intended = self.rng.random() < 0.5
        if intended:
            c.intended = root
        c.classic = self.pick(((None, 60), (False, 36), (True, 4)))

    def finish_root(self, ed: Editor, c: Cand, attest: bool = True, set_root_mod: bool | None = None) -> None:
        if c.root_nru is None or c.recorded is None:
            return
        if attest:
            c.attestation = (c.recorded, True, True, True)
        if set_root_mod is None:
            set_root_mod = c.intended is not None
        if set_root_mod:
            c.modifications.append(
                Modification(f"S-MOD-{self.next('mod'):06d}", "set-root", c.recorded, "candidature", c.id, c.root_nru)
            )

    def regular_modifications(self, c: Cand) -> None:
        """Profiles and components added before Date 2 (MOD-1); PSC NRU set (MOD-1)."""
        rng = self.rng
        if c.eligibility is None:
            return
        d = c.disp
        missing = [p for p in d.profiles if p not in c.profiles]
        if missing and rng.random() < 0.05:
            prof = rng.choice(missing)
            when = min(c.eligibility + self.days(5, 60), d.date2)
            c.modifications.append(
                Modification(f"S-MOD-{self.next('mod'):06d}", "add-profile", when, "candidature", c.id, prof, d)
            )
        if c.components and rng.random() < 0.05:
            comp = c.components.pop()
            when = min(c.eligibility + self.days(5, 60), d.date2)
            c.modifications.append(
                Modification(f"S-MOD-{self.next('mod'):06d}", "add-component", when, "candidature", c.id, comp)
            )
        if c.psc is not None and rng.random() < 0.03:
            c.modifications.append(
                Modification(
                    f"S-MOD-{self.next('mod'):06d}",
                    "set-psc-nru",
                    c.eligibility + self.days(1, 30),
                    "candidature",
                    c.id,
                    c.psc.id,
                )
            )

    def build_editor(self, index: int, budget: int) -> Editor:
        """One editor and its candidatures (at most ``budget``)."""
        rng = self.rng
        ed = self.new_editor(index)
        n_sol = self.pick(SOLUTIONS_PER_EDITOR)
        dtypes = {
            "LGC-MV-VA2": "LGC",
            "LGC-SF-VA2": "LGC",
            "DUI-MS-VA2": "DUI",
            "DPI-HOP-VA2": "DPI",
            "RIS-IMG-VA2": "RIS",
        }
        dt_weights: dict[str, float] = {}
        for disp, w in DISPOSITIF_WEIGHTS.items():
            dt_weights[dtypes[disp]] = dt_weights.get(dtypes[disp], 0) + w
        cores: dict[str, Component] = {}
        pending: list[tuple[Solution, str, str]] = []  # (solution, dispositif, family)
        for _ in range(n_sol):
            dt = self.pick([(k, int(v * 100)) for k, v in dt_weights.items()])
            family = "lgc-ms" if dt in ("LGC", "DUI") else dt.lower()
            core = cores.get(family) if rng.random() < 0.7 else None
            sol = self.new_solution(ed, dt, core)
            cores.setdefault(family, sol.core)
            self.add_va1(sol)
            if dt == "LGC":
                disps = [d for d, p in (("LGC-MV-VA2", 0.75), ("LGC-SF-VA2", 0.5)) if rng.random() < p] or [
                    "LGC-MV-VA2"
                ]
            elif dt == "DUI":
                disps = ["DUI-MS-VA2"] * (2 if rng.random() < 0.15 else 1)
            else:
                disps = [{"DPI": "DPI-HOP-VA2", "RIS": "RIS-IMG-VA2"}[dt]]
            pending += [(sol, d, CHAIN_FAMILIES.get(d, "none")) for d in disps]
        pending = pending[:budget]
        # Groups of candidatures that may chain roots: same main component, same family.
        groups: dict[tuple[str, str], list[tuple[Solution, str]]] = {}
        for sol, disp, family in pending:
            groups.setdefault((family, sol.core.id), []).append((sol, disp))
        for (family, _), members in groups.items():
            chained = family != "none" and len(members) > 1 and rng.random() < 0.75
            # Roots first: dispositifs with an early Date 2 lead the chain.
            if chained:
                members.sort(key=lambda m: (self.m.dispositifs[m[1]].date2, m[0].id))
            minor = rng.randint(0, 2)
            dui_used: dict[str, list[str]] = {}
            for i, (sol, disp) in enumerate(members):
                if chained:
                    minor += rng.choice((0, 0, 1))
                    text = f"2.{minor}"
                else:
                    text = f"2.{rng.randint(0, 3)}"
                profiles = None
                key = f"{sol.id}|{disp}"
                if (
                    key in dui_used
                ):  # a second candidature of the solution on the dispositif: other profiles, other version (ASC-3)
                    profiles = self.choose_profiles(self.m.dispositifs[disp], exclude=dui_used[key])
                    if len(profiles) <= 1:
                        continue
                    text = f"2.{max(int(v.split('.')[1]) for v in dui_used[key + '|v']) + 1}"
                c = self.new_cand(ed, sol, disp, text, profiles)
                dui_used.setdefault(key, []).extend(p for p in c.profiles if p != "GEN")
                dui_used.setdefault(key + "|v", []).append(text)
                is_last = i == len(members) - 1
                c.status = "referenced" if chained and not is_last else self.pick(STATUS_WEIGHTS)
                if chained and i > 0:
                    roots = [
                        r
                        for r in ed.candidatures[:-1]
                        if r.status == "referenced"
                        and r.ref_date is not None
                        and r.depth < MAX_DEPTH
                        and r.solution.core.id == sol.core.id
                        and CHAIN_FAMILIES.get(r.disp.id) == family
                        and version_key(r.version.text) <= version_key(text)
                        and r.ref_date + timedelta(days=8) <= c.disp.date2
                        and r.disp.id != "RIS-IMG-VA2"
                    ]
                    if roots and c.status not in ("draft", "submitted"):
                        root = roots[-1] if rng.random() < 0.6 else rng.choice(roots)
                        self.set_root(c, root)
                self.schedule(c, chained)
                if c.root is not None and (c.recorded is None or c.recorded > c.disp.date2):
                    c.root = c.root_nru = c.root_version = c.intended = c.classic = None
                    c.recorded, c.depth = None, 0
                self.finish_root(ed, c)
        for sol in ed.solutions:
            self.add_psc(ed, sol)
        for c in ed.candidatures:
            if c.solution.psc is not None and rng.random() < 0.9:
                c.psc = c.solution.psc
            self.regular_modifications(c)
        return ed

    # ---- proofs: what each candidature deposits (a model of the engine's decisions)
    def final_state(self, c: Cand) -> tuple[list[str], list[str]]:
        profiles = list(c.profiles)
        ctypes = sorted({self.component_type(c, comp) for comp in c.components} - {None})
        for m in sorted(c.modifications, key=lambda m: m.date):
            if m.kind == "add-profile" and m.value not in profiles:
                profiles.append(m.value)
            elif m.kind == "add-component":
                t = self.component_type(c, m.value)
                if t and t not in ctypes:
                    ctypes.append(t)
        return profiles, ctypes

    @staticmethod
    def component_type(c: Cand, comp: str) -> str | None:
        for x in c.solution.components:
            if x.id == comp:
                return x.ctype
        return None

    def plan(self, c: Cand) -> None:
        if c.eligibility is None:
            return
        rng = random.Random(f"{self.seed}:plan:{c.id}")
        profiles, ctypes = self.final_state(c)
        heritage = [r for r in c.va1 if self.m.dispositifs[r.dispositif].device_type == c.disp.device_type]
        root = c.root if (c.root is not None and not c.classic and c.attestation is not None) else None
        root_rem = root.disp.rem if root else None
        eq = self.m.equivalences.get(c.disp.couloir, {})
        exempt: set[str] = set()
        plan = []
        for req in c.disp.reqs:
            if req.profile != "GEN" and req.profile not in profiles:
                continue
            if req.ctype and req.ctype not in ctypes:
                continue
            if req.vague1 and heritage:
                if any(req.profile == "GEN" or req.profile in r.profiles for r in heritage):
                    continue
            elif root is not None and not (req.ctype and req.ctype not in root.version.ctypes):
                parts = ([req.iri] if root_rem == c.disp.rem else []) + [
                    r for r in eq.get(req.iri, ()) if self.m.rem_of_req.get(r) == root_rem
                ]
                if any(p in root.covered for p in parts):
                    exempt.add(req.iri)
                    continue
            plan.append((req, self.pick(OUTCOMES[c.status], rng)))
        c.plan = plan
        c.covered = frozenset(exempt | {req.iri for req, outcome in plan if outcome == "validated"})

    # ---- the deliberate rule breaks
    def build_breaking(self, index: int, budget: int) -> Editor | None:
        ed = self.new_editor(index, "S-ED-BRK")
        ed.dossier = "S-DOS-BRK"
        ed.title = "Cas synthétiques qui enfreignent chacun une règle (voir MANIFEST.json)"
        core = Component("S-SOL-BRK-CORE", "main", "Socle des cas")
        used = 0

        def solution(dt: str, tag: str, psc_config: str | None = None) -> Solution:
            # Every case has a solution of its own (no rule spills from one case to another); all share
            # one main component, defined by the first.
            sol = self.new_solution(ed, dt, core, n_additional=0, psc_config=psc_config)
            sol.id = f"S-SOL-BRK-{tag}"
            for n, nm in enumerate(sol.names):
                nm.id = f"S-CN-BRK-{tag}-{n + 1}"
                nm.parent = None
                nm.cnda = ("granted", date(2025, 9, 1))
            if len(ed.solutions) == 1:
                sol.components.insert(0, core)
            for comp in sol.components:
                if comp.kind in ("lps", "proxy"):
                    comp.id = f"S-SOL-BRK-{tag}-{comp.kind.upper()}"
            sol.lps = next((x.id for x in sol.components if x.kind == "lps"), None)
            sol.proxy = next((x.id for x in sol.components if x.kind == "proxy"), None)
            return sol

        def cand(sol: Solution, disp: str, version: str, status: str, profiles: list[str] | None = None) -> Cand:
            c = self.new_cand(ed, sol, disp, version, profiles or ["GEN"])
            c.va1 = []
            c.status = status
            self.schedule(c, chain=True)
            return c

        def case(cost: int) -> bool:
            nonlocal used
            if used + cost > budget:
                return False
            used += cost
            return True

        def add(
            case_id: str, rule: str, shape: str, focus: str, c: Cand | None, text: str, severity: str = "Violation"
        ) -> None:
            self.cases.append(Case(case_id, rule, shape, severity, focus, c.id if c else None, text))

        if not case(1):
            return None
        anchor_sol = solution("LGC", "ROOT")
        anchor = cand(anchor_sol, "LGC-MV-VA2", "2.1", "referenced")  # a clean referenced root: 2026-02..03

        if case(2):  # TRANS-2: two referenced candidatures that name each other's NRU as root
            x = cand(solution("LGC", "CYCLE-X"), "LGC-SF-VA2", "2.1", "referenced")
            y = cand(solution("DUI", "CYCLE-Y"), "DUI-MS-VA2", "2.1", "referenced", ["GEN", "PA"])
            when = max(x.ref_date, y.ref_date) + timedelta(days=3)
            for a, b in ((x, y), (y, x)):
                a.root, a.root_nru, a.root_version, a.recorded, a.depth = b, b.nru, b.version, when, -1
                a.attestation = (when, True, True, True)
            for c in (x, y):
                add(
                    "cycle",
                    "TRANS-2",
                    "TRANS-2",
                    c.id,
                    c,
                    "Two candidatures name each other's NRU as root: a cycle of roots.",
                )
        if case(1):  # ROOT-3: root recorded after Date 2
            c = cand(solution("LGC", "LATE"), "LGC-MV-VA2", "2.1", "rejected")
            c.root, c.root_nru, c.root_version = anchor, anchor.nru, anchor.version
            c.recorded = c.disp.date2 + timedelta(days=15)
            c.attestation = (c.recorded, True, True, True)
            add(
                "root-after-date2",
                "ROOT-3",
                "ROOT-3",
                c.id,
                c,
                "Root NRU recorded 15 days after the dispositif's Date 2.",
            )
        if case(1):  # ROOT-1: root recorded before the root was referenced
            c = cand(solution("DUI", "EARLY"), "DUI-MS-VA2", "2.1", "eligible", ["GEN", "PH"])
            c.root, c.root_nru, c.root_version = anchor, anchor.nru, anchor.version
            c.recorded = anchor.ref_date - timedelta(days=10)
            c.attestation = (c.recorded, True, True, True)
            add(
                "root-before-referenced",
                "ROOT-1",
                "ROOT-1",
                c.id,
                c,
                "Root NRU recorded 10 days before that root was referenced.",
            )
        if case(1):  # ROOT-5: a root without attestation
            c = cand(solution("LGC", "NOATT"), "LGC-SF-VA2", "2.1", "eligible")
            c.root, c.root_nru, c.root_version = anchor, anchor.nru, anchor.version
            c.recorded = anchor.ref_date + timedelta(days=5)
            add("no-attestation", "ROOT-5", "ROOT-5", c.id, c, "Uses a root NRU without the attestation sur l'honneur.")
        if case(1):  # HER-1: the root is a vague 1 referencing
            sol = solution("DUI", "VA1ROOT")
            v1 = sol.version("1.0")
            ref = Va1Ref(f"S-VA1-BRK-{self.next('va1'):06d}", "DUI-MS1-VA1", v1, ["GEN", "PA"], date(2022, 10, 3))
            sol.va1.append(ref)
            c = cand(sol, "DUI-MS-VA2", "2.1", "eligible", ["GEN", "PA"])
            c.root_nru, c.root_version = ref.nru, v1
            c.recorded = c.eligibility + timedelta(days=3)
            c.attestation = (c.recorded, True, True, True)
            add("va1-root", "HER-1", "HER-1", c.id, c, "Names a vague 1 referencing as root NRU.")
        if case(1):  # HER-2: heritage from a vague 1 referencing of another device type
            lgc = solution("LGC", "VA1LGC")
            ref = Va1Ref(
                f"S-VA1-BRK-{self.next('va1'):06d}", "LGC-MV-VA1", lgc.version("1.0"), ["GEN"], date(2022, 3, 1)
            )
            lgc.va1.append(ref)
            c = cand(solution("DUI", "HER2"), "DUI-MS-VA2", "2.0", "eligible", ["GEN", "PDE"])
            c.va1_extra.append(ref.nru)
            add(
                "heritage-other-type",
                "HER-2",
                "HER-2",
                c.id,
                c,
                "A DUI candidature enters an LGC vague 1 referencing for heritage.",
            )
        if case(1):  # COU-1: an imaging candidature names a root
            c = cand(solution("RIS", "IMG"), "RIS-IMG-VA2", "2.1", "eligible")
            c.root, c.root_nru, c.root_version = anchor, anchor.nru, anchor.version
            c.recorded = anchor.ref_date + timedelta(days=5)
            c.attestation = (c.recorded, True, True, True)
            add("imaging-root", "COU-1", "COU-1", c.id, c, "An imaging (RIS) candidature names an LGC root NRU.")
        if case(1):  # ASC-1: candidate version below the root's
            c = cand(solution("LGC", "OLDER"), "LGC-SF-VA2", "2.0", "eligible")
            c.root, c.root_nru, c.root_version = anchor, anchor.nru, anchor.version
            c.recorded = anchor.ref_date + timedelta(days=5)
            c.attestation = (c.recorded, True, True, True)
            add("older-version", "ASC-1", "ASC-1", c.id, c, "Candidate version 2.0 below its root's version 2.1.")
        if case(2):  # ASC-3: two candidatures of one solution on one dispositif with the same version
            sol = solution("DUI", "TWICE")
            a = cand(sol, "DUI-MS-VA2", "2.3", "eligible", ["GEN", "PA"])
            b = cand(sol, "DUI-MS-VA2", "2.3", "eligible", ["GEN", "PH"])
            for c in (a, b):
                add(
                    "same-version",
                    "ASC-3",
                    "ASC-3",
                    c.id,
                    c,
                    "Two candidatures of one solution on DUI-MS-VA2 with version 2.3.",
                )
        if case(1):  # DATE-1: administrative dossier after Date 1
            c = cand(solution("DPI", "LATEADMIN"), "DPI-HOP-VA2", "2.0", "eligible")
            c.admin = c.disp.date1 + timedelta(days=12)
            c.eligibility = c.admin + timedelta(days=10)
            add(
                "admin-after-date1",
                "DATE-1",
                "DATE-1",
                c.id,
                c,
                "Administrative dossier deposited 12 days after Date 1.",
            )
        if case(1):  # DATE-2: a proof deposited before eligibility
            c = cand(solution("LGC", "EARLYPROOF"), "LGC-MV-VA2", "2.0", "eligible")
            c.early_proof = True
            add(
                "proof-before-eligibility",
                "DATE-2",
                "DATE-2",
                f"{c.id}/proof/1",
                c,
                "First proof deposited 5 days before eligibility.",
            )
        if case(1):  # DATE-3: an optional profile added after Date 2
            c = cand(solution("DUI", "LATEPROFILE"), "DUI-MS-VA2", "2.0", "eligible", ["GEN", "PDS"])
            m = Modification(
                f"S-MOD-BRK-{self.next('mod'):06d}",
                "add-profile",
                c.disp.date2 + timedelta(days=20),
                "candidature",
                c.id,
                "DOM",
                c.disp,
            )
            c.modifications.append(m)
            add(
                "optional-profile-after-date2",
                "DATE-3",
                "DATE-3",
                m.id,
                c,
                "Optional profile DOM added 20 days after Date 2.",
            )
        if case(1):  # ROOT-2 (warning): intended root referenced, its NRU not recorded
            c = cand(solution("LGC", "INTENDED"), "LGC-SF-VA2", "2.2", "eligible")
            c.intended = anchor
            add(
                "intended-root-not-recorded",
                "ROOT-2",
                "ROOT-2",
                c.id,
                c,
                "Declared an intended root that is referenced, without recording its NRU.",
                "Warning",
            )
        # Cases on names and habilitations: no candidature of their own.
        sol = solution("LGC", "NIL")
        if len(sol.names) < 2:
            sol.names.append(Name("S-CN-BRK-NIL-2", f"{sol.name} Pro", None, cnda=("granted", date(2025, 9, 1))))
        sol.names[1].nil = sol.names[0].nil
        sol.version("2.0")
        for nm in sol.names[:2]:
            add(
                "shared-nil",
                "CNDA-1",
                "CNDA-1",
                nm.id,
                None,
                f"Names {sol.names[0].id} and {sol.names[1].id} share one NIL.",
            )
        sol = solution("LGC", "PSC1", psc_config="separate")
        # One declared name and one missing: a second random name would be a second missing one.
        del sol.names[1:]
        sol.names.append(
            Name(
                "S-CN-BRK-PSC1-X",
                f"{sol.name} Plus",
                f"NIL-S{self.next('nil'):07d}",
                cnda=("granted", date(2025, 9, 1)),
            )
        )
        v = sol.version("2.0")
        ed_psc = PSCHab(
            f"S-PSCH-BRK-{self.next('psc'):06d}",
            f"S-PSC-BRK-{self.counter['psc']:06d}",
            "separate",
            date(2025, 10, 1),
            sol.lps,
            sol.proxy,
            [v.id],
            [sol.names[0].id],
            [core.id, sol.lps, sol.proxy],
        )
        sol.psc = ed_psc
        add(
            "psc-name-missing",
            "PSC-1",
            "PSC-1",
            ed_psc.id,
            None,
            "A served version's commercial name is missing from the declared perimeter.",
        )
        sol = solution("DUI", "PSC5", psc_config="monobloc")
        v = sol.version("2.0")
        n1, n2 = self.next("psc"), self.next("psc")
        mono = PSCHab(
            f"S-PSCH-BRK-{n1:06d}",
            f"S-PSC-BRK-{n1:06d}",
            "monobloc",
            date(2025, 10, 1),
            sol.lps,
            sol.proxy,
            [v.id],
            [n.id for n in sol.names],
            [core.id, sol.lps, sol.proxy],
        )
        apart = PSCHab(
            f"S-PSCH-BRK-{n2:06d}",
            f"S-PSC-BRK-{n2:06d}",
            "proxy-alone",
            date(2025, 11, 1),
            None,
            sol.proxy,
            [v.id],
            [n.id for n in sol.names],
            [sol.proxy],
        )
        sol.psc = mono
        ed.extra_psc.append(apart)
        add(
            "monobloc-split",
            "PSC-5",
            "PSC-5",
            apart.id,
            None,
            "The Proxy of a monobloc habilitation is habilitated alone elsewhere.",
        )
        sol = solution("LGC", "PENDINGCNDA")
        sol.names[0].cnda = ("pending", date(2025, 11, 15))
        sol.version("2.0")
        add(
            "cnda-pending",
            "CNDA-2",
            "CNDA-2",
            sol.names[0].id,
            None,
            "A commercial name whose CNDA conformity is pending.",
            "Warning",
        )
        ed.rules = sorted({c.rule for c in self.cases})
        for c in ed.candidatures:
            if (
                c.root is not None
                and c.attestation is None
                and c.id not in {x.candidature for x in self.cases if x.rule == "ROOT-5"}
            ):
                c.attestation = (c.recorded, True, True, True)
        return ed

    # ---- output
    def run(self, out_dir: Path) -> dict:
        out_dir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        path = out_dir / NT_FILE
        tmp = path.with_suffix(".nt.part")
        breaking_budget = min(17, self.n // 2)
        regular = self.n - breaking_budget
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            self.fh = fh
            self.write_operators()
            made, index = 0, 0
            while made < regular:
                index += 1
                ed = self.build_editor(index, regular - made)
                made += len(ed.candidatures)
                self.write_editor(ed)
            brk = self.build_breaking(index + 1, self.n - made) if self.n - made > 0 else None
            if brk is not None:
                made += len(brk.candidatures)
                self.write_editor(brk)
            while made < self.n:  # what the breaking set did not use
                index += 1
                ed = self.build_editor(index, self.n - made)
                made += len(ed.candidatures)
                self.write_editor(ed)
        tmp.replace(path)
        manifest = {
            "generator": "segur-kg synth",
            "version": SYNTH_VERSION,
            "seed": self.seed,
            "candidatures": self.n,
            "history": self.history,
            "as_of": TODAY.isoformat(),
            "files": [NT_FILE],
            "triples": self.triples,
            "counts": dict(sorted(self.counts.items())),
            "proofs_per_candidature": round(self.proof_count / self.n, 2),
            "chain_depths": {str(k): v for k, v in sorted(self.chain_depths.items())},
            "cases": [c.as_json() for c in self.cases],
            "seconds": round(time.perf_counter() - started, 2),
        }
        (out_dir / MANIFEST_FILE).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return manifest

    def emit(self, lines: list[str]) -> None:
        self.triples += len(lines)
        self.fh.write("".join(lines))

    def entity(self, out: list[str], kind: str, ident: str, klass: str, dossier: str, name: str | None = None) -> str:
        node = _e(kind, ident)
        out.append(f"{node} {A} {C[klass] if klass in C else klass} .\n")
        out.append(f"{node} {IDENT} {_lit(ident)} .\n")
        out.append(f"{node} {SOURCE} {dossier} .\n")
        local = klass if klass in C else klass.rsplit("#", 1)[-1].rstrip(">")
        self.counts[local] = self.counts.get(local, 0) + 1
        if name:
            out.append(f"{node} {NAME} {_lit(name)} .\n")
            out.append(f"{node} {LABEL} {_lit(name)} .\n")
        return node

    def dossier_node(self, out: list[str], ident: str, title: str, rules: list[str] = ()) -> str:
        node = _e("dossier", ident)
        out.append(f"{node} {A} {C['Dossier']} .\n")
        out.append(f"{node} {IDENT} {_lit(ident)} .\n")
        out.append(f"{node} {SOURCE} {_lit(NT_FILE)} .\n")
        out.append(f"{node} {TITLE} {_lit(title)} .\n")
        for r in rules:
            out.append(f"{node} {P['rule']} {_n(ns.rule(r))} .\n")
        self.counts["Dossier"] = self.counts.get("Dossier", 0) + 1
        return node

    def write_operators(self) -> None:
        out: list[str] = []
        dnode = self.dossier_node(out, "S-DOS-OPERATEURS", "Opérateurs d'LPS et de Proxy e-santé (synthétique)")
        for op in self.operators:
            self.entity(out, "operator", op, "Operator", dnode, f"Opérateur {op[5:]} Hébergement")
        self.emit(out)

    def write_editor(self, ed: Editor) -> None:
        for c in ed.candidatures:
            self.plan(c)
        out: list[str] = []
        dnode = self.dossier_node(out, ed.dossier, ed.title, ed.rules)
        self.entity(out, "editor", ed.id, "Editor", dnode, ed.name)
        for sol in ed.solutions:
            self.write_solution(out, sol, ed, dnode)
        for sol in ed.solutions:
            for ref in sol.va1:
                node = self.entity(out, "referencing", ref.nru, "Referencing", dnode)
                out.append(f"{node} {P['nru']} {_lit(ref.nru)} .\n")
                out.append(f"{node} {P['wave']} {WAVE['1']} .\n")
                out.append(f"{node} {P['dispositif']} {_n(ns.entity('dispositif', ref.dispositif))} .\n")
                out.append(f"{node} {P['solutionVersion']} {_e('version', ref.version.id)} .\n")
                dt = self.m.dispositifs[ref.dispositif].device_type
                for code in ref.profiles:
                    out.append(f"{node} {P['coversProfile']} {_n(ns.profile(dt, code))} .\n")
                out.append(f"{node} {P['referencingDate']} {_date(ref.date)} .\n")
                if ref.withdrawn:
                    out.append(f"{node} {P['withdrawalDate']} {_date(ref.withdrawn)} .\n")
        habs = [s.psc for s in ed.solutions if s.psc is not None] + ed.extra_psc
        for h in habs:
            node = self.entity(out, "psc-habilitation", h.id, "PSCHabilitation", dnode)
            out.append(f"{node} {P['guichet']} {C['GuichetEditeur']} .\n")
            out.append(f"{node} {P['pscConfiguration']} {PSC_CONF[h.config]} .\n")
            out.append(f"{node} {P['nru']} {_lit(h.nru)} .\n")
            out.append(f"{node} {P['habilitationDate']} {_date(h.date)} .\n")
            _psc_components(out, node, h.lps, h.proxy)
            for v in h.serves:
                out.append(f"{node} {P['servesSolutionVersion']} {_e('version', v)} .\n")
            for nm in h.names:
                out.append(f"{node} {P['commercialName']} {_e('commercial-name', nm)} .\n")
            for comp in h.components:
                out.append(f"{node} {P['declaredComponent']} {_e('component', comp)} .\n")
        for h in ed.op_habs:
            node = self.entity(out, "operator-habilitation", h.id, "OperatorHabilitation", dnode)
            out.append(f"{node} {P['guichet']} {C['GuichetOperateur']} .\n")
            out.append(f"{node} {P['operatorRole']} {ROLE[h.role]} .\n")
            out.append(f"{node} {P['operator']} {_e('operator', h.operator)} .\n")
            out.append(f"{node} {P['operatedComponent']} {_e('component', h.component)} .\n")
            out.append(f"{node} {P['habilitationDate']} {_date(h.date)} .\n")
        for c in ed.candidatures:
            self.write_candidature(out, c, dnode)
            if len(out) > 20000:
                self.emit(out)
                out = []
        for c in ed.candidatures:
            for m in c.modifications:
                self.write_modification(out, m, dnode)
        for m in ed.modifications:
            self.write_modification(out, m, dnode)
        self.emit(out)

    def write_solution(self, out: list[str], sol: Solution, ed: Editor, dnode: str) -> None:
        node = self.entity(out, "solution", sol.id, "Solution", dnode, sol.name)
        out.append(f"{node} {P['editor']} {_e('editor', ed.id)} .\n")
        out.append(f"{node} {P['deviceType']} {_n(ns.entity('device-type', sol.device_type))} .\n")
        for comp in sol.components:
            cnode = self.entity(out, "component", comp.id, KIND_CLASS[comp.kind], dnode, comp.name)
            out.append(f"{cnode} {A} {C['Component']} .\n")
            out.append(f"{cnode} {ISPART} {node} .\n")
            if comp.ctype:
                out.append(f"{cnode} {P['componentType']} {_n(ns.entity('component-type', comp.ctype))} .\n")
        for nm in sol.names:
            cnode = self.entity(out, "commercial-name", nm.id, "CommercialName", dnode, nm.name)
            if nm.nil:
                out.append(f"{cnode} {P['nil']} {_lit(nm.nil)} .\n")
            if nm.parent:
                out.append(f"{cnode} {P['parentName']} {_e('commercial-name', nm.parent)} .\n")
            if nm.cnda:
                conf = f"<{iri('commercial-name', nm.id)}/cnda>"
                out.append(f"{cnode} {P['cndaConformity']} {conf} .\n")
                out.append(f"{conf} {A} {C['CNDAConformity']} .\n")
                out.append(f"{conf} {P['conformityStatus']} {CNDA[nm.cnda[0]]} .\n")
                out.append(f"{conf} {P['conformityDate']} {_date(nm.cnda[1])} .\n")
                self.counts["CNDAConformity"] = self.counts.get("CNDAConformity", 0) + 1
        for v in sorted(sol.versions.values(), key=lambda v: version_key(v.text)):
            vnode = self.entity(out, "version", v.id, "SolutionVersion", dnode)
            out.append(f"{node} {P['hasVersion']} {vnode} .\n")
            out.append(f"{vnode} {P['versionOf']} {node} .\n")
            out.append(f"{vnode} {P['versionString']} {_lit(v.text)} .\n")
            out.append(f"{vnode} {P['versionKey']} {_lit(version_key(v.text))} .\n")
            out.append(f"{vnode} {P['mainComponent']} {_e('component', v.main)} .\n")
            for comp in v.additional:
                out.append(f"{vnode} {P['additionalComponent']} {_e('component', comp)} .\n")
            _psc_components(out, vnode, v.lps, v.proxy)
            for nm in v.names:
                out.append(f"{vnode} {P['commercialName']} {_e('commercial-name', nm)} .\n")

    def write_candidature(self, out: list[str], c: Cand, dnode: str) -> None:
        node = self.entity(out, "candidature", c.id, "Candidature", dnode)
        d = c.disp
        out.append(f"{node} {P['dispositif']} {_n(ns.entity('dispositif', d.id))} .\n")
        out.append(f"{node} {P['solutionVersion']} {_e('version', c.version.id)} .\n")
        for code in c.profiles:
            out.append(f"{node} {P['chosenProfile']} {_n(ns.profile(d.device_type, code))} .\n")
        for comp in c.components:
            out.append(f"{node} {P['additionalComponent']} {_e('component', comp)} .\n")
        for ref in [r.nru for r in c.va1] + c.va1_extra:
            out.append(f"{node} {P['va1Referencing']} {_e('referencing', ref)} .\n")
        if c.intended is not None:
            out.append(f"{node} {P['intendedRoot']} {_e('candidature', c.intended.id)} .\n")
        if c.root_nru:
            out.append(f"{node} {P['rootReferencing']} {_e('referencing', c.root_nru)} .\n")
            depth = c.depth or 1
            if depth > 0:  # the deliberate cycle (TRANS-2) has no depth
                self.chain_depths[depth] = self.chain_depths.get(depth, 0) + 1
        if c.recorded:
            out.append(f"{node} {P['rootRecordedDate']} {_date(c.recorded)} .\n")
        if c.classic is not None:
            out.append(f"{node} {P['classicDeposit']} {_bool(c.classic)} .\n")
        if c.attestation is not None:
            anode = f"<{iri('candidature', c.id)}/attestation>"
            out.append(f"{node} {P['attestation']} {anode} .\n")
            out.append(f"{anode} {A} {C['Attestation']} .\n")
            out.append(f"{anode} {P['attestationDate']} {_date(c.attestation[0])} .\n")
            out.append(f"{anode} {P['attestsMainComponentIdentical']} {_bool(c.attestation[1])} .\n")
            out.append(f"{anode} {P['attestsSingleSolution']} {_bool(c.attestation[2])} .\n")
            out.append(f"{anode} {P['attestsAscendingCompatibility']} {_bool(c.attestation[3])} .\n")
            self.counts["Attestation"] = self.counts.get("Attestation", 0) + 1
        if c.psc is not None:
            out.append(f"{node} {P['pscHabilitation']} {_e('psc-habilitation', c.psc.id)} .\n")
        for prop, value in (
            ("adminDepositDate", c.admin),
            ("eligibilityDate", c.eligibility),
            ("completeDepositDate", c.complete),
            ("decisionDate", c.decision),
        ):
            if value is not None:
                out.append(f"{node} {P[prop]} {_date(value)} .\n")
        out.append(f"{node} {P['candidatureStatus']} {CAND_STATUS[c.status]} .\n")
        if c.nru:
            rnode = self.entity(out, "referencing", c.nru, "Referencing", dnode)
            out.append(f"{rnode} {P['nru']} {_lit(c.nru)} .\n")
            out.append(f"{rnode} {P['ofCandidature']} {node} .\n")
            out.append(f"{rnode} {P['wave']} {WAVE[str(d.wave)]} .\n")
            out.append(f"{rnode} {P['dispositif']} {_n(ns.entity('dispositif', d.id))} .\n")
            out.append(f"{rnode} {P['solutionVersion']} {_e('version', c.version.id)} .\n")
            for code in c.profiles:
                out.append(f"{rnode} {P['coversProfile']} {_n(ns.profile(d.device_type, code))} .\n")
            out.append(f"{rnode} {P['referencingDate']} {_date(c.ref_date)} .\n")
            if c.ref_withdrawn:
                out.append(f"{rnode} {P['withdrawalDate']} {_date(c.ref_withdrawn)} .\n")
        self.write_proofs(out, c, node)

    def write_proofs(self, out: list[str], c: Cand, node: str) -> None:
        """Each scenario of each requirement to deposit: refused deposits, then the last one with the
        requirement's outcome. A refused deposit is always followed by a later one for the same
        scenario, so the latest proof of a requirement (the engine's view) has the outcome."""
        if not c.plan:
            return
        rng = random.Random(f"{self.seed}:proofs:{c.id}")
        start = c.eligibility
        last_day = (c.decision - timedelta(days=1)) if c.decision else TODAY - timedelta(days=1)
        last_day = max(last_day, start)
        spread = max(0, ((c.complete or min(c.disp.date2, TODAY)) - start).days // 2)
        spread = min(spread, (last_day - start).days)
        decided_by = min(c.decision or TODAY, TODAY)
        mean = REFUSAL_MEAN * self.history
        q = mean / (1 + mean)
        # A longer history (--history above 1) is a stress setting: rounds come faster to fit.
        decide_max = max(2, round(10 / max(1.0, self.history)))
        again_max = max(1, round(5 / max(1.0, self.history)))
        n = 0
        base = f"<{iri('candidature', c.id)}/proof/"
        ident = c.id + "/proof/"
        pc = P
        for req, outcome in c.plan:
            for _, siri in req.scenarios:
                t = start + timedelta(days=rng.randint(0, spread))
                rounds: list[tuple[str, date, date | None]] = []
                while rng.random() < q:
                    decided = t + timedelta(days=rng.randint(1 if decide_max < 10 else 2, decide_max))
                    nxt = decided + timedelta(days=rng.randint(1, again_max))
                    if nxt > last_day:
                        break
                    rounds.append(("refused", t, decided))
                    t = nxt
                if outcome == "missing":
                    if not rounds:
                        continue
                elif outcome == "deposited":
                    rounds.append(("deposited", t, None))
                else:
                    rounds.append((outcome, t, max(t, min(t + timedelta(days=rng.randint(3, 20)), decided_by))))
                for status, dep, decided in rounds:
                    n += 1
                    if c.early_proof and n == 1:
                        dep = c.eligibility - timedelta(days=5)
                    p = f"{base}{n}>"
                    out.append(f"{p} {A} {C['Proof']} .\n")
                    out.append(f'{p} {IDENT} "{ident}{n}" .\n')
                    out.append(f"{p} {pc['ofCandidature']} {node} .\n")
                    out.append(f"{p} {pc['forRequirement']} <{req.iri}> .\n")
                    out.append(f"{p} {pc['forScenario']} <{siri}> .\n")
                    out.append(f"{p} {pc['proofStatus']} {PROOF[status]} .\n")
                    out.append(f"{p} {pc['depositDate']} {_date(dep)} .\n")
                    if decided is not None:
                        out.append(f"{p} {pc['statusDate']} {_date(decided)} .\n")
        self.counts["Proof"] = self.counts.get("Proof", 0) + n
        self.proof_count += n

    def write_modification(self, out: list[str], m: Modification, dnode: str) -> None:
        concept, target_key, prop, default_step = MOD_KIND[m.kind]
        node = self.entity(out, "modification", m.id, "Modification", dnode)
        out.append(f"{node} {P['modificationKind']} {concept} .\n")
        out.append(f"{node} {P['modificationDate']} {_date(m.date)} .\n")
        target = _e(m.target_kind, m.target)
        out.append(f"{node} {P['modifies']} {target} .\n")
        if m.target_kind == "candidature":
            out.append(f"{node} {P['ofCandidature']} {target} .\n")
        if prop is not None:
            if m.kind in ("add-profile", "remove-profile"):
                value = _n(ns.profile(m.dispositif.device_type, m.value))
            elif m.kind in ("add-component", "remove-component"):
                value = _e("component", m.value)
            elif m.kind == "set-root":
                value = _e("referencing", m.value)
            else:
                value = _e("psc-habilitation", m.value)
            out.append(f"{node} {prop} {value} .\n")
        if default_step:
            out.append(f"{node} {P['reopensStep']} {STEP[default_step]} .\n")


def generate(out_dir: Path, candidatures: int, *, seed: int = 1, history: float = 1.0) -> dict:
    """Write ``national.nt`` and ``MANIFEST.json`` into ``out_dir``; return the manifest."""
    from segur_kg.errors import InputError
    from segur_kg.i18n import tr

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(out_dir, "", tr("un dossier est attendu, c'est un fichier", "expected a folder, found a file"))
    try:
        return Generator(candidatures, seed, history).run(out_dir)
    except OSError as exc:
        raise InputError(
            out_dir, "", tr(f"écriture impossible ({exc.strerror})", f"cannot write ({exc.strerror})")
        ) from None


__all__ = ["generate", "Generator", "reference_model", "NT_FILE", "MANIFEST_FILE", "TODAY"]
