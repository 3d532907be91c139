"""A reason for every decision (issue 17): each perimeter decision carries a reason code from the closed
list of segur_kg.engine.reasons, its rules, and a one-line message in French and English with the
actual values; `perimeter ID --why REQUIREMENT` tells the checks that led to it.

The scenarios are small dossiers written to tmp_path (the builders of test_fidelity), each reason
tested where it holds, with its exact message, and beside the case where it does not."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from test_fidelity import AS_OF, drops, engine_of, heritage, root_a, rooted, solution

from helpers.cli import invoke
from helpers.paths import ROOT as PROJECT
from segur_kg.engine import Engine
from segur_kg.engine.reasons import REASONS
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load


@pytest.fixture(autouse=True)
def _french_then_back():
    set_language("fr")
    yield
    set_language("fr")


def decision(engine: Engine, candidature: str, requirement: str, as_of: date = AS_OF):
    return engine.perimeter(engine.resolve(candidature), as_of).decision(requirement)


def messages(d) -> tuple[str, str]:
    set_language("fr")
    french = d.message
    set_language("en")
    english = d.message
    set_language("fr")
    return french, english


def root_and_b(tmp_path, b_dispositif: str = "LGC-MV-VA2", modifications=(), **b_extra) -> Engine:
    return engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE")],
        candidatures=[root_a(), rooted("F-B", "F-SOL-3.0", b_dispositif, "F-NRU-A", **b_extra)],
        modifications=modifications,
    )


# ---- the closed list
def test_the_reason_codes_are_the_ones_docs_perimeter_json_documents():
    text = (PROJECT / "docs" / "perimeter-json.md").read_text(encoding="utf-8")
    section = text.split("## Reason codes", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE)
    assert documented == list(REASONS)


def test_every_demo_decision_carries_a_known_reason_its_decision_and_a_message_in_both_languages():
    engine = Engine.from_store(load([], demo=True).store)
    seen = set()
    for p in engine.perimeters(date(2026, 7, 1)):
        for d in p.requirements:
            reason = REASONS[d.reason]
            assert reason.decision == d.decision, (p.candidature, d.requirement, d.reason)
            french, english = messages(d)
            assert d.requirement in french and d.requirement in english
            assert french != english
            if d.reason != "profile-not-chosen":
                assert d.rules, (p.candidature, d.requirement, d.reason)
            seen.add(d.reason)
    assert {"equivalence", "heritage-assumed", "no-root", "classic-deposit", "not-mapped"} <= seen


# ---- each reason, both ways
def test_ADD_1_reason_component_not_declared_and_declared(tmp_path):
    engine = root_and_b(tmp_path, additional_components=[])
    d = decision(engine, "F-B", "AGD.01")
    assert (d.decision, d.reason, d.rules) == ("not-applicable", "component-not-declared", ("ADD-1",))
    assert messages(d) == (
        "AGD.01 concerne le composant AGENDA, que F-B ne déclare pas au 2026-06-15 (ADD-1)",
        "AGD.01 concerns component AGENDA, which F-B does not declare on 2026-06-15 (ADD-1)",
    )
    assert decision(root_and_b(tmp_path), "F-B", "AGD.01").reason == "equivalence"


def test_profile_not_chosen_reason_names_the_profile_and_a_chosen_one_applies(tmp_path):
    engine = root_and_b(tmp_path, profiles=["GEN"])
    d = decision(engine, "F-B", "SSI/IE.01")
    assert (d.decision, d.reason, d.rules) == ("not-applicable", "profile-not-chosen", ())
    assert messages(d)[1] == "SSI/IE.01 concerns profile IE-USAGERS, which F-B has not chosen on 2026-06-15"
    assert decision(root_and_b(tmp_path), "F-B", "SSI/IE.01").decision == "exempt-equivalence"


def test_ROOT_6_reason_equivalence_names_the_root_requirement_origin_and_chain(tmp_path):
    d = decision(root_and_b(tmp_path), "F-B", "DMP/UX.12")
    assert (d.decision, d.reason, d.rules, d.origin) == ("exempt-equivalence", "equivalence", ("ROOT-6",), "F-NRU-A")
    assert messages(d)[1] == (
        "DMP/UX.12 is exempt by equivalence: root F-NRU-A covers it with DMP/UX.12, "
        "a proof validated for referencing F-NRU-A (chain: F-NRU-A)"
    )


def test_ROOT_6_reason_root_not_validated_by_its_referencing_date(tmp_path):
    d = decision(root_and_b(tmp_path), "F-B", "DMP/UX.15")  # validated on 2026-03-10, referenced on 2026-03-02
    assert (d.decision, d.reason, d.rules) == ("deposit", "root-not-validated", ("ROOT-6",))
    assert messages(d) == (
        "La racine F-NRU-A n'avait pas de preuve validée de DMP/UX.15 à son référencement du 2026-03-02 : "
        "DMP/UX.15 est à déposer",
        "Root F-NRU-A had no validated proof of DMP/UX.15 when it was referenced on 2026-03-02: "
        "DMP/UX.15 is to deposit",
    )


def test_ROOT_6_reason_outside_root_perimeter_when_the_root_dropped_the_profile_before_its_referencing(tmp_path):
    before = decision(root_and_b(tmp_path, modifications=drops("2026-02-25")), "F-B", "SSI/IE.01")
    assert (before.decision, before.reason) == ("deposit", "outside-root-perimeter")
    assert messages(before)[1] == (
        "SSI/IE.01 was outside the perimeter of root F-NRU-A when it was referenced on 2026-03-02: "
        "SSI/IE.01 is to deposit"
    )
    after = decision(root_and_b(tmp_path, modifications=drops("2026-03-20")), "F-B", "SSI/IE.01")
    assert after.reason == "equivalence"


def test_ADD_1_reason_root_lacks_component_and_the_root_that_has_it(tmp_path):
    sol = solution("F-SOL", "F-ED", "F-CORE")
    sol["components"].append({"id": "F-SOL-FACT", "kind": "additional", "type": "FACTURATION"})
    sol["versions"][1]["additional_components"].append("F-SOL-FACT")  # 3.0 has it, the root's 2.0 not
    engine = engine_of(
        tmp_path,
        solutions=[sol],
        candidatures=[root_a(), rooted("F-B", "F-SOL-3.0", "LGC-MV-VA2", "F-NRU-A")],
    )
    d = decision(engine, "F-B", "FACT.01")
    assert (d.decision, d.reason, d.rules) == ("deposit", "root-lacks-component", ("ADD-1",))
    assert messages(d)[1] == "The version of root F-NRU-A has no FACTURATION component: F-B deposits FACT.01 (ADD-1)"
    assert decision(engine, "F-B", "AGD.01").reason == "equivalence"


def test_COU_2_reason_not_mapped_by_the_couloirs_list_and_a_mapped_one(tmp_path):
    engine = root_and_b(tmp_path, "LGC-SF-VA2")
    d = decision(engine, "F-B", "SFP.01")
    assert (d.decision, d.reason, d.rules) == ("deposit", "not-mapped", ("COU-2",))
    assert messages(d)[1] == "The equivalence list of couloir SF maps SFP.01 to no requirement of root F-NRU-A (COU-2)"
    assert decision(engine, "F-B", "DMP/UX.12").rules == ("COU-2", "TRANS-1")


def test_ROOT_1_reason_no_root_and_root_unknown(tmp_path):
    plain = rooted("F-B", "F-SOL-3.0", "LGC-MV-VA2", "F-NRU-A")
    del plain["root"], plain["root_recorded"], plain["attestation"]
    engine = engine_of(tmp_path, solutions=[solution("F-SOL", "F-ED", "F-CORE")], candidatures=[root_a(), plain])
    d = decision(engine, "F-B", "DMP/UX.12")
    assert (d.decision, d.reason, d.rules) == ("deposit", "no-root", ("ROOT-1",))
    assert messages(d)[0] == "F-B ne déclare aucune solution racine au 2026-06-15 : DMP/UX.12 est à déposer"
    # A root NRU the graph does not know (a Turtle input may say anything): refused as unknown.
    b = engine.f.candidatures[engine.resolve("F-B")]
    facts = engine.f
    facts.candidatures[b.iri] = replace(b, root="https://w3id.org/segur-kg/id/referencing/F-NRU-X")
    unknown = Engine(facts).perimeter(b.iri, AS_OF).decision("DMP/UX.12")
    assert (unknown.reason, unknown.rules) == ("root-unknown", ("ROOT-1",))
    assert "F-NRU-X" in messages(unknown)[1]


def test_ASC_1_reason_root_refused_names_the_refusing_rule(tmp_path):
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE", versions=("2.0", "3.0", "1.0"))],
        candidatures=[root_a(), rooted("F-B", "F-SOL-1.0", "LGC-MV-VA2", "F-NRU-A")],
    )
    d = decision(engine, "F-B", "DMP/UX.12")
    assert (d.decision, d.reason, d.rules) == ("deposit", "root-refused", ("ASC-1",))
    assert messages(d)[1] == "Root F-NRU-A is refused for F-B on 2026-06-15 (ASC-1): DMP/UX.12 is to deposit"


def test_ROOT_2_reasons_root_pending_common_and_not_common(tmp_path):
    engine = root_and_b(tmp_path, "LGC-SF-VA2", recorded="2026-02-20")
    before = date(2026, 3, 1)  # B recorded A's NRU on 2026-02-20; A is referenced on 2026-03-02
    common = decision(engine, "F-B", "DMP/UX.12", before)
    other = decision(engine, "F-B", "SFP.01", before)
    assert (common.reason, common.rules) == ("root-pending", ("ROOT-2", "ROOT-6"))
    assert (other.reason, other.rules) == ("root-pending-not-common", ("ROOT-6",))
    assert messages(other)[1] == (
        "SFP.01 is not common to root F-NRU-A, not referenced yet on 2026-03-01: F-B may deposit it without waiting"
    )


def test_ROOT_6_reason_root_proofs_unknown_for_a_root_obtained_outside_the_import(tmp_path):
    external = {
        "nru": "F-NRU-EXT",
        "wave": 2,
        "dispositif": "LGC-MV-VA2",
        "solution_version": "F-SOL-2.0",
        "profiles": ["GEN"],
        "date": "2026-03-02",
    }
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE")],
        candidatures=[rooted("F-B", "F-SOL-3.0", "LGC-MV-VA2", "F-NRU-EXT")],
        referencings=[external],
    )
    d = decision(engine, "F-B", "DMP/UX.12")
    assert (d.decision, d.reason, d.rules) == ("deposit", "root-proofs-unknown", ("ROOT-6",))


def test_TRANS_2_reason_upstream_withdrawn_and_the_chain_before_the_withdrawal(tmp_path):
    a = root_a(referencing={"nru": "F-NRU-A", "date": "2026-03-02", "withdrawn": "2026-06-01"})
    b = rooted(
        "F-B",
        "F-SOL-3.0",
        "LGC-MV-VA2",
        "F-NRU-A",
        status="referenced",
        referencing={"nru": "F-NRU-B", "date": "2026-04-01"},
    )
    b["dates"]["decision"] = "2026-04-01"
    c = rooted("F-C", "F-SOL-4.0", "LGC-MV-VA2", "F-NRU-B", recorded="2026-05-10")
    engine = engine_of(
        tmp_path,
        solutions=[solution("F-SOL", "F-ED", "F-CORE", versions=("2.0", "3.0", "4.0"))],
        candidatures=[a, b, c],
    )
    d = decision(engine, "F-C", "DMP/UX.12")
    assert (d.decision, d.reason, d.rules) == ("deposit", "upstream-withdrawn", ("ROOT-1", "TRANS-2"))
    assert messages(d)[1] == (
        "Referencing F-NRU-A, upstream of root F-NRU-B, is withdrawn on 2026-06-15: DMP/UX.12 is to deposit"
    )
    assert decision(engine, "F-C", "DMP/UX.12", date(2026, 5, 20)).reason == "equivalence"


def test_ROOT_4_reason_classic_deposit(tmp_path):
    d = decision(root_and_b(tmp_path, classic_deposit=True), "F-B", "DMP/UX.12")
    assert (d.decision, d.reason, d.rules) == ("deposit", "classic-deposit", ("ROOT-4",))
    assert messages(d)[0] == "F-B a choisi le dépôt classique : DMP/UX.12 est examinée (ROOT-4)"


# ---- heritage: assumed, listed, not listed, another editor, not in the périmètre Vague 1, uncovered profile
def heritage_world(tmp_path, va1_editor: str = "F-ED") -> Engine:
    """F-H on LGC-MV-VA2 with the vague 1 NRU F-VA1 (GEN), of its own solution or another editor's."""
    return heritage(tmp_path, va1_editor, "F-SOL" if va1_editor == "F-ED" else "F-OTHER")


def listing(engine: Engine, *requirements: str) -> Engine:
    """The same facts, with the vague 1 referencing listing the requirements it validated."""
    facts = engine.f
    iri = engine.resolve("F-VA1", ("nru",))
    rem = facts.dispositifs[facts.candidatures[engine.resolve("F-H")].dispositif].rem
    by_ident = {r.ident: r.iri for r in facts.by_rem[rem]}
    facts.referencings[iri] = replace(facts.referencings[iri], validated=frozenset(by_ident[r] for r in requirements))
    return Engine(facts)


def test_HER_3_reason_heritage_assumed_when_the_vague1_referencing_lists_nothing(tmp_path):
    d = decision(heritage_world(tmp_path), "F-H", "ANN/va1.01")
    assert (d.decision, d.reason, d.rules, d.via) == (
        "exempt-heritage",
        "heritage-assumed",
        ("HER-2", "HER-3"),
        ("F-VA1",),
    )
    assert messages(d)[1] == (
        "ANN/va1.01 is in the périmètre Vague 1 and F-VA1 covers profile GEN; that referencing lists no validated "
        "requirements, so it is assumed validated in vague 1 (HER-3)"
    )


def test_HER_3_reason_heritage_validated_covers_exactly_what_the_vague1_referencing_lists(tmp_path):
    engine = listing(heritage_world(tmp_path), "ANN/va1.01")
    listed = decision(engine, "F-H", "ANN/va1.01")
    assert (listed.decision, listed.reason) == ("exempt-heritage", "heritage-validated")
    assert messages(listed)[0] == (
        "Le référencement vague 1 F-VA1 a validé ANN/va1.01 : F-H ne la redépose pas (HER-3)"
    )
    unlisted = decision(engine, "F-H", "ANN/va1.02")
    assert (unlisted.decision, unlisted.reason, unlisted.rules) == ("deposit", "vague1-not-validated", ("HER-3",))
    assert messages(unlisted)[1] == (
        "F-VA1 lists the requirements validated in vague 1, and ANN/va1.02 is not one: it is to deposit"
    )


def test_HER_3_an_empty_validated_list_exempts_nothing(tmp_path):
    p = listing(heritage_world(tmp_path)).perimeter(heritage_world(tmp_path).resolve("F-H"), AS_OF)
    assert p.summary["exempt-heritage"] == 0
    assert {d.reason for d in p.requirements if d.decision == "deposit"} == {
        "vague1-not-validated",
        "not-in-vague1-perimeter",
    }


def test_HER_3_reason_vague1_other_editor_and_not_in_vague1_perimeter(tmp_path):
    d = decision(heritage_world(tmp_path, "F-ED2"), "F-H", "ANN/va1.01")
    assert (d.decision, d.reason, d.rules) == ("deposit", "vague1-other-editor", ("HER-3",))
    assert messages(d)[1] == "Vague 1 NRU F-VA1 was obtained by another editor: F-H does not inherit ANN/va1.01 (HER-3)"
    outside = decision(heritage_world(tmp_path), "F-H", "DMP/UX.12")
    assert (outside.reason, outside.rules) == ("not-in-vague1-perimeter", ("HER-3",))


def test_HER_4_MS_1_reason_no_vague1_for_profile_on_the_demo_mediosocial_case():
    engine = Engine.from_store(load([], demo=True).store)
    d = decision(engine, "C1-CAND", "DUI/va1.04", date(2026, 7, 1))
    assert (d.decision, d.reason, d.rules) == ("deposit", "no-vague1-for-profile", ("HER-4", "MS-1"))
    assert d.profile in messages(d)[0] and "C1-NRU-VA1-MS1" in messages(d)[0]


# ---- perimeter --why
def test_ROOT_6_why_tells_each_check_in_french_and_english(tmp_path):
    path = tmp_path / "f.yaml"
    root_and_b(tmp_path, modifications=drops("2026-02-25"))
    args = ["perimeter", "F-B", str(path), "--as-of", "2026-06-15", "--why", "SSI/IE.01"]
    fr = invoke(*args)
    en = invoke(*args, "--lang", "en")
    assert fr.exit_code == en.exit_code == 0, fr.stderr + en.stderr
    lines = en.stdout.splitlines()
    assert lines[0] == "Why this decision on SSI/IE.01 for F-B on 2026-06-15:"
    assert lines[1:] == [
        " 1. · On 2026-06-15, F-B has profiles GEN, IE-USAGERS, additional components AGENDA, root F-NRU-A (MOD-1)",
        " 2. ✓ Root F-NRU-A is a vague 2 referencing (HER-1)",
        " 3. ✓ Couloirs MV and MV (root F-NRU-A): not imaging (COU-1)",
        " 4. ✓ Root NRU F-NRU-A was recorded on 2026-04-01; LGC-MV-VA2's Date 2 is 2026-06-30 (ROOT-3)",
        " 5. ✓ F-B gave the complete attestation sur l'honneur on 2026-04-01 (ROOT-5)",
        " 6. ✓ Same main component as root F-NRU-A: F-CORE (ROOT-5)",
        " 7. ✓ Version 3.0, equal to or greater than root F-NRU-A's version 2.0 (ASC-1)",
        " 8. ✓ Root F-NRU-A is not withdrawn (ROOT-1)",
        " 9. ✓ Root F-NRU-A is referenced since 2026-03-02 (ROOT-1)",
        "10. ✓ SSI/IE.01 concerns profile IE-USAGERS: it applies (profiles: GEN, IE-USAGERS)",
        "11. ✓ Requirements of root F-NRU-A that stand for SSI/IE.01: SSI/IE.01 (ROOT-6, COU-2, couloir MV)",
        "12. ✗ SSI/IE.01 was outside root F-NRU-A's perimeter on 2026-03-02 (ROOT-6)",
        "Decision: deposit [ROOT-6]: SSI/IE.01 was outside the perimeter of root F-NRU-A when it was referenced on "
        "2026-03-02: SSI/IE.01 is to deposit",
    ]
    assert (
        fr.stdout.splitlines()[12]
        == "12. ✗ SSI/IE.01 était hors du périmètre de la racine F-NRU-A au 2026-03-02 (ROOT-6)"
    )
    assert fr.stdout.splitlines()[-1].startswith("Décision : à déposer [ROOT-6] : SSI/IE.01 était hors du périmètre")


def test_HER_3_why_as_json_gives_the_steps_and_the_decision(tmp_path):
    heritage_world(tmp_path, "F-ED2")
    result = invoke(
        "perimeter",
        "F-H",
        str(tmp_path / "f.yaml"),
        "--as-of",
        "2026-06-15",
        "--why",
        "ANN/va1.01",
        "--format",
        "json",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"candidature", "as_of", "requirement", "decision", "steps"}
    assert data["decision"]["reason"] == "vague1-other-editor" and data["decision"]["rules"] == ["HER-3"]
    editor_step = data["steps"][1]
    assert editor_step == {
        "rules": ["HER-3"],
        "check": "va1-editor",
        "passed": False,
        "message": "F-VA1 was obtained by F-OTHER of editor F-ED2, not by F-SOL of F-ED (HER-3)",
    }


def test_why_on_a_requirement_outside_the_rem_is_one_line_and_exit_2(tmp_path):
    root_and_b(tmp_path)
    result = invoke("perimeter", "F-B", str(tmp_path / "f.yaml"), "--why", "NOPE.01", "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].endswith("'NOPE.01' is not a requirement of F-B's REM-LGC-MV-VA2")


def test_perimeter_csv_and_json_carry_reason_and_message(tmp_path):
    root_and_b(tmp_path)
    data = json.loads(
        invoke("perimeter", "F-B", str(tmp_path / "f.yaml"), "--as-of", "2026-06-15", "--format", "json").stdout
    )
    assert all(r["reason"] in REASONS and r["message"] for r in data["requirements"])
    csv_text = invoke("perimeter", "F-B", str(tmp_path / "f.yaml"), "--as-of", "2026-06-15", "--format", "csv").stdout
    header = csv_text.splitlines()[0].split(",")
    assert header[-2:] == ["reason", "message"]


def test_HER_3_validated_requirements_in_the_dossier_decide_heritage_exactly(tmp_path):
    """The dossier field itself (referencings[].validated_requirements), through the CLI's JSON."""
    engine_dir = tmp_path / "listed"
    engine_dir.mkdir()
    heritage_world(engine_dir)
    dossier = json.loads((engine_dir / "f.yaml").read_text(encoding="utf-8"))
    dossier["referencings"][0]["validated_requirements"] = ["ANN/va1.01", "INS/va1.01"]
    (engine_dir / "f.yaml").write_text(json.dumps(dossier, ensure_ascii=False), encoding="utf-8")
    result = invoke("perimeter", "F-H", str(engine_dir / "f.yaml"), "--as-of", "2026-06-15", "--format", "json")
    assert result.exit_code == 0, result.stderr
    by_requirement = {r["requirement"]: r for r in json.loads(result.stdout)["requirements"]}
    exempt = {k for k, r in by_requirement.items() if r["decision"] == "exempt-heritage"}
    assert exempt == {"ANN/va1.01", "INS/va1.01"}
    assert {by_requirement[k]["reason"] for k in exempt} == {"heritage-validated"}
    assert by_requirement["ANN/va1.02"]["reason"] == "vague1-not-validated"
    # Without the list, every périmètre Vague 1 requirement of the covered profile is assumed validated.
    del dossier["referencings"][0]["validated_requirements"]
    (engine_dir / "f.yaml").write_text(json.dumps(dossier, ensure_ascii=False), encoding="utf-8")
    result = invoke("perimeter", "F-H", str(engine_dir / "f.yaml"), "--as-of", "2026-06-15", "--format", "json")
    assumed = [r for r in json.loads(result.stdout)["requirements"] if r["decision"] == "exempt-heritage"]
    assert len(assumed) > 2 and {r["reason"] for r in assumed} == {"heritage-assumed"}
