"""Engine fidelity (issue 17): a root exempts only what its referencing covered (ROOT-6, ADD-1, TRANS-2),
a root whose main component differs in the graph is refused (ROOT-5), and heritage comes only from a
vague 1 referencing of the applying editor (HER-3).

Each point is tested both ways, on small dossiers written to tmp_path and loaded as a user's files;
hypothesis properties over engine facts stand beside them.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_properties import add_candidature, add_referencing, add_version, fresh

from segur_kg.engine import Engine
from segur_kg.engine.facts import Modification, Proof
from segur_kg.ingest.loader import load

AS_OF = date(2026, 6, 15)
ATTESTATION = {
    "date": "2026-04-01",
    "main_component_identical": True,
    "single_solution": True,
    "ascending_compatibility": True,
}


def validated(*requirements: str, deposited: str = "2026-02-01", decided: str = "2026-02-20") -> list[dict]:
    return [{"requirement": r, "status": "validated", "deposited": deposited, "decided": decided} for r in requirements]


def solution(sid: str, editor: str, core: str, *, agenda: bool = True, versions=("2.0", "3.0")) -> dict:
    components = [{"id": core, "kind": "main"}]
    if agenda:
        components.append({"id": f"{sid}-AGENDA", "kind": "additional", "type": "AGENDA"})
    return {
        "id": sid,
        "editor": editor,
        "name": sid,
        "device_type": "LGC",
        "components": components,
        "commercial_names": [{"id": f"{sid}-CN", "name": sid, "nil": f"NIL-{sid}"}],
        "versions": [
            {
                "id": f"{sid}-{v}",
                "version": v,
                "main_component": core,
                "additional_components": [f"{sid}-AGENDA"] if agenda else [],
                "commercial_names": [f"{sid}-CN"],
            }
            for v in versions
        ],
    }


def root_a(**extra) -> dict:
    """A, referenced on LGC-MV-VA2 on 2026-03-02, with the AGENDA component and the IE-USAGERS profile."""
    a = {
        "id": "F-A",
        "solution_version": "F-SOL-2.0",
        "dispositif": "LGC-MV-VA2",
        "profiles": ["GEN", "IE-USAGERS"],
        "dates": {"admin_deposit": "2026-01-10", "eligibility": "2026-01-20", "decision": "2026-03-02"},
        "status": "referenced",
        "referencing": {"nru": "F-NRU-A", "date": "2026-03-02"},
        "proofs": validated("DMP/UX.12", "AGD.01", "SSI/IE.01")
        + validated("DMP/UX.15", deposited="2026-02-01", decided="2026-03-10"),  # validated after the referencing
    }
    a.update(extra)
    return a


def rooted(cid: str, version: str, dispositif: str, root: str, recorded: str = "2026-04-01", **extra) -> dict:
    c = {
        "id": cid,
        "solution_version": version,
        "dispositif": dispositif,
        "profiles": ["GEN", "IE-USAGERS"],
        "root": root,
        "root_recorded": recorded,
        "attestation": dict(ATTESTATION, date=recorded),
        "dates": {"admin_deposit": "2026-03-01", "eligibility": "2026-03-15"},
        "status": "eligible",
    }
    c.update(extra)
    return c


def engine_of(tmp_path, *, solutions, candidatures, modifications=(), referencings=(), editors=None) -> Engine:
    dossier = {
        "dossier": "F",
        "title": "fidélité",
        "editors": editors or [{"id": "F-ED", "name": "Éditeur F"}],
        "solutions": solutions,
        "candidatures": candidatures,
    }
    if modifications:
        dossier["modifications"] = list(modifications)
    if referencings:
        dossier["referencings"] = list(referencings)
    path = tmp_path / "f.yaml"
    path.write_text(json.dumps(dossier, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return Engine.from_store(load([path]).store)


def decisions(engine: Engine, ident: str, as_of: date = AS_OF) -> dict[str, tuple[str, tuple[str, ...]]]:
    p = engine.perimeter(engine.resolve(ident), as_of)
    return {d.requirement: (d.decision, d.rules, d.via, d.origin) for d in p.requirements}


def drops(when: str) -> list[dict]:
    """A drops its AGENDA component and its IE-USAGERS profile on ``when``."""
    return [
        {"id": "F-MOD-1", "candidature": "F-A", "date": when, "kind": "remove-component", "component": "F-SOL-AGENDA"},
        {"id": "F-MOD-2", "candidature": "F-A", "date": when, "kind": "remove-profile", "profile": "IE-USAGERS"},
    ]


# ---- point 1: what a root's referencing covered (ROOT-6, ADD-1, MOD-1)
def test_ROOT_6_root_that_dropped_a_component_and_a_profile_before_its_referencing_exempts_neither(tmp_path):
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE")],
        candidatures=[root_a(), rooted("F-B", "F-SOL-3.0", "LGC-SF-VA2", "F-NRU-A")],
        modifications=drops("2026-02-25"),
    )
    own = decisions(engine, "F-A", date(2026, 3, 2))
    assert own["AGD.01"][0] == own["SSI/IE.01"][0] == "not-applicable"  # A's own perimeter on its referencing
    b = decisions(engine, "F-B")
    # LGC-SF-VA2's REM is not LGC-MV-VA2's: the equivalence list maps the requirement (COU-2).
    assert b["DMP/UX.12"] == ("exempt-equivalence", ("COU-2", "TRANS-1"), ("F-NRU-A",), "F-NRU-A")
    assert b["AGD.01"][0] == "deposit" and b["SSI/IE.01"][0] == "deposit"
    # A proof validated after A's referencing was not part of it.
    assert b["DMP/UX.15"][0] == "deposit"


def test_ROOT_6_root_that_dropped_them_after_its_referencing_still_exempts_them(tmp_path):
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE")],
        candidatures=[root_a(), rooted("F-B", "F-SOL-3.0", "LGC-SF-VA2", "F-NRU-A")],
        modifications=drops("2026-03-20"),
    )
    b = decisions(engine, "F-B")
    for requirement in ("DMP/UX.12", "AGD.01", "SSI/IE.01"):
        assert b[requirement][0] == "exempt-equivalence" and b[requirement][3] == "F-NRU-A", requirement
    p = engine.perimeter(engine.resolve("F-B"), AS_OF)
    assert p.status == "ready" and "ROOT-6" in p.status_rules


def chain(tmp_path, b_drops_profile_on: str | None) -> Engine:
    """A -> B (rooted on A, referenced 2026-05-01) -> C (rooted on B), all three on LGC-MV-VA2."""
    b = rooted(
        "F-B",
        "F-SOL-3.0",
        "LGC-MV-VA2",
        "F-NRU-A",
        status="referenced",
        referencing={"nru": "F-NRU-B", "date": "2026-05-01"},
    )
    b["dates"]["decision"] = "2026-05-01"
    c = rooted("F-C", "F-SOL-4.0", "LGC-MV-VA2", "F-NRU-B", recorded="2026-05-10")
    mods = []
    if b_drops_profile_on:
        mods.append(
            {
                "id": "F-MOD-B",
                "candidature": "F-B",
                "date": b_drops_profile_on,
                "kind": "remove-profile",
                "profile": "IE-USAGERS",
            }
        )
    return engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE", versions=("2.0", "3.0", "4.0"))],
        candidatures=[root_a(), b, c],
        modifications=mods,
    )


def test_ROOT_6_TRANS_2_each_step_of_a_chain_exempts_only_what_its_referencing_covered(tmp_path):
    engine = chain(tmp_path, "2026-04-20")  # B drops IE-USAGERS before its own referencing
    c = decisions(engine, "F-C")
    assert c["DMP/UX.12"] == ("exempt-equivalence", ("ROOT-6", "TRANS-2"), ("F-NRU-B", "F-NRU-A"), "F-NRU-A")
    assert c["SSI/IE.01"][0] == "deposit"  # A covered it, but B's referencing did not


def test_ROOT_6_TRANS_2_a_chain_whose_every_step_covered_it_exempts_it(tmp_path):
    engine = chain(tmp_path, "2026-05-20")  # B drops IE-USAGERS after its referencing: it covered it
    c = decisions(engine, "F-C")
    assert c["SSI/IE.01"] == ("exempt-equivalence", ("ROOT-6", "TRANS-2"), ("F-NRU-B", "F-NRU-A"), "F-NRU-A")


# ---- point 2: an identical main component (ROOT-5)
def test_ROOT_5_root_with_another_main_component_in_the_graph_is_refused_and_exempts_nothing(tmp_path):
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE"), solution("F-SOL2", "F-ED", "F-CORE2")],
        candidatures=[root_a(), rooted("F-B", "F-SOL2-3.0", "LGC-SF-VA2", "F-NRU-A")],  # attested identical
    )
    p = engine.perimeter(engine.resolve("F-B"), AS_OF)
    assert p.status == "root-refused" and p.status_rules == ("ROOT-5",)
    assert p.summary["exempt-equivalence"] == 0


def test_ROOT_5_root_with_the_same_main_component_is_used(tmp_path):
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE")],
        candidatures=[root_a(), rooted("F-B", "F-SOL-3.0", "LGC-SF-VA2", "F-NRU-A")],
    )
    p = engine.perimeter(engine.resolve("F-B"), AS_OF)
    assert p.status == "ready" and "ROOT-5" in p.status_rules and p.summary["exempt-equivalence"] >= 3


# ---- point 3: whose vague 1 referencing (HER-3)
VA1_REQUIREMENTS = {"ANN/va1.01", "ANN/va1.02", "DMP/va1.03", "DMP/va1.05", "DOC/va1.02", "INS/va1.01"}


def heritage(tmp_path, va1_editor: str, va1_solution: str) -> Engine:
    solutions = [solution("F-SOL", "F-ED", "F-CORE")]
    if va1_solution != "F-SOL":
        solutions.append(solution(va1_solution, va1_editor, f"{va1_solution}-CORE", agenda=False, versions=("1.0",)))
    va1 = {
        "nru": "F-VA1",
        "wave": 1,
        "dispositif": "LGC-MV-VA1",
        "solution_version": f"{va1_solution}-{'2.0' if va1_solution == 'F-SOL' else '1.0'}",
        "profiles": ["GEN"],
        "date": "2022-01-15",
    }
    cand = {
        "id": "F-H",
        "solution_version": "F-SOL-3.0",
        "dispositif": "LGC-MV-VA2",
        "profiles": ["GEN"],
        "va1_referencings": ["F-VA1"],
        "dates": {"admin_deposit": "2026-01-10", "eligibility": "2026-01-20"},
        "status": "eligible",
    }
    editors = [{"id": "F-ED", "name": "Éditeur F"}, {"id": "F-ED2", "name": "Éditeur F2"}]
    return engine_of(tmp_path, solutions=solutions, candidatures=[cand], referencings=[va1], editors=editors)


def test_HER_3_vague1_nru_of_another_editor_gives_no_heritage(tmp_path):
    engine = heritage(tmp_path, "F-ED2", "F-OTHER")
    d = decisions(engine, "F-H")
    for requirement in VA1_REQUIREMENTS:
        assert d[requirement][:2] == ("deposit", ("HER-3",)), requirement
    p = engine.perimeter(engine.resolve("F-H"), AS_OF)
    assert p.summary["exempt-heritage"] == 0
    assert len(p.notes) == 1 and all(name in p.notes[0] for name in ("F-VA1", "F-OTHER", "F-ED2", "F-SOL", "F-ED"))


def test_HER_3_vague1_nru_of_another_solution_of_the_same_editor_keeps_its_heritage(tmp_path):
    engine = heritage(tmp_path, "F-ED", "F-OTHER")
    d = decisions(engine, "F-H")
    for requirement in VA1_REQUIREMENTS:
        assert d[requirement][:3] == ("exempt-heritage", ("HER-2", "HER-3"), ("F-VA1",)), requirement
    assert engine.perimeter(engine.resolve("F-H"), AS_OF).notes == []


def test_HER_3_vague1_nru_of_the_same_solution_keeps_its_heritage(tmp_path):
    d = decisions(heritage(tmp_path, "F-ED", "F-SOL"), "F-H")
    assert all(d[r][0] == "exempt-heritage" for r in VA1_REQUIREMENTS)


# ---- properties over engine facts
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LGC_MV = "LGC-MV-VA2"


def rooted_world(validated_reqs, root_types):
    """A root referenced on LGC-MV-VA2 on 2026-03-02 with every profile and the given component types,
    C on LGC-SF-VA2 rooted on it with the same main component, every profile and type."""
    f = fresh()
    types = ("AGENDA", "FACTURATION", "TELECONSULTATION")
    rv = add_version(f, "V-ROOT", "2.0", set(root_types))
    cv = add_version(f, "V-C", "3.0", set(types))
    f.versions[cv] = replace(f.versions[cv], main_component=f.versions[rv].main_component)
    root = add_candidature(f, "ROOT", LGC_MV, rv, {"GEN", "IE-USAGERS"})
    root.components = {f"https://w3id.org/segur-kg/id/component/R-{t}": t for t in root_types}
    for t in types:
        f.component_types[f"https://w3id.org/segur-kg/id/component/R-{t}"] = t
    for r in validated_reqs:
        root.proofs[r].append(Proof(r, "validated", date(2026, 1, 15), date(2026, 2, 1)))
    ref = add_referencing(f, "NRU-ROOT", 2, LGC_MV, rv, root, date(2026, 3, 2))
    c = add_candidature(
        f,
        "C",
        "LGC-SF-VA2",
        cv,
        {"GEN", "IE-USAGERS"},
        attestation_complete=True,
        attestation_date=date(2026, 4, 1),
        root=ref.iri,
        root_recorded=date(2026, 4, 1),
    )
    c.components = {f"https://w3id.org/segur-kg/id/component/C-{t}": t for t in types}
    return f, root, c


def exempt(f, c) -> set[str]:
    """The identifiers of C's requirements exempt by equivalence."""
    p = Engine(f).perimeter(c.iri, AS_OF)
    return {d.requirement for d in p.requirements if d.decision == "exempt-equivalence"}


@st.composite
def root_drops(draw):
    f = fresh()
    reqs = sorted(r.iri for r in f.by_rem[f.dispositifs[f"https://w3id.org/segur-kg/id/dispositif/{LGC_MV}"].rem])
    chosen = draw(st.lists(st.sampled_from(reqs), unique=True, max_size=25))
    root_types = draw(st.lists(st.sampled_from(["AGENDA", "FACTURATION", "TELECONSULTATION"]), unique=True))
    drop_profile = draw(st.booleans())
    dropped_types = draw(st.lists(st.sampled_from(sorted(root_types)), unique=True)) if root_types else []
    when = draw(st.dates(date(2026, 1, 20), date(2026, 5, 1)))
    return chosen, root_types, drop_profile, dropped_types, when


@PROPERTY
@given(root_drops())
def test_ROOT_6_removing_a_component_or_profile_from_a_root_never_adds_an_exemption_downstream(case):
    chosen, root_types, drop_profile, dropped_types, when = case
    f, root, c = rooted_world(chosen, root_types)
    before = exempt(f, c)
    g = copy.copy(f)
    g.candidatures = dict(f.candidatures)
    mods = [
        Modification(f"M-{t}", f"M-{t}", "RemoveAdditionalComponent", when, root.iri, component=iri)
        for iri, t in root.components.items()
        if t in dropped_types
    ]
    if drop_profile:
        mods.append(Modification("M-P", "M-P", "RemoveProfile", when, root.iri, profile="IE-USAGERS"))
    g.candidatures[root.iri] = replace(root, modifications=mods)
    after = exempt(g, c)
    assert after <= before
    if when <= date(2026, 3, 2):  # before the root's referencing: what it dropped is no longer exempt
        for d in Engine(g).perimeter(c.iri, AS_OF).requirements:
            req = g.requirements[d.requirement_iri]
            if (drop_profile and req.profile == "IE-USAGERS") or (req.component_type in dropped_types):
                assert d.decision != "exempt-equivalence"
    else:
        assert after == before


@PROPERTY
@given(st.lists(st.sampled_from(["AGENDA", "FACTURATION"]), unique=True), st.booleans())
def test_ROOT_5_a_root_with_a_different_main_component_exempts_nothing(root_types, differ):
    f, root, c = rooted_world([r.iri for r in fresh().by_rem[root_rem()]], root_types)
    if differ:
        f.versions[c.version] = replace(f.versions[c.version], main_component="https://example.org/other-core")
    got = exempt(f, c)
    assert (not got) if differ else bool(got)
    assert Engine(f).perimeter(c.iri, AS_OF).status == ("root-refused" if differ else "ready")


def root_rem() -> str:
    f = fresh()
    return f.dispositifs[f"https://w3id.org/segur-kg/id/dispositif/{LGC_MV}"].rem


def test_ROOT_6_validated_after_the_roots_referencing_is_not_exempt():
    f, root, c = rooted_world([], ())
    req = next(r.iri for r in f.by_rem[root_rem()] if r.ident == "DMP/UX.12")
    root.proofs[req].append(Proof(req, "validated", date(2026, 2, 1), date(2026, 3, 2) + timedelta(days=1)))
    assert "DMP/UX.12" not in exempt(f, c)
    root.proofs[req][0] = Proof(req, "validated", date(2026, 2, 1), date(2026, 3, 2))
    assert "DMP/UX.12" in exempt(f, c)
