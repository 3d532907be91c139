"""The guichet éditeur perimeter of a PSC habilitation (engine/guichet.py, docs/guichet-perimeter.md), on
case 7 and on variants of it: each PSC rule both ways, the editor group both ways, the JSON contract and
the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from helpers.cli import invoke
from segur_kg.engine.errors import EngineError
from segur_kg.engine.guichet import DECISIONS, REASONS, Guichet, guichet_perimeter
from segur_kg.ingest.loader import load
from segur_kg.resources import project_home

CASE7 = project_home() / "data" / "examples" / "case-07-psc-configurations.yaml"
NRU = {x: f"C7-PSC-NRU-{x}" for x in ("A", "A2", "B", "B2", "C", "D", "D-PROXY", "E", "F")}
COMPONENT_REQUIREMENTS = ("EDC/PSC.103", "EDC/PSC.105", "EDC/PSC.106")


@pytest.fixture(scope="module")
def desk() -> Guichet:
    return Guichet.from_store(load(demo=True).store)


def perimeter(desk: Guichet, habilitation: str, day: str):
    return desk.perimeter(desk.resolve(habilitation), date.fromisoformat(day))


def rows(p) -> set[tuple]:
    """(requirement, component, decision, reason, rules) of every decision."""
    return {(d.requirement, d.component, d.decision, d.reason, d.rules) for d in p.requirements}


def variant(tmp_path: Path, old: str, new: str) -> Guichet:
    """A guichet over case 7 with ``old`` replaced by ``new`` (the text must be there once)."""
    text = CASE7.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "case-07-variant.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return Guichet.from_store(load([path]).store)


def added_habilitation(tmp_path: Path, entry: str) -> Guichet:
    """Case 7 with one more guichet éditeur habilitation, written as YAML under psc_habilitations."""
    return variant(tmp_path, "\noperator_habilitations:\n", f"{entry}\noperator_habilitations:\n")


# ---- PSC-1: each habilitation declares its perimeter


def test_PSC_1_declarations_101_102_104_are_deposited_even_when_every_component_proof_is_reused(desk):
    p = perimeter(desk, "C7-PSC-B2", "2026-04-08")
    for code in ("EDC/PSC.101", "EDC/PSC.102", "EDC/PSC.104"):
        d = p.decision(code)
        assert (d.decision, d.reason, d.rules, d.via, d.proof_status) == (
            "deposit",
            "psc-perimeter-declaration",
            ("PSC-1",),
            (),
            "validated",
        )
    # the component requirements are not declarations: they are reused
    assert all(d.decision == "exempt-reuse" for d in p.requirements if d.requirement in COMPONENT_REQUIREMENTS)
    assert p.summary == {"deposit": 3, "exempt-reuse": 5, "not-applicable": 0}


def test_PSC_1_a_habilitation_that_deposited_no_declaration_has_no_proof_status_for_it(tmp_path):
    desk = added_habilitation(
        tmp_path,
        """  - {id: X-PSC, configuration: lps-alone, nru: X-PSC-NRU, date: 2026-03-01, lps: C7-CMP-D-LPS,
     serves: [C7-SOL-D-1.0], commercial_names: [C7-CN-D], components: [C7-CMP-D-CORE]}""",
    )
    d = perimeter(desk, "X-PSC", "2026-07-01").decision("EDC/PSC.102")
    assert (d.decision, d.reason, d.proof_status) == ("deposit", "psc-perimeter-declaration", None)


# ---- PSC-2: validated proofs are not requested again, unless the concerned perimeter changed


def test_PSC_2_validated_proofs_of_the_reused_habilitation_are_not_requested_again(desk):
    d = perimeter(desk, "C7-PSC-B2", "2026-04-08").decision("EDC/PSC.103", "C7-CMP-B-LPS")
    assert (d.decision, d.reason, d.rules) == ("exempt-reuse", "reused", ("PSC-5", "PSC-2"))
    assert (d.via, d.origin, d.proof_status) == ((NRU["B"],), NRU["B"], None)
    assert d.message == (
        "As of 2026-04-08, C7-PSC-B2 does not deposit requirement EDC/PSC.103 again for C7-CMP-B-LPS: it reuses "
        "the proof validated on 2025-09-24 under NRU C7-PSC-NRU-B, through habilitation C7-PSC-B (NRU C7-PSC-NRU-B)."
    )


def test_PSC_2_a_habilitation_that_reuses_none_deposits_every_component_proof(desk):
    p = perimeter(desk, "C7-PSC-A", "2026-07-01")
    component_rows = {r for r in rows(p) if r[0] in COMPONENT_REQUIREMENTS}
    assert component_rows == {
        ("EDC/PSC.103", "C7-CMP-A-LPS", "deposit", "not-reused", ("PSC-2",)),
        ("EDC/PSC.105", "C7-CMP-A-LPS", "deposit", "not-reused", ("PSC-2",)),
        ("EDC/PSC.105", "C7-CMP-A-PROXY", "deposit", "not-reused", ("PSC-2",)),
        ("EDC/PSC.106", "C7-CMP-A-LPS", "deposit", "not-reused", ("PSC-2",)),
        ("EDC/PSC.106", "C7-CMP-A-PROXY", "deposit", "not-reused", ("PSC-2",)),
    }
    assert all(d.proof_status == "validated" for d in p.requirements)


def test_PSC_2_a_reused_habilitation_not_granted_yet_on_the_date_exempts_nothing(desk):
    before = perimeter(desk, "C7-PSC-B2", "2025-09-30").decision("EDC/PSC.105", "C7-CMP-B-PROXY")
    assert (before.decision, before.reason, before.rules, before.via) == (
        "deposit",
        "reused-not-habilitated",
        ("PSC-2",),
        (NRU["B"],),
    )
    assert "is not granted yet (habilitation date: 2025-10-01)" in before.message
    granted = perimeter(desk, "C7-PSC-B2", "2025-10-01").decision("EDC/PSC.105", "C7-CMP-B-PROXY")
    assert (granted.decision, granted.reason) == ("exempt-reuse", "reused")


def test_PSC_2_a_modification_before_the_proof_was_validated_does_not_send_it_back_and_reuse_chains(tmp_path):
    # A3 reuses A2 (LPS proofs validated on 04-14, after the LPS modification of 04-06) and, through A2,
    # the Proxy proofs A2 itself reuses from A (validated 2025-09-10, before the Proxy modification of 04-20).
    desk = added_habilitation(
        tmp_path,
        """  - {id: X-PSC-A3, configuration: separate, nru: X-PSC-NRU-A3, date: 2026-04-18, lps: C7-CMP-A-LPS,
     proxy: C7-CMP-A-PROXY, serves: [C7-SOL-A-4.0], commercial_names: [C7-CN-A], components: [C7-CMP-A-CORE],
     reuses: [C7-PSC-A2]}""",
    )
    p = perimeter(desk, "X-PSC-A3", "2026-04-19")
    lps = p.decision("EDC/PSC.103", "C7-CMP-A-LPS")
    assert (lps.decision, lps.reason, lps.rules, lps.via, lps.origin) == (
        "exempt-reuse",
        "reused",
        ("PSC-4", "PSC-2"),
        (NRU["A2"],),
        NRU["A2"],
    )
    proxy = p.decision("EDC/PSC.105", "C7-CMP-A-PROXY")
    assert (proxy.decision, proxy.via, proxy.origin) == ("exempt-reuse", (NRU["A2"], NRU["A"]), NRU["A"])
    # after the Proxy modification of 04-20 the Proxy's proof, validated before it, returns, through the chain
    after = perimeter(desk, "X-PSC-A3", "2026-04-21").decision("EDC/PSC.105", "C7-CMP-A-PROXY")
    assert (after.decision, after.reason, after.via) == ("deposit", "component-modified", (NRU["A2"], NRU["A"]))
    assert "modified on 2026-04-20 (C7-MOD-A-PROXY), after its proof was validated on 2025-09-10" in after.message
    # and the LPS migration of 05-11 is a modification of the LPS after its proof of 04-14
    migrated = perimeter(desk, "X-PSC-A3", "2026-05-11").decision("EDC/PSC.103", "C7-CMP-A-LPS")
    assert (migrated.decision, migrated.reason) == ("deposit", "component-modified")
    assert "modified on 2026-05-11 (C7-MOD-A-MIGRATION)" in migrated.message


def test_PSC_2_a_cycle_of_reuses_ends_and_exempts_nothing(tmp_path):
    # two habilitations of the same LPS that reuse each other, neither with a proof of its own
    desk = added_habilitation(
        tmp_path,
        """  - {id: X-PSC-1, configuration: lps-alone, nru: X-PSC-NRU-1, date: 2026-03-01, lps: C7-CMP-D-LPS,
     reuses: [X-PSC-2]}
  - {id: X-PSC-2, configuration: lps-alone, nru: X-PSC-NRU-2, date: 2026-03-01, lps: C7-CMP-D-LPS,
     reuses: [X-PSC-1]}""",
    )
    p = perimeter(desk, "X-PSC-1", "2026-04-01")
    assert {r for r in rows(p) if r[0] in COMPONENT_REQUIREMENTS} == {
        ("EDC/PSC.103", "C7-CMP-D-LPS", "deposit", "not-reused", ("PSC-2",)),
        ("EDC/PSC.105", "C7-CMP-D-LPS", "deposit", "not-reused", ("PSC-2",)),
        ("EDC/PSC.106", "C7-CMP-D-LPS", "deposit", "not-reused", ("PSC-2",)),
    }
    assert p.decision("EDC/PSC.103", "C7-CMP-D-LPS").via == ("X-PSC-NRU-2",)


# ---- PSC-4: separately, per component; a modified component returns alone


def test_PSC_4_separate_the_modified_lps_returns_alone_and_the_proxy_is_reused(desk):
    p = perimeter(desk, "C7-PSC-A2", "2026-04-16")
    assert {r for r in rows(p) if r[0] in COMPONENT_REQUIREMENTS} == {
        ("EDC/PSC.103", "C7-CMP-A-LPS", "deposit", "component-modified", ("PSC-4", "PSC-2")),
        ("EDC/PSC.105", "C7-CMP-A-LPS", "deposit", "component-modified", ("PSC-4", "PSC-2")),
        ("EDC/PSC.105", "C7-CMP-A-PROXY", "exempt-reuse", "reused", ("PSC-4", "PSC-2")),
        ("EDC/PSC.106", "C7-CMP-A-LPS", "deposit", "component-modified", ("PSC-4", "PSC-2")),
        ("EDC/PSC.106", "C7-CMP-A-PROXY", "exempt-reuse", "reused", ("PSC-4", "PSC-2")),
    }
    d = p.decision("EDC/PSC.103", "C7-CMP-A-LPS")
    assert (d.via, d.origin, d.proof_status) == ((NRU["A"],), None, "validated")
    assert d.message == (
        "As of 2026-04-16, C7-PSC-A2 deposits requirement EDC/PSC.103 for C7-CMP-A-LPS: C7-CMP-A-LPS was modified "
        "on 2026-04-06 (C7-MOD-A-LPS), after its proof was validated on 2025-09-08 under NRU C7-PSC-NRU-A; the "
        "modified component returns to the guichet."
    )


def test_PSC_4_separate_once_the_proxy_is_modified_it_returns_too(desk):
    p = perimeter(desk, "C7-PSC-A2", "2026-07-01")
    proxy = p.decision("EDC/PSC.106", "C7-CMP-A-PROXY")
    assert (proxy.decision, proxy.reason, proxy.rules) == ("deposit", "component-modified", ("PSC-4", "PSC-2"))
    assert "C7-CMP-A-PROXY was modified on 2026-04-20 (C7-MOD-A-PROXY)" in proxy.message
    assert p.summary == {"deposit": 8, "exempt-reuse": 0, "not-applicable": 0}


# ---- PSC-5: monobloc, indivisible; either modification sends both back


def test_PSC_5_monobloc_renewal_reuses_both_components_before_any_modification(desk):
    p = perimeter(desk, "C7-PSC-B2", "2026-04-08")
    reused = {(d.requirement, d.component) for d in p.requirements if d.decision == "exempt-reuse"}
    assert reused == {
        ("EDC/PSC.103", "C7-CMP-B-LPS"),
        ("EDC/PSC.105", "C7-CMP-B-LPS"),
        ("EDC/PSC.105", "C7-CMP-B-PROXY"),
        ("EDC/PSC.106", "C7-CMP-B-LPS"),
        ("EDC/PSC.106", "C7-CMP-B-PROXY"),
    }
    assert all(d.rules == ("PSC-5", "PSC-2") for d in p.requirements if d.decision == "exempt-reuse")


def test_PSC_5_monobloc_a_modification_of_the_proxy_sends_the_lps_back_too(desk):
    p = perimeter(desk, "C7-PSC-B2", "2026-07-01")
    lps = p.decision("EDC/PSC.105", "C7-CMP-B-LPS")
    assert (lps.decision, lps.reason, lps.rules) == ("deposit", "monobloc-modified", ("PSC-5", "PSC-2"))
    assert lps.message == (
        "As of 2026-07-01, C7-PSC-B2 deposits requirement EDC/PSC.105 for C7-CMP-B-LPS: C7-CMP-B-PROXY was modified "
        "on 2026-04-13 (C7-MOD-B-PROXY), after the proof was validated on 2025-09-24 under NRU C7-PSC-NRU-B; in a "
        "monobloc, a modification of the LPS or of the e-santé Proxy sends both back to the guichet."
    )
    proxy = p.decision("EDC/PSC.105", "C7-CMP-B-PROXY")
    assert (proxy.decision, proxy.reason, proxy.rules) == ("deposit", "component-modified", ("PSC-5", "PSC-2"))


def test_PSC_5_monobloc_cannot_be_split_reusing_its_lps_with_another_proxy(tmp_path):
    desk = added_habilitation(
        tmp_path,
        """  - {id: X-PSC-B3, configuration: monobloc, nru: X-PSC-NRU-B3, date: 2026-04-08, lps: C7-CMP-B-LPS,
     proxy: C7-CMP-C-PROXY, reuses: [C7-PSC-B]}""",
    )
    p = perimeter(desk, "X-PSC-B3", "2026-04-08")
    lps = p.decision("EDC/PSC.103", "C7-CMP-B-LPS")
    assert (lps.decision, lps.reason, lps.rules, lps.via) == ("deposit", "monobloc-split", ("PSC-5",), (NRU["B"],))
    assert "the equivalence of a monobloc habilitation cannot be split" in lps.message
    # the other Proxy is not B's: no reused habilitation holds it
    assert p.decision("EDC/PSC.105", "C7-CMP-C-PROXY").reason == "not-reused"


def test_PSC_5_a_new_monobloc_does_not_take_one_component_from_a_proxy_habilitated_alone(tmp_path):
    desk = added_habilitation(
        tmp_path,
        """  - {id: X-PSC-MONO, configuration: monobloc, nru: X-PSC-NRU-MONO, date: 2026-03-01, lps: C7-CMP-B-LPS,
     proxy: C7-CMP-C-PROXY, reuses: [C7-PSC-C]}""",
    )
    d = perimeter(desk, "X-PSC-MONO", "2026-03-01").decision("EDC/PSC.105", "C7-CMP-C-PROXY")
    assert (d.decision, d.reason, d.rules) == ("deposit", "monobloc-split", ("PSC-5",))


# ---- PSC-6: a Proxy habilitated alone, reused in the solutions of its editor or of its group


def test_PSC_6_proxy_alone_reused_inside_the_group(desk):
    p = perimeter(desk, "C7-PSC-E", "2026-03-01")
    d = p.decision("EDC/PSC.105", "C7-CMP-C-PROXY")
    assert (d.decision, d.reason, d.rules, d.via, d.origin) == (
        "exempt-reuse",
        "reused-in-group",
        ("PSC-6", "PSC-2"),
        (NRU["C"],),
        NRU["C"],
    )
    assert d.message == (
        "As of 2026-03-01, C7-PSC-E does not deposit requirement EDC/PSC.105 again for C7-CMP-C-PROXY: this e-santé "
        "Proxy habilitated alone (C7-PSC-C, NRU C7-PSC-NRU-C) of editor C7-ED-NOVA is reused by C7-ED-ALIZE, of the "
        "same group C7-GRP-NOVA, without full re-habilitation (proof validated on 2025-10-13 under NRU C7-PSC-NRU-C)."
    )
    assert p.summary == {"deposit": 3, "exempt-reuse": 2, "not-applicable": 1}


def test_PSC_6_proxy_alone_reused_outside_the_group_is_deposited(desk):
    p = perimeter(desk, "C7-PSC-F", "2026-03-01")
    d = p.decision("EDC/PSC.106", "C7-CMP-C-PROXY")
    assert (d.decision, d.reason, d.rules, d.via, d.proof_status) == (
        "deposit",
        "proxy-outside-group",
        ("PSC-6",),
        (NRU["C"],),
        "validated",
    )
    assert "C7-ED-ORION, outside its group, does not reuse it without full re-habilitation" in d.message


def test_PSC_6_without_the_group_the_other_editor_deposits_the_proxy_proofs(tmp_path):
    desk = variant(tmp_path, "    name: Alizé Santé\n    group: C7-GRP-NOVA\n", "    name: Alizé Santé\n")
    d = perimeter(desk, "C7-PSC-E", "2026-03-01").decision("EDC/PSC.105", "C7-CMP-C-PROXY")
    assert (d.decision, d.reason) == ("deposit", "proxy-outside-group")


def test_PSC_6_the_proxys_own_editor_reuses_it_without_a_group(tmp_path):
    desk = variant(
        tmp_path, "    name: Nova Santé Logiciels\n    group: C7-GRP-NOVA\n", "    name: Nova Santé Logiciels\n"
    )
    desk = added_habilitation(
        tmp_path,
        """  - {id: X-PSC-C2, configuration: proxy-alone, nru: X-PSC-NRU-C2, date: 2026-03-01, proxy: C7-CMP-C-PROXY,
     serves: [C7-SOL-C2-1.0], commercial_names: [C7-CN-C2], components: [C7-CMP-C2-CORE], reuses: [C7-PSC-C]}""",
    )
    d = perimeter(desk, "X-PSC-C2", "2026-03-01").decision("EDC/PSC.105", "C7-CMP-C-PROXY")
    assert (d.decision, d.reason, d.rules) == ("exempt-reuse", "reused", ("PSC-6", "PSC-2"))


def test_PSC_6_a_modified_proxy_alone_returns_alone(desk):
    p = perimeter(desk, "C7-PSC-E", "2026-07-01")
    d = p.decision("EDC/PSC.105", "C7-CMP-C-PROXY")
    assert (d.decision, d.reason, d.rules) == ("deposit", "component-modified", ("PSC-6", "PSC-2"))
    # 103 concerns the LPS, which a Proxy habilitated alone does not cover
    absent = p.decision("EDC/PSC.103")
    assert (absent.decision, absent.reason, absent.rules, absent.proof_status) == (
        "not-applicable",
        "component-absent",
        ("PSC-6",),
        None,
    )


# ---- PSC-7: an LPS habilitated alone, with a different Proxy


def test_PSC_7_the_new_proxy_provides_only_its_own_proofs(desk):
    p = perimeter(desk, "C7-PSC-D-PROXY", "2026-07-01")
    assert rows(p) == {
        ("EDC/PSC.101", None, "deposit", "psc-perimeter-declaration", ("PSC-1",)),
        ("EDC/PSC.102", None, "deposit", "psc-perimeter-declaration", ("PSC-1",)),
        ("EDC/PSC.103", None, "not-applicable", "component-absent", ("PSC-6",)),
        ("EDC/PSC.104", None, "deposit", "psc-perimeter-declaration", ("PSC-1",)),
        ("EDC/PSC.105", "C7-CMP-D-PROXY", "deposit", "new-proxy", ("PSC-7",)),
        ("EDC/PSC.106", "C7-CMP-D-PROXY", "deposit", "new-proxy", ("PSC-7",)),
    }
    d = p.decision("EDC/PSC.105", "C7-CMP-D-PROXY")
    assert d.via == (NRU["D"],) and d.proof_status == "validated"


LPS_WITH_NEW_PROXY = """  - {id: X-PSC-D2, configuration: separate, nru: X-PSC-NRU-D2, date: 2026-05-04,
     lps: C7-CMP-D-LPS, proxy: C7-CMP-D-PROXY, serves: [C7-SOL-D-2.0], commercial_names: [C7-CN-D],
     components: [C7-CMP-D-CORE], reuses: %s}"""


def test_PSC_7_lps_alone_reused_with_a_different_proxy_and_returns_alone_once_modified(tmp_path):
    desk = added_habilitation(tmp_path, LPS_WITH_NEW_PROXY % "[C7-PSC-D]")
    p = perimeter(desk, "X-PSC-D2", "2026-05-04")
    lps = p.decision("EDC/PSC.103", "C7-CMP-D-LPS")
    assert (lps.decision, lps.reason, lps.rules, lps.origin) == ("exempt-reuse", "reused", ("PSC-7", "PSC-2"), NRU["D"])
    proxy = p.decision("EDC/PSC.105", "C7-CMP-D-PROXY")
    assert (proxy.decision, proxy.reason, proxy.rules) == ("deposit", "new-proxy", ("PSC-7",))
    # the LPS is modified on 05-18: it returns alone, the new Proxy's decision does not change
    later = perimeter(desk, "X-PSC-D2", "2026-05-18")
    assert later.decision("EDC/PSC.103", "C7-CMP-D-LPS").reason == "component-modified"
    assert later.decision("EDC/PSC.103", "C7-CMP-D-LPS").rules == ("PSC-7", "PSC-2")
    assert later.decision("EDC/PSC.105", "C7-CMP-D-PROXY").reason == "new-proxy"


def test_PSC_7_a_new_proxy_habilitated_alone_is_reused_not_deposited(tmp_path):
    desk = added_habilitation(tmp_path, LPS_WITH_NEW_PROXY % "[C7-PSC-D, C7-PSC-D-PROXY]")
    d = perimeter(desk, "X-PSC-D2", "2026-05-04").decision("EDC/PSC.106", "C7-CMP-D-PROXY")
    assert (d.decision, d.reason, d.rules, d.origin) == (
        "exempt-reuse",
        "reused",
        ("PSC-6", "PSC-2"),
        NRU["D-PROXY"],
    )


# ---- the proofs without a component, the JSON contract, resolution


def test_PSC_5_a_proof_without_component_stands_for_each_component_it_concerns(desk):
    # C7-PSC-B's proofs of 105 name no component: B2 reuses them for its LPS and for its Proxy
    p = perimeter(desk, "C7-PSC-B2", "2026-04-08")
    assert p.decision("EDC/PSC.105", "C7-CMP-B-LPS").origin == NRU["B"]
    assert p.decision("EDC/PSC.105", "C7-CMP-B-PROXY").origin == NRU["B"]


def test_PSC_4_guichet_json_contract_has_every_key_and_closed_values(desk):
    data = perimeter(desk, "C7-PSC-A2", "2026-04-16").as_json()
    assert list(data) == ["habilitation", "nru", "configuration", "as_of", "requirements", "summary"]
    assert (data["habilitation"], data["nru"], data["configuration"], data["as_of"]) == (
        "C7-PSC-A2",
        NRU["A2"],
        "separate",
        "2026-04-16",
    )
    assert data["summary"] == {"deposit": 6, "exempt-reuse": 2, "not-applicable": 0}
    keys = ["requirement", "component", "decision", "rules", "reason", "message", "via", "origin", "proof_status"]
    assert all(list(r) == keys for r in data["requirements"])
    assert {r["decision"] for r in data["requirements"]} <= set(DECISIONS)
    assert all(REASONS[r["reason"]] == r["decision"] for r in data["requirements"])
    assert data["requirements"][5] == {
        "requirement": "EDC/PSC.105",
        "component": "C7-CMP-A-PROXY",
        "decision": "exempt-reuse",
        "rules": ["PSC-4", "PSC-2"],
        "reason": "reused",
        "message": (
            "As of 2026-04-16, C7-PSC-A2 does not deposit requirement EDC/PSC.105 again for C7-CMP-A-PROXY: it "
            "reuses the proof validated on 2025-09-10 under NRU C7-PSC-NRU-A, through habilitation C7-PSC-A (NRU "
            "C7-PSC-NRU-A)."
        ),
        "via": [NRU["A"]],
        "origin": NRU["A"],
        "proof_status": None,
    }


def test_PSC_6_guichet_perimeter_takes_a_store_an_identifier_an_nru_or_an_iri(desk):
    store = load(demo=True).store
    by_store = guichet_perimeter(store, "C7-PSC-E", date(2026, 3, 1)).as_json()
    assert guichet_perimeter(desk, NRU["E"], date(2026, 3, 1)).as_json() == by_store
    iri = desk.resolve("C7-PSC-E")
    assert guichet_perimeter(desk, iri, date(2026, 3, 1)).as_json() == by_store
    with pytest.raises(EngineError, match="is not a PSC habilitation"):
        desk.resolve("https://w3id.org/segur-kg/id/candidature/C7-CAND-A")
    with pytest.raises(EngineError, match="unknown identifier 'C7-CAND-A'"):
        desk.resolve("C7-CAND-A")  # the guichet knows only the habilitations' identifiers and NRUs


# ---- the command line


def test_PSC_6_perimeter_cli_json_is_the_guichet_perimeter():
    result = invoke("perimeter", "C7-PSC-E", "--demo", "--as-of", "2026-03-01", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["habilitation"] == "C7-PSC-E" and data["configuration"] == "proxy-alone"
    assert [(r["requirement"], r["reason"]) for r in data["requirements"]] == [
        ("EDC/PSC.101", "psc-perimeter-declaration"),
        ("EDC/PSC.102", "psc-perimeter-declaration"),
        ("EDC/PSC.103", "component-absent"),
        ("EDC/PSC.104", "psc-perimeter-declaration"),
        ("EDC/PSC.105", "reused-in-group"),
        ("EDC/PSC.106", "reused-in-group"),
    ]


def test_PSC_6_perimeter_cli_table_in_french_by_default_and_csv(tmp_path):
    table = invoke("perimeter", "C7-PSC-F", "--demo", "--as-of", "2026-03-01")
    assert table.exit_code == 0, table.stderr
    assert "Habilitation C7-PSC-F (NRU C7-PSC-NRU-F, proxy-alone) au guichet éditeur, au 2026-03-01 : 5 à " in (
        table.stdout
    )
    assert "proxy-outside-group" in table.stdout and "hors de son groupe" in table.stdout
    out = tmp_path / "guichet.csv"
    written = invoke("perimeter", "C7-PSC-F", "--demo", "--as-of", "2026-03-01", "--format", "csv", "-o", out)
    assert written.exit_code == 0, written.stderr
    found = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["requirement"], r["component"], r["decision"], r["rules"]) for r in found][-1] == (
        "EDC/PSC.106",
        "C7-CMP-C-PROXY",
        "deposit",
        "PSC-6",
    )


def test_PSC_1_perimeter_cli_still_answers_for_a_candidature_and_refuses_other_kinds_in_one_line():
    candidature = invoke("perimeter", "C7-CAND-A", "--demo", "--as-of", "2026-07-01", "--format", "json")
    assert candidature.exit_code == 0 and json.loads(candidature.stdout)["candidature"] == "C7-CAND-A"
    wrong = invoke("perimeter", "C7-CMP-A-LPS", "--demo", "--lang", "en")
    assert wrong.exit_code == 2
    assert wrong.stderr == "error: 'C7-CMP-A-LPS' is not a candidature or PSC habilitation\n"
    # an operator habilitation is of the guichet opérateur: no guichet éditeur perimeter
    operator = invoke("perimeter", "C7-OPH-A-LPS", "--demo", "--lang", "en")
    assert operator.exit_code == 2 and operator.stderr == "error: unknown identifier 'C7-OPH-A-LPS'\n"
