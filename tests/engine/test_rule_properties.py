"""One hypothesis property per rule the engine decides about a root (issue 17): the rule's meaning in
general, beside the worked cases (test_worked_cases.py) and the fidelity cases (test_fidelity.py).

The worlds are engine facts over the real reference REMs and equivalence lists, built in Python rather
than written as YAML, so that each property runs on many cases in seconds. A world is valid by
construction (a vague 2 root referenced before the candidate records it, before the candidate's Date 2,
with the attestation, the same main component and a version at least the root's); each property breaks
one condition and compares with the valid world, or checks the decisions against an oracle written from
the rule. This module has the root's validity (ROOT-1..5, ASC-1, HER-1, COU-1); the other families are in
test_rule_properties_equivalence.py (ROOT-6, COU-2, ADD-1, TRANS-1, TRANS-2),
test_rule_properties_heritage.py (HER-2..5, MS-1), test_rule_properties_changes.py (DATE-3, MOD-1) and
test_rule_properties_impact.py (PSC, CNDA, NAME-1, ASC-2, on imported dossiers).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_properties import add_referencing, disp, reference_facts

from segur_kg.engine import Engine
from segur_kg.engine.facts import Candidature, Facts, Modification, Proof, Referencing, Requirement, Version
from segur_kg.versions import version_key

ID = "https://w3id.org/segur-kg/id/"
# Reproducible in CI: the same examples on every run, no example database.
RULE_PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

NON_IMAGING = ("LGC-MV-VA2", "LGC-SF-VA2", "DUI-MS-VA2", "DPI-HOP-VA2")
IMAGING = "RIS-IMG-VA2"
LISTED_COULOIRS = ("MV", "SF", "MS")  # the couloirs with an equivalence list (COU-2)
TYPES = ("AGENDA", "FACTURATION", "MESSAGERIE", "PORTAIL", "TELECONSULTATION")
# In the order of their keys: 3.10 > 3.2 and 10.1 > 4.0, the string-order traps.
VERSIONS = ("0.9", "1.0", "2.9", "3.2", "3.10", "4.0", "10.1")


def couloir(ident: str) -> str:
    return disp(reference_facts(), ident).couloir


def pairs(roots, candidates) -> list[tuple[str, str]]:
    """(root dispositif, candidate dispositif) where the root's REM has counterparts of the candidate's
    requirements: the same REM, or the candidate's couloir publishes a list."""
    return [(r, c) for r in roots for c in candidates if r == c or couloir(c) in LISTED_COULOIRS]


EQUIVALENCE_PAIRS = pairs(NON_IMAGING, NON_IMAGING)
IMAGING_PAIRS = [(IMAGING, IMAGING)] + [(IMAGING, d) for d in NON_IMAGING] + [(d, IMAGING) for d in NON_IMAGING]


# ---- building facts
def iri(kind: str, ident: str) -> str:
    return f"{ID}{kind}/{ident}"


def blank_facts() -> Facts:
    """The reference data's facts (dispositifs, REMs, lists) with no dossier; the dictionaries a world
    writes to are its own."""
    f = copy.copy(reference_facts())
    f.candidatures, f.referencings, f.versions = {}, {}, {}
    f.referencing_by_candidature, f.ids = {}, dict(f.ids)
    f.component_types, f.solution_editors = dict(f.component_types), dict(f.solution_editors)
    return f


def add_solution_version(f: Facts, ident: str, text: str, *, solution: str, editor: str, main: str, types=()) -> str:
    v = iri("solution-version", ident)
    f.versions[v] = Version(
        v, ident, iri("solution", solution), text, version_key(text), iri("component", main), set(types)
    )
    f.solution_editors[iri("solution", solution)] = iri("editor", editor)
    return v


def add_candidature(f: Facts, ident: str, dispositif: str, version: str, profiles, types=(), **kw) -> Candidature:
    c = Candidature(iri("candidature", ident), ident, disp(f, dispositif).iri, version, "Eligible", **kw)
    c.profiles = set(profiles) | {"GEN"}
    c.components = {iri("component", f"{ident}-{t}"): t for t in types}
    f.component_types.update(c.components)
    f.candidatures[c.iri] = c
    f.ids[ident] = c.iri
    return c


def add_proof(c: Candidature, requirement: str, decided: date, status: str = "validated") -> None:
    """A proof of the requirement, deposited 20 days before its decision (``status``) on ``decided``."""
    c.proofs[requirement].append(Proof(requirement, status, decided - timedelta(days=20), decided))


def clone(f: Facts) -> Facts:
    """The same facts, with dictionaries of their own for everything a world writes to."""
    g = copy.copy(f)
    g.candidatures, g.referencings, g.versions = dict(f.candidatures), dict(f.referencings), dict(f.versions)
    g.ids, g.component_types, g.solution_editors = dict(f.ids), dict(f.component_types), dict(f.solution_editors)
    g.referencing_by_candidature = dict(f.referencing_by_candidature)
    return g


def with_candidature(f: Facts, c: Candidature) -> Facts:
    g = clone(f)
    g.candidatures[c.iri] = c
    return g


def with_referencing(f: Facts, ref: Referencing) -> Facts:
    g = clone(f)
    g.referencings[ref.iri] = ref
    g.referencing_by_candidature = {k: g.referencings[v.iri] for k, v in f.referencing_by_candidature.items()}
    return g


def with_version(f: Facts, version: Version) -> Facts:
    g = clone(f)
    g.versions[version.iri] = version
    return g


def applicable(req: Requirement, profiles: set[str], types: set[str]) -> bool:
    return (req.profile in (None, "GEN") or req.profile in profiles) and (
        req.component_type is None or req.component_type in types
    )


def validated_by(c: Candidature, requirement: str, day: date) -> bool:
    """The candidature's one proof of the requirement was validated on or before the day."""
    return any(p.status == "validated" and p.decided <= day for p in c.proofs.get(requirement, ()))


def own_status(c: Candidature, requirement: str, day: date) -> str | None:
    """The status of the candidature's one proof of the requirement on the day (deposited until decided)."""
    proofs = [p for p in c.proofs.get(requirement, ()) if p.deposited <= day]
    if not proofs:
        return None
    return proofs[-1].status if proofs[-1].decided <= day else "deposited"


def counterparts(f: Facts, req: Requirement, couloir_code: str, root_rem: str) -> set[str]:
    """The root REM's requirements that stand for ``req``: itself in the same REM, else the list's entries."""
    same = {req.iri} if req.rem == root_rem else set()
    listed = {r for r in f.equivalences.get((couloir_code, req.iri), ()) if f.requirements[r].rem == root_rem}
    return same | listed


def decisions(f: Facts, c: Candidature, as_of: date) -> dict[str, object]:
    return {d.requirement_iri: d for d in Engine(f).perimeter(c.iri, as_of).requirements}


def decided(f: Facts, c: Candidature, as_of: date, decision: str) -> set[str]:
    return {r for r, d in decisions(f, c, as_of).items() if d.decision == decision}


def comparable(f: Facts, c: Candidature, as_of: date) -> tuple:
    """A perimeter as what it decides: the status and each decision (IRIs aside)."""
    p = Engine(f).perimeter(c.iri, as_of)
    rows = tuple((d.requirement, d.decision, d.rules, d.via, d.origin, d.proof_status) for d in p.requirements)
    return p.status, p.status_rules, rows


# ---- a valid world: root R referenced, candidate C recording R's NRU
class World:
    """Not a dataclass: hypothesis prints a falsifying world by its short repr, not all the facts."""

    def __init__(self, f: Facts, root: Candidature, ref: Referencing, c: Candidature, as_of: date) -> None:
        self.f, self.root, self.ref, self.c, self.as_of = f, root, ref, c, as_of

    @property
    def root_disp(self):
        return self.f.dispositifs[self.root.dispositif]

    @property
    def cand_disp(self):
        return self.f.dispositifs[self.c.dispositif]

    def root_types(self) -> set[str]:
        """The component types of the root's version (what ADD-1 compares with)."""
        return self.f.versions[self.root.version].component_types

    def root_then(self) -> tuple[set[str], set[str]]:
        """The root's profiles and component types on its referencing date, its modifications applied."""
        profiles, components = set(self.root.profiles), dict(self.root.components)
        for m in self.root.modifications:
            if m.date <= self.ref.date and m.kind == "RemoveProfile":
                profiles.discard(m.profile)
            elif m.date <= self.ref.date:
                components.pop(m.component, None)
        return profiles, set(components.values())

    def __repr__(self) -> str:  # what a falsifying example needs, not the reference data
        return (
            f"World(root {self.root_disp.ident} {self.f.versions[self.root.version].version} "
            f"{sorted(self.root.profiles)} {sorted(self.root_types())} referenced {self.ref.date}; "
            f"C {self.cand_disp.ident} {self.f.versions[self.c.version].version} {sorted(self.c.profiles)} "
            f"{sorted(self.c.components.values())} recorded {self.c.root_recorded}; as of {self.as_of})"
        )

    def breaking(self, c: Candidature | None = None, ref: Referencing | None = None) -> Facts:
        f = self.f
        if c is not None:
            f = with_candidature(f, c)
        if ref is not None:
            f = with_referencing(f, ref)
        return f


def subset(draw, items, **kw) -> list:
    return draw(st.lists(st.sampled_from(sorted(items)), unique=True, **kw)) if items else []


@st.composite
def rooted_worlds(draw, pair_choices=EQUIVALENCE_PAIRS) -> World:
    f = blank_facts()
    root_ident, cand_ident = draw(st.sampled_from(pair_choices))
    rd, cd = disp(f, root_ident), disp(f, cand_ident)
    root_index = draw(st.integers(1, len(VERSIONS) - 1))
    cand_index = draw(st.integers(root_index, len(VERSIONS) - 1))
    root_types = subset(draw, TYPES)
    rv = add_solution_version(
        f, "V-ROOT", VERSIONS[root_index], solution="SOL-ROOT", editor="ED", main="CORE", types=root_types
    )
    root = add_candidature(f, "ROOT", root_ident, rv, subset(draw, rd.profiles), root_types)
    ref_date = draw(st.dates(date(2026, 2, 1), date(2026, 5, 15)))
    # The root may drop a profile or a component around its referencing date (MOD-1): what it dropped
    # before is not part of what its referencing covered (ROOT-6).
    removable = [("RemoveProfile", p) for p in sorted(root.profiles - {"GEN"})]
    removable += [("RemoveAdditionalComponent", component) for component in sorted(root.components)]
    for n, (kind, what) in enumerate(subset(draw, removable, max_size=2)):
        when = ref_date + timedelta(days=draw(st.sampled_from([-10, 0, 1, 10])))
        target = {"profile": what} if kind == "RemoveProfile" else {"component": what}
        root.modifications.append(Modification(iri("modification", f"RM{n}"), f"RM{n}", kind, when, root.iri, **target))
    root.modifications.sort(key=lambda m: (m.date, m.ident))
    requirements = [r.iri for r in f.by_rem[rd.rem]]
    missing = set(subset(draw, requirements, max_size=12))
    late = set(subset(draw, requirements, max_size=6))
    refused = set(subset(draw, requirements, max_size=4))
    for i, r in enumerate(requirements):
        if r in missing:
            continue
        if r in refused:
            add_proof(root, r, ref_date - timedelta(days=3), "refused")
        elif r in late:  # validated after the referencing: not part of it
            add_proof(root, r, ref_date + timedelta(days=1 + i % 20))
        else:  # on the referencing date itself for some, which counts
            add_proof(root, r, ref_date - timedelta(days=i % 15))
    ref = add_referencing(f, "NRU-ROOT", 2, root_ident, rv, root, ref_date, set(root.profiles))
    cand_types = subset(draw, TYPES)
    cv = add_solution_version(
        f, "V-C", VERSIONS[cand_index], solution="SOL-C", editor="ED", main="CORE", types=cand_types
    )
    recorded = ref_date + timedelta(days=draw(st.integers(0, 30)))
    c = add_candidature(
        f,
        "C",
        cand_ident,
        cv,
        subset(draw, cd.profiles),
        cand_types,
        root=ref.iri,
        root_recorded=recorded,
        attestation_complete=True,
        attestation_date=recorded,
    )
    for r in subset(draw, [r.iri for r in f.by_rem[cd.rem]], max_size=8):
        add_proof(c, r, recorded + timedelta(days=10), draw(st.sampled_from(["validated", "refused", "deposited"])))
    if draw(st.booleans()):  # after the candidate's Date 2
        as_of = cd.date2 + timedelta(days=draw(st.integers(1, 60)))
    else:
        as_of = recorded + timedelta(days=draw(st.integers(0, (cd.date2 - recorded).days)))
    return World(f, root, ref, c, as_of)


def expected_exemptions(w: World, f: Facts | None = None) -> set[str]:
    """ROOT-6, COU-2, ADD-1 from their statements: C's applicable requirements whose counterpart in the
    root's REM applied to the root on its referencing date and was validated by then, unless they belong
    to a component type the root's version lacks."""
    f = f or w.f
    rd, cd = w.root_disp, w.cand_disp
    own_types = set(w.c.components.values())
    root_profiles, root_types = w.root_then()
    out = set()
    for req in f.by_rem[cd.rem]:
        if not applicable(req, w.c.profiles, own_types):
            continue
        if req.component_type and req.component_type not in w.root_types():
            continue
        for r in counterparts(f, req, cd.couloir, rd.rem):
            if applicable(f.requirements[r], root_profiles, root_types) and validated_by(w.root, r, w.ref.date):
                out.add(req.iri)
    return out


def exempt(f: Facts, c: Candidature, as_of: date) -> set[str]:
    return decided(f, c, as_of, "exempt-equivalence")


def root_rules(f: Facts, c: Candidature, as_of: date):
    engine = Engine(f)
    c = f.candidatures[c.iri]
    return engine.check_root(c, engine.state(c, as_of), as_of)


# ---- ROOT-1: a referencing obtained, and not withdrawn
@RULE_PROPERTY
@given(rooted_worlds(), st.integers(0, 60), st.booleans())
def test_ROOT_1_a_withdrawn_root_exempts_nothing_and_a_later_withdrawal_changes_nothing(w, days, later):
    if later:  # withdrawn after the date: the root still counts on it
        f = w.breaking(ref=replace(w.ref, withdrawn=w.as_of + timedelta(days=days + 1)))
        assert comparable(f, w.c, w.as_of) == comparable(w.f, w.c, w.as_of)
        return
    f = w.breaking(ref=replace(w.ref, withdrawn=w.as_of - timedelta(days=min(days, (w.as_of - w.ref.date).days))))
    assert exempt(f, w.c, w.as_of) == set()
    check = root_rules(f, w.c, w.as_of)
    assert not check.valid and "ROOT-1" in check.rules
    p = Engine(f).perimeter(w.c.iri, w.as_of)
    assert p.status in ("root-refused", "incomplete") and "ROOT-1" in p.status_rules
    assert exempt(w.f, w.c, w.as_of) == expected_exemptions(w)


@RULE_PROPERTY
@given(rooted_worlds(), st.integers(1, 90))
def test_ROOT_1_ROOT_2_a_root_not_yet_referenced_on_the_date_exempts_nothing_and_waits(w, days):
    # The root's proofs are validated, but its referencing comes after the date (« vous devrez obtenir le
    # premier référencement »).
    f = w.breaking(ref=replace(w.ref, date=w.as_of + timedelta(days=days)))
    assert exempt(f, w.c, w.as_of) == set()
    check = root_rules(f, w.c, w.as_of)
    assert check.pending and not check.valid
    p = Engine(f).perimeter(w.c.iri, w.as_of)
    if w.as_of > w.cand_disp.date2:
        assert (p.status, p.status_rules) == ("rejected", ("ROOT-1", "ROOT-3"))
    else:
        assert (p.status, p.status_rules) == ("pending-root", ("ROOT-1", "ROOT-2"))


# ---- ROOT-2: an intended root, in progress
@RULE_PROPERTY
@given(rooted_worlds(), st.booleans())
def test_ROOT_2_a_candidature_waiting_for_its_intended_root_is_pending_until_date_2_then_rejected(w, referenced):
    f = w.f if referenced else w.breaking(ref=replace(w.ref, candidature=None, date=None))
    c = replace(w.c, root=None, root_recorded=None, intended_root=w.root.iri)
    f = with_candidature(f, c)
    got = decisions(f, c, w.as_of)
    assert not any(d.decision == "exempt-equivalence" for d in got.values())
    p = Engine(f).perimeter(c.iri, w.as_of)
    if w.as_of > w.cand_disp.date2:
        assert (p.status, p.status_rules) == ("rejected", ("ROOT-2", "ROOT-3"))
    else:
        assert (p.status, p.status_rules) == ("pending-root", ("ROOT-2",))
    # The requirements the root would cover are flagged, and C's own proofs of them still count (ROOT-6).
    own_types = set(c.components.values())
    flagged = {
        req.iri
        for req in f.by_rem[w.cand_disp.rem]
        if applicable(req, c.profiles, own_types) and counterparts(f, req, w.cand_disp.couloir, w.root_disp.rem)
    }
    assert {r for r, d in got.items() if d.rules == ("ROOT-2", "ROOT-6")} == flagged
    for r in flagged:
        assert got[r].decision == "deposit"
        assert got[r].proof_status == own_status(c, r, w.as_of)


# ---- ROOT-3: the root NRU recorded before Date 2
@RULE_PROPERTY
@given(rooted_worlds(), st.integers(0, 20), st.integers(0, 30))
def test_ROOT_3_a_root_recorded_after_date_2_exempts_nothing_and_the_dossier_is_rejected(w, late, after):
    date2 = w.cand_disp.date2
    recorded = date2 + timedelta(days=late)
    c = replace(w.c, root_recorded=recorded, attestation_date=recorded)
    f = with_candidature(w.f, c)
    as_of = recorded + timedelta(days=after)
    p = Engine(f).perimeter(c.iri, as_of)
    if late == 0:  # recorded on Date 2 itself: in time
        assert exempt(f, c, as_of) == expected_exemptions(w)
        assert p.status in ("ready", "incomplete") and "ROOT-3" not in p.status_rules
    else:
        assert exempt(f, c, as_of) == set()
        assert (p.status, p.status_rules) == ("rejected", ("ROOT-3",))


# ---- ROOT-4: the classic deposit
@RULE_PROPERTY
@given(rooted_worlds(), st.data())
def test_ROOT_4_a_classic_deposit_is_never_exempt_by_equivalence_and_keeps_its_heritage(w, data):
    cd = w.cand_disp
    va1 = {"LGC": "LGC-MV-VA1", "DUI": "DUI-MS1-VA1", "DPI": "DPI-HOP-VA1"}[cd.device_type]
    va1_profiles = set(data.draw(st.lists(st.sampled_from(sorted(disp(w.f, va1).profiles)), unique=True)))
    f = clone(w.f)
    old = add_solution_version(f, "V-C-OLD", "0.9", solution="SOL-C", editor="ED", main="CORE")
    nru = add_referencing(f, "NRU-VA1", 1, va1, old, None, date(2022, 6, 1), va1_profiles)
    classic = replace(w.c, classic=True, va1=[nru.iri])
    f = with_candidature(f, classic)
    got = decisions(f, classic, w.as_of)
    assert not any(d.decision == "exempt-equivalence" for d in got.values())
    # Heritage is the same with or without the root: the classic deposit leaves equivalence only.
    without_root = with_candidature(f, replace(classic, classic=False, root=None, root_recorded=None))
    heritage = decided(without_root, classic, w.as_of, "exempt-heritage")
    assert {r for r, d in got.items() if d.decision == "exempt-heritage"} == heritage
    for r, d in got.items():
        if d.decision == "deposit" and not (w.f.requirements[r].vague1 and heritage):
            assert d.rules == ("ROOT-4",)
        assert d.decision in ("deposit", "exempt-heritage", "not-applicable")
    p = Engine(f).perimeter(classic.iri, w.as_of)
    missing = any(d.decision == "deposit" and d.proof_status is None for d in got.values())
    if w.as_of > cd.date2 and missing:  # after Date 2 the classic dossier must be complete too (DATE-3)
        assert (p.status, p.status_rules) == ("incomplete", ("DATE-3", "ROOT-4"))
    else:
        assert (p.status, p.status_rules) == ("classic", ("ROOT-4",))


# ---- ROOT-5: the attestation sur l'honneur, and the main component it attests
@RULE_PROPERTY
@given(rooted_worlds(), st.sampled_from(["incomplete", "later", "other-main-component"]), st.integers(1, 40))
def test_ROOT_5_no_complete_attestation_by_the_date_or_another_main_component_exempts_nothing(w, breach, days):
    if breach == "incomplete":
        f = w.breaking(c=replace(w.c, attestation_complete=False))
    elif breach == "later":
        f = w.breaking(c=replace(w.c, attestation_date=w.as_of + timedelta(days=days)))
    else:
        f = with_version(w.f, replace(w.f.versions[w.c.version], main_component=iri("component", "OTHER-CORE")))
    assert exempt(f, w.c, w.as_of) == set()
    check = root_rules(f, w.c, w.as_of)
    assert not check.valid and "ROOT-5" in check.rules
    assert Engine(f).perimeter(w.c.iri, w.as_of).status in ("root-refused", "incomplete")
    assert exempt(w.f, w.c, w.as_of) == expected_exemptions(w)


# ---- ASC-1: the candidate version at least the root's
@RULE_PROPERTY
@given(rooted_worlds(), st.data())
def test_ASC_1_a_candidate_version_lower_than_the_roots_exempts_nothing(w, data):
    root_key = w.f.versions[w.root.version].key
    lower = [v for v in VERSIONS if version_key(v) < root_key]
    text = data.draw(st.sampled_from(lower))
    f = with_version(w.f, replace(w.f.versions[w.c.version], version=text, key=version_key(text)))
    assert exempt(f, w.c, w.as_of) == set()
    check = root_rules(f, w.c, w.as_of)
    assert check.rules == ("ASC-1",) and not check.valid
    # Equal or greater (w itself: 3.10 > 3.2, 10.1 > 4.0) is valid, with ASC-1 among the rules it rests on.
    assert "ASC-1" in root_rules(w.f, w.c, w.as_of).rules and root_rules(w.f, w.c, w.as_of).valid


# ---- HER-1: equivalence only between vague 2 referencings
@RULE_PROPERTY
@given(rooted_worlds())
def test_HER_1_a_vague_1_referencing_named_as_root_never_exempts_by_equivalence(w):
    f = w.breaking(ref=replace(w.ref, wave=1))
    assert exempt(f, w.c, w.as_of) == set()
    assert root_rules(f, w.c, w.as_of).rules == ("HER-1",)
    assert exempt(w.f, w.c, w.as_of) == expected_exemptions(w)


# ---- COU-1: no equivalence for imaging
@RULE_PROPERTY
@given(rooted_worlds(pair_choices=IMAGING_PAIRS))
def test_COU_1_an_imaging_candidature_or_an_imaging_root_is_never_exempt_by_equivalence(w):
    assert exempt(w.f, w.c, w.as_of) == set()
    check = root_rules(w.f, w.c, w.as_of)
    assert check.rules == ("COU-1",) and not check.valid
