"""Hypothesis properties of vague 1 heritage (HER-2, HER-3, HER-4, HER-5, MS-1): which vague 1 NRUs
count, and which requirements they remove from the deposit perimeter. The worlds are engine facts
(test_rule_properties.py explains why); heritage is checked against an oracle written from the rules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from test_engine_properties import add_referencing, disp
from test_rule_properties import (
    RULE_PROPERTY,
    World,
    add_candidature,
    add_proof,
    add_solution_version,
    applicable,
    blank_facts,
    clone,
    decided,
    decisions,
    rooted_worlds,
    subset,
    with_referencing,
)

from segur_kg.engine.facts import Candidature, Facts, Referencing

VA2 = ("LGC-MV-VA2", "LGC-SF-VA2", "DUI-MS-VA2", "DPI-HOP-VA2", "RIS-IMG-VA2")
VA1 = ("LGC-MV-VA1", "DUI-MS1-VA1", "DUI-MS2-VA1", "DPI-HOP-VA1", "RIS-IMG-VA1")
# Whose solution obtained a vague 1 NRU: the applying solution, another of its editor's, another editor's,
# or a referencing that names no version.
OWNERS = ("same-solution", "same-editor", "other-editor", "unknown")


class HeritageWorld:
    """A candidature and the vague 1 NRUs it enters (printed short, as World is)."""

    def __init__(self, f: Facts, c: Candidature, as_of: date) -> None:
        self.f, self.c, self.as_of = f, c, as_of

    def __repr__(self) -> str:  # what a falsifying example needs, not the reference data
        nrus = [self.f.referencings[i] for i in self.c.va1]
        described = [
            (r.nru, r.wave, self.f.dispositifs[r.dispositif].ident, sorted(r.profiles), r.version, r.date, r.withdrawn)
            for r in nrus
        ]
        return (
            f"HeritageWorld(C {self.f.dispositifs[self.c.dispositif].ident} {sorted(self.c.profiles)}, "
            f"vague 1 NRUs {described}, as of {self.as_of})"
        )


def owner_version(f: Facts, owner: str, n: int) -> str | None:
    if owner == "unknown":
        return None
    solution, editor = {
        "same-solution": ("SOL-C", "ED"),
        "same-editor": ("SOL-OLD", "ED"),
        "other-editor": ("SOL-X", "ED-X"),
    }[owner]
    return add_solution_version(f, f"V-VA1-{n}", "1.0", solution=solution, editor=editor, main=f"CORE-VA1-{n}")


@st.composite
def vague1_nrus(draw, f: Facts, device_type: str, n: int) -> Referencing:
    same_type = [d for d in VA1 if disp(f, d).device_type == device_type]
    dispositif = draw(st.one_of(st.sampled_from(same_type), st.sampled_from(VA1)))
    profiles = set(subset(draw, disp(f, dispositif).profiles, min_size=1))
    # Each condition is met more often than not, so that most NRUs count and some do not.
    when = draw(st.sampled_from([date(2021, 12, 20), date(2022, 6, 1), date(2022, 6, 1), date(2026, 12, 1)]))
    wave = draw(st.sampled_from([1, 1, 1, 1, 2]))
    version = owner_version(f, draw(st.sampled_from(("same-solution", *OWNERS))), n)
    ref = add_referencing(f, f"NRU-VA1-{n}", wave, dispositif, version, None, when, profiles)
    withdrawn = draw(st.sampled_from([None, None, None, None, date(2025, 1, 1), date(2027, 1, 1)]))
    ref.withdrawn = withdrawn
    return ref


@st.composite
def heritage_worlds(draw, dispositifs=VA2, min_nrus=0, max_nrus=3) -> HeritageWorld:
    f = blank_facts()
    dispositif = draw(st.sampled_from(dispositifs))
    d = disp(f, dispositif)
    version = add_solution_version(f, "V-C", "3.0", solution="SOL-C", editor="ED", main="CORE")
    c = add_candidature(f, "C", dispositif, version, subset(draw, d.profiles))
    count = draw(st.integers(min_nrus, max_nrus))
    c.va1 = sorted(draw(vague1_nrus(f, d.device_type, n)).iri for n in range(count))
    for r in subset(draw, [r.iri for r in f.by_rem[d.rem]], max_size=8):
        add_proof(c, r, date(2026, 4, 1), draw(st.sampled_from(["validated", "refused", "deposited"])))
    return HeritageWorld(f, c, draw(st.dates(date(2026, 3, 1), date(2026, 11, 30))))


def counting(f: Facts, c: Candidature, as_of: date) -> list[Referencing]:
    """The vague 1 NRUs that count on the date (HER-2, HER-3): wave 1, referenced by then and not
    withdrawn, of the candidature's device type, obtained by a solution of its editor (or of no known one)."""
    device_type = f.dispositifs[c.dispositif].device_type
    editor = f.solution_editors[f.versions[c.version].solution]
    out = []
    for iri in c.va1:
        ref = f.referencings[iri]
        if ref.wave != 1 or ref.date > as_of or (ref.withdrawn and ref.withdrawn <= as_of):
            continue
        if f.dispositifs[ref.dispositif].device_type != device_type:
            continue
        if ref.version and f.solution_editors[f.versions[ref.version].solution] != editor:
            continue
        out.append(ref)
    return out


def covering(heritage: list[Referencing], profile: str | None) -> list[str]:
    return sorted(r.nru for r in heritage if profile in (None, "GEN") or profile in r.profiles)


# ---- HER-2: within one device type
@RULE_PROPERTY
@given(heritage_worlds())
def test_HER_2_heritage_never_comes_from_a_vague_1_nru_of_another_device_type(w):
    device_type = w.f.dispositifs[w.c.dispositif].device_type
    by_nru = {r.nru: r for r in w.f.referencings.values()}
    for d in decisions(w.f, w.c, w.as_of).values():
        if d.decision == "exempt-heritage":
            for nru in d.via:
                ref = by_nru[nru]
                assert ref.wave == 1 and w.f.dispositifs[ref.dispositif].device_type == device_type


# ---- HER-3: the vague 1 perimeter validated in vague 1 is removed
@RULE_PROPERTY
@given(heritage_worlds())
def test_HER_3_the_nrus_of_the_editor_exempt_exactly_the_vague_1_requirements_of_the_profiles_they_covered(w):
    heritage = counting(w.f, w.c, w.as_of)
    types = set(w.c.components.values())
    for r, d in decisions(w.f, w.c, w.as_of).items():
        req = w.f.requirements[r]
        nrus = covering(heritage, req.profile) if req.vague1 and applicable(req, w.c.profiles, types) else []
        if nrus:
            rules = ("HER-2", "HER-3") + (("HER-5",) if len(heritage) > 1 else ())
            assert (d.decision, d.rules, d.via, d.origin) == ("exempt-heritage", rules, tuple(nrus), nrus[0])
        else:
            assert d.decision != "exempt-heritage", req.ident


@RULE_PROPERTY
@given(heritage_worlds(max_nrus=2), st.data())
def test_HER_3_another_editors_nru_gives_no_heritage_and_another_solution_of_the_editor_keeps_it(w, data):
    entered = [w.f.referencings[i] for i in w.c.va1 if w.f.referencings[i].version]
    if not entered:
        return
    ref = data.draw(st.sampled_from(entered))
    other = clone(w.f)
    other_version = add_solution_version(other, "V-OTHER", "1.0", solution="SOL-Y", editor="ED-Y", main="CORE-Y")
    by_other = with_referencing(other, replace(ref, version=other_version))
    same = clone(w.f)
    same_version = add_solution_version(same, "V-SAME", "1.0", solution="SOL-Z", editor="ED", main="CORE-Z")
    by_same_editor = with_referencing(same, replace(ref, version=same_version))
    heritage = decided(w.f, w.c, w.as_of, "exempt-heritage")
    assert decided(by_other, w.c, w.as_of, "exempt-heritage") <= heritage
    own = decided(with_referencing(w.f, replace(ref, version=w.c.version)), w.c, w.as_of, "exempt-heritage")
    assert decided(by_same_editor, w.c, w.as_of, "exempt-heritage") == own
    # Refused as another editor's while no other NRU counts, it leaves every vague 1 requirement due (HER-3).
    counted_as_own = ref.iri in {
        r.iri for r in counting(with_referencing(w.f, replace(ref, version=w.c.version)), w.c, w.as_of)
    }
    if counted_as_own and not counting(by_other, w.c, w.as_of):
        for r, d in decisions(by_other, w.c, w.as_of).items():
            if w.f.requirements[r].vague1 and d.decision != "not-applicable":
                assert (d.decision, d.rules) == ("deposit", ("HER-3",)), w.f.requirements[r].ident


# ---- HER-4 and MS-1: profiles no vague 1 NRU covered
@RULE_PROPERTY
@given(heritage_worlds(dispositifs=("DUI-MS-VA2", "LGC-MV-VA2", "LGC-SF-VA2"), min_nrus=1))
def test_HER_4_MS_1_a_profile_no_vague_1_nru_covers_keeps_all_its_requirements_to_deposit(w):
    heritage = counting(w.f, w.c, w.as_of)
    covered = {p for r in heritage for p in r.profiles}
    dui = w.f.dispositifs[w.c.dispositif].device_type == "DUI"
    types = set(w.c.components.values())
    for r, d in decisions(w.f, w.c, w.as_of).items():
        req = w.f.requirements[r]
        if req.profile in (None, "GEN") or req.profile in covered or not applicable(req, w.c.profiles, types):
            continue
        assert d.decision == "deposit", req.ident  # no root here: every proof of the profile is asked (MS-1)
        if req.vague1 and heritage:
            assert d.rules == ("HER-4",) + (("MS-1",) if dui else ())


# ---- HER-5: several vague 1 NRUs
@RULE_PROPERTY
@given(heritage_worlds(max_nrus=2), st.data())
def test_HER_5_adding_a_vague_1_nru_never_removes_an_exemption(w, data):
    f = clone(w.f)
    extra = data.draw(vague1_nrus(f, f.dispositifs[w.c.dispositif].device_type, 9))
    more = replace(w.c, va1=sorted(w.c.va1 + [extra.iri]))
    f.candidatures[more.iri] = more
    before, after = decisions(w.f, w.c, w.as_of), decisions(f, more, w.as_of)
    for r, d in before.items():
        if d.decision.startswith("exempt"):
            assert after[r].decision == d.decision
            assert set(d.via) <= set(after[r].via)
    if len(counting(f, more, w.as_of)) > 1:
        assert all("HER-5" in d.rules for d in after.values() if d.decision == "exempt-heritage")


@st.composite
def heritage_and_root(draw):
    """A valid root on the candidate's dispositif, with every proof it had not deposited validated by its
    referencing date, and a vague 1 NRU of the candidate's own solution to enter."""
    w: World = draw(rooted_worlds(pair_choices=[(d, d) for d in ("LGC-MV-VA2", "DUI-MS-VA2", "DPI-HOP-VA2")]))
    f = clone(w.f)
    for req in f.by_rem[w.root_disp.rem]:
        if req.iri not in w.root.proofs:
            add_proof(w.root, req.iri, w.ref.date)
    va1 = {"LGC": "LGC-MV-VA1", "DUI": draw(st.sampled_from(["DUI-MS1-VA1", "DUI-MS2-VA1"])), "DPI": "DPI-HOP-VA1"}
    dispositif = va1[w.cand_disp.device_type]
    old = add_solution_version(f, "V-C-OLD", "0.9", solution="SOL-C", editor="ED", main="CORE")
    profiles = set(subset(draw, disp(f, dispositif).profiles, min_size=1))
    nru = add_referencing(f, "NRU-VA1", 1, dispositif, old, None, date(2022, 6, 1), profiles)
    return World(f, w.root, w.ref, w.c, w.as_of), nru


@RULE_PROPERTY
@given(heritage_and_root())
def test_HER_5_ROOT_6_entering_a_vague_1_nru_never_takes_away_an_exemption_by_equivalence(case):
    w, nru = case
    with_heritage = replace(w.c, va1=[nru.iri])
    g = clone(w.f)
    g.candidatures[with_heritage.iri] = with_heritage
    before, after = decisions(w.f, w.c, w.as_of), decisions(g, with_heritage, w.as_of)
    for r, d in before.items():
        if d.decision.startswith("exempt"):
            assert after[r].decision.startswith("exempt"), (w.f.requirements[r].ident, after[r].rules)
