"""The synthetic national graph (``segur-kg synth``): every candidature of every dispositif at once.

The :class:`Generator` builds the population (:mod:`segur_kg.synth.model`) editor by editor, adds
the deliberate rule breaks of :mod:`segur_kg.synth.cases`, and streams each editor as N-Triples
(:mod:`segur_kg.synth.writers`) before building the next one. What it holds, and how it stays
deterministic and valid: ``docs/synth.md``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from segur_kg import progress
from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.synth.cases import breaking_editor
from segur_kg.synth.model import (
    MAX_DEPTH,
    SYNTH_VERSION,
    TODAY,
    Cand,
    Case,
    Component,
    Disp,
    Editor,
    Modification,
    Name,
    Operator,
    OpHab,
    Proof,
    PSCHab,
    RefModel,
    Solution,
    Va1Ref,
    reference_model,
)
from segur_kg.synth.writers import MANIFEST_FILE, NT_FILE, NTriplesWriter, graph_file, write_manifest
from segur_kg.versions import version_key
from segur_kg.writers import replaced_folder

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

# Syllables of the editors' invented names.
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
        self.cases: list[Case] = []
        self.chain_depths: dict[int, int] = {}
        self.proof_count = 0
        self.operators = [Operator(f"S-OP-{i:03d}", f"Opérateur {i:03d} Hébergement") for i in range(1, 26)]

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
                        self.rng.choice(self.operators).id,
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

    def prove(self, c: Cand) -> None:
        """Each scenario of each requirement to deposit: refused deposits, then the last one with the
        requirement's outcome. A refused deposit is always followed by a later one for the same
        scenario, so the latest proof of a requirement (the engine's view) has the outcome."""
        c.proofs = []
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
        for req, outcome in c.plan:
            for scenario in req.scenarios:
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
                for status, deposited, decided in rounds:
                    if c.early_proof and not c.proofs:  # the DATE-2 case
                        deposited = c.eligibility - timedelta(days=5)
                    c.proofs.append(Proof(req, scenario, status, deposited, decided))
        self.proof_count += len(c.proofs)

    def ready(self, ed: Editor) -> Editor:
        """The editor's candidatures planned (roots first: a dependant's plan reads its root's) and proved."""
        for c in ed.candidatures:
            self.plan(c)
        for c in ed.candidatures:
            self.prove(c)
            if c.root_nru:
                depth = c.depth or 1
                if depth > 0:  # the deliberate cycle (TRANS-2) has no depth
                    self.chain_depths[depth] = self.chain_depths.get(depth, 0) + 1
        return ed

    # ---- the whole population, and the output
    def editors(self) -> Iterator[Editor]:
        """Every editor in output order, each ready to write; the next is built once this one is written."""
        breaking_budget = min(17, self.n // 2)
        regular = self.n - breaking_budget
        made, index = 0, 0
        while made < regular:
            index += 1
            ed = self.build_editor(index, regular - made)
            made += len(ed.candidatures)
            yield self.ready(ed)
        brk = breaking_editor(self, index + 1, self.n - made) if self.n - made > 0 else None
        if brk is not None:
            made += len(brk.candidatures)
            yield self.ready(brk)
        while made < self.n:  # what the breaking set did not use
            index += 1
            ed = self.build_editor(index, self.n - made)
            made += len(ed.candidatures)
            yield self.ready(ed)

    def run(self, out_dir: Path) -> dict:
        """Write the two files into a new folder that then replaces ``out_dir`` in one step, so that
        an interrupted run leaves the previous pair of files or the new one, never a mix."""
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with replaced_folder(out_dir) as building:
            manifest = self._write(building, started)
        return manifest

    def _write(self, out_dir: Path, started: float) -> dict:
        with graph_file(out_dir) as fh:
            writer = NTriplesWriter(fh, self.m.dispositifs)
            writer.write_operators(self.operators)
            with progress.step(msg("synth.progress", candidatures=self.n), total=self.n) as step:
                for ed in self.editors():
                    writer.write_editor(ed)
                    step.advance(len(ed.candidatures))
        manifest = {
            "generator": "segur-kg synth",
            "version": SYNTH_VERSION,
            "seed": self.seed,
            "candidatures": self.n,
            "history": self.history,
            "as_of": TODAY.isoformat(),
            "files": [NT_FILE],
            "triples": writer.triples,
            "counts": dict(sorted(writer.counts.items())),
            "proofs_per_candidature": round(self.proof_count / self.n, 2),
            "chain_depths": {str(k): v for k, v in sorted(self.chain_depths.items())},
            "cases": [c.as_json() for c in self.cases],
            "seconds": round(time.perf_counter() - started, 2),
        }
        write_manifest(out_dir, manifest)
        return manifest


def generate(out_dir: Path, candidatures: int, *, seed: int = 1, history: float = 1.0) -> dict:
    """Write ``national.nt`` and ``MANIFEST.json`` into ``out_dir``; return the manifest."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(out_dir, "", msg("synth.not-a-folder"))
    try:
        return Generator(candidatures, seed, history).run(out_dir)
    except OSError as exc:
        raise InputError(out_dir, "", msg("synth.cannot-write", reason=exc.strerror)) from None


__all__ = [
    "MANIFEST_FILE",
    "MAX_DEPTH",
    "NT_FILE",
    "SYNTH_VERSION",
    "TODAY",
    "Generator",
    "generate",
    "reference_model",
]
