"""The nine worked cases of DOMAIN.md, end to end: YAML dossiers -> graph -> engine -> decisions.

Expected values are those of data/examples/README.md, which were computed by hand from the dossiers
and the reference tables (and cross-checked by an independent script when the dossiers were written).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from segur_kg.cli import app
from segur_kg.engine import Engine, impact
from segur_kg.ingest.loader import load

runner = CliRunner()


@pytest.fixture(scope="module")
def bundle():
    return load(demo=True)


@pytest.fixture(scope="module")
def engine(bundle):
    return Engine.from_store(bundle.store)


def perimeter(engine: Engine, ident: str, day: str):
    return engine.perimeter(engine.resolve(ident), date.fromisoformat(day))


def decided(p, decision: str) -> set[str]:
    return {d.requirement for d in p.requirements if d.decision == decision}


# ---- case 1: vague 1 heritage on another SONS of the same type (HER-2, HER-3, HER-4)
def test_case1_HER_3_vague1_perimeter_removed_and_HER_4_new_profile_still_asked(engine):
    p = perimeter(engine, "C1-CAND", "2026-07-01")
    assert p.status == "ready"
    heritage = decided(p, "exempt-heritage")
    assert len(heritage) == 11
    assert {"DUI/va1.02", "DUI/va1.03"} <= heritage
    pa = p.decision("DUI/va1.02")
    assert pa.rules == ("HER-2", "HER-3") and pa.via == ("C1-NRU-VA1-MS1",) and pa.origin == "C1-NRU-VA1-MS1"
    pde = p.decision("DUI/va1.04")
    assert pde.decision == "deposit" and pde.rules == ("HER-4", "MS-1") and pde.proof_status is not None
    assert p.summary["deposit"] == 34


# ---- case 2: Imagerie, no equivalence with another couloir (COU-1)
def test_case2_COU_1_imaging_keeps_heritage_but_refuses_an_lgc_root(engine):
    p = perimeter(engine, "C2-CAND-RIS", "2026-07-01")
    assert p.status == "ready"
    assert p.summary["exempt-heritage"] == 9 and p.summary["exempt-equivalence"] == 0
    w = impact.whatif(engine, engine.resolve("C2-CAND-RIS"), date(2026, 7, 1), root="C2-NRU-LGC")
    # The RIS and LGC versions have different main components in the graph: the source frames
    # equivalence for « une Solution logicielle B dont le composant principal est identique » (ROOT-5).
    assert w.refused and w.rules == ("COU-1", "ROOT-5")
    assert perimeter(engine, "C2-CAND-LGC", "2026-07-01").status == "referenced"


def test_case2_COU_1_whatif_through_the_cli_in_french():
    result = runner.invoke(app, ["whatif", "C2-CAND-RIS", "--demo", "--root", "C2-NRU-LGC", "--as-of", "2026-07-01"])
    assert result.exit_code == 1, result.stderr  # a refused change exits 1, as validate does on a violation
    assert result.stdout.startswith("Refusé : root C2-NRU-LGC pour C2-CAND-RIS le 2026-07-01")
    assert "[COU-1, ROOT-5]" in result.stdout  # the LGC root has another main component (ROOT-5)


# ---- case 3: simultaneous candidatures (ROOT-1..6)
def test_case3_ROOT_2_pending_then_ROOT_6_common_proofs_exempt(engine):
    pending = perimeter(engine, "C3-CAND-B", "2026-05-01")
    assert pending.status == "pending-root" and pending.status_rules == ("ROOT-2",)
    assert pending.summary["deposit"] == 42 and pending.summary["exempt-equivalence"] == 0
    # Common proofs are flagged while waiting for the root (ROOT-6).
    assert pending.decision("DMP/UX.12").rules == ("ROOT-2", "ROOT-6")
    ready = perimeter(engine, "C3-CAND-B", "2026-07-01")
    assert ready.status == "ready" and ready.root_chain == ("C3-NRU-A",)
    assert ready.summary["exempt-equivalence"] == 10
    dmp = ready.decision("DMP/UX.12")
    assert (dmp.decision, dmp.via, dmp.origin) == ("exempt-equivalence", ("C3-NRU-A",), "C3-NRU-A")
    assert set(dmp.rules) == {"COU-2", "TRANS-1"}


def test_case3_COU_2_unlisted_and_refused_root_proofs_stay_due(engine):
    ready = perimeter(engine, "C3-CAND-B", "2026-07-01")
    assert ready.decision("ORDN.01").decision == "deposit"  # validated by A, absent from EQ-SF
    assert ready.decision("SSI/IE.01").decision == "deposit"  # in EQ-SF, but refused at A


def test_case3_ROOT_3_no_root_at_date2_is_rejected_and_ROOT_4_classic(engine):
    assert perimeter(engine, "C3-CAND-C", "2026-07-01").status == "pending-root"
    rejected = perimeter(engine, "C3-CAND-C", "2026-08-01")
    assert (rejected.status, rejected.status_rules) == ("rejected", ("ROOT-2", "ROOT-3"))
    classic = perimeter(engine, "C3-CAND-D", "2026-07-01")
    assert classic.status == "classic" and classic.status_rules == ("ROOT-4",)
    assert classic.summary["deposit"] == 41 and classic.summary["exempt-equivalence"] == 0
    assert all(d.rules == ("ROOT-4",) for d in classic.requirements if d.decision == "deposit")


def test_case3_ROOT_1_A_referenced_and_risks_flags_C(engine):
    assert perimeter(engine, "C3-CAND-A", "2026-07-01").status == "referenced"
    result = runner.invoke(app, ["risks", "--demo", "--as-of", "2026-07-01", "--within", "45", "--format", "json"])
    found = {r["candidature"]: r for r in json.loads(result.stdout)}
    assert found["C3-CAND-C"]["days_left"] == 30 and found["C3-CAND-C"]["intended_root"] == "C3-CAND-P"


# ---- case 4: one root NRU for two further dispositifs, version moved on, chain of depth 2
def test_case4_TRANS_1_ASC_1_root_version_3_9_serves_3_10_on_two_dispositifs(engine):
    ms = perimeter(engine, "C4-CAND-MS", "2026-07-01")
    assert ms.status == "ready" and ms.summary["exempt-equivalence"] == 9
    assert ms.decision("MSS/UX.13").decision == "deposit"  # same socle as MSS/UX.11, not in EQ-MS
    sf = perimeter(engine, "C4-CAND-SF", "2026-06-20")
    assert sf.summary["exempt-equivalence"] == 12
    assert {"TLC.01", "TLC.03"} <= decided(sf, "deposit")
    assert sf.decision("TLC.01").rules == ("ADD-1",)
    assert ms.decision("INS/va1.05").rules[0] == "COU-2" and "TRANS-1" in ms.decision("INS/va1.05").rules


def test_case4_TRANS_2_exemption_traces_back_through_two_nrus(engine):
    assert perimeter(engine, "C4-CAND-DOM", "2026-07-01").status == "pending-root"
    dom = perimeter(engine, "C4-CAND-DOM", "2026-07-15")
    assert dom.status == "ready" and dom.root_chain == ("C4-NRU-SF", "C4-NRU-MV")
    assert dom.summary["exempt-equivalence"] == 10
    ins = dom.decision("INS/va1.05")
    assert ins.via == ("C4-NRU-SF", "C4-NRU-MV") and ins.origin == "C4-NRU-MV" and "TRANS-2" in ins.rules
    tlc = dom.decision("TLC.01")
    assert tlc.via == ("C4-NRU-SF",) and tlc.origin == "C4-NRU-SF"
    assert engine.chain(engine.resolve("C4-CAND-DOM")) == ["C4-NRU-SF", "C4-NRU-MV"]
    assert engine.dependents(engine.resolve("C4-NRU-MV", ("nru",))) == {
        "direct": ["C4-CAND-MS", "C4-CAND-SF"],
        "transitive": ["C4-CAND-DOM"],
    }


# ---- case 5: four MS candidatures, one main component, different additional components
def test_case5_ADD_1_ROOT_6_common_proofs_once_component_chapters_each(engine):
    two = perimeter(engine, "C5-CAND-2", "2026-07-01")
    assert two.status == "ready" and two.summary["exempt-equivalence"] == 20
    ph = two.decision("DUI/PH.02")
    assert ph.decision == "exempt-equivalence" and ph.rules == ("COU-2",)  # EQ-MS: DUI/PA.02 -> DUI/PH.02
    assert {"PORT.01", "PORT.02"} <= decided(two, "deposit")
    assert two.decision("PORT.01").rules == ("ADD-1",)
    agenda = [d for d in two.requirements if d.component == "AGENDA"]
    assert agenda and all(d.decision == "exempt-equivalence" and "ROOT-6" in d.rules for d in agenda)
    assert perimeter(engine, "C5-CAND-2", "2026-06-01").status == "pending-root"
    counts = {
        c: perimeter(engine, c, "2026-07-01").summary["exempt-equivalence"]
        for c in ("C5-CAND-3", "C5-CAND-3B", "C5-CAND-4")
    }
    assert counts == {"C5-CAND-3": 14, "C5-CAND-3B": 13, "C5-CAND-4": 17}
    assert perimeter(engine, "C5-CAND-3B", "2026-07-01").decision("DUI/PDS.03").decision == "deposit"


# ---- case 6: three vague 1 NRUs (HER-5); a profile new in vague 2 (MS-1)
def test_case6_HER_5_three_vague1_nrus_and_MS_1_new_profile(engine):
    arp = perimeter(engine, "C6-CAND-ARP", "2026-07-01")
    assert arp.summary["exempt-heritage"] == 12
    assert "HER-5" in arp.decision("DUI/va1.04").rules
    assert len(arp.decision("DUI/va1.04").via) == 1
    bou = perimeter(engine, "C6-CAND-BOU", "2026-07-01")
    assert bou.summary["exempt-heritage"] == 9
    assert bou.decision("DUI/va1.02").rules == ("HER-4", "MS-1")
    assert {"DUI/PA.01", "DUI/PA.02", "DUI/PA.03"} <= decided(bou, "deposit")


# ---- case 7: PSC configurations (PSC-3..8)
@pytest.mark.parametrize(
    "component, change, returns, rule",
    [
        ("C7-CMP-A-LPS", "modify-lps", ["C7-CMP-A-LPS"], "PSC-4"),
        ("C7-CMP-A-PROXY", "modify-proxy", ["C7-CMP-A-PROXY"], "PSC-4"),
        ("C7-CMP-B-PROXY", "modify-proxy", ["C7-CMP-B-LPS", "C7-CMP-B-PROXY"], "PSC-5"),
        ("C7-CMP-C-PROXY", "modify-proxy", ["C7-CMP-C-PROXY"], "PSC-6"),
        ("C7-CMP-D-LPS", "modify-lps", ["C7-CMP-D-LPS"], "PSC-7"),
    ],
)
def test_case7_PSC_4_to_7_what_returns_to_the_guichet_editeur(engine, bundle, component, change, returns, rule):
    report = impact.component_impact(engine, bundle.store, component, change, date(2026, 7, 1))
    editeur = report["guichet_editeur"]
    assert editeur and all(sorted(r["returns"]) == returns for r in editeur)
    assert all(rule in r["rules"] and "PSC-2" in r["rules"] for r in editeur)


def test_case7_PSC_3_one_homologation_serves_two_versions_and_PSC_8_migration(engine, bundle):
    proxy = impact.component_impact(engine, bundle.store, "C7-CMP-C-PROXY", "modify-proxy", date(2026, 7, 1))
    assert any(len(r["serves"]) == 2 and "PSC-3" in r["rules"] for r in proxy["guichet_editeur"])
    assert {"C7-CAND-C", "C7-CAND-C2"} <= set(proxy["candidatures"])
    migration = impact.component_impact(engine, bundle.store, "C7-CMP-A-LPS", "migration", date(2026, 7, 1))
    assert migration["guichet_operateur"]
    assert all(
        r["new_habilitation"] == "Opérateur de Service Utilisateur" and r["rules"] == ["PSC-8"]
        for r in migration["guichet_operateur"]
    )


# ---- case 8: two commercial names (CNDA-1, CNDA-2, NAME-1)
def test_case8_CNDA_1_own_nil_CNDA_2_child_inherits_NAME_1_sent_with_nru(engine, bundle):
    result = runner.invoke(
        app, ["impact", "--demo", "--commercial-name", "C8-CN-MEDILYS", "--format", "json", "--as-of", "2026-07-01"]
    )
    if result.exit_code != 0:
        pytest.fail(result.stderr)
    report = json.loads(result.stdout)
    assert report["nil"] == "NIL-81001" and report["cnda"]["rules"] == ["CNDA-1"]
    assert report["cnda"]["children_inheriting"] and report["cnda"]["children_rules"] == ["CNDA-2"]
    assert report["referencings_sent_with_name"] == ["C8-NRU"] and report["rules"] == ["NAME-1"]
    assert perimeter(engine, "C8-CAND", "2026-07-01").status == "referenced"


# ---- case 9: modifications after Date 1 (MOD-1), optional profile after Date 2 (DATE-3)
def test_case9_MOD_1_added_component_and_root_change_the_perimeter_over_time(engine):
    early = perimeter(engine, "C9-CAND-MS", "2026-03-10")
    mid = perimeter(engine, "C9-CAND-MS", "2026-04-01")
    late = perimeter(engine, "C9-CAND-MS", "2026-05-01")
    assert early.summary["deposit"] == 37 and early.decision("AGD.01").decision == "not-applicable"
    assert mid.summary["deposit"] == 39 and {"AGD.01", "AGD.05"} <= decided(mid, "deposit")
    assert late.status == "ready" and late.root_chain == ("C9-NRU-CAB",)
    assert late.summary["exempt-equivalence"] == 8 and late.decision("AGD.01").decision == "exempt-equivalence"
    assert {"AGD.05", "MSS/UX.13"} <= decided(late, "deposit")


def test_case9_DATE_3_optional_profile_after_date2_refused_before_accepted(engine):
    cand = engine.resolve("C9-CAND-MS")
    refused = impact.whatif(engine, cand, date(2026, 8, 5), add_profile="DOM", on=date(2026, 8, 5))
    assert refused.refused and refused.rules == ("DATE-3",) and "2026-07-31" in refused.reason
    accepted = impact.whatif(engine, cand, date(2026, 6, 15), add_profile="DOM", on=date(2026, 6, 15))
    assert not accepted.refused and accepted.rules == ("MOD-1",)
    added = [c for c in accepted.changes if c.before == "not-applicable"]
    assert len(added) == 4 and all(c.after == "deposit" for c in added)


# ---- withdrawal: who loses what
def test_withdrawal_of_a_root_removes_its_dependents_exemptions(engine):
    lost = impact.withdrawal(engine, engine.resolve("C3-NRU-A", ("nru",)), date(2026, 8, 1))
    assert [x["candidature"] for x in lost] == ["C3-CAND-B"]
    assert len(lost[0]["lost"]) == 10 and lost[0]["status_before"] == "ready"


# ---- outputs
def test_perimeter_json_contract_keys_and_counts():
    result = runner.invoke(app, ["perimeter", "C3-CAND-B", "--demo", "--as-of", "2026-07-01", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "candidature",
        "dispositif",
        "as_of",
        "status",
        "status_rules",
        "root_chain",
        "requirements",
        "summary",
    }
    assert set(data["requirements"][0]) == {
        "requirement",
        "profile",
        "decision",
        "rules",
        "via",
        "origin",
        "proof_status",
        "component",
        "reason",
        "message",
    }
    assert sum(data["summary"].values()) == len(data["requirements"]) == 49
    assert data["summary"]["exempt-equivalence"] == 10


def test_perimeter_csv_and_unknown_candidature():
    csv_out = runner.invoke(app, ["perimeter", "C1-CAND", "--demo", "--as-of", "2026-07-01", "--format", "csv"])
    lines = csv_out.stdout.strip().splitlines()
    assert lines[0].startswith("candidature,as_of,status,requirement")
    assert len(lines) == 1 + 61
    unknown = runner.invoke(app, ["perimeter", "NOPE", "--demo", "--lang", "en"])
    assert unknown.exit_code == 2 and unknown.stderr.strip() == "error: unknown identifier 'NOPE'"


def test_chain_cli_names_the_chain_in_french():
    result = runner.invoke(app, ["chain", "C4-CAND-DOM", "--demo"])
    assert result.exit_code == 0
    assert (
        result.stdout.strip()
        == "C4-CAND-DOM s'appuie sur : C4-NRU-SF (C4-CAND-SF, LGC-SF-VA2) -> C4-NRU-MV (C4-CAND-MV, LGC-MV-VA2)"
    )
