"""The deliberate rule breaks of the synthetic graph, as a table keyed by rule ID (:data:`CASES`).

Each case breaks one rule, once, in a solution of its own, and says in ``MANIFEST.json`` which node
validation must report. Adding a case for a rule is one function and one entry of the table.
Design notes in ``docs/synth.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from segur_kg.synth.model import Cand, Case, Component, Editor, Modification, Name, PSCHab, Solution, Va1Ref

if TYPE_CHECKING:
    from segur_kg.synth.generator import Generator

GRANTED = ("granted", date(2025, 9, 1))  # the CNDA conformity of every name of the cases


class BreakingWorld:
    """What the cases share: the generator, the one editor that holds them all, the main component
    all their solutions share, and a clean referenced candidature that several cases name as root."""

    def __init__(self, gen: Generator, ed: Editor, core: Component) -> None:
        self.gen, self.ed, self.core = gen, ed, core
        self.anchor: Cand | None = None

    def solution(self, device_type: str, tag: str, psc_config: str | None = None) -> Solution:
        # Every case has a solution of its own (no rule spills from one case to another); all share
        # one main component, defined by the first.
        ed = self.ed
        sol = self.gen.new_solution(ed, device_type, self.core, n_additional=0, psc_config=psc_config)
        sol.id = f"S-SOL-BRK-{tag}"
        for n, nm in enumerate(sol.names):
            nm.id = f"S-CN-BRK-{tag}-{n + 1}"
            nm.parent = None
            nm.cnda = GRANTED
        if len(ed.solutions) == 1:
            sol.components.insert(0, self.core)
        for comp in sol.components:
            if comp.kind in ("lps", "proxy"):
                comp.id = f"S-SOL-BRK-{tag}-{comp.kind.upper()}"
        sol.lps = next((x.id for x in sol.components if x.kind == "lps"), None)
        sol.proxy = next((x.id for x in sol.components if x.kind == "proxy"), None)
        return sol

    def cand(self, sol: Solution, disp: str, version: str, status: str, profiles: list[str] | None = None) -> Cand:
        c = self.gen.new_cand(self.ed, sol, disp, version, profiles or ["GEN"])
        c.va1 = []
        c.status = status
        self.gen.schedule(c, chain=True)
        return c

    def name_root(self, c: Cand, recorded: date, attested: bool = True, root: Cand | None = None) -> None:
        """``c`` records the NRU of ``root`` (the anchor by default) on ``recorded``, with its attestation."""
        root = root or self.anchor
        c.root, c.root_nru, c.root_version, c.recorded = root, root.nru, root.version, recorded
        if attested:
            c.attestation = (recorded, True, True, True)

    def add(
        self, case_id: str, rule: str, focus: str, c: Cand | None, description: str, severity: str = "Violation"
    ) -> None:
        """List the case in the manifest: validation must report ``rule`` on ``focus``."""
        self.gen.cases.append(Case(case_id, rule, rule, severity, focus, c.id if c else None, description))


# ---- the cases, each on candidatures of its own
def cycle_of_roots(w: BreakingWorld) -> None:
    """TRANS-2: two referenced candidatures that name each other's NRU as root."""
    x = w.cand(w.solution("LGC", "CYCLE-X"), "LGC-SF-VA2", "2.1", "referenced")
    y = w.cand(w.solution("DUI", "CYCLE-Y"), "DUI-MS-VA2", "2.1", "referenced", ["GEN", "PA"])
    when = max(x.ref_date, y.ref_date) + timedelta(days=3)
    for a, b in ((x, y), (y, x)):
        w.name_root(a, when, root=b)
        a.depth = -1  # no depth: left out of the manifest's chain depths
    for c in (x, y):
        w.add("cycle", "TRANS-2", c.id, c, "Two candidatures name each other's NRU as root: a cycle of roots.")


def root_after_date2(w: BreakingWorld) -> None:
    """ROOT-3: root recorded after Date 2."""
    c = w.cand(w.solution("LGC", "LATE"), "LGC-MV-VA2", "2.1", "rejected")
    w.name_root(c, c.disp.date2 + timedelta(days=15))
    w.add("root-after-date2", "ROOT-3", c.id, c, "Root NRU recorded 15 days after the dispositif's Date 2.")


def root_before_referenced(w: BreakingWorld) -> None:
    """ROOT-1: root recorded before the root was referenced."""
    c = w.cand(w.solution("DUI", "EARLY"), "DUI-MS-VA2", "2.1", "eligible", ["GEN", "PH"])
    w.name_root(c, w.anchor.ref_date - timedelta(days=10))
    w.add("root-before-referenced", "ROOT-1", c.id, c, "Root NRU recorded 10 days before that root was referenced.")


def root_without_attestation(w: BreakingWorld) -> None:
    """ROOT-5: a root without attestation."""
    c = w.cand(w.solution("LGC", "NOATT"), "LGC-SF-VA2", "2.1", "eligible")
    w.name_root(c, w.anchor.ref_date + timedelta(days=5), attested=False)
    w.add("no-attestation", "ROOT-5", c.id, c, "Uses a root NRU without the attestation sur l'honneur.")


def vague1_root(w: BreakingWorld) -> None:
    """HER-1: the root is a vague 1 referencing."""
    sol = w.solution("DUI", "VA1ROOT")
    v1 = sol.version("1.0")
    ref = Va1Ref(f"S-VA1-BRK-{w.gen.next('va1'):06d}", "DUI-MS1-VA1", v1, ["GEN", "PA"], date(2022, 10, 3))
    sol.va1.append(ref)
    c = w.cand(sol, "DUI-MS-VA2", "2.1", "eligible", ["GEN", "PA"])
    c.root_nru, c.root_version = ref.nru, v1
    c.recorded = c.eligibility + timedelta(days=3)
    c.attestation = (c.recorded, True, True, True)
    w.add("va1-root", "HER-1", c.id, c, "Names a vague 1 referencing as root NRU.")


def heritage_of_another_type(w: BreakingWorld) -> None:
    """HER-2: heritage from a vague 1 referencing of another device type."""
    lgc = w.solution("LGC", "VA1LGC")
    ref = Va1Ref(f"S-VA1-BRK-{w.gen.next('va1'):06d}", "LGC-MV-VA1", lgc.version("1.0"), ["GEN"], date(2022, 3, 1))
    lgc.va1.append(ref)
    c = w.cand(w.solution("DUI", "HER2"), "DUI-MS-VA2", "2.0", "eligible", ["GEN", "PDE"])
    c.va1_extra.append(ref.nru)
    w.add("heritage-other-type", "HER-2", c.id, c, "A DUI candidature enters an LGC vague 1 referencing for heritage.")


def imaging_root(w: BreakingWorld) -> None:
    """COU-1: an imaging candidature names a root."""
    c = w.cand(w.solution("RIS", "IMG"), "RIS-IMG-VA2", "2.1", "eligible")
    w.name_root(c, w.anchor.ref_date + timedelta(days=5))
    w.add("imaging-root", "COU-1", c.id, c, "An imaging (RIS) candidature names an LGC root NRU.")


def older_version(w: BreakingWorld) -> None:
    """ASC-1: candidate version below the root's."""
    c = w.cand(w.solution("LGC", "OLDER"), "LGC-SF-VA2", "2.0", "eligible")
    w.name_root(c, w.anchor.ref_date + timedelta(days=5))
    w.add("older-version", "ASC-1", c.id, c, "Candidate version 2.0 below its root's version 2.1.")


def same_version_twice(w: BreakingWorld) -> None:
    """ASC-3: two candidatures of one solution on one dispositif with the same version."""
    sol = w.solution("DUI", "TWICE")
    a = w.cand(sol, "DUI-MS-VA2", "2.3", "eligible", ["GEN", "PA"])
    b = w.cand(sol, "DUI-MS-VA2", "2.3", "eligible", ["GEN", "PH"])
    for c in (a, b):
        w.add("same-version", "ASC-3", c.id, c, "Two candidatures of one solution on DUI-MS-VA2 with version 2.3.")


def admin_after_date1(w: BreakingWorld) -> None:
    """DATE-1: administrative dossier after Date 1."""
    c = w.cand(w.solution("DPI", "LATEADMIN"), "DPI-HOP-VA2", "2.0", "eligible")
    c.admin = c.disp.date1 + timedelta(days=12)
    c.eligibility = c.admin + timedelta(days=10)
    w.add("admin-after-date1", "DATE-1", c.id, c, "Administrative dossier deposited 12 days after Date 1.")


def proof_before_eligibility(w: BreakingWorld) -> None:
    """DATE-2: a proof deposited before eligibility."""
    c = w.cand(w.solution("LGC", "EARLYPROOF"), "LGC-MV-VA2", "2.0", "eligible")
    c.early_proof = True
    w.add(
        "proof-before-eligibility", "DATE-2", f"{c.id}/proof/1", c, "First proof deposited 5 days before eligibility."
    )


def optional_profile_after_date2(w: BreakingWorld) -> None:
    """DATE-3: an optional profile added after Date 2."""
    c = w.cand(w.solution("DUI", "LATEPROFILE"), "DUI-MS-VA2", "2.0", "eligible", ["GEN", "PDS"])
    m = Modification(
        f"S-MOD-BRK-{w.gen.next('mod'):06d}",
        "add-profile",
        c.disp.date2 + timedelta(days=20),
        "candidature",
        c.id,
        "DOM",
        c.disp,
    )
    c.modifications.append(m)
    w.add("optional-profile-after-date2", "DATE-3", m.id, c, "Optional profile DOM added 20 days after Date 2.")


def intended_root_not_recorded(w: BreakingWorld) -> None:
    """ROOT-2 (a warning): intended root referenced, its NRU not recorded."""
    c = w.cand(w.solution("LGC", "INTENDED"), "LGC-SF-VA2", "2.2", "eligible")
    c.intended = w.anchor
    w.add(
        "intended-root-not-recorded",
        "ROOT-2",
        c.id,
        c,
        "Declared an intended root that is referenced, without recording its NRU.",
        "Warning",
    )


# ---- the cases on names and habilitations: no candidature of their own
def shared_nil(w: BreakingWorld) -> None:
    """CNDA-1: two commercial names with one NIL."""
    sol = w.solution("LGC", "NIL")
    if len(sol.names) < 2:
        sol.names.append(Name("S-CN-BRK-NIL-2", f"{sol.name} Pro", None, cnda=GRANTED))
    sol.names[1].nil = sol.names[0].nil
    sol.version("2.0")
    for nm in sol.names[:2]:
        w.add("shared-nil", "CNDA-1", nm.id, None, f"Names {sol.names[0].id} and {sol.names[1].id} share one NIL.")


def psc_name_missing(w: BreakingWorld) -> None:
    """PSC-1: a served version's commercial name missing from the habilitation's declared perimeter."""
    gen = w.gen
    sol = w.solution("LGC", "PSC1", psc_config="separate")
    # One declared name and one missing: a second random name would be a second missing one.
    del sol.names[1:]
    sol.names.append(Name("S-CN-BRK-PSC1-X", f"{sol.name} Plus", f"NIL-S{gen.next('nil'):07d}", cnda=GRANTED))
    v = sol.version("2.0")
    n = gen.next("psc")
    sol.psc = PSCHab(
        f"S-PSCH-BRK-{n:06d}",
        f"S-PSC-BRK-{n:06d}",
        "separate",
        date(2025, 10, 1),
        sol.lps,
        sol.proxy,
        [v.id],
        [sol.names[0].id],
        [w.core.id, sol.lps, sol.proxy],
    )
    w.add(
        "psc-name-missing",
        "PSC-1",
        sol.psc.id,
        None,
        "A served version's commercial name is missing from the declared perimeter.",
    )


def monobloc_split(w: BreakingWorld) -> None:
    """PSC-5: the Proxy of a monobloc habilitation habilitated alone elsewhere."""
    sol = w.solution("DUI", "PSC5", psc_config="monobloc")
    v = sol.version("2.0")
    n1, n2 = w.gen.next("psc"), w.gen.next("psc")
    names = [n.id for n in sol.names]
    sol.psc = PSCHab(
        f"S-PSCH-BRK-{n1:06d}",
        f"S-PSC-BRK-{n1:06d}",
        "monobloc",
        date(2025, 10, 1),
        sol.lps,
        sol.proxy,
        [v.id],
        names,
        [w.core.id, sol.lps, sol.proxy],
    )
    apart = PSCHab(
        f"S-PSCH-BRK-{n2:06d}",
        f"S-PSC-BRK-{n2:06d}",
        "proxy-alone",
        date(2025, 11, 1),
        None,
        sol.proxy,
        [v.id],
        list(names),
        [sol.proxy],
    )
    w.ed.extra_psc.append(apart)
    w.add(
        "monobloc-split",
        "PSC-5",
        apart.id,
        None,
        "The Proxy of a monobloc habilitation is habilitated alone elsewhere.",
    )


def cnda_pending(w: BreakingWorld) -> None:
    """CNDA-2 (a warning): a commercial name whose CNDA conformity is pending."""
    sol = w.solution("LGC", "PENDINGCNDA")
    sol.names[0].cnda = ("pending", date(2025, 11, 15))
    sol.version("2.0")
    w.add(
        "cnda-pending",
        "CNDA-2",
        sol.names[0].id,
        None,
        "A commercial name whose CNDA conformity is pending.",
        "Warning",
    )


class Break(NamedTuple):
    candidatures: int  # how many it makes: a case the remaining budget cannot pay for is left out
    make: Callable[[BreakingWorld], None]


# In the order they are built (identifiers and random draws follow it: reordering changes the output).
CASES: dict[str, Break] = {
    "TRANS-2": Break(2, cycle_of_roots),
    "ROOT-3": Break(1, root_after_date2),
    "ROOT-1": Break(1, root_before_referenced),
    "ROOT-5": Break(1, root_without_attestation),
    "HER-1": Break(1, vague1_root),
    "HER-2": Break(1, heritage_of_another_type),
    "COU-1": Break(1, imaging_root),
    "ASC-1": Break(1, older_version),
    "ASC-3": Break(2, same_version_twice),
    "DATE-1": Break(1, admin_after_date1),
    "DATE-2": Break(1, proof_before_eligibility),
    "DATE-3": Break(1, optional_profile_after_date2),
    "ROOT-2": Break(1, intended_root_not_recorded),
    "CNDA-1": Break(0, shared_nil),
    "PSC-1": Break(0, psc_name_missing),
    "PSC-5": Break(0, monobloc_split),
    "CNDA-2": Break(0, cnda_pending),
}


def breaking_editor(gen: Generator, index: int, budget: int) -> Editor | None:
    """The editor that holds every case of :data:`CASES` that ``budget`` candidatures pay for (None
    if not even the anchor fits)."""
    if budget < 1:
        return None
    ed = gen.new_editor(index, "S-ED-BRK")
    ed.dossier = "S-DOS-BRK"
    ed.title = "Cas synthétiques qui enfreignent chacun une règle (voir MANIFEST.json)"
    w = BreakingWorld(gen, ed, Component("S-SOL-BRK-CORE", "main", "Socle des cas"))
    w.anchor = w.cand(w.solution("LGC", "ROOT"), "LGC-MV-VA2", "2.1", "referenced")  # a clean root: 2026-02..03
    used = 1
    for brk in CASES.values():
        if used + brk.candidatures > budget:
            continue
        used += brk.candidatures
        brk.make(w)
    ed.rules = sorted({c.rule for c in gen.cases})
    # A root always comes with its attestation, but in the case about its absence (ROOT-5): a new
    # case that forgets it would otherwise break ROOT-5 too.
    without = {x.candidature for x in gen.cases if x.rule == "ROOT-5"}
    for c in ed.candidatures:
        if c.root is not None and c.attestation is None and c.id not in without:
            c.attestation = (c.recorded, True, True, True)
    return ed
