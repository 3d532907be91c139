"""Scope of equivalence and heritage (shapes/heritage.ttl): HER-1, HER-2, HER-3, COU-1."""

from helpers.shapes import findings, report, shapes_hit

# A RIS candidature on the imaging dispositif (Date 1 2026-02-15, Date 2 2026-07-15), complete
# except for what each test adds.
RIS_CANDIDATURE = """
    cand:W-R a sgr:Candidature ; dcterms:identifier "W-R" ; sgr:dispositif disp:RIS-IMG-VA2 ;
        sgr:solutionVersion ver:W-SOL-2.10 ; sgr:chosenProfile pris:GEN ;
        sgr:adminDepositDate "2026-02-01"^^xsd:date ; sgr:eligibilityDate "2026-02-10"^^xsd:date .
"""
ELIGIBLE = "cand:W-R sgr:candidatureStatus sgr:Eligible ."
ROOT_OF_R = """
    cand:W-R sgr:rootReferencing ref:W-NRU-A ; sgr:rootRecordedDate "2026-04-01"^^xsd:date ;
        sgr:attestation <https://w3id.org/segur-kg/id/candidature/W-R/attestation> .
    <https://w3id.org/segur-kg/id/candidature/W-R/attestation> a sgr:Attestation ;
        sgr:attestationDate "2026-04-01"^^xsd:date ; sgr:attestsMainComponentIdentical true ;
        sgr:attestsSingleSolution true ; sgr:attestsAscendingCompatibility true .
"""
RIS_REFERENCED = """
    cand:W-R sgr:candidatureStatus sgr:Referenced .
    ref:W-NRU-R a sgr:Referencing ; dcterms:identifier "W-NRU-R" ; sgr:nru "W-NRU-R" ; sgr:ofCandidature cand:W-R ;
        sgr:wave sgr:Vague2 ; sgr:dispositif disp:RIS-IMG-VA2 ; sgr:solutionVersion ver:W-SOL-2.9 ;
        sgr:referencingDate "2026-03-01"^^xsd:date .
"""


def test_HER_1_vague1_referencing_named_as_root_is_a_violation():
    got = findings(remove="cand:W-B sgr:rootReferencing ?r .", add="cand:W-B sgr:rootReferencing ref:W-VA1 .")
    assert got == {("HER-1", "W-B", "Violation")}


def test_HER_1_root_used_on_a_vague1_dispositif_is_a_violation():
    # W-B moved to the vague 1 LGC dispositif: its dates are then also past that dispositif's Date 1
    # and Date 2, which DATE-1, ROOT-3 and (for the optional profile added) DATE-3 report.
    got = findings(remove="cand:W-B sgr:dispositif ?d .", add="cand:W-B sgr:dispositif disp:LGC-MV-VA1 .")
    assert got == {
        ("HER-1", "W-B", "Violation"),
        ("DATE-1", "W-B", "Violation"),
        ("ROOT-3", "W-B", "Violation"),
        ("DATE-3", "W-MOD-B", "Violation"),
    }


def test_HER_1_vague2_root_conforms():
    assert findings() == set()


def test_HER_1_classic_deposit_with_a_vague1_root_is_only_an_information():
    got = findings(
        remove="cand:W-B sgr:rootReferencing ?r . cand:W-B sgr:classicDeposit ?c .",
        add="cand:W-B sgr:rootReferencing ref:W-VA1 ; sgr:classicDeposit true .",
    )
    assert got == {("ROOT-4", "W-B", "Info")}


def test_HER_2_vague1_referencing_of_another_device_type_is_a_violation():
    got = findings(
        add="""
        ref:W-VA1-MS a sgr:Referencing ; dcterms:identifier "W-VA1-MS" ; sgr:nru "W-VA1-MS" ; sgr:wave sgr:Vague1 ;
            sgr:dispositif disp:DUI-MS2-VA1 ; sgr:solutionVersion ver:W-SOL-2.9 ;
            sgr:referencingDate "2022-09-01"^^xsd:date .
        cand:W-A sgr:va1Referencing ref:W-VA1-MS ."""
    )
    assert got == {("HER-2", "W-A", "Violation")}


def test_HER_2_vague2_referencing_entered_as_vague1_is_a_violation():
    assert findings(add="cand:W-B sgr:va1Referencing ref:W-NRU-A .") == {("HER-2", "W-B", "Violation")}


def test_HER_2_same_device_type_heritage_conforms():
    # W-A (LGC, vague 2) inherits W-VA1 (LGC, vague 1); so may W-B on the other LGC dispositif.
    assert findings(add="cand:W-B sgr:va1Referencing ref:W-VA1 .") == set()


def test_COU_1_imaging_candidature_with_a_root_is_a_violation():
    assert findings(add=RIS_CANDIDATURE + ELIGIBLE + ROOT_OF_R) == {("COU-1", "W-R", "Violation")}


def test_COU_1_root_referenced_on_an_imaging_dispositif_is_a_violation():
    got = findings(
        remove="cand:W-B sgr:rootReferencing ?r .",
        add=RIS_CANDIDATURE + RIS_REFERENCED + "cand:W-B sgr:rootReferencing ref:W-NRU-R .",
    )
    assert got == {("COU-1", "W-B", "Violation")}


def test_COU_1_imaging_candidature_with_ris_heritage_and_no_root_conforms():
    got = findings(
        add=RIS_CANDIDATURE
        + ELIGIBLE
        + """
        ref:W-VA1-RIS a sgr:Referencing ; dcterms:identifier "W-VA1-RIS" ; sgr:nru "W-VA1-RIS" ; sgr:wave sgr:Vague1 ;
            sgr:dispositif disp:RIS-IMG-VA1 ; sgr:solutionVersion ver:W-SOL-2.9 ;
            sgr:referencingDate "2022-02-01"^^xsd:date .
        cand:W-R sgr:va1Referencing ref:W-VA1-RIS ."""
    )
    assert got == set()


def test_COU_1_imaging_candidature_in_classic_deposit_is_only_an_information():
    got = findings(add=RIS_CANDIDATURE + ELIGIBLE + ROOT_OF_R + "cand:W-R sgr:classicDeposit true .")
    assert got == {("ROOT-4", "W-R", "Info")}


# ---- HER-3: heritage from the vague 1 referencing the applying editor's solution obtained
# W-VA1, the vague 1 NRU that W-A enters, moved to version 1.0 of another solution W-SOL2, of {editor}.
VA1_OF_ANOTHER_SOLUTION = """
    ed:W-ED2 a sgr:Editor ; dcterms:identifier "W-ED2" .
    sol:W-SOL2 a sgr:Solution ; dcterms:identifier "W-SOL2" ; sgr:editor {editor} ; sgr:deviceType dt:LGC ;
        sgr:hasVersion ver:W-SOL2-1.0 .
    cmp:W2-CORE a sgr:MainComponent , sgr:Component ; dcterms:identifier "W2-CORE" ; dcterms:isPartOf sol:W-SOL2 .
    cn:W2-CN a sgr:CommercialName ; dcterms:identifier "W2-CN" ; sgr:nil "NIL-W2-1" ;
        sgr:cndaConformity <https://w3id.org/segur-kg/id/commercial-name/W2-CN/cnda> .
    <https://w3id.org/segur-kg/id/commercial-name/W2-CN/cnda> a sgr:CNDAConformity ;
        sgr:conformityStatus sgr:ConformityGranted ; sgr:conformityDate "2021-10-01"^^xsd:date .
    ver:W-SOL2-1.0 a sgr:SolutionVersion ; dcterms:identifier "W-SOL2-1.0" ; sgr:versionOf sol:W-SOL2 ;
        sgr:versionString "1.0" ; sgr:versionKey "000001.000000.000000.000000" ; sgr:mainComponent cmp:W2-CORE ;
        sgr:commercialName cn:W2-CN .
    ref:W-VA1 sgr:solutionVersion ver:W-SOL2-1.0 .
"""
VA1_VERSION = "ref:W-VA1 sgr:solutionVersion ?v ."


def test_HER_3_vague1_nru_of_another_editor_is_a_violation():
    got = findings(remove=VA1_VERSION, add=VA1_OF_ANOTHER_SOLUTION.replace("{editor}", "ed:W-ED2"))
    assert got == {("HER-3", "W-A", "Violation")}


def test_HER_3_message_names_both_solutions_and_both_editors_in_french_and_english():
    add = VA1_OF_ANOTHER_SOLUTION.replace("{editor}", "ed:W-ED2")
    for lang, words in (
        ("fr", "obtenu par la solution W-SOL2 de l'éditeur W-ED2"),
        ("en", "by solution W-SOL2 of editor W-ED2"),
    ):
        messages = [f.message for f in report(remove=VA1_VERSION, add=add, lang=lang).findings if f.shape == "HER-3"]
        assert len(messages) == 1 and words in messages[0]
        assert all(name in messages[0] for name in ("W-A", "W-SOL,", "W-ED)", "W-VA1"))


def test_HER_3_vague1_nru_of_another_solution_of_the_same_editor_is_a_warning():
    got = shapes_hit(remove=VA1_VERSION, add=VA1_OF_ANOTHER_SOLUTION.replace("{editor}", "ed:W-ED"))
    assert got == {("HER-3-OTHER-SOLUTION", "W-A", "Warning")}


def test_HER_3_vague1_nru_of_the_candidatures_own_solution_conforms():
    assert findings() == set()
