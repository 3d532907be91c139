"""Properties of the engine on generated candidatures over the real reference REMs (hypothesis).

The candidatures are generated as engine facts (not YAML), so that hundreds of cases run in seconds;
the YAML -> RDF -> facts path is covered by the worked cases.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from segur_kg.engine import Engine, RootCycleError
from segur_kg.engine.facts import Candidature, Facts, Proof, Referencing, Version, load_facts
from segur_kg.ingest.loader import load
from segur_kg.versions import version_key

VA2 = ["LGC-MV-VA2", "LGC-SF-VA2", "DUI-MS-VA2", "DPI-HOP-VA2", "RIS-IMG-VA2"]
ID = "https://w3id.org/segur-kg/id/"


@lru_cache(maxsize=1)
def reference_facts() -> Facts:
    return load_facts(load([]).store)  # the reference data alone: no demo dossier


def disp(facts: Facts, ident: str):
    return facts.dispositifs[f"{ID}dispositif/{ident}"]


def fresh() -> Facts:
    f = copy.copy(reference_facts())
    f.candidatures, f.referencings, f.versions = {}, {}, {}
    f.referencing_by_candidature, f.ids = {}, dict(f.ids)
    return f


def add_version(f: Facts, ident: str, text: str, types: set[str] = frozenset()) -> str:
    iri = f"{ID}solution-version/{ident}"
    f.versions[iri] = Version(iri, ident, None, text, version_key(text), f"{ID}component/{ident}-core", set(types))
    return iri


def add_candidature(f: Facts, ident: str, dispositif: str, version: str, profiles: set[str], **kw) -> Candidature:
    d = disp(f, dispositif)
    c = Candidature(f"{ID}candidature/{ident}", ident, d.iri, version, "Eligible", **kw)
    c.profiles = set(profiles)
    f.candidatures[c.iri] = c
    f.ids[ident] = c.iri
    return c


def add_referencing(
    f: Facts,
    nru: str,
    wave: int,
    dispositif: str,
    version: str | None,
    cand: Candidature | None,
    when: date,
    profiles: set[str] = frozenset(),
) -> Referencing:
    r = Referencing(
        f"{ID}referencing/{nru}",
        nru,
        wave,
        disp(f, dispositif).iri,
        version,
        cand.iri if cand else None,
        when,
        None,
        set(profiles),
    )
    f.referencings[r.iri] = r
    f.ids[nru] = r.iri
    if cand is not None:
        f.referencing_by_candidature[cand.iri] = r
    return r


@st.composite
def scenarios(draw):
    """A root candidature referenced on some dispositif, and a candidature C that may name it."""
    f = fresh()
    root_disp = draw(st.sampled_from(VA2))
    cand_disp = draw(st.sampled_from(VA2))
    rd = disp(f, root_disp)
    cd = disp(f, cand_disp)
    root_reqs = f.by_rem[rd.rem]
    validated = draw(st.lists(st.sampled_from(root_reqs), unique_by=lambda r: r.iri, max_size=len(root_reqs)))
    types = {"AGENDA", "FACTURATION", "PORTAIL", "MESSAGERIE", "TELECONSULTATION"}
    root_version = add_version(
        f,
        "V-ROOT",
        draw(st.sampled_from(["1.0", "2.9", "3.2"])),
        set(draw(st.lists(st.sampled_from(sorted(types)), unique=True))),
    )
    root = add_candidature(f, "ROOT", root_disp, root_version, set(rd.profiles))
    for r in validated:
        root.proofs[r.iri].append(Proof(r.iri, "validated", date(2026, 1, 15), date(2026, 2, 1)))
    ref_date = draw(st.dates(date(2026, 2, 1), date(2026, 6, 1)))
    add_referencing(f, "NRU-ROOT", 2, root_disp, root_version, root, ref_date)
    profiles = set(draw(st.lists(st.sampled_from(sorted(cd.profiles)), unique=True, min_size=1)))
    cand_types = {f"{ID}component/C-{t}": t for t in draw(st.lists(st.sampled_from(sorted(types)), unique=True))}
    version = add_version(f, "V-C", draw(st.sampled_from(["3.10", "4.0", "10.1"])), set(cand_types.values()))
    c = add_candidature(f, "C", cand_disp, version, profiles, attestation_complete=True, attestation_date=ref_date)
    c.components = cand_types
    own = draw(st.lists(st.sampled_from(f.by_rem[cd.rem]), unique_by=lambda r: r.iri, max_size=10))
    for r in own:
        c.proofs[r.iri].append(
            Proof(
                r.iri, draw(st.sampled_from(["deposited", "validated", "refused"])), date(2026, 3, 1), date(2026, 4, 1)
            )
        )
    if draw(st.booleans()):
        va1_disp = {
            "LGC": "LGC-MV-VA1",
            "DUI": draw(st.sampled_from(["DUI-MS1-VA1", "DUI-MS2-VA1"])),
            "RIS": "RIS-IMG-VA1",
            "DPI": "DPI-HOP-VA1",
        }[cd.device_type]
        covered = set(draw(st.lists(st.sampled_from(sorted(disp(f, va1_disp).profiles)), unique=True, min_size=1)))
        c.va1 = [add_referencing(f, "NRU-VA1", 1, va1_disp, None, None, date(2022, 6, 1), covered).iri]
    return f, c, ref_date


def with_root(f: Facts, c: Candidature, recorded: date) -> Facts:
    g = copy.copy(f)
    g.candidatures = dict(f.candidatures)
    g.candidatures[c.iri] = replace(c, root=f.ids["NRU-ROOT"], root_recorded=recorded)
    return g


def deposits(engine: Engine, c: Candidature, as_of: date) -> set[str]:
    return {d.requirement_iri for d in engine.perimeter(c.iri, as_of).requirements if d.decision == "deposit"}


PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(scenarios())
def test_decisions_partition_the_rem(case):
    f, c, _ = case
    d = f.dispositifs[c.dispositif]
    p = Engine(f).perimeter(c.iri, date(2026, 11, 26))
    requirements = [x.requirement_iri for x in p.requirements]
    assert sorted(requirements) == sorted(r.iri for r in f.by_rem[d.rem])
    assert len(set(requirements)) == len(requirements)
    assert sum(p.summary.values()) == len(requirements)
    for x in p.requirements:
        req = f.requirements[x.requirement_iri]
        applicable = (req.profile in (None, "GEN") or req.profile in c.profiles) and (
            req.component_type is None or req.component_type in c.components.values()
        )
        assert (x.decision == "not-applicable") == (not applicable)
        if x.decision.startswith("exempt"):
            assert x.via and x.origin and x.rules


@PROPERTY_SETTINGS
@given(scenarios())
def test_adding_a_valid_root_never_adds_a_deposit(case):
    f, c, ref_date = case
    as_of = ref_date + timedelta(days=5)
    recorded = ref_date + timedelta(days=1)
    if recorded > f.dispositifs[c.dispositif].date2:
        return
    without = deposits(Engine(f), c, as_of)
    rooted = Engine(with_root(f, c, recorded))
    with_root_deposits = deposits(rooted, c, as_of)
    assert with_root_deposits <= without
    exempted = without - with_root_deposits
    event("equivalence exempts some" if exempted else "equivalence exempts none")


@PROPERTY_SETTINGS
@given(scenarios(), st.integers(min_value=1, max_value=120))
def test_moving_as_of_past_the_root_referencing_never_adds_a_deposit(case, days):
    f, c, ref_date = case
    engine = Engine(with_root(f, c, ref_date))
    before = deposits(engine, c, ref_date - timedelta(days=1))
    after = deposits(engine, c, ref_date + timedelta(days=days))
    assert after <= before


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=5), min_size=1, max_size=6))
def test_chain_resolution_terminates_and_refuses_every_cycle(roots):
    """Candidature i names the NRU of candidature roots[i] as root (-1: none)."""
    f = fresh()
    n = len(roots)
    cands = []
    for i in range(n):
        version = add_version(f, f"V{i}", "1.0")
        cands.append(add_candidature(f, f"K{i}", "LGC-MV-VA2", version, {"GEN"}, attestation_complete=True))
    for i in range(n):
        add_referencing(f, f"NRU-K{i}", 2, "LGC-MV-VA2", cands[i].version, cands[i], date(2026, 1, 1))
    for i, target in enumerate(roots):
        if 0 <= target < n:
            cands[i].root = f.ids[f"NRU-K{target}"]
            cands[i].root_recorded = date(2026, 1, 2)
    engine = Engine(f)
    for i in range(n):
        seen, j = [], i
        while j not in seen and 0 <= roots[j] < n:
            seen.append(j)
            j = roots[j]
        cyclic = 0 <= roots[j] < n or (j in seen)
        if cyclic:
            with pytest.raises(RootCycleError) as caught:
                engine.chain(cands[i].iri)
            assert caught.value.cycle[0] == caught.value.cycle[-1]
            # The perimeter does not stop: the root is refused (TRANS-2) and the cycle named.
            refused = engine.perimeter(cands[i].iri, date(2026, 3, 1))
            state = engine.state(cands[i], date(2026, 3, 1))
            assert engine.check_root(cands[i], state, date(2026, 3, 1)).rules == ("TRANS-2",)
            assert refused.summary["exempt-equivalence"] == 0 and refused.notes and "K" in refused.notes[0]
            # Each generated candidature is itself referenced, which its status says first.
            assert refused.status == "referenced"
        else:
            assert engine.chain(cands[i].iri) == [f"NRU-K{k}" for k in seen[1:] + [j]][: len(seen)]
            engine.perimeter(cands[i].iri, date(2026, 3, 1))
    expected_cycles = {frozenset(c) for c in _cycles(roots)}
    found = {frozenset(int(x[1:]) for x in cycle if x.startswith("K")) for cycle in engine.cycles()}
    assert found == expected_cycles


def _cycles(roots: list[int]) -> list[set[int]]:
    out = []
    for start in range(len(roots)):
        path, j = [], start
        while 0 <= j < len(roots) and j not in path:
            path.append(j)
            j = roots[j]
        if 0 <= j < len(roots) and j == start:
            out.append(set(path))
    return out
