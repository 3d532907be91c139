"""Root solution, chains and milestones (shapes/roots-dates.ttl): ROOT-1..5, TRANS-2, DATE-1..3.

In the world, W-B (on LGC-SF-VA2: Date 1 2026-03-31, Date 2 2026-09-30) names W-A's NRU W-NRU-A
(obtained 2026-03-02) as root on 2026-04-01, with a full attestation."""

from helpers.shapes import ATTESTATION_B, findings, shapes_hit

PROOF_A = "<https://w3id.org/segur-kg/id/candidature/W-A/proof/1>"
SET_ROOT_B = """
    mod:W-MOD-ROOT a sgr:Modification ; dcterms:identifier "W-MOD-ROOT" ; sgr:modificationKind sgr:SetRootNRU ;
        sgr:modificationDate "{date}"^^xsd:date ; sgr:modifies cand:W-B ; sgr:ofCandidature cand:W-B ;
        sgr:newRootReferencing ref:W-NRU-A ; sgr:reopensStep sgr:Eligibilite .
"""
ROOT_RECORDED_B = "cand:W-B sgr:rootReferencing ?r ; sgr:rootRecordedDate ?d ."
# W-B referenced too (NRU W-NRU-B), so that others may name it as root.
B_REFERENCED = """
    ref:W-NRU-B a sgr:Referencing ; dcterms:identifier "W-NRU-B" ; sgr:nru "W-NRU-B" ; sgr:ofCandidature cand:W-B ;
        sgr:wave sgr:Vague2 ; sgr:dispositif disp:LGC-SF-VA2 ; sgr:solutionVersion ver:W-SOL-2.10 ;
        sgr:referencingDate "2026-03-20"^^xsd:date .
"""


# ---- ROOT-1
def test_ROOT_1_root_without_referencing_date_is_a_violation():
    assert findings(remove="ref:W-NRU-A sgr:referencingDate ?d .") == {("ROOT-1", "W-B", "Violation")}


def test_ROOT_1_root_recorded_before_it_was_obtained_is_a_violation():
    got = findings(
        remove="ref:W-NRU-A sgr:referencingDate ?d .", add='ref:W-NRU-A sgr:referencingDate "2026-04-15"^^xsd:date .'
    )
    assert got == {("ROOT-1", "W-B", "Violation")}


def test_ROOT_1_root_recorded_by_a_set_root_modification_before_it_was_obtained_is_a_violation():
    got = findings(remove=ROOT_RECORDED_B, add=SET_ROOT_B.format(date="2026-02-20"))
    assert got == {("ROOT-1", "W-B", "Violation")}


def test_ROOT_1_root_withdrawn_before_it_was_recorded_is_a_violation():
    assert findings(add='ref:W-NRU-A sgr:withdrawalDate "2026-03-20"^^xsd:date .') == {("ROOT-1", "W-B", "Violation")}


def test_ROOT_1_root_recorded_the_day_it_is_obtained_conforms():
    got = findings(
        remove="cand:W-B sgr:rootRecordedDate ?d .", add='cand:W-B sgr:rootRecordedDate "2026-03-02"^^xsd:date .'
    )
    assert got == set()


# ---- ROOT-2
def test_ROOT_2_intended_root_referenced_but_nru_not_recorded_is_a_warning():
    assert findings(remove=ROOT_RECORDED_B) == {("ROOT-2", "W-B", "Warning")}


def test_ROOT_2_intended_root_not_yet_referenced_conforms():
    # W-A not referenced yet: no NRU to record, nothing to report.
    got = findings(
        remove=ROOT_RECORDED_B + " ref:W-NRU-A ?p ?o . cand:W-A sgr:candidatureStatus ?s .",
        add="cand:W-A sgr:candidatureStatus sgr:Eligible .",
    )
    assert got == set()


# ---- ROOT-3
def test_ROOT_3_root_recorded_after_date2_is_a_violation():
    got = findings(
        remove="cand:W-B sgr:rootRecordedDate ?d .", add='cand:W-B sgr:rootRecordedDate "2026-10-01"^^xsd:date .'
    )
    assert got == {("ROOT-3", "W-B", "Violation")}


def test_ROOT_3_root_recorded_by_a_set_root_modification_after_date2_is_a_violation():
    got = findings(remove=ROOT_RECORDED_B, add=SET_ROOT_B.format(date="2026-10-02"))
    assert got == {("ROOT-3", "W-B", "Violation")}


def test_ROOT_3_root_recorded_on_date2_itself_conforms():
    got = findings(
        remove="cand:W-B sgr:rootRecordedDate ?d .", add='cand:W-B sgr:rootRecordedDate "2026-09-30"^^xsd:date .'
    )
    assert got == set()


def test_ROOT_3_root_recorded_after_date2_in_classic_deposit_is_only_an_information():
    got = findings(
        remove="cand:W-B sgr:rootRecordedDate ?d . cand:W-B sgr:classicDeposit ?c .",
        add='cand:W-B sgr:rootRecordedDate "2026-10-01"^^xsd:date ; sgr:classicDeposit true .',
    )
    assert got == {("ROOT-4", "W-B", "Info")}


def test_ROOT_3_root_without_recording_date_is_a_warning():
    assert shapes_hit(remove="cand:W-B sgr:rootRecordedDate ?d .") == {("ROOT-3-UNRECORDED", "W-B", "Warning")}


def test_ROOT_3_root_dated_by_its_set_root_modification_needs_no_recording_date():
    got = findings(remove="cand:W-B sgr:rootRecordedDate ?d .", add=SET_ROOT_B.format(date="2026-04-01"))
    assert got == set()


# ---- ROOT-4
def test_ROOT_4_classic_deposit_with_a_root_is_an_information():
    got = findings(remove="cand:W-B sgr:classicDeposit ?c .", add="cand:W-B sgr:classicDeposit true .")
    assert got == {("ROOT-4", "W-B", "Info")}


# ---- ROOT-5
def test_ROOT_5_root_without_attestation_is_a_violation():
    assert findings(remove="cand:W-B sgr:attestation ?a .") == {("ROOT-5", "W-B", "Violation")}


def test_ROOT_5_attestation_without_identical_main_component_statement_is_a_violation():
    got = findings(
        remove=f"<{ATTESTATION_B}> sgr:attestsMainComponentIdentical ?x .",
        add=f"<{ATTESTATION_B}> sgr:attestsMainComponentIdentical false .",
    )
    assert got == {("ROOT-5", "W-B", "Violation")}


def test_ROOT_5_attestation_missing_two_statements_is_one_violation_per_statement():
    from helpers.shapes import report

    r = report(
        remove=f"<{ATTESTATION_B}> sgr:attestsSingleSolution ?x . "
        f"<{ATTESTATION_B}> sgr:attestsAscendingCompatibility ?y ."
    )
    assert {(f.key, f.focus_id, f.severity) for f in r.findings} == {("ROOT-5", "W-B", "Violation")}
    assert len(r.findings) == 2


def test_ROOT_5_main_component_other_than_the_roots_is_a_violation():
    # « une Solution logicielle B dont le composant principal est identique »: where the graph says
    # the main components differ, the root is refused whatever the attestation states.
    got = shapes_hit(
        remove="ver:W-SOL-2.10 sgr:mainComponent ?c .",
        add="""
        cmp:W-CORE2 a sgr:MainComponent , sgr:Component ; dcterms:identifier "W-CORE2" .
        ver:W-SOL-2.10 sgr:mainComponent cmp:W-CORE2 .""",
    )
    assert got == {("ROOT-5-MAIN-COMPONENT", "W-B", "Violation")}


def test_ROOT_5_full_attestation_and_identical_main_component_conform():
    assert findings() == set()


# ---- TRANS-2
def test_TRANS_2_candidature_naming_its_own_nru_as_root_is_a_violation():
    got = findings(
        remove="cand:W-B sgr:rootReferencing ?r .", add=B_REFERENCED + "cand:W-B sgr:rootReferencing ref:W-NRU-B ."
    )
    assert got == {("TRANS-2", "W-B", "Violation")}


def test_TRANS_2_two_candidatures_naming_each_other_are_violations():
    # W-A (2.9) naming W-B (2.10) as root is also below its root's version: ASC-1.
    got = findings(
        add=B_REFERENCED
        + """
        cand:W-A sgr:rootReferencing ref:W-NRU-B ; sgr:rootRecordedDate "2026-03-25"^^xsd:date ;
            sgr:attestation <https://w3id.org/segur-kg/id/candidature/W-A/attestation> .
        <https://w3id.org/segur-kg/id/candidature/W-A/attestation> a sgr:Attestation ;
            sgr:attestationDate "2026-03-25"^^xsd:date ; sgr:attestsMainComponentIdentical true ;
            sgr:attestsSingleSolution true ; sgr:attestsAscendingCompatibility true ."""
    )
    assert got == {("TRANS-2", "W-A", "Violation"), ("TRANS-2", "W-B", "Violation"), ("ASC-1", "W-A", "Violation")}


def test_TRANS_2_a_cycle_closed_by_a_set_root_modification_is_a_violation():
    # W-B names W-A's NRU; a modification gives W-A the root W-NRU-B. W-A (2.9) is then also below
    # its root's version (ASC-1) and has no attestation (ROOT-5).
    got = findings(
        add=B_REFERENCED
        + """
        mod:W-MOD-A-ROOT a sgr:Modification ; dcterms:identifier "W-MOD-A-ROOT" ; sgr:modificationKind sgr:SetRootNRU ;
            sgr:modificationDate "2026-03-25"^^xsd:date ; sgr:modifies cand:W-A ; sgr:ofCandidature cand:W-A ;
            sgr:newRootReferencing ref:W-NRU-B ; sgr:reopensStep sgr:Eligibilite ."""
    )
    assert got == {
        ("TRANS-2", "W-A", "Violation"),
        ("TRANS-2", "W-B", "Violation"),
        ("ASC-1", "W-A", "Violation"),
        ("ROOT-5", "W-A", "Violation"),
    }


def test_TRANS_2_chain_of_roots_without_cycle_conforms():
    # W-C names W-B as root, whose root is W-A: C -> B -> A.
    got = findings(
        add=B_REFERENCED
        + """
        cand:W-C a sgr:Candidature ; dcterms:identifier "W-C" ; sgr:dispositif disp:DPI-HOP-VA2 ;
            sgr:solutionVersion ver:W-SOL-2.10 ; sgr:chosenProfile pdpi:GEN ; sgr:candidatureStatus sgr:Eligible ;
            sgr:adminDepositDate "2026-04-01"^^xsd:date ; sgr:eligibilityDate "2026-04-20"^^xsd:date ;
            sgr:rootReferencing ref:W-NRU-B ; sgr:rootRecordedDate "2026-07-01"^^xsd:date ;
            sgr:attestation <https://w3id.org/segur-kg/id/candidature/W-C/attestation> .
        <https://w3id.org/segur-kg/id/candidature/W-C/attestation> a sgr:Attestation ;
            sgr:attestationDate "2026-07-01"^^xsd:date ; sgr:attestsMainComponentIdentical true ;
            sgr:attestsSingleSolution true ; sgr:attestsAscendingCompatibility true ."""
    )
    assert got == set()


# ---- DATE-1
def test_DATE_1_administrative_dossier_deposited_after_date1_is_a_violation():
    got = findings(
        remove="cand:W-B sgr:adminDepositDate ?d .", add='cand:W-B sgr:adminDepositDate "2026-04-02"^^xsd:date .'
    )
    assert got == {("DATE-1", "W-B", "Violation")}


def test_DATE_1_administrative_dossier_deposited_on_date1_conforms():
    got = findings(
        remove="cand:W-B sgr:adminDepositDate ?d .", add='cand:W-B sgr:adminDepositDate "2026-03-31"^^xsd:date .'
    )
    assert got == set()


def test_DATE_1_referenced_candidature_without_administrative_deposit_date_is_a_warning():
    assert shapes_hit(remove="cand:W-A sgr:adminDepositDate ?d .") == {("DATE-1-UNRECORDED", "W-A", "Warning")}


def test_DATE_1_draft_without_administrative_deposit_date_conforms():
    got = findings(
        remove="cand:W-B sgr:adminDepositDate ?d . cand:W-B sgr:candidatureStatus ?s . "
        "cand:W-B sgr:eligibilityDate ?e .",
        add="cand:W-B sgr:candidatureStatus sgr:Draft .",
    )
    assert got == set()


# ---- DATE-2
def test_DATE_2_proof_deposited_before_eligibility_is_a_violation():
    got = findings(remove=f"{PROOF_A} sgr:depositDate ?d .", add=f'{PROOF_A} sgr:depositDate "2026-01-15"^^xsd:date .')
    assert got == {("DATE-2", "W-A/proof/1", "Violation")}


def test_DATE_2_proof_of_a_candidature_never_declared_eligible_is_a_violation():
    got = findings(
        remove="cand:W-A sgr:eligibilityDate ?e . cand:W-A sgr:candidatureStatus ?s .",
        add="cand:W-A sgr:candidatureStatus sgr:Submitted .",
    )
    assert got == {("DATE-2", "W-A/proof/1", "Violation")}


def test_DATE_2_proof_deposited_on_the_eligibility_day_conforms():
    got = findings(remove=f"{PROOF_A} sgr:depositDate ?d .", add=f'{PROOF_A} sgr:depositDate "2026-01-20"^^xsd:date .')
    assert got == set()


def test_DATE_2_referenced_candidature_without_eligibility_date_is_not_reported():
    assert findings(remove="cand:W-A sgr:eligibilityDate ?e .") == set()


# ---- DATE-3
def test_DATE_3_optional_profile_added_after_date2_is_a_violation():
    got = findings(
        remove="mod:W-MOD-B sgr:modificationDate ?d .", add='mod:W-MOD-B sgr:modificationDate "2026-10-01"^^xsd:date .'
    )
    assert got == {("DATE-3", "W-MOD-B", "Violation")}


def test_DATE_3_optional_profile_added_before_date2_conforms():
    assert findings() == set()


def test_DATE_3_mandatory_profile_added_after_date2_is_not_a_DATE_3_violation():
    got = findings(
        remove="mod:W-MOD-B sgr:modificationDate ?d . mod:W-MOD-B sgr:addedProfile ?p .",
        add='mod:W-MOD-B sgr:modificationDate "2026-10-01"^^xsd:date ; sgr:addedProfile plgc:GEN .',
    )
    assert got == set()


# ---- TRANS-1 (a permission: nothing to report)
def test_TRANS_1_one_root_nru_serving_candidatures_on_several_dispositifs_conforms():
    got = findings(
        add="""
        cand:W-D a sgr:Candidature ; dcterms:identifier "W-D" ; sgr:dispositif disp:DPI-HOP-VA2 ;
            sgr:solutionVersion ver:W-SOL-2.10 ; sgr:chosenProfile pdpi:GEN ; sgr:candidatureStatus sgr:Eligible ;
            sgr:adminDepositDate "2026-04-01"^^xsd:date ; sgr:eligibilityDate "2026-04-20"^^xsd:date ;
            sgr:rootReferencing ref:W-NRU-A ; sgr:rootRecordedDate "2026-05-01"^^xsd:date ;
            sgr:attestation <https://w3id.org/segur-kg/id/candidature/W-D/attestation> .
        <https://w3id.org/segur-kg/id/candidature/W-D/attestation> a sgr:Attestation ;
            sgr:attestationDate "2026-05-01"^^xsd:date ; sgr:attestsMainComponentIdentical true ;
            sgr:attestsSingleSolution true ; sgr:attestsAscendingCompatibility true ."""
    )
    assert got == set()
