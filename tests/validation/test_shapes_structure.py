"""Structural shapes (shapes/structure.ttl): identifiers, cardinalities, datatypes, controlled
values, unique NRUs. Each test breaks the world in one place and asserts the exact findings."""

from helpers.shapes import ATTESTATION_B, CNDA_W_CN, NAMESPACES, findings

W_CN_PRO = NAMESPACES["cn"] + "W-CN-PRO"


def test_STRUCT_ID_entity_without_identifier_is_a_violation():
    assert findings(remove="cn:W-CN-PRO dcterms:identifier ?id .") == {("STRUCT-ID", W_CN_PRO, "Violation")}


def test_STRUCT_ID_malformed_identifier_is_a_violation():
    got = findings(remove="ed:W-ED dcterms:identifier ?id .", add='ed:W-ED dcterms:identifier "W ED!" .')
    assert got == {("STRUCT-ID", "W ED!", "Violation")}


def test_STRUCT_NRU_UNIQUE_two_referencings_with_one_nru_are_violations():
    got = findings(
        add="""
        ref:W-DUP a sgr:Referencing ; dcterms:identifier "W-DUP" ; sgr:nru "W-NRU-A" ; sgr:wave sgr:Vague2 ;
            sgr:dispositif disp:LGC-SF-VA2 ; sgr:solutionVersion ver:W-SOL-2.9 ;
            sgr:referencingDate "2026-03-05"^^xsd:date ."""
    )
    assert got == {("STRUCT-NRU-UNIQUE", "W-NRU-A", "Violation"), ("STRUCT-NRU-UNIQUE", "W-DUP", "Violation")}


def test_STRUCT_NRU_UNIQUE_two_psc_habilitations_with_one_nru_are_violations():
    got = findings(
        add="""
        psc:W-PSC2 a sgr:PSCHabilitation ; dcterms:identifier "W-PSC2" ; sgr:guichet sgr:GuichetEditeur ;
            sgr:pscConfiguration sgr:Separate ; sgr:nru "W-PSC-NRU" ; sgr:lps cmp:W-LPS ; sgr:proxy cmp:W-PROXY ;
            sgr:servesSolutionVersion ver:W-SOL-2.9 ; sgr:commercialName cn:W-CN , cn:W-CN-PRO ."""
    )
    assert got == {("STRUCT-NRU-UNIQUE", "W-PSC", "Violation"), ("STRUCT-NRU-UNIQUE", "W-PSC2", "Violation")}


def test_STRUCT_CANDIDATURE_candidature_without_status_is_a_violation():
    assert findings(remove="cand:W-B sgr:candidatureStatus ?s .") == {("STRUCT-CANDIDATURE", "W-B", "Violation")}


def test_STRUCT_CANDIDATURE_date_that_is_not_a_date_is_a_violation():
    got = findings(remove="cand:W-A sgr:adminDepositDate ?d .", add='cand:W-A sgr:adminDepositDate "10/01/2026" .')
    assert got == {("STRUCT-CANDIDATURE", "W-A", "Violation")}


def test_STRUCT_CANDIDATURE_profile_the_dispositif_does_not_offer_is_a_violation():
    assert findings(add="cand:W-B sgr:chosenProfile pdui:PA .") == {("STRUCT-CANDIDATURE", "W-B", "Violation")}


def test_STRUCT_ATTESTATION_statement_that_is_not_a_boolean_is_a_violation_and_breaks_ROOT_5():
    got = findings(
        remove=f"<{ATTESTATION_B}> sgr:attestsSingleSolution ?x .",
        add=f'<{ATTESTATION_B}> sgr:attestsSingleSolution "oui" .',
    )
    assert got == {("STRUCT-ATTESTATION", ATTESTATION_B, "Violation"), ("ROOT-5", "W-B", "Violation")}


def test_STRUCT_SOLUTION_solution_without_editor_is_a_violation():
    assert findings(remove="sol:W-SOL sgr:editor ?e .") == {("STRUCT-SOLUTION", "W-SOL", "Violation")}


def test_STRUCT_VERSION_malformed_version_key_is_a_violation():
    got = findings(remove="ver:W-SOL-2.10 sgr:versionKey ?k .", add='ver:W-SOL-2.10 sgr:versionKey "2.10" .')
    assert got == {("STRUCT-VERSION", "W-SOL-2.10", "Violation")}


def test_STRUCT_VERSION_version_without_main_component_is_a_violation():
    assert findings(remove="ver:W-SOL-2.9 sgr:mainComponent ?c .") == {("STRUCT-VERSION", "W-SOL-2.9", "Violation")}


def test_STRUCT_COMPONENT_two_component_types_are_a_violation():
    assert findings(add="cmp:W-AGENDA sgr:componentType ctype:FACTURATION .") == {
        ("STRUCT-COMPONENT", "W-AGENDA", "Violation")
    }


def test_STRUCT_COMMERCIAL_NAME_two_nils_are_a_violation():
    assert findings(add='cn:W-CN sgr:nil "NIL-W-9" .') == {("STRUCT-COMMERCIAL-NAME", "W-CN", "Violation")}


def test_STRUCT_CNDA_CONFORMITY_unknown_status_is_a_violation_and_leaves_the_names_without_conformity():
    got = findings(
        remove=f"<{CNDA_W_CN}> sgr:conformityStatus ?s .", add=f"<{CNDA_W_CN}> sgr:conformityStatus sgr:Validated ."
    )
    assert got == {
        ("STRUCT-CNDA-CONFORMITY", CNDA_W_CN, "Violation"),
        ("CNDA-2", "W-CN", "Warning"),
        ("CNDA-2", "W-CN-PRO", "Warning"),
    }


def test_STRUCT_REFERENCING_wave_other_than_the_dispositifs_is_a_violation_and_breaks_HER_2():
    got = findings(remove="ref:W-VA1 sgr:wave ?w .", add="ref:W-VA1 sgr:wave sgr:Vague2 .")
    assert got == {("STRUCT-REFERENCING", "W-VA1", "Violation"), ("HER-2", "W-A", "Violation")}


def test_STRUCT_REFERENCING_referencing_without_nru_is_a_violation():
    assert findings(remove="ref:W-VA1 sgr:nru ?n .") == {("STRUCT-REFERENCING", "W-VA1", "Violation")}


def test_STRUCT_PSC_HABILITATION_editor_habilitation_without_configuration_is_a_violation():
    assert findings(remove="psc:W-PSC sgr:pscConfiguration ?c .") == {("STRUCT-PSC-HABILITATION", "W-PSC", "Violation")}


def test_STRUCT_OPERATOR_HABILITATION_without_operator_is_a_violation():
    got = findings(
        add="""
        oph:W-OPH a sgr:OperatorHabilitation ; dcterms:identifier "W-OPH" ; sgr:guichet sgr:GuichetOperateur ;
            sgr:operatorRole sgr:OperateurServiceUtilisateur ; sgr:operatedComponent cmp:W-LPS ;
            sgr:habilitationDate "2026-01-05"^^xsd:date ."""
    )
    assert got == {("STRUCT-OPERATOR-HABILITATION", "W-OPH", "Violation")}


def test_STRUCT_OPERATOR_HABILITATION_complete_one_conforms():
    assert (
        findings(
            add="""
        op:W-OP a sgr:Operator ; dcterms:identifier "W-OP" .
        oph:W-OPH a sgr:OperatorHabilitation ; dcterms:identifier "W-OPH" ; sgr:guichet sgr:GuichetOperateur ;
            sgr:operatorRole sgr:OperateurServiceUtilisateur ; sgr:operator op:W-OP ; sgr:operatedComponent cmp:W-LPS ;
            sgr:habilitationDate "2026-01-05"^^xsd:date ."""
        )
        == set()
    )


def test_STRUCT_PROOF_unknown_status_is_a_violation():
    proof = "<https://w3id.org/segur-kg/id/candidature/W-A/proof/1>"
    got = findings(remove=f"{proof} sgr:proofStatus ?s .", add=f"{proof} sgr:proofStatus sgr:Draft .")
    assert got == {("STRUCT-PROOF", "W-A/proof/1", "Violation")}


def test_STRUCT_MODIFICATION_modification_without_date_is_a_violation():
    assert findings(remove="mod:W-MOD-B sgr:modificationDate ?d .") == {("STRUCT-MODIFICATION", "W-MOD-B", "Violation")}


def test_STRUCT_DISPOSITIF_two_dates_1_are_a_violation():
    got = findings(add='disp:LGC-SF-VA2 sgr:date1 "2026-04-15"^^xsd:date .')
    assert got == {("STRUCT-DISPOSITIF", "LGC-SF-VA2", "Violation")}
