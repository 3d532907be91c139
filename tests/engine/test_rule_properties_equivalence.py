"""Hypothesis properties of what a valid root exempts (ROOT-6, COU-2, ADD-1) and of the roots of roots
(TRANS-1, TRANS-2), over the worlds of test_rule_properties.py.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st
from test_engine_properties import add_referencing, disp
from test_rule_properties import (
    EQUIVALENCE_PAIRS,
    RULE_PROPERTY,
    add_candidature,
    add_proof,
    add_solution_version,
    blank_facts,
    clone,
    comparable,
    counterparts,
    decisions,
    exempt,
    expected_exemptions,
    rooted_worlds,
    subset,
    validated_by,
)

from segur_kg.engine import Engine
from segur_kg.engine.facts import Candidature, Facts


# ---- ROOT-6 (with COU-2 and ADD-1): what a valid root exempts
@RULE_PROPERTY
@given(rooted_worlds())
def test_ROOT_6_a_valid_root_exempts_exactly_the_common_proofs_it_validated_by_its_referencing(w):
    got = decisions(w.f, w.c, w.as_of)
    expected = expected_exemptions(w)
    assert {r for r, d in got.items() if d.decision == "exempt-equivalence"} == expected
    for r in expected:
        assert got[r].via == ("NRU-ROOT",) and got[r].origin == "NRU-ROOT"
    p = Engine(w.f).perimeter(w.c.iri, w.as_of)
    assert p.status in ("ready", "incomplete") and ("ROOT-6" in p.status_rules) == bool(expected)


# ---- COU-2: across REMs, only through the couloir's list
ACROSS_REMS = [(r, c) for r, c in EQUIVALENCE_PAIRS if r != c]


@RULE_PROPERTY
@given(rooted_worlds(pair_choices=ACROSS_REMS))
def test_COU_2_an_exemption_across_rems_rests_on_a_list_entry_to_a_requirement_the_root_validated(w):
    got = decisions(w.f, w.c, w.as_of)
    cd, rd = w.cand_disp, w.root_disp
    for r, d in got.items():
        if d.decision != "exempt-equivalence":
            continue
        assert d.rules[0] == "COU-2"
        entries = {e for e in w.f.equivalences.get((cd.couloir, r), ()) if w.f.requirements[e].rem == rd.rem}
        assert any(validated_by(w.root, e, w.ref.date) for e in entries), w.f.requirements[r].ident
    # Without the lists, nothing is exempt across REMs.
    unlisted = copy.copy(w.f)
    unlisted.equivalences = {}
    assert exempt(unlisted, w.c, w.as_of) == set()


# ---- ADD-1: the chapters of the additional components the root does not have
@RULE_PROPERTY
@given(rooted_worlds())
def test_ADD_1_a_requirement_of_a_component_type_the_roots_version_lacks_is_never_exempt(w):
    own_types, root_types = set(w.c.components.values()), w.root_types()
    for r, d in decisions(w.f, w.c, w.as_of).items():
        req = w.f.requirements[r]
        if req.component_type is None or not (req.profile in (None, "GEN") or req.profile in w.c.profiles):
            continue
        if req.component_type not in own_types:
            assert (d.decision, d.rules) == ("not-applicable", ("ADD-1",))
        elif req.component_type not in root_types:
            assert (d.decision, d.rules) == ("deposit", ("ADD-1",))


# ---- TRANS-1: one root NRU, several dispositifs
@RULE_PROPERTY
@given(rooted_worlds(), st.data())
def test_TRANS_1_one_root_serves_candidatures_on_several_dispositifs_each_as_if_alone(w, data):
    others = [c for r, c in EQUIVALENCE_PAIRS if r == w.root_disp.ident and c != w.cand_disp.ident]
    second_disp = data.draw(st.sampled_from(others))
    f = clone(w.f)
    second = add_candidature(
        f,
        "C2",
        second_disp,
        w.c.version,
        {"GEN"},
        w.c.components.values(),
        root=w.ref.iri,
        root_recorded=w.c.root_recorded,
        attestation_complete=True,
        attestation_date=w.c.root_recorded,
    )
    assert comparable(f, w.c, w.as_of) == comparable(w.f, w.c, w.as_of)
    for c in (w.c, second):
        for d in decisions(f, c, w.as_of).values():
            if d.decision == "exempt-equivalence":
                assert ("TRANS-1" in d.rules) == (c.dispositif != w.root.dispositif)
    assert Engine(f).dependents(w.ref.iri)["direct"] == ["C", "C2"]


# ---- TRANS-2: chains of roots
CHAIN_DISPOSITIFS = ("LGC-MV-VA2", "LGC-SF-VA2", "DUI-MS-VA2")  # each lists the others' requirements


@st.composite
def chains(draw):
    """K0 referenced first; each next Ki records K(i-1)'s NRU, then is referenced; C records the last NRU."""
    f = blank_facts()
    length = draw(st.integers(1, 3))
    day = draw(st.dates(date(2026, 2, 1), date(2026, 3, 15)))
    members: list[Candidature] = []
    previous = None
    for i in range(length + 1):
        ident = "C" if i == length else f"K{i}"
        dispositif = draw(st.sampled_from(CHAIN_DISPOSITIFS))
        d = disp(f, dispositif)
        version = add_solution_version(f, f"V-{ident}", f"{i + 1}.0", solution="SOL", editor="ED", main="CORE")
        recorded = previous.date + timedelta(days=draw(st.integers(0, 5))) if previous else None
        c = add_candidature(
            f,
            ident,
            dispositif,
            version,
            subset(draw, d.profiles),
            root=previous.iri if previous else None,
            root_recorded=recorded,
            attestation_complete=True,
            attestation_date=recorded,
        )
        reqs = [r.iri for r in f.by_rem[d.rem]]
        ref_date = (recorded or day) + timedelta(days=draw(st.integers(5, 30)))
        for r in subset(draw, reqs, max_size=len(reqs)):
            late = draw(st.booleans()) and draw(st.booleans())
            add_proof(c, r, ref_date + timedelta(days=3) if late else ref_date - timedelta(days=2))
        members.append(c)
        if i < length:
            previous = add_referencing(f, f"NRU-{ident}", 2, dispositif, version, c, ref_date, set(c.profiles))
    as_of = previous.date + timedelta(days=draw(st.integers(5, 60)))
    return f, members, as_of


def reachable(f: Facts, req: str, path: list[Candidature]) -> set[str]:
    """The requirements that stand for ``req`` at the end of a path of candidatures, step by step."""
    found = {req}
    for here, there in zip(path, path[1:], strict=False):
        here_disp, there_disp = f.dispositifs[here.dispositif], f.dispositifs[there.dispositif]
        found = {x for r in found for x in counterparts(f, f.requirements[r], here_disp.couloir, there_disp.rem)}
    return found


@RULE_PROPERTY
@given(chains())
def test_TRANS_2_every_exemption_traces_to_the_referencing_that_validated_it_and_chains_never_loop(case):
    f, members, as_of = case
    engine = Engine(f)
    by_nru = {ref.nru: ref for ref in f.referencings.values()}
    for position, c in enumerate(members):
        on = as_of if c.ident == "C" else f.referencing_by_candidature[c.iri].date
        p = engine.perimeter(c.iri, on)
        upstream = list(reversed(members[:position]))
        assert p.root_chain == tuple(f"NRU-{m.ident}" for m in upstream)
        for d in p.requirements:
            if d.decision != "exempt-equivalence":
                continue
            assert len(set(d.via)) == len(d.via) and d.via == p.root_chain[: len(d.via)]
            assert d.origin == d.via[-1] and ("TRANS-2" in d.rules) == (len(d.via) > 1)
            origin = by_nru[d.origin]
            path = [c] + upstream[: len(d.via)]
            holder = f.candidatures[origin.candidature]
            assert path[-1] is holder or path[-1].iri == holder.iri
            assert any(validated_by(holder, r, origin.date) for r in reachable(f, d.requirement_iri, path))
